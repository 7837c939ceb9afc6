package extract

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestExtractROSA(t *testing.T) {
	tests := []struct {
		name, text string
		assessment string // "" for none
		controls   string // JSON, "null" for none
	}{
		{"pipe table with header, hint and duplicates",
			"Toetsvorm | Peer review, uitgevoerd op 1-2-2023 | ||\n" +
				"Categorie | Maatregelen | Compliance | Uitleg |\n" +
				"Beschikbaarheid | [Voldaan/ niet voldaan/ alternatieve maatregel] | [Bij niet voldaan aangeven hoe] | |\n" +
				"Ontwerp | Voldaan | ||\n" +
				"Testen | Alternatieve maatregel | Smoketest. | |\n" +
				"Integriteit | Backup | Voldaan | |\n" +
				"Onweerlegbaarheid | Niet voldaan | In ontwikkeling | |\n" +
				"Vertrouwelijkheid | Logging | Gedeeltelijk | |\n" +
				"Beschikbaarheid | Ontwerp | Voldaan | |\n",
			"peer review", `{"voldaan":2,"alternatief":1,"gedeeltelijk":1,"niet_voldaan":1}`},
		{"tab table with category lines and the same name per category",
			"Toetsvorm\tSelf-assessment\t\n" +
				"Categorie: Beschikbaarheid = 2/3\t\t\n" +
				"Maatregelen\tCompliance\tUitleg\n" +
				"Actuele dreigingen\tVoldaan\tOp niveau 2\n" +
				"Categorie Integriteit = 2\t\t\n" +
				"Onweerlegbaarheid\tNiet voldaan*\tIn ontwikkeling.\n" +
				"Onweerlegbaarheid\tNiet voldaan*\tIn ontwikkeling.\n" +
				"Actuele dreigingen\tVoldaan met deels alternatieve maatregelen*\t\n" +
				"Categorie Vertrouwelijkheid = 2\t\t\n" +
				"Actuele dreigingen\tVoldaan\t\n",
			"self-assessment", `{"voldaan":2,"alternatief":1,"gedeeltelijk":0,"niet_voldaan":1}`},
		{"lines",
			"BIV-classificatie: Hoog/Hoog/Midden\nBeschikbaarheid\nOntwerp – Voldaan\nHerstel: niet voldaan\n",
			"", `{"voldaan":1,"alternatief":0,"gedeeltelijk":0,"niet_voldaan":1}`},
		{"PDF text: inline statuses, wrapped names and statuses",
			"Toetsvorm | Peer review\nCategorie | Maatregelen | Compliance | Uitleg\n" +
				"Integriteit | Herleidbaarheid | Voldaan\n(gebruikers)\nApplication controls Voldaan\n" +
				"Herleidbaarheid | Voldaan\n(technisch beheer)\n" +
				"Herleidbaarheid (technische beheer) Gedeeltelijk* Voldaan op niveau 1\n" +
				"Controle integriteit | Voldaan met deels Belangrijke data zijn niet aanpasbaar.\nalternatieve | zijn niet\n" +
				"'Transport en fysieke opslag Voldaan\n" +
				" Beschikbaarheid     [Voldaan/ niet voldaan/   [Bij niet voldaan\n" +
				"Bij niet voldaan aangeven hoe dit wordt opgelost\n",
			"peer review", `{"voldaan":4,"alternatief":1,"gedeeltelijk":1,"niet_voldaan":0}`},
		{"template form and no controls",
			"Toetsvorm | [Self-assessment/ peer review/ audit] |\nCategorie | Maatregelen | Compliance |\n",
			"", `null`},
		{"audit", "Toetsvorm: externe audit door een TPM-auditor\n", "audit", `null`},
		{"first form named", "Toetsvorm | Self-assessment, getoetst door een externe auditor |\n", "self-assessment", `null`},
		{"prose naming ROSA", "Onze maatregelen zijn in 2023 via een peer review getoetst aan het ROSA-kader.\n", "peer review", `null`},
		{"forms as a choice", "Toetsvorm: self-assessment / peer review / audit\n", "", `null`},
		{"no ROSA report", "De audit wordt uitgevoerd door een deskundige.\nOntwerp: voldaan\n", "", `null`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := textDoc(tc.text)
			r := &Record{Evidence: map[string][]Evidence{}}
			extractROSA(d, r)
			got := ""
			if r.ROSA.Assessment != nil {
				got = *r.ROSA.Assessment
			}
			if got != tc.assessment {
				t.Errorf("assessment = %q, want %q", got, tc.assessment)
			}
			c, _ := json.Marshal(r.ROSA.Controls)
			if string(c) != tc.controls {
				t.Errorf("controls = %s, want %s", c, tc.controls)
			}
		})
	}
}

