package blocks

import (
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
