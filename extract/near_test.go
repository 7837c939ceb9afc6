package extract

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/normalize"
)

// nearRules are the rules that run through findAllNear, with their words.
func nearRules() map[string]struct {
	re    *normalize.Regexp
	words []string
} {
	rules := map[string]struct {
		re    *normalize.Regexp
		words []string
	}{}
	for i, c := range lawCues {
		rules[fmt.Sprintf("lawCues[%d]", i)] = struct {
			re    *normalize.Regexp
			words []string
		}{c.re.Regexp, c.words}
	}
	rules["bivAspectRe"] = struct {
		re    *normalize.Regexp
		words []string
	}{bivAspectRe.Regexp, bivAspectNear}
	rules["rosaAnchor"] = struct {
		re    *normalize.Regexp
		words []string
	}{rosaAnchor.Regexp, rosaAnchorNear}
	return rules
}

// TestFindAllNear checks that findAllNear finds what a scan of the whole
// text finds, for every rule that uses it, on invented text, every fixture
// and (when present) the corpus texts; and that it can differ when a rule
// lacks a word.
func TestFindAllNear(t *testing.T) {
	texts := map[string]string{
		"invented": "Zoals bedoeld in artikel 4 van de AVG.\n" + strings.Repeat("opvulling ", 200) +
			"Verwerker volgt de Wet bescherming persoonsgegevens (Wbp) en artikel 28 lid 3 van de GDPR; " +
			"de Algemene Verordening\u00a0Gegevensbescherming en de General Data Protection Regulation.\n" +
			"Beschikbaarheid: hoog\nIntegriteit (I) | midden\nVertrouwelijkheid wordt geclassificeerd als laag. Availability: 2\n" +
			"Maatregel | " + strings.Repeat("x", 600) + " | Status\nToetsvorm: zelfevaluatie. Type\ntoetsing.",
		"empty": "",
	}
	paths := fixturesAndCorpus(t)
	for _, p := range paths {
		texts[p] = fixtureDocument(t, p).Text
	}
	for name, rule := range nearRules() {
		for tn, text := range texts {
			d := textDoc(text)
			want := rule.re.FindAllStringSubmatchIndex(text, -1)
			if got := d.findAllNear(rule.re, rule.words); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("%s on %s: findAllNear = %v, want %v", name, tn, got, want)
			}
		}
	}
	// a rule whose word list misses a word finds less: the test can fail
	d := textDoc(texts["invented"])
	if got := d.findAllNear(lawCues[5].re.Regexp, []string{"gdpr"}); len(got) >= len(lawCues[5].re.FindAllStringSubmatchIndex(d.text, -1)) {
		t.Errorf("findAllNear with too few words found everything: %v", got)
	}
}

// TestMayHaveCells checks that splitRow's cheap test passes every line in
// which cellSepRe finds a separator.
func TestMayHaveCells(t *testing.T) {
	lines := []string{"a | b", "a\tb", "a   b", "a \u00a0 b", "a\u00a0\u00a0\u00a0b", "a\u202f\u2007 b", "gewone zin. Nog een.", "a  b"}
	paths := fixturesAndCorpus(t)
	for _, p := range paths {
		lines = append(lines, strings.Split(fixtureDocument(t, p).Text, "\n")...)
	}
	for _, l := range lines {
		if cellSepRe.MatchString(l) && !mayHaveCells(l) {
			t.Errorf("mayHaveCells(%q) = false, but cellSepRe matches", l)
		}
	}
	if mayHaveCells("gewone zin. Nog een.") {
		t.Error("mayHaveCells is true for plain prose")
	}
}

// TestMayHold checks, on every line of the fixtures and corpus, that a
// rule run behind mayHold sees every line it matches.
func TestMayHold(t *testing.T) {
	rules := []struct {
		name  string
		re    *normalize.Regexp
		words []string
	}{
		{"versionCueRe", versionCueRe.Regexp, versionCueWords},
	}
	texts := []string{"Versie 2.1\nLaatst gewijzigd op 3 maart 2024\nDocumentversie: 4\nDatum van deze versie\nVerſie 2\ngeen\n"}
	paths := fixturesAndCorpus(t)
	for _, p := range paths {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	for _, rule := range rules {
		for _, text := range texts {
			d := textDoc(text)
			for _, l := range d.lines(0, len(text)) {
				if rule.re.MatchString(l.Text) && !d.mayHold(l.Start, l.End, rule.words) {
					t.Errorf("%s matches %q but mayHold is false", rule.name, l.Text)
				}
			}
		}
	}
	if d := textDoc("geen"); d.mayHold(0, 4, versionCueWords) {
		t.Error("mayHold is true for a line without the words")
	}
}

// fixturesAndCorpus returns the fixture agreements and, when present, the
// corpus texts: equivalence tests of the speed-ups run on both.
func fixturesAndCorpus(t testing.TB) []string {
	paths := fixtures(t)
	if extra, _ := filepath.Glob(filepath.Join(benchCorpus, "*.txt")); len(extra) > 0 {
		paths = append(paths, extra...)
	}
	return paths
}
