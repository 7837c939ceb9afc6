package docx

import (
	"encoding/xml"
	"strings"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/flow"
)

// skippedElements hold no visible text of the current version of the
// document: the fallback copy of alternate content (the text box is read
// from the choice), text moved away, old properties of tracked changes and
// field instructions.
var skippedElements = map[string]bool{
	"Fallback": true, "moveFrom": true, "pPrChange": true, "rPrChange": true,
	"sectPrChange": true, "tblPrChange": true, "trPrChange": true, "tcPrChange": true,
	"numberingChange": true, "instrText": true, "delInstrText": true, "delText": true,
	"footnoteReference": true, "endnoteReference": true,
}

// symbols maps the Wingdings characters Word uses for check boxes.
var symbols = map[string]string{
	"F0A8": "☐", "F06F": "☐", "F071": "☐", "F0FE": "☒", "F078": "☒", "F0FD": "☒", "F0FC": "✓",
}

// bodyReader turns the XML of a document, header, footer or notes part
// into lines of text.
type bodyReader struct {
	p      *paragraphs
	out    strings.Builder
	paras  []*para  // open paragraphs (text boxes nest them)
	tables []*table // open tables
	skip   int      // depth inside a skipped element
	inText bool     // inside w:t
	hidden bool     // current run is hidden (w:vanish)
	inRun  bool
	inRPr  bool
	inPPr  int         // depth of paragraph properties of the innermost paragraph
	marks  []flow.Mark // the structure of out, in order (see structure.go)
}

// para is one paragraph being read.
type para struct {
	b        strings.Builder
	numID    string
	ilvl     int
	hasNum   bool
	style    string
	outline  int      // w:outlineLvl + 1 of the paragraph itself; 0 when none
	deferred []string // paragraphs of text boxes inside it
}

// table is one table being read.
type table struct {
	rows []string
	row  []string
	cell *strings.Builder
	// The structure beside the text: each kept row's cells, and the
	// properties of the row and cell being read.
	recs   []rowRec
	rec    rowRec
	span   int  // w:gridSpan of the current cell
	vMerge int  // 1 restart, 2 continue, 0 none
	header bool // w:tblHeader of the current row
	nested []blocks.Block
}

// body reads the paragraphs and tables of the part name: its text and
// its blocks.
func (a *archive) body(name string, p *paragraphs) (string, []blocks.Block, error) {
	r := &bodyReader{p: p}
	if err := a.Decode(name, r.token); err != nil {
		return "", nil, err
	}
	text := r.out.String()
	return text, r.finish(text), nil
}

func (r *bodyReader) token(_ *xml.Decoder, t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		r.start(t)
	case xml.EndElement:
		r.end(t.Name.Local)
	case xml.CharData:
		if r.inText && r.skip == 0 && !r.hidden && len(r.paras) > 0 {
			r.paras[len(r.paras)-1].b.Write(t)
		}
	}
	return nil
}

func (r *bodyReader) cur() *para {
	if len(r.paras) == 0 {
		return nil
	}
	return r.paras[len(r.paras)-1]
}

func (r *bodyReader) write(s string) {
	if p := r.cur(); p != nil && r.skip == 0 && !r.hidden {
		p.b.WriteString(s)
	}
}

func (r *bodyReader) start(t xml.StartElement) {
	name := t.Name.Local
	if r.skip > 0 || skippedElements[name] {
		r.skip++
		return
	}
	switch name {
	case "footnote", "endnote":
		// Separators are lines, not notes.
		if typ, _ := attrVal(t, "type"); typ != "" && typ != "normal" {
			r.skip++
		}
	case "p":
		r.paras = append(r.paras, &para{})
	case "pPr":
		r.inPPr++
	case "pStyle":
		if p := r.cur(); p != nil && r.inPPr > 0 {
			p.style, _ = attrVal(t, "val")
		}
	case "numId":
		if p := r.cur(); p != nil && r.inPPr > 0 {
			p.numID, _ = attrVal(t, "val")
			p.hasNum = true
		}
	case "ilvl":
		if p := r.cur(); p != nil && r.inPPr > 0 {
			p.ilvl, _ = attrInt(t, "val")
		}
	case "outlineLvl":
		if p := r.cur(); p != nil && r.inPPr > 0 {
			if v, ok := attrInt(t, "val"); ok && v >= 0 && v < 9 {
				p.outline = v + 1
			}
		}
	case "gridSpan":
		if tb := r.table(); tb != nil && tb.cell != nil {
			if v, ok := attrInt(t, "val"); ok && v > 1 {
				tb.span = min(v, 64)
			}
		}
	case "vMerge":
		if tb := r.table(); tb != nil && tb.cell != nil {
			if v, _ := attrVal(t, "val"); v == "restart" {
				tb.vMerge = 1
			} else {
				tb.vMerge = 2
			}
		}
	case "tblHeader":
		if tb := r.table(); tb != nil {
			tb.header = onOff(t)
		}
	case "r":
		r.inRun, r.hidden = true, false
	case "rPr":
		r.inRPr = true
	case "vanish", "webHidden", "specVanish":
		if r.inRun && r.inRPr && onOff(t) {
			r.hidden = true
		}
	case "t":
		r.inText = true
	case "tab":
		if r.inRun {
			r.write("\t")
		}
	case "br", "cr":
		r.write("\n")
	case "noBreakHyphen":
		r.write("-")
	case "sym":
		c, _ := attrVal(t, "char")
		if s, ok := symbols[strings.ToUpper(c)]; ok {
			r.write(s)
		}
	case "tbl":
		r.tables = append(r.tables, &table{})
	case "tr":
		if tb := r.table(); tb != nil {
			tb.row = nil
			tb.rec = rowRec{}
			tb.header = false
		}
	case "tc":
		if tb := r.table(); tb != nil {
			tb.cell = &strings.Builder{}
			tb.span, tb.vMerge, tb.nested = 1, 0, nil
		}
	}
}

