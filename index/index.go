// Package index stores extracted records in a bleve full-text index and
// answers auditors' queries on them. It keeps the index in step with a
// shared drive: a re-run reads only files that changed (see Update).
//
// An index is a folder: gen-NNNNNN/ folders hold generations of the bleve
// index (scorch), "current" names the published one, lock is the writers'
// lock file. One writer at a time holds the lock for the whole run and
// commits each batch as a new generation, so that searches (which hold
// the published generation open) go on at full speed while a long update
// runs, and switch to each new generation as it is published.
// dpa-index.txt (corpus.IndexMarker) marks the folder so that dpa never
// reads it as input.
package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
	bolt "go.etcd.io/bbolt"
	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// DefaultDir is the index folder the dpa commands use when none is given.
const DefaultDir = "dpa.index"

// DefaultTimeout is how long Open waits for another dpa that holds the index.
const DefaultTimeout = 30 * time.Second

// ErrBusy is returned (wrapped) when the index stays locked by another dpa
// for longer than Options.Timeout.
var ErrBusy = errors.New("index is busy")

// ErrSchema is returned (wrapped) by a read-only Open of an index built
// with another mapping; a writable Open rebuilds such an index instead.
var ErrSchema = errors.New("index was built by another version of dpa")

// ErrNotFound is returned (wrapped) for a document id the index does not hold.
var ErrNotFound = errors.New("no such document")

// Options configure Open.
type Options struct {
	// ReadOnly opens an existing index for searching. A read-only Index
	// holds a shared lock on the bleve index until Close; writers wait for it.
	ReadOnly bool
	// PerCall, with ReadOnly, opens the bleve index for each call and
	// closes it after instead of holding the published generation open.
	// Slower; no longer needed to let writers in (see generation.go).
	PerCall bool
	// Timeout bounds the wait for a lock held by another dpa; 0 means
	// DefaultTimeout, a negative value fails at once.
	Timeout time.Duration
	// Logger receives progress; nil means no logging.
	Logger *zap.Logger
}

// Index is an open dpa index. Its methods are safe for concurrent use
// when it was opened ReadOnly; a writable Index serves one goroutine.
type Index struct {
	dir    string
	opts   Options
	gens   readers    // the generation a read-only Index holds open
	tables tableCache // facet values, sort keys and rows of the last snapshot searched
	lock   *lockFile  // the writers' lock, nil when ReadOnly
	log    *zap.Logger

	flightMu sync.Mutex
	flight   *flight // a batch an Update writes in the background
}

// flight is a batch being written in the background: an Update commits a
// batch on its own goroutine while it makes the next one.
type flight struct {
	done chan struct{} // closed when written (and published) or failed
	err  error         // set before done is closed
}

// settle waits for the batch in flight, if any; its error goes to the
// Update that started it.
func (ix *Index) settle() {
	ix.flightMu.Lock()
	f := ix.flight
	ix.flightMu.Unlock()
	if f != nil {
		<-f.done
	}
}

// Internal keys of the bleve index.
var (
	keySchema   = []byte("dpa.schema")
	keyManifest = []byte("dpa.manifest")
)

// Open opens the index in dir. A writable Open creates the index when dir
// does not hold one yet and waits up to opts.Timeout for another writer.
// A read-only Index holds the published generation open and follows the
// writer's new ones (see generation.go), so it never blocks a writer.
func Open(dir string, opts Options) (*Index, error) {
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Timeout < 0 {
		opts.Timeout = time.Millisecond
	}
	ix := &Index{dir: dir, opts: opts, log: opts.Logger}
	if ix.log == nil {
		ix.log = zap.NewNop()
	}
	if opts.ReadOnly {
		if err := ix.with(ix.checkSchema); err != nil {
			ix.closeReaders()
			return nil, err
		}
		return ix, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if err := writeMarker(dir); err != nil {
		return nil, err
	}
	lock, err := acquireLock(filepath.Join(dir, "lock"), opts.Timeout)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	ix.lock = lock
	if err := ix.create(); err != nil {
		lock.release()
		return nil, err
	}
	return ix, nil
}

// markerText is the content of the marker file, for a person who finds it.
const markerText = "This folder is a dpa index. dpa never reads it as input; delete the folder to rebuild it.\n"

// writeMarker writes corpus.IndexMarker into dir unless it is there, so
// that dpa never reads the index as input even when it lies on the drive.
func writeMarker(dir string) error {
	p := filepath.Join(dir, corpus.IndexMarker)
	if _, err := os.Lstat(p); err == nil {
		return nil
	}
	if err := os.WriteFile(p, []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	return nil
}

// Dir returns the folder of the index.
func (ix *Index) Dir() string { return ix.dir }

func (ix *Index) genPath(gen string) string { return filepath.Join(ix.dir, gen) }

// create makes the bleve index when there is none yet, or checks the one
// there; one built with another mapping is replaced by a new generation
// that holds its history and no document (the next update then reads every
// file again). It also removes what a killed writer left.
func (ix *Index) create() error {
	gen, err := currentGen(ix.dir)
	if err != nil {
		return fmt.Errorf("%s: %w", ix.dir, err)
	}
	rebuild := false
	if _, err := os.Stat(ix.genPath(gen)); err == nil {
		err := ix.read(ix.checkSchema)
		if !errors.Is(err, ErrSchema) {
			if err == nil {
				removeStale(ix.dir, gen, ix.log)
			}
			return err
		}
		ix.log.Warn("rebuilding the index: it was made with another mapping", zap.String("index", ix.dir), zap.Error(err))
		rebuild = true
	}
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("index mapping: %w", err)
	}
	next, err := nextGen(ix.dir)
	if err != nil {
		return fmt.Errorf("%s: %w", ix.dir, err)
	}
	bi, err := bleve.NewUsing(ix.genPath(next), m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("%s: creating index: %w", ix.dir, err)
	}
	err = bi.SetInternal(keySchema, []byte(SchemaVersion))
	if err == nil && rebuild {
		err = ix.carryHistory(gen, bi)
	}
	if cerr := bi.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = publish(ix.dir, next)
	}
	if err != nil {
		return fmt.Errorf("%s: creating index: %w", ix.dir, err)
	}
	removeStale(ix.dir, next, ix.log)
	return nil
}