func TestRosaStatus(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Voldaan", "voldaan"},
		{"Voldaan met deels alternatieve maatregelen*", "alternatief"},
		{"Voldaan met (deels) alternatieve maatregelen", "alternatief"},
		{"Alternatieve maatregel", "alternatief"},
		{"Niet voldaan*", "niet_voldaan"},
		{"Gedeeltelijk*", "gedeeltelijk"},
		{"Deels voldaan", "gedeeltelijk"},
		{"[Voldaan/ niet voldaan/ alternatieve maatregel]", ""},
		{"Voldaan/ Niet voldaan", ""},
		{"Compliance", ""},
		{"Bij niet voldaan aangeven hoe", ""},
	}
	for _, tc := range tests {
		if got := rosaStatus(tc.in); got != tc.want {
			t.Errorf("rosaStatus(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRosaMaySplit holds the pre-check to rosaPlainSplit: a line it turns
// away has no match.
func TestRosaMaySplit(t *testing.T) {
	cases := []struct {
		line string
		may  bool
	}{
		{"Onweerlegbaarheid – Niet voldaan", true},
		{"Ontwerp: voldaan", true},
		{"Logging - Voldaan", true},
		{"Logging\u00a0—\u00a0Voldaan", false},
		{"Toegangsbeveiliging Voldaan", false},
		{"", false},
	}
	for _, c := range cases {
		if got := rosaMaySplit(c.line); got != c.may {
			t.Errorf("rosaMaySplit(%q) = %v, want %v", c.line, got, c.may)
		}
	}
	lines := append(fixtureLines(t), "a\u2003–\u2003b", "a :\tb", "x\u00a0-\u00a0y", "K\u212a: s\u017f")
	for _, c := range cases {
		lines = append(lines, c.line)
	}
	for _, l := range lines {
		if !rosaMaySplit(l) && rosaPlainSplit.FindAllStringIndex(l, -1) != nil {
			t.Errorf("rosaMaySplit turns away %q, which rosaPlainSplit splits", l)
		}
	}
}

// TestRosaMayBeInline holds the pre-check to rosaInlineRe: a cell it turns
// away has no match.
func TestRosaMayBeInline(t *testing.T) {
	cases := []struct {
		cell string
		may  bool
	}{
		{"Application controls Voldaan", true},
		{"Herleidbaarheid (technische beheer) Gedeeltelijk* Voldaan op niveau 1", true},
		{"Logging ALTERNATIEVE MAATREGEL", true},
		{"Back-up Gedeeltelijk", true},
		{"Back-up Deels", false},
		{"Toegangsbeveiliging", false},
	}
	for _, c := range cases {
		if got := rosaMayBeInline(c.cell); got != c.may {
			t.Errorf("rosaMayBeInline(%q) = %v, want %v", c.cell, got, c.may)
		}
	}
	cells := append(fixtureLines(t), "Logging gedeeltelij\u212a", "Beheer VOLDAAN MET", "Sleutels Alternatief maatregel")
	for _, c := range cases {
		cells = append(cells, c.cell)
	}
	for _, c := range cells {
		if !rosaMayBeInline(c) && rosaInlineRe.MatchString(c) {
			t.Errorf("rosaMayBeInline turns away %q, which rosaInlineRe matches", c)
		}
	}
}

// rosaSamples are the fixtures' lines, their cells and their parts around
// rosaPlainSplit, trimmed as rosaStatus trims them, and generated odd
// cases around the words of the ROSA rules.
func rosaSamples(t *testing.T) []string {
	var out []string
	for _, l := range fixtureLines(t) {
		out = append(out, l, strings.TrimSpace(l), strings.TrimSpace(strings.Trim(l, " *<>ibu/")))
		for _, c := range rosaCells(Line{Text: l}) {
			out = append(out, c.Text, strings.TrimSpace(strings.Trim(c.Text, " *<>ibu/")))
		}
	}
	pieces := []string{"voldaan", "Voldoet", "niet", "NOT", "met", "compliant", "deels", "gedeeltelijk", "grotendeels",
		"partieel", "partially", "alternatieve", "alternatief", "maatregel", "categorie", "Beschikbaarheid", "integrity",
		"Availability", "Confidentiality", "vertrouwelijkheid", "integriteit", "\u017f", "\u212a", " ", "  ", "\t", "\n",
		":", "-", "–", "—", "\u00a0", "*", "x", "é"}
	return append(out, oddStrings(pieces, 5000, 5)...)
}

// TestRosaPlainSplits holds the hand scanner to rosaPlainSplit.
func TestRosaPlainSplits(t *testing.T) {
	for _, s := range rosaSamples(t) {
		for _, n := range []int{1, 2, -1} {
			got, want := rosaPlainSplits(s, n), rosaPlainSplit.FindAllStringIndex(s, n)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("rosaPlainSplits(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// TestRosaMayBeStatus holds the pre-checks of rosaStatus and of the
// category line to their rules: a text they turn away has no match.
func TestRosaMayBeStatus(t *testing.T) {
	for _, c := range []struct {
		s        string
		status   bool
		category bool
	}{
		{"Voldaan met alternatieve maatregelen", true, false},
		{"Niet voldaan", true, false},
		{"not met", true, false},
		{"Categorie: Beschikbaarheid = 2", false, true},
		{"Integriteit", false, true},
		{"Toegangsbeveiliging", false, false},
	} {
		if got := rosaMayBeStatus(c.s); got != c.status {
			t.Errorf("rosaMayBeStatus(%q) = %v, want %v", c.s, got, c.status)
		}
		if got := rosaMayOpenCategory(c.s); got != c.category {
			t.Errorf("rosaMayOpenCategory(%q) = %v, want %v", c.s, got, c.category)
		}
	}
	for _, s := range rosaSamples(t) {
		if !rosaMayBeStatus(s) {
			for _, st := range rosaStatuses {
				if st.re.MatchString(s) {
					t.Errorf("rosaMayBeStatus turns away %q, which the rule of %s matches", s, st.status)
				}
			}
		}
		if !rosaMayOpenCategory(s) && rosaCategoryLine.MatchString(s) {
			t.Errorf("rosaMayOpenCategory turns away %q, which rosaCategoryLine matches", s)
		}
	}
}

// TestRosaLineWords holds the line test of rosaControls to what it skips:
// a line that holds none of rosaLineWords (in any case, and without a
// Kelvin sign or long s) has no cell with a status or an inline status,
// and its first cell opens no category.
func TestRosaLineWords(t *testing.T) {
	for _, l := range rosaSamples(t) {
		line := Line{Text: l}
		if hasOddRune(l) || containsAny(lowerString(l), rosaLineWords) {
			continue
		}
		cells := rosaCells(line)
		for _, c := range cells {
			if rosaStatus(c.Text) != "" || rosaSplitInline(c) != nil {
				t.Errorf("%q: cell %q holds a status", l, c.Text)
			}
		}
		if len(cells) > 0 && rosaCategoryLine.MatchString(strings.TrimSpace(cells[0].Text)) {
			t.Errorf("%q opens a category", l)
		}
	}
}

// TestIsRosaHeaderIsTheRule holds isRosaHeader to rosaHeaderCell on the
// fixtures' lines and on generated ones, with the runes (?i) folds to an
// ASCII letter.
func TestIsRosaHeaderIsTheRule(t *testing.T) {
	pieces := []string{"Maatregel", "en", "EN", "control", "s", "\u017f", "\u212a", "categorie", "Category", "norm", "ONDERWERP",
		"eis", " ", ":", "x", "é"}
	sameAsRule(t, pieces, isRosaHeader, rosaHeaderCell.MatchString)
}
