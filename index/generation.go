package index

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"go.uber.org/zap"
)

// Generations let a server hold the index open while a writer updates it.
//
// A bleve (scorch) index takes an exclusive file lock to write and a
// shared one to read, so a reader that keeps it open would block every
// writer. Instead the index folder holds generations: complete bleve
// indexes in folders gen-NNNNNN (the folder "bleve" of older versions
// counts as the first), and the file "current" names the published one.
// A writer never touches a published generation: to commit a batch it
// snapshots the current one into a new folder (hard links for scorch's
// immutable segment files, a copy of its bolt root), writes the batch
// there, closes it and publishes it by renaming a new "current" into
// place. Readers keep their generation open and switch to a newer one
// when "current" changes; a generation no reader holds is removed. A
// writer killed mid-batch leaves an unpublished folder that the next
// writer removes, and the last published generation stays intact.

const (
	currentFile  = "current"
	legacyGen    = "bleve"
	genPrefix    = "gen-"
	rootBoltFile = "root.bolt"
)

// refreshEvery is how often a reader checks for a newly published generation.
const refreshEvery = 100 * time.Millisecond

// currentGen returns the name of the published generation: the content of
// "current", or the legacy "bleve" folder of an index made before
// generations.
func currentGen(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return legacyGen, nil
	}
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(b))
	if !validGen(name) {
		return "", fmt.Errorf("%s: %q names no generation", filepath.Join(dir, currentFile), name)
	}
	return name, nil
}

// validGen reports whether name is a generation folder's name.
func validGen(name string) bool {
	if name == legacyGen {
		return true
	}
	n, ok := strings.CutPrefix(name, genPrefix)
	if !ok || n == "" {
		return false
	}
	_, err := strconv.ParseUint(n, 10, 32)
	return err == nil
}

// genNumber is the sequence number of a generation; the legacy one is 0.
func genNumber(name string) uint64 {
	n, _ := strconv.ParseUint(strings.TrimPrefix(name, genPrefix), 10, 32)
	return n
}

// generations lists the generation folders in dir, oldest first.
func generations(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var gens []string
	for _, e := range entries {
		if e.IsDir() && validGen(e.Name()) {
			gens = append(gens, e.Name())
		}
	}
	sort.Slice(gens, func(i, j int) bool { return genNumber(gens[i]) < genNumber(gens[j]) })
	return gens, nil
}

// nextGen names the generation after every one in dir, published or not.
func nextGen(dir string) (string, error) {
	gens, err := generations(dir)
	if err != nil {
		return "", err
	}
	var n uint64
	if len(gens) > 0 {
		n = genNumber(gens[len(gens)-1])
	}
	return fmt.Sprintf("%s%06d", genPrefix, n+1), nil
}

// publish makes gen the current generation, atomically for readers.
func publish(dir, gen string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(gen + "\n"); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentFile)); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // make the rename durable where the platform allows it
		d.Close()
	}
	return nil
}

// snapshot makes dst a copy of generation folder src that src's readers
// cannot notice: scorch never rewrites a segment file, so those are hard
// linked (copied where links fail); the bolt root, which scorch rewrites,
// is copied.
func snapshot(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil || rel == "." {
			return err
		}
		to := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if e.Name() != rootBoltFile && os.Link(p, to) == nil {
			return nil
		}
		return copyFile(p, to)
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeStale removes every generation but keep that no reader holds
// open: older published ones, and unpublished ones a killed writer left.
// A generation a reader holds stays until a later writer finds it free.
func removeStale(dir, keep string, log *zap.Logger) {
	gens, err := generations(dir)
	if err != nil {
		return
	}
	for _, g := range gens {
		if g == keep {
			continue
		}
		path := filepath.Join(dir, g)
		unlock, busy := tryLockGen(path)
		if busy {
			continue
		}
		err := os.RemoveAll(path)
		unlock()
		if err != nil {
			log.Warn("removing an old index generation", zap.String("generation", path), zap.Error(err))
		}
	}
}

// readerGen is a generation a read-only Index holds open, counted so that
// it closes only when the last call using it has returned.
type readerGen struct {
	name string
	bi   bleve.Index
	refs int // calls using bi, plus one while it is the current generation
}

// readers is the generation state of a read-only Index that holds the
// index open.
type readers struct {
	mu      sync.Mutex
	cur     *readerGen
	checked time.Time
}

// acquire returns the current generation, switching to a newly published
// one at most every refreshEvery, with a reference the caller releases.
func (ix *Index) acquire() (*readerGen, error) {
	r := &ix.gens
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur == nil || time.Since(r.checked) >= refreshEvery {
		r.checked = time.Now()
		name, err := currentGen(ix.dir)
		if err != nil && r.cur == nil {
			return nil, fmt.Errorf("%s: %w", ix.dir, err)
		}
		if err == nil && (r.cur == nil || name != r.cur.name) {
			bi, err := ix.openGen(name, true)
			if err != nil && r.cur == nil {
				return nil, err
			}
			if err == nil {
				if old := r.cur; old != nil {
					ix.releaseLocked(old)
				}
				r.cur = &readerGen{name: name, bi: bi, refs: 1}
			}
			// A failed switch (the writer's GC raced us) keeps the
			// generation we have; the next check tries again.
		}
	}
	r.cur.refs++
	return r.cur, nil
}

// release returns a reference taken by acquire.
func (ix *Index) release(g *readerGen) {
	ix.gens.mu.Lock()
	defer ix.gens.mu.Unlock()
	ix.releaseLocked(g)
}

func (ix *Index) releaseLocked(g *readerGen) {
	g.refs--
	if g.refs == 0 && g.bi != nil {
		if err := g.bi.Close(); err != nil {
			ix.log.Warn("closing an index generation", zap.String("generation", g.name), zap.Error(err))
		}
		g.bi = nil
	}
}

// closeReaders closes the held generation (when no call uses it).
func (ix *Index) closeReaders() {
	r := &ix.gens
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != nil {
		ix.releaseLocked(r.cur)
		r.cur = nil
	}
}

// Generation names the published generation of the index: it changes
// exactly when a writer commits, so answers computed from the index may be
// cached under it.
func (ix *Index) Generation() string {
	if ix.opts.ReadOnly && !ix.opts.PerCall {
		if g, err := ix.acquire(); err == nil {
			defer ix.release(g)
			return g.name
		}
	}
	name, _ := currentGen(ix.dir)
	return name
}
