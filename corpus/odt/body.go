package odt

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/corpus/internal/flow"
)

// skipped elements hold no text of the document as it reads: deleted
// text of tracked changes, comments, note numbers, the templates of
// indexes, field declarations, scripts and forms.
var skipped = map[string]bool{
	"tracked-changes": true, "annotation": true, "annotation-end": true, "note-citation": true,
	"sequence-decls": true, "variable-decls": true, "user-field-decls": true,
	"table-of-content-source": true, "alphabetical-index-source": true, "illustration-index-source": true,
	"table-index-source": true, "object-index-source": true, "user-index-source": true, "bibliography-source": true,
	"scripts": true, "forms": true, "font-face-decls": true, "desc": true, "title": true, "number": true,
}

// node is one top-level piece of the body: a paragraph or a table.
type node struct {
	para  *flow.Para
	table []flow.Row
}

// para is one paragraph being read.
type para struct {
	b        strings.Builder
	heading  int
	label    string
	level    int
	deferred []flow.Para // paragraphs of text boxes and the like inside it
}

// listCtx is one open list.
type listCtx struct {
	style   string
	c       *counters
	restart int  // start-value of the current item
	labeled bool // the current item's first paragraph has its label
	header  bool // the current item is a list header (no label)
}

// tbl is one table being read.
type tbl struct {
	rows     []flow.Row
	row      *flow.Row
	rowRep   int
	cell     *strings.Builder
	cellSpec flow.Cell
	cellRep  int
	header   int // depth inside table-header-rows
}

// reader turns the XML of content.xml (or styles.xml) into nodes.
type reader struct {
	d      *doc
	styles bool // reading styles.xml: styles and master pages only
	skip   int
	body   int // depth inside office:text
	// styles
	curStyle *style
	curList  *listStyle
	// master pages
	header, footer   int
	headers, footers []flow.Para
	// body
	paras  []*para
	lists  []*listCtx
	tables []*tbl
	note   int
	notes  []flow.Para
	out    []node
	err    error
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func attrInt(se xml.StartElement, local string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(attr(se, local)))
	return n
}

func (r *reader) token(_ *xml.Decoder, t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		r.start(t)
	case xml.EndElement:
		r.end(t.Name.Local)
	case xml.CharData:
		if r.skip == 0 && len(r.paras) > 0 {
			r.paras[len(r.paras)-1].b.Write(t)
		}
	}
	return r.err
}

func (r *reader) write(s string) {
	if r.skip == 0 && len(r.paras) > 0 {
		r.paras[len(r.paras)-1].b.WriteString(s)
	}
}

