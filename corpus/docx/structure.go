package docx

import (
	"strings"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/flow"
)

// The block model of a Word document is built beside its text: headings
// from heading styles and outline levels, list items from w:numPr
// numbering (their label as the marker), tables from w:tbl with gridSpan
// and vMerge, tables nested in cells, and the other paragraphs read line by
// line (blocks.FromLines, for "Label: value" lines and numbered headings
// typed by hand). Headers and footers are page furniture.

// rowRec is one kept table row's cells.
type rowRec struct {
	cells  []cellRec
	header bool // w:tblHeader: the row repeats as the table's header
}

// cellRec is one cell as written: its text and its spans.
type cellRec struct {
	text   string
	span   int // w:gridSpan
	vMerge int // 1 restart, 2 continue
	nested []blocks.Block
}

// markParagraph records the block of a top-level paragraph written at sp:
// a heading when its style or outline level says so, a list item when it
// is numbered (label is its list label as written), else a region.
func (r *bodyReader) markParagraph(p *para, sp blocks.Span, label string, ilvl int) {
	level := p.outline
	if level == 0 && p.style != "" {
		level = r.p.headingStyle(p.style)
	}
	level = min(level, 6)
	text := r.out.String()[sp.Start:sp.End] // only this paragraph: cheap
	content := sp
	if label != "" {
		content = blocks.Span{Start: sp.Start + len(label), End: sp.End}
		for content.Start < content.End && (text[content.Start-sp.Start] == ' ' || text[content.Start-sp.Start] == '\t') {
			content.Start++
		}
	}
	marker := strings.TrimRight(strings.TrimSpace(label), ":")
	switch {
	case level > 0:
		b := &blocks.Block{Kind: blocks.Heading, Span: sp, Level: level, Text: content, Marker: marker}
		r.marks = append(r.marks, flow.Mark{Block: b})
	case label != "":
		r.marks = append(r.marks, flow.Mark{Block: &blocks.Block{Kind: blocks.ListItem, Span: sp, Level: max(ilvl, 0), Marker: marker, Text: content}})
	default:
		r.marks = append(r.marks, flow.Mark{Region: sp})
	}
}

// emitTable writes a finished table's rows — into the open cell of the
// table around it, or into the text — and records its block there.
func (r *bodyReader) emitTable(tb *table) {
	outer := r.table()
	var target *strings.Builder
	if outer != nil {
		target = outer.cell
	} else {
		target = &r.out
	}
	data := &blocks.TableData{}
	above := map[int][2]int{} // column → row and cell index of the cell a vMerge continues
	for i, row := range tb.rows {
		start := 0
		if target != nil {
			start = target.Len()
			if outer != nil && start > 0 {
				start++ // emit separates the lines of a cell by a space
			}
		}
		r.emit(row)
		if i >= len(tb.recs) || target == nil {
			continue
		}
		rec := tb.recs[i]
		if strings.TrimSpace(row) == "" {
			continue // a row of empty cells holds nothing to point at
		}
		out := blocks.Row{Span: blocks.Span{Start: start, End: start + len(row)}}
		off, col := start, 0
		for k, c := range rec.cells {
			cell := blocks.Cell{Span: blocks.Span{Start: off, End: off + len(c.text)}, Col: col, ColSpan: max(c.span, 1), RowSpan: 1}
			if c.text == "" && k > 0 && k == len(rec.cells)-1 {
				cell.Span = blocks.Span{Start: off - 1, End: off - 1} // right after its pipe
			} else if c.text == "" && k == 0 && len(rec.cells) > 1 {
				cell.Span = blocks.Span{Start: off + 1, End: off + 1} // at the pipe after it
			}
			if len(c.nested) > 0 {
				cell.Nested = c.nested
				blocks.Shift(cell.Nested, off)
			}
			off += len(c.text) + len(CellSeparator)
			span := cell.ColSpan
			switch {
			case c.vMerge == 2 && c.text == "":
				if at, ok := above[col]; ok {
					data.Rows[at[0]].Cells[at[1]].RowSpan++
				}
				col += span
				continue
			case c.vMerge == 1:
				above[col] = [2]int{len(data.Rows), len(out.Cells)}
			default:
				delete(above, col)
			}
			out.Cells = append(out.Cells, cell)
			col += span
		}
		if rec.header && data.HeaderRows == len(data.Rows) {
			data.HeaderRows++
		}
		data.Rows = append(data.Rows, out)
	}
	if len(data.Rows) == 0 {
		return
	}
	b := blocks.Block{Kind: blocks.Table, Span: blocks.Span{Start: data.Rows[0].Start, End: data.Rows[len(data.Rows)-1].End}, Table: data}
	b.Text = b.Span
	if outer != nil {
		outer.nested = append(outer.nested, b)
		return
	}
	if data.HeaderRows == 0 {
		data.HeaderRows = blocks.GuessHeaderRows(r.out.String(), data.Rows)
	}
	r.marks = append(r.marks, flow.Mark{Block: &b})
}

// finish returns the blocks of the part's text.
func (r *bodyReader) finish(text string) []blocks.Block {
	return flow.Assemble(text, r.marks)
}

// furniture turns the blocks of a header or footer part into page
// furniture, one block per line.
func furniture(bs []blocks.Block) []blocks.Block {
	out := bs[:0]
	for _, b := range bs {
		out = append(out, blocks.Block{Kind: blocks.Furniture, Span: b.Span, Text: b.Span})
	}
	return out
}
