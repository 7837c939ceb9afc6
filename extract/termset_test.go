package extract

import (
	"testing"
	"unicode/utf8"
)

// referenceStarts is newTermSet's index as it was first built: every
// pair of ASCII bytes (and a second byte past ASCII) tried with foldEq
// against each wording's first two runes.
func referenceStarts(terms []categoryTerm) [utf8.RuneSelf][utf8.RuneSelf + 1]uint64 {
	var want [utf8.RuneSelf][utf8.RuneSelf + 1]uint64
	for t, term := range terms {
		bit := uint64(1) << t
		for _, w := range term.m.wordings {
			var first []rune
			if len(w.parts) > 0 {
				first = w.parts[0]
			}
			for c1 := 0; c1 < utf8.RuneSelf; c1++ {
				if !w.compound && len(first) > 0 && first[0] < utf8.RuneSelf && !foldEq(rune(c1), first[0]) {
					continue
				}
				for c2 := 0; c2 <= utf8.RuneSelf; c2++ {
					if !w.compound && len(first) > 1 && first[0] < utf8.RuneSelf && first[1] < utf8.RuneSelf &&
						c2 < utf8.RuneSelf && !foldEq(rune(c2), first[1]) {
						continue
					}
					want[c1][c2] |= bit
				}
			}
		}
	}
	return want
}

// BenchmarkTermSets is what a fresh process pays for the category and
// subject-group vocabularies on first use.
func BenchmarkTermSets(b *testing.B) {
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			compileCategoryTerms()
			compileSubjectGroupTerms()
		}
	})
	cats, groups := compileCategoryTerms(), compileSubjectGroupTerms()
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			newTermSet(cats)
			newTermSet(groups)
		}
	})
}
