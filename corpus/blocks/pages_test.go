package blocks

import (
	"slices"
	"strings"
	"testing"
)

// pagesOf builds the blocks of pages joined by form feeds, page by page.
func pagesOf(pages ...string) (string, []Span, []Block) {
	text := strings.Join(pages, "\f\n")
	var spans []Span
	var bs []Block
	off := 0
	for i, p := range pages {
		sp := Span{off, off + len(p)}
		spans = append(spans, sp)
		for _, b := range FromLines(text, SplitLines(text, sp.Start, sp.End)) {
			b.Page = i + 1
			bs = append(bs, b)
		}
		off = sp.End + len("\f\n")
	}
	return text, spans, bs
}

func TestAcrossPages(t *testing.T) {
	text, pages, bs := pagesOf(
		"Verwerkersovereenkomst Rekenroute\nArtikel 1 Subverwerkers\nNaam | Land | Doel\nWolkdienst B.V. | Ierland | Hosting\nVersie 2 - pagina 1 van 3",
		"Verwerkersovereenkomst Rekenroute\nNaam | Land | Doel\nMailbode Inc. | VS | E-mail\nTekst na de tabel.\nVersie 2 - pagina 2 van 3",
		"Verwerkersovereenkomst Rekenroute\nSlot.\n3",
	)
	got := AcrossPages(text, pages, bs)
	if err := Check(text, got); err != nil {
		t.Fatal(err)
	}
	want := `p1 furniture "Verwerkersovereenkomst Rekenroute"
p1 heading h2 [Artikel 1] "Subverwerkers"
p1 table 3 rows, 1 header
  row 0: "Naam" "Land" "Doel"
  row 1: "Wolkdienst B.V." "Ierland" "Hosting"
  row 2: "Mailbode Inc." "VS" "E-mail"
p2 paragraph "Tekst na de tabel."
p2 furniture "Versie 2 - pagina 2 van 3"
p3 furniture "Verwerkersovereenkomst Rekenroute"
p3 paragraph "Slot."
p3 furniture "3"
`
	if g := Dump(text, got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

// TestEdges holds edges to what it was defined as: the first and last
// edgeLines of the page's non-blank lines of at most 160 bytes, trimmed.
func TestEdges(t *testing.T) {
	oracle := func(text string, page Span) []Span {
		var ls []Span
		for _, l := range SplitLines(text, page.Start, page.End) {
			if l = trimSpan(text, l); !l.Empty() && l.Len() <= 160 {
				ls = append(ls, l)
			}
		}
		if len(ls) <= 2*edgeLines {
			return ls
		}
		return append(append([]Span(nil), ls[:edgeLines]...), ls[len(ls)-edgeLines:]...)
	}
	long := strings.Repeat("lang ", 40)
	for _, text := range []string{
		"", "\n", "\n\n\n", "één regel", "a\nb", "a\nb\nc", "a\nb\nc\nd", "a\nb\nc\nd\ne", "a\nb\nc\nd\ne\n",
		"  Kop  \n\n tekst 1\n tekst 2 \n tekst 3\n\n Pagina 3 van 9 \n",
		long + "\na\n" + long + "\nb\nc\n" + long + "\nd\n" + long,
		"\n\na\n\n\nb\n\n\nc\n\n\nd\n\ne\n\n", "x\r\ny\r\n\t\f\nz",
	} {
		for _, page := range []Span{{0, len(text)}, {min(1, len(text)), len(text)}, {0, max(0, len(text)-1)}} {
			if got, want := edges(text, page), oracle(text, page); !slices.Equal(got, want) {
				t.Errorf("edges(%q, %v) = %v, want %v", text, page, got, want)
			}
		}
	}
}
