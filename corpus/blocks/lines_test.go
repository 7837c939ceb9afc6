package blocks

import (
	"strings"
	"testing"
)

func fromText(s string) []Block { return FromLines(s, SplitLines(s, 0, len(s))) }

func TestFromLines(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraph lines join", "Eerste regel van tekst\ntweede regel.\n\nNieuwe alinea.",
			`p0 paragraph "Eerste regel van tekst\ntweede regel."
p0 paragraph "Nieuwe alinea."
`},
		{"section headings", "Artikel 3: Rolverdeling\nBijlage 2 – Beveiligingsbijlage\nARTIKEL 4. Geheimhouding\nBijlage 1 bevat de bijsluiter van het product.",
			`p0 heading h2 [Artikel 3] "Rolverdeling"
p0 heading h1 [Bijlage 2] "Beveiligingsbijlage"
p0 heading h2 [ARTIKEL 4] "Geheimhouding"
p0 paragraph "Bijlage 1 bevat de bijsluiter van het product."
`},
		{"numbered and lettered headings", "3.1 Bewaartermijnen\nTekst van de paragraaf.\nC. Subverwerkers\nWij maken gebruik van derden.",
			`p0 heading h3 [3.1] "Bewaartermijnen"
p0 paragraph "Tekst van de paragraaf."
p0 heading h3 [C.] "Subverwerkers"
p0 paragraph "Wij maken gebruik van derden."
`},
		{"an OCR speck after a short lettered heading", "F. Subbewerkers,\nWij maken gebruik van derden.\n\nB. Een zin van vier woorden,\ndie doorloopt.",
			`p0 heading h3 [F.] "Subbewerkers,"
p0 paragraph "Wij maken gebruik van derden."
p0 list-item depth=0 [B.] "Een zin van vier woorden,"
p0 paragraph "die doorloopt."
`},
		{"Word's 'o' bullet", "Opslag:\no Nederland (datacentrum Voorbeeldstad)\no Ierland\no nee, dit is een zin.",
			`p0 paragraph "Opslag:"
p0 list-item depth=0 [o] "Nederland (datacentrum Voorbeeldstad)"
p0 list-item depth=0 [o] "Ierland"
p0 paragraph "o nee, dit is een zin."
`},
		{"numbered titles in a run are a list", "1. Naam\n2. Adres\n3. E-mailadres",
			`p0 list-item depth=0 [1.] "Naam"
p0 list-item depth=0 [2.] "Adres"
p0 list-item depth=0 [3.] "E-mailadres"
`},
		{"numbered title after a colon is an item", "Opslag vindt plaats in:\n1. Nederland",
			`p0 paragraph "Opslag vindt plaats in:"
p0 list-item depth=0 [1.] "Nederland"
`},
		{"bullets with depth", "• eerste punt;\n  - genest punt;\na.\thet ontvangen van gegevens;",
			`p0 list-item depth=0 [•] "eerste punt;"
p0 list-item depth=1 [-] "genest punt;"
p0 list-item depth=0 [a.] "het ontvangen van gegevens;"
`},
		{"labels", "Product: Rekenroute\n**Dienst:** Leerlingvolgsysteem\n*Verwerker*: Voorbeeld B.V.\nhierna te noemen: de Verwerker\nTijd: 10:30",
			`p0 label "Product" = "Rekenroute"
p0 label "Dienst" = "Leerlingvolgsysteem"
p0 label "Verwerker" = "Voorbeeld B.V."
p0 paragraph "hierna te noemen: de Verwerker"
p0 label "Tijd" = "10:30"
`},
		{"tab table, key/value", "Naam product\tRekenroute\nNaam Verwerker\tVoorbeeld B.V.\nDoelgroep\t\tPrimair onderwijs",
			`p0 table 3 rows, 0 header
  row 0: "Naam product" "Rekenroute"
  row 1: "Naam Verwerker" "Voorbeeld B.V."
  row 2: "Doelgroep" "Primair onderwijs"
`},
		{"lone tab row is a label", "<i>Naam product:</i>\t<u>Rekenroute</u>",
			`p0 label "Naam product" = "Rekenroute"
`},
		{"loose pipe rows with header", "Naam: | Omschrijving: | Land: |\nWolkdienst B.V. | Hosting | Nederland |\nMailbode Inc. | E-mail || ",
			`p0 table 3 rows, 1 header
  row 0: "Naam:" "Omschrijving:" "Land:"
  row 1: "Wolkdienst B.V." "Hosting" "Nederland"
  row 2: "Mailbode Inc." "E-mail" ""
`},
		{"pipe table with delimiter and caption", "Tabel 4: Subverwerkers\n| Naam | Land |\n|---|---|\n| **Wolkdienst** | Ierland |",
			`p0 label "Tabel 4" = "Subverwerkers"
p0 table 2 rows, 1 header, caption "Tabel 4: Subverwerkers"
  row 0: "Naam" "Land"
  row 1: "Wolkdienst" "Ierland"
`},
		{"space-aligned columns", "Naam          Land        Doel\nWolkdienst    Ierland     Hosting\nMailbode      VS          E-mail",
			`p0 table 3 rows, 1 header
  row 0: "Naam" "Land" "Doel"
  row 1: "Wolkdienst" "Ierland" "Hosting"
  row 2: "Mailbode" "VS" "E-mail"
`},
		{"double space in prose is no table", "Een zin.  Nog een zin die doorloopt.",
			`p0 paragraph "Een zin.  Nog een zin die doorloopt."
`},
		{"bold and capital lines are headings", "**Subverwerkers**\nTekst.\nBEVEILIGING\nMeer tekst.",
			`p0 heading h3 "Subverwerkers"
p0 paragraph "Tekst."
p0 heading h2 "BEVEILIGING"
p0 paragraph "Meer tekst."
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bs := fromText(tc.in)
			if err := Check(tc.in, bs); err != nil {
				t.Fatal(err)
			}
			if got := Dump(tc.in, bs); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	text := "Kop\nTekst van de alinea."
	tests := []struct {
		name string
		bs   []Block
		ok   bool
	}{
		{"fine", []Block{{Kind: Heading, Span: Span{0, 3}, Text: Span{0, 3}, Level: 1}, {Kind: Paragraph, Span: Span{4, 24}, Text: Span{4, 24}}}, true},
		{"outside", []Block{{Kind: Paragraph, Span: Span{4, 99}, Text: Span{4, 24}}}, false},
		{"overlap", []Block{{Kind: Paragraph, Span: Span{0, 10}}, {Kind: Paragraph, Span: Span{5, 24}}}, false},
		{"text outside span", []Block{{Kind: Paragraph, Span: Span{4, 10}, Text: Span{4, 24}}}, false},
		{"untrimmed cell", []Block{{Kind: Table, Span: Span{0, 24}, Text: Span{0, 24}, Table: &TableData{Rows: []Row{{Span: Span{0, 24}, Cells: []Cell{{Span: Span{3, 9}, ColSpan: 1, RowSpan: 1}}}}}}}, false},
		{"table without data", []Block{{Kind: Table, Span: Span{0, 3}}}, false},
		{"label without value", []Block{{Kind: Label, Span: Span{0, 3}, Label: Span{0, 3}}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(text, tc.bs)
			if (err == nil) != tc.ok {
				t.Errorf("Check = %v, want ok=%v", err, tc.ok)
			}
			if got := Tidy(text, append([]Block(nil), tc.bs...)); Check(text, got) != nil {
				t.Errorf("Tidy left %v", Check(text, got))
			}
		})
	}
}

func TestSectionAndHeader(t *testing.T) {
	text := "Bijlage 1 Privacybijsluiter\nA. Algemeen\nTekst.\nB. Subverwerkers\nNaam | Land\nWolkdienst | Ierland\nBijlage 2 Beveiliging\nTekst."
	bs := fromText(text)
	var titles []string
	for i, b := range bs {
		if b.Kind == Heading && b.Marker == "B." {
			s, e := Section(bs, i)
			for _, x := range bs[s:e] {
				titles = append(titles, x.Kind.String())
				if x.Kind == Table {
					var hs []string
					for _, c := range x.Table.Rows[0].Cells {
						hs = append(hs, c.In(text))
					}
					titles = append(titles, strings.Join(hs, "/"))
				}
			}
			if h := HeadingOf(bs, i, 1); h < 0 || bs[h].Marker != "Bijlage 1" {
				t.Errorf("HeadingOf = %d", h)
			}
		}
	}
	if got := strings.Join(titles, ","); got != "table,Naam/Land" {
		t.Errorf("section of B. = %q", got)
	}
	tab := &TableData{HeaderRows: 1, Rows: []Row{{Cells: []Cell{{Col: 0, ColSpan: 2}}}, {Cells: []Cell{{Col: 0, ColSpan: 1}, {Col: 1, ColSpan: 1}}}}}
	if len(tab.Header()) != 1 || len(tab.Body()) != 1 || tab.Columns() != 2 {
		t.Errorf("Header/Body/Columns = %d/%d/%d", len(tab.Header()), len(tab.Body()), tab.Columns())
	}
	if c, ok := tab.Rows[0].CellAt(1); !ok || c.ColSpan != 2 {
		t.Errorf("CellAt(1) = %v, %v", c, ok)
	}
}

func TestCountWords(t *testing.T) {
	for _, s := range []string{
		"", " ", "Artikel 3", "  Bijlage 2 \t Beveiliging\n", "a\vb\fc\rd", "één\u00a0twee\u2003drie",
		"x\u0085y", "\xff\xfe woord", "verwerker,verantwoordelijke", "1.2.3  Doel\u3000van de verwerking ",
	} {
		if got, want := CountWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", s, got, want)
		}
	}
}
