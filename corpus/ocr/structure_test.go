package ocr

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// TestReadPage builds the structure of a hand-made word table
// (testdata/rekenwolk.tsv: a page of 2480×3508 pixels at 300 dpi with a
// title in larger type, numbered articles, a paragraph wrapped over two
// lines and a table of three columns) and checks the blocks, the cells and
// the word boxes, each against the text it points into.
func TestReadPage(t *testing.T) {
	tsv, err := os.ReadFile("testdata/rekenwolk.tsv")
	if err != nil {
		t.Fatal(err)
	}
	words, w, h := parseTSVPage(tsv)
	if w != 2480 || h != 3508 || len(words) != 46 {
		t.Fatalf("parseTSVPage: %d words on %d×%d", len(words), w, h)
	}
	r := readPage(words, w, h, 300)
	if want := cleanText(layoutText(words)); r.text != want {
		t.Fatalf("text = %q, want the laid-out text %q", r.text, want)
	}
	type blk struct{ kind, text string }
	var got []blk
	for _, b := range r.blocks {
		got = append(got, blk{b.Kind.String(), b.Text.In(r.text)})
	}
	want := []blk{
		{"heading", "Verwerkersovereenkomst Rekenwolk"},
		{"heading", "Subverwerkers"},
		{"paragraph", "Verwerker schakelt de subverwerkers in die de tabel hieronder noemt, ieder\nvoor het doel dat erbij staat, en verwerkt 'geen' andere gegevens."},
		// The gap before "Hosting" is too narrow, beside the other cell gap
		// of its line, for layoutText to write a separator; the columns
		// aligned across the rows (corpus/pdf) make it a cell all the same.
		{"table", "Subverwerker | Land | Doel\nWolkwerk B.V. | Nederland Hosting\nHemelhost Inc. | Verenigde Staten | E-mail"},
		{"heading", "Beveiliging"},
		{"paragraph", "Verwerker neemt passende maatregelen."},
	}
	if len(got) != len(want) {
		t.Fatalf("blocks:\n%q\nwant\n%q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d = %q, want %q", i, got[i], want[i])
		}
	}
	if r.blocks[0].Level >= r.blocks[1].Level {
		t.Errorf("the title in larger type has level %d, the article %d", r.blocks[0].Level, r.blocks[1].Level)
	}
	tab := r.blocks[3].Table
	if tab == nil || tab.HeaderRows != 1 || len(tab.Rows) != 3 {
		t.Fatalf("table = %+v", tab)
	}
	wantCells := [][]string{{"Subverwerker", "Land", "Doel"}, {"Wolkwerk B.V.", "Nederland", "Hosting"}, {"Hemelhost Inc.", "Verenigde Staten", "E-mail"}}
	for i, row := range tab.Rows {
		for j, c := range row.Cells {
			if c.Col != j || c.Text(r.text) != wantCells[i][j] {
				t.Errorf("row %d cell %d = col %d %q, want col %d %q", i, j, c.Col, c.Text(r.text), j, wantCells[i][j])
			}
		}
	}
	// Every word keeps its box: its span is its (folded) text.
	if len(r.words) != len(words) {
		t.Fatalf("%d word boxes for %d words", len(r.words), len(words))
	}
	for i, wb := range r.words {
		if got, want := r.text[wb.Start:wb.End], fold(words[i].text); got != want {
			t.Errorf("word %d: text[%d:%d] = %q, want %q", i, wb.Start, wb.End, got, want)
		}
		if wb.X0 != frac(words[i].left, 2480) || wb.Y1 != frac(words[i].top+words[i].height, 3508) {
			t.Errorf("word %d %q: box %+v", i, words[i].text, wb.Box)
		}
	}
}

// TestBoxOf maps a passage of an OCR page to the rectangle around its
// words: one word, a passage over two lines, and text outside any word.
func TestBoxOf(t *testing.T) {
	tsv, err := os.ReadFile("testdata/rekenwolk.tsv")
	if err != nil {
		t.Fatal(err)
	}
	words, w, h := parseTSVPage(tsv)
	r := readPage(words, w, h, 300)
	doc := corpus.NewDocument(corpus.Source{Path: "scan.pdf"}, []corpus.PageText{{Text: "tekstlaag"}, {Text: r.text, OCR: true, Words: r.words}})
	p := doc.Pages[1]
	at := func(s string) (int, int) {
		i := strings.Index(doc.Text, s)
		if i < 0 {
			t.Fatalf("%q not in the text", s)
		}
		return i, i + len(s)
	}
	px := func(x, y int) (float64, float64) { return frac(x, 2480), frac(y, 3508) }
	tests := []struct {
		name    string
		passage string
		x0, y0  int // top left, in pixels
		x1, y1  int
	}{
		{"one word", "Hemelhost", 300, 820, 300 + 207, 820 + 34},
		{"a table row", "Hemelhost Inc. | Verenigde Staten | E-mail", 300, 820, 1700 + 138, 820 + 44}, // "Verenigde" reaches lowest
		{"two lines", "ieder\nvoor", 300, 520, 300 + 24*46/2 + 0, 575 + 44},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, e := at(tc.passage)
			b, ok := p.BoxOf(s, e)
			if !ok {
				t.Fatal("no box")
			}
			x0, y0 := px(tc.x0, tc.y0)
			if b.X0 != x0 || b.Y0 != y0 {
				t.Errorf("box %+v does not start at %.4f,%.4f", b, x0, y0)
			}
			if tc.name != "two lines" {
				x1, y1 := px(tc.x1, tc.y1)
				if b.X1 != x1 || b.Y1 != y1 {
					t.Errorf("box %+v does not end at %.4f,%.4f", b, x1, y1)
				}
			}
		})
	}
	if _, ok := doc.Pages[0].BoxOf(0, 5); ok {
		t.Error("a page with a text layer has a box")
	}
}

