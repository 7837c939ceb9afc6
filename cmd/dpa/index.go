package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"go.uber.org/zap"
	"golang.org/x/term"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/index"
)

func runIndex(ctx context.Context, m *Main, args []string) error {
	return runUpdate(ctx, m, "index", "[options] PATH...", args)
}

// runUpdate is dpa index and dpa sync: bring the index in step with the
// files under the given folders, reading only what changed.
func runUpdate(ctx context.Context, m *Main, name, usage string, args []string) error {
	fs := m.newFlagSet(name, usage)
	dir := fs.String("index", index.DefaultDir, "the index folder (created when missing)")
	keep := fs.Bool("keep-missing", false, "keep the documents of files gone from the drive")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	wait := fs.Duration("wait", index.DefaultTimeout, "how long to wait for another dpa that is using the index")
	batch := fs.Int("batch", index.DefaultBatchSize, fmt.Sprintf("the most documents written per commit (fewer when their text passes %d MB, or every 10 s while files are read)", index.DefaultBatchBytes>>20))
	allowMass := fs.Bool("allow-mass-removal", false, "let this run remove documents even when a folder is empty or unreadable or more than --max-removal of them would go")
	maxRemoval := fs.Float64("max-removal", index.DefaultMaxRemoval*100, "the largest share, in percent, of the documents under the given folders one run may remove")
	var records bool
	var roots stringList
	if name == "index" {
		fs.BoolVar(&records, "records", false, "the arguments are JSON Lines files of records (dpa extract --json --text, - for stdin) made elsewhere, not folders to read")
		fs.Var(&roots, "root", "with --records: a `FOLDER` the records cover in full; indexed files under it that no record names are removed (repeatable; without it nothing is removed)")
	}
	var rf readFlags
	rf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"no PATH given"}
	}
	if *maxRemoval < 0 || *maxRemoval > 100 {
		return usageError{fmt.Sprintf("--max-removal %v: want a percentage from 0 to 100", *maxRemoval)}
	}
	if len(roots) > 0 && !records {
		return usageError{"--root is for --records; the folders to read are the arguments"}
	}
	opts := index.UpdateOptions{KeepMissing: *keep, BatchSize: *batch, Workers: rf.workers,
		MaxRemoval: *maxRemoval / 100, AllowMassRemoval: *allowMass, All: rf.all}
	var p *pipeline
	var log *zap.Logger
	var err error
	if records {
		log, err = rf.log.logger(m.Stderr)
	} else if p, err = rf.build(m); err == nil {
		log = p.log
	}
	if err != nil {
		return err
	}
	defer log.Sync()

	start := time.Now()
	ix, err := index.Open(*dir, index.Options{Timeout: *wait, Logger: log})
	if err != nil {
		return err
	}
	defer ix.Close()
	var u *index.Update
	var recs *recordFiles
	if records {
		if recs, err = readRecordSources(fs.Args()); err == nil {
			defer recs.close()
			u, err = ix.UpdateRecords(ctx, recs.sources, roots, opts)
		}
	} else {
		u, err = ix.Update(ctx, fs.Args(), opts)
	}
	var mass *index.MassRemovalError
	if errors.As(err, &mass) {
		printWouldRemove(m.Stderr, mass.Paths)
		return fmt.Errorf("%w\n(if that is meant, run again with --allow-mass-removal)", err)
	}
	if err != nil {
		return err
	}
	files := u.Files()
	log.Info("update planned", zap.String("index", *dir), zap.Int("to_read", len(files)), zap.Duration("took", time.Since(start)))

	var werr error
	if records {
		werr = recs.addTo(ctx, u, files, m.Stderr)
	} else {
		bar := newProgress(m.Stderr, rf.log, len(files))
		werr = readInto(ctx, p, u, files, bar.add)
		bar.finish()
	}
	sum, err := u.Finish()
	if werr == nil {
		werr = err
	}
	if sum != nil {
		log.Info("update done", zap.Int("before", sum.Before), zap.Int("added", sum.Added), zap.Int("removed", sum.Removed),
			zap.Int("documents", sum.Documents), zap.Int("moved", sum.Moved), zap.Int("changed", sum.Changed),
			zap.Int("reread", sum.Reread), zap.Int("unchanged", sum.Unchanged), zap.Int("gone", sum.Gone),
			zap.Int("missing", sum.Missing), zap.Int("failed", sum.Failed), zap.Int("skipped", sum.Skipped),
			zap.Duration("took", time.Since(start)))
		if err := printSyncSummary(m.Stdout, sum, runChangesOf(ix, *dir, start, log), *asJSON); err != nil {
			return err
		}
	}
	switch {
	case werr != nil:
		return werr
	case ctx.Err() != nil:
		return interrupted{"what was read so far is in the index; run again to finish"}
	case sum.Failed > 0:
		return errSomeFailed
	}
	return nil
}

