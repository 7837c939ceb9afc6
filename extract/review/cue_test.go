package review

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/normalize"
	"github.com/dpa-nl/dpa/testdata/modelgen"
)

// cueTexts are texts to hold the finders to their plain patterns: the
// generated model agreement, the lines a weakened obligation changes in
// it, a sample of the agreements under testdata, and a few shapes of
// their own.
func cueTexts(t *testing.T) map[string]string {
	t.Helper()
	texts := map[string]string{
		"kelvin":     "De Verwerker wordt uitsluitend in opdracht van de \u212aerk en voor eigen doeleinden gebruikt.",
		"long s":     "Verwerker bewaart de gegevens onbeperkt; ze worden bewaard zo\u017f lang als nodig.",
		"upper":      "ARTIKEL 12 BEËINDIGING\nNA BEËINDIGING WORDEN DE GEGEVENS ONBEPERKT BEWAARD. DE VERWERKER IS NIMMER AANSPRAKELIJK.",
		"mixed case": "Na Beëindiging worden de Persoonsgegevens vernietigd.\nMaatregelen zijn een inspanningsverplichting.\nBeveiligingsmaatregelen: een inspanningsverplichting van Verwerker.",
		"no text":    "",
		"cue at end": "zo",
		"invalid":    "in\xffopdracht van de Onderwijsinstelling \xe2\x82 uitsluitend in opdracht",
	}
	full := string(modelgen.Text(modelgen.Render(1, modelgen.Case{}, modelgen.Options{})))
	texts["model"] = full
	lines := map[string]bool{}
	for _, l := range strings.Split(full, "\n") {
		lines[l] = true
	}
	var weak []string
	for _, c := range modelgen.Cases() {
		if c.Mode != modelgen.Weakened {
			continue
		}
		for _, l := range strings.Split(string(modelgen.Text(modelgen.Render(1, c, modelgen.Options{}))), "\n") {
			if !lines[l] {
				lines[l] = true
				weak = append(weak, l)
			}
		}
	}
	texts["weakened model lines"] = strings.Join(weak, "\n")
	files, err := filepath.Glob("../../testdata/agreements/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		if i%5 != 0 {
			continue // a sample: the plain patterns are slow
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(f)] = string(b)
	}
	return texts
}

// TestFinders holds every finder of the review to its plain pattern: the
// same matches, in the whole text and in slices of it (where \b and ^ see
// the slice's edges), and the same answer to MatchString on lines.
func TestFinders(t *testing.T) {
	var finders []*finder
	for _, o := range Obligations() {
		for _, f := range []*finder{o.section, o.cues, o.require, o.weak} {
			if f != nil {
				finders = append(finders, f)
			}
		}
	}
	finders = append(finders, termRe)
	for _, p := range privacyParts {
		finders = append(finders, p.re)
	}
	cued := 0
	for _, f := range finders {
		if f.prepare(); f.cues != nil {
			cued++
		}
	}
	if cued < len(finders)*3/4 {
		t.Errorf("only %d of %d patterns have cue words", cued, len(finders))
	}
	for name, s := range cueTexts(t) {
		tx := newText(s)
		// slices: the whole text, two cut anywhere (in a short text), and
		// the lines
		spans := [][2]int{{0, len(s)}}
		if len(s) > 3 && len(s) < 4000 {
			spans = append(spans, [2]int{len(s) / 3, 2 * len(s) / 3}, [2]int{len(s)/3 + 1, len(s)})
		}
		for start := 0; start < len(s); {
			end := strings.IndexByte(s[start:], '\n')
			if end < 0 {
				end = len(s)
			} else {
				end += start
			}
			spans = append(spans, [2]int{start, end})
			start = end + 1
		}
		for _, f := range finders {
			for i, sp := range spans {
				sub := s[sp[0]:sp[1]]
				var want [][]int
				for _, m := range f.re.FindAllStringIndex(sub, -1) {
					want = append(want, shift(m, sp[0]))
				}
				if got := tx.findAll(f, sp[0], sp[1]); !reflect.DeepEqual(got, want) {
					t.Errorf("%s [%d:%d] %s: findAll %v, regexp %v", name, sp[0], sp[1], f.re, got, want)
				}
				var first []int
				if len(want) > 0 {
					first = want[0]
				}
				if got := tx.find(f, sp[0], sp[1]); !reflect.DeepEqual(got, first) {
					t.Errorf("%s [%d:%d] %s: find %v, regexp %v", name, sp[0], sp[1], f.re, got, first)
				}
				if i == 0 && len(spans) > 1 {
					continue // matchString is for headings and lines
				}
				if got := f.matchString(sub); got != (len(want) > 0) {
					t.Errorf("%s [%d:%d] %s: matchString %v, regexp %v", name, sp[0], sp[1], f.re, got, len(want) > 0)
				}
			}
		}
	}
}

func shift(m []int, by int) []int {
	if m == nil {
		return nil
	}
	return []int{m[0] + by, m[1] + by}
}

// TestLeadingWords checks the cue words read from a pattern's syntax.
func TestLeadingWords(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    []string // nil: no cue words
	}{
		{`(?i)Instructie|uitsluitend\s+in`, []string{"instructie", "uitsluitend"}},
		{`(?i)\bart(?:ikel|\.)?\s*\d`, []string{"art"}},
		{`(?i)(?:beveiligings)?maatregelen`, []string{"beveiligings", "maatregelen"}},
		{`(?i)Beëindiging`, []string{"beËindiging", "beëindiging"}},
		{`Beëindiging`, []string{"beëindiging"}},
		{`(?i)(?:niet|geen)\s+verplicht`, []string{"geen", "niet"}},
		{`(?i)\w+\s+werkdagen`, nil},
		{`(?i)(?:a|b)*c`, nil},
		{`(?i)x|\d+`, nil},
		{`(?i)b`, nil}, // shorter than minCue
	} {
		f := newFinder(normalize.Lazy(tc.pattern))
		if f.prepare(); !reflect.DeepEqual(f.cues, tc.want) {
			t.Errorf("%s: cues %q, want %q", tc.pattern, f.cues, tc.want)
		}
	}
}

// TestFinderContext holds finders of patterns that look at the character
// before a match (\b, \B, ^) to their plain patterns.
func TestFinderContext(t *testing.T) {
	texts := []string{"Bart 5 en artikel 7", "art 5", "x\nart 5 Art. 6", "ébart 3 art 4", "wissen gewist wis"}
	for _, p := range []string{`(?i)\bart(?:ikel)?\.?\s*\d`, `(?i)\Bart\s*\d`, `(?im)^art\s*\d`, `(?i)^art`, `(?i)\bwis\b|gewis`} {
		f := newFinder(normalize.Lazy(p))
		if f.prepare(); f.cues == nil {
			t.Errorf("%s: no cue words", p)
		}
		for _, s := range texts {
			tx := newText(s)
			for start := 0; start <= len(s); start++ {
				var want [][]int
				for _, m := range f.re.FindAllStringIndex(s[start:], -1) {
					want = append(want, shift(m, start))
				}
				if got := tx.findAll(f, start, len(s)); !reflect.DeepEqual(got, want) {
					t.Errorf("%s in %q[%d:]: %v, regexp %v", p, s, start, got, want)
				}
			}
		}
	}
}
