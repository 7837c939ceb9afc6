package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bdoc "github.com/blevesearch/bleve/v2/document"
	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// UpdateOptions configure Update.
type UpdateOptions struct {
	// KeepMissing keeps the documents of files gone from the drive.
	KeepMissing bool
	// BatchSize is the most documents written per commit (default
	// DefaultBatchSize). A batch is also written once the text read into
	// it passes BatchBytes, and at least every BatchInterval.
	BatchSize int
	// BatchBytes is the most text (bytes) a batch holds in memory before
	// it is written (default DefaultBatchBytes).
	BatchBytes int
	// BatchInterval commits at least this often while documents come in
	// (default 10s), so a kill loses little and searches see progress.
	BatchInterval time.Duration
	// Workers hash changed files in parallel (default: number of cores).
	Workers int
	// MaxRemoval is the largest share (0..1) of the documents under the
	// updated folders one update may remove (default DefaultMaxRemoval).
	// An update that would remove more, or that finds a folder empty or
	// unreadable where the index holds files, fails with a
	// *MassRemovalError and writes nothing.
	MaxRemoval float64
	// AllowMassRemoval lifts that guard.
	AllowMassRemoval bool
	// All reads again the files an earlier update skipped as outside the
	// genre (see Update.Skip), so that they can be kept.
	All bool
}

// Each commit writes a new generation of the index (generation.go), which
// costs tens of milliseconds whatever its size, and scorch merges the small
// segments that small batches leave; so a batch is as large as memory
// allows: records already extracted are written at thousands per second in
// batches of a thousand, while a slow reader commits every BatchInterval.
const (
	// DefaultBatchSize is the most documents a batch holds by default.
	DefaultBatchSize = 1000
	// DefaultBatchBytes is the most text a batch holds by default.
	DefaultBatchBytes = 8 << 20
)

// Summary tells what an update did. Documents are counted as the index
// holds them (byte-identical copies are one document) and reconcile:
// Before + Added − Removed = Documents. Files are counted per path, and
// Files names the paths behind every count but Unchanged.
type Summary struct {
	Before  int `json:"before"`  // documents in the index before the update
	Added   int `json:"added"`   // documents new to the index
	Removed int `json:"removed"` // documents dropped from the index
	// Documents is the number of documents in the index afterwards.
	Documents int `json:"documents"`

	Changed   int `json:"changed"`   // known path, new content read fine; its document keeps its id where no copy holds on to it
	Moved     int `json:"moved"`     // new path whose content the index already held (moved or copied)
	Reread    int `json:"reread"`    // same content read again by a newer extractor
	Unchanged int `json:"unchanged"` // nothing to do
	Gone      int `json:"gone"`      // path gone from the drive whose document stays (another path holds it)
	Missing   int `json:"missing"`   // gone from the drive, kept (KeepMissing)
	Failed    int `json:"failed"`    // could not be read; see Failures
	Skipped   int `json:"skipped"`   // not read into the index; see Files.Skipped

	Files    Files     `json:"files"`
	Failures []Failure `json:"failures"`
	// RemovedPaths are the paths dropped from the index, sorted: those of
	// removed documents and the gone ones.
	RemovedPaths []string `json:"removed_paths"`
}

// Files names the paths behind the counts of a Summary, each list sorted.
type Files struct {
	Added   []string `json:"added"`   // the paths of the added documents
	Removed []string `json:"removed"` // the paths the removed documents had
	Changed []string `json:"changed"`
	Moved   []string `json:"moved"`
	Reread  []string `json:"reread"`
	Gone    []string `json:"gone"`
	Missing []string `json:"missing"`
	Skipped []Skip   `json:"skipped"`
}

// Skip is one file an update did not read into the index, and why.
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Failure is one file that could not be read.
type Failure struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// Kept is true when the index still shows the file's last good version.
	Kept bool `json:"kept"`
}

