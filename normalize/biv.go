package normalize

import (
	"fmt"
	"strings"
)

// bivWords maps the ways agreements write a ROSA BIV level (Dutch and
// English words, letters, digits) to the level 1–3.
var bivWords = map[string]int{
	"laag": 1, "low": 1, "l": 1, "1": 1,
	"midden": 2, "middel": 2, "gemiddeld": 2, "gemiddelde": 2, "medium": 2, "m": 2, "2": 2,
	"hoog": 3, "high": 3, "h": 3, "3": 3,
}

// BIVWord returns the level (1–3) of a single BIV level as written
// ("Hoog", "H", "3", "midden"); ok is false for anything else.
func BIVWord(s string) (level int, ok bool) {
	level, ok = bivWords[strings.ToLower(strings.Trim(s, " \t*.,;:()[]"))]
	return level, ok
}

// bivSplit separates the levels of a range: "2/3", "M-H", "Midden tot Hoog",
// "midden t/m hoog".
var bivSplit = Lazy(`(?i)\s*(?:t/m|tot\s+en\s+met|tot|/|–|-|\s+of\s+)\s*`)

// bivParens is a level repeated in brackets: "Midden (2)".
var bivParens = Lazy(`\s*\([^()]*\)\s*$`)

// BIVLevel reads a BIV level or a range of two levels as [low, high]:
// "Midden" is [2 2], "2/3" and "Hoog/Midden" are [2 3]. An unfilled
// template choice that lists every level ("Laag/Midden/Hoog", "L/M/H") is
// an error, as is anything that is not a level.
func BIVLevel(s string) ([2]int, error) {
	t := strings.Trim(s, " \t*.,;:[]")
	if m := bivParens.FindStringIndex(t); m != nil && m[0] > 0 {
		if lv, err := BIVLevel(t[:m[0]]); err == nil {
			return lv, nil
		}
	}
	parts := bivSplit.Split(t, -1)
	var levels []int
	for _, p := range parts {
		l, ok := BIVWord(p)
		if !ok {
			return [2]int{}, fmt.Errorf("BIV level %q: %q is not Laag/Midden/Hoog, L/M/H or 1–3", s, p)
		}
		levels = append(levels, l)
	}
	switch len(levels) {
	case 1:
		return [2]int{levels[0], levels[0]}, nil
	case 2:
		return [2]int{min(levels[0], levels[1]), max(levels[0], levels[1])}, nil
	}
	return [2]int{}, fmt.Errorf("BIV level %q: %d levels listed, an unfilled choice rather than a level or range", s, len(levels))
}
