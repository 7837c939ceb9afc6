package extract

import (
	"reflect"
	"strings"
	"testing"
)

// TestRowSeps holds the scan of rowSeps to cellSplitRe on every line of
// the fixtures (and corpus texts, when present) and on lines made to trip
// it: white space before a pipe, tabs and no-break spaces in runs, broken
// UTF-8.
func TestRowSeps(t *testing.T) {
	lines := []string{"", "|", " | ", "a|b", "a  |  b", "a \t |\t b", "a\t\tb", "a   b", "a  b", "a\u00a0\u00a0\u00a0b",
		"a \u00a0 b", "a\u202f\u2007 b", "a \t\t b", "\t|", "|\t", "a    \t  |", "   ", "  ", "a\xa0\xa0\xa0b", "\xff   \xff|\xff",
		"| a | b |", "|---|---|", "a \r", "a\f|\fb", "a \u00a0\t | b", "x  \t  y     z", "a    b", "a\u00a0   \u00a0b", "a\v|b"}
	for _, p := range fixturesAndCorpus(t) {
		lines = append(lines, strings.Split(fixtureDocument(t, p).Text, "\n")...)
	}
	for _, l := range lines {
		var got [][]int
		for _, s := range rowSeps(l) {
			got = append(got, []int{s[0], s[1]})
		}
		if want := cellSplitRe.FindAllStringIndex(l, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("rowSeps(%q) = %v, want %v", l, got, want)
		}
	}
}
