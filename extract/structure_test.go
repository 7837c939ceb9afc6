package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const outlineSample = `Verwerkersovereenkomst Voorbeeld

Artikel 1: Definities	3
Artikel 2: Onderwerp	4

Partijen:
1. Het bevoegd gezag van [naam], hierna te noemen: "Onderwijsinstelling"
2. Voorbeeld B.V., hierna te noemen: "Verwerker"
Overwegen het volgende:
a. iets.

Artikel 1: Definities
Bijlage 1 ook wel Privacy Bijsluiter genoemd, vormt een onlosmakelijk onderdeel van deze overeenkomst, zoals hier in een lange zin staat.
Artikel 2: Onderwerp
Tekst.

Bijlage 1: Privacybijsluiter
Bijlage 2: Beveiligingsbijlage
—
MODEL BIJLAGE 1: PRIVACYBIJSLUITER bij de verwerkersovereenkomst Voorbeeld
A. Algemene informatie
Naam product en/of dienst	Rekenreus
F. Subverwerkers
Bijlage 2; beveiligingsbijlage
1. Maatregelen
2. Afspraken over datalekken
3. Nederland
`

func TestOutline(t *testing.T) {
	var got []string
	for _, s := range Outline(outlineSample) {
		got = append(got, string(s.Kind)+" "+s.Number+" "+s.Annex+" "+s.Heading)
	}
	want := []string{
		"title   Verwerkersovereenkomst Voorbeeld",
		`parties   Partijen:`,
		"article 1  Artikel 1: Definities",
		"article 2  Artikel 2: Onderwerp",
		"annex 1 1 MODEL BIJLAGE 1: PRIVACYBIJSLUITER bij de verwerkersovereenkomst Voorbeeld",
		"letter A 1 A. Algemene informatie",
		"letter F 1 F. Subverwerkers",
		"annex 2 2 Bijlage 2; beveiligingsbijlage",
		"letter 1 2 1. Maatregelen",
		"letter 2 2 2. Afspraken over datalekken",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, s := range Outline(outlineSample) {
		if s.Kind == SectionParties && !strings.HasSuffix(strings.TrimSpace(outlineSample[s.Start:s.End]), `"Verwerker"`) {
			t.Errorf("party block ends wrongly: %q", outlineSample[s.Start:s.End])
		}
		if s.Start > s.End || s.End > len(outlineSample) {
			t.Errorf("%s %s: bad range [%d,%d)", s.Kind, s.Number, s.Start, s.End)
		}
	}
}

func TestTables(t *testing.T) {
	tests := []struct {
		name, line string
		cells      []string
	}{
		{"pipes", "| a. | het ophalen van resultaten |", []string{"a.", "het ophalen van resultaten"}},
		{"label pipe", "Naam product en/of dienst: | Deze Privacy Bijsluiter | |", []string{"Naam product en/of dienst:", "Deze Privacy Bijsluiter"}},
		{"tabs", "Naam:\tOmschrijving:\tLand:", []string{"Naam:", "Omschrijving:", "Land:"}},
		{"layout", "Naam Subverwerker      Wolkendienst B.V.", []string{"Naam Subverwerker", "Wolkendienst B.V."}},
		{"separator row", "|----|--|", nil},
		{"prose", "Dit is gewoon een zin, met komma's.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := "kop\n" + tc.line + "\nstaart"
			d := textDoc(text)
			rows := d.tables(0, len(text))
			var got []string
			for _, r := range rows {
				for _, c := range r.Cells {
					if text[c.Start:c.End] != c.Text {
						t.Errorf("cell %q is not the text at its offsets", c.Text)
					}
					got = append(got, c.Text)
				}
			}
			if strings.Join(got, "¦") != strings.Join(tc.cells, "¦") {
				t.Errorf("cells %q, want %q", got, tc.cells)
			}
		})
	}
}

