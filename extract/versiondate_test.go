package extract

import (
	"slices"
	"testing"
)

// TestLinesHolding holds the one-pass word test to mayHold line by line,
// on the fixtures (and corpus texts when present) and on texts with the
// words at line ends, across a line break and after a Kelvin sign.
func TestLinesHolding(t *testing.T) {
	texts := []string{
		"",
		"Versie",
		"vers\nie\r\nDATUM 1 mei 2024\n\nlaatst\fbijgewerkt",
		"\f\fVersion v1.2\n",
		"\u212aversie\nnothing\ndatum",
	}
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	texts = append(texts, oddStrings([]string{"versie", "v1", "v", ".", "da", "tum", "\n", "\r\n", " ", "\f", "bij", "x"}, 3000, 12)...)
	for _, s := range texts {
		d := textDoc(s)
		all := d.lines(0, len(d.text))
		for _, lines := range [][]Line{all, all[len(all)/3 : len(all)*2/3]} { // and a stretch: words after its last line
			for _, words := range [][]string{versionCueWords, bivContextWords, bivAspectNear, {"v"}, {"da", "datum"}} {
				var want []bool
				for _, l := range lines {
					want = append(want, d.mayHold(l.Start, l.End, words))
				}
				if got := d.linesHolding(lines, words); !slices.Equal(got, want) {
					t.Errorf("on %q, %q: %v, want %v", clip(s), words, got, want)
				}
			}
		}
	}
}

// TestLinesHoldingWords checks that every line a gated rule matches holds
// one of the words it is gated by, so that the gate drops no match.
func TestLinesHoldingWords(t *testing.T) {
	texts := []string{"BIV-classificatie: B=2\nClassification: high\nversie 2\nDocumentversie 1.0\nv3.2 - 1 mei 2024"}
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	for _, tc := range []struct {
		name  string
		rule  matcher
		words []string
	}{
		{"version", versionCueRe, versionCueWords},
		{"biv context", bivContextRe, bivContextWords},
		{"biv aspects", bivAspectRe, bivAspectNear},
	} {
		for _, s := range texts {
			d := textDoc(s)
			lines := d.lines(0, len(d.text))
			hold := d.linesHolding(lines, tc.words)
			for i, l := range lines {
				if tc.rule.MatchString(l.Text) && !hold[i] {
					t.Errorf("%s: %q matches but holds none of %q", tc.name, l.Text, tc.words)
				}
			}
		}
	}
}

// TestMayVersionCue holds the pre-check to versionCueRe: a line it turns
// away has no match (fixtures' lines and generated odd cases).
func TestMayVersionCue(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"Versie 8 januari 2018", true},
		{"Documentversie: 3", true},
		{"laatst aangepast op 1-5-2022", true},
		{"… v3.2 — 12 december 2023", true},
		{"release V. 4.1", true},
		{"Datum: 12 maart 2024", false},
		{"Datum van deze versie", true},
		{"vier weken", false},
	} {
		if got := mayVersionCue(c.line, lowerString(c.line)); got != c.want {
			t.Errorf("mayVersionCue(%q) = %v, want %v", c.line, got, c.want)
		}
	}
	pieces := []string{"versie", "VERSIE", "ver\u017fie", "Version", "laatst", "bijgewerkt", "bijgewer\u212at", "op", "datum",
		"document", "v", "V", ".", "1", "2.3", " ", "\u00a0", "\t", "\n", "x", "é", "aangepast", "van", "deze"}
	for _, l := range append(fixtureLines(t), oddStrings(pieces, 20000, 6)...) {
		if !mayVersionCue(l, lowerString(l)) && versionCueRe.MatchString(l) {
			t.Errorf("mayVersionCue turns away %q, which versionCueRe matches", l)
		}
	}
}
