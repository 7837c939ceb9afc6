package extract

import (
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Many rules find a heading or a list item: "(?m)^[ \t#*]*Artikel\s+…",
// "(?m)^[ \t#*]*([A-H])[.)]…". Every match of such a rule starts at a line
// start, goes over runes of an opening class ([ \t#*]) and then has a rune
// of a small set (A or a; A to H) that the opening class does not hold. A
// lineHead holds those two sets, read from the rule's syntax; the rule is
// tried only at the line starts where the first rune past the opening
// class is of the set, which is where every match starts (the opening
// class cannot take that rune, nor stop earlier, as the rune after it
// would then be of the class and not of the set).

// lineHead is what opens every match of a rule that starts at line starts.
type lineHead struct {
	skip []rune // ranges (lo, hi pairs) of the opening class; nil for none
	// seq are the ranges of the runes that follow it, one set per rune
	// (a literal word gives a set per letter: "Artikel" is A or a, then
	// R or r, …)
	seq [][]rune
}

// ruleHead returns the lineHead of a rule, nil when its syntax does not
// show one: it must be a concatenation that opens with (?m)^, then
// optionally a repeated class, then something that cannot match empty.
func ruleHead(tree *syntax.Regexp) *lineHead {
	for tree.Op == syntax.OpCapture {
		tree = tree.Sub[0]
	}
	if tree.Op != syntax.OpConcat || len(tree.Sub) < 2 || tree.Sub[0].Op != syntax.OpBeginLine {
		return nil
	}
	rest := tree.Sub[1:]
	h := &lineHead{}
	if s := rest[0]; s.Op == syntax.OpStar && s.Sub[0].Op == syntax.OpCharClass {
		h.skip = s.Sub[0].Rune
		rest = rest[1:]
	}
	h.seq = runeSeq(rest)
	if len(h.seq) == 0 {
		first, nullable, ok := firstRunes(&syntax.Regexp{Op: syntax.OpConcat, Sub: rest})
		if !ok || nullable || len(first) == 0 {
			return nil
		}
		h.seq = [][]rune{first}
	}
	first := h.seq[0]
	for i := 0; i+1 < len(first); i += 2 {
		for j := 0; j+1 < len(h.skip); j += 2 {
			if first[i] <= h.skip[j+1] && h.skip[j] <= first[i+1] {
				return nil // the class may take the first rune
			}
		}
	}
	return h
}

// maxSeq bounds a lineHead's sequence: a few runes tell most lines apart.
const maxSeq = 4

// runeSeq returns the sets of the runes that open every match of the
// concatenation subs, one set per rune, as far as its elements match one
// rune each (literals, classes; the first rune of a repeated class).
func runeSeq(subs []*syntax.Regexp) [][]rune {
	var seq [][]rune
	for _, s := range subs {
		for s.Op == syntax.OpCapture {
			s = s.Sub[0]
		}
		switch s.Op {
		case syntax.OpLiteral:
			for _, r := range s.Rune {
				set := []rune{r, r}
				if s.Flags&syntax.FoldCase != 0 {
					for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
						set = append(set, f, f)
					}
				}
				if seq = append(seq, set); len(seq) == maxSeq {
					return seq
				}
			}
			continue
		case syntax.OpCharClass:
			if seq = append(seq, s.Rune); len(seq) == maxSeq {
				return seq
			}
			continue
		case syntax.OpPlus:
			if c := s.Sub[0]; c.Op == syntax.OpCharClass {
				seq = append(seq, c.Rune) // one at least, then the sequence ends
			}
		}
		return seq
	}
	return seq
}

// firstRunes returns the ranges of the runes that may open a match of re,
// whether re matches the empty string, and false when it cannot tell.
func firstRunes(re *syntax.Regexp) (first []rune, nullable, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, true, true
		}
		r := re.Rune[0]
		first = []rune{r, r}
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				first = append(first, f, f)
			}
		}
		return first, false, true
	case syntax.OpCharClass:
		return re.Rune, false, true
	case syntax.OpCapture:
		return firstRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		first, _, ok = firstRunes(re.Sub[0])
		return first, true, ok
	case syntax.OpPlus:
		return firstRunes(re.Sub[0])
	case syntax.OpRepeat:
		first, nullable, ok = firstRunes(re.Sub[0])
		return first, nullable || re.Min == 0, ok
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			f, n, k := firstRunes(s)
			if !k {
				return nil, false, false
			}
			first = append(first, f...)
			nullable = nullable || n
		}
		return first, nullable, true
	case syntax.OpConcat:
		for _, s := range re.Sub {
			f, n, k := firstRunes(s)
			if !k {
				return nil, false, false
			}
			first = append(first, f...)
			if !n {
				return first, false, true
			}
		}
		return first, true, true
	}
	return nil, false, false
}

// inRanges reports whether r lies in one of the ranges (lo, hi pairs).
func inRanges(r rune, ranges []rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= r && r <= ranges[i+1] {
			return true
		}
	}
	return false
}

// starts returns the offsets of the line starts in s (0 and after each
// line feed) where a match of the rule may start: past the runes of the
// opening class stand runes of the sets of the sequence.
func (h *lineHead) starts(s string) []int {
	var at []int
	for l := 0; l <= len(s); {
		p := l
		for p < len(s) {
			r, n := utf8.DecodeRuneInString(s[p:])
			if !inRanges(r, h.skip) {
				break
			}
			p += n
		}
		if h.opens(s[p:]) {
			at = append(at, l)
		}
		nl := strings.IndexByte(s[l:], '\n')
		if nl < 0 {
			break
		}
		l += nl + 1
	}
	return at
}

// opens reports whether s opens with runes of the sets of the sequence.
func (h *lineHead) opens(s string) bool {
	for _, set := range h.seq {
		r, n := utf8.DecodeRuneInString(s)
		if n == 0 || !inRanges(r, set) {
			return false
		}
		s = s[n:]
	}
	return true
}
