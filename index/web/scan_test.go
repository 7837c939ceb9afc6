package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index"
)

// typedScan is an OCR engine stand-in: it "recognises" the pages of the
// scanned fixture as the texts they were typeset from, each word with a
// box at its line and column, so that tests see OCR evidence with boxes
// without tesseract.
type typedScan struct{}

func (typedScan) RecognizePages(ctx context.Context, path string, pages []int) ([]corpus.PageText, error) {
	var out []corpus.PageText
	for _, n := range pages {
		src := "../../testdata/scanned/zeilschool.txt"
		if n == 2 {
			src = "../../testdata/scanned/zeilschool-2.txt"
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, err
		}
		out = append(out, corpus.PageText{Text: string(data), OCR: true, Confidence: 90, Words: typedBoxes(string(data))})
	}
	return out, nil
}

// typedBoxes places each word of text at its line (2 % of the page high)
// and column (0.7 % of the page wide per byte).
func typedBoxes(text string) []corpus.WordBox {
	var out []corpus.WordBox
	lineStart := 0
	for i, l := range strings.SplitAfter(text, "\n") {
		for _, m := range regexp.MustCompile(`\S+`).FindAllStringIndex(l, -1) {
			out = append(out, corpus.WordBox{Start: lineStart + m[0], End: lineStart + m[1], Box: corpus.Box{
				X0: 0.1 + 0.007*float64(m[0]), Y0: 0.1 + 0.02*float64(i), X1: 0.1 + 0.007*float64(m[1]), Y1: 0.115 + 0.02*float64(i)}})
		}
		lineStart += len(l)
	}
	return out
}

