package blocks

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// guardLines returns lines to try the regular expressions' guards on: the
// lines of the repository's text fixtures, lines made of the prefixes the
// expressions look for, and random strings over the bytes they care about.
func guardLines(t *testing.T) []string {
	t.Helper()
	var lines []string
	files, _ := filepath.Glob("../../testdata/*/*.txt")
	md, _ := filepath.Glob("../../testdata/*/*.md")
	for _, f := range append(files, md...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	heads := []string{"", "Artikel 3", "ARTIKEL 4.", "artikel", "ſection 2", "Section II", "Bijlage 1", "bijlage A", "Hoofdstuk IV",
		"Chapter C", "Paragraaf 2.1", "Deel 3", "Part X", "Module 2", "Onderdeel 1b", "Art. 5", "Annex", "Appendix 7",
		"Addendum 1", "1.2", "1.2.3.", "12.", "3)", "A.", "IV.", "XII)", "a.", "(b)", "ii)", "o ", "o\tNederland", "-", "* ", "•", "–",
		"**", "__", "<b>", "<strong>", "</b>", "*", "_", "K", "Kelvin", "(", "10", "1", "9a"}
	tails := []string{"", " ", "\t", " Titel", " Beveiliging", "x", ".", ":", " van de verwerker.", "**", "</b>", "_", "*", " 5", "\tTekst"}
	for _, h := range heads {
		for _, tl := range tails {
			lines = append(lines, h+tl, strings.ToLower(h)+tl, strings.ToUpper(h)+tl)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", "A", "o", "s", "ſ", "K", "i", "v", "x", "I", "V", "X", "1", "9", ".", ")", "(", " ", "\t", "*", "_", "<", ">", "/", "b", "-", "•", "–", "r", "t", "e", "l", "k", "|", ":"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		lines = append(lines, b.String())
	}
	return lines
}

func TestGuardsAnswerLikeTheirExpressions(t *testing.T) {
	eq := func(a, b []int) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	n := 0
	for _, s := range guardLines(t) {
		if got, want := matchSection(s), reSection().FindStringSubmatchIndex(s); !eq(got, want) {
			t.Errorf("matchSection(%q) = %v, want %v", s, got, want)
		}
		if got, want := matchMultiNum(s), reMultiNum().FindStringSubmatchIndex(s); !eq(got, want) {
			t.Errorf("matchMultiNum(%q) = %v, want %v", s, got, want)
		}
		if got, want := matchSingleNum(s), reSingleNum().FindStringSubmatchIndex(s); !eq(got, want) {
			t.Errorf("matchSingleNum(%q) = %v, want %v", s, got, want)
		}
		if got, want := matchLetterO(s), reLetterOBullet().FindStringSubmatchIndex(s); !eq(got, want) {
			t.Errorf("matchLetterO(%q) = %v, want %v", s, got, want)
		}
		got, want := matchMarkup(s), reMarkup().FindAllStringIndex(s, 2)
		if len(got) != len(want) {
			t.Errorf("matchMarkup(%q) = %v, want %v", s, got, want)
		}
		for i := range min(len(got), len(want)) {
			if !eq(got[i], want[i]) {
				t.Errorf("matchMarkup(%q) = %v, want %v", s, got, want)
			}
		}
		if want != nil || reSection().MatchString(s) || reSingleNum().MatchString(s) {
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d lines match at all: the test tries too little", n)
	}
}