// Update is one run that brings the index in step with the files under
// some folders. Read each of Files() (in any order: best in the order they
// finish; calls from one goroutine), report it with Add or Fail, call
// CommitDue while waiting for slow files, then call Finish. Documents are
// committed in batches as they come in, each written in the background
// while the next is built; a crash loses at most those two batches.
type Update struct {
	ix    *Index
	opts  UpdateOptions
	log   *zap.Logger
	old   *manifest // as it was when the update began
	cur   *manifest // as it is now; written with every batch
	paths map[string]map[string]bool
	seen  map[string]corpus.Found
	files []corpus.File

	docOf      map[string]string  // content SHA-256 → the document that holds it
	regroup    map[string]bool    // agreements whose documents changed, not yet written
	fresh      map[string]*stored // read in this run, not yet written
	freshBytes int                // the text bytes of fresh
	dirty      map[string]bool    // documents whose paths or error changed
	changed    bool               // cur differs from what was last written
	lastCommit time.Time
	sum        Summary
	hist       *historyState // the history as this run writes it (history.go)
	// versions are, in an update from records (UpdateRecords), the
	// extractor version of each content's record; nil otherwise.
	versions map[string]string
	// builder makes documents by the index's mapping before a generation is open.
	builder *docBuilder
	flight  *flight // the batch being written (commit)
	failed  error   // why a batch could not be written; the update stops
}

// Update starts bringing the index in step with the files under roots:
// it walks them reading only directory entries, hashes the files whose
// size or modification time changed, and works out which contents need
// reading. Files gone from under roots are dropped (or kept, with
// KeepMissing); paths outside roots are left alone. Update needs a
// writable Index.
func (ix *Index) Update(ctx context.Context, roots []string, opts UpdateOptions) (*Update, error) {
	u, err := ix.newUpdate(opts)
	if err != nil {
		return nil, err
	}

	abs := make([]string, 0, len(roots))
	for _, r := range roots {
		a, err := filepath.Abs(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r, err)
		}
		abs = append(abs, a)
	}
	found, walkErrs := corpus.Walk(abs)
	var unreadable []string // folders (or roots) that could not be listed
	for _, err := range walkErrs {
		if err := u.guardRoot(abs, err); err != nil {
			return nil, err
		}
		var fe *corpus.FileError
		if errors.As(err, &fe) {
			unreadable = append(unreadable, fe.Path)
			if e, ok := u.cur.Files[fe.Path]; ok {
				// A file that became unreadable or something else (a link
				// to a device): keep its last good version, marked.
				e.MTime, e.Err = 0, err.Error()
				u.setFile(fe.Path, e)
				u.fail(fe.Path, e.Err, e.Doc != "")
				continue
			}
			u.fail(fe.Path, err.Error(), false)
		} else {
			u.fail("", err.Error(), false)
		}
	}
	for _, f := range found {
		u.seen[f.Path] = f
	}
	if err := u.plan(ctx, found); err != nil {
		return nil, err
	}

	if err := u.removeGone(abs, unreadable); err != nil {
		return nil, err
	}
	return u, nil
}

