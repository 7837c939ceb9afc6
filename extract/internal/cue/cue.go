// Package cue reads, from a regular expression's syntax tree, the words
// that open every match and the words every match holds. The extractors
// (extract) and the review (extract/review) use them to try a rule only
// where one of its words stands, instead of at every byte of a text.
package cue

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxWords bounds the words read for one rule: beyond it a rule counts as
// having none.
const MaxWords = 64

// Options choose what Leading reads beyond ASCII literals and small ASCII
// character classes.
type Options struct {
	// Folds lets a non-ASCII rune of a literal give a word for each of
	// its cases (for a text lower-cased in ASCII only); without it a word
	// ends before such a rune.
	Folds bool
	// OptionalFirst reads an optional first part ("(?:de\s+)?looptijd"):
	// a match opens with it or with what follows it.
	OptionalFirst bool
}

// Leading returns the prefixes one of which opens every match of re, nil
// when it cannot tell, and whether the prefixes are the whole of what re
// matches (so that what follows re may lengthen them). ASCII letters are
// in lower case.
func Leading(re *syntax.Regexp, o Options) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return literalWords(re, o)
	case syntax.OpCharClass:
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi >= utf8.RuneSelf || hi-lo > 4 {
				return nil, false
			}
			for r := lo; r <= hi; r++ {
				set = append(set, string(LowerASCII(byte(r))))
			}
		}
		slices.Sort(set)
		set = slices.Compact(set)
		if len(set) == 0 || len(set) > 4 {
			return nil, false
		}
		return set, true
	case syntax.OpCapture:
		return Leading(re.Sub[0], o)
	case syntax.OpPlus:
		w, _ := Leading(re.Sub[0], o)
		return w, false
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		w, _ := Leading(re.Sub[0], o)
		return w, false
	case syntax.OpAlternate:
		var all []string
		exact := true
		for _, s := range re.Sub {
			w, ex := Leading(s, o)
			if w == nil {
				return nil, false
			}
			all = append(all, w...)
			exact = exact && ex
		}
		return all, exact
	case syntax.OpConcat:
		return concatWords(re, o)
	}
	return nil, false
}

// concatWords is Leading for a concatenation: the words of its parts,
// joined while each part is read whole.
func concatWords(re *syntax.Regexp, o Options) ([]string, bool) {
	cur := []string{""}
	first := func() bool { return len(cur) == 1 && cur[0] == "" }
	for i, s := range re.Sub {
		switch s.Op {
		case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
			syntax.OpBeginLine, syntax.OpBeginText:
			if first() {
				continue // before the first word: the context checks it
			}
			return cur, false
		case syntax.OpQuest:
			if o.OptionalFirst && first() {
				with, _ := Leading(s.Sub[0], o)
				without, _ := Leading(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[i+1:]}, o)
				if with == nil || without == nil {
					return nil, false
				}
				return append(with, without...), false
			}
		}
		w, ex := Leading(s, o)
		if w == nil || len(cur)*len(w) > MaxWords {
			if first() {
				return nil, false
			}
			return cur, false
		}
		cur = join(cur, w)
		if !ex {
			return cur, false
		}
	}
	if first() {
		return nil, false
	}
	return cur, true
}

// literalWords is Leading for a literal.
func literalWords(re *syntax.Regexp, o Options) ([]string, bool) {
	words := []string{""}
	for _, r := range re.Rune {
		if r < utf8.RuneSelf {
			words = join(words, []string{string(rune(LowerASCII(byte(r))))})
			continue
		}
		forms := []string{string(r)}
		if o.Folds && re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if f < utf8.RuneSelf {
					forms = nil // a non-ASCII rune that folds to ASCII
					break
				}
				forms = append(forms, string(f))
			}
		}
		if !o.Folds || forms == nil || len(words)*len(forms) > MaxWords {
			if words[0] == "" {
				return nil, false
			}
			return words, false
		}
		words = join(words, forms)
	}
	return words, true
}

// join returns every word of a followed by every word of b.
func join(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// Required returns lower-case ASCII words one of which every match of re
// holds somewhere, nil when it cannot tell. Of a concatenation's parts it
// takes the rarest set (see rarity).
func Required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		best, run := "", []byte{}
		for _, r := range append(re.Rune, utf8.RuneSelf) {
			if r < utf8.RuneSelf {
				run = append(run, LowerASCII(byte(r)))
				continue
			}
			if len(run) > len(best) {
				best = string(run)
			}
			run = run[:0]
		}
		if best == "" {
			return nil
		}
		return []string{best}
	case syntax.OpCapture, syntax.OpPlus:
		return Required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return Required(re.Sub[0])
		}
	case syntax.OpAlternate:
		var all []string
		for _, s := range re.Sub {
			w := Required(s)
			if w == nil {
				return nil
			}
			all = append(all, w...)
		}
		return all
	case syntax.OpConcat:
		var best []string
		for _, s := range re.Sub {
			if w := Required(s); w != nil && (best == nil || rarity(w) > rarity(best) ||
				rarity(w) == rarity(best) && len(w) < len(best)) {
				best = w
			}
		}
		return best
	}
	return nil
}

// rarity scores a set of needed words by its weakest: a word's length, and
// 0 for a full stop, comma, hyphen, colon or white space, which stand
// everywhere.
func rarity(words []string) int {
	n := -1
	for _, w := range words {
		r := len(w)
		if len(w) == 1 && strings.Contains(".,-: ", w) {
			r = 0
		}
		if n < 0 || r < n {
			n = r
		}
	}
	return n
}

// LowerASCII returns c in lower case when it is an ASCII capital.
func LowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
