package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/dpa-nl/dpa/extract"
)

// History packs.
//
// The record of every version the index has seen lies in pack files in the
// generation folder's "history" folder, not in the bleve index: scorch
// writes every internal value again each time it persists a batch, and a
// generation copies its bolt root whole, so records kept there (a few KB
// each) made every commit cost the size of the whole history: a sync of
// three changed files in an index of 3,000 copied a bolt root of 61-97 MB
// (BenchmarkSyncFew; 33 MB with the packs). A pack is
// written once, by the commit whose records it holds, and never changed:
// the next generation hard-links it as it does scorch's segment files, and
// the history (an internal value, written in the same batch as the
// documents) says where each record lies. A commit that fails leaves its
// pack in the generation it removes. When the packs grow many, or hold more
// records no version points to than records one does, a commit writes the
// live records into its own pack and drops the others from its generation.

const (
	historyDir = "history" // the packs' folder in a generation
	packExt    = ".pack"
	// defaultMaxPacks is how many packs a generation holds before a
	// commit gathers the live records into one.
	defaultMaxPacks = 32
)

// maxPacks is defaultMaxPacks; tests lower it.
var maxPacks = defaultMaxPacks

// recordLoc is where a version's record lies: a pack of the history
// folder, the byte range, and the CRC-32 (IEEE) of those bytes.
type recordLoc struct {
	Pack string `json:"pack"`
	Off  int64  `json:"off"`
	Len  int64  `json:"len"`
	CRC  uint32 `json:"crc"`
}

// genDir returns the generation folder of bi: bleve names an index it
// opened by its path.
func genDir(bi bleve.Index) string { return bi.Name() }

// packBuffer holds the records of one commit in memory, in the order
// they will lie in its pack, until the commit's generation exists.
type packBuffer struct {
	name string // the pack's file name
	data []byte
}

// packName is the file name of pack number n.
func packName(n int) string { return fmt.Sprintf("%08d%s", n, packExt) }

// add appends one stored record (packRecord's form) and returns where it
// will lie.
func (p *packBuffer) add(data []byte) recordLoc {
	loc := recordLoc{Pack: p.name, Off: int64(len(p.data)), Len: int64(len(data)), CRC: crc32.ChecksumIEEE(data)}
	p.data = append(p.data, data...)
	return loc
}

