package review

import (
	"reflect"
	"regexp"
	"regexp/syntax"
	"testing"
)

// TestLowerPattern holds each pattern of the review (each alternative of
// an alternation) and a few of its own, written by lowerPattern for a text
// in ASCII lower case, to the pattern itself: the same matches, on the
// short cue and odd texts that hold neither the Kelvin sign nor the long s
// (TestFinders holds the finders, which run these forms, to the patterns
// on the long ones). A pattern with a letter in one case only is refused.
func TestLowerPattern(t *testing.T) {
	exprs := []string{`(?i)beëindiging|BEËINDIGING\s+na`, `(?i)\bart(?:ikel|\.)?\s*(\d{1,2})\b`, `(?i)(?:a|b)+?c{2,}x*?`,
		`(?i)^zo\s+lang$`, `(?im)^verwerker\b.*$`, `(?is)geen.{0,20}recht`, `(?i)[^.\n]*ä[a-cx]`, `(?i)ǅ|ß|Σ`, `(?i)a[^.]*?b|c.+?d|e{1,3}?f`}
	for _, f := range reviewFinders() {
		if alts := alternatives(f.re.String()); alts != nil {
			exprs = append(exprs, alts...) // the whole is tried alternative by alternative
		} else {
			exprs = append(exprs, f.re.String())
		}
	}
	texts := cueTexts(t)
	for k, v := range oddTexts {
		texts["odd "+k] = v
	}
	texts["cases"] = "ǅ ǆ Ǆ ß ẞ σ ς Σ Ä ä BEËINDIGING na beëindiging\nArt. 12 AAC aacc x zo lang\nVerwerker is hier\nA1b2B c12D3d eeef"
	for _, expr := range exprs {
		tree, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		low, ok := lowerPattern(tree)
		if !ok {
			t.Errorf("%s: not written for lower case", expr)
			continue
		}
		re, lre := regexp.MustCompile(expr), regexp.MustCompile(low)
		for name, s := range texts {
			if folded(s) || len(s) > 2000 {
				continue // the long texts: TestFinders runs the patterns over them
			}
			if got, want := lre.FindAllStringIndex(lowerASCIIString(s), -1), re.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s in %s: lower-case pattern %s finds %v, the pattern %v", expr, name, low, got, want)
			}
		}
	}
	for _, expr := range []string{`Verwerker`, `(?i)a(?-i:B)`, `(?i)x(?-i:[A-H])`, `[a-z]`} {
		tree, _ := syntax.Parse(expr, syntax.Perl)
		if low, ok := lowerPattern(tree); ok {
			t.Errorf("%s: written for lower case as %s, though it asks a letter in one case", expr, low)
		}
	}
}