func (r *reader) start(t xml.StartElement) {
	name := t.Name.Local
	if r.skip > 0 || skipped[name] {
		r.skip++
		return
	}
	switch name {
	case "style":
		if attr(t, "family") == "paragraph" {
			s := &style{parent: attr(t, "parent-style-name"), list: attr(t, "list-style-name"), name: attr(t, "display-name")}
			if n := attrInt(t, "default-outline-level"); n > 0 {
				s.outline = min(n, 6)
			}
			r.d.styles[attr(t, "name")] = s
		}
	case "list-style":
		r.curList = &listStyle{}
		r.d.listStyles[attr(t, "name")] = r.curList
	case "outline-style":
		r.curList = &listStyle{}
		r.d.outline = r.curList
	case "list-level-style-number", "outline-level-style", "list-level-style-bullet", "list-level-style-image":
		if l := attrInt(t, "level"); r.curList != nil && l >= 1 && l <= 10 {
			r.curList.levels[l] = &listLevel{bullet: name == "list-level-style-bullet" || name == "list-level-style-image",
				format: attr(t, "num-format"), prefix: attr(t, "num-prefix"), suffix: attr(t, "num-suffix"),
				display: attrInt(t, "display-levels"), listFormat: attr(t, "num-list-format"), start: attrInt(t, "start-value")}
		}
	case "header", "header-left", "header-first":
		if r.styles && t.Name.Space != "" && strings.Contains(t.Name.Space, "style") {
			r.header++
		}
	case "footer", "footer-left", "footer-first":
		if r.styles && strings.Contains(t.Name.Space, "style") {
			r.footer++
		}
	case "text":
		if !r.styles && strings.Contains(t.Name.Space, "office") {
			r.body++
		}
	case "note-body":
		r.note++
	case "p", "h":
		if !r.inText() {
			return
		}
		p := &para{}
		styleName := attr(t, "style-name")
		if name == "h" {
			p.heading = attrInt(t, "outline-level")
			if p.heading <= 0 {
				p.heading = max(r.d.headingLevel(styleName), 1)
			}
		} else {
			p.heading = r.d.headingLevel(styleName)
		}
		p.heading = min(p.heading, 6)
		if l := r.list(); l != nil && !l.labeled && len(r.paras) == 0 {
			l.labeled = true
			if !l.header {
				p.label = label(r.d.listStyles[l.style], l.c, len(r.lists), l.restart)
				p.level = len(r.lists) - 1
			}
		} else if name == "h" && r.d.outline != nil && len(r.paras) == 0 {
			p.label = label(r.d.outline, &r.d.outlineC, p.heading, 0)
		}
		r.paras = append(r.paras, p)
	case "s":
		r.write(strings.Repeat(" ", min(max(attrInt(t, "c"), 1), 1000)))
	case "tab":
		r.write("\t")
	case "line-break":
		r.write("\n")
	case "list":
		if !r.inText() {
			return
		}
		if len(r.lists) >= maxDepth {
			r.err = fmt.Errorf("%w: lists nested more than %d deep", ErrTooLarge, maxDepth)
			return
		}
		l := &listCtx{style: attr(t, "style-name")}
		if outer := r.list(); outer != nil {
			if l.style == "" {
				l.style = outer.style
			}
			l.c = outer.c
		} else {
			if id := attr(t, "continue-list"); id != "" {
				l.c = r.d.lists[id]
				if l.c == nil {
					l.c = r.d.lastOfStyle[l.style]
				}
			} else if attr(t, "continue-numbering") == "true" {
				l.c = r.d.lastOfStyle[l.style]
			}
			if l.c == nil {
				l.c = &counters{}
			}
			r.d.lastOfStyle[l.style] = l.c
		}
		if id := attr(t, "id"); id != "" {
			r.d.lists[id] = l.c
		}
		r.lists = append(r.lists, l)
	case "list-item", "list-header":
		if l := r.list(); l != nil {
			l.labeled, l.header, l.restart = false, name == "list-header", attrInt(t, "start-value")
		}
	case "table":
		if !r.inText() || t.Name.Space == "" || !strings.Contains(t.Name.Space, "table") {
			return
		}
		if len(r.tables) >= maxDepth {
			r.err = fmt.Errorf("%w: tables nested more than %d deep", ErrTooLarge, maxDepth)
			return
		}
		r.tables = append(r.tables, &tbl{})
	case "table-header-rows":
		if tb := r.table(); tb != nil {
			tb.header++
		}
	case "table-row":
		if tb := r.table(); tb != nil {
			tb.row = &flow.Row{Header: tb.header > 0}
			tb.rowRep = max(attrInt(t, "number-rows-repeated"), 1)
		}
	case "table-cell", "covered-table-cell":
		if tb := r.table(); tb != nil && tb.row != nil {
			tb.cell = &strings.Builder{}
			tb.cellSpec = flow.Cell{ColSpan: attrInt(t, "number-columns-spanned"), RowSpan: attrInt(t, "number-rows-spanned"), Covered: name == "covered-table-cell"}
			tb.cellRep = max(attrInt(t, "number-columns-repeated"), 1)
		}
	}
}

// inText reports whether the reader is where text is collected: the body
// of content.xml, or a header or footer of styles.xml.
func (r *reader) inText() bool {
	if r.styles {
		return r.header > 0 || r.footer > 0
	}
	return r.body > 0
}

func (r *reader) list() *listCtx {
	if len(r.lists) == 0 {
		return nil
	}
	return r.lists[len(r.lists)-1]
}

func (r *reader) table() *tbl {
	if len(r.tables) == 0 {
		return nil
	}
	return r.tables[len(r.tables)-1]
}