// newUpdate starts an update of ix: the options with their defaults, and
// the manifest as it is.
func (ix *Index) newUpdate(opts UpdateOptions) (*Update, error) {
	if ix.lock == nil {
		return nil, fmt.Errorf("%s: update needs an index opened for writing", ix.dir)
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = DefaultBatchBytes
	}
	if opts.BatchInterval <= 0 {
		opts.BatchInterval = 10 * time.Second
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	u := &Update{ix: ix, opts: opts, log: ix.log, seen: map[string]corpus.Found{},
		fresh: map[string]*stored{}, dirty: map[string]bool{}, paths: map[string]map[string]bool{},
		lastCommit: time.Now()}
	err := ix.read(func(bi bleve.Index) error {
		var err error
		if u.old, err = loadManifest(bi); err != nil {
			return err
		}
		u.builder, err = newDocBuilder(bi.Mapping())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ix.dir, err)
	}
	u.cur = u.old.clone()
	for p, e := range u.cur.Files {
		u.link(p, e.Doc)
	}
	u.docOf, u.regroup = map[string]string{}, map[string]bool{}
	for id, d := range u.cur.Docs {
		u.docOf[d.content(id)] = id
	}
	u.dirty = map[string]bool{} // linking what is already written changes nothing

	return u, nil
}

// removeGone drops the paths under roots (but not under unreadable) that
// the update did not see, or marks them missing with KeepMissing, unless
// that would remove too much (see UpdateOptions.MaxRemoval).
func (u *Update) removeGone(abs, unreadable []string) error {
	opts := u.opts
	// Paths gone from the drive.
	var gone []string
	for p := range u.old.Files {
		if _, ok := u.seen[p]; !ok && under(p, abs) && !under(p, unreadable) {
			gone = append(gone, p)
		}
	}
	sort.Strings(gone)
	for _, p := range gone {
		if !opts.KeepMissing {
			u.removeFile(p) // in memory only, so that the guard sees what would be lost
		}
	}
	if err := u.guardRemoval(abs, gone); err != nil {
		return err
	}
	for _, p := range gone {
		if opts.KeepMissing {
			e := u.cur.Files[p]
			e.Missing = true
			u.setFile(p, e)
			u.sum.Missing++
			u.sum.Files.Missing = append(u.sum.Files.Missing, p)
			continue
		}
		u.sum.RemovedPaths = append(u.sum.RemovedPaths, p)
		u.log.Info("file removed", zap.String("file", p))
	}
	return nil
}

// readable returns why the file at path cannot be opened, if it cannot.
// Tests replace it: root opens any file, whatever its permissions.
var readable = func(path string) error {
	f, err := os.Open(corpus.ContainerOf(path))
	if err != nil {
		return err
	}
	return f.Close()
}

// plan hashes what changed and decides, per content, whether to read it.
func (u *Update) plan(ctx context.Context, found []corpus.Found) error {
	shas := make([]string, len(found))
	hashErrs := make([]error, len(found))
	unchanged := make([]bool, len(found))
	for i, f := range found {
		e, ok := u.old.Files[f.Path]
		if ok && !e.Missing && e.Size == f.Size && e.MTime == f.Modified.UnixNano() && e.SHA != "" {
			shas[i], unchanged[i] = e.SHA, true
		}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < u.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				switch {
				case unchanged[i]:
					// Unchanged, as far as the folder says; but a file
					// whose permissions were taken away keeps its time.
					hashErrs[i] = readable(found[i].Path)
				case corpus.CheckSize(found[i]) != nil:
					hashErrs[i] = corpus.CheckSize(found[i])
				default:
					if hashErrs[i] = readable(found[i].Path); hashErrs[i] == nil {
						shas[i], hashErrs[i] = corpus.HashFile(found[i].Path)
					}
				}
			}
		}()
	}
	for i := range found {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}

	u.group(found, shas, hashErrs)
	return nil
}

// group groups the paths found by content (shas) and plans each content;
// a path whose hash failed (hashErrs) keeps its last good version, marked.
func (u *Update) group(found []corpus.Found, shas []string, hashErrs []error) {
	groups := map[string][]corpus.Found{}
	var order []string
	for i, f := range found {
		if err := hashErrs[i]; err != nil && !errors.As(err, new(*corpus.FileError)) {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			hashErrs[i] = &corpus.FileError{Path: f.Path, Kind: corpus.Other, Err: err}
		}
		if hashErrs[i] != nil {
			// Keep what the index had; a zero mtime makes the next run look again.
			if e, ok := u.cur.Files[f.Path]; ok {
				e.MTime = 0
				e.Err = hashErrs[i].Error()
				u.setFile(f.Path, e)
				u.fail(f.Path, e.Err, e.Doc != "")
			} else {
				u.fail(f.Path, hashErrs[i].Error(), false)
			}
			continue
		}
		if _, ok := groups[shas[i]]; !ok {
			order = append(order, shas[i])
		}
		groups[shas[i]] = append(groups[shas[i]], f)
	}
	sort.Strings(order)
	for _, sha := range order {
		u.planContent(sha, groups[sha])
	}
}

