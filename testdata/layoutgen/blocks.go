// Package layoutgen invents data-processing agreements of Dutch schools and
// renders each in many layouts (a Markdown pipe table, a Word table, a
// key/value table, a bullet list, a prose enumeration, "Label: value"
// blocks, tab-aligned text, a table split over two pages, decoy tables,
// a supplier's privacy page, English headers, …) and in every format dpa
// reads: text/Markdown, HTML, DOCX and, through headless Chromium, PDF.
// Everything is deterministic: the same seed gives the same agreement and
// the same bytes. Each agreement's record is known by construction
// (Agreement.Expected), so a test can check that extraction recovers it.
//
// Layouts and wordings are tables (Layouts, SubprocessorHeadings): a new
// layout is one entry, a new heading wording one string.
//
// The package lives under testdata/ because only tests and the render
// commands use it; testdata/formats/gen uses its DOCX and HTML writers too.
package layoutgen

// Kind says what a Block is.
type Kind int

// The kinds of block.
const (
	// Title is the document's title (its first line).
	Title Kind = iota + 1
	// Heading is a heading: Level 2 for an Artikel or Bijlage, 3 for a
	// section inside one.
	Heading
	// Paragraph is running text.
	Paragraph
	// Item is one item of a list; consecutive items of the same Format
	// (and, when numbered, consecutive numbers) form one list.
	Item
	// Table is a table of Rows, the first HeaderRows of them headers.
	Table
	// Label is a "Label: value" line (Label and Text).
	Label
	// Tabbed is text aligned in columns by tabs, one line per Lines entry.
	Tabbed
)

// Block is one block of a rendered document.
type Block struct {
	Kind Kind
	// Text is the text of a title, heading, paragraph or item, or a
	// label's value.
	Text string
	// Level is a heading's level: 2 or 3.
	Level int
	// Article, when > 0, is the number of an "Artikel N: Text" heading,
	// which DOCX numbers with a heading style and the other formats write.
	Article int
	// Format is a list item's numbering: "decimal", "lowerLetter" or
	// "bullet"; Number its number.
	Format string
	Number int
	// Rows are a table's rows; HeaderRows of them are header rows.
	Rows       [][]string
	HeaderRows int
	// BreakBefore, when > 0, is the row before which a printed page ends,
	// so that the table continues on the next page.
	BreakBefore int
	// Bars writes a table in text as "a | b" rows without a Markdown
	// separator line, the way a converted Word table often looks.
	Bars bool
	// Narrow prints a table in HTML (and so in PDF) in small type with
	// almost no room between its columns, as a crowded annex does.
	Narrow bool
	// Label is a Label block's label, without the colon.
	Label string
	// Lines are a Tabbed block's lines, each a list of columns.
	Lines [][]string
	// NewGroup starts a new group of labels or a new bullet list where
	// the block follows one of its kind: a blank line in text.
	NewGroup bool
}

// Doc is a document: its name (used for page headers and the HTML title)
// and its blocks.
type Doc struct {
	Name   string
	Blocks []Block
	// Markdown makes the text rendering Markdown (#-headings, **labels**,
	// pipe tables) instead of plain lines.
	Markdown bool
	// Web dresses the HTML as a supplier's web page (navigation, footer).
	Web bool
}

// listInfo numbers the lists of blocks the way a word processor does: a
// list starts at an item whose predecessor is not an item of the same
// format continuing its numbering. list[i] is the 1-based list of item i
// and first[i] says whether it starts that list.
func listInfo(blocks []Block) (list []int, first []bool) {
	list, first = make([]int, len(blocks)), make([]bool, len(blocks))
	lists := 0
	for i, b := range blocks {
		if b.Kind != Item {
			continue
		}
		if i > 0 {
			p := blocks[i-1]
			if p.Kind == Item && !b.NewGroup && p.Format == b.Format && (b.Format == "bullet" || b.Number == p.Number+1) {
				list[i] = list[i-1]
				continue
			}
		}
		lists++
		list[i], first[i] = lists, true
	}
	return list, first
}
