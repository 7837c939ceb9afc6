// Package html turns an HTML document into the plain text a reader sees in
// a browser: no scripts, styles or head; paragraphs, headings, list items and
// other block elements on lines of their own; each table row on one line with
// " | " between the cells; ordered list items keep their number or letter
// ("a. ", "2. ") and unordered ones start with "- ".
package html

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/text"
)

// CellSeparator separates the cells of a table row.
const CellSeparator = " | "

// ErrParse is returned (wrapped) when the HTML parser gives up on a document,
// for example one nested deeper than the parser allows.
var ErrParse = errors.New("cannot parse HTML")

// Text returns the visible text of the HTML document src. It stops with
// the context's error when ctx is done.
func Text(ctx context.Context, src string) (string, error) {
	r, err := Read(ctx, src)
	return r.Text, err
}

// Result is an HTML document read: its visible text and its blocks.
type Result struct {
	// Text is what Text returns.
	Text string
	// Blocks is the document's structure with spans into Text: headings
	// (h1–h6), list items (depth and marker), tables (rows, cells with
	// column and row spans, header rows from thead or th, caption, tables
	// nested in cells), dt/dd pairs as labels, and the text of paragraphs
	// and other elements read line by line (blocks.FromLines).
	Blocks []blocks.Block
}

// checkBlocks makes Read fail on blocks that break blocks.Check instead of
// dropping them; tests set it.
var checkBlocks = false

// Read returns the visible text of the HTML document src and its blocks.
// It stops with the context's error when ctx is done.
func Read(ctx context.Context, src string) (Result, error) {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrParse, err)
	}
	w := &walker{ctx: ctx}
	w.children(root, &w.out)
	if w.err != nil {
		return Result{}, w.err
	}
	raw := w.out.b.String()
	trimmed := strings.TrimSpace(raw)
	text := trimmed + "\n"
	lead := 0
	if trimmed != "" {
		lead = strings.Index(raw, trimmed)
	}
	bs := w.out.finish(raw)
	blocks.Shift(bs, -lead)
	blocks.Remap(bs, func(o int) int { return min(max(o, 0), len(trimmed)) })
	blocks.Retrim(text, bs)
	if checkBlocks {
		if err := blocks.Check(text, bs); err != nil {
			return Result{}, err
		}
	}
	return Result{Text: text, Blocks: blocks.Tidy(text, bs)}, nil
}

// walker renders a node tree into text.
type walker struct {
	depth int // lists the walk is in
	ctx   context.Context
	nodes int
	err   error
	out   lines
}

// lines builds text in which inline white space collapses to one space and
// block boundaries become line ends, never more than one in a row.
type lines struct {
	b     strings.Builder
	space bool   // a space is due before the next word
	marks []mark // the structure written so far (see structure.go)
	open  []int  // indexes in marks of list items whose text has not ended
}

// text adds inline text, collapsing runs of white space.
func (l *lines) text(s string) {
	for _, f := range splitSpace(s) {
		if f == "" {
			l.space = true
			continue
		}
		if l.space && !l.atLineStart() {
			l.b.WriteByte(' ')
		}
		l.space = false
		l.b.WriteString(f)
	}
}

// raw adds preformatted text as it is.
func (l *lines) raw(s string) {
	if l.space && !l.atLineStart() {
		l.b.WriteByte(' ')
	}
	l.space = false
	l.b.WriteString(strings.ReplaceAll(s, "\r\n", "\n"))
}

// newline ends the current line, if it has anything on it.
func (l *lines) newline() {
	l.space = false
	if !l.atLineStart() {
		l.b.WriteByte('\n')
	}
}

// blankLine ends the current line and adds an empty line, unless the
// text is empty or ends with an empty line already.
func (l *lines) blankLine() {
	l.newline()
	s := l.b.String()
	if s != "" && !strings.HasSuffix(s, "\n\n") {
		l.b.WriteByte('\n')
	}
}

func (l *lines) atLineStart() bool {
	s := l.b.String()
	return s == "" || s[len(s)-1] == '\n'
}

// splitSpace splits s at runs of HTML white space; an empty string in the
// result stands for a run of white space.
func splitSpace(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexFunc(s, isSpace)
		if i < 0 {
			out = append(out, s)
			break
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		j := strings.IndexFunc(s[i:], func(r rune) bool { return !isSpace(r) })
		out = append(out, "")
		if j < 0 {
			break
		}
		s = s[i+j:]
	}
	return out
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// skipped are elements whose content a reader does not see.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
	atom.Select: true, atom.Datalist: true, atom.Map: true, atom.Title: true,
}

// blockElems are elements that start and end a line.
var blockElems = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Legend: true, atom.Main: true, atom.Menu: true, atom.Nav: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Caption: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Table: true, atom.Tr: true,
	atom.Html: true, atom.Br: true,
}

// hidden reports whether an element is not displayed: the hidden attribute,
// or an inline style with display:none or visibility:hidden.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// stopped counts a node and reports whether the walk must stop.
func (w *walker) stopped() bool {
	if w.err != nil {
		return true
	}
	w.nodes++
	if w.nodes%1024 == 0 {
		if err := w.ctx.Err(); err != nil {
			w.err = err
			return true
		}
	}
	return false
}