// planContent decides what to do with one content found under paths.
func (u *Update) planContent(sha string, paths []corpus.Found) {
	sort.Slice(paths, func(i, j int) bool { return paths[i].Path < paths[j].Path })
	version := extract.Version
	if v, ok := u.versions[sha]; ok {
		version = v // the extractor of a record made elsewhere
	}
	if id, ok := u.docOf[sha]; ok && u.cur.Docs[id].Version == version {
		for _, f := range paths {
			old, known := u.old.Files[f.Path]
			u.setFile(f.Path, fileEntry{Size: f.Size, MTime: f.Modified.UnixNano(), SHA: sha, Doc: id, Version: version})
			switch {
			case !known:
				u.sum.Moved++
				u.sum.Files.Moved = append(u.sum.Files.Moved, f.Path)
			case old.SHA == sha && old.Doc == id && old.Err == "" && old.Skip == "":
				u.sum.Unchanged++
			default:
				u.sum.Changed++
				u.sum.Files.Changed = append(u.sum.Files.Changed, f.Path)
			}
		}
		return
	}
	if e, ok := u.knownSkip(sha); ok {
		// Skipped before by this extractor: skip again without reading.
		for _, f := range paths {
			u.setFile(f.Path, fileEntry{Size: f.Size, MTime: f.Modified.UnixNano(), SHA: sha, Version: e.Version, Skip: e.Skip})
			u.skip(f.Path, e.Skip)
		}
		return
	}
	if e, ok := u.knownFailure(sha); ok {
		// The same content failed with this extractor before: do not retry.
		for _, f := range paths {
			last := u.lastGood(f.Path, sha)
			u.setFile(f.Path, fileEntry{Size: f.Size, MTime: f.Modified.UnixNano(), SHA: sha, Doc: last, Version: e.Version, Err: e.Err})
			u.fail(f.Path, e.Err, last != "")
		}
		return
	}
	f := corpus.File{Path: paths[0].Path, SHA256: sha, Size: paths[0].Size, Modified: paths[0].Modified}
	for _, p := range paths {
		f.Paths = append(f.Paths, p.Path)
	}
	u.files = append(u.files, f)
}

// knownSkip returns an entry that records sha skipped by this extractor,
// unless UpdateOptions.All asks to read such files again.
func (u *Update) knownSkip(sha string) (fileEntry, bool) {
	if u.opts.All || u.versions != nil {
		// A record made elsewhere was read fine, whatever happened here before.
		return fileEntry{}, false
	}
	for _, e := range u.old.Files {
		if e.SHA == sha && e.Skip != "" && e.Version == extract.Version {
			return e, true
		}
	}
	return fileEntry{}, false
}

// knownFailure returns an entry that records sha failing with this extractor.
func (u *Update) knownFailure(sha string) (fileEntry, bool) {
	if u.versions != nil {
		return fileEntry{}, false // a record made elsewhere was read fine
	}
	for _, e := range u.old.Files {
		if e.SHA == sha && e.Err != "" && e.Version == extract.Version {
			return e, true
		}
	}
	return fileEntry{}, false
}

// lastGood returns the document to keep showing for path when its new
// content sha cannot be read.
func (u *Update) lastGood(path, sha string) string {
	if e, ok := u.cur.Files[path]; ok && e.Doc != "" {
		return e.Doc
	}
	if id, ok := u.docOf[sha]; ok {
		return id // read fine by an older extractor
	}
	return ""
}

// Files returns the distinct contents that need reading: new, changed, or
// read by an older extractor. Byte-identical copies are one File.
func (u *Update) Files() []corpus.File { return u.files }

