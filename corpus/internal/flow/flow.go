// Package flow writes the text and blocks of a word-processor document
// read as a flow of paragraphs and tables (OpenDocument, RTF, Word 97–2003)
// in the layout the DOCX reader gives: one paragraph per line, list items
// with their label, table rows one per line with " | " between the cells
// and a blank line before and after a table. The readers of those formats
// say what each paragraph is (heading level, list label) and what each
// cell spans; flow does the offsets, so that every block's span points
// into the text it writes.
package flow

import (
	"strings"

	"github.com/dpa-nl/dpa/corpus/blocks"
)

// CellSeparator separates the cells of a table row, as in a DOCX's text.
const CellSeparator = " | "

// Para is one paragraph as a reader found it.
type Para struct {
	// Text is the paragraph's text; line breaks within it are kept.
	Text string
	// Heading is the heading level (1–6) the document gives it; 0 for none.
	Heading int
	// Label is a list item's label as the document numbers it ("1.",
	// "a)", "•"); "" for a paragraph that is not a list item.
	Label string
	// Level is a list item's nesting depth, 0 for the outermost list.
	Level int
	// Furniture marks a paragraph of a running header or footer.
	Furniture bool
}

// Cell is one table cell as a reader found it.
type Cell struct {
	// Text is the cell's text; white space runs become one space.
	Text string
	// ColSpan and RowSpan are the columns and rows the cell covers (0
	// counts as 1).
	ColSpan, RowSpan int
	// Covered marks a place covered by a spanning cell (an ODT
	// covered-table-cell, an RTF merged cell): it is not written.
	Covered bool
}

// Row is one table row.
type Row struct {
	Cells []Cell
	// Header marks a row that repeats as the table's header.
	Header bool
}

// Writer collects a document's paragraphs and tables.
type Writer struct {
	out   strings.Builder
	marks []Mark
	// MaxBytes, when positive, stops writing once the text is that long
	// (Full reports it).
	MaxBytes int
}

// Mark is one piece of the structure: a finished Block, or a Region of
// plain paragraphs that blocks.FromLines reads once the whole text is known.
type Mark struct {
	Block  *blocks.Block
	Region blocks.Span
}

// Len is the number of bytes written so far.
func (w *Writer) Len() int { return w.out.Len() }

// Full reports whether MaxBytes is reached.
func (w *Writer) Full() bool { return w.MaxBytes > 0 && w.out.Len() >= w.MaxBytes }

// Paragraph writes one paragraph. An empty paragraph writes nothing.
func (w *Writer) Paragraph(p Para) {
	text := strings.Trim(p.Text, " \t\r\n")
	if text == "" || w.Full() {
		return
	}
	label := strings.TrimSpace(p.Label)
	line := text
	if label != "" {
		line = label + " " + text
	}
	start := w.out.Len()
	w.out.WriteString(line)
	w.out.WriteByte('\n')
	sp := blocks.Span{Start: start, End: start + len(line)}
	level := min(p.Heading, 6)
	content := sp
	if label != "" {
		content.Start += len(label) + 1
	}
	switch {
	case p.Furniture:
		w.marks = append(w.marks, Mark{Block: &blocks.Block{Kind: blocks.Furniture, Span: sp, Text: sp}})
	case level > 0:
		w.marks = append(w.marks, Mark{Block: &blocks.Block{Kind: blocks.Heading, Span: sp, Level: level, Text: content, Marker: strings.TrimRight(label, ":")}})
	case label != "":
		w.marks = append(w.marks, Mark{Block: &blocks.Block{Kind: blocks.ListItem, Span: sp, Level: max(p.Level, 0), Marker: strings.TrimRight(label, ":"), Text: content}})
	default:
		w.marks = append(w.marks, Mark{Region: sp})
	}
}

