package index

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
)

// manifest is what the index knows about the files it was built from. It
// is stored as an internal value of the bleve index and written in the
// same batch as the documents it describes, so that both stay in step
// whatever moment a crash strikes.
type manifest struct {
	// Files maps an absolute path to what was seen there.
	Files map[string]fileEntry `json:"files"`
	// Docs maps a document id to facts about it. The id is the SHA-256 of
	// the content first read for it; an edited file keeps it (see SHA).
	Docs map[string]docEntry `json:"docs"`
}

// fileEntry is one path of the drive as last seen.
type fileEntry struct {
	Size  int64 `json:"size"`
	MTime int64 `json:"mtime"` // Unix nanoseconds
	// SHA is the SHA-256 of the content last read there.
	SHA string `json:"sha"`
	// Doc is the document shown for this path: SHA when it was read fine,
	// the last good content when SHA failed, "" when there is none.
	Doc string `json:"doc,omitempty"`
	// Version is the extractor version that read SHA.
	Version string `json:"version"`
	// Err says why SHA could not be read.
	Err string `json:"err,omitempty"`
	// Missing marks a path gone from the drive, kept on request.
	Missing bool `json:"missing,omitempty"`
	// Skip says why SHA was not read into the index (no agreement).
	Skip string `json:"skip,omitempty"`
}

// docEntry is one document of the index.
type docEntry struct {
	// Version is the extractor version that made its record.
	Version string `json:"version"`
	// SHA is the SHA-256 of the content it now holds, when that is not
	// its id (the file was edited and kept its id).
	SHA string `json:"sha,omitempty"`
	// Agreement is the key of the agreement it is a file of (see
	// agreementKey); Rank orders the documents of one agreement.
	Agreement string `json:"agreement,omitempty"`
	Rank      int    `json:"rank,omitempty"`
	// WrittenWith is the representative of its agreement (group[0] of
	// agreements) when it was last written: a member written with the
	// current representative need not be written again when another file
	// of its agreement changes.
	WrittenWith string `json:"written_with,omitempty"`
}

// content returns the SHA-256 of the content document id holds.
func (d docEntry) content(id string) string {
	if d.SHA != "" {
		return d.SHA
	}
	return id
}

// rawPrefix starts the JSON key of a path that is not UTF-8 text. JSON
// strings hold only UTF-8: such a path ("caf\xe9.txt", from an old
// Windows or Mac drive) would be stored with U+FFFD in place of its bytes,
// never match the file again, and churn (moved, removed) on every run.
// No path contains a NUL byte, so the prefix cannot be a real name.
const rawPrefix = "\x00base64:"

// pathKey returns the JSON key that stores path byte for byte.
func pathKey(path string) string {
	if utf8.ValidString(path) {
		return path
	}
	return rawPrefix + base64.StdEncoding.EncodeToString([]byte(path))
}

// keyPath returns the path a JSON key stores.
func keyPath(key string) (string, error) {
	enc, ok := strings.CutPrefix(key, rawPrefix)
	if !ok {
		return key, nil
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return "", fmt.Errorf("path key %q: %w", key, err)
	}
	return string(b), nil
}

// manifestJSON is the manifest as it is stored.
type manifestJSON struct {
	Files map[string]fileEntry `json:"files"`
	Docs  map[string]docEntry  `json:"docs"`
}

// MarshalJSON stores every path byte for byte (see rawPrefix).
func (m manifest) MarshalJSON() ([]byte, error) {
	out := manifestJSON{Files: make(map[string]fileEntry, len(m.Files)), Docs: m.Docs}
	for p, e := range m.Files {
		out.Files[pathKey(p)] = e
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (m *manifest) UnmarshalJSON(b []byte) error {
	var in manifestJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	m.Files, m.Docs = make(map[string]fileEntry, len(in.Files)), in.Docs
	for k, e := range in.Files {
		p, err := keyPath(k)
		if err != nil {
			return err
		}
		m.Files[p] = e
	}
	return nil
}

func newManifest() *manifest {
	return &manifest{Files: map[string]fileEntry{}, Docs: map[string]docEntry{}}
}

func loadManifest(bi bleve.Index) (*manifest, error) {
	b, err := bi.GetInternal(keyManifest)
	if err != nil {
		return nil, err
	}
	m := newManifest()
	if len(b) == 0 {
		return m, nil
	}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("manifest unreadable: %w", err)
	}
	if m.Files == nil {
		m.Files = map[string]fileEntry{}
	}
	if m.Docs == nil {
		m.Docs = map[string]docEntry{}
	}
	return m, nil
}

func (m *manifest) clone() *manifest {
	c := newManifest()
	for k, v := range m.Files {
		c.Files[k] = v
	}
	for k, v := range m.Docs {
		c.Docs[k] = v
	}
	return c
}

// under reports whether path lies in one of roots (or is one).
func under(path string, roots []string) bool {
	for _, r := range roots {
		if path == r {
			return true
		}
		rel, err := filepath.Rel(r, path)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
