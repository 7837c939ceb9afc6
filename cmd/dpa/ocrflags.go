package main

import (
	"flag"
	"time"

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
