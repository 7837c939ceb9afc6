package pdf

import (
	"bytes"
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
	// edgeGap is the smallest gap at a column's edge read as a gap between
	// cells: text of a narrow column that almost touches the next
	// column's ("AntwerpenBelgië" under "Plaats | Land"). Letters of one
	// word stand closer.
	edgeGap = 0.06
	// edgeTolerance is how far (in points) a glyph may start from a
	// column's edge and still be at it.
	edgeTolerance = 0.4
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

func (s *textStats) add(text []byte) {
	for len(text) > 0 && text[0] < utf8.RuneSelf {
		// ASCII, as the switch below classifies it.
		switch c := text[0]; {
		case c < 0x20 || c == 0x7f:
			s.garbage++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			s.letters++
		case c == ' ':
		default:
			s.other++
		}
		text = text[1:]
	}
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		text = text[n:]
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
	if len(s) == 1 && s[0] < utf8.RuneSelf {
		return asciiSpace[s[0]]
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// asciiSpace tells the ASCII bytes that unicode.IsSpace calls space.
var asciiSpace = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsSpace(rune(c))
	}
	return t
}()

// fmax is max(a, b), with the common cases first: Go's max of floats
// checks for NaN and signed zeros before it compares.
func fmax(a, b float64) float64 {
	if a > b {
		return a
	}
	if b > a {
		return b
	}
	return max(a, b)
}

// layoutScratch is the scratch space of layout, kept from page to page.
type layoutScratch struct {
	keys, lineKeys, all []uint64
	bounds              [][2]int
	line                []glyph
	arena               lineArena
}

// lineArena holds the cell gaps and word starts of a page's lines one
// after the other; each lineInfo's slices are windows on it (capped, so
// that appending to one copies it), instead of slices grown line by line.
type lineArena struct {
	seps, sepLen []int
	cellX        []float64
	words        []wordStart
}

// layout turns placed glyphs into text lines, top to bottom, left to right.
// texts holds the glyphs' text; sc is scratch space, kept for the next
// page. lines, when not nil, receives a record of each line written.
func layout(glyphs []glyph, texts []byte, sc *layoutScratch, lines *[]lineInfo) (string, textStats) {
	var stats textStats
	if len(glyphs) == 0 {
		return "", stats
	}
	// Sorting integer keys (position, then drawing order) is several times
	// faster than sorting the glyphs with a comparison function.
	keys := sc.keys[:0]
	turned := 0
	for i := range glyphs {
		if glyphs[i].turned {
			turned++
			continue
		}
		keys = append(keys, uint64(orderKey(-glyphs[i].y))<<32|uint64(i))
	}
	keys = sortRuns(keys) // top to bottom
	var out strings.Builder
	out.Grow(len(glyphs) * 2)
	line := sc.line[:0]
	lineKeys := sc.lineKeys[:0]
	// Lines are found first and written after: where the page has table
	// columns, a narrow column's text that touches the next column's is
	// split at the column's edge (columnEdges).
	all := sc.all[:0]
	bounds := sc.bounds[:0]
	arena := &sc.arena
	arena.seps, arena.sepLen, arena.cellX, arena.words = arena.seps[:0], arena.sepLen[:0], arena.cellX[:0], arena.words[:0]
	for start := 0; start < len(keys); {
		anchor := &glyphs[uint32(keys[start])]
		end := start + 1
		for end < len(keys) {
			g := &glyphs[uint32(keys[end])]
			tol := lineTolerance * fmax(fmax(anchor.size, g.size), 1)
			if anchor.y-g.y > tol {
				break
			}
			end++
		}
		lineKeys = lineKeys[:0]
		for _, k := range keys[start:end] {
			i := uint32(k)
			lineKeys = append(lineKeys, uint64(orderKey(glyphs[i].x0))<<32|uint64(i))
		}
		start = end
		if !slices.IsSorted(lineKeys) {
			slices.Sort(lineKeys) // left to right
		}
		bounds = append(bounds, [2]int{len(all), len(all) + len(lineKeys)})
		all = append(all, lineKeys...)
	}
	var cols []float64
	if lines != nil {
		cols = columnEdges(glyphs, texts, all, bounds)
	}
	for _, b := range bounds {
		line = line[:0]
		for _, k := range all[b[0]:b[1]] {
			line = append(line, glyphs[uint32(k)])
		}
		logicalOrder(line, texts)
		writeLine(&out, line, texts, &stats, lines, cols, arena)
	}
	if turned > 0 {
		writeTurned(&out, glyphs, texts, &stats)
	}
	*sc = layoutScratch{keys: keys, lineKeys: lineKeys, all: all, bounds: bounds, line: line, arena: *arena}
	return out.String(), stats
}

// sortRuns sorts keys, which hold a position in their upper half and a
// glyph's index in their lower half, increasing. Glyphs are mostly drawn a
// line at a time, so the keys come in runs of one position with increasing
// indexes: the runs are sorted by their first key and laid out again in
// that order, which is the order sorting every key gives (runs of one
// position hold disjoint ranges of indexes). It returns keys, sorted (its
// capacity may have grown).
func sortRuns(keys []uint64) []uint64 {
	n := len(keys)
	if n < 64 || slices.IsSorted(keys) {
		slices.Sort(keys)
		return keys
	}
	type run struct {
		first uint64
		at, n uint32 // where the run is in keys
	}
	var rs []run
	for i := 0; i < n; {
		j := i + 1
		for j < n && keys[j]>>32 == keys[i]>>32 && keys[j] > keys[j-1] {
			j++
		}
		rs = append(rs, run{first: keys[i], at: uint32(i), n: uint32(j - i)})
		i = j
	}
	if len(rs)*4 > n {
		slices.Sort(keys) // runs too short to pay
		return keys
	}
	slices.SortFunc(rs, func(a, b run) int { return cmp.Compare(a.first, b.first) })
	keys = slices.Grow(keys, n)[:2*n] // keys[n:] is where the runs go
	out := keys[n:n]
	for _, r := range rs {
		out = append(out, keys[r.at:r.at+r.n]...)
	}
	copy(keys, out)
	return keys[:n]
}

// writeTurned writes the rotated or mirrored glyphs (margin notes, stamps,
// vertical table headers) after the page's lines, in drawing order, starting
// a new line where one glyph does not follow on from the one before.
func writeTurned(out *strings.Builder, glyphs []glyph, texts []byte, stats *textStats) {
	var prev *glyph
	pending := false // a space is due
	for i := range glyphs {
		g := &glyphs[i]
		if !g.turned {
			continue
		}
		if g.blank {
			pending = prev != nil
			continue
		}
		// A glyph advances its origin by at most about one font size.
		if prev != nil && math.Hypot(g.x0-prev.x0, g.y-prev.y) > 2*max(g.size, prev.size, 1) {
			out.WriteByte('\n')
			pending = false
		}
		if pending {
			out.WriteByte(' ')
			pending = false
		}
		text := g.text(texts)
		out.Write(text)
		stats.add(text)
		prev = g
	}
	if prev != nil {
		out.WriteByte('\n')
	}
}

// logicalOrder reverses the text of each run of right-to-left glyphs (Hebrew,
// Arabic) in a line sorted left to right, so that they read in the order
// they are written. Positions stay, so spacing is judged as drawn.
func logicalOrder(line []glyph, texts []byte) {
	for i := 0; i < len(line); {
		if !isRTL(line[i].text(texts)) {
			i++
			continue
		}
		j := i + 1
		for j < len(line) && isRTL(line[j].text(texts)) {
			j++
		}
		for a, b := i, j-1; a < b; a, b = a+1, b-1 {
			line[a].off, line[b].off = line[b].off, line[a].off
			line[a].n, line[b].n = line[b].n, line[a].n
		}
		i = j
	}
}

func isRTL(text []byte) bool {
	if len(text) < 2 || text[0] < 0xd6 || text[0] > 0xef { // fast path: not U+0590 to U+FEFF
		return false
	}
	r, _ := utf8.DecodeRune(text)
	return r >= 0x0590 && r <= 0x08ff || r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfeff
}

// orderKey maps a coordinate to an unsigned integer in the same order, to
// 1/64 point.
func orderKey(v float64) uint32 {
	q := v * 64
	switch {
	case q >= math.MaxInt32:
		q = math.MaxInt32
	case q <= math.MinInt32:
		q = math.MinInt32
	case q != q: // NaN
		q = 0
	}
	return uint32(int32(q)) ^ 0x80000000
}

// listMarker matches the list markers that start a line with a hanging
// indent: "a.", "12.", "iv)", "(b)", "1.2.3", "Art. 4" is not one; bullets
// and dashes are.
var listMarker = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\(?([0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]|[0-9]{1,3}(\.[0-9]{1,3})+\.?|[•·▪■◦‣○●\-–—−*>])$`)
})

// isListMarker is listMarker().MatchString(s), with the regular expression
// run only where it may match: a marker is at most seven bytes long
// unless it is a number with parts ("1.2.3").
func isListMarker(s string) bool {
	if len(s) > 7 && (s[0] < '0' || s[0] > '9') {
		return false
	}
	return listMarker().MatchString(s)
}

// writeLine writes the glyphs of one line, sorted left to right, with spaces
// between words and CellSeparator between cells.
func writeLine(out *strings.Builder, line []glyph, texts []byte, stats *textStats, lines *[]lineInfo, cols []float64, arena *lineArena) {
	var info lineInfo
	seps0, words0 := len(arena.seps), len(arena.words)
	written := false
	spaced := false       // a space glyph since the last visible glyph
	var prev *glyph       // the last visible glyph written
	right := math.Inf(-1) // right edge of the text written so far
	lineStart := out.Len()
	firstCell := true
	for i := range line {
		g := &line[i]
		if g.blank {
			if prev != nil {
				spaced = true
			}
			continue
		}
		text := g.text(texts)
		if prev != nil {
			size := fmax(fmax(g.size, prev.size), 1)
			if math.Abs(g.x0-prev.x0) < sameSpot*size && bytes.Equal(text, prev.text(texts)) {
				continue // drawn twice
			}
			gap := g.x0 - right
			switch {
			case gap > cellGapSpaced*size || !spaced && gap > cellGap*size ||
				!spaced && gap > edgeGap*size && gap <= wordGap*size && atColumn(cols, g.x0):
				// A list marker before a hanging indent ("a.", "1.2",
				// "•") is not a table cell.
				if firstCell && isListMarker(out.String()[lineStart:]) {
					out.WriteByte(' ')
				} else {
					if lines != nil {
						arena.seps = append(arena.seps, out.Len()-lineStart)
						arena.sepLen = append(arena.sepLen, len(CellSeparator))
						arena.cellX = append(arena.cellX, g.x0)
					}
					out.WriteString(CellSeparator)
				}
				firstCell = false
			case spaced || gap > wordGap*size:
				out.WriteByte(' ')
				if lines != nil {
					arena.words = append(arena.words, wordStart{off: out.Len() - lineStart, x: g.x0})
				}
			}
		}
		if !written {
			info.x0, info.y = g.x0, g.y
			info.bold = true
		}
		out.Write(text)
		stats.add(text)
		written = true
		spaced = false
		prev = g
		right = fmax(right, g.x1)
		if lines != nil {
			info.chars++
			info.sizeSum += g.size
			info.bold = info.bold && g.bold
		}
	}
	if written {
		if lines != nil {
			info.start, info.end = lineStart, out.Len()
			info.x1 = right
			if n := len(arena.seps); n > seps0 {
				info.seps = arena.seps[seps0:n:n]
				info.sepLen = arena.sepLen[seps0:n:n]
				info.cellX = arena.cellX[seps0:n:n]
			}
			if n := len(arena.words); n > words0 {
				info.words = arena.words[words0:n:n]
			}
			*lines = append(*lines, info)
		}
		out.WriteByte('\n')
	}
}

// columnEdges returns the left edges of the page's table columns: the
// places where a cell starts (after a gap wide enough for one) on two or
// more lines. lineKeys holds each line's glyph keys, left to right, within
// bounds.
func columnEdges(glyphs []glyph, texts []byte, lineKeys []uint64, bounds [][2]int) []float64 {
	// The cell starts of every line, in quarter points, each counted once
	// per line, sorted: equal ones are then runs, and neighbours adjacent.
	var starts []int
	for _, b := range bounds {
		right := math.Inf(-1)
		spaced := false
		var prev *glyph
		first := len(starts)
		for _, k := range lineKeys[b[0]:b[1]] {
			g := &glyphs[uint32(k)]
			if g.blank {
				spaced = prev != nil
				continue
			}
			if prev != nil {
				size := fmax(fmax(g.size, prev.size), 1)
				if gap := g.x0 - right; gap > cellGapSpaced*size || !spaced && gap > cellGap*size {
					starts = append(starts, int(math.Round(g.x0*4)))
				}
			}
			prev, spaced = g, false
			right = fmax(right, g.x1)
		}
		if len(starts)-first > 1 {
			slices.Sort(starts[first:])
			starts = append(starts[:first], slices.Compact(starts[first:])...)
		}
	}
	slices.Sort(starts)
	type edge struct{ q, n int }
	var count []edge // the cell starts of the page, by quarter point, increasing
	for i := 0; i < len(starts); {
		j := i + 1
		for j < len(starts) && starts[j] == starts[i] {
			j++
		}
		count = append(count, edge{starts[i], j - i})
		i = j
	}
	var out []float64
	for i, e := range count {
		before, after := 0, 0
		if i > 0 && count[i-1].q == e.q-1 {
			before = count[i-1].n
		}
		if i+1 < len(count) && count[i+1].q == e.q+1 {
			after = count[i+1].n
		}
		if e.n+before+after >= 2 && e.n >= before && e.n >= after {
			out = append(out, float64(e.q)/4)
		}
	}
	return out
}

// atColumn reports whether x lies at one of the column edges cols.
func atColumn(cols []float64, x float64) bool {
	i, _ := slices.BinarySearch(cols, x-edgeTolerance)
	return i < len(cols) && cols[i] <= x+edgeTolerance
}