// readInto reads files on p's workers into u, each document as soon as it
// is read, whatever is still being read, and commits at least every batch
// interval meanwhile: a run killed during a slow file keeps what was read
// before. The summary is sorted at the end, so the output does not depend
// on the order. When the index cannot be written, reading stops and the
// error is returned.
func readInto(ctx context.Context, p *pipeline, u *index.Update, files []corpus.File, done func(pages int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tick := time.NewTicker(max(u.BatchInterval()/4, time.Millisecond))
	defer tick.Stop()
	results := p.stream(ctx, files)
	var werr error
	for {
		select {
		case res, ok := <-results:
			if !ok {
				return werr
			}
			pages := 0
			if res.doc != nil {
				pages = res.doc.Source.Pages
			}
			done(pages)
			if werr != nil {
				continue // draining after a write error
			}
			switch {
			case res.err != nil:
				werr = u.Fail(res.file, res.err)
			case res.skip != "":
				werr = u.Skip(res.file, res.skip)
			default:
				werr = u.Add(res.file, res.doc, res.record)
			}
		case <-tick.C:
			if werr == nil {
				werr = u.CommitDue()
			}
		}
		if werr != nil {
			cancel() // the index cannot be written: stop reading
		}
	}
}

// printUpdateSummary prints what an update did: the documents before and
// after (they add up), the files per count, then the files behind each
// count (all but the unchanged ones) with the reasons of skips and failures.
func printUpdateSummary(w io.Writer, s *index.Summary, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(s)
	}
	fmt.Fprintf(w, "%d before + %d added - %d removed = %d documents in the index\n", s.Before, s.Added, s.Removed, s.Documents)
	fmt.Fprintf(w, "files: changed %d, moved %d, re-read %d, unchanged %d, gone %d, missing %d, failed %d, skipped %d\n",
		s.Changed, s.Moved, s.Reread, s.Unchanged, s.Gone, s.Missing, s.Failed, s.Skipped)
	for _, l := range []struct {
		name  string
		paths []string
	}{
		{"added", s.Files.Added}, {"removed", s.Files.Removed}, {"changed", s.Files.Changed}, {"moved", s.Files.Moved},
		{"re-read", s.Files.Reread}, {"gone (the document stays)", s.Files.Gone}, {"missing (kept)", s.Files.Missing},
	} {
		if len(l.paths) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s:\n", l.name)
		for _, p := range l.paths {
			fmt.Fprintf(w, "  %s\n", quote(p))
		}
	}
	if len(s.Files.Skipped) > 0 {
		fmt.Fprintln(w, "skipped (--all keeps them):")
	}
	for _, sk := range s.Files.Skipped {
		fmt.Fprintf(w, "  %s: skipped: %s\n", quote(sk.Path), printable(sk.Reason, false))
	}
	if len(s.Failures) > 0 {
		fmt.Fprintln(w, "failed:")
	}
	for _, f := range s.Failures {
		kept := ""
		if f.Kept {
			kept = " (last good version kept)"
		}
		reason := f.Reason
		if f.Path != "" {
			// FileError messages start with the (quoted) path; do not repeat it.
			reason = strings.TrimPrefix(reason, quote(f.Path)+": ")
			fmt.Fprintf(w, "  %s: %s%s\n", quote(f.Path), printable(reason, false), kept)
		} else {
			fmt.Fprintf(w, "  %s%s\n", printable(reason, false), kept)
		}
	}
	return nil
}

// printWouldRemove lists, on stderr, the first of the paths an update
// refused to remove.
func printWouldRemove(w io.Writer, paths []string) {
	const show = 20
	if len(paths) == 0 {
		return
	}
	fmt.Fprintln(w, "would remove:")
	for i, p := range paths {
		if i == show {
			fmt.Fprintf(w, "  … and %d more\n", len(paths)-show)
			break
		}
		fmt.Fprintf(w, "  %s\n", quote(p))
	}
}

// progressEvery and progressInterval pace the progress lines written
// when stderr is no terminal: one per so many files, or per interval.
var (
	progressEvery    = 100
	progressInterval = time.Minute
)

// progress shows how far a long run is: a bar on a terminal; on anything
// else (a log file, cron) a log line every progressEvery files or
// progressInterval, counting files and pages.
type progress struct {
	bar          *progressbar.ProgressBar
	log          *zap.Logger // nil on a terminal
	files, pages int
	total        int
	last         time.Time
}

func newProgress(w io.Writer, lf logFlags, n int) *progress {
	f, ok := w.(*os.File)
	if !ok || n == 0 || lf.format == "json" || !term.IsTerminal(int(f.Fd())) {
		p := &progress{total: n, last: time.Now()}
		if n > 0 {
			p.log, _ = lf.progressLogger(w)
		}
		return p
	}
	return &progress{total: n, bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("reading"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionShowIts(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// add counts one file read, of pages pages.
func (p *progress) add(pages int) {
	p.files++
	p.pages += pages
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("reading (%d pages)", p.pages))
		p.bar.Add(1)
		return
	}
	if p.log != nil && (p.files%progressEvery == 0 || time.Since(p.last) >= progressInterval) {
		p.last = time.Now()
		p.log.Info("progress", zap.Int("files", p.files), zap.Int("of", p.total), zap.Int("pages", p.pages))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
