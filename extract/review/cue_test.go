package review

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/extract/internal/cue"
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
		"stops":      "Beveiliging.\nMaatregelen zijn een inspanningsverplichting. Onbeperkt.\nbewaard.Verwerker is nimmer aansprakelijk.Na beëindiging onbeperkt.\nzonder\ntoestemming Subverwerker;zo lang als Verwerker nodig acht bewaard.",
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
	finders := reviewFinders()
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
		spans = append(spans, lineSpans(s)...)
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

// reviewFinders returns every finder of the review.
func reviewFinders() []*finder {
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
	return finders
}

// lineSpans returns the byte range of each line of s, its newline left out.
func lineSpans(s string) [][2]int {
	var spans [][2]int
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
	return spans
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
	texts := []string{"Bart 5 en artikel 7", "art 5", "x\nart 5 Art. 6", "ébart 3 art 4", "wissen gewist wis",
		"in opdracht van de school. In Opdracht", "art. 12 en Artikel 3.\nart 4"}
	for _, p := range []string{`(?i)\bart(?:ikel)?\.?\s*\d`, `(?i)\Bart\s*\d`, `(?im)^art\s*\d`, `(?i)^art`, `(?i)\bwis\b|gewis`,
		// alternatives whose order decides the match
		`(?i)in\s+opdracht|in\s+opdracht\s+van\s+de`, `(?i)art\.?\s*\d|art\.?\s*\d+|artikel\s+\d|\bart\b`} {
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

// oddTexts are texts whose lower case moves bytes or letters: the Kelvin
// sign and İ (which lower-case to ASCII), ẞ (shorter), invalid UTF-8, and
// capitals with diacritics (which lower-case in place).
var oddTexts = map[string]string{
	"kelvin":  "Na \u212aennisgeving wordt de Persoonsgegevens onbeperkt bewaard.",
	"dotted":  "İNSPANNINGSVERPLICHTING: de Verwerker behoudt zich het recht voor te wijzigen.",
	"sharp s": "GROẞE aansprakelijkheid\nNA BEËINDIGING ONBEPERKT BEWAARD",
	"invalid": "na be\xc3indiging \xff onbeperkt\nbewaard",
	"capital": "NA BEËINDIGING WORDEN DE GEGEVENS ONBEPERKT BEWAARD.\nÉÉN KEER PER JAAR: ZONDER TOESTEMMING.",
	"mixed":   "Na Beëindiging; ná beËindiging; Geaggregeerd.\nÇa va: Ärger über die Übermittlung.",
}

// TestNewText holds what newText reads in its one pass over a text to
// what it promises: the text in ASCII lower case, folded, and where it
// says that lower-casing keeps the offsets, strings.ToLower has the text's
// length, non-ASCII bytes where the text has them and the text's ASCII
// bytes in lower case.
func TestNewText(t *testing.T) {
	texts := cueTexts(t)
	for k, v := range oddTexts {
		texts["odd "+k] = v
	}
	// every ASCII byte, and runes at every alignment of eight bytes
	var all []byte
	for c := 0; c < utf8.RuneSelf; c++ {
		all = append(all, byte(c))
	}
	for i := range 9 {
		texts[fmt.Sprintf("ascii after %d", i)] = strings.Repeat("é", i) + string(all) + "ÉÀ" + string(all[i:]) + "\u212a"
	}
	kept := 0
	for name, s := range texts {
		tx := newText(s)
		if tx.low != lowerASCIIString(s) || tx.plain != folded(s) {
			t.Errorf("%s: newText reads low %v, plain %v; want %v, %v", name, tx.low == lowerASCIIString(s), tx.plain, true, folded(s))
		}
		if !tx.keepsOffsets {
			continue
		}
		kept++
		lower := strings.ToLower(s)
		if len(lower) != len(s) {
			t.Errorf("%s: lower-cased %d bytes, text %d", name, len(lower), len(s))
			continue
		}
		for i := 0; i < len(s); i++ {
			if (s[i] < utf8.RuneSelf) != (lower[i] < utf8.RuneSelf) || s[i] < utf8.RuneSelf && lower[i] != cue.LowerASCII(s[i]) {
				t.Errorf("%s: byte %d is %q, lower-cased %q", name, i, s[i], lower[i])
				break
			}
		}
	}
	for _, name := range []string{"kelvin", "dotted", "sharp s", "invalid"} {
		if newText(oddTexts[name]).keepsOffsets {
			t.Errorf("odd %s: newText says lower-casing keeps its offsets", name)
		}
	}
	if kept < len(texts)/2 {
		t.Errorf("lower-casing keeps the offsets of %d of %d texts", kept, len(texts))
	}
}

// TestMayMatch holds check.mayMatch, which looks in the text's pair index
// where it can, to the anchors looked up in the lower-cased text: in the
// whole text and in each line, for the anchors of every weakening phrase
// and for words with capitals that lower-case in place.
func TestMayMatch(t *testing.T) {
	texts := cueTexts(t)
	for k, v := range oddTexts {
		texts["odd "+k] = v
	}
	var sets [][]string
	for _, o := range Obligations() {
		if o.weakAnchors != nil {
			sets = append(sets, o.weakAnchors.list)
		}
	}
	sets = append(sets, []string{"beëindiging"}, []string{"één keer", "ärger"}, []string{"übermittlung"}, []string{"ß"}, []string{"ëindiging"}, []string{"a"})
	for name, s := range texts {
		doc := corpus.NewDocument(corpus.Source{Path: name}, []corpus.PageText{{Text: s}})
		c := newCheck(doc, &extract.Record{})
		lower := strings.ToLower(s)
		spans := [][2]int{{0, len(s)}}
		if len(lower) == len(s) {
			spans = append(spans, lineSpans(s)...)
		}
		for _, set := range sets {
			for _, sp := range spans {
				want := mayMatch(set, lower)
				if sp != [2]int{0, len(s)} {
					want = mayMatch(set, lower[sp[0]:sp[1]])
				}
				if got := c.mayMatch(newWords(set), sp[0], sp[1]); got != want {
					t.Errorf("%s [%d:%d] %q: %v, in the lower-cased text %v", name, sp[0], sp[1], set, got, want)
				}
			}
		}
	}
}

// TestAlternatives checks how a pattern is split into its alternatives.
func TestAlternatives(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string // nil: not split
	}{
		{`(?i)a|b\s+c`, []string{`(?i)a`, `(?i)b\s+c`}},
		{`a(?:b|c)|d`, []string{`a(?:b|c)`, `d`}},
		{`[|]|x`, []string{`[|]`, `x`}},
		{`[]|]|z|[^]|]`, []string{`[]|]`, `z`, `[^]|]`}},
		{`[[:alpha:]|]|y`, []string{`[[:alpha:]|]`, `y`}},
		{`\||y`, []string{`\|`, `y`}},
		{`(?i)a(?-i)b|c`, nil},
		{`(?i)a(?-i:b)|c`, []string{`(?i)a(?-i:b)`, `(?i)c`}},
		{`(?P<x>a|b)|c`, []string{`(?P<x>a|b)`, `c`}},
		{`abc`, nil},
		{`(?i:a|b)`, nil},
		{`\Qa|b\E|c`, nil},
		{`(a|b`, nil},
	} {
		if got := alternatives(tc.expr); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("alternatives(%q) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}

// TestWindows holds what matchAt assumes of a pattern to its matches: a
// match of the pattern, or of one of its alternatives, holds none of the
// ASCII bytes it counts as stops, and one of its needed words. It checks
// every match of every finder of the review in the model agreement, the
// lines a weakening changes, the text of stops and the odd texts.
func TestWindows(t *testing.T) {
	texts := map[string]string{}
	for k, v := range cueTexts(t) {
		if !strings.HasSuffix(k, ".txt") {
			texts[k] = v // the agreements of testdata add no shape of their own
		}
	}
	for k, v := range oddTexts {
		texts["odd "+k] = v
	}
	check := func(name string, f *finder, m string) {
		for i := 0; i < len(m); i++ {
			if c := m[i]; c < utf8.RuneSelf && !f.held[c] {
				t.Errorf("%s: match %q holds %q, which the finder takes for a stop", name, m, c)
			}
		}
		if f.needs != nil && !holds(lowerASCIIString(m), f.needs) {
			t.Errorf("%s: match %q holds none of %q", name, m, f.needs)
		}
		for _, ws := range f.needAll {
			if !holds(lowerASCIIString(m), ws.list) {
				t.Errorf("%s: match %q holds none of %q", name, m, ws.list)
			}
		}
	}
	alts := 0
	for _, f := range reviewFinders() {
		f.prepare()
		if f.cues == nil {
			continue
		}
		alts += len(f.alts)
		for name, s := range texts {
			if folded(s) {
				continue
			}
			for _, m := range f.re.FindAllString(s, -1) {
				check(name+" "+f.re.String(), f, m)
			}
			for _, a := range f.alts {
				for _, m := range a.atN().FindAllString(s, -1) {
					check(name+" alternative of "+f.re.String(), a, m[1:])
				}
			}
		}
	}
	if alts == 0 {
		t.Error("no finder has alternatives")
	}
}

// TestLine holds text.line, which looks up the offsets of the newlines,
// to a scan back and forth from the offset.
func TestLine(t *testing.T) {
	texts := cueTexts(t)
	for k, v := range map[string]string{"newline": "\n", "blank lines": "a\n\n\nb", "trailing": "ab\ncd\n", "none": "abc"} {
		texts[k] = v
	}
	for name, s := range texts {
		tx := newText(s)
		for off := 0; off < len(s); off++ {
			start := strings.LastIndexByte(s[:off], '\n') + 1
			end := strings.IndexByte(s[start:], '\n')
			if end < 0 {
				end = len(s)
			} else {
				end += start
			}
			if gs, ge := tx.line(off); gs != start || ge != end {
				t.Errorf("%s: line(%d) = %d, %d; want %d, %d", name, off, gs, ge, start, end)
				break
			}
		}
	}
}