// write writes the pack into generation folder gen's history folder and
// makes it durable, before the batch that points into it is written.
func (p *packBuffer) write(gen string) error {
	dir := filepath.Join(gen, historyDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, p.name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(p.data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// listPacks returns the pack file names of a history folder, oldest first.
func listPacks(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var packs []string
	for _, e := range entries {
		if packNumber(e.Name()) > 0 {
			packs = append(packs, e.Name())
		}
	}
	sort.Slice(packs, func(i, j int) bool { return packNumber(packs[i]) < packNumber(packs[j]) })
	return packs, nil
}

// packNumber is the sequence number of a pack's file name, 0 for another name.
func packNumber(name string) int {
	n, ok := strings.CutSuffix(name, packExt)
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(n)
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// recordReader reads version records from the packs of one generation,
// keeping each pack it opened open until close.
type recordReader struct {
	bi    bleve.Index
	h     *history
	files map[string]*os.File
}

func newRecordReader(bi bleve.Index, h *history) *recordReader {
	return &recordReader{bi: bi, h: h, files: map[string]*os.File{}}
}

// stored returns the stored form (packRecord's) of the record of version
// sha, nil when the history has no record of it. An index written before
// the packs (schema 11 and older) kept the records as internal values: a
// record not in a pack is read from there.
func (r *recordReader) stored(sha string) ([]byte, error) {
	loc, ok := r.h.Records[sha]
	if !ok {
		return r.bi.GetInternal(historyRecordKey(sha))
	}
	f := r.files[loc.Pack]
	if f == nil {
		var err error
		if f, err = os.Open(filepath.Join(genDir(r.bi), historyDir, loc.Pack)); err != nil {
			return nil, fmt.Errorf("version %s: %w", shortID(sha), err)
		}
		r.files[loc.Pack] = f
	}
	data := make([]byte, loc.Len)
	if _, err := f.ReadAt(data, loc.Off); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("version %s: record unreadable in %s: %w", shortID(sha), loc.Pack, err)
	}
	if crc32.ChecksumIEEE(data) != loc.CRC {
		return nil, fmt.Errorf("version %s: record damaged in %s (checksum)", shortID(sha), loc.Pack)
	}
	return data, nil
}

// close closes the packs r opened.
func (r *recordReader) close() {
	for _, f := range r.files {
		f.Close()
	}
	r.files = nil
}

// compactPacks gathers the live records of h into the commit's pack w
// and removes every other pack from generation bi, when bi holds more than
// maxPacks packs or they and w are more than twice the size of the live
// records (and over a MB); it reports whether it did. Older generations
// keep their links to the packs removed, so their readers are undisturbed.
func compactPacks(bi bleve.Index, h *history, w *packBuffer) (bool, error) {
	dir := filepath.Join(genDir(bi), historyDir)
	packs, err := listPacks(dir)
	if err != nil {
		return false, err
	}
	total, live := int64(len(w.data)), int64(0)
	for _, p := range packs {
		if fi, err := os.Stat(filepath.Join(dir, p)); err == nil {
			total += fi.Size()
		}
	}
	for _, loc := range h.Records {
		live += loc.Len
	}
	if len(packs) < maxPacks && total <= 2*live+1<<20 {
		return false, nil
	}
	r := newRecordReader(bi, h)
	defer r.close()
	shas := make([]string, 0, len(h.Records))
	for sha, loc := range h.Records {
		if loc.Pack != w.name {
			shas = append(shas, sha)
		}
	}
	sort.Strings(shas)
	for _, sha := range shas {
		data, err := r.stored(sha)
		if err != nil {
			return false, err
		}
		h.Records[sha] = w.add(data)
	}
	for _, p := range packs {
		if err := os.Remove(filepath.Join(dir, p)); err != nil {
			return false, err
		}
	}
	return true, nil
}

// carryHistory writes the history of generation old, an index made with
// another mapping, into the new index bi: every version with its record,
// in one pack. The documents are read again by the next update; the
// versions no file shows any more would otherwise be lost with the
// rebuild. An old index without history gives its documents as versions.
func (ix *Index) carryHistory(old string, bi bleve.Index) error {
	prev, err := ix.openGen(old, true)
	if err != nil {
		return fmt.Errorf("carrying the history over: %w", err)
	}
	defer prev.Close()
	h, err := historyIn(prev)
	if err != nil {
		return fmt.Errorf("%s: carrying the history over: %w", ix.dir, err)
	}
	r := newRecordReader(prev, h)
	defer r.close()
	carried := &history{Versions: h.Versions, Records: map[string]recordLoc{}}
	w := &packBuffer{name: packName(1)}
	shas := make([]string, 0, len(h.Versions))
	for sha := range h.Versions {
		shas = append(shas, sha)
	}
	sort.Strings(shas)
	for _, sha := range shas {
		data, err := r.stored(sha) // as it was stored
		if err == nil && len(data) == 0 {
			var rec *extract.Record // no history: the document's record
			if rec, err = r.record(sha); err == nil {
				data, err = json.Marshal(rec)
				data = packRecord(data)
			}
		}
		if errors.Is(err, ErrNotFound) {
			continue // a version whose record is gone: kept without one, as before
		}
		if err != nil {
			return fmt.Errorf("%s: carrying the history over: %w", ix.dir, err)
		}
		carried.Records[sha] = w.add(data)
	}
	if len(w.data) > 0 {
		if err := w.write(genDir(bi)); err != nil {
			return fmt.Errorf("%s: carrying the history over: %w", ix.dir, err)
		}
	}
	data, err := json.Marshal(carried)
	if err != nil {
		return err
	}
	return bi.SetInternal(keyHistory, data)
}
