package pdf

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/corpus/blocks"
)

// lineInfo records one written line of a page: where it is in the page's
// text, where it was drawn, how, and where its cell separators are.
type lineInfo struct {
	start, end int     // byte range in the page text, without the line end
	x0, x1, y  float64 // left and right edge, baseline
	chars      int     // visible glyphs
	sizeSum    float64 // sum of their font sizes
	bold       bool    // every visible glyph bold
	seps       []int   // offsets (from start) of each gap between cells
	sepLen     []int   // the length of each gap: a CellSeparator, or one space
	cellX      []float64
	words      []wordStart // where the words after the first start
}

// wordStart is where a word of a line starts: its offset from the line's
// start and its left edge.
type wordStart struct {
	off int
	x   float64
}

func (l lineInfo) size() float64 {
	if l.chars == 0 {
		return 0
	}
	return l.sizeSum / float64(l.chars)
}

// pageBlocks builds the blocks of one page from its lines: runs of lines
// with cells aligned in columns become a table (cells numbered by the
// column their left edge falls in), a line in larger type than the page's
// body text or in bold alone becomes a heading, a wide vertical gap ends a
// paragraph, and the rest is read by blocks.FromLines (numbered headings,
// lists, labels, paragraphs).
func pageBlocks(text string, lines []lineInfo) []blocks.Block {
	if len(lines) == 0 {
		return nil
	}
	body := bodySize(lines)
	sizes := headingSizes(lines, body)
	right := 0.0          // the right margin: the rightmost edge of a line
	margin := math.Inf(1) // the left margin
	for _, l := range lines {
		right = max(right, l.x1)
		margin = min(margin, l.x0)
	}
	splitAligned(text, lines, body)
	bulleted := bulletedLines(text, lines, margin, body)
	var out []blocks.Block
	var run []blocks.Span // plain lines waiting for FromLines
	flush := func() {
		if len(run) > 0 {
			out = append(out, blocks.FromLayoutLines(text, run)...)
			run = run[:0]
		}
	}
	for i := 0; i < len(lines); {
		l := lines[i]
		if j := tableRun(lines, i, body); j > i {
			flush()
			out = append(out, tableOf(text, lines[i:j], body)...)
			i = j
			continue
		}
		if i > 0 && !near(lines[i-1], l, body, 1.9) {
			flush() // a wide gap: a new paragraph
		}
		sp := blocks.Span{Start: l.start, End: l.end}
		if bulleted[i] {
			flush()
			if n := len(out); n > 0 && i > 0 && bulleted[i-1] && out[n-1].Kind == blocks.ListItem && out[n-1].End == lines[i-1].end && wraps(text, lines[i-1], l, right, body) {
				out[n-1].Span.End, out[n-1].Text.End = sp.End, sp.End // the item's text runs on
			} else {
				out = append(out, blocks.Block{Kind: blocks.ListItem, Span: sp, Text: sp, Level: max(0, int((l.x0-margin)/(2.5*max(body, 1)))-1)})
			}
			i++
			continue
		}
		if lvl := headingLevel(text, l, body, sizes, lines, i); lvl > 0 {
			flush()
			// A title wrapped over two lines in the same type is one heading.
			if n := len(out); n > 0 && i > 0 && out[n-1].Kind == blocks.Heading && out[n-1].Level == lvl && out[n-1].End == lines[i-1].end &&
				near(lines[i-1], l, body, 1.6) && math.Abs(lines[i-1].size()-l.size()) < 0.5 && lines[i-1].bold == l.bold {
				out[n-1].Span.End, out[n-1].Text.End = sp.End, sp.End
				i++
				continue
			}
			b := blocks.Block{Kind: blocks.Heading, Span: sp, Level: lvl}
			b.Marker, b.Text = blocks.SplitHeading(text, sp)
			out = append(out, b)
			i++
			continue
		}
		if len(run) > 0 && i > 0 && run[len(run)-1].End == lines[i-1].end && wraps(text, lines[i-1], l, right, body) {
			run[len(run)-1].End = sp.End // the line goes on from the one above
		} else {
			run = append(run, sp)
		}
		i++
	}
	flush()
	return out
}