func (ix *Index) checkSchema(bi bleve.Index) error {
	v, err := bi.GetInternal(keySchema)
	if err != nil {
		return fmt.Errorf("%s: %w", ix.dir, err)
	}
	if string(v) != SchemaVersion {
		return fmt.Errorf("%s: %w (schema %q, want %q): run dpa index to rebuild it", ix.dir, ErrSchema, v, SchemaVersion)
	}
	return nil
}

// openGen opens generation gen, read-only or for writing, waiting at most
// opts.Timeout for a bolt file lock another process holds.
func (ix *Index) openGen(gen string, readOnly bool) (bleve.Index, error) {
	path := ix.genPath(gen)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s: no dpa index here (run dpa index first): %w", ix.dir, err)
	}
	cfg := map[string]interface{}{"bolt_timeout": ix.opts.Timeout.String()}
	if readOnly {
		cfg["read_only"] = true
	}
	bi, err := bleve.OpenUsing(path, cfg)
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("%s: %w: another dpa kept it locked for %s", ix.dir, ErrBusy, ix.opts.Timeout)
		}
		return nil, fmt.Errorf("%s: opening index: %w", ix.dir, err)
	}
	return bi, nil
}

// with runs fn on the open bleve index. A read-only Index runs it on the
// generation it holds (or, PerCall, on one opened for the call); a
// writable Index runs it on a new generation that it publishes when fn
// succeeds, so that readers never see a half-written batch.
func (ix *Index) with(fn func(bleve.Index) error) error {
	switch {
	case !ix.opts.ReadOnly:
		return ix.write(fn)
	case ix.opts.PerCall:
		return ix.read(fn)
	}
	g, err := ix.acquire()
	if err != nil {
		return err
	}
	defer ix.release(g)
	return fn(g.bi)
}

// read runs fn on the published generation, opened read-only for the call.
// A generation removed between reading its name and opening it (a writer
// published a newer one) is retried once with the new name.
func (ix *Index) read(fn func(bleve.Index) error) error {
	ix.settle()
	var bi bleve.Index
	for try := 0; ; try++ {
		gen, err := currentGen(ix.dir)
		if err != nil {
			return fmt.Errorf("%s: %w", ix.dir, err)
		}
		bi, err = ix.openGen(gen, true)
		if err == nil {
			break
		}
		if try > 0 || errors.Is(err, ErrBusy) {
			return err
		}
	}
	err := fn(bi)
	if cerr := bi.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("%s: closing index: %w", ix.dir, cerr)
	}
	return err
}

// write runs fn on a snapshot of the published generation and publishes
// the snapshot when fn and the close succeed; on failure the snapshot is
// removed and the published generation stays as it was.
func (ix *Index) write(fn func(bleve.Index) error) error {
	g, err := ix.beginWrite()
	if err != nil {
		return err
	}
	return g.end(fn(g.bi))
}

// genWrite is a new generation being written: a snapshot of the
// published one, open for writing.
type genWrite struct {
	ix   *Index
	name string
	bi   bleve.Index
}