// TestCleanTextMap checks that cleanTextMap cleans as cleanText does and
// that its map takes each word to the same word in the cleaned text.
func TestCleanTextMap(t *testing.T) {
	for _, in := range []string{
		"Artikel 1\n\nTekst\n\f", "a\fb\n \n", "", "verwerkersverantwoordeliĳke ‘verwerker’ “x”",
		"„ Pagina 10\n„het verlenen\n  „de opslag", "zoals „beveiligd”", "_Onderwijsmiddel en «_o Nederland", "a _ b __ c",
	} {
		got, at := cleanTextMap(in)
		if want := cleanText(in); got != want {
			t.Errorf("cleanTextMap(%q) = %q, want %q", in, got, want)
		}
		for _, word := range []string{"Tekst", "verwerker", "opslag", "Nederland", "c", "Pagina"} {
			if i := strings.Index(in, word); i >= 0 {
				if j := at(i); j+len(word) > len(got) || got[j:j+len(word)] != word {
					t.Errorf("%q: %q at %d maps to %d in %q", in, word, i, j, got)
				}
			}
		}
	}
}

// firstPageOnly recognises only the first page asked for (the others come
// back empty), to spend one page of OCR on a test.
type firstPageOnly struct{ *Engine }

func (f firstPageOnly) RecognizePages(ctx context.Context, path string, pages []int) ([]corpus.PageText, error) {
	got, err := f.Engine.RecognizePages(ctx, path, pages[:1])
	return append(got, make([]corpus.PageText, len(pages)-1)...), err
}

// TestScanStructure reads page 1 of the scanned fixture with the real
// engine and checks that its headings, list items, labels and tables are
// those corpus/pdf builds from the text layer of the same page typeset
// (zeilschool.mixed.pdf, page 1), in the same order and starting with the
// same words (paragraphs may break elsewhere: tesseract's, not the
// layer's); and that each word box's span lies on the page.
func TestScanStructure(t *testing.T) {
	e := needEngines(t)
	e.TempDir = t.TempDir()
	open := func(path string, ocr corpus.PageRecognizer) *corpus.Document {
		doc, err := corpus.Open(context.Background(), corpus.File{Path: path, Paths: []string{path}}, corpus.Options{OCR: ocr})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	scan := open(fixture, firstPageOnly{e})
	layer := open("../../testdata/scanned/zeilschool.mixed.pdf", nil)
	outline := func(doc *corpus.Document) []string {
		var out []string
		for _, b := range doc.Blocks {
			if b.Page != 1 || b.Kind == corpus.BlockParagraph {
				continue
			}
			words := strings.Fields(b.Text.In(doc.Text))
			out = append(out, b.Kind.String()+" "+strings.Join(words[:min(3, len(words))], " "))
		}
		return out
	}
	got, want := outline(scan), outline(layer)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks of the scan:\n%s\nwant those of the text layer:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	p := scan.Pages[0]
	if !p.OCR || len(p.Words) < 100 {
		t.Fatalf("page 1: OCR %v, %d word boxes", p.OCR, len(p.Words))
	}
	for _, w := range p.Words {
		if w.Start < p.Start || w.End > p.End || strings.TrimSpace(scan.Text[w.Start:w.End]) == "" || w.X0 >= w.X1 || w.Y0 >= w.Y1 || w.X1 > 1 || w.Y1 > 1 {
			t.Errorf("word box %+v (%q) is not a word of page 1", w, scan.Text[w.Start:w.End])
		}
	}
}

// TestDropSpecks checks that a speck (a tiny box of low confidence) is no
// word, so that it makes no table cell, while a short word is kept.
func TestDropSpecks(t *testing.T) {
	row := line(1, 1, 1, "blijkt@0+60", "Verwerkt)@72+80", "k@900+4", "a@1000+10")
	row[2].height, row[2].conf = 4, 0 // dust
	row[3].conf = 5                   // a word read badly, but of text height
	if got, want := layoutText(row), "blijkt Verwerkt) a"; got != want {
		t.Errorf("layoutText = %q, want %q", got, want)
	}
}

// TestRuleCells checks that a table's vertical rule, which tesseract reads
// as a word "|" between words at ordinary spacing, starts a cell: two
// key/value rows so drawn are one table of two columns.
func TestRuleCells(t *testing.T) {
	var words []word
	words = append(words, line(1, 1, 1, "Toetsvorm@0+180", "|@400+4", "Self-assessment@420+300")...)
	words = append(words, line(1, 1, 2, "Uitvoerder@0+200", "toets@212+100", "|@400+4", "Golfslag@420+160", "B.V.@592+80")...)
	for i := range words {
		words[i].top = 100 + 45*words[i].line
	}
	r := readPage(words, 2480, 3508, 300)
	if len(r.blocks) != 1 || r.blocks[0].Table == nil {
		t.Fatalf("blocks %+v, want one table", r.blocks)
	}
	var got []string
	for _, row := range r.blocks[0].Table.Rows {
		for _, c := range row.Cells {
			got = append(got, fmt.Sprintf("%d:%s", c.Col, c.Text(r.text)))
		}
	}
	if want := "0:Toetsvorm 1:Self-assessment 0:Uitvoerder toets 1:Golfslag B.V."; strings.Join(got, " ") != want {
		t.Errorf("cells %q, want %q", got, want)
	}
}
