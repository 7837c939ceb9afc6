package changes

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/ocr"
	"github.com/dpa-nl/dpa/extract"
)

// TestFixtureFormatsGiveNoEvents diffs the project's fixtures that hold one
// agreement in several formats: the text, DOCX and HTML of one agreement,
// and its scan read by OCR, must give no event.
func TestFixtureFormatsGiveNoEvents(t *testing.T) {
	pairs := [][2]string{
		{"../../testdata/agreements/leerlijn-verwerkersovereenkomst.txt", "../../testdata/formats/leerlijn-verwerkersovereenkomst.docx"},
		{"../../testdata/agreements/leerlijn-verwerkersovereenkomst.txt", "../../testdata/formats/leerlijn-verwerkersovereenkomst.html"},
		{"../../testdata/formats/vakwerkplaats-model4.docx", "../../testdata/formats/vakwerkplaats-model4.html"},
	}
	for _, p := range pairs {
		t.Run(filepath.Base(p[1]), func(t *testing.T) {
			diffFiles(t, p[0], p[1], corpus.Options{})
		})
	}
}

// TestScanGivesNoEvents diffs the scanned fixture, read by OCR, with the
// text it was typeset from and with its half-scanned print.
func TestScanGivesNoEvents(t *testing.T) {
	e := &ocr.Engine{}
	if err := e.Check(context.Background()); err != nil {
		t.Skipf("needs tesseract with nld data and poppler-utils: %v", err)
	}
	var text []byte
	for _, f := range []string{"zeilschool.txt", "zeilschool-2.txt"} {
		b, err := os.ReadFile(filepath.Join("../../testdata/scanned", f))
		if err != nil {
			t.Fatal(err)
		}
		text = append(append(text, b...), "\f\n"...)
	}
	source := filepath.Join(t.TempDir(), "zeilschool.txt")
	if err := os.WriteFile(source, text, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, other := range []string{"zeilschool.scanned.pdf", "zeilschool.mixed.pdf"} {
		t.Run(other, func(t *testing.T) {
			diffFiles(t, source, filepath.Join("../../testdata/scanned", other), corpus.Options{OCR: e})
		})
	}
}

func diffFiles(t *testing.T, a, b string, opts corpus.Options) {
	t.Helper()
	open := func(p string) *extract.Record {
		doc, err := corpus.Open(context.Background(), corpus.File{Path: p, Paths: []string{p}}, opts)
		if err != nil {
			t.Fatal(err)
		}
		return extract.Extract(doc)
	}
	for _, e := range Diff(open(a), open(b)) {
		t.Errorf("%s → %s: %v", filepath.Base(a), filepath.Base(b), e)
	}
}