// beginWrite snapshots the published generation (once the batch in
// flight is written) and opens the snapshot for writing.
func (ix *Index) beginWrite() (*genWrite, error) {
	ix.settle()
	cur, err := currentGen(ix.dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ix.dir, err)
	}
	next, err := nextGen(ix.dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ix.dir, err)
	}
	if err := snapshot(ix.genPath(cur), ix.genPath(next)); err != nil {
		os.RemoveAll(ix.genPath(next))
		return nil, fmt.Errorf("%s: copying generation %s: %w", ix.dir, cur, err)
	}
	bi, err := ix.openGen(next, false)
	if err != nil {
		os.RemoveAll(ix.genPath(next))
		return nil, err
	}
	return &genWrite{ix: ix, name: next, bi: bi}, nil
}

// end closes the generation and publishes it when err (what writing it
// returned) is nil and the close succeeds; otherwise it removes it and
// the published generation stays as it was.
func (g *genWrite) end(err error) error {
	ix := g.ix
	if cerr := g.bi.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("%s: closing index: %w", ix.dir, cerr)
	}
	if err == nil {
		err = publish(ix.dir, g.name)
	}
	if err != nil {
		os.RemoveAll(ix.genPath(g.name))
		return err
	}
	removeStale(ix.dir, g.name, ix.log)
	return nil
}

// Close releases the index.
func (ix *Index) Close() error {
	ix.settle()
	ix.closeReaders()
	if ix.lock != nil {
		ix.lock.release()
		ix.lock = nil
	}
	return nil
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (int, error) {
	var n uint64
	err := ix.with(func(bi bleve.Index) error {
		var err error
		n, err = bi.DocCount()
		return err
	})
	return int(n), err
}

// DiskSize returns the bytes the index folder takes on disk.
func (ix *Index) DiskSize() (int64, error) {
	var n int64
	err := filepath.WalkDir(ix.dir, func(_ string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			info, err := e.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// Record returns the stored record of document id.
func (ix *Index) Record(id string) (*extract.Record, error) {
	s, err := ix.stored(id)
	if err != nil {
		return nil, err
	}
	return s.Record, nil
}

// PageTexts returns the text of each page of document id, in page order,
// as the record's evidence offsets and page numbers refer to it.
func (ix *Index) PageTexts(id string) ([]string, error) {
	s, err := ix.stored(id)
	if err != nil {
		return nil, err
	}
	texts := make([]string, 0, len(s.Pages))
	for _, p := range s.Pages {
		if p.Start < 0 || p.End > len(s.Text) || p.Start > p.End {
			return nil, fmt.Errorf("document %s: page %d out of range", id, p.Number)
		}
		texts = append(texts, s.Text[p.Start:p.End])
	}
	return texts, nil
}

// Text returns the whole text of document id (pages joined by
// corpus.PageSeparator): evidence Start and End are offsets into it.
func (ix *Index) Text(id string) (string, error) {
	s, err := ix.stored(id)
	if err != nil {
		return "", err
	}
	return s.Text, nil
}

// Path returns the original path of document id: the first of its paths
// in sorted order (a byte-identical copy may sit under other paths too,
// see Record(id).Source.Paths).
func (ix *Index) Path(id string) (string, error) {
	s, err := ix.stored(id)
	if err != nil {
		return "", err
	}
	return s.Record.Source.Path, nil
}

// stored reads what the index keeps of document id.
func (ix *Index) stored(id string) (*stored, error) {
	var s *stored
	err := ix.with(func(bi bleve.Index) error {
		var err error
		s, err = loadStored(bi, id)
		return err
	})
	return s, err
}

func loadStored(bi bleve.Index, id string) (*stored, error) {
	d, err := bi.Document(id)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	if d == nil {
		return nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	fields := map[string][]byte{}
	d.VisitFields(func(f bindex.Field) {
		switch f.Name() {
		case fRecord, fText, fPages, fError:
			fields[f.Name()] = f.Value()
		}
	})
	s := &stored{Text: string(fields[fText]), Error: string(fields[fError])}
	if err := json.Unmarshal(fields[fRecord], &s.Record); err != nil || s.Record == nil {
		return nil, fmt.Errorf("document %s: stored record unreadable: %v", id, err)
	}
	if len(fields[fPages]) > 0 {
		if err := json.Unmarshal(fields[fPages], &s.Pages); err != nil {
			return nil, fmt.Errorf("document %s: stored pages unreadable: %w", id, err)
		}
	}
	return s, nil
}

// storedFromDocument is what the index keeps of a freshly read document.
func storedFromDocument(doc *corpus.Document, rec *extract.Record) *stored {
	s := &stored{Record: rec}
	if doc != nil {
		s.Text = doc.Text
		s.Pages = doc.Pages
	}
	if len(s.Pages) == 0 {
		s.Pages = []corpus.Page{{Number: 1, Start: 0, End: len(s.Text)}}
	}
	return s
}

// shortID shortens a document id (a SHA-256) for display.
func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// oneLine folds white space so a quote fits a table cell.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