func TestLabelValue(t *testing.T) {
	label := regexp.MustCompile(`(?i)naam product(?: en/of dienst)?`)
	tests := []struct{ name, text, want string }{
		{"tab", "Naam product en/of dienst\tRekenreus\n", "Rekenreus"},
		{"pipe", "Naam product en/of dienst: | Het product Rekenreus. |\n", "Het product Rekenreus."},
		{"colon", "Naam product: <u>Rekenreus</u>\n", "Rekenreus"},
		{"markup cell", "<i>Naam product en/of dienst:</i>\t<u>Rekenreus / Taalster</u>\n", "Rekenreus / Taalster"},
		{"next line", "Naam product en/of dienst:\n\nRekenreus is een app.\n", "Rekenreus is een app."},
		{"inside a sentence", "Zie de naam product en/of dienst hierboven.\n", ""},
		{"labels run together (Markdown lines in HTML)", "Naam product: Rekenreus Leverancier: Reus B.V. Versie: 2.1\n", "Rekenreus"},
		{"bold labels run together", "**Naam product:** Rekenreus **Leverancier:** Reus B.V.\n", "Rekenreus"},
		{"a colon inside the value stays", "Naam product: Rekenreus (versie 2: nieuw)\n", "Rekenreus (versie 2: nieuw)"},
		{"absent", "Leverancier: X\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := textDoc(tc.text)
			c, ok := d.labelValue(0, len(tc.text), label)
			if c.Text != tc.want || ok != (tc.want != "") {
				t.Errorf("labelValue = %q, %v; want %q", c.Text, ok, tc.want)
			}
			if ok && tc.text[c.Start:c.End] != c.Text {
				t.Errorf("value %q is not the text at [%d,%d)", c.Text, c.Start, c.End)
			}
		})
	}
}

// TestOutlineLayouts checks headings of other suppliers' layouts.
func TestOutlineLayouts(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // kind number of each section after the title
	}{
		{"English annex with a letter",
			"Overeenkomst\n\nArtikel 1 Definities\nTekst.\n\nANNEX A – SUB-PROCESSORS\n\nSub-processor | Location | Purpose\n",
			[]string{"article 1", "annex A"}},
		{"party block ends at the first numbered clause heading",
			"Overeenkomst\n\nDe ondergetekenden:\n\n1. Stichting Lees, hierna: de School;\n2. Boekbus, hierna: de Verwerker;\n\n1. Toepassing\n\n1.1 Tekst.\n",
			[]string{"parties "}},
		{"lettered party clauses are no sections",
			"Overeenkomst\n\nPARTIJEN\n\nA. Stichting Klas, Markt 1, 6511 AA Nijmegen, hierna \"Verwerker\";\n\nB. Stichting School, hierna \"Verwerkingsverantwoordelijke\".\n",
			[]string{"parties "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			var parties Section
			for _, s := range Outline(tc.text) {
				if s.Kind == SectionTitle {
					continue
				}
				if s.Kind == SectionParties {
					parties = s
				}
				got = append(got, string(s.Kind)+" "+s.Number)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Outline = %q, want %q", got, tc.want)
			}
			if parties.End > 0 && strings.Contains(tc.text[parties.Start:parties.End], "Toepassing") {
				t.Errorf("party block runs into the clauses: %q", tc.text[parties.Start:parties.End])
			}
		})
	}
}

// TestIsTocLine holds the hand scanner to tocLineRe on the fixtures' lines
// and on generated odd cases.
func TestIsTocLine(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"Artikel 1: Definities\t4", true},
		{"Artikel 1 Definities ........ 12", true},
		{"Bijlage 2 …  3 ", true},
		{"Artikel 12  Aansprakelijkheid  101\u00a0", true},
		{"Artikel 12 Aansprakelijkheid 101", false},
		{"Artikel 2\t1234", false},
		{"Artikel 2", false},
	} {
		if got := isTocLine(c.line); got != c.want {
			t.Errorf("isTocLine(%q) = %v, want %v", c.line, got, c.want)
		}
	}
	pieces := []string{"\t", ".", "..", "...", "…", " ", "  ", "\u00a0", "\u202f", "\u2007", "\u2003", "1", "12", "0",
		"a", "A", "\n", "\r", "\f", "\v", "\xff", "\xe2\x80"}
	for _, l := range append(fixtureLines(t), oddStrings(pieces, 20000, 7)...) {
		if got, want := isTocLine(l), tocLineRe.MatchString(l); got != want {
			t.Errorf("isTocLine(%q) = %v, tocLineRe says %v", l, got, want)
		}
	}
}

