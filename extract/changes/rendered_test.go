package changes

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/testdata/layoutgen"
)

// layoutPDFs holds the PDFs printed from each layout's HTML (make layouts).
const layoutPDFs = "../../testdata/layouts"

// TestRenderedFormatsGiveNoEvents renders every layoutgen layout as text,
// HTML and DOCX, extracts each file and diffs every pair of formats: the
// same agreement in another format is no change. The committed PDF of each
// layout is diffed against the text too; the events there come from the
// PDF gaps extract/layouts lists, so they are logged and counted, not failed.
func TestRenderedFormatsGiveNoEvents(t *testing.T) {
	dir := t.TempDir()
	pdfEvents, pdfPairs, gapEvents := 0, 0, 0
	for _, l := range layoutgen.Layouts {
		doc, _ := l.Render()
		recs := map[string]*extract.Record{}
		for format, data := range map[string][]byte{"text": layoutgen.Text(doc), "html": layoutgen.HTML(doc), "docx": layoutgen.DOCX(doc)} {
			ext := map[string]string{"text": l.TextExt(), "html": "html", "docx": "docx"}[format]
			path := filepath.Join(dir, l.FileName(ext))
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			rec, err := extractFile(path)
			if err != nil {
				t.Fatal(err)
			}
			recs[format] = rec
		}
		for _, p := range [][2]string{{"text", "html"}, {"text", "docx"}, {"html", "docx"}} {
			events := Diff(recs[p[0]], recs[p[1]])
			for _, e := range events {
				if matchingFailure(e, events) {
					t.Errorf("%s %s → %s: %v", l.Name, p[0], p[1], e)
				} else {
					gapEvents++
					t.Logf("%s %s → %s (extraction gap, one side empty): %v", l.Name, p[0], p[1], e)
				}
			}
		}
		pdf := filepath.Join(layoutPDFs, l.FileName("pdf"))
		if _, err := os.Stat(pdf); err != nil {
			continue
		}
		rec, err := extractFile(pdf)
		if err != nil {
			t.Errorf("%s: %v", pdf, err)
			continue
		}
		pdfPairs++
		for _, e := range Diff(recs["text"], rec) {
			pdfEvents++
			t.Logf("%s text → pdf (extraction gap): %v", l.Name, e)
		}
	}
	t.Logf("%d layouts × 3 formats: %d one-sided events from extraction gaps; text → PDF: %d events over %d pairs",
		len(layoutgen.Layouts), gapEvents, pdfEvents, pdfPairs)
}

// matchingFailure reports whether an event between two renderings of the
// same agreement is the diff's fault: a value present on both sides that
// Diff calls changed, or an item of a list removed while another is added
// (two spellings not paired). An event with one side empty is extraction
// missing the value in one format (extract/layouts lists those gaps).
func matchingFailure(e Event, all []Event) bool {
	switch {
	case e.Added():
		for _, o := range all {
			if o.Field == e.Field && o.Removed() {
				return true
			}
		}
		return false
	case e.Removed():
		for _, o := range all {
			if o.Field == e.Field && o.Added() {
				return true
			}
		}
		return false
	}
	return e.Old != "" && e.New != ""
}

func extractFile(path string) (*extract.Record, error) {
	doc, err := corpus.Open(context.Background(), corpus.File{Path: path, Paths: []string{path}}, corpus.Options{})
	if err != nil {
		return nil, err
	}
	return extract.Extract(doc), nil
}