// scanServer indexes the scanned fixture (read by typedScan) and a text
// file, and serves them.
func scanServer(t *testing.T) (*httptest.Server, *index.Index, string, string) {
	t.Helper()
	dir := t.TempDir()
	drive := filepath.Join(dir, "drive")
	os.MkdirAll(drive, 0o755)
	for _, f := range []string{"../../testdata/scanned/zeilschool.scanned.pdf", "../../testdata/agreements/planbord-verwerkersovereenkomst.txt"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(drive, filepath.Base(f)), data, 0o644)
	}
	ix, err := index.Open(filepath.Join(dir, "idx"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u, err := ix.Update(ctx, []string{drive}, index.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range u.Files() {
		doc, err := corpus.Open(ctx, f, corpus.Options{OCR: typedScan{}})
		if err != nil {
			t.Fatal(err)
		}
		if err := u.Add(f, doc, extract.Extract(doc)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := u.Finish(); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if ix, err = index.Open(filepath.Join(dir, "idx"), index.Options{ReadOnly: true, PerCall: true}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ts := httptest.NewServer(New(ix, Options{RequestTimeout: 5 * time.Minute})) // pdftoppm on a busy machine
	t.Cleanup(ts.Close)
	return ts, ix, idOf(t, ix, "zeilschool.scanned.pdf"), idOf(t, ix, "planbord-verwerkersovereenkomst.txt")
}

// TestScanEvidence checks that evidence read by OCR is shown as a
// rectangle on the page image: the record's box is that of the words of
// the passage, the document page draws it over the image, and the image
// endpoint renders the page from the original PDF.
func TestScanEvidence(t *testing.T) {
	ts, ix, scan, text := scanServer(t)
	d, err := ix.Document(scan)
	if err != nil {
		t.Fatal(err)
	}
	ev := d.Record.Evidence["processor.name"]
	if len(ev) == 0 || ev[0].Box == nil || !ev[0].OCR {
		t.Fatalf("processor.name evidence %+v has no box", ev)
	}
	e := ev[0]
	// The words of the passage, placed by typedBoxes: the box around them.
	page := d.Pages[e.Page-1]
	text0 := d.Text[page.Start:page.End]
	var want *corpus.Box
	for _, w := range typedBoxes(text0) {
		if w.Start+page.Start < e.End && w.End+page.Start > e.Start {
			if want == nil {
				b := w.Box
				want = &b
			}
			want.X0, want.Y0 = min(want.X0, w.X0), min(want.Y0, w.Y0)
			want.X1, want.Y1 = max(want.X1, w.X1), max(want.Y1, w.Y1)
		}
	}
	if want == nil || *e.Box != *want {
		t.Errorf("box of %q = %+v, want %+v", e.Quote, e.Box, want)
	}

	get := func(path string) (int, string, string) {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
	}
	_, _, html := get(fmt.Sprintf("/doc/%s?page=%d&start=%d&end=%d", scan, e.Page, e.Start, e.End))
	img := fmt.Sprintf(`<img id="scanimg" alt="De passage op de scan van de pagina" src="/api/documents/%s/pages/%d/image">`, scan, e.Page)
	rect := fmt.Sprintf(`<rect id="scanrect" x="%g" y="%g" width="%g" height="%g"/>`, e.Box.X0, e.Box.Y0, e.Box.X1-e.Box.X0, e.Box.Y1-e.Box.Y0)
	for _, s := range []string{`<figure class="scan" id="scan">`, img, rect, fmt.Sprintf(`data-box="%g %g %g %g"`, e.Box.X0, e.Box.Y0, e.Box.X1, e.Box.Y1)} {
		if !strings.Contains(html, s) {
			t.Errorf("document page lacks %s", s)
		}
	}
	if _, _, html := get("/doc/" + scan); !strings.Contains(html, `<figure class="scan" id="scan" hidden>`) {
		t.Error("the page image shows with no passage chosen")
	}
	if _, _, html := get("/doc/" + text); strings.Contains(html, "scanimg") {
		t.Error("a document without OCR evidence has a page image")
	}

	image := fmt.Sprintf("/api/documents/%s/pages/1/image", scan)
	tests := []struct {
		name, path string
		code       int
		want       string
	}{
		{"page out of range", fmt.Sprintf("/api/documents/%s/pages/3/image", scan), 404, "no page"},
		{"page not a number", fmt.Sprintf("/api/documents/%s/pages/..%%2f1/image", scan), 404, ""},
		{"no PDF", fmt.Sprintf("/api/documents/%s/pages/1/image", text), 404, "no PDF"},
		{"traversal", "/api/documents/..%2f..%2fetc%2fpasswd/pages/1/image", 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := get(tc.path)
			if code != tc.code || !strings.Contains(body, tc.want) {
				t.Errorf("GET %s: %d %q, want %d %q", tc.path, code, body, tc.code, tc.want)
			}
		})
	}
	t.Run("pdftoppm missing", func(t *testing.T) {
		defer func(p string) { pdftoppm = p }(pdftoppm)
		pdftoppm = "/nonexistent/pdftoppm"
		if code, _, body := get(image); code != 503 || !strings.Contains(body, "poppler-utils") {
			t.Errorf("GET %s: %d %q, want 503 naming poppler-utils", image, code, body)
		}
	})
	t.Run("rendered", func(t *testing.T) {
		if _, err := exec.LookPath(pdftoppm); err != nil {
			t.Skip("skipping: needs pdftoppm (poppler-utils)")
		}
		for range 2 { // the second comes from the cache
			code, ct, body := get(image)
			if code != 200 || ct != "image/jpeg" || !strings.HasPrefix(body, "\xff\xd8\xff") || len(body) < 10000 {
				t.Fatalf("GET %s: %d %s, %d bytes", image, code, ct, len(body))
			}
		}
	})
	t.Run("original changed", func(t *testing.T) {
		paths, _ := ix.Paths(scan)
		os.WriteFile(paths[0], []byte("%PDF-1.4 anders"), 0o644)
		if code, _, _ := get(fmt.Sprintf("/api/documents/%s/pages/2/image", scan)); code != 410 {
			t.Errorf("page image of a changed file: %d, want 410", code)
		}
	})
}
