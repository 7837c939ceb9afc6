package pdf

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The shortcuts taken for speed must answer exactly what the plain code
// they stand in for answers.

func TestSortRunsSortsLikeSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name       string
		lines, per int               // lines of glyphs drawn a line at a time, glyphs per line
		order      func(n int) []int // the order the lines are drawn in
	}{
		{"top to bottom", 40, 30, func(int) []int { return nil }},
		{"bottom up", 40, 30, func(n int) []int {
			o := make([]int, n)
			for i := range o {
				o[i] = n - 1 - i
			}
			return o
		}},
		{"shuffled", 60, 20, rng.Perm},
		{"few glyphs", 3, 5, rng.Perm},
		{"one line", 1, 200, rng.Perm},
		{"every glyph its own line", 500, 1, rng.Perm},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for round := range 20 {
				order := tc.order(tc.lines)
				if len(order) == 0 {
					for i := range tc.lines {
						order = append(order, i)
					}
				}
				// Some positions are a line drawn in two parts, or
				// shared by two lines.
				var keys []uint64
				for _, l := range order {
					for range tc.per {
						y := uint64(l*7 + rng.IntN(1+round%3))
						keys = append(keys, y<<32|uint64(len(keys)))
					}
				}
				want := slices.Clone(keys)
				slices.Sort(want)
				if got := sortRuns(keys); !slices.Equal(got, want) {
					t.Fatalf("round %d: sortRuns differs from slices.Sort", round)
				}
			}
		})
	}
}

func TestDenseFontTablesAnswerLikeTheMap(t *testing.T) {
	text := map[uint32]string{0: "", 3: "a", 4: "b", 40: "ff", 250: "x"}
	f := &font{
		codeLen: 2, text: text,
		bigRanges: []bfRange{{lo: 5, hi: 9, dst: []uint16{'A'}}, {lo: 20000, hi: 20010, dst: []uint16{'Z'}}},
		// Overlapping and unsorted-by-hi ranges: the search's answer is kept as it is.
		wranges: []widthRange{{0, 2, 0.5}, {1, 100, 0.25}, {3, 3, 0.75}, {200, 250, 0.1}},
		dw:      1,
	}
	plain := *f
	f.densify()
	if len(f.dense) == 0 || len(f.denseW) == 0 {
		t.Fatalf("no dense tables built: %d, %d", len(f.dense), len(f.denseW))
	}
	for code := uint32(0); code < 1<<15; code++ {
		s := string([]byte{byte(code >> 8), byte(code)})
		c1, n1, t1 := plain.next(s)
		c2, n2, t2 := f.next(s)
		if c1 != c2 || n1 != n2 || t1 != t2 {
			t.Fatalf("code %d: next gives %d %d %q, dense %d %d %q", code, c1, n1, t1, c2, n2, t2)
		}
		if w1, w2 := plain.width(code), f.width(code); w1 != w2 {
			t.Fatalf("code %d: width %v, dense %v", code, w1, w2)
		}
	}
}

func TestSlabStringsStay(t *testing.T) {
	var s slab
	var got []string
	var want []string
	for i := range 5000 {
		b := []byte{byte(i), byte(i >> 8), 'x'}
		if i%97 == 0 {
			b = make([]byte, 3000+i) // too long for the slab: a string of its own
			b[0] = byte(i)
		}
		got = append(got, s.string(b))
		want = append(want, string(b))
		b[0] = '!' // the caller reuses its buffer
	}
	if !slices.Equal(got, want) {
		t.Fatal("a slab string changed after it was handed out")
	}
	if s.string(nil) != "" {
		t.Fatal("empty bytes do not give an empty string")
	}
}

func TestParseNumberKeepsItsRounding(t *testing.T) {
	// The digit-by-digit division parseNumber did before it used a table.
	slow := func(w string) float64 {
		neg := w[0] == '-'
		if neg || w[0] == '+' {
			w = w[1:]
		}
		var ip, fp float64
		scale, dot := 1.0, false
		for _, c := range []byte(w) {
			switch {
			case c == '.':
				dot = true
			case dot:
				scale /= 10
				fp += float64(c-'0') * scale
			default:
				ip = ip*10 + float64(c-'0')
			}
		}
		if neg {
			return -(ip + fp)
		}
		return ip + fp
	}
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"5.9264984", "-.23999999", "841.91998", "0.1", "+3.", ".000000000000000000000000000001234567", "123456789.987654321987654321"}
	for range 20000 {
		w := fmt.Sprintf("%d.%0*d", rng.IntN(5000), 1+rng.IntN(30), rng.Int64N(1e18))
		words = append(words, w)
	}
	for _, w := range words {
		got, ok := parseNumber([]byte(w))
		if want := slow(w); !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%s: %v, want %v", w, got, want)
		}
	}
}

