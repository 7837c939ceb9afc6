package extract

import (
	"reflect"
	"strings"
	"testing"
)

// TestNextCellSepMatchesRule holds nextCellSep to cellSepRe's matches on
// every line of the fixture and layout texts and on edge cases: spaces of
// every kind around a pipe, tabs before a pipe, runs of two and three
// spaces, no-break spaces, invalid UTF-8.
func TestNextCellSepMatchesRule(t *testing.T) {
	lines := []string{"", "|", "a|b", "a | b", "a  |  b", "a\t|\tb", "a\t\tb", "a\t \tb", "a  b", "a   b", "a    b",
		"a \u00a0 b", "a\u00a0\u00a0\u00a0b", "a\u202f\u2007 b", "a\u00a0|\u00a0b", "a\u00a0\u00a0b", "a \t  b", "a\r|b",
		"a\f\f\fb", "| a | b |", "|---|---|", "a\xc2 b", "a\xe2\x80 |b", "a\xc2\xa0\xc2\xa0\xc2\xa0b", "\xc2", "  ",
		"   ", "\t", "a   |   b\t\tc   d", "é   ü|ö",
	}
	for _, text := range scanTexts(t) {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	found := 0
	for _, l := range lines {
		var want, got [][2]int
		for _, m := range cellSepRe.FindAllStringIndex(l, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		for a, b := nextCellSep(l, 0); a >= 0; a, b = nextCellSep(l, b) {
			got = append(got, [2]int{a, b})
		}
		found += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("separators of %q: %v, cellSepRe gives %v", l, got, want)
		}
	}
	if found < 500 {
		t.Errorf("only %d separators in the texts", found)
	}
}
