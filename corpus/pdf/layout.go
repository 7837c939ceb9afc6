package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// Layout thresholds, in units of the font size.
const (
	// lineTolerance is how far apart two baselines may be and still be
	// one text line.
	lineTolerance = 0.4
	// wordGap is the smallest horizontal gap read as a space between words.
	wordGap = 0.15
	// cellGap is the smallest gap read as a gap between table cells (or
	// columns) when no space glyph was drawn in it; cellGapSpaced when one was.
	cellGap       = 1.5
	cellGapSpaced = 3.0
	// sameSpot is how close two equal glyphs must be to count as one drawn
	// twice (fake bold, shadows).
	sameSpot = 0.1
)

// CellSeparator separates table cells (text separated by a column-like gap)
// on one line.
const CellSeparator = " | "

// textStats counts what kind of characters a page's text has.
type textStats struct {
	letters, garbage, other int
}

// hasText reports whether the text is a usable text layer: some letters or
// digits, and not mostly glyphs that map to no character.
func (s textStats) hasText() bool {
	return s.letters > 0 && s.garbage*2 < s.letters+s.garbage+s.other
}

func (s *textStats) add(text string) {
	for _, r := range text {
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
}

func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// layout turns placed glyphs into text lines, top to bottom, left to right.
func layout(glyphs []glyph) (string, textStats) {
	var stats textStats
	if len(glyphs) == 0 {
		return "", stats
	}
	// Top to bottom; the content order breaks ties (stable).
	slices.SortStableFunc(glyphs, func(a, b glyph) int {
		switch {
		case a.y > b.y:
			return -1
		case a.y < b.y:
			return 1
		}
		return 0
	})
	var out strings.Builder
	out.Grow(len(glyphs) * 2)
	for start := 0; start < len(glyphs); {
		anchor := glyphs[start]
		end := start + 1
		for end < len(glyphs) {
			g := glyphs[end]
			tol := lineTolerance * math.Max(math.Max(anchor.size, g.size), 1)
			if anchor.y-g.y > tol {
				break
			}
			end++
		}
		line := glyphs[start:end]
		start = end
		slices.SortStableFunc(line, func(a, b glyph) int {
			switch {
			case a.x0 < b.x0:
				return -1
			case a.x0 > b.x0:
				return 1
			}
			return 0
		})
		writeLine(&out, line, &stats)
	}
	return out.String(), stats
}

// writeLine writes the glyphs of one line, sorted left to right, with spaces
// between words and CellSeparator between cells.
func writeLine(out *strings.Builder, line []glyph, stats *textStats) {
	written := false
	spaced := false       // a space glyph since the last visible glyph
	var prev *glyph       // the last visible glyph written
	right := math.Inf(-1) // right edge of the text written so far
	for i := range line {
		g := &line[i]
		if isBlank(g.text) {
			if prev != nil {
				spaced = true
			}
			continue
		}
		if prev != nil {
			size := math.Max(math.Max(g.size, prev.size), 1)
			if g.text == prev.text && math.Abs(g.x0-prev.x0) < sameSpot*size {
				continue // drawn twice
			}
			gap := g.x0 - right
			switch {
			case gap > cellGapSpaced*size || !spaced && gap > cellGap*size:
				out.WriteString(CellSeparator)
			case spaced || gap > wordGap*size:
				out.WriteByte(' ')
			}
		}
		out.WriteString(g.text)
		stats.add(g.text)
		written = true
		spaced = false
		prev = g
		right = math.Max(right, g.x1)
	}
	if written {
		out.WriteByte('\n')
	}
}