// Add stores the record read from f (doc may be nil; then no text is kept).
// The document keeps the id of the one its path showed before when no
// other path still shows that one, so that an edited file keeps its id
// and the links saved to it keep working.
func (u *Update) Add(f corpus.File, doc *corpus.Document, rec *extract.Record) error {
	if rec == nil {
		return fmt.Errorf("%s: no record", f.Path)
	}
	sha := f.SHA256
	id := u.idFor(f)
	if prev, ok := u.cur.Docs[id]; ok && u.docOf[prev.content(id)] == id {
		delete(u.docOf, prev.content(id))
	}
	for _, p := range f.Paths {
		st := u.seen[p]
		old, known := u.old.Files[p]
		u.setFile(p, fileEntry{Size: st.Size, MTime: st.Modified.UnixNano(), SHA: sha, Doc: id, Version: rec.ExtractorVersion})
		_, existed := u.old.Docs[id]
		switch {
		case !known && existed:
			u.sum.Moved++
			u.sum.Files.Moved = append(u.sum.Files.Moved, p)
		case !known:
			// a file of an added document, listed in Files.Added
		case old.SHA == sha:
			u.sum.Reread++
			u.sum.Files.Reread = append(u.sum.Files.Reread, p)
		default:
			u.sum.Changed++
			u.sum.Files.Changed = append(u.sum.Files.Changed, p)
		}
	}
	if prev, ok := u.cur.Docs[id]; ok && prev.Agreement != "" {
		u.regroup[prev.Agreement] = true // it may leave that agreement
	}
	entry := docEntry{Version: rec.ExtractorVersion, Agreement: agreementKey(rec), Rank: documentRank(doc, rec)}
	if id != sha {
		entry.SHA = sha
	}
	u.cur.Docs[id] = entry
	u.docOf[sha] = id
	u.fresh[id] = storedFromDocument(doc, rec)
	u.freshBytes += len(u.fresh[id].Text)
	u.dirty[id] = true
	return u.maybeCommit()
}

// idFor returns the document id for the content f: the document that
// holds it already (read again by a newer extractor), else the document
// one of f's paths showed when no path outside f still shows it, else the
// content's SHA-256.
func (u *Update) idFor(f corpus.File) string {
	if id, ok := u.docOf[f.SHA256]; ok {
		return id
	}
	mine := map[string]bool{}
	for _, p := range f.Paths {
		mine[p] = true
	}
	for _, p := range f.Paths {
		prev := u.cur.Files[p].Doc
		if prev == "" {
			continue
		}
		if _, ok := u.cur.Docs[prev]; !ok {
			continue
		}
		alone := true
		for q := range u.paths[prev] {
			if !mine[q] {
				alone = false
				break
			}
		}
		if alone {
			return prev
		}
	}
	return f.SHA256
}

// Skip records that f was not read into the index, and why (it is no
// agreement). The next update skips the same content again without
// reading it, unless the extractor changed or UpdateOptions.All is set.
func (u *Update) Skip(f corpus.File, reason string) error {
	for _, p := range f.Paths {
		st := u.seen[p]
		u.setFile(p, fileEntry{Size: st.Size, MTime: st.Modified.UnixNano(), SHA: f.SHA256, Version: extract.Version, Skip: reason})
		u.skip(p, reason)
	}
	return u.maybeCommit()
}

func (u *Update) skip(path, reason string) {
	u.sum.Skipped++
	u.sum.Files.Skipped = append(u.sum.Files.Skipped, Skip{Path: path, Reason: reason})
	u.log.Info("file skipped", zap.String("file", path), zap.String("reason", reason))
}

// Fail records that f could not be read. Each of its paths keeps showing
// its last good document, marked with the error. The next run does not
// read the same content again unless the extractor changed, except after
// a timeout. A cancelled read (context.Canceled) is not a failure: the
// file is left for the next run.
func (u *Update) Fail(f corpus.File, err error) error {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	version := extract.Version
	switch k := corpus.KindOf(err); {
	case k == corpus.Timeout || errors.Is(err, context.DeadlineExceeded):
		version = "" // a slow machine may do better next time: try again
	case k == corpus.NeedsOCR:
		version = "" // OCR may be installed by the next run: try again
	}
	for _, p := range f.Paths {
		st := u.seen[p]
		last := u.lastGood(p, f.SHA256)
		// The error names the path that was read; each copy names itself.
		reason := err.Error()
		if rest, ok := strings.CutPrefix(reason, corpus.QuotePath(f.Path)+": "); ok {
			reason = corpus.QuotePath(p) + ": " + rest
		}
		u.setFile(p, fileEntry{Size: st.Size, MTime: st.Modified.UnixNano(), SHA: f.SHA256, Doc: last, Version: version, Err: reason})
		u.fail(p, reason, last != "")
	}
	return u.maybeCommit()
}

// CommitDue writes what has come in when BatchInterval has passed since
// the last commit. Add and Fail do so too; a reader calls CommitDue now
// and then while files are still being read, so that documents already
// read are saved even while a slow file keeps the next Add away.
func (u *Update) CommitDue() error {
	if time.Since(u.lastCommit) >= u.opts.BatchInterval {
		return u.commit()
	}
	return nil
}

