package markdown

import (
	"testing"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
)

func TestBlocks(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"atx and setext headings", "# Verwerkersovereenkomst\n\n## Artikel 3: Rolverdeling\n\nBijlagen\n========\n\nTekst.\n",
			`p0 heading h1 "Verwerkersovereenkomst"
p0 heading h2 [Artikel 3] "Rolverdeling"
p0 heading h1 "Bijlagen"
p0 paragraph "Tekst."
`},
		{"gfm table", "Tabel 1: Subverwerkers\n\n| Subverwerker | Locatie | Doel |\n|---|:---:|---|\n| **Wolkdienst B.V.** | Ierland | Hosting |\n| Mailbode Inc. | | E-mail |\n",
			`p0 label "Tabel 1" = "Subverwerkers"
p0 table 3 rows, 1 header, caption "Tabel 1: Subverwerkers"
  row 0: "Subverwerker" "Locatie" "Doel"
  row 1: "Wolkdienst B.V." "Ierland" "Hosting"
  row 2: "Mailbode Inc." "" "E-mail"
`},
		{"nested lists with markers", "- eerste\n  1. genest een\n  2. genest twee\n- a. Betrokkene: de persoon;\n* [ ] open punt\n",
			`p0 list-item depth=0 [-] "eerste"
p0 list-item depth=1 [1.] "genest een"
p0 list-item depth=1 [2.] "genest twee"
p0 list-item depth=0 [a.] "Betrokkene: de persoon;"
p0 list-item depth=0 [*] "[ ] open punt"
`},
		{"single numbered title is a heading", "1. Definities\n\nIn deze overeenkomst wordt verstaan onder het volgende begrip.\n",
			`p0 heading h2 [1.] "Definities"
p0 paragraph "In deze overeenkomst wordt verstaan onder het volgende begrip."
`},
		{"markdown-like lines without blank lines", "Artikel 1: Definities\nIn deze overeenkomst:\nProduct: Rekenroute\nNaam product\tRekenroute\nDoelgroep\tPO\n**Subverwerkers**\nWolkdienst | Ierland |\nMailbode | VS |\n",
			`p0 heading h2 [Artikel 1] "Definities"
p0 paragraph "In deze overeenkomst:"
p0 label "Product" = "Rekenroute"
p0 table 2 rows, 0 header
  row 0: "Naam product" "Rekenroute"
  row 1: "Doelgroep" "PO"
p0 heading h3 "Subverwerkers"
p0 table 2 rows, 0 header
  row 0: "Wolkdienst" "Ierland"
  row 1: "Mailbode" "VS"
`},
		{"lazy continuation splits at structure", "- eerste punt\nDienst: Leerlingvolgsysteem\n",
			`p0 list-item depth=0 [-] "eerste punt"
p0 label "Dienst" = "Leerlingvolgsysteem"
`},
		{"short line before body text is a heading", "Inleiding tekst die lang genoeg is voor een alinea.\n\nSubverwerkers\n\nWij schakelen de volgende partijen in voor de dienst.\n",
			`p0 paragraph "Inleiding tekst die lang genoeg is voor een alinea."
p0 heading h4 "Subverwerkers"
p0 paragraph "Wij schakelen de volgende partijen in voor de dienst."
`},
		{"indented code is read as lines", "Tekst.\n\n    Naam      Land\n    Wolk      Ierland\n",
			`p0 paragraph "Tekst."
p0 table 2 rows, 0 header
  row 0: "Naam" "Land"
  row 1: "Wolk" "Ierland"
`},
		{"list item holding a table", "- | | |\n|----|--|\n| a. | het ontvangen; |\n",
			``},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bs := Blocks(tc.in, 0, len(tc.in))
			if err := blocks.Check(tc.in, bs); err != nil {
				t.Fatal(err)
			}
			if got := blocks.Dump(tc.in, bs); tc.want != "" && got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestBlocksOffset checks that blocks of a page in the middle of a text
// point into the whole text.
func TestBlocksOffset(t *testing.T) {
	text := "pagina een\f\n# Kop\n\nProduct: Rekenroute\n\f\nslot"
	start := len("pagina een\f\n")
	end := start + len("# Kop\n\nProduct: Rekenroute\n")
	bs := Blocks(text, start, end)
	if err := blocks.Check(text, bs); err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].Text.In(text) != "Kop" || bs[1].Value.In(text) != "Rekenroute" {
		t.Errorf("got %s", blocks.Dump(text, bs))
	}
	for _, b := range bs {
		if b.Start < start || b.End > end {
			t.Errorf("block %v outside the page [%d,%d)", b.Span, start, end)
		}
	}
}

func FuzzBlocks(f *testing.F) {
	for _, s := range []string{"# a\n| a | b |\n|--|--|\n| c | d |", "- x\n  - y\nz: w", "1. A\n\n\tb\tc", "> q\n>\n> - r"} {
		f.Add(s)
	}
	fuzzseed.AddString(f, 128<<10, "txt/*")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // corpus decodes every file to UTF-8 first
		}
		bs := Blocks(s, 0, len(s))
		if err := blocks.Check(s, bs); err != nil {
			t.Fatal(err)
		}
	})
}
