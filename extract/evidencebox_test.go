package extract

import (
	"reflect"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// TestEvidenceBox checks that evidence on a page read by OCR carries the
// rectangle around its words on the page image, and evidence on a text
// layer none.
func TestEvidenceBox(t *testing.T) {
	//                       0123456789012345678901234
	const scan = "Verwerker Hemelhost Inc.\nVerenigde Staten"
	words := []corpus.WordBox{
		{Start: 0, End: 9, Box: corpus.Box{X0: 0.1, Y0: 0.2, X1: 0.3, Y1: 0.22}},
		{Start: 10, End: 19, Box: corpus.Box{X0: 0.32, Y0: 0.2, X1: 0.5, Y1: 0.22}},
		{Start: 20, End: 24, Box: corpus.Box{X0: 0.52, Y0: 0.2, X1: 0.6, Y1: 0.23}},
		{Start: 25, End: 34, Box: corpus.Box{X0: 0.1, Y0: 0.24, X1: 0.28, Y1: 0.27}},
		{Start: 35, End: 41, Box: corpus.Box{X0: 0.3, Y0: 0.24, X1: 0.42, Y1: 0.26}},
	}
	d := newDoc(corpus.NewDocument(corpus.Source{Path: "scan.pdf"}, []corpus.PageText{
		{Text: "tekstlaag"}, {Text: scan, OCR: true, Confidence: 91, Words: words}}))
	off := len("tekstlaag") + len(corpus.PageSeparator)
	tests := []struct {
		name       string
		start, end int
		want       *corpus.Box
	}{
		{"one word", off + 10, off + 19, &corpus.Box{X0: 0.32, Y0: 0.2, X1: 0.5, Y1: 0.22}},
		{"over two lines", off + 10, off + 34, &corpus.Box{X0: 0.1, Y0: 0.2, X1: 0.6, Y1: 0.27}},
		{"text layer", 0, 9, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := d.span(tc.start, tc.end, 1)
			if !reflect.DeepEqual(ev.Box, tc.want) {
				t.Errorf("box = %+v, want %+v", ev.Box, tc.want)
			}
			if ev.Quote != d.text[ev.Start:ev.End] {
				t.Errorf("quote %q is not the text", ev.Quote)
			}
		})
	}
}
