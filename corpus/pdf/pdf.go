// Package pdf reads the text layer of PDF files, page by page, in reading
// order. It parses files with github.com/ledongthuc/pdf (object graph, cross
// references, stream filters) and interprets page content itself, so that it
// can bound the work a hostile file can cause (pages, objects, inflated bytes,
// time) and place every glyph by its position on the page.
//
// Lines come out top to bottom, one output line per text line, words
// separated by a space and table cells (glyphs separated by a column-like
// horizontal gap) by " | "; rotated text (margin notes, stamps) follows the
// page's lines, and filled-in form fields are read where they are drawn. A
// page with no usable text (a scan, or a text layer of glyphs that do not
// map to characters) is reported with HasText false so that a caller can OCR
// it.
//
// The library panics on many malformed inputs; Read recovers at the file and
// page boundary and reports such files as damaged. Before the library sees a
// file, its declared sizes and cross-reference links are checked for what
// would make the library allocate without bound, recurse until the stack
// overflows or loop. A complete file whose cross-reference data is wrong is
// read again with that data rebuilt by scanning for objects; an AES-256 file
// that opens without a password is decrypted first (the library reads only
// RC4 and AES-128). Such repairs are named in Result.Warnings.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/dpa-nl/dpa/corpus/blocks"
	"os"
	"runtime"
	"time"
)

// Limits bounds the work Read does for one file. A zero field takes its default.
type Limits struct {
	// MaxFileBytes is the largest file read (default DefaultMaxFileBytes).
	MaxFileBytes int64
	// MaxPages is the largest number of pages read (default DefaultMaxPages).
	MaxPages int
	// MaxObjects is the largest object number the cross-reference data may
	// declare (default DefaultMaxObjects).
	MaxObjects int64
	// MaxStreamBytes is the largest number of bytes one stream may inflate to
	// (default DefaultMaxStreamBytes).
	MaxStreamBytes int64
	// MaxOps is the largest number of content operators interpreted per page,
	// form XObjects included (default DefaultMaxOps).
	MaxOps int
	// Timeout bounds the time for the whole file (default DefaultTimeout);
	// a deadline on the context passed to Read applies as well.
	Timeout time.Duration
	// Workers is the number of pages read in parallel (default GOMAXPROCS).
	Workers int
}

// The defaults of Limits.
const (
	DefaultMaxFileBytes   = 512 << 20
	DefaultMaxPages       = 20000
	DefaultMaxObjects     = 2_000_000
	DefaultMaxStreamBytes = 256 << 20
	DefaultMaxOps         = 20_000_000
	DefaultTimeout        = 5 * time.Minute
)

func (l Limits) withDefaults() Limits {
	l.MaxFileBytes = orDefault(l.MaxFileBytes, DefaultMaxFileBytes)
	l.MaxPages = orDefault(l.MaxPages, DefaultMaxPages)
	l.MaxObjects = orDefault(l.MaxObjects, DefaultMaxObjects)
	l.MaxStreamBytes = orDefault(l.MaxStreamBytes, DefaultMaxStreamBytes)
	l.MaxOps = orDefault(l.MaxOps, DefaultMaxOps)
	l.Timeout = orDefault(l.Timeout, DefaultTimeout)
	l.Workers = orDefault(l.Workers, runtime.GOMAXPROCS(0))
	return l
}

// orDefault returns v, or d when v is not positive.
func orDefault[T int | int64 | time.Duration](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
}

// Result is the text of one PDF file.
type Result struct {
	// Pages are the pages in page order.
	Pages []Page
	// Warnings say what was skipped or repaired ("page tree loop: node 2 0 R
	// visited twice, skipped"); they do not make the file fail.
	Warnings []string
}

// Page is the text of one page.
type Page struct {
	// Text is the page's text, one line per text line, each ending in "\n".
	Text string
	// HasText is false when the page has no usable text layer (no letters,
	// or mostly glyphs that map to no character): the page needs OCR.
	HasText bool
	// Blocks is the page's structure with spans into Text (see
	// pageBlocks): tables from cells aligned in columns, headings from
	// larger or bold type and numbering, lists, labels, paragraphs.
	Blocks []blocks.Block
}

// The reasons Read fails. Read returns an *Error whose Unwrap gives one of them,
// so callers test with errors.Is.
var (
	ErrEmpty     = errors.New("empty file")
	ErrNotPDF    = errors.New("not a PDF")
	ErrDamaged   = errors.New("truncated or damaged PDF")
	ErrEncrypted = errors.New("encrypted, password required")
	ErrTooLarge  = errors.New("too large")
	ErrCyclic    = errors.New("cyclic page tree")
	ErrTimeout   = errors.New("took too long")
	ErrNoPages   = errors.New("no pages")
)

// Error is the error Read returns: the reason (one of the Err variables), the
// page it concerns (0 for the whole file) and a detail. It does not repeat the
// file name: callers wrap it in an error that names the file.
type Error struct {
	Err    error
	Page   int
	Detail string
}

// Error returns the reason, the page and the detail.
func (e *Error) Error() string {
	s := e.Err.Error()
	if e.Page > 0 {
		s += fmt.Sprintf(" (page %d)", e.Page)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

func fail(reason error, format string, args ...any) *Error {
	return &Error{Err: reason, Detail: fmt.Sprintf(format, args...)}
}

// Read reads the text of every page of the PDF file at path. It never panics
// and stops when ctx is done or lim.Timeout passes.
func Read(ctx context.Context, path string, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > lim.MaxFileBytes {
		return nil, fail(ErrTooLarge, "file is %d bytes, limit %d", fi.Size(), lim.MaxFileBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ReadBytes(ctx, data, lim)
}

// ReadBytes is Read for a file already in memory.
func ReadBytes(ctx context.Context, data []byte, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, fail(ErrTooLarge, "file is %d bytes, limit %d", len(data), lim.MaxFileBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Err: ErrEmpty}
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()

	type outcome struct {
		res *Result
		err error
	}
	done := make(chan outcome, 1)
	d := &doc{lim: lim, ctx: ctx}
	go func() {
		var o outcome
		defer func() {
			if p := recover(); p != nil {
				o = outcome{nil, d.panicError(p)}
			}
			done <- o
		}()
		o.res, o.err = d.read(data)
	}()
	select {
	case o := <-done:
		if o.err != nil && ctx.Err() != nil {
			return nil, timeoutError(ctx)
		}
		return o.res, o.err
	case <-ctx.Done():
		// The library may be stuck in a loop that does not read the file;
		// the file reader now fails every read, which ends any loop that
		// does. Either way the caller gets its answer now.
		d.stop.Store(true)
		return nil, timeoutError(ctx)
	}
}

func timeoutError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return &Error{Err: ErrTimeout, Detail: "cancelled"}
	}
	return &Error{Err: ErrTimeout}
}

// panicError turns a panic from the library or from a limit into an error.
func (d *doc) panicError(p any) error {
	if e, ok := p.(*Error); ok {
		return e
	}
	if d.ctx.Err() != nil || d.stop.Load() {
		return timeoutError(d.ctx)
	}
	return fail(ErrDamaged, "%v", p)
}
