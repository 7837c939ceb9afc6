// Package ocr reads the text of PDF pages that have no text layer. Each
// page is turned into an image (its embedded scan taken as is when the page
// is one JPEG, otherwise rendered with pdftoppm) and recognised by the
// tesseract command-line engine, one single-threaded process per core.
//
// The engines are separate programs rather than a cgo binding: the build
// needs no C headers, and a page that crashes or hangs the engine is one
// killed process with a clear error, not a crashed dpa.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
)

// Defaults for an Engine's zero fields. PSM was chosen by measuring word
// recall on the scanned corpus (BenchmarkRecall): psm 3 0.996, psm 4 0.993,
// psm 6 0.955. DPI applies only to pages rendered with pdftoppm.
const (
	DefaultLang        = "nld"
	DefaultPSM         = 3
	DefaultDPI         = 300
	DefaultPageTimeout = 2 * time.Minute
)

// ErrNotInstalled is wrapped by the error RecognizePages returns when the
// OCR programs or the language data are missing.
var ErrNotInstalled = errors.New("OCR engine not installed")

// Engine recognises scanned PDF pages with tesseract and poppler's
// pdfimages/pdftoppm. Its zero value uses the programs found in PATH and
// the defaults above. An Engine may be shared: concurrent RecognizePages
// calls together never run more than Workers engines at once. Set the
// fields before the first call and do not change them afterwards.
type Engine struct {
	// Tesseract, Pdfimages, Pdfinfo and Pdftoppm name the programs (a
	// path, or a name looked up in PATH); empty means the usual name.
	Tesseract, Pdfimages, Pdfinfo, Pdftoppm string
	// Lang is the tesseract language, "nld" by default ("nld+eng" for two).
	Lang string
	// PSM is tesseract's page segmentation mode.
	PSM int
	// DPI is the resolution of pages rendered with pdftoppm.
	DPI int
	// AlwaysRender renders every page with pdftoppm, also a page that is
	// one usable scan (for measurements; slower and no better on scans).
	AlwaysRender bool
	// Workers is the number of pages recognised at once; 0 means one per core.
	Workers int
	// PageTimeout bounds the work on one page; 0 means DefaultPageTimeout.
	PageTimeout time.Duration
	// TempDir is where the temporary directory for page images is made;
	// empty means os.TempDir().
	TempDir string
	// Log, when set, receives a warning for each page RecognizePages
	// could not read.
	Log *zap.Logger

	once  sync.Once
	err   error         // from the installation check
	slots chan struct{} // one per engine allowed to run
}

// Page is the recognised text of one page.
type Page struct {
	// Number is the 1-based page number in the PDF.
	Number int
	Text   string
	// Confidence is the engine's mean word confidence, 0–100.
	Confidence float64
	// Words is the number of words the engine recognised.
	Words int
	// Err is why the page could not be read; Text is then empty.
	Err error
	// Blocks are the page's structure and Boxes its words with their
	// boxes on the page image, spans into Text.
	Blocks []corpus.Block
	Boxes  []corpus.WordBox
}

func (e *Engine) lang() string               { return or(e.Lang, DefaultLang) }
func (e *Engine) tesseract() string          { return or(e.Tesseract, "tesseract") }
func (e *Engine) pdfimages() string          { return or(e.Pdfimages, "pdfimages") }
func (e *Engine) pdftoppm() string           { return or(e.Pdftoppm, "pdftoppm") }
func (e *Engine) pdfinfo() string            { return or(e.Pdfinfo, "pdfinfo") }
func (e *Engine) psm() int                   { return or(e.PSM, DefaultPSM) }
func (e *Engine) dpi() int                   { return or(e.DPI, DefaultDPI) }
func (e *Engine) pageTimeout() time.Duration { return or(e.PageTimeout, DefaultPageTimeout) }
func (e *Engine) workers() int               { return or(e.Workers, runtime.NumCPU()) }

// or returns v, or def when v is the zero value (or negative).
func or[T string | int | time.Duration](v, def T) T {
	var zero T
	if v <= zero {
		return def
	}
	return v
}

// Name describes the engine for warnings: "tesseract nld".
func (e *Engine) Name() string { return "tesseract " + e.lang() }