// Table writes a table: its rows one per line, cells collapsed to one
// line each; rows whose cells are all empty are left out.
func (w *Writer) Table(rows []Row) {
	if w.Full() {
		return
	}
	type placed struct {
		row  blocks.Row
		head bool
	}
	var kept []placed
	var occupied []int // column → rows still covered by a row span from above
	for _, r := range rows {
		var texts []string
		var cells []blocks.Cell
		col := 0
		skipOccupied := func() {
			for col < len(occupied) && occupied[col] > 0 {
				col++
			}
		}
		for _, c := range r.Cells {
			if c.Covered {
				continue
			}
			skipOccupied()
			text, _ := blocks.CollapseSpace(c.Text)
			cs, rs := min(max(c.ColSpan, 1), 64), min(max(c.RowSpan, 1), 1<<16)
			texts = append(texts, text)
			cells = append(cells, blocks.Cell{Col: col, ColSpan: cs, RowSpan: rs})
			for k := col; k < col+cs; k++ {
				for len(occupied) <= k {
					occupied = append(occupied, 0)
				}
				occupied[k] = max(occupied[k], rs)
			}
			col += cs
		}
		for k := range occupied {
			if occupied[k] > 0 {
				occupied[k]--
			}
		}
		line := strings.Join(texts, CellSeparator)
		if strings.TrimSpace(strings.Join(texts, "")) == "" {
			continue
		}
		if len(kept) == 0 {
			w.blankLine()
		}
		start := w.out.Len()
		w.out.WriteString(line)
		w.out.WriteByte('\n')
		off := start
		for k, t := range texts {
			sp := blocks.Span{Start: off, End: off + len(t)}
			switch {
			case t == "" && k > 0 && k == len(texts)-1:
				sp = blocks.Span{Start: off - 1, End: off - 1} // right after its pipe
			case t == "" && k == 0 && len(texts) > 1:
				sp = blocks.Span{Start: off + 1, End: off + 1} // at the pipe after it
			}
			cells[k].Span = sp
			off += len(t) + len(CellSeparator)
		}
		kept = append(kept, placed{row: blocks.Row{Span: blocks.Span{Start: start, End: start + len(line)}, Cells: cells}, head: r.Header})
	}
	if len(kept) == 0 {
		return
	}
	w.blankLine()
	data := &blocks.TableData{}
	for _, k := range kept {
		if k.head && data.HeaderRows == len(data.Rows) {
			data.HeaderRows++
		}
		data.Rows = append(data.Rows, k.row)
	}
	if data.HeaderRows == 0 {
		data.HeaderRows = blocks.GuessHeaderRows(w.out.String(), data.Rows)
	}
	b := blocks.Block{Kind: blocks.Table, Span: blocks.Span{Start: data.Rows[0].Start, End: data.Rows[len(data.Rows)-1].End}, Table: data}
	b.Text = b.Span
	w.marks = append(w.marks, Mark{Block: &b})
}

// blankLine ends a block with an empty line, unless the text is empty or
// ends with one already.
func (w *Writer) blankLine() {
	s := w.out.String()
	if s != "" && !strings.HasSuffix(s, "\n\n") {
		w.out.WriteByte('\n')
	}
}

// Finish returns the text and its blocks.
func (w *Writer) Finish() (string, []blocks.Block) {
	text := w.out.String()
	return text, blocks.Tidy(text, Assemble(text, w.marks))
}

// Assemble turns the marks of a finished text into its blocks: the
// finished ones as they are, the regions of plain paragraphs read by
// blocks.FromLines; headings get their numbering split off as marker.
func Assemble(text string, marks []Mark) []blocks.Block {
	var out []blocks.Block
	for _, m := range marks {
		if m.Block != nil {
			out = append(out, *m.Block)
			continue
		}
		out = append(out, blocks.FromLines(text, blocks.SplitLines(text, m.Region.Start, m.Region.End))...)
	}
	blocks.Retrim(text, out)
	for i := range out {
		if out[i].Kind == blocks.Heading && out[i].Marker == "" {
			out[i].Marker, out[i].Text = blocks.SplitHeading(text, out[i].Text)
		}
	}
	return out
}

// HeadingName reads a heading level from a paragraph style's name:
// "heading 2", "Heading2", "Heading_20_2" (OpenDocument's escaped space),
// "Kop 2", "Title", "Titel"; 0 for any other name.
func HeadingName(name string) int {
	n := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(name, "_20_", ""), " ", ""))
	switch n {
	case "title", "titel":
		return 1
	}
	for _, prefix := range []string{"heading", "kop"} {
		if rest, ok := strings.CutPrefix(n, prefix); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
			return min(int(rest[0]-'0'), 6)
		}
	}
	return 0
}

// Dedupe drops paragraphs whose text came before: the same header or
// footer on the first, left and right pages.
func Dedupe(ps []Para) []Para {
	seen := map[string]bool{}
	var out []Para
	for _, p := range ps {
		if t := strings.TrimSpace(p.Text); t != "" && !seen[t] {
			seen[t] = true
			out = append(out, p)
		}
	}
	return out
}
