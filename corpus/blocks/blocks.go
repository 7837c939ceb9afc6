// Package blocks is dpa's block model: the structure a file already has
// (headings, paragraphs, list items, tables, "Label: value" pairs, page
// furniture), filled once by each format's reader so that field extractors
// never guess layout from lines again. Like goldmark's AST, every node
// points into the source by byte range — into corpus.Document.Text — so
// evidence (page, offset, quote) needs no second bookkeeping.
//
// The package sits below every reader (corpus/html, corpus/docx,
// corpus/pdf, corpus/markdown) so that each can fill the model without
// importing corpus; corpus re-exports the types under their corpus names
// (corpus.Block, corpus.BlockHeading, …), which is what consumers use.
package blocks

import "strings"

// Kind says what a Block is.
type Kind uint8

// The kinds of block.
const (
	// Paragraph is running text: one or more sentences.
	Paragraph Kind = iota + 1
	// Heading is a heading; Level is 1 (title) to 6. "Artikel 3",
	// "Bijlage 1", "C. Bewaartermijnen" and "## Subverwerkers" are headings.
	Heading
	// ListItem is one item of a bulleted, numbered or lettered list;
	// Level is its nesting depth (0 for the outermost list), Marker the
	// marker as written ("1.", "a)", "-", "•", "☐").
	ListItem
	// Table is a table; Block.Table holds its rows and cells.
	Table
	// Label is a "Label: value" pair on one line or in a two-cell row
	// outside a table ("Product: Rekenroute", "**Dienst:** Leerlingvolgsysteem").
	// Block.Label and Block.Value hold the two parts.
	Label
	// Furniture is page furniture: a running header or footer or a page
	// number, repeated across pages. Extractors skip it.
	Furniture
)

var kindNames = [...]string{
	Paragraph: "paragraph",
	Heading:   "heading",
	ListItem:  "list-item",
	Table:     "table",
	Label:     "label",
	Furniture: "furniture",
}

// String returns the kind's lower-case name ("table").
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// Span is a byte range [Start, End) of the document's text. The zero Span
// is empty.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Empty reports whether the span covers no bytes.
func (s Span) Empty() bool { return s.End <= s.Start }

// Len is the number of bytes the span covers.
func (s Span) Len() int { return max(0, s.End-s.Start) }

// In returns the text of span s in text, or "" when s lies outside it.
func (s Span) In(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Block is one node of the document's structure, in document order.
type Block struct {
	Kind Kind
	// Span is the block's whole byte range in the text, markers and
	// cell separators included.
	Span
	// Level is a heading's level (1–6) or a list item's nesting depth (0…).
	Level int
	// Marker is a list item's marker or a heading's number as written
	// ("1.", "a)", "-", "Artikel 3", "Bijlage 1", "C."); "" when none.
	Marker string
	// Text is the block's content without marker or Markdown syntax: for a
	// heading its title, for a list item its text, for a paragraph the
	// whole paragraph, for a label pair the label and value, for a table
	// its rows. It lies within Span.
	Text Span
	// Label and Value are the two parts of a Label block.
	Label, Value Span
	// Table holds a Table block's rows; nil for other kinds.
	Table *TableData
	// Page is the 1-based page the block starts on.
	Page int
}

// TableData is a table of rows and cells. A table continued on the next
// page is one table.
type TableData struct {
	// Rows lists the rows in order, header rows first.
	Rows []Row
	// HeaderRows is how many leading rows are header rows (0 when the
	// table has none, or none could be told apart).
	HeaderRows int
	// Caption is the table's caption or the heading-like line just above
	// it ("Tabel 4: Categorieën Persoonsgegevens"); empty when none.
	Caption Span
}

// Row is one table row.
type Row struct {
	Span
	Cells []Cell
}

// Cell is one table cell. Its Span covers exactly the cell's text, trimmed
// of surrounding space and Markdown pipes (an empty cell has an empty span
// where it sits). Col is its 0-based column, counting the spans of the
// cells before it; ColSpan and RowSpan are 1 for a plain cell.
type Cell struct {
	Span
	Col     int
	ColSpan int
	RowSpan int
	// Nested holds the blocks of a table nested in this cell, if any.
	Nested []Block
	// More holds the further pieces of a cell whose text wraps over
	// several lines between other cells' text (a PDF table): Span is the
	// first piece, More the others in reading order, each trimmed. Text
	// joins them.
	More []Span
}

// Text returns the cell's text: its span, and the pieces in More joined
// by spaces.
func (c Cell) Text(text string) string {
	if len(c.More) == 0 {
		return c.In(text)
	}
	parts := []string{c.In(text)}
	for _, m := range c.More {
		parts = append(parts, m.In(text))
	}
	return strings.Join(parts, " ")
}

// Header returns the cells of the table's last header row, the row that
// names the columns; nil when the table has no header row.
func (t *TableData) Header() []Cell {
	if t == nil || t.HeaderRows <= 0 || t.HeaderRows > len(t.Rows) {
		return nil
	}
	return t.Rows[t.HeaderRows-1].Cells
}

// Body returns the rows after the header rows.
func (t *TableData) Body() []Row {
	if t == nil {
		return nil
	}
	return t.Rows[min(max(t.HeaderRows, 0), len(t.Rows)):]
}

// Columns is the number of columns: the largest Col+ColSpan of any cell.
func (t *TableData) Columns() int {
	n := 0
	if t == nil {
		return 0
	}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			n = max(n, c.Col+max(c.ColSpan, 1))
		}
	}
	return n
}

// CellAt returns the cell of row r that covers column col (a cell spanning
// several columns covers each of them), or false when there is none.
func (r Row) CellAt(col int) (Cell, bool) {
	for _, c := range r.Cells {
		if c.Col <= col && col < c.Col+max(c.ColSpan, 1) {
			return c, true
		}
	}
	return Cell{}, false
}

// Section returns the index range [i+1, end) of the blocks that belong to
// the heading at bs[i]: those up to the next heading of the same or a
// higher level (a lower Level number). For a block that is not a heading
// it returns an empty range.
func Section(bs []Block, i int) (start, end int) {
	if i < 0 || i >= len(bs) || bs[i].Kind != Heading {
		return i + 1, i + 1
	}
	end = i + 1
	for end < len(bs) && (bs[end].Kind != Heading || bs[end].Level > bs[i].Level) {
		end++
	}
	return i + 1, end
}

// HeadingOf returns the index of the nearest heading before bs[i] whose
// level is at most maxLevel (use 6 for any heading), or -1 when there is
// none: the section a block sits in.
func HeadingOf(bs []Block, i, maxLevel int) int {
	for j := min(i, len(bs)) - 1; j >= 0; j-- {
		if bs[j].Kind == Heading && bs[j].Level <= maxLevel {
			return j
		}
	}
	return -1
}

// Walk calls fn for every block in document order, the blocks nested in
// table cells right after their table; it stops when fn returns false.
func Walk(bs []Block, fn func(*Block) bool) bool {
	for i := range bs {
		if !fn(&bs[i]) {
			return false
		}
		if t := bs[i].Table; t != nil {
			for ri := range t.Rows {
				for ci := range t.Rows[ri].Cells {
					if !Walk(t.Rows[ri].Cells[ci].Nested, fn) {
						return false
					}
				}
			}
		}
	}
	return true
}
