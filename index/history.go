package index

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/golang/snappy"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// The history keeps every version of an agreement the index has seen, not
// only the one a path shows now: one Version per distinct content
// (SHA-256), with its record as last extracted. The versions, and where
// each record lies, are an internal value of the bleve index written in
// the same batch as the documents, so a crash loses no more history than
// documents; the records lie in pack files beside it (historypack.go). A
// content read again by a newer extractor is the same version with a new
// record.
var keyHistory = []byte("dpa.history")

// historyRecordKey is the internal key under which an index written before
// the packs (schema 11 and older) kept a version's record.
func historyRecordKey(sha string) []byte { return []byte("dpa.history/" + sha) }

// snappyRecord opens a version's record compressed with snappy (its JSON
// otherwise, as indexes written before kept it, opens with '{'):
// compressed, 3,000 synthetic records take 4.0 MB instead of 6.5.
const snappyRecord = 0x01

// packRecord returns the stored form of a record's JSON.
func packRecord(data []byte) []byte {
	out := make([]byte, 1+snappy.MaxEncodedLen(len(data)))
	out[0] = snappyRecord
	return out[:1+len(snappy.Encode(out[1:], data))]
}

// unpackRecord returns the JSON of a stored record.
func unpackRecord(data []byte) ([]byte, error) {
	if len(data) > 0 && data[0] == snappyRecord {
		return snappy.Decode(nil, data[1:])
	}
	return data, nil
}

// Version is one content of an agreement the index has seen.
type Version struct {
	// SHA256 is the content's SHA-256, the version's identity.
	SHA256 string `json:"sha256"`
	// Paths are every path the content was seen under, sorted.
	Paths []string `json:"paths"`
	// FirstSeen and LastSeen bound the updates that saw the content.
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// Inherited marks a version taken over from an index made before the
	// history was kept: FirstSeen is then the upgrade, not the first sight.
	Inherited bool `json:"inherited,omitempty"`
	// ExtractorVersion made the version's record.
	ExtractorVersion string `json:"extractor_version"`

	// What grouping into agreement lines needs, from the record.
	Supplier    string   `json:"supplier"`           // the supplier's name as written
	SupplierKey string   `json:"supplier_key"`       // normalize.NameKey of it
	KvK         string   `json:"kvk,omitempty"`      // 8 digits
	Kind        string   `json:"kind"`               // the record's kind
	Products    []string `json:"products,omitempty"` // product name keys, sorted
	VersionDate string   `json:"version_date,omitempty"`
}

// history is the index's set of versions by SHA-256, and where the record
// of each lies.
type history struct {
	Versions map[string]*Version  `json:"versions"`
	Records  map[string]recordLoc `json:"records,omitempty"`
}

// loadHistory reads the history; ok is false when the index has none yet
// (it was made before history was kept).
func loadHistory(bi bleve.Index) (h *history, ok bool, err error) {
	b, err := bi.GetInternal(keyHistory)
	if err != nil {
		return nil, false, err
	}
	h = &history{Versions: map[string]*Version{}, Records: map[string]recordLoc{}}
	if len(b) == 0 {
		return h, false, nil
	}
	if err := json.Unmarshal(b, h); err != nil {
		return nil, false, fmt.Errorf("history unreadable: %w", err)
	}
	if h.Versions == nil {
		h.Versions = map[string]*Version{}
	}
	if h.Records == nil {
		h.Records = map[string]recordLoc{}
	}
	return h, true, nil
}

// versionOf describes rec as a version first seen at now.
func versionOf(rec *extract.Record, now time.Time) *Version {
	v := &Version{SHA256: rec.Source.SHA256, FirstSeen: now, LastSeen: now, ExtractorVersion: rec.ExtractorVersion, Kind: rec.Kind}
	v.setRecord(rec)
	return v
}

// setRecord takes the grouping facts from a (re-)extracted record.
func (v *Version) setRecord(rec *extract.Record) {
	v.ExtractorVersion, v.Kind = rec.ExtractorVersion, rec.Kind
	v.Supplier, v.SupplierKey, v.KvK = "", "", ""
	if rec.Processor.Name != nil {
		v.Supplier = *rec.Processor.Name
		v.SupplierKey = normalize.NameKey(*rec.Processor.Name)
	}
	if rec.Processor.KvK != nil {
		v.KvK = digitsOnly(*rec.Processor.KvK)
	}
	v.Products = nil
	for _, p := range rec.Products {
		if k := normalize.NameKey(p); k != "" && !slices.Contains(v.Products, k) {
			v.Products = append(v.Products, k)
		}
	}
	sort.Strings(v.Products)
	v.VersionDate = ""
	if rec.VersionDate != nil {
		v.VersionDate = *rec.VersionDate
	}
}

// pathsBySHA maps each content SHA-256 of m to the paths showing it,
// sorted. (A record's own Source.Paths may list the files of other copies
// of one agreement, so a version's paths come from the manifest.)
func pathsBySHA(m *manifest) map[string][]string {
	out := map[string][]string{}
	for p, e := range m.Files {
		if e.SHA != "" && e.Err == "" && e.Skip == "" {
			out[e.SHA] = append(out[e.SHA], p)
		}
	}
	for _, ps := range out {
		sort.Strings(ps)
	}
	return out
}

