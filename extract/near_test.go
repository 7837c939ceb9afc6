package extract

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// nearRules are the rules that run through findAllNear, with their words.
func nearRules() map[string]struct {
	re    *regexp.Regexp
	words []string
} {
	rules := map[string]struct {
		re    *regexp.Regexp
		words []string
	}{}
	for i, c := range lawCues {
		rules[fmt.Sprintf("lawCues[%d]", i)] = struct {
			re    *regexp.Regexp
			words []string
		}{c.re, c.words}
	}
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
			"de Algemene Verordening\u00a0Gegevensbescherming en de General Data Protection Regulation.",
		"empty": "",
	}
	paths := fixtures(t)
	if extra, _ := filepath.Glob(filepath.Join(benchCorpus, "*.txt")); len(extra) > 0 {
		paths = append(paths, extra...)
	}
	for _, p := range paths {
		texts[p] = fixtureDocument(t, p).Text
	}
	for name, rule := range nearRules() {
		for tn, text := range texts {
			d := textDoc(text)
			want := rule.re.FindAllStringIndex(text, -1)
			if got := d.findAllNear(rule.re, rule.words); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("%s on %s: findAllNear = %v, want %v", name, tn, got, want)
			}
		}
	}
	// a rule whose word list misses a word finds less: the test can fail
	d := textDoc(texts["invented"])
	if got := d.findAllNear(lawCues[5].re, []string{"gdpr"}); len(got) >= len(lawCues[5].re.FindAllStringIndex(d.text, -1)) {
		t.Errorf("findAllNear with too few words found everything: %v", got)
	}
}
