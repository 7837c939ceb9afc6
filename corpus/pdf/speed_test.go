package pdf

import (
	"math/rand/v2"
	"slices"
	"testing"
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