// BatchInterval returns how often the update commits while documents come in.
func (u *Update) BatchInterval() time.Duration { return u.opts.BatchInterval }

// Finish writes what is left and returns the summary.
func (u *Update) Finish() (*Summary, error) {
	err := u.commit()
	if werr := u.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return &u.sum, err
	}
	s := &u.sum
	s.Before, s.Documents = len(u.old.Docs), len(u.cur.Docs)
	for id := range u.cur.Docs {
		if _, ok := u.old.Docs[id]; !ok {
			s.Added++
			s.Files.Added = append(s.Files.Added, sortedKeys(u.paths[id])...)
		}
	}
	removed := map[string]bool{}
	for id := range u.old.Docs {
		if _, ok := u.cur.Docs[id]; !ok {
			s.Removed++
			removed[id] = true
		}
	}
	for p, e := range u.old.Files {
		if removed[e.Doc] {
			s.Files.Removed = append(s.Files.Removed, p)
		}
	}
	for _, p := range s.RemovedPaths {
		if d := u.old.Files[p].Doc; d != "" && !removed[d] {
			s.Gone++
			s.Files.Gone = append(s.Files.Gone, p)
		}
	}
	for _, l := range []*[]string{&s.Files.Added, &s.Files.Removed, &s.Files.Changed, &s.Files.Moved, &s.Files.Reread, &s.Files.Gone, &s.Files.Missing, &s.RemovedPaths} {
		if *l == nil {
			*l = []string{} // [] in JSON, not null
		}
		sort.Strings(*l)
	}
	if s.Files.Skipped == nil {
		s.Files.Skipped = []Skip{}
	}
	if s.Failures == nil {
		s.Failures = []Failure{}
	}
	sort.Slice(s.Files.Skipped, func(i, j int) bool { return s.Files.Skipped[i].Path < s.Files.Skipped[j].Path })
	sort.SliceStable(s.Failures, func(i, j int) bool { return s.Failures[i].Path < s.Failures[j].Path })
	return s, nil
}

func (u *Update) fail(path, reason string, kept bool) {
	u.sum.Failed++
	u.sum.Failures = append(u.sum.Failures, Failure{Path: path, Reason: reason, Kept: kept})
	// Info, not Warn: the summary lists every failure; stderr does not repeat it.
	u.log.Info("file failed", zap.String("file", path), zap.String("reason", reason), zap.Bool("kept", kept))
}

// setFile records e for path and marks the documents it affects.
func (u *Update) setFile(path string, e fileEntry) {
	prev, ok := u.cur.Files[path]
	if ok && prev == e {
		return
	}
	u.changed = true
	u.cur.Files[path] = e
	if !ok || prev.Doc != e.Doc || prev.Err != e.Err || prev.Missing != e.Missing {
		if ok {
			u.unlink(path, prev.Doc)
		}
		u.link(path, e.Doc)
	}
}

func (u *Update) removeFile(path string) {
	prev, ok := u.cur.Files[path]
	if !ok {
		return
	}
	u.changed = true
	delete(u.cur.Files, path)
	u.unlink(path, prev.Doc)
}

func (u *Update) link(path, id string) {
	if id == "" {
		return
	}
	if u.paths[id] == nil {
		u.paths[id] = map[string]bool{}
	}
	u.paths[id][path] = true
	u.dirty[id] = true
}

func (u *Update) unlink(path, id string) {
	if id == "" {
		return
	}
	delete(u.paths[id], path)
	u.dirty[id] = true
}

func (u *Update) maybeCommit() error {
	if len(u.dirty) >= u.opts.BatchSize || u.freshBytes >= u.opts.BatchBytes || time.Since(u.lastCommit) >= u.opts.BatchInterval {
		return u.commit()
	}
	return nil
}