// TestArticleHeadings holds the hand scanner to articleRe on the fixture
// texts, their lines and generated odd cases.
func TestArticleHeadings(t *testing.T) {
	texts := fixtureLines(t)
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	pieces := []string{"Artikel", "ARTIKEL", "arti\u212ael", "Arti", "artikel5", " ", "\t", "#", "*", "\n", "\r", "\f",
		"\u00a0", "\u202f", "\u2003", "12", "3", "a", "_", ".", ":", "–", "-", "—", "x", "é", "\n\n"}
	texts = append(texts, oddStrings(pieces, 20000, 8)...)
	for _, s := range texts {
		got, want := articleHeadings(s), articleRe.FindAllStringSubmatchIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("articleHeadings(%q) = %v, want %v", clip(s), got, want)
		}
	}
}

// TestLinesMayMatch holds linesMayMatch to the label rules: a line it
// turns away has no match, on the fixture and corpus texts and on texts
// with the Kelvin sign and long s, which (?i) takes for k and s.
func TestLinesMayMatch(t *testing.T) {
	texts := []string{"Naam van het product: Rekenreus\nDien\u017ft: X\nKvK-nummer 1234\n\u212avK: 5\nproduct: y"}
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	texts = append(texts, texts[len(texts)-1]+"\n\u212a")
	rules := []*cuedRe{productLabelRe, supplierLabelRe, kvkLabelRe, addressLabelRe, catGroupLabelRe, rosaFormLabel, articleRe}
	for _, s := range texts {
		d := textDoc(s)
		lines := d.lines(0, len(d.text))
		for _, re := range rules {
			may := d.linesMayMatch(lines, re)
			for i, l := range lines {
				if may != nil && !may[i] && re.Regexp.MatchString(l.Text) {
					t.Errorf("linesMayMatch turns away %q, which %s matches", l.Text, re)
				}
			}
		}
		d.release()
	}
}

// TestDocLines holds the doc's lines, split once and handed out by
// stretch, to splitLines at every kind of bound, and checks that a
// caller's append leaves them alone.
func TestDocLines(t *testing.T) {
	texts := []string{"", "\n", "a", "a\n", "a\r\nb\n\nc", "\n\nx\ny\n"}
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	for _, s := range texts {
		d := textDoc(s)
		d.text = s
		var bounds []int
		for i := -1; i <= len(s); i += 1 + len(s)/60 { // (splitLines takes no start past the end)
			bounds = append(bounds, i)
		}
		bounds = append(bounds, len(s), max(len(s)-1, 0), strings.LastIndexByte(s, '\n'), strings.LastIndexByte(s, '\n')+1)
		for _, a := range bounds {
			for _, b := range bounds {
				got, want := d.lines(a, b), splitLines(s, a, b)
				if !slices.Equal(got, want) {
					t.Fatalf("%q: lines(%d, %d) = %v, want %v", clip(s), a, b, got, want)
				}
				_ = append(got, Line{Text: "appended"})
			}
		}
		if all := d.lines(0, len(s)); !slices.Equal(all, splitLines(s, 0, len(s))) {
			t.Fatalf("%q: the lines changed after appends", clip(s))
		}
		d.release()
	}
}

// TestNumberedHeadings holds the hand scanners to numberedRe and letterRe
// on the fixture and corpus texts, their lines and generated odd cases.
func TestNumberedHeadings(t *testing.T) {
	texts := fixtureLines(t)
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	pieces := []string{"1", "12", "123", ".", ")", " ", "\t", "#", "*", "\u00a0", "\u2003", "A", "Algemene informatie",
		"b", "é", "\n", "\r", "\xff", strings.Repeat("x", 50), strings.Repeat("é", 40)}
	texts = append(texts, oddStrings(pieces, 30000, 8)...)
	texts = append(texts, oddStrings([]string{"A", "H", "I", "c", "AB", ".", ")", " ", "\t", "*", "\u00a0", "Bewaartermijnen",
		"\n", strings.Repeat("y", 90), strings.Repeat("ë", 60)}, 30000, 8)...)
	for _, s := range texts {
		got, want := numberedHeadings(s), numberedRe.FindAllStringSubmatchIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("numberedHeadings(%q) = %v, want %v", clip(s), got, want)
		}
		got, want = letterHeadings(s), letterRe.FindAllStringSubmatchIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("letterHeadings(%q) = %v, want %v", clip(s), got, want)
		}
	}
}