func (w *walker) children(n *html.Node, out *lines) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, out)
	}
}

func (w *walker) node(n *html.Node, out *lines) {
	if w.stopped() {
		return
	}
	switch n.Type {
	case html.TextNode:
		out.text(n.Data)
		return
	case html.DocumentNode:
		w.children(n, out)
		return
	case html.ElementNode:
	default:
		return
	}
	if skipped[n.DataAtom] || hidden(n) {
		return
	}
	switch n.DataAtom {
	case atom.Table:
		// A blank line before and after a table marks where it starts and
		// ends, as in a plain-text rendering; nested tables are rows of
		// their cell.
		out.closeItems()
		out.blankLine()
		t := &table{}
		w.table(n, out, t)
		out.addTable(t)
		out.blankLine()
		return
	case atom.Ol, atom.Ul:
		out.closeItems()
		out.newline()
		w.depth++
		w.list(n, out)
		w.depth--
		out.newline()
		return
	case atom.Pre:
		out.newline()
		w.pre(n, out)
		out.newline()
		return
	case atom.Br:
		out.newline()
		return
	case atom.Input:
		if t, _ := attr(n, "type"); strings.EqualFold(t, "checkbox") {
			if _, checked := attr(n, "checked"); checked {
				out.text("☒ ")
			} else {
				out.text("☐ ")
			}
		}
		return
	case atom.Td, atom.Th:
		// A cell outside a row (the parser keeps stray cells in some
		// broken documents): its text, set off by spaces.
		out.text(" ")
		w.children(n, out)
		out.text(" ")
		return
	}
	block := blockElems[n.DataAtom]
	if block {
		out.newline()
	}
	start := out.b.Len()
	w.children(n, out)
	if kind, ok := marked[n.DataAtom]; ok {
		out.mark(kind, n.DataAtom, start, out.b.Len())
	}
	if block {
		out.newline()
	}
}

// pre adds the text of a preformatted element as it is.
func (w *walker) pre(n *html.Node, out *lines) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if w.stopped() {
			return
		}
		switch {
		case c.Type == html.TextNode:
			out.raw(c.Data)
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			out.raw("\n")
		case c.Type == html.ElementNode && !skipped[c.DataAtom] && !hidden(c):
			w.pre(c, out)
		}
	}
}

// table writes each row of a table on its own line, cells joined by
// CellSeparator; a caption gets its own line.
func (w *walker) table(n *html.Node, out *lines, t *table) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if w.stopped() {
			return
		}
		if c.Type != html.ElementNode || hidden(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Caption:
			out.newline()
			start := out.b.Len()
			w.children(c, out)
			t.caption = blocks.Span{Start: start, End: out.b.Len()}
			out.newline()
		case atom.Thead, atom.Tbody, atom.Tfoot:
			head := t.inHead
			t.inHead = c.DataAtom == atom.Thead
			w.table(c, out, t)
			t.inHead = head
		case atom.Tr:
			w.row(c, out, t)
		}
	}
}

// row writes one table row on one line.
func (w *walker) row(tr *html.Node, out *lines, t *table) {
	var cells []string
	var info []cellInfo
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) || hidden(c) {
			continue
		}
		var cell lines
		w.children(c, &cell)
		s, m := blocks.CollapseSpace(cell.b.String())
		cells = append(cells, s)
		info = append(info, cellInfo{th: c.DataAtom == atom.Th, colSpan: span(c, "colspan"), rowSpan: span(c, "rowspan"), nested: cell.nested(m)})
	}
	if strings.TrimSpace(strings.Join(cells, "")) == "" {
		return
	}
	out.newline()
	t.addRow(out.b.Len(), cells, info)
	out.raw(strings.Join(cells, CellSeparator))
	out.newline()
}

// list writes each item of an ordered or unordered list on its own line,
// starting with its number or letter, or "- " for an unordered list.
func (w *walker) list(n *html.Node, out *lines) {
	ordered := n.DataAtom == atom.Ol
	style, _ := attr(n, "type")
	num := 1
	if s, ok := attr(n, "start"); ok {
		if v, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			num = v
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if w.stopped() {
			return
		}
		if c.Type != html.ElementNode {
			if c.Type == html.TextNode {
				out.text(c.Data)
			}
			continue
		}
		if c.DataAtom != atom.Li {
			w.node(c, out)
			continue
		}
		if hidden(c) {
			continue
		}
		if v, ok := attr(c, "value"); ok {
			if x, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				num = x
			}
		}
		out.newline()
		marker := "-"
		if ordered {
			marker = Label(num, style)
		}
		start := out.b.Len()
		out.raw(marker + " ")
		item := out.openItem(start, out.b.Len(), marker, w.depth-1)
		w.children(c, out)
		out.closeItem(item)
		out.newline()
		num++
	}
}

// Label formats the number n of an ordered list item in the list style of
// HTML's type attribute ("1", "a", "A", "i", "I"), followed by a period.
func Label(n int, style string) string {
	switch style {
	case "a":
		return text.Letters(n, false) + "."
	case "A":
		return text.Letters(n, true) + "."
	case "i":
		return strings.ToLower(text.Roman(n)) + "."
	case "I":
		return text.Roman(n) + "."
	}
	return strconv.Itoa(n) + "."
}