// Check reports whether the programs and the language data are installed.
// The answer is computed once per Engine.
func (e *Engine) Check(ctx context.Context) error {
	e.once.Do(func() {
		e.slots = make(chan struct{}, e.workers())
		e.err = e.check(ctx)
	})
	return e.err
}

func (e *Engine) check(ctx context.Context) error {
	var missing []string
	for _, prog := range []string{e.tesseract(), e.pdfimages(), e.pdfinfo(), e.pdftoppm()} {
		if _, err := exec.LookPath(prog); err != nil {
			missing = append(missing, prog)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s not found", ErrNotInstalled, strings.Join(missing, ", "))
	}
	langs, err := Languages(ctx, e.tesseract())
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotInstalled, err)
	}
	for _, l := range strings.Split(e.lang(), "+") {
		if !slices.Contains(langs, l) {
			return fmt.Errorf("%w: tesseract has no %q language data (has %s)", ErrNotInstalled, l, strings.Join(langs, ", "))
		}
	}
	return nil
}

// Languages returns the languages the tesseract program has data for.
func Languages(ctx context.Context, tesseract string) ([]string, error) {
	out, err := exec.CommandContext(ctx, tesseract, "--list-langs").Output()
	if err != nil {
		return nil, fmt.Errorf("%s --list-langs: %w", tesseract, err)
	}
	var langs []string
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "List of available languages") {
			continue
		}
		langs = append(langs, line)
	}
	return langs, nil
}

// InstallHint is what a user should install to read scanned pages.
func (e *Engine) InstallHint() string {
	pkgs := []string{"tesseract-ocr"}
	for _, l := range strings.Split(e.lang(), "+") {
		pkgs = append(pkgs, "tesseract-ocr-"+l)
	}
	return "install " + strings.Join(pkgs, " and ") + " (and poppler-utils)"
}

// RecognizePages implements corpus.PageRecognizer: it recognises the given
// 1-based pages of the PDF at path and returns their text, in the order
// asked, with OCR set and the mean word confidence. A page that fails
// (page timeout, engine crash, or the file's deadline reached before it
// was done) comes back with empty Text and is logged to Log, so the pages
// read are kept. The error is for calls that read no page: engines not
// installed (wrapping ErrNotInstalled), ctx done before any page was
// read, no temporary directory.
func (e *Engine) RecognizePages(ctx context.Context, path string, pages []int) ([]corpus.PageText, error) {
	got, err := e.Recognize(ctx, path, pages)
	if got == nil {
		return nil, err
	}
	out := make([]corpus.PageText, len(got))
	read := 0
	for i, p := range got {
		if p.Err != nil {
			if e.Log != nil {
				e.Log.Warn("OCR of page failed", zap.String("file", path), zap.Int("page", p.Number), zap.Error(p.Err))
			}
			continue
		}
		out[i] = corpus.PageText{Text: p.Text, OCR: true, Confidence: p.Confidence, Blocks: p.Blocks, Words: p.Boxes}
		read++
	}
	if read == 0 && err != nil {
		return nil, err
	}
	return out, nil
}

// Recognize recognises the given 1-based pages of the PDF at path and
// returns them in the order asked. Pages are worked on in parallel, each
// within PageTimeout; a page that fails has its Err set, and the error
// returned joins those page errors. When the engines are missing, it
// returns an error wrapping ErrNotInstalled that says what to install.
// Temporary images live in one directory that is removed before
// RecognizePages returns, also when ctx is cancelled.
func (e *Engine) Recognize(ctx context.Context, path string, pages []int) ([]Page, error) {
	if err := e.Check(ctx); err != nil {
		return nil, fmt.Errorf("scanned pages found in %s; %s: %w", path, e.InstallHint(), err)
	}
	out := make([]Page, len(pages))
	if len(pages) == 0 {
		return out, nil
	}
	dir, err := os.MkdirTemp(e.TempDir, "dpa-ocr-")
	if err != nil {
		return nil, fmt.Errorf("%s: OCR: %w", path, err)
	}
	defer os.RemoveAll(dir)

	images, err := listImages(ctx, e.pdfimages(), e.pdfinfo(), path, pages)
	if err != nil {
		// Without the list every page is rendered; slower, not wrong.
		images = nil
	}
	var wg sync.WaitGroup
	for i, n := range pages {
		out[i].Number = n
		select {
		case e.slots <- struct{}{}:
		case <-ctx.Done():
			out[i].Err = ctx.Err()
			continue
		}
		wg.Add(1)
		go func(p *Page) {
			defer wg.Done()
			defer func() { <-e.slots }()
			e.recognize(ctx, dir, path, images[p.Number], p)
		}(&out[i])
	}
	wg.Wait()
	var errs []error
	for i := range out {
		if out[i].Err != nil {
			errs = append(errs, fmt.Errorf("%s: page %d: %w", path, out[i].Number, out[i].Err))
		}
	}
	return out, errors.Join(errs...)
}

