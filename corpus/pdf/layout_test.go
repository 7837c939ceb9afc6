package pdf

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// columnEdgesByMaps is columnEdges as it was first written, with maps:
// the definition TestColumnEdges holds it to. It returns the left edges of the page's table columns: the
// places where a cell starts (after a gap wide enough for one) on two or
// more lines. lineKeys holds each line's glyph keys, left to right, within
// bounds.
func columnEdgesByMaps(glyphs []glyph, texts []byte, lineKeys []uint64, bounds [][2]int) []float64 {
	count := map[int]int{} // cell starts per quarter point
	for _, b := range bounds {
		right := math.Inf(-1)
		spaced := false
		var prev *glyph
		seen := map[int]bool{}
		for _, k := range lineKeys[b[0]:b[1]] {
			g := &glyphs[uint32(k)]
			if g.blank {
				spaced = prev != nil
				continue
			}
			if prev != nil {
				size := fmax(fmax(g.size, prev.size), 1)
				if gap := g.x0 - right; gap > cellGapSpaced*size || !spaced && gap > cellGap*size {
					if q := int(math.Round(g.x0 * 4)); !seen[q] {
						seen[q] = true
						count[q]++
					}
				}
			}
			prev, spaced = g, false
			right = fmax(right, g.x1)
		}
	}
	var out []float64
	for q, n := range count {
		if n+count[q-1]+count[q+1] >= 2 && n >= count[q-1] && n >= count[q+1] {
			out = append(out, float64(q)/4)
		}
	}
	slices.Sort(out)
	return out
}

// TestColumnEdges compares columnEdges with its definition on pages of
// random lines: cells at a few column positions (some a quarter point
// apart, lines coming back to a cell start after a glyph that ends left
// of where it starts), word gaps, blank glyphs, negative, huge and NaN
// coordinates.
func TestColumnEdges(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2026))
	cols := []float64{-40, 72, 72.25, 72.5, 150, 150.2, 300, 301, 1e9}
	for page := range 500 {
		var glyphs []glyph
		var keys []uint64
		var bounds [][2]int
		for range rng.IntN(12) {
			start := len(keys)
			x := cols[rng.IntN(len(cols))]
			for range rng.IntN(30) {
				g := glyph{x0: x, x1: x + 5, size: 10, blank: rng.IntN(6) == 0}
				if rng.IntN(5) == 0 {
					g.x1 = x - 20 // ending left of its start: the next may start at the same place
				}
				if rng.IntN(4) == 0 {
					x = cols[rng.IntN(len(cols))] // another cell, maybe one already started on the line
				} else {
					x += 5 + float64(rng.IntN(3))*2
				}
				keys = append(keys, uint64(len(glyphs)))
				glyphs = append(glyphs, g)
			}
			bounds = append(bounds, [2]int{start, len(keys)})
		}
		if page%50 == 0 && len(glyphs) > 0 {
			glyphs[0].x0 = math.NaN()
		}
		got, want := columnEdges(glyphs, nil, keys, bounds), columnEdgesByMaps(glyphs, nil, keys, bounds)
		if !slices.Equal(got, want) {
			t.Fatalf("page %d: columnEdges = %v, want %v", page, got, want)
		}
	}
}
