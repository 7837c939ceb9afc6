package index

import (
	"math/rand"
	"regexp"
	"testing"

	"github.com/dpa-nl/dpa/normalize/normtest"
)

// TestNameDotsFilter holds nameDotsFilter to the two regexp char filters
// it replaces (NameInitialsPattern → "$1", then `\.` → " "), on every
// line of the fixtures, on names with initials, domains and accents, and
// on random strings of letters, dots, digits, underscores, spaces,
// accented and invalid bytes.
func TestNameDotsFilter(t *testing.T) {
	initials, dots := regexp.MustCompile(NameInitialsPattern), regexp.MustCompile(`\.`)
	want := func(s string) string {
		return string(dots.ReplaceAll(initials.ReplaceAll([]byte(s), []byte("$1")), []byte(" ")))
	}
	texts := normtest.Texts(t, "../testdata/*/*.txt", "../testdata/*/*.md")
	texts = append(texts, "", ".", "..", "B.V.", "B.V", "v.o.f.", "Oefenweb.nl B.V.", "É.K. Éditions", "x_.y", "_a.b", "3.a.", "ab.c", "a..b", "é.", "Ł.Ø.", "\xff.a.", "a.\xff.", "N.V. Nederlandsche", "www.leer-wijs.nl")
	r := rand.New(rand.NewSource(7))
	pieces := []string{"a", "B", "z", ".", ".", " ", "1", "_", "é", "É", "ß", "Ω", "\xc3", "\xff", "-", "’"}
	for i := 0; i < 20000; i++ {
		var s []byte
		for j := r.Intn(12); j >= 0; j-- {
			s = append(s, pieces[r.Intn(len(pieces))]...)
		}
		texts = append(texts, string(s))
	}
	for _, s := range texts {
		if got, w := string(nameDotsFilter{}.Filter([]byte(s))), want(s); got != w {
			t.Errorf("%q: got %q, want %q", s, got, w)
		}
	}
}