// splitAligned adds the cell gaps a line lacks where a row just above or
// below it, starting at the same left edge, has a cell starting where one
// of the line's words starts, with at most six words since the cell
// before (twelve beside a row of three cells or more): a row with a narrow gap between two cells ("Naam leverancier
// Cijfertuin B.V." under "KvK-nummer | 61712290"), which the text layer
// writes as a space. It repeats until no line changes, so a whole table
// follows from the rows with wide gaps.
func splitAligned(text string, lines []lineInfo, body float64) {
	for changed, rounds := true, 0; changed && rounds < 8; rounds++ {
		changed = false
		for i := range lines {
			l := &lines[i]
			if len(l.words) == 0 {
				continue
			}
			for _, j := range []int{i - 1, i + 1} {
				if j < 0 || j >= len(lines) {
					continue
				}
				r := lines[j]
				if len(r.seps) <= len(l.seps) || math.Abs(r.x0-l.x0) > 1.5 || !near(lines[min(i, j)], lines[max(i, j)], body, 1.9) {
					continue
				}
				// a row of three cells or more is a table's: a long cell
				// (a purpose in a sentence) may hold more words
				words := 6
				if len(r.seps) >= 2 {
					words = 12
				}
				for _, x := range r.cellX {
					if l.addGapAt(text, x, words) {
						changed = true
					}
				}
			}
		}
	}
}

// addGapAt adds a cell gap before the word of l that starts at x, if l has
// no cell starting there yet and at most six words lie between that word
// and the cell before it.
func (l *lineInfo) addGapAt(text string, x float64, maxWords int) bool {
	for _, cx := range l.cellX {
		if math.Abs(cx-x) <= 1.5 {
			return false
		}
	}
	for _, w := range l.words {
		if math.Abs(w.x-x) > 1.5 {
			continue
		}
		// Where the cell the word is in starts, and where the gap goes.
		k, start := 0, 0
		for k < len(l.seps) && l.seps[k] < w.off {
			start = l.seps[k] + l.sepLen[k]
			k++
		}
		if w.off-1 <= start || len(strings.Fields(text[l.start+start:l.start+w.off])) > maxWords {
			return false
		}
		l.seps = append(l.seps[:k], append([]int{w.off - 1}, l.seps[k:]...)...)
		l.sepLen = append(l.sepLen[:k], append([]int{1}, l.sepLen[k:]...)...)
		l.cellX = append(l.cellX[:k], append([]float64{w.x}, l.cellX[k:]...)...)
		return true
	}
	return false
}

// bulletedLines marks the lines that are items of a list whose bullets are
// drawn, not written: at least two lines in a row indented by the same
// amount (at least 1.5 body sizes from the left margin), outside tables,
// that do not start with a marker of their own (blocks.FromLines reads
// those). A line that runs on from an indented one is marked too.
func bulletedLines(text string, lines []lineInfo, margin, body float64) []bool {
	out := make([]bool, len(lines))
	indented := func(i int) bool {
		l := lines[i]
		return len(l.seps) == 0 && l.x0 >= margin+1.5*max(body, 1) && !startsItemAt(text[l.start:l.end])
	}
	same := func(i, j int) bool {
		return j >= 0 && j < len(lines) && indented(j) && math.Abs(lines[i].x0-lines[j].x0) < 1 && near(lines[min(i, j)], lines[max(i, j)], body, 1.9)
	}
	for i := range lines {
		if indented(i) && (same(i, i-1) || same(i, i+1)) {
			out[i] = true
		}
	}
	return out
}

// wraps reports whether line b continues the text of line a, wrapped at
// the right margin: a reaches near the margin, b follows closely in the
// same type and does not start a list item or a numbered heading.
func wraps(text string, a, b lineInfo, right, body float64) bool {
	if !near(a, b, body, 1.6) || a.x1 < right-6*max(body, 1) || math.Abs(a.size()-b.size()) >= 0.5 || len(b.seps) > 0 {
		return false
	}
	return !startsItemAt(text[b.start:b.end])
}

