package review

import (
	"regexp/syntax"
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// anchors returns words of which every match of re holds at least one
// (lower-cased), or nil when re has no such set. A text without any of
// them cannot match, which spares running re over it: most weakening
// phrases stand in no agreement at all.
func anchors(re *normalize.Regexp) []string {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	set := needs(t.Simplify())
	for _, w := range set {
		if len(w) < 3 {
			return nil
		}
	}
	return set
}

// needs returns a set of literals one of which every match of t holds.
func needs(t *syntax.Regexp) []string {
	switch t.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(t.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return needs(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return needs(t.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, s := range t.Sub {
			if set := needs(s); set != nil && shortest(set) > shortest(best) {
				best = set
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			set := needs(s)
			if set == nil {
				return nil
			}
			out = append(out, set...)
		}
		return out
	}
	return nil
}

func shortest(set []string) int {
	if set == nil {
		return 0
	}
	n := len(set[0])
	for _, w := range set[1:] {
		n = min(n, len(w))
	}
	return n
}

// mayMatch reports whether lower (a lower-cased text) holds one of the
// anchors; true without anchors.
func mayMatch(anchors []string, lower string) bool {
	if anchors == nil {
		return true
	}
	for _, a := range anchors {
		if strings.Contains(lower, a) {
			return true
		}
	}
	return false
}
