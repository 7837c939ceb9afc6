package flow

import (
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus/blocks"
)

func TestWriter(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *Writer)
		text  string
		dump  []string
	}{
		{"paragraphs, headings, list items, furniture", func(w *Writer) {
			w.Paragraph(Para{Text: "Kopregel", Furniture: true})
			w.Paragraph(Para{Text: "Onderwerp", Heading: 2, Label: "Artikel 1:"})
			w.Paragraph(Para{Text: "  "})
			w.Paragraph(Para{Text: "eerste lid", Label: "1.", Level: 1})
			w.Paragraph(Para{Text: "Product: Rekenpad"})
		}, "Kopregel\nArtikel 1: Onderwerp\n1. eerste lid\nProduct: Rekenpad\n",
			[]string{`furniture "Kopregel"`, `heading h2 [Artikel 1] "Onderwerp"`, `list-item depth=1 [1.] "eerste lid"`, `label "Product" = "Rekenpad"`}},
		{"table with spans and empty cells", func(w *Writer) {
			w.Paragraph(Para{Text: "Subverwerkers"})
			w.Table([]Row{
				{Header: true, Cells: []Cell{{Text: "Naam"}, {Text: "Land"}, {Text: "Doel"}}},
				{Cells: []Cell{{Text: "Wolk  B.V.", RowSpan: 2}, {Text: ""}, {Text: "hosting"}}},
				{Cells: []Cell{{Covered: true}, {Text: "Ierland"}, {Text: ""}}},
				{Cells: []Cell{{Text: ""}, {Text: ""}, {Text: " "}}},
			})
			w.Paragraph(Para{Text: "Na de tabel."})
		}, "Subverwerkers\n\nNaam | Land | Doel\nWolk B.V. |  | hosting\nIerland | \n\nNa de tabel.\n",
			[]string{"table 3 rows, 1 header", `row 1: "Wolk B.V."(1×2) "" "hosting"`, `row 2: "Ierland" ""`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w Writer
			tt.write(&w)
			text, bs := w.Finish()
			if text != tt.text {
				t.Errorf("text\n got %q\nwant %q", text, tt.text)
			}
			if err := blocks.Check(text, bs); err != nil {
				t.Error(err)
			}
			d := blocks.Dump(text, bs)
			for _, want := range tt.dump {
				if !strings.Contains(d, want) {
					t.Errorf("blocks lack %q:\n%s", want, d)
				}
			}
		})
	}
}

func TestColumnsUnderRowSpans(t *testing.T) {
	var w Writer
	w.Table([]Row{
		{Cells: []Cell{{Text: "A", RowSpan: 2}, {Text: "B", ColSpan: 2}}},
		{Cells: []Cell{{Text: "C"}, {Text: "D"}}},
	})
	_, bs := w.Finish()
	got := bs[0].Table.Rows[1].Cells
	if got[0].Col != 1 || got[1].Col != 2 {
		t.Errorf("columns under a row span: %d, %d; want 1, 2", got[0].Col, got[1].Col)
	}
}

func TestHeadingName(t *testing.T) {
	for name, want := range map[string]int{"Heading_20_2": 2, "heading 3": 3, "Kop 1": 1, "Title": 1, "Standard": 0, "Heading": 0} {
		if got := HeadingName(name); got != want {
			t.Errorf("HeadingName(%q) = %d, want %d", name, got, want)
		}
	}
}
