package extract

import (
	"regexp/syntax"
	"sync"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/normalize"
)

// A rule anchored at the start of a line's text ("^(?:pagina|page…)",
// "^[-•*]\s…") gets no help from cuedRe, which leaves ^-anchored rules to
// the regexp; run on every line of a document, the regexp's setup costs
// more than the match. A headRule first looks at the line's first byte:
// the rule is tried only when that byte may open a match, as read from the
// rule's syntax (firstRunes, linehead.go), so the answers are exactly the
// regexp's.

// headRule is a ^-anchored rule tried only on strings whose first byte may
// open one of its matches.
type headRule struct {
	*normalize.Regexp
	once  sync.Once
	first [256]bool // bytes that may open a match; every byte when unknown
	empty bool      // the rule may match the empty string: always tried
}

// mustHead wraps p, compiled on first use like normalize.Lazy.
func mustHead(p string) *headRule { return &headRule{Regexp: normalize.Lazy(p)} }

// prepare reads the opening bytes from the rule's syntax, once.
func (h *headRule) prepare() {
	h.once.Do(func() {
		tree, err := syntax.Parse(h.Regexp.String(), syntax.Perl)
		if err != nil {
			h.empty = true
			return
		}
		first, nullable, ok := firstRunes(tree)
		if !ok || nullable {
			h.empty = true
			return
		}
		h.first = openingBytes(first)
	})
}

// openingBytes returns the bytes that may open the UTF-8 encoding of a
// rune of the ranges (lo, hi pairs): the ASCII runes themselves, and every
// byte from 0x80 up when a range reaches past ASCII (a non-ASCII rune, or
// U+FFFD for a byte that is not UTF-8).
func openingBytes(ranges []rune) [256]bool {
	var set [256]bool
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
			set[r] = true
		}
		if hi >= utf8.RuneSelf {
			for b := utf8.RuneSelf; b < 256; b++ {
				set[b] = true
			}
		}
	}
	return set
}

// may reports whether a match of the rule may start s.
func (h *headRule) may(s string) bool {
	h.prepare()
	if h.empty {
		return true
	}
	return s != "" && h.first[s[0]]
}

// MatchString is the regexp's.
func (h *headRule) MatchString(s string) bool {
	return h.may(s) && h.Regexp.MatchString(s)
}

// FindStringSubmatchIndex is the regexp's.
func (h *headRule) FindStringSubmatchIndex(s string) []int {
	if !h.may(s) {
		return nil
	}
	return h.Regexp.FindStringSubmatchIndex(s)
}
