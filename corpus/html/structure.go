package html

import (
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dpa-nl/dpa/corpus/blocks"
)

// markKind says what a mark records.
type markKind uint8

const (
	mHeading markKind = iota + 1
	mRegion           // a paragraph: its lines are read by blocks.FromLines
	mItem
	mTable
	mDt
	mDd
)

// marked are the elements whose extent the walk records.
var marked = map[atom.Atom]markKind{
	atom.H1: mHeading, atom.H2: mHeading, atom.H3: mHeading, atom.H4: mHeading, atom.H5: mHeading, atom.H6: mHeading,
	atom.P: mRegion, atom.Dt: mDt, atom.Dd: mDd,
}

var headingLevel = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

// mark is one element's extent in the text being written.
type mark struct {
	kind   markKind
	span   blocks.Span
	text   blocks.Span // a list item's text
	level  int
	marker string
	ended  bool // a list item's text has ended
	table  *blocks.TableData
}

// mark records an element that was written to [start, end).
func (l *lines) mark(kind markKind, a atom.Atom, start, end int) {
	l.marks = append(l.marks, mark{kind: kind, span: blocks.Span{Start: start, End: end}, level: headingLevel[a]})
}

// openItem records a list item whose marker starts at start and whose text
// starts at text; it returns the item's index for closeItem.
func (l *lines) openItem(start, text int, marker string, depth int) int {
	l.marks = append(l.marks, mark{kind: mItem, span: blocks.Span{Start: start}, text: blocks.Span{Start: text}, marker: marker, level: max(depth, 0)})
	l.open = append(l.open, len(l.marks)-1)
	return len(l.marks) - 1
}

// closeItem ends the text of item i, unless a nested list or table ended it.
func (l *lines) closeItem(i int) {
	if !l.marks[i].ended {
		l.endItem(i)
	}
	for k, j := range l.open {
		if j == i {
			l.open = append(l.open[:k], l.open[k+1:]...)
			break
		}
	}
}

func (l *lines) endItem(i int) {
	m := &l.marks[i]
	m.ended = true
	m.text.End = max(l.b.Len(), m.text.Start)
	m.span.End = m.text.End
}

// closeItems ends the text of the open list items: a nested list or table
// starts, and is not part of the item's own text.
func (l *lines) closeItems() {
	for _, i := range l.open {
		if !l.marks[i].ended {
			l.endItem(i)
		}
	}
}

// table collects a table's rows while they are written.
type table struct {
	rows    []blocks.Row
	header  int
	inHead  bool
	caption blocks.Span
	pending []int // per column: rows still covered by a rowspan from above
}

// cellInfo is what a row needs to know of a cell besides its text.
type cellInfo struct {
	th               bool
	colSpan, rowSpan int
	nested           []blocks.Block
}

// span reads a colspan or rowspan attribute: 1 when absent or bad, at most 1000.
func span(n *html.Node, key string) int {
	v, ok := attr(n, key)
	if !ok {
		return 1
	}
	x, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || x < 1 {
		return 1
	}
	return min(x, 1000)
}

// addRow records a row written at offset start as cells joined by CellSeparator.
func (t *table) addRow(start int, cells []string, info []cellInfo) {
	row := blocks.Row{}
	off := start
	col := 0
	busy := make([]bool, len(t.pending))
	for i, p := range t.pending {
		busy[i] = p > 0
	}
	allTH := true
	for i, s := range cells {
		for col < len(t.pending) && t.pending[col] > 0 {
			col++
		}
		c := blocks.Cell{Span: blocks.Span{Start: off, End: off + len(s)}, Col: col, ColSpan: info[i].colSpan, RowSpan: info[i].rowSpan}
		if s == "" && i > 0 && i == len(cells)-1 {
			// An empty last cell sits right after its pipe, inside the
			// row once the row's trailing space is trimmed.
			c.Span = blocks.Span{Start: off - 1, End: off - 1}
		} else if s == "" && i == 0 && len(cells) > 1 {
			// An empty first cell sits at the pipe after it, inside the
			// row once the row's leading space is trimmed.
			c.Span = blocks.Span{Start: off + 1, End: off + 1}
		}
		if len(info[i].nested) > 0 {
			c.Nested = info[i].nested
			blocks.Shift(c.Nested, off)
		}
		row.Cells = append(row.Cells, c)
		if c.RowSpan > 1 {
			for len(t.pending) < col+c.ColSpan {
				t.pending = append(t.pending, 0)
			}
			for k := col; k < col+c.ColSpan; k++ {
				t.pending[k] = c.RowSpan // decremented below, with the rest
			}
		}
		allTH = allTH && info[i].th
		col += c.ColSpan
		off += len(s) + len(CellSeparator)
	}
	for k := range t.pending {
		if k < len(busy) && busy[k] || t.pending[k] > 0 {
			t.pending[k]--
		}
	}
	row.Span = blocks.Span{Start: start, End: off - len(CellSeparator)}
	if (t.inHead || allTH) && t.header == len(t.rows) {
		t.header++
	}
	t.rows = append(t.rows, row)
}