// maxRepeat bounds the copies of a repeated row or cell written.
const maxRepeat = 64

func (r *reader) end(name string) {
	if r.skip > 0 {
		r.skip--
		return
	}
	switch name {
	case "list-style", "outline-style":
		r.curList = nil
	case "header", "header-left", "header-first":
		if r.header > 0 {
			r.header--
		}
	case "footer", "footer-left", "footer-first":
		if r.footer > 0 {
			r.footer--
		}
	case "text":
		if r.body > 0 {
			r.body--
		}
	case "note-body":
		if r.note > 0 {
			r.note--
		}
	case "p", "h":
		r.endParagraph()
	case "list":
		if len(r.lists) > 0 {
			r.lists = r.lists[:len(r.lists)-1]
		}
	case "table-header-rows":
		if tb := r.table(); tb != nil && tb.header > 0 {
			tb.header--
		}
	case "table-cell", "covered-table-cell":
		if tb := r.table(); tb != nil && tb.row != nil && tb.cell != nil {
			c := tb.cellSpec
			c.Text = tb.cell.String()
			n := tb.cellRep
			if c.Text != "" || c.Covered {
				n = 1 // only empty cells are repeated to fill a row
			}
			for range min(n, maxRepeat) {
				tb.row.Cells = append(tb.row.Cells, c)
			}
			tb.cell = nil
		}
	case "table-row":
		if tb := r.table(); tb != nil && tb.row != nil {
			for range min(tb.rowRep, maxRepeat) {
				tb.rows = append(tb.rows, *tb.row)
			}
			tb.row = nil
		}
	case "table":
		tb := r.table()
		if tb == nil {
			return
		}
		r.tables = r.tables[:len(r.tables)-1]
		if outer := r.table(); outer != nil {
			// A nested table is read as part of its cell's text.
			if outer.cell != nil {
				for _, row := range tb.rows {
					var cells []string
					for _, c := range row.Cells {
						if !c.Covered {
							cells = append(cells, strings.TrimSpace(c.Text))
						}
					}
					appendText(outer.cell, strings.Join(cells, flow.CellSeparator))
				}
			}
			return
		}
		if len(r.paras) > 0 {
			return // a table inside a paragraph (a frame): its text is lost
		}
		r.out = append(r.out, node{table: tb.rows})
	}
}

// appendText adds a line to a cell's text, a space between lines.
func appendText(b *strings.Builder, s string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(s)
}

// endParagraph finishes the innermost paragraph and sends it where it
// belongs: the paragraph around it (a text box), a table cell, the notes,
// a header or footer, or the body.
func (r *reader) endParagraph() {
	if len(r.paras) == 0 {
		return
	}
	p := r.paras[len(r.paras)-1]
	r.paras = r.paras[:len(r.paras)-1]
	fp := flow.Para{Text: strings.Trim(p.b.String(), " \t\r\n"), Heading: p.heading, Label: p.label, Level: p.level}
	all := append([]flow.Para{fp}, p.deferred...)
	if r.note > 0 {
		for _, q := range all {
			if q.Text != "" {
				r.notes = append(r.notes, flow.Para{Text: q.Text})
			}
		}
		return
	}
	if outer := r.cur(); outer != nil {
		outer.deferred = append(outer.deferred, all...)
		return
	}
	for _, q := range all {
		switch {
		case q.Text == "":
		case r.table() != nil:
			if tb := r.table(); tb.cell != nil {
				t := q.Text
				if q.Label != "" {
					t = q.Label + " " + t
				}
				appendText(tb.cell, t)
			}
		case r.header > 0:
			r.headers = append(r.headers, q)
		case r.footer > 0:
			r.footers = append(r.footers, q)
		default:
			r.out = append(r.out, node{para: &q})
		}
	}
}

func (r *reader) cur() *para {
	if len(r.paras) == 0 {
		return nil
	}
	return r.paras[len(r.paras)-1]
}

// flush writes the body's nodes.
func (r *reader) flush(w *flow.Writer) {
	for _, n := range r.out {
		if n.para != nil {
			w.Paragraph(*n.para)
		} else {
			w.Table(n.table)
		}
	}
}
