package review

import (
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Go's regexp matches a case-insensitive letter by trying each of its
// cases (unicode.SimpleFold) at every step; most of a pattern's time at a
// cue word went there. Run on the text in ASCII lower case (text.low,
// which has the text's offsets), a pattern needs no folding for ASCII
// letters: lowerPattern writes it with its ASCII letters in lower case and
// each other case-insensitive letter as the class of its cases. The
// matches are the same wherever the text holds neither the Kelvin sign
// nor the long s (which fold to k and s; such a text runs the plain
// regexp), provided the pattern asks no letter in one case only.

// lowerPattern returns the pattern of re for a text in ASCII lower case,
// and false when re has a case-sensitive ASCII letter (a literal or a
// class that holds a letter in one case only), which such a text cannot
// tell.
func lowerPattern(re *syntax.Regexp) (string, bool) {
	var b strings.Builder
	ok := writeLower(&b, re)
	return b.String(), ok
}

func writeLower(b *strings.Builder, re *syntax.Regexp) bool {
	group := func(subs ...*syntax.Regexp) bool {
		b.WriteString("(?:")
		for i, s := range subs {
			if i > 0 && re.Op == syntax.OpAlternate {
				b.WriteByte('|')
			}
			if !writeLower(b, s) {
				return false
			}
		}
		b.WriteByte(')')
		return true
	}
	lazy := func() {
		if re.Flags&syntax.NonGreedy != 0 {
			b.WriteByte('?')
		}
	}
	switch re.Op {
	case syntax.OpNoMatch:
		b.WriteString(`[^\x00-\x{10FFFF}]`)
	case syntax.OpEmptyMatch:
		b.WriteString(`(?:)`)
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		b.WriteString("(?:")
		for _, r := range re.Rune {
			switch {
			case r < utf8.RuneSelf && unicode.IsLetter(r):
				if !fold {
					return false
				}
				b.WriteRune(unicode.ToLower(r))
			case fold && unicode.SimpleFold(r) != r:
				b.WriteByte('[')
				writeRune(b, r)
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					writeRune(b, f)
				}
				b.WriteByte(']')
			default:
				writeRune(b, r)
			}
		}
		b.WriteByte(')')
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			b.WriteString(`[^\x00-\x{10FFFF}]`)
			return true
		}
		for c := 'a'; c <= 'z'; c++ {
			if inClass(c, re.Rune) != inClass(c-'a'+'A', re.Rune) {
				return false
			}
		}
		b.WriteByte('[')
		for i := 0; i+1 < len(re.Rune); i += 2 {
			writeRune(b, re.Rune[i])
			b.WriteByte('-')
			writeRune(b, re.Rune[i+1])
		}
		b.WriteByte(']')
	case syntax.OpAnyCharNotNL:
		b.WriteString(`(?-s:.)`)
	case syntax.OpAnyChar:
		b.WriteString(`(?s:.)`)
	case syntax.OpBeginLine:
		b.WriteString(`(?m:^)`)
	case syntax.OpEndLine:
		b.WriteString(`(?m:$)`)
	case syntax.OpBeginText:
		b.WriteString(`\A`)
	case syntax.OpEndText:
		b.WriteString(`\z`)
	case syntax.OpWordBoundary:
		b.WriteString(`\b`)
	case syntax.OpNoWordBoundary:
		b.WriteString(`\B`)
	case syntax.OpCapture:
		return group(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		if !group(re.Sub[0]) {
			return false
		}
		b.WriteByte(map[syntax.Op]byte{syntax.OpStar: '*', syntax.OpPlus: '+', syntax.OpQuest: '?'}[re.Op])
		lazy()
	case syntax.OpRepeat:
		if !group(re.Sub[0]) {
			return false
		}
		b.WriteString("{" + strconv.Itoa(re.Min) + ",")
		if re.Max >= 0 {
			b.WriteString(strconv.Itoa(re.Max))
		}
		b.WriteByte('}')
		lazy()
	case syntax.OpConcat, syntax.OpAlternate:
		return group(re.Sub...)
	default:
		return false
	}
	return true
}

// writeRune writes r as a pattern that matches it alone: a letter or
// digit as itself, anything else as \x{hex}.
func writeRune(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
		b.WriteRune(r)
		return
	}
	b.WriteString(`\x{`)
	b.WriteString(strconv.FormatInt(int64(r), 16))
	b.WriteByte('}')
}

// inClass reports whether r is in the class ranges.
func inClass(r rune, ranges []rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= r && r <= ranges[i+1] {
			return true
		}
	}
	return false
}