// addTable records a finished table.
func (l *lines) addTable(t *table) {
	if len(t.rows) == 0 {
		return
	}
	data := &blocks.TableData{Rows: t.rows, HeaderRows: t.header, Caption: t.caption}
	if data.HeaderRows == len(data.Rows) && len(data.Rows) > 1 {
		data.HeaderRows = 0 // all th: a key/value table written with th cells
	}
	sp := blocks.Span{Start: t.rows[0].Start, End: t.rows[len(t.rows)-1].End}
	if !t.caption.Empty() && t.caption.End <= sp.Start {
		sp.Start = t.caption.Start
	}
	l.marks = append(l.marks, mark{kind: mTable, span: sp, table: data})
}

// nested returns the tables written into a cell, their spans moved through
// m (the cell's white space collapsed).
func (l *lines) nested(m *blocks.OffsetMap) []blocks.Block {
	var out []blocks.Block
	for _, mk := range l.marks {
		if mk.kind == mTable {
			out = append(out, blocks.Block{Kind: blocks.Table, Span: mk.span, Text: mk.span, Table: mk.table})
		}
	}
	blocks.Remap(out, m.Map)
	return out
}

// finish turns the marks into blocks over text (what the builder holds):
// outer elements win over the ones inside them, and the text between the
// marked elements (div, td outside a table, bare text) is read line by line.
func (l *lines) finish(text string) []blocks.Block {
	ms := l.marks
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].span.Start != ms[j].span.Start {
			return ms[i].span.Start < ms[j].span.Start
		}
		return ms[i].span.End > ms[j].span.End
	})
	var out []blocks.Block
	cursor := 0
	gap := func(end int) {
		if end > cursor {
			out = append(out, blocks.FromLines(text, blocks.SplitLines(text, cursor, end))...)
		}
	}
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		sp := trim(text, m.span)
		if sp.Start < cursor || sp.Empty() && m.kind != mItem {
			continue
		}
		gap(sp.Start)
		switch m.kind {
		case mHeading:
			b := blocks.Block{Kind: blocks.Heading, Span: sp, Level: m.level, Text: sp}
			b.Marker, b.Text = blocks.SplitHeading(text, sp)
			out = append(out, b)
		case mItem:
			if sp.Empty() {
				continue
			}
			tx := trim(text, m.text)
			if tx.Empty() {
				tx = blocks.Span{Start: sp.End, End: sp.End}
			}
			out = append(out, blocks.Block{Kind: blocks.ListItem, Span: sp, Level: m.level, Marker: m.marker, Text: tx})
		case mTable:
			out = append(out, blocks.Block{Kind: blocks.Table, Span: sp, Text: sp, Table: m.table})
		case mDt:
			if i+1 < len(ms) && ms[i+1].kind == mDd && ms[i+1].span.Start >= sp.End && strings.TrimSpace(text[sp.End:ms[i+1].span.Start]) == "" {
				val := trim(text, ms[i+1].span)
				lab := trim(text, blocks.Span{Start: sp.Start, End: sp.End - len(":")*boolInt(strings.HasSuffix(sp.In(text), ":"))})
				if !val.Empty() && !lab.Empty() {
					whole := blocks.Span{Start: sp.Start, End: val.End}
					out = append(out, blocks.Block{Kind: blocks.Label, Span: whole, Text: whole, Label: lab, Value: val})
					cursor = whole.End
					i++
					continue
				}
			}
			out = append(out, blocks.FromLines(text, blocks.SplitLines(text, sp.Start, sp.End))...)
		default:
			out = append(out, blocks.FromLines(text, blocks.SplitLines(text, sp.Start, sp.End))...)
		}
		cursor = sp.End
	}
	gap(len(text))
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// trim trims white space from both ends of a span of text.
func trim(text string, sp blocks.Span) blocks.Span {
	sp.Start, sp.End = max(sp.Start, 0), min(sp.End, len(text))
	for sp.Start < sp.End && strings.IndexByte(" \t\n\r\f", text[sp.Start]) >= 0 {
		sp.Start++
	}
	for sp.End > sp.Start && strings.IndexByte(" \t\n\r\f", text[sp.End-1]) >= 0 {
		sp.End--
	}
	return sp
}