// commit writes the dirty documents and the manifest in one batch. It
// makes the batch's documents while the batch before it is still being
// written, then writes this one in the background (see write) and returns:
// an error in writing it is returned by the next commit or by Finish.
func (u *Update) commit() error {
	if u.failed != nil {
		return u.failed
	}
	if len(u.dirty) == 0 && !u.changed {
		return nil
	}
	// When a document of an agreement changes, its representative is
	// written again (it lists the agreement's files), and so is every
	// member written with another representative than the one it has now;
	// the other members are as they were (rewriting all of them made a
	// drive with many copies of one agreement cost the square of them).
	live := func(id string) bool { return len(u.paths[id]) > 0 }
	for id := range u.dirty {
		if d := u.cur.Docs[id].Agreement; d != "" {
			u.regroup[d] = true
		}
	}
	var groups map[string][]string
	if len(u.regroup) > 0 {
		groups = agreements(u.cur, live)
		for key := range u.regroup {
			group := groups[key]
			for i, id := range group {
				if i == 0 || u.cur.Docs[id].WrittenWith != group[0] {
					u.dirty[id] = true
				}
			}
		}
	}
	ids := make([]string, 0, len(u.dirty))
	for id := range u.dirty {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	// What memory holds: the documents gone, and those read in this run,
	// made into bleve documents while the batch before is written.
	var gone, kept []string
	var docs []*stored // nil for a document to load from the index
	for _, id := range ids {
		if len(u.paths[id]) == 0 {
			gone = append(gone, id)
			if e, ok := u.cur.Docs[id]; ok && u.docOf[e.content(id)] == id {
				delete(u.docOf, e.content(id))
			}
			delete(u.cur.Docs, id)
			continue
		}
		s := u.fresh[id]
		if s != nil {
			u.place(id, s, groups)
		}
		kept, docs = append(kept, id), append(docs, s)
	}
	made := make([]*bdoc.Document, len(kept))
	if err := u.makeDocuments(kept, docs, made); err != nil {
		return u.setFailed(fmt.Errorf("%s: writing batch: %w", u.ix.dir, err))
	}
	// The history and the manifest this commit writes are made while the
	// batch before it is still written too, unless a document must first
	// be loaded from the index (it changes the manifest) or the history
	// is not loaded yet.
	var st *staged
	if u.hist != nil && !slices.Contains(docs, nil) {
		var err error
		if st, err = u.stage(nil); err != nil {
			return u.setFailed(fmt.Errorf("%s: writing batch: %w", u.ix.dir, err))
		}
	}
	if err := u.wait(); err != nil {
		return err
	}

	g, err := u.ix.beginWrite()
	if err != nil {
		return u.setFailed(fmt.Errorf("%s: writing batch: %w", u.ix.dir, err))
	}
	b, err := u.batch(g.bi, gone, kept, docs, made, groups, st)
	if err != nil {
		return u.setFailed(fmt.Errorf("%s: writing batch: %w", u.ix.dir, g.end(err)))
	}
	u.write(g, b, len(ids))
	u.fresh, u.freshBytes = map[string]*stored{}, 0
	u.dirty = map[string]bool{}
	u.regroup = map[string]bool{}
	u.changed = false
	u.lastCommit = time.Now()
	return nil
}

// setFailed keeps err as the update's failure: every later commit returns it.
func (u *Update) setFailed(err error) error {
	u.failed = err
	return err
}

// place sets what the stored document id shows of its files: its paths
// (those of the whole agreement for a representative), their errors, and
// the representative of its agreement.
func (u *Update) place(id string, s *stored, groups map[string][]string) {
	paths := sortedKeys(u.paths[id])
	s.Record.Source.Path, s.Record.Source.Paths = paths[0], paths
	s.Error = u.errorsOf(paths)
	s.MemberOf = ""
	if e, ok := u.cur.Docs[id]; ok && e.Agreement != "" {
		if group := groups[e.Agreement]; len(group) > 0 {
			e.WrittenWith = group[0]
			u.cur.Docs[id] = e
		}
	}
	if group := groups[u.cur.Docs[id].Agreement]; len(group) > 1 {
		if group[0] == id {
			s.Record.Source.Paths = u.agreementPaths(group)
		} else {
			s.MemberOf = group[0]
		}
	}
}

// batch makes the batch of one commit in generation bi: the deletions,
// the documents (made already, or loaded from bi, placed and made now),
// the history and the manifest (staged already when st is not nil).
func (u *Update) batch(bi bleve.Index, gone, ids []string, docs []*stored, made []*bdoc.Document, groups map[string][]string, st *staged) (*bleve.Batch, error) {
	b := bi.NewBatch()
	for _, id := range gone {
		b.Delete(id)
	}
	loaded := false
	for i, id := range ids {
		if docs[i] != nil {
			continue
		}
		s, err := loadStored(bi, id)
		if err != nil {
			return nil, err
		}
		u.place(id, s, groups)
		docs[i], loaded = s, true
	}
	if loaded {
		if err := u.makeDocuments(ids, docs, made); err != nil {
			return nil, err
		}
	}
	for _, d := range made {
		if err := b.IndexAdvanced(d); err != nil {
			return nil, err
		}
	}
	if st == nil {
		var err error
		if st, err = u.stage(bi); err != nil {
			return nil, err
		}
	}
	if err := u.writeHistory(bi, b, st); err != nil {
		return nil, err
	}
	b.SetInternal(keyManifest, st.manifest)
	return b, nil
}

// write writes batch b into generation g on its own goroutine and
// publishes g; wait returns how it went. Analysing the documents and
// building the segment is most of bleve's time, and a large part of it
// runs on one core: meanwhile the caller reads the next files and commit
// makes the next batch's documents on the other.
func (u *Update) write(g *genWrite, b *bleve.Batch, n int) {
	f := &flight{done: make(chan struct{})}
	u.ix.flightMu.Lock()
	u.ix.flight = f
	u.ix.flightMu.Unlock()
	u.flight = f
	go func() {
		defer close(f.done)
		if err := g.end(g.bi.Batch(b)); err != nil {
			f.err = fmt.Errorf("%s: writing batch: %w", u.ix.dir, err)
			return
		}
		u.log.Info("batch written", zap.Int("documents", n))
	}()
}

// wait waits for the batch in flight, if any, and returns its error.
func (u *Update) wait() error {
	f := u.flight
	if f == nil {
		return u.failed
	}
	<-f.done
	u.flight = nil
	if f.err != nil {
		return u.setFailed(f.err)
	}
	return nil
}

// makeDocuments makes the bleve document of each non-nil docs[i] whose
// made[i] is nil (newDocument: the record's JSON and its review, then the
// mapping), on up to Workers goroutines; the first error in the order of
// ids is returned.
func (u *Update) makeDocuments(ids []string, docs []*stored, made []*bdoc.Document) error {
	var todo []int
	for i := range ids {
		if docs[i] != nil && made[i] == nil {
			todo = append(todo, i)
		}
	}
	errs := make([]error, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(u.opts.Workers, len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				made[i], errs[i] = makeDocument(u.builder, ids[i], docs[i])
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// makeDocument flattens s (newDocument), packs its record for the history,
// makes its bleve document as bleve's Batch.Index would (docBuilder) and
// analyses it (analyzeAhead).
func makeDocument(b *docBuilder, id string, s *stored) (*bdoc.Document, error) {
	flat, err := newDocument(s)
	if err != nil {
		return nil, err
	}
	if rec, ok := flat[fRecord].(json.RawMessage); ok {
		s.recordPacked = packRecord(rec) // for the history, see stored
	}
	numberTerms(flat)
	d, err := b.build(id, flat)
	if err != nil {
		return nil, err
	}
	analyzeAhead(d)
	return d, nil
}

// agreementPaths returns the paths of the documents of one agreement, those
// of its representative (group[0]) first.
func (u *Update) agreementPaths(group []string) []string {
	paths := sortedKeys(u.paths[group[0]])
	var others []string
	for _, id := range group[1:] {
		others = append(others, sortedKeys(u.paths[id])...)
	}
	sort.Strings(others)
	return append(paths, others...)
}

// errorsOf joins why the given paths now fail.
func (u *Update) errorsOf(paths []string) string {
	var s string
	for _, p := range paths {
		if e := u.cur.Files[p]; e.Err != "" {
			if s != "" {
				s += "; "
			}
			s += e.Err
		}
	}
	return s
}
