package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// termPattern is the regexp a term's matcher stands for: its wordings,
// longest first, spaces and hyphens matching any run of spaces and hyphens
// (or none), a compound wording ("*docent") with letters before it, a whole
// wording followed by the character after it (or the end), all at the
// start of a word, in any case.
func termPattern(whole, prefix []string) *regexp.Regexp {
	type alt struct {
		w     string
		whole bool
	}
	var alts []alt
	for _, w := range whole {
		alts = append(alts, alt{w, true})
	}
	for _, w := range prefix {
		alts = append(alts, alt{w, false})
	}
	sort.SliceStable(alts, func(a, b int) bool { return len(alts[a].w) > len(alts[b].w) })
	space := regexp.MustCompile(`[ -]+`)
	var ps []string
	for _, a := range alts {
		w := a.w
		var b strings.Builder
		if strings.HasPrefix(w, "*") {
			b.WriteString(`\p{L}*`)
			w = w[1:]
		}
		for i, part := range space.Split(w, -1) {
			if i > 0 {
				b.WriteString(`[-\s]*`)
			}
			b.WriteString(regexp.QuoteMeta(part))
		}
		if a.whole {
			b.WriteString(`(?:[^\p{L}\p{N}]|$)`)
		}
		ps = append(ps, b.String())
	}
	return regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}])(` + strings.Join(ps, "|") + `)`)
}

// termSamples returns texts that hold wordings of the terms in many
// spellings, between separators and odd characters, and the lines of the
// agreement fixtures.
func termSamples(t *testing.T, terms []categoryTerm) (samples, lines []string) {
	rng := rand.New(rand.NewPCG(14, 2026))
	var words []string
	for _, term := range terms {
		words = append(words, term.whole...)
		words = append(words, term.prefix...)
	}
	odd := []string{" ", "  ", "-", "--", " - ", "\t", "\n", ",", ", ", ".", "/", "(", ")", ":", "|", "\u00a0", "–", "’",
		"\xff", "ſ", "\u212a", "ë", "Ë", "é", "x", "s", "en", "1", "2b", "_", "É", "ß", "ǅ"}
	spell := func(w string) string {
		w = strings.TrimPrefix(w, "*")
		switch rng.IntN(7) {
		case 0:
			w = strings.ToUpper(w)
		case 1:
			w = strings.ToUpper(w[:1]) + w[1:]
		case 2:
			w = strings.NewReplacer("k", "\u212a", "s", "ſ").Replace(w)
		case 3:
			w = strings.NewReplacer(" ", "", "-", " ").Replace(w)
		case 4:
			seps := []string{"\t", "\n", " -", "", "\r\n", "\f", "\v", "\u00a0"}
			w = strings.NewReplacer(" ", seps[rng.IntN(len(seps))], "-", seps[rng.IntN(len(seps))]).Replace(w)
		case 5:
			if len(w) > 3 {
				w = w[:len(w)-1-rng.IntN(3)] // a prefix of a wording
			}
		}
		if rng.IntN(4) == 0 {
			w = []string{"vak", "school", "x", "toets"}[rng.IntN(4)] + w // a compound
		}
		if rng.IntN(4) == 0 {
			w += []string{"en", "s", "1", "gegevens", "ë"}[rng.IntN(5)]
		}
		return w
	}
	var out []string
	for range 250 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			if rng.IntN(3) == 0 {
				b.WriteString(odd[rng.IntN(len(odd))])
			} else {
				b.WriteString(spell(words[rng.IntN(len(words))]))
			}
			if rng.IntN(2) == 0 {
				b.WriteString(odd[rng.IntN(len(odd))])
			}
		}
		out = append(out, b.String())
	}
	return out, fixtureLines(t)
}

// fixtureLines returns the lines of the agreement fixtures.
func fixtureLines(t *testing.T) []string {
	var lines []string
	files, _ := filepath.Glob("../testdata/agreements/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	return lines
}

// TestTermMatcherIsTheRegexp holds each term's matcher to the regexp it
// stands for, at every starting position of many sample texts.
func TestTermMatcherIsTheRegexp(t *testing.T) {
	var terms []categoryTerm
	var sets []*termSet
	var index []int
	for _, set := range []*termSet{categoryTerms(), subjectGroupTerms()} {
		for i := range set.terms {
			terms, sets, index = append(terms, set.terms[i]), append(sets, set), append(index, i)
		}
	}
	samples, lines := termSamples(t, terms)
	for ti, term := range terms {
		re := termPattern(term.whole, term.prefix)
		for i, s := range append(samples, lines...) {
			starts := newWordStarts(s, sets[ti], nil, nil)
			for pos := 0; pos < len(s); pos++ {
				if i >= len(samples) && pos > 0 {
					break // a fixture line: from its start only
				}
				want := re.FindStringSubmatchIndex(s[pos:])
				start, word, end, ok := term.m.find(s, pos)
				if want == nil {
					if ok {
						t.Fatalf("%s%s in %q from %d: got %d %d %d, the regexp finds nothing", term.kind, term.key, s, pos, start, word, end)
					}
					if w, e, ok := starts.find(index[ti], pos); ok {
						t.Fatalf("%s%s in %q from %d: from the word starts %d %d, the regexp finds nothing", term.kind, term.key, s, pos, w, e)
					}
					continue
				}
				if !ok || start != pos+want[0] || word != pos+want[2] || end != pos+want[3] || want[1] != want[3] {
					t.Fatalf("%s%s in %q from %d: got %v %d %d %d, the regexp %v", term.kind, term.key, s, pos, ok, start, word, end, want)
				}
				if w, e, ok := starts.find(index[ti], pos); !ok || w != word || e != end {
					t.Fatalf("%s%s in %q from %d: from the word starts %v %d %d, the regexp %v", term.kind, term.key, s, pos, ok, w, e, want)
				}
			}
		}
	}
}

func TestSplitWording(t *testing.T) {
	space := regexp.MustCompile(`[ -]+`)
	for _, w := range []string{"e-mail", "beeld- en geluid", "naam", "-x", "x-", " - a  b-", "", "-"} {
		var want [][]rune
		for _, p := range space.Split(w, -1) {
			want = append(want, []rune(p))
		}
		if got := splitWording(w); !slices.EqualFunc(got, want, func(a, b []rune) bool { return string(a) == string(b) }) {
			t.Errorf("splitWording(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestCatCodesAreTheRegexps holds catCodes and catCodeRanges to the
// regexps they stand for, on texts made of code-like pieces.
func TestCatCodesAreTheRegexps(t *testing.T) {
	codeRe := regexp.MustCompile(`\bC[A-Z]{1,2}\d{1,3}\b`)
	rangeRe := regexp.MustCompile(`\b(C[A-Z]{1,2})(\d{1,3})\s*(?:-|–|t/m|tot\s+en\s+met)\s*(?:C[A-Z]{1,2})?(\d{1,3})\b`)
	rng := rand.New(rand.NewPCG(4, 14))
	pieces := []string{"C", "C", "CD", "CM", "CDE", "D", "Z", "a", "_", "1", "12", "123", "1234", "0", " ", "  ", "\t", "\n", "\r\n",
		"-", "–", "—", "t/m", "t/", "tot", " en ", "en", "met", "tot en met", "tot\ten\nmet", "CD1 toten met 3", "CD1 tot enmet 3", "CD2 - CD", "é", ",", "|", "\xff", "CD1", "CM20", "CD1-CD10", "CM20 t/m 24"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := catCodes(s), codeRe.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("catCodes(%q) = %v, the regexp %v", s, got, want)
		}
		var want [][3]string
		for _, m := range rangeRe.FindAllStringSubmatch(s, -1) {
			want = append(want, [3]string{m[1], m[2], m[3]})
		}
		if got := catCodeRanges(s); !slices.Equal(got, want) {
			t.Fatalf("catCodeRanges(%q) = %q, the regexp %q", s, got, want)
		}
	}
}

// lineSamples returns short texts made of sentence, checkbox and negation
// pieces, and the lines of the agreement fixtures.
func lineSamples(t *testing.T) []string {
	rng := rand.New(rand.NewPCG(7, 14))
	pieces := []string{".", "!", "?", ";", " ", "\t", "\n", "\r", "\f", "\v", "•", "·", "–", "..", ". ", "a", "Naam", "\xe2", "\xe2\x80",
		"☒", "☐", "□", "❑", "✓", "[x]", "[ ]", "[X]", "<input type=\"checkbox\">", "<INPUT checked>", "geen", "Niet", "NOOIT", "not",
		"never", "none", "nee", "ſ", "\u212a", "é", "gegevens", "Persoonsgegevens", "GEGEVENS", "van", "Over", "de ", "leerling", ":", "?"}
	var out []string
	for range 5000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		out = append(out, b.String())
	}
	out = append(out, "Gegevens over leerlingen:", "De persoonsgegevens van de leerling en leerkracht op:",
		"Welke gegevens\tvan ouders worden verwerkt?", "GEGEVENS\nOVER het kind:", "gegevensvan x:", "gegevens vanaf: x")
	return append(out, fixtureLines(t)...)
}

// TestCatSentenceEndsAreTheRegexp holds catSentenceEnds to the pattern it
// stands for.
func TestCatSentenceEndsAreTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`[.!?;]\s|[.!?;]$|•`)
	for _, s := range lineSamples(t) {
		var want [][2]int
		for _, m := range re.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if got := catSentenceEnds(s, -1); !slices.Equal(got, want) {
			t.Fatalf("catSentenceEnds(%q) = %v, the regexp %v", s, got, want)
		}
		if got := catSentenceEnds(s, 1); !slices.Equal(got, want[:min(1, len(want))]) {
			t.Fatalf("catSentenceEnds(%q, 1) = %v, the regexp %v", s, got, want)
		}
	}
}

// TestCatFiltersPassEveryMatch checks that the hand-made filters let
// through every text the rule matches.
func TestCatFiltersPassEveryMatch(t *testing.T) {
	for _, s := range lineSamples(t) {
		if !catMayBox(s) && catBoxRe.MatchString(s) {
			t.Errorf("catMayBox(%q) is false, but catBoxRe matches", s)
		}
		odd := strings.ContainsAny(s, foldOddRunes)
		if !odd && !catMayGroupClause(lowerString(s)) && catGroupClauseRe.MatchString(s) {
			t.Errorf("catMayGroupClause rejects %q, but catGroupClauseRe matches", s)
		}
		if !odd && !catNegNeeds.may(lowerString(s)) && catNegRe.MatchString(s) {
			t.Errorf("catNegNeeds rejects %q, but catNegRe matches", s)
		}
	}
}

// TestCatLineAtIsSplitLines checks that stepping through a text with
// catLineAt gives the lines d.lines gives.
func TestCatLineAtIsSplitLines(t *testing.T) {
	texts := []string{"", "a", "a\n", "a\r\n", "\r", "\n", "\n\n", "a\r\nb\rc\n\r\nd", "x\r"}
	texts = append(texts, strings.Join(fixtureLines(t), "\n"))
	for _, text := range texts {
		var got []Line
		for pos := 0; pos < len(text); {
			var l Line
			l, pos = catLineAt(text, pos)
			got = append(got, l)
		}
		if want := splitLines(text, 0, len(text)); !slices.Equal(got, want) {
			t.Errorf("catLineAt over %.40q gives %d lines, splitLines %d", text, len(got), len(want))
		}
	}
}

// TestTermSetIsByteByByte holds newTermSet's index to the one it
// replaces, which tried every pair of ASCII bytes against each wording's
// first two runes with foldEq: for the category and group vocabularies
// and for invented terms that open with a non-ASCII rune, one rune, a
// digit, punctuation or a compound.
func TestTermSetIsByteByByte(t *testing.T) {
	invented := []categoryTerm{
		compileTerm("a", "", []string{"Kopje", "x", "élan", "aé", "1e klas"}, nil),
		compileTerm("b", "~", nil, []string{"(sub)", "k", "ſchrift", "Zz"}),
		compileTerm("c", "", []string{"beeld- en geluid", "e-mail"}, []string{"naw-gegevens"}),
	}
	for _, tc := range []struct {
		name  string
		terms []categoryTerm
	}{
		{"categories", categoryTerms().terms},
		{"groups", subjectGroupTerms().terms},
		{"invented", invented},
	} {
		got, want := newTermSet(tc.terms), referenceStarts(tc.terms)
		if len(got.terms) != len(tc.terms) || len(tc.terms) == 0 {
			t.Errorf("%s: %d terms, want %d (and some)", tc.name, len(got.terms), len(tc.terms))
		}
		if got.starts != want {
			for c1 := range want {
				for c2 := range want[c1] {
					if got.starts[c1][c2] != want[c1][c2] {
						t.Errorf("%s: starts[%q][%q] = %b, byte by byte %b", tc.name, rune(c1), rune(c2), got.starts[c1][c2], want[c1][c2])
					}
				}
			}
		}
	}
}