func (v *Version) addPath(p string) {
	if i, found := slices.BinarySearch(v.Paths, p); !found {
		v.Paths = slices.Insert(v.Paths, i, p)
	}
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// historyState is what an Update keeps of the history while it runs.
type historyState struct {
	h       *history
	now     time.Time
	touched map[string]bool // versions whose LastSeen this run has set
	next    int             // the number of the next pack
	pack    *packBuffer     // the records of the commit being made
	changed bool            // the commit being made changes the history
}

// staged is what a commit writes besides its documents: the history
// (nil when unchanged; its records are in the history state's pack) and
// the manifest, as JSON.
type staged struct {
	history, manifest []byte
}

// stage makes what the commit adds to the history and the manifest: a
// version for every record read in this batch (a content read again keeps
// its version and takes the new record, into the commit's pack) and this
// run's sight of every content under the paths it found. bi is the
// commit's generation; it may be nil once the history is loaded, so that
// a commit stages while the batch before it is still written. The first
// update of an index made before history was kept takes its documents
// over as versions.
func (u *Update) stage(bi bleve.Index) (*staged, error) {
	if u.hist == nil {
		h, ok, err := loadHistory(bi)
		if err != nil {
			return nil, err
		}
		packs, err := listPacks(filepath.Join(genDir(bi), historyDir))
		if err != nil {
			return nil, err
		}
		u.hist = &historyState{h: h, now: time.Now().UTC(), touched: map[string]bool{}, next: 1}
		if len(packs) > 0 {
			u.hist.next = packNumber(packs[len(packs)-1]) + 1
		}
		if !ok {
			if err := u.inheritHistory(bi); err != nil {
				return nil, err
			}
		}
	}
	hs := u.hist
	var paths map[string][]string // content SHA-256 → its paths, built once per commit
	if len(u.fresh) > 0 {
		paths = pathsBySHA(u.cur)
	}
	for id, s := range u.fresh {
		if s == nil || s.Record == nil {
			continue
		}
		rec := s.Record
		sha := rec.Source.SHA256
		if sha == "" {
			sha = u.cur.Docs[id].content(id)
		}
		v, ok := hs.h.Versions[sha]
		if !ok {
			v = versionOf(rec, hs.now)
			v.SHA256 = sha
			hs.h.Versions[sha] = v
		}
		v.setRecord(rec)
		for _, p := range paths[sha] {
			v.addPath(p)
		}
		v.LastSeen = hs.now
		hs.touched[sha] = true
		packed := s.recordPacked
		if packed == nil || !samePaths(v.Paths, s.recordPaths) || !samePaths(rec.Source.Paths, s.recordPaths) {
			own := *rec
			own.Source.Paths = slices.Clone(v.Paths)
			data, err := json.Marshal(&own)
			if err != nil {
				return nil, err
			}
			packed = packRecord(data)
		}
		hs.add(sha, packed)
	}
	for p := range u.seen {
		e, ok := u.cur.Files[p]
		f := u.seen[p]
		if !ok || e.SHA == "" || hs.touched[e.SHA] || e.Size != f.Size || e.MTime != f.Modified.UnixNano() {
			continue // not read yet in this run, or not at all
		}
		if v, ok := hs.h.Versions[e.SHA]; ok {
			v.LastSeen = hs.now
			v.addPath(p)
			hs.touched[e.SHA] = true
			hs.changed = true
		}
	}
	st := &staged{}
	var err error
	if hs.changed {
		if st.history, err = json.Marshal(hs.h); err != nil {
			return nil, err
		}
	}
	if st.manifest, err = json.Marshal(u.cur); err != nil {
		return nil, err
	}
	return st, nil
}

// add puts a version's stored record into the commit's pack.
func (hs *historyState) add(sha string, packed []byte) {
	if hs.pack == nil {
		hs.pack = &packBuffer{name: packName(hs.next)}
	}
	hs.h.Records[sha] = hs.pack.add(packed)
	hs.changed = true
}

// writeHistory writes what st stages of the history into batch b of
// generation bi: the commit's pack into bi's history folder (gathering the
// live records of the others into it when they are many, see
// compactPacks), then the history itself.
func (u *Update) writeHistory(bi bleve.Index, b *bleve.Batch, st *staged) error {
	hs := u.hist
	if !hs.changed {
		return nil
	}
	if hs.pack != nil {
		compacted, err := compactPacks(bi, hs.h, hs.pack)
		if err != nil {
			return err
		}
		if compacted {
			if st.history, err = json.Marshal(hs.h); err != nil {
				return err
			}
		}
		if err := hs.pack.write(genDir(bi)); err != nil {
			return err
		}
		hs.pack, hs.next = nil, hs.next+1
	}
	b.SetInternal(keyHistory, st.history)
	hs.changed = false
	return nil
}

// samePaths reports whether a and b encode to the same JSON.
func samePaths(a, b []string) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}