func TestTwoByteCodesSplitLikeTheCodespace(t *testing.T) {
	tests := []struct {
		name  string
		space [4][]codeRange
		two   bool
	}{
		{"no codespace", [4][]codeRange{}, true},
		{"all two-byte codes", [4][]codeRange{1: {{0, 0xffff}}}, true},
		{"two ranges, one all", [4][]codeRange{1: {{0x10, 0x20}, {0, 0xffff}}}, true},
		{"one-byte codes too", [4][]codeRange{0: {{0, 0x7f}}, 1: {{0x8000, 0xffff}}}, false},
		{"part of the two-byte codes", [4][]codeRange{1: {{0, 0x7fff}}, 2: {{0x800000, 0xffffff}}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &font{codeLen: 2, space: tc.space, text: map[uint32]string{}}
			plain := *f
			f.densify()
			if f.two != tc.two {
				t.Fatalf("two = %v, want %v", f.two, tc.two)
			}
			for _, s := range []string{"\x01", "\x01\x02", "\x90\x00\x01", "\x00\x00\x00\x00\x00", "\x80\x00\x00"} {
				_, n1, _ := plain.next(s)
				_, n2, _ := f.next(s)
				if n1 != n2 {
					t.Errorf("%q: code of %d bytes, with the shortcut %d", s, n1, n2)
				}
			}
		})
	}
}

func TestItemGuardsAnswerLikeTheirExpressions(t *testing.T) {
	heads := []string{"", "-", "- ", "* ", "• ", "– ", "(", "(1) ", "1. ", "12) ", "1.2. ", "1.2.3 ", "a. ", "B) ", "(c) ",
		"i. ", "iv) ", "viii. ", "(ix) ", "x) ", "xi. ", "Artikel 3", "ARTIKEL  12", "bijlage 2", "Article 1", "annex 3",
		"Hoofdstuk 4", "hoofdstuk\t5", "De ", "Naam", "Op", "o ", "e.g. ", "Mr. ", "Nr) ", "ABCDE. ", "ABCDEF. ", ">", "−", "1", "12.3.4.5.6.7"}
	tails := []string{"", " ", "\t", "x", "Tekst van de regel", ".", ")", " 3", "5 en verder"}
	var lines []string
	for _, h := range heads {
		for _, tl := range tails {
			lines = append(lines, h+tl, strings.ToUpper(h)+tl)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	alphabet := []string{"a", "A", "b", "h", "H", "i", "v", "x", "I", "V", "X", "1", "0", ".", ")", "(", " ", "\t", "*", "-", "•", "–", "−", ">", "r", "t", "e", "l", "k", "K"}
	for range 30000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		lines = append(lines, b.String())
	}
	items, markers := 0, 0
	for _, s := range lines {
		if got, want := startsItemAt(s), startsItem().MatchString(s); got != want {
			t.Errorf("startsItemAt(%q) = %v, want %v", s, got, want)
		} else if got {
			items++
		}
		if got, want := isListMarker(s), listMarker().MatchString(s); got != want {
			t.Errorf("isListMarker(%q) = %v, want %v", s, got, want)
		} else if got {
			markers++
		}
	}
	if items < 100 || markers < 100 {
		t.Fatalf("%d items, %d markers: the test tries too little", items, markers)
	}
}

func TestFmaxIsMax(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, math.Inf(1), math.Inf(-1), math.NaN(), 1e300, -1e-300}
	for _, a := range vals {
		for _, b := range vals {
			if got, want := fmax(a, b), max(a, b); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("fmax(%v, %v) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestASCIIShortcutsClassifyLikeUnicode(t *testing.T) {
	// The rune-by-rune classification the shortcuts stand in for.
	slow := func(text []byte) (s textStats) {
		for _, r := range string(text) {
			switch {
			case r == unicode.ReplacementChar || r < 0x20 || (r >= 0xe000 && r <= 0xf8ff) || (r >= 0x7f && r < 0xa0):
				s.garbage++
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				s.letters++
			case unicode.IsSpace(r):
			default:
				s.other++
			}
		}
		return s
	}
	blank := func(s string) bool {
		for _, r := range s {
			if !unicode.IsSpace(r) {
				return false
			}
		}
		return true
	}
	var texts []string
	for r := rune(0); r < 0x3000; r++ {
		texts = append(texts, string(r), "a"+string(r), string(r)+" 1", " \t"+string(r))
	}
	texts = append(texts, "", "\xff", "a\xffb", "ﬁ", "\uf8ff", "\ufffd")
	for _, s := range texts {
		var got textStats
		got.add([]byte(s))
		if want := slow([]byte(s)); got != want {
			t.Fatalf("%q: %+v, want %+v", s, got, want)
		}
		if got, want := isBlank(s), blank(s); got != want {
			t.Fatalf("isBlank(%q) = %v, want %v", s, got, want)
		}
	}
}