// startsItem matches a line that starts a list item or a numbered heading.
var startsItem = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[-•·▪◦●○■□☐☒✓–—*]\s|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]\s|\(?[a-zA-Z][.)]\s|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]\s|(?i:artikel|bijlage|article|annex|hoofdstuk)\s+\d)`)
})

// startsItemAt is startsItem().MatchString(s), with the regular expression
// run only when s begins as a match must: with a bullet or dash ('-',
// '*' or a non-ASCII symbol), a parenthesis or digit, the first letter of
// one of its words, or a letter or roman numeral of at most five letters
// before "." or ")".
func startsItemAt(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case c == '-' || c == '*' || c == '(' || c >= '0' && c <= '9' || c >= 0x80:
	case c|0x20 == 'a' || c|0x20 == 'b' || c|0x20 == 'h':
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		if strings.IndexAny(s[1:min(len(s), 6)], ".)") < 0 {
			return false
		}
	default:
		return false
	}
	return startsItem().MatchString(s)
}

// near reports whether line b follows line a within gap line heights.
func near(a, b lineInfo, body, gap float64) bool {
	return a.y-b.y <= gap*max(body, a.size(), b.size(), 1)
}

// bodySize is the font size most of the page's characters are set in.
func bodySize(lines []lineInfo) float64 {
	count := map[int]int{}
	for _, l := range lines {
		count[int(math.Round(l.size()*2))] += l.chars
	}
	best, n := 0, -1
	for s, c := range count {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return float64(best) / 2
}

// headingSizes lists the sizes larger than the body text, largest first:
// the first is heading level 1.
func headingSizes(lines []lineInfo, body float64) []float64 {
	seen := map[int]bool{}
	var out []float64
	for _, l := range lines {
		s := l.size()
		if s >= body*1.15 && !seen[int(math.Round(s*2))] {
			seen[int(math.Round(s*2))] = true
			out = append(out, math.Round(s*2)/2)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(out)))
	return out
}

// headingLevel returns the heading level of line i, or 0: a short line in
// type larger than the body (level by size rank, at most 3), or a short
// line wholly in bold whose neighbours are not (level 3 when numbered
// like "Artikel 3" FromLines decides, so 0 here).
func headingLevel(text string, l lineInfo, body float64, sizes []float64, lines []lineInfo, i int) int {
	s := strings.TrimSpace(text[l.start:l.end])
	words := blocks.CountWords(s)
	if words == 0 || words > 14 || strings.HasSuffix(s, ".") && words > 3 || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") {
		return 0
	}
	if sz := math.Round(l.size()*2) / 2; sz >= body*1.15 {
		for k, h := range sizes {
			if h == sz {
				return min(k+1, 3)
			}
		}
		return 3
	}
	if l.bold && words <= 12 {
		prevBold := i > 0 && lines[i-1].bold && near(lines[i-1], l, body, 1.9)
		nextBold := i+1 < len(lines) && lines[i+1].bold && near(l, lines[i+1], body, 1.9)
		if !prevBold && !nextBold {
			return 4
		}
	}
	return 0
}

// tableRun returns the end of the table that starts at line i, or i when
// none does: a run of lines with cells, together with the one-cell lines
// between and around them that hold the wrapped text of a cell (a line
// just above or below a row that lacks the column the line sits in).
func tableRun(lines []lineInfo, i int, body float64) int {
	first := i
	// A wrapped piece above the first row.
	if len(lines[i].seps) == 0 {
		if i+1 >= len(lines) || len(lines[i+1].seps) == 0 || !near(lines[i], lines[i+1], body, 1.6) {
			return i
		}
		first = i + 1
	}
	if len(lines[first].seps) == 0 {
		return i
	}
	j := first + 1
	for j < len(lines) && near(lines[j-1], lines[j], body, 2.5) {
		if len(lines[j].seps) > 0 {
			j++
			continue
		}
		// A one-cell line: part of the table when a row follows closely,
		// or when the row before lacks its column (checked in tableOf).
		if j+1 < len(lines) && len(lines[j+1].seps) > 0 && near(lines[j], lines[j+1], body, 1.6) {
			j++
			continue
		}
		if near(lines[j-1], lines[j], body, 1.6) && len(lines[j-1].seps) > 0 && (lacksColumnOf(lines[j-1], lines[j], body) || continuesCell(lines[j-1], lines[j], body)) {
			j++
			continue
		}
		// Further lines of a cell wrapped below its row.
		if k := lastRow(lines, first, j); k >= 0 && near(lines[j-1], lines[j], body, 1.6) && math.Abs(lines[j].x0-lines[j-1].x0) < 1 && continuesCell(lines[k], lines[j], body) {
			j++
			continue
		}
		break
	}
	if first > i && !lacksColumnOf(lines[first], lines[i], body) {
		return i // the line above is no piece of the first row
	}
	return j
}

// continuesCell reports whether one-cell line p, just below row line r,
// starts where one of r's cells after the first starts: the cell's text
// wraps onto the next line. (A line under the first cell is more likely
// the text after the table.)
func continuesCell(r, p lineInfo, body float64) bool {
	for _, x := range r.cellX {
		if math.Abs(x-p.x0) < 1.5*max(body, 1) {
			return true
		}
	}
	return false
}

// lastRow returns the index of the last line with cells in lines[from:to], or -1.
func lastRow(lines []lineInfo, from, to int) int {
	for k := to - 1; k >= from; k-- {
		if len(lines[k].seps) > 0 {
			return k
		}
	}
	return -1
}

// lacksColumnOf reports whether row line r has no cell starting near the
// left edge of one-cell line p.
func lacksColumnOf(r, p lineInfo, body float64) bool {
	tol := 1.5 * max(body, 1)
	xs := append([]float64{r.x0}, r.cellX...)
	for _, x := range xs {
		if math.Abs(x-p.x0) < tol {
			return false
		}
	}
	return true
}

// tableOf builds a table from a run of lines with cells and the one-cell
// lines that wrap them. Columns are numbered from the left edges of the
// cells of the rows with the most cells; a one-cell line becomes a piece
// (Cell.More) of the cell in its column of the row just below or above it
// that has none there, else a row of its own. A lone line of two cells is
// a label, as in text.
func tableOf(text string, lines []lineInfo, body float64) []blocks.Block {
	cellsOf := func(l lineInfo) ([]blocks.Span, []float64) {
		starts := make([]int, 1, len(l.seps)+1)
		for _, sep := range l.seps {
			starts = append(starts, sep+l.sepLen[len(starts)-1])
		}
		sps := make([]blocks.Span, 0, len(starts))
		xs := append(append(make([]float64, 0, len(l.cellX)+1), l.x0), l.cellX...)
		for k, st := range starts {
			end := l.end - l.start
			if k+1 < len(starts) {
				end = l.seps[k]
			}
			sps = append(sps, trimSpan(text, blocks.Span{Start: l.start + st, End: l.start + end}))
		}
		return sps, xs
	}
	full := 0
	for _, l := range lines {
		full = max(full, len(l.seps)+1)
	}
	colX := make([]float64, full)
	nFull := 0
	for _, l := range lines {
		if len(l.seps)+1 == full {
			_, xs := cellsOf(l)
			for k := range colX {
				colX[k] += xs[k]
			}
			nFull++
		}
	}
	for k := range colX {
		colX[k] /= float64(max(nFull, 1))
	}
	if !aligned(lines, full, body) {
		// Gaps that do not line up in columns: words spaced apart, not a
		// table. Each line is a paragraph of its own.
		var out []blocks.Block
		for _, l := range lines {
			sp := trimSpan(text, blocks.Span{Start: l.start, End: l.end})
			out = append(out, blocks.Block{Kind: blocks.Paragraph, Span: sp, Text: sp})
		}
		return out
	}
	colOf := func(xs []float64) []int {
		cols := make([]int, len(xs))
		prev := -1
		for k, x := range xs {
			c := column(colX, x)
			if c <= prev {
				c = prev + 1
			}
			cols[k], prev = c, c
		}
		return cols
	}
	var rows []pending
	var pieces []int // indexes of one-cell lines
	for i, l := range lines {
		if len(l.seps) == 0 {
			pieces = append(pieces, i)
			rows = append(rows, pending{line: l}) // placeholder, resolved below
			continue
		}
		sps, xs := cellsOf(l)
		cols := colOf(xs)
		row := blocks.Row{Span: blocks.Span{Start: l.start, End: l.end}, Cells: make([]blocks.Cell, 0, len(sps))}
		for k, sp := range sps {
			row.Cells = append(row.Cells, blocks.Cell{Span: sp, Col: cols[k], ColSpan: 1, RowSpan: 1})
		}
		rows = append(rows, pending{row: row, line: l})
	}
	// Attach each one-cell line to the row below or above that lacks its column.
	attached := make([]bool, len(rows))
	hasCol := func(r blocks.Row, c int) bool {
		for _, x := range r.Cells {
			if x.Col == c {
				return true
			}
		}
		return false
	}
	var lacked []map[int]bool // columns each row line had no cell in, when there are pieces
	if len(pieces) > 0 {
		lacked = make([]map[int]bool, len(rows))
	}
	for j, p := range rows {
		if len(p.row.Cells) == 0 || lacked == nil {
			continue
		}
		lacked[j] = map[int]bool{}
		for c := range colX {
			lacked[j][c] = !hasCol(p.row, c)
		}
	}
	for _, i := range pieces {
		l := lines[i]
		sp := trimSpan(text, blocks.Span{Start: l.start, End: l.end})
		c := column(colX, l.x0)
		for _, j := range []int{i + 1, i - 1} {
			if j < 0 || j >= len(rows) || lacked[j] == nil || !lacked[j][c] {
				continue
			}
			r := &rows[j].row
			if !hasCol(*r, c) {
				// The cell exists only as wrapped pieces: add it, sorted by column.
				cell := blocks.Cell{Span: sp, Col: c, ColSpan: 1, RowSpan: 1}
				k := 0
				for k < len(r.Cells) && r.Cells[k].Col < c {
					k++
				}
				r.Cells = append(r.Cells[:k], append([]blocks.Cell{cell}, r.Cells[k:]...)...)
			} else {
				for k := range r.Cells {
					if r.Cells[k].Col == c {
						if j > i { // the piece comes first: it is above
							r.Cells[k].More = append([]blocks.Span{r.Cells[k].Span}, r.Cells[k].More...)
							r.Cells[k].Span = sp
						} else {
							r.Cells[k].More = append(r.Cells[k].More, sp)
						}
					}
				}
			}
			r.Span.Start = min(r.Span.Start, l.start)
			r.Span.End = max(r.Span.End, l.end)
			attached[i] = true
			break
		}
		if !attached[i] && c > 0 {
			// A further line of a cell of the row above (not the first
			// column): the cell's text wraps.
			for j := i - 1; j >= 0; j-- {
				if attached[j] && len(rows[j].row.Cells) == 0 {
					continue
				}
				r := &rows[j].row
				for k := range r.Cells {
					if r.Cells[k].Col == c {
						r.Cells[k].More = append(r.Cells[k].More, sp)
						r.Span.End = max(r.Span.End, l.end)
						attached[i] = true
					}
				}
				break
			}
		}
		if !attached[i] {
			rows[i].row = blocks.Row{Span: sp, Cells: []blocks.Cell{{Span: sp, Col: c, ColSpan: 1, RowSpan: 1}}}
		}
	}
	data := &blocks.TableData{}
	var kept []pending
	for i, p := range rows {
		if attached[i] {
			continue
		}
		kept = append(kept, p)
	}
	for _, p := range joinWrappedRows(kept) {
		data.Rows = append(data.Rows, p.row)
	}
	sp := blocks.Span{Start: lines[0].start, End: lines[len(lines)-1].end}
	if len(lines) == 1 && len(data.Rows[0].Cells) == 2 {
		lab, val := data.Rows[0].Cells[0].Span, data.Rows[0].Cells[1].Span
		if t := lab.In(text); strings.HasSuffix(t, ":") {
			lab.End--
		}
		if !lab.Empty() && !val.Empty() && len(strings.Fields(lab.In(text))) <= 8 {
			return []blocks.Block{{Kind: blocks.Label, Span: sp, Text: blocks.Span{Start: lab.Start, End: val.End}, Label: lab, Value: val}}
		}
	}
	data.HeaderRows = blocks.GuessHeaderRows(text, data.Rows)
	return []blocks.Block{{Kind: blocks.Table, Span: sp, Text: sp, Table: data}}
}

// pending is a table row being built, with the line it was read from.
type pending struct {
	row  blocks.Row
	line lineInfo
}

// wrapPitchRatio is how much wider than the narrowest spacing between row
// lines the spacing between rows must be for the narrow one to be taken
// as a cell's text wrapping onto a second line: cell padding and borders
// set rows apart, a wrapped line follows at the line height.
const wrapPitchRatio = 1.3

// joinWrappedRows joins to the row above it every row line that follows it
// at the narrow line pitch of wrapped text where the table's rows are set
// wider apart: a row all of whose cells wrap ("Amazon Web Services EMEA" /
// "SARL", "Frankfurt," / "Duitsland") comes as two lines of cells. Each cell
// of the continuation becomes a piece (Cell.More) of the cell in its
// column. A table whose rows follow at one pitch is left as it is.
func joinWrappedRows(rows []pending) []pending {
	if len(rows) < 3 {
		return rows
	}
	gaps := make([]float64, 0, len(rows)-1)
	for i := 1; i < len(rows); i++ {
		gaps = append(gaps, math.Abs(rows[i-1].line.y-rows[i].line.y))
	}
	hi := 0.0
	for _, g := range gaps {
		hi = max(hi, g)
	}
	// A gap is a wrap when it is about one line high (at most 1.5 times
	// the type size) and the rows are set clearly wider apart elsewhere.
	wrap := make([]bool, len(gaps))
	rowGaps := 0
	for i, g := range gaps {
		size := max(rows[i].line.size(), rows[i+1].line.size(), 1)
		wrap[i] = g > 0 && g <= 1.5*size && g*wrapPitchRatio <= hi
		if !wrap[i] {
			rowGaps++
		}
	}
	if rowGaps < 2 {
		return rows // the row pitch is not established: two gaps at least
	}
	out := []pending{rows[0]} // a new slice: rows stays as it was read
	for i := 1; i < len(rows); i++ {
		if !wrap[i-1] || len(rows[i].row.Cells) == 0 {
			out = append(out, rows[i])
			continue
		}
		r := &out[len(out)-1].row
		for _, c := range rows[i].row.Cells {
			k := 0
			for k < len(r.Cells) && r.Cells[k].Col < c.Col {
				k++
			}
			if k < len(r.Cells) && r.Cells[k].Col == c.Col {
				r.Cells[k].More = append(r.Cells[k].More, c.Span)
				r.Cells[k].More = append(r.Cells[k].More, c.More...)
				continue
			}
			r.Cells = append(r.Cells[:k], append([]blocks.Cell{c}, r.Cells[k:]...)...)
		}
		r.Span.End = max(r.Span.End, rows[i].row.Span.End)
	}
	return out
}

// aligned reports whether the cells of the lines with the most cells
// (full of them), the first (a header, perhaps centred) aside, start at
// the same places, within three body sizes.
func aligned(lines []lineInfo, full int, body float64) bool {
	if full < 2 {
		return true
	}
	lo := make([]float64, full-1)
	hi := make([]float64, full-1)
	for k := range lo {
		lo[k], hi[k] = math.Inf(1), math.Inf(-1)
	}
	first := true
	for _, l := range lines {
		if len(l.seps)+1 != full {
			continue
		}
		if first {
			first = false // a header row may be centred over its column
			continue
		}
		for k, x := range l.cellX {
			lo[k], hi[k] = min(lo[k], x), max(hi[k], x)
		}
	}
	for k := range lo {
		if hi[k]-lo[k] > 3*max(body, 1) {
			return false
		}
	}
	return true
}

// clusters returns the sorted left edges of columns: values within tol of
// the cluster's first value join it.
func clusters(xs []float64, tol float64) []float64 {
	sort.Float64s(xs)
	var out []float64
	for _, x := range xs {
		if len(out) == 0 || x-out[len(out)-1] > tol {
			out = append(out, x)
		}
	}
	return out
}

// column returns the index of the column whose left edge is nearest x.
func column(cols []float64, x float64) int {
	best, d := 0, math.Inf(1)
	for i, c := range cols {
		if e := math.Abs(c - x); e < d {
			best, d = i, e
		}
	}
	return best
}

func trimSpan(text string, sp blocks.Span) blocks.Span {
	for sp.Start < sp.End && (text[sp.Start] == ' ' || text[sp.Start] == '\t') {
		sp.Start++
	}
	for sp.End > sp.Start && (text[sp.End-1] == ' ' || text[sp.End-1] == '\t') {
		sp.End--
	}
	return sp
}
