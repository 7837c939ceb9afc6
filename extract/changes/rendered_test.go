package changes

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
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

// TestRenderedLayoutsGiveNoEvents renders one agreement in two different
// layouts (a supplier's redesign: nothing changed but the layout and the
// format) and diffs them. A change with values on both sides, or an item
// removed while another is added, is the diff's fault and fails; a value
// one layout's extraction misses (extract/layouts lists those gaps) is
// logged and counted.
func TestRenderedLayoutsGiveNoEvents(t *testing.T) {
	var layouts []layoutgen.Layout
	for _, l := range layoutgen.Layouts {
		if !l.Web {
			layouts = append(layouts, l)
		}
	}
	dir := t.TempDir()
	formats := []string{"text", "html", "docx"}
	write := func(l layoutgen.Layout, a layoutgen.Agreement, format, name string) *extract.Record {
		doc, _ := l.RenderAgreement(a)
		data, ext := layoutgen.Text(doc), l.TextExt()
		switch format {
		case "html":
			data, ext = layoutgen.HTML(doc), "html"
		case "docx":
			data, ext = layoutgen.DOCX(doc), "docx"
		}
		path := filepath.Join(dir, name+"."+ext)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rec, err := extractFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	const n = 60
	oneSided, clean := 0, 0
	for i := range n {
		r := rand.New(rand.NewPCG(uint64(i), 1516))
		la, lb := layouts[r.IntN(len(layouts))], layouts[r.IntN(len(layouts))]
		if la.Name == lb.Name {
			lb = layouts[(r.IntN(len(layouts)-1)+1+slices.IndexFunc(layouts, func(l layoutgen.Layout) bool { return l.Name == la.Name }))%len(layouts)]
		}
		a := layoutgen.Generate(uint64(9000+i), 0, r.IntN(3) == 0)
		fa, fb := formats[r.IntN(3)], formats[r.IntN(3)]
		events := Diff(write(la, a, fa, fmt.Sprintf("%d-a", i)), write(lb, a, fb, fmt.Sprintf("%d-b", i)))
		if len(events) == 0 {
			clean++
		}
		for _, e := range events {
			if matchingFailure(e, events) {
				t.Errorf("%s/%s → %s/%s: %v", la.Name, fa, lb.Name, fb, e)
			} else {
				oneSided++
				t.Logf("%s/%s → %s/%s (extraction gap, one side empty): %v", la.Name, fa, lb.Name, fb, e)
			}
		}
	}
	t.Logf("%d pairs of one agreement in two layouts: %d without events, %d one-sided events from extraction gaps", n, clean, oneSided)
}