func (r *bodyReader) table() *table {
	if len(r.tables) == 0 {
		return nil
	}
	return r.tables[len(r.tables)-1]
}

func (r *bodyReader) end(name string) {
	if r.skip > 0 {
		r.skip--
		return
	}
	switch name {
	case "p":
		r.endParagraph()
	case "pPr":
		r.inPPr--
	case "r":
		r.inRun, r.hidden = false, false
	case "rPr":
		r.inRPr = false
	case "t":
		r.inText = false
	case "tc":
		if tb := r.table(); tb != nil && tb.cell != nil {
			text, m := blocks.CollapseSpace(tb.cell.String())
			tb.row = append(tb.row, text)
			blocks.Remap(tb.nested, m.Map)
			tb.rec.cells = append(tb.rec.cells, cellRec{text: text, span: tb.span, vMerge: tb.vMerge, nested: tb.nested})
			tb.cell, tb.nested = nil, nil
		}
	case "tr":
		if tb := r.table(); tb != nil {
			if strings.TrimSpace(strings.Join(tb.row, "")) != "" {
				tb.rows = append(tb.rows, strings.Join(tb.row, CellSeparator))
				tb.rec.header = tb.header
				tb.recs = append(tb.recs, tb.rec)
			}
			tb.row = nil
			tb.rec = rowRec{}
		}
	case "tbl":
		tb := r.table()
		r.tables = r.tables[:len(r.tables)-1]
		if len(r.tables) == 0 && len(tb.rows) > 0 {
			// A blank line before and after a table marks where it starts
			// and ends, as in a plain-text rendering.
			r.blankLine()
			defer r.blankLine()
		}
		r.emitTable(tb)
	}
}

// endParagraph finishes the innermost paragraph: its list label, its text,
// then the paragraphs of any text boxes anchored in it.
func (r *bodyReader) endParagraph() {
	p := r.cur()
	if p == nil {
		return
	}
	r.paras = r.paras[:len(r.paras)-1]
	numID, ilvl, numbered := p.numID, p.ilvl, p.hasNum
	if !numbered && p.style != "" {
		numID, ilvl, numbered = r.p.styleNumbering(p.style)
	}
	line := strings.TrimRight(p.b.String(), " \t\n")
	line = strings.TrimLeft(line, "\n")
	label := ""
	if numbered {
		if lbl := r.p.label(numID, ilvl); lbl != "" && line != "" {
			line = lbl + strings.TrimLeft(line, " \t")
			label = lbl
		}
	}
	var lines []string
	if line != "" {
		lines = append(lines, line)
	}
	lines = append(lines, p.deferred...)
	if outer := r.cur(); outer != nil {
		outer.deferred = append(outer.deferred, lines...)
		return
	}
	for i, l := range lines {
		start := r.out.Len()
		r.emit(l)
		if r.table() != nil {
			continue // a paragraph in a cell is part of the cell's text
		}
		sp := blocks.Span{Start: start, End: start + len(l)}
		if i == 0 && line != "" {
			r.markParagraph(p, sp, label, ilvl)
			continue
		}
		r.marks = append(r.marks, flow.Mark{Region: sp})
	}
}

// blankLine ends a block with an empty line, unless the output is empty or
// ends with one already.
func (r *bodyReader) blankLine() {
	s := r.out.String()
	if s != "" && !strings.HasSuffix(s, "\n\n") {
		r.out.WriteByte('\n')
	}
}

// emit writes one finished line into the open table cell, or as a line of
// the output.
func (r *bodyReader) emit(line string) {
	if tb := r.table(); tb != nil {
		if tb.cell != nil {
			if tb.cell.Len() > 0 {
				tb.cell.WriteByte(' ')
			}
			tb.cell.WriteString(line)
		}
		return
	}
	r.out.WriteString(line)
	r.out.WriteByte('\n')
}
