package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/index"
)

// Page images. Evidence read by OCR carries the rectangle of its words on
// the page image (extract.Evidence.Box, in fractions of the image), so any
// rendering of the page shows it in place; 100 dpi in grey JPEG keeps an
// A4 scan near 100 kB (PNG is six times that on a scan's noise).
const (
	scanDPI        = 100
	scanTimeout    = time.Minute
	scanCacheTTL   = time.Hour // an id names one content: its pages never change
	scanCachePages = 32
)

// pdftoppm is the program that renders page images (poppler-utils); a
// variable so that tests can name a missing one.
var pdftoppm = "pdftoppm"

// pageImage answers GET /api/documents/{id}/pages/{n}/image with page n of
// an indexed PDF as a JPEG image, rendered from the original file (found as
// GET …/file finds it: by the index's paths, only while its content has
// the indexed hash) with pdftoppm in a temporary directory, and kept in
// memory for later requests. Nothing on the drive is written.
func (s *Server) pageImage(w http.ResponseWriter, r *http.Request) {
	d, n, ok := s.documentPage(w, r)
	if !ok {
		return
	}
	if d.Record.Source.Format != corpus.FormatPDF {
		httpError(w, r, http.StatusNotFound, "no page image: the document is no PDF")
		return
	}
	png, err := s.images.do(d.ID+"/"+strconv.Itoa(n), func() ([]byte, error) {
		done, err := s.turn(r.Context())
		if err != nil {
			return nil, err
		}
		defer done()
		f, found := s.original(d)
		if !found {
			return nil, errGone
		}
		if c, ok := f.(io.Closer); ok {
			defer c.Close()
		}
		return renderPage(r.Context(), f, n)
	})
	switch {
	case errors.Is(err, errGone):
		httpError(w, r, http.StatusGone, "the original file is gone or changed since it was indexed; run dpa sync")
		return
	case errors.Is(err, errNoRenderer):
		httpError(w, r, http.StatusServiceUnavailable, "page images need pdftoppm (install poppler-utils)")
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(png)
}

// errGone is the original file of a document missing or changed;
// errNoRenderer is pdftoppm missing.
var (
	errGone       = errors.New("original file gone")
	errNoRenderer = errors.New("pdftoppm not found")
)

// original opens the original file of an indexed document as GET
// …/file finds it (openOriginal): the first of the index's paths for it
// whose content still has the indexed hash. The path comes from the
// index, never from a request.
func (s *Server) original(d *index.Document) (io.ReadSeeker, bool) {
	paths, err := s.ix.Paths(d.ID)
	if err != nil || len(paths) == 0 {
		paths = d.Record.Source.Paths
	}
	if len(paths) == 0 {
		paths = []string{d.Record.Source.Path}
	}
	want := d.Record.Source.SHA256
	if want == "" {
		want = d.ID
	}
	for _, p := range paths {
		if f, _, ok := openOriginal(p, want); ok {
			return f, true
		}
	}
	return nil, false
}

// renderPage renders page n of the PDF read from src as a grey JPEG
// image. The PDF is copied into a temporary directory first: the page
// may come from an attachment of an e-mail, and no path from the drive
// reaches the command line.
func renderPage(ctx context.Context, src io.Reader, n int) ([]byte, error) {
	prog, err := exec.LookPath(pdftoppm)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNoRenderer, err)
	}
	dir, err := os.MkdirTemp("", "dpa-page-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "doc.pdf")
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	_, err = io.Copy(f, src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, scanTimeout)
	defer cancel()
	page := strconv.Itoa(n)
	out := filepath.Join(dir, "page")
	cmd := exec.CommandContext(ctx, prog, "-r", strconv.Itoa(scanDPI), "-gray", "-jpeg", "-jpegopt", "quality=75", "-f", page, "-l", page, "-singlefile", path, out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("pdftoppm page %d: %w: %s", n, err, strings.TrimSpace(stderr.String()))
	}
	return os.ReadFile(out + ".jpg")
}
