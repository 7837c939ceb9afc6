package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/ocr"
	"github.com/dpa-nl/dpa/extract"
)

// pipeline reads and extracts files on a bounded pool of workers.
type pipeline struct {
	workers int
	timeout time.Duration // per file
	opts    corpus.Options
	ocrName string // the OCR engine, named in the warning listing OCR'd pages
	log     *zap.Logger
	all     bool // keep files with nothing of the genre in them
	// read reads one file; nil means readFile (tests put a slow reader here).
	read func(ctx context.Context, f corpus.File) result
	// pool reads the files in supervised child processes; nil reads them
	// in this process (DPA_READER=inprocess).
	pool *readerPool
}

// readFlags are the options of every command that reads agreements:
// parallelism, the per-file time limit, logging and OCR.
type readFlags struct {
	workers   int
	timeout   time.Duration
	all       bool
	maxMemory int64 // MB per reader child
	log       logFlags
	ocr       ocrFlags
}

func (f *readFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.workers, "workers", 0, "files read in parallel (default: number of cores)")
	fs.DurationVar(&f.timeout, "timeout", 5*time.Minute, "time limit per file")
	fs.BoolVar(&f.all, "all", false, "keep files with nothing of agreements or privacy in them (source code, data, notes); skipped otherwise")
	fs.Int64Var(&f.maxMemory, "max-memory", DefaultReaderMemory, "memory limit in MB of the process that reads one file (a file over it fails)")
	f.log.register(fs)
	f.ocr.register(fs)
}

// pipeline parses args, requires at least one PATH, and builds the logger,
// the OCR engine and the pipeline that reads files with these options.
func (f *readFlags) pipeline(m *Main, fs *flag.FlagSet, args []string) (*pipeline, error) {
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return nil, usageError{"no PATH given"}
	}
	return f.build(m)
}

// build builds the logger, the OCR engine and the pipeline that reads
// files with these options, once the flags are parsed.
func (f *readFlags) build(m *Main) (*pipeline, error) {
	log, err := f.log.logger(m.Stderr)
	if err != nil {
		return nil, err
	}
	recognizer, err := f.ocr.recognizer(log, m.Stderr)
	if err != nil {
		_ = log.Sync()
		return nil, err
	}
	if f.maxMemory <= 0 {
		_ = log.Sync()
		return nil, usageError{fmt.Sprintf("--max-memory %d: want a positive number of MB", f.maxMemory)}
	}
	p := &pipeline{workers: f.workers, timeout: f.timeout, log: log, all: f.all,
		opts: corpus.Options{OCR: recognizer}, ocrName: f.ocr.engine().Name()}
	if os.Getenv(readerEnv) != "inprocess" {
		if p.pool, err = newReaderPool(f.ocr, f.maxMemory, m.Stderr); err != nil {
			_ = log.Sync()
			return nil, err
		}
	}
	return p, nil
}

// result is the outcome for one file.
type result struct {
	file   corpus.File
	record *extract.Record
	doc    *corpus.Document // the text the record was read from (kept by dpa index)
	err    error
	skip   string // why the file was skipped ("not an agreement (JSON data)"); no record then
}

// readFile opens and extracts one file within the per-file timeout.
func (p *pipeline) readFile(ctx context.Context, f corpus.File) result {
	start := time.Now()
	var doc *corpus.Document
	var err error
	if p.pool != nil {
		// The child stops at the timeout, and is killed soon after. A
		// file read again after another file failed the child it was
		// read in has its time from then on.
		doc, start, err = p.pool.open(ctx, f, p.timeout)
	}
	if p.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, start.Add(p.timeout))
		defer cancel()
	}
	if p.pool == nil {
		doc, err = corpus.Open(ctx, f, p.opts)
	}
	if err != nil {
		p.log.Info("file failed", zap.String("file", f.Path), zap.Error(err))
		return result{file: f, err: err}
	}
	if w := ocr.Summary(p.ocrName, doc.Pages); w != "" {
		doc.Warnings = append(doc.Warnings, w)
	}
	rec, err := extractWithin(ctx, f, doc)
	if err != nil {
		p.log.Info("file failed", zap.String("file", f.Path), zap.Error(err))
		return result{file: f, err: err}
	}
	if !p.all {
		if ok, why := extract.Genre(doc, rec); !ok {
			skip := extract.NotAgreement + " (" + why + ")"
			p.log.Info("file skipped", zap.String("file", f.Path), zap.String("reason", skip))
			return result{file: f, skip: skip}
		}
	}
	p.log.Info("file read", zap.String("file", f.Path), zap.String("format", string(doc.Source.Format)),
		zap.Int("pages", doc.Source.Pages), zap.Duration("took", time.Since(start)))
	return result{file: f, record: rec, doc: doc}
}

// extractWithin runs extract.Extract on doc but gives up when ctx ends
// first (the per-file timeout), so that one document that makes a rule
// slow cannot stall a whole run; the abandoned extraction finishes in the
// background and its record is dropped.
func extractWithin(ctx context.Context, f corpus.File, doc *corpus.Document) (*extract.Record, error) {
	done := make(chan *extract.Record, 1)
	go func() { done <- extract.Extract(doc) }()
	select {
	case rec := <-done:
		return rec, nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.Canceled) {
			return nil, ctx.Err()
		}
		return nil, &corpus.FileError{Path: f.Path, Kind: corpus.Timeout, Err: errors.New("extracting the fields took too long")}
	}
}

// run processes files in parallel and calls emit for each, in the order of
// files, as soon as it and all before it are done.
func (p *pipeline) run(ctx context.Context, files []corpus.File, emit func(result)) {
	workers := p.workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if p.pool != nil {
		p.pool.expect(len(files))
	}
	results := make([]chan result, len(files))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] <- p.readOne(ctx, files[i])
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case jobs <- i:
			case <-ctx.Done():
				for j := i; j < len(files); j++ {
					results[j] <- result{file: files[j], err: ctx.Err()}
				}
				return
			}
		}
	}()
	for i := range files {
		emit(<-results[i])
	}
	wg.Wait()
	if p.pool != nil {
		p.pool.close()
	}
}

// readOne reads f with p.read, or readFile when that is nil.
func (p *pipeline) readOne(ctx context.Context, f corpus.File) result {
	if p.read != nil {
		return p.read(ctx, f)
	}
	return p.readFile(ctx, f)
}

// stream processes files in parallel and sends each result as soon as it
// is done, in the order they finish, so that one slow file holds up
// nothing. After a cancellation the files not yet started come back with
// ctx's error. The channel closes after the last result; read it to the end.
func (p *pipeline) stream(ctx context.Context, files []corpus.File) <-chan result {
	workers := p.workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if p.pool != nil {
		p.pool.expect(len(files))
	}
	out := make(chan result)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out <- p.readOne(ctx, files[i])
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for i := range files {
			select {
			case jobs <- i:
			case <-ctx.Done():
				for _, f := range files[i:] {
					out <- result{file: f, err: ctx.Err()}
				}
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		if p.pool != nil {
			p.pool.close()
		}
		close(out)
	}()
	return out
}
