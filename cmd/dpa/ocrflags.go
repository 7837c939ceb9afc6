package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/ocr"
)

// ocrFlags are the options of the OCR engine, shared by extract and doctor.
type ocrFlags struct {
	mode      string
	lang      string
	tesseract string
	timeout   time.Duration
	workers   int
}

// register adds the flags extract takes.
func (o *ocrFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.mode, "ocr", "auto", "OCR of pages without a text layer: auto (when tesseract is installed; warn otherwise) or off")
	o.registerEngine(fs)
	fs.DurationVar(&o.timeout, "ocr-timeout", ocr.DefaultPageTimeout, "time limit for the OCR of one page")
	fs.IntVar(&o.workers, "ocr-workers", 0, "pages OCR'd at once (default: number of cores)")
}

// registerEngine adds the flags that choose the engine and its language.
func (o *ocrFlags) registerEngine(fs *flag.FlagSet) {
	fs.StringVar(&o.lang, "ocr-lang", ocr.DefaultLang, "tesseract language(s), such as nld or nld+eng")
	fs.StringVar(&o.tesseract, "tesseract", "tesseract", "the tesseract program (a name in PATH or a path)")
}

// engine builds the OCR engine the flags describe.
func (o *ocrFlags) engine() *ocr.Engine {
	return &ocr.Engine{Tesseract: o.tesseract, Lang: o.lang, PageTimeout: o.timeout, Workers: o.workers}
}

// recognizer returns what corpus.Open uses to read scanned pages: nil with
// --ocr off, otherwise the engine, built once for all files, whose first
// "not installed" error is also printed once to stderr (each record still
// carries it as a warning).
func (o *ocrFlags) recognizer(log *zap.Logger, stderr io.Writer) (corpus.PageRecognizer, error) {
	switch o.mode {
	case "off":
		return nil, nil
	case "auto", "":
	default:
		return nil, usageError{fmt.Sprintf("--ocr %q: want auto or off", o.mode)}
	}
	e := o.engine()
	e.Log = log
	return &reportMissing{Engine: e, stderr: stderr}, nil
}

// reportMissing is an ocr.Engine that prints its first ErrNotInstalled.
type reportMissing struct {
	*ocr.Engine
	once   sync.Once
	stderr io.Writer
}

// RecognizePages passes the pages to the engine.
func (r *reportMissing) RecognizePages(ctx context.Context, path string, pages []int) ([]corpus.PageText, error) {
	got, err := r.Engine.RecognizePages(ctx, path, pages)
	if errors.Is(err, ocr.ErrNotInstalled) {
		r.once.Do(func() { fmt.Fprintln(r.stderr, "warning:", err) })
	}
	return got, err
}

// RecognizeImage passes an image to the engine.
func (r *reportMissing) RecognizeImage(ctx context.Context, path string) ([]corpus.PageText, error) {
	got, err := r.Engine.RecognizeImage(ctx, path)
	if errors.Is(err, ocr.ErrNotInstalled) {
		r.once.Do(func() { fmt.Fprintln(r.stderr, "warning:", err) })
	}
	return got, err
}
