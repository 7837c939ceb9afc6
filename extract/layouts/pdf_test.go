package layouts

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/testdata/layoutgen"
)

// TestPDFsUpToDate checks that every layout has a PDF in testdata/layouts,
// printed from the HTML the generator writes now: SOURCES records the
// SHA-256 of the HTML each PDF was printed from. A layout added or changed
// without "make layouts" fails here.
func TestPDFsUpToDate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(pdfDir, "SOURCES"))
	if err != nil {
		t.Fatalf("%v: run make layouts", err)
	}
	sources := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 2 && !strings.HasPrefix(line, "#") {
			sources[f[1]] = f[0]
		}
	}
	want := map[string]bool{}
	for _, l := range layoutgen.Layouts {
		name := l.FileName("pdf")
		want[name] = true
		doc, _ := l.Render()
		if sources[name] != layoutgen.Digest(layoutgen.HTML(doc)) {
			t.Errorf("%s was printed from other HTML than the generator writes now: run make layouts", name)
		}
		if _, err := os.Stat(filepath.Join(pdfDir, name)); err != nil {
			t.Errorf("%v: run make layouts", err)
		}
	}
	pdfs, _ := filepath.Glob(filepath.Join(pdfDir, "*.pdf"))
	for _, p := range pdfs {
		if !want[filepath.Base(p)] {
			t.Errorf("%s belongs to no layout: remove it", p)
		}
	}
}

// TestPDFPrintsAsCommitted prints one layout's HTML again with the
// Chromium installed here and checks that dpa reads the same text from it
// as from the committed PDF. It needs Chromium and is skipped without it
// and in -short mode.
func TestPDFPrintsAsCommitted(t *testing.T) {
	chromium := layoutgen.Chromium()
	if chromium == "" || testing.Short() {
		t.Skip("needs chromium and no -short")
	}
	var layout layoutgen.Layout
	for _, l := range layoutgen.Layouts {
		if l.Name == "split-table" {
			layout = l
		}
	}
	doc, _ := layout.Render()
	dir := t.TempDir()
	src, out := filepath.Join(dir, layout.FileName("html")), filepath.Join(dir, layout.FileName("pdf"))
	if err := os.WriteFile(src, layoutgen.HTML(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := layoutgen.PrintPDF(ctx, chromium, src, out); err != nil {
		t.Fatal(err)
	}
	fresh, committed := pdfWords(t, out), pdfWords(t, filepath.Join(pdfDir, layout.FileName("pdf")))
	if fresh != committed {
		t.Errorf("%s prints differently now: run make layouts\nnow:       %.300s\ncommitted: %.300s", layout.FileName("pdf"), fresh, committed)
	}
}

// pdfWords is the text dpa reads from a PDF, its words separated by single spaces.
func pdfWords(t *testing.T, path string) string {
	t.Helper()
	doc, err := corpus.Open(context.Background(), corpus.File{Path: path, Paths: []string{path}}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(doc.Text), " ")
}
