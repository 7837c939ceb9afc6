package index

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// nameDots is the char filter of nameAnalyzer that reads the dots of a
// name: the dot after a one-letter word goes (a legal form's "B.V." is
// "BV", "v.o.f." "vof", the way many write it; NameInitialsPattern), the
// other dots become spaces, so that "Oefenweb.nl" is two words. It does
// by hand in one pass what the two regexp char filters it replaces did
// (NameInitialsPattern replaced by "$1", then `\.` by " "):
// TestNameDotsFilter holds it to them. The regexps cost a fifth of
// writing a batch's fields other than the text.
const nameDots = "dpa_name_dots"

func init() {
	registry.RegisterCharFilter(nameDots, func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
		return nameDotsFilter{}, nil
	})
}

// nameDotsFilter is the char filter nameDots.
type nameDotsFilter struct{}

// Filter returns input with the dots of one-letter words dropped and the
// other dots made spaces; input itself when it has no dot.
func (nameDotsFilter) Filter(input []byte) []byte {
	if bytes.IndexByte(input, '.') < 0 {
		return input
	}
	out := make([]byte, 0, len(input))
	for i := 0; i < len(input); {
		if input[i] == '.' {
			out = append(out, ' ')
			i++
			continue
		}
		r, n := utf8.DecodeRune(input[i:])
		out = append(out, input[i:i+n]...)
		if i+n < len(input) && input[i+n] == '.' && unicode.IsLetter(r) && wordBoundaryBefore(input, i, r) {
			i += n + 1 // a one-letter word: its dot goes
			continue
		}
		i += n
	}
	return out
}

// wordBoundaryBefore reports whether \b holds before r at input[i], as Go's
// regexp reads it: one of the runes either side is an ASCII word
// character ([0-9A-Za-z_]) and the other is not (the start of the text
// is not one).
func wordBoundaryBefore(input []byte, i int, r rune) bool {
	prev := rune(-1)
	if i > 0 {
		prev, _ = utf8.DecodeLastRune(input[:i])
	}
	return isASCIIWord(prev) != isASCIIWord(r)
}

func isASCIIWord(r rune) bool {
	return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}