// inheritHistory makes a version of every document the index holds.
func (u *Update) inheritHistory(bi bleve.Index) error {
	hs := u.hist
	ids := make([]string, 0, len(u.old.Docs))
	for id := range u.old.Docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	paths := pathsBySHA(u.old)
	for _, id := range ids {
		s, err := loadStored(bi, id)
		if err != nil {
			continue // written by an older batch format or deleted: nothing to inherit
		}
		rec := s.Record
		sha := rec.Source.SHA256
		if sha == "" {
			sha = u.old.Docs[id].content(id)
		}
		if _, ok := hs.h.Versions[sha]; ok {
			continue
		}
		v := versionOf(rec, hs.now)
		v.SHA256, v.Inherited, v.Paths = sha, true, paths[sha]
		hs.h.Versions[sha] = v
		data, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		hs.add(sha, packRecord(data))
	}
	return nil
}

// History returns every version the index has seen, ordered by first
// sight then SHA-256. An index made before history was kept (and not
// updated since) gives its current documents as inherited versions.
func (ix *Index) History() ([]Version, error) {
	var out []Version
	err := ix.view(func(bi bleve.Index) error {
		var err error
		out, err = versionsIn(bi)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ix.dir, err)
	}
	return out, nil
}

// view runs fn on the published generation without writing: a writable
// Index would otherwise make a new generation for a read.
func (ix *Index) view(fn func(bleve.Index) error) error {
	if ix.opts.ReadOnly {
		return ix.with(fn)
	}
	return ix.read(fn)
}

// versionsIn returns the versions of bi, ordered by first sight.
func versionsIn(bi bleve.Index) ([]Version, error) {
	h, err := historyIn(bi)
	if err != nil {
		return nil, err
	}
	return sortedVersions(h), nil
}

// historyIn returns the history of bi; for an index made before history
// was kept, its documents as versions.
func historyIn(bi bleve.Index) (*history, error) {
	h, ok, err := loadHistory(bi)
	if err != nil || ok {
		return h, err
	}
	return currentAsHistory(bi)
}

// sortedVersions returns the versions of h ordered by first sight, then SHA-256.
func sortedVersions(h *history) []Version {
	out := make([]Version, 0, len(h.Versions))
	for _, v := range h.Versions {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].FirstSeen.Equal(out[j].FirstSeen) {
			return out[i].FirstSeen.Before(out[j].FirstSeen)
		}
		return out[i].SHA256 < out[j].SHA256
	})
	return out
}

// currentAsHistory describes the documents of an index without history
// as versions, without writing anything.
func currentAsHistory(bi bleve.Index) (*history, error) {
	m, err := loadManifest(bi)
	if err != nil {
		return nil, err
	}
	h := &history{Versions: map[string]*Version{}, Records: map[string]recordLoc{}}
	paths := pathsBySHA(m)
	for id, d := range m.Docs {
		s, err := loadStored(bi, id)
		if err != nil {
			continue
		}
		sha := s.Record.Source.SHA256
		if sha == "" {
			sha = d.content(id)
		}
		v := versionOf(s.Record, s.Record.Source.Modified.UTC())
		v.SHA256, v.Inherited, v.Paths = sha, true, paths[sha]
		h.Versions[sha] = v
	}
	return h, nil
}

// VersionRecord returns the record of the version with content sha256.
func (ix *Index) VersionRecord(sha256 string) (*extract.Record, error) {
	var rec *extract.Record
	err := ix.view(func(bi bleve.Index) error {
		var err error
		rec, err = versionRecordIn(bi, sha256)
		return err
	})
	return rec, err
}

// versionRecordIn reads a version's record from bi: from the history, or
// for an index without one, from the document holding that content.
func versionRecordIn(bi bleve.Index, sha256 string) (*extract.Record, error) {
	h, _, err := loadHistory(bi)
	if err != nil {
		return nil, err
	}
	r := newRecordReader(bi, h)
	defer r.close()
	return r.record(sha256)
}

// record returns the record of version sha: from its pack, or for an index
// without history, from the document holding that content.
func (r *recordReader) record(sha string) (*extract.Record, error) {
	data, err := r.stored(sha)
	if err != nil {
		return nil, err
	}
	if len(data) > 0 {
		rec := &extract.Record{}
		if data, err = unpackRecord(data); err != nil {
			return nil, fmt.Errorf("version %s: record unreadable: %w", shortID(sha), err)
		}
		if err := json.Unmarshal(data, rec); err != nil {
			return nil, fmt.Errorf("version %s: record unreadable: %w", shortID(sha), err)
		}
		return rec, nil
	}
	m, err := loadManifest(r.bi)
	if err != nil {
		return nil, err
	}
	for id, d := range m.Docs {
		if d.content(id) == sha {
			s, err := loadStored(r.bi, id)
			if err != nil {
				return nil, err
			}
			return s.Record, nil
		}
	}
	return nil, fmt.Errorf("version %s: %w", shortID(sha), ErrNotFound)
}
