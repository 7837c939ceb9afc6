package corpus

import "github.com/dpa-nl/dpa/corpus/blocks"

// The block model: the structure a file already has (headings, paragraphs,
// list items, tables, "Label: value" pairs, page furniture), filled once by
// each ingestor so that field extractors never guess layout from lines
// again. Like goldmark's AST, every node points into the source by byte
// range — here into Document.Text — so evidence (page, offset, quote) needs
// no second bookkeeping. The types live in package corpus/blocks, below the
// format readers that fill them; these are their names for consumers.

type (
	// BlockKind says what a Block is.
	BlockKind = blocks.Kind
	// Span is a byte range [Start, End) of Document.Text. The zero Span is empty.
	Span = blocks.Span
	// Block is one node of the document's structure, in document order.
	Block = blocks.Block
	// Table is a table of rows and cells; a table continued on the next
	// page is one Table.
	Table = blocks.TableData
	// Row is one table row.
	Row = blocks.Row
	// Cell is one table cell; its Span covers exactly the cell's text.
	Cell = blocks.Cell
)

// The kinds of block (see package corpus/blocks for what each holds).
const (
	// BlockParagraph is running text: one or more sentences.
	BlockParagraph = blocks.Paragraph
	// BlockHeading is a heading; Level is 1 (title) to 6.
	BlockHeading = blocks.Heading
	// BlockListItem is one item of a list; Level is its depth, Marker its marker.
	BlockListItem = blocks.ListItem
	// BlockTable is a table; Table holds its rows and cells.
	BlockTable = blocks.Table
	// BlockLabel is a "Label: value" pair; Label and Value hold the parts.
	BlockLabel = blocks.Label
	// BlockFurniture is page furniture (running header or footer, page number).
	BlockFurniture = blocks.Furniture
)

// Slice returns the text of span s, or "" when s lies outside the text.
func (d *Document) Slice(s Span) string { return s.In(d.Text) }