// recognize fills p with the text of page p.Number; img describes the
// page's images.
func (e *Engine) recognize(ctx context.Context, dir, path string, img pageImages, p *Page) {
	if err := ctx.Err(); err != nil {
		p.Err = err
		return
	}
	ctx, cancel := context.WithTimeout(ctx, e.pageTimeout())
	defer cancel()
	base := filepath.Join(dir, fmt.Sprintf("p%d", p.Number))
	image, err := e.rasterise(ctx, path, p.Number, img, base)
	if err == nil {
		ppi := float64(e.dpi())
		if strings.HasSuffix(image, ".jpg") {
			ppi = img.ppi // the embedded scan
		}
		var got Page
		if got, err = e.ocr(ctx, image, base, p.Number, ppi); err == nil {
			*p = got
		}
	}
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("OCR took longer than %s: %w", e.pageTimeout(), ctx.Err())
		}
		*p = Page{Number: p.Number, Err: err}
	}
	os.Remove(image)
}

// rasterise writes an image of page n to a file beside base and returns
// its path: the page's embedded JPEG when the page is one scan at a
// usable resolution, else a grey rendering at DPI.
func (e *Engine) rasterise(ctx context.Context, path string, n int, img pageImages, base string) (string, error) {
	if img.usableScan() && !e.AlwaysRender {
		page := fmt.Sprint(n)
		if err := run(ctx, e.pdfimages(), "-j", "-f", page, "-l", page, path, base); err == nil {
			if m, _ := filepath.Glob(base + "-*.jpg"); len(m) == 1 {
				return m[0], nil
			}
		}
		// Fall through to rendering: the image was not what the list said.
		if m, _ := filepath.Glob(base + "-*"); len(m) > 0 {
			for _, f := range m {
				os.Remove(f)
			}
		}
	}
	page := fmt.Sprint(n)
	if err := run(ctx, e.pdftoppm(), "-r", fmt.Sprint(e.dpi()), "-gray", "-f", page, "-l", page, "-singlefile", path, base); err != nil {
		return "", err
	}
	return base + ".pgm", nil
}

// ocr runs tesseract on image, scanned at ppi, for its word table (TSV:
// words with their boxes, layout numbers and confidences) and lays the
// words out as text with its structure (readPage).
func (e *Engine) ocr(ctx context.Context, image, base string, n int, ppi float64) (Page, error) {
	defer os.Remove(base + ".tsv")
	err := run(ctx, e.tesseract(), image, base, "-l", e.lang(), "--psm", fmt.Sprint(e.psm()), "tsv")
	if err != nil {
		return Page{}, err
	}
	tsv, err := os.ReadFile(base + ".tsv")
	if err != nil {
		return Page{}, fmt.Errorf("tesseract wrote no word table: %w", err)
	}
	words, w, h := parseTSVPage(tsv)
	conf, count := meanConfidence(words)
	r := readPage(words, w, h, ppi)
	return Page{Number: n, Text: r.text, Confidence: conf, Words: count, Blocks: r.blocks, Boxes: r.words}, nil
}

// cleanText removes form feeds (dpa's page separator) and trailing blank
// lines, and folds tesseract's typographic characters.
func cleanText(s string) string {
	s = fold(strings.ReplaceAll(s, "\f", ""))
	return strings.TrimRight(s, " \n")
}

// run runs one program with OMP_THREAD_LIMIT=1 (one core per engine; the
// parallelism is over pages) and returns its error with its stderr.
func run(ctx context.Context, prog string, args ...string) error {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		if msg != "" {
			return fmt.Errorf("%s: %w: %s", filepath.Base(prog), err, msg)
		}
		return fmt.Errorf("%s: %w", filepath.Base(prog), err)
	}
	return nil
}
