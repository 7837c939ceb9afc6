package corpus

// The block model: the structure a file already has (headings, paragraphs,
// list items, tables, "Label: value" pairs, page furniture), filled once by
// each ingestor so that field extractors never guess layout from lines
// again. Like goldmark's AST, every node points into the source by byte
// range — here into Document.Text — so evidence (page, offset, quote) needs
// no second bookkeeping.

// BlockKind says what a Block is.
type BlockKind uint8

// The kinds of block.
const (
	// BlockParagraph is running text: one or more sentences.
	BlockParagraph BlockKind = iota + 1
	// BlockHeading is a heading; Level is 1 (title) to 6. "Artikel 3",
	// "Bijlage 1", "C. Bewaartermijnen" and "## Subverwerkers" are headings.
	BlockHeading
	// BlockListItem is one item of a bulleted, numbered or lettered list;
	// Level is its nesting depth (0 for the outermost list), Marker the
	// marker as written ("1.", "a)", "-", "•", "☐").
	BlockListItem
	// BlockTable is a table; Table holds its rows and cells.
	BlockTable
	// BlockLabel is a "Label: value" pair on one line or in a two-cell row
	// outside a table ("Product: Rekenroute", "**Dienst:** Leerlingvolgsysteem").
	// Label and Value hold the two parts.
	BlockLabel
	// BlockFurniture is page furniture: a running header or footer or a page
	// number, repeated across pages. Extractors skip it.
	BlockFurniture
)

var blockKindNames = [...]string{
	BlockParagraph: "paragraph",
	BlockHeading:   "heading",
	BlockListItem:  "list-item",
	BlockTable:     "table",
	BlockLabel:     "label",
	BlockFurniture: "furniture",
}

// String returns the kind's lower-case name ("table").
func (k BlockKind) String() string {
	if int(k) < len(blockKindNames) && blockKindNames[k] != "" {
		return blockKindNames[k]
	}
	return "unknown"
}

// Span is a byte range [Start, End) of Document.Text. The zero Span is empty.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Empty reports whether the span covers no bytes.
func (s Span) Empty() bool { return s.End <= s.Start }

// Block is one node of the document's structure, in document order.
type Block struct {
	Kind BlockKind
	// Span is the block's whole byte range in Document.Text, markers and
	// cell separators included.
	Span
	// Level is a heading's level (1–6) or a list item's nesting depth (0…).
	Level int
	// Marker is a list item's marker or a heading's number as written
	// ("1.", "a)", "-", "Artikel 3", "Bijlage 1", "C."); "" when none.
	Marker string
	// Text is the block's content without marker or Markdown syntax: for a
	// heading its title, for a list item its text, for a paragraph the
	// whole paragraph. It lies within Span.
	Text Span
	// Label and Value are the two parts of a BlockLabel.
	Label, Value Span
	// Table holds a BlockTable's rows; nil for other kinds.
	Table *Table
	// Page is the 1-based page the block starts on.
	Page int
}

// Table is a table of rows and cells. A table continued on the next page
// is one Table.
type Table struct {
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

// Cell is one table cell. Col is its 0-based column, counting the spans of
// the cells before it; ColSpan and RowSpan are 1 for a plain cell.
type Cell struct {
	Span
	Col     int
	ColSpan int
	RowSpan int
	// Nested holds the blocks of a table nested in this cell, if any.
	Nested []Block
}

// Slice returns the text of span s, or "" when s lies outside the text.
func (d *Document) Slice(s Span) string {
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}
