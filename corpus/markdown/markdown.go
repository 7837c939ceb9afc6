// Package markdown builds the block model of a plain-text or Markdown
// document. Markdown structure — "#" and underlined headings, lists with
// their nesting, GitHub pipe tables, code blocks, block quotes — comes from
// goldmark (github.com/yuin/goldmark), a maintained CommonMark parser whose
// nodes keep byte segments into the source, so every block maps back to
// the text exactly. The lines inside goldmark's paragraphs, which in the
// "markdown-like" text of exported agreements hold tab-separated rows,
// loose "|" rows, "Label: value" lines and "Artikel 3" headings with no
// blank line around them, are read by blocks.FromLines.
package markdown

import (
	"regexp"
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
)

// md parses Markdown with GFM tables; built on first use, so that a process
// reading no Markdown does not pay for it.
var md = sync.OnceValue(func() goldmark.Markdown { return goldmark.New(goldmark.WithExtensions(extension.Table)) })

// Blocks returns the blocks of text[start:end] (one page of a text file)
// in document order, with spans into text. Page is left 0.
func Blocks(text string, start, end int) []blocks.Block {
	if start < 0 || end > len(text) || start >= end {
		return nil
	}
	src := []byte(text[start:end])
	doc := md().Parser().Parse(gtext.NewReader(src), parser.WithContext(parser.NewContext()))
	b := &builder{text: text, base: start, src: src}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		b.node(n, 0)
	}
	b.titleItems()
	b.shortHeadings()
	return blocks.Tidy(b.text, b.out)
}

// builder walks goldmark's tree.
type builder struct {
	text string
	base int // offset of src in text
	src  []byte
	out  []blocks.Block
	// single marks list items that were alone in their ordered list.
	single map[int]bool
}

// span maps a goldmark segment to a span of text.
func (b *builder) span(s gtext.Segment) blocks.Span {
	return blocks.Span{Start: b.base + s.Start, End: b.base + s.Stop}
}

// lineOf returns the span of the whole line (without its end) holding
// offset off of text.
func (b *builder) lineOf(off int) blocks.Span {
	lo := strings.LastIndexByte(b.text[b.base:off], '\n') + 1 + b.base
	hi := strings.IndexByte(b.text[off:b.base+len(b.src)], '\n')
	if hi < 0 {
		hi = b.base + len(b.src)
	} else {
		hi += off
	}
	return blocks.Span{Start: lo, End: hi}
}

// lines returns the spans of a block node's lines, each trimmed of its
// line end.
func (b *builder) lines(n ast.Node) []blocks.Span {
	ls := n.Lines()
	out := make([]blocks.Span, 0, ls.Len())
	for i := 0; i < ls.Len(); i++ {
		sp := b.span(ls.At(i))
		for sp.End > sp.Start && (b.text[sp.End-1] == '\n' || b.text[sp.End-1] == '\r') {
			sp.End--
		}
		out = append(out, sp)
	}
	return out
}

func (b *builder) add(bs ...blocks.Block) { b.out = append(b.out, bs...) }

// node adds the blocks of one goldmark block node at list depth depth.
func (b *builder) node(n ast.Node, depth int) {
	switch n := n.(type) {
	case *ast.Heading:
		b.heading(n)
	case *ast.Paragraph, *ast.TextBlock, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		b.add(blocks.FromLines(b.text, b.lines(n))...)
	case *ast.List:
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			if li, ok := it.(*ast.ListItem); ok {
				b.item(n, li, depth)
			}
		}
	case *east.Table:
		b.table(n)
	case *ast.ThematicBreak:
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			b.node(c, depth)
		}
	}
}

// heading adds an ATX or setext heading; a number or "Artikel 3" before
// its title becomes its Marker.
func (b *builder) heading(h *ast.Heading) {
	ls := b.lines(h)
	if len(ls) == 0 {
		return // "#" alone: no title to hold
	}
	title := blocks.Span{Start: ls[0].Start, End: ls[len(ls)-1].End}
	first := b.lineOf(title.Start)
	span := blocks.Span{Start: first.Start, End: b.lineOf(title.End).End}
	if !strings.HasPrefix(strings.TrimLeft(first.In(b.text), " "), "#") && isSetext(b.text, title.End) {
		span.End = b.lineOf(span.End + 1).End
	}
	blk := blocks.Block{Kind: blocks.Heading, Span: trim(b.text, span), Level: h.Level}
	blk.Marker, title = blocks.SplitHeading(b.text, title)
	blk.Text = title
	b.add(blk)
}

// isSetext reports whether the line after offset off is a setext underline.
func isSetext(text string, off int) bool {
	i := strings.IndexByte(text[off:], '\n')
	if i < 0 {
		return false
	}
	rest := text[off+i+1:]
	if j := strings.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	rest = strings.TrimSpace(rest)
	return rest != "" && (strings.Trim(rest, "=") == "" || strings.Trim(rest, "-") == "")
}

var reSubMarker = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\(?[a-z]{1,2}[.)]|\(?\d{1,3}[.)]|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))\s+`)
})

// item adds one list item and what it holds.
func (b *builder) item(list *ast.List, li *ast.ListItem, depth int) {
	first := li.FirstChild()
	var content []blocks.Span
	if first != nil && (first.Kind() == ast.KindParagraph || first.Kind() == ast.KindTextBlock) {
		content = b.lines(first)
	}
	var markerStart, contentStart int
	if len(content) > 0 {
		contentStart = content[0].Start
		markerStart = trim(b.text, blocks.Span{Start: b.lineOf(contentStart).Start, End: contentStart}).Start
	} else {
		// An empty item: find its marker from where the list item sits.
		markerStart = b.itemStart(li)
		contentStart = markerStart
		for contentStart < len(b.text) && b.text[contentStart] != '\n' && b.text[contentStart] != ' ' && b.text[contentStart] != '\t' {
			contentStart++
		}
	}
	marker := strings.TrimSpace(b.text[markerStart:contentStart])
	// A lettered or numbered marker after a bullet ("- a. Betrokkene").
	if len(content) > 0 {
		if m := reSubMarker().FindStringSubmatchIndex(content[0].In(b.text)); m != nil && m[1] < content[0].Len() {
			marker = content[0].In(b.text)[m[2]:m[3]]
			content[0].Start += m[1]
		}
	}
	blk := blocks.Block{Kind: blocks.ListItem, Level: depth, Marker: marker}
	var rest []blocks.Block
	if len(content) > 0 {
		got := blocks.FromLines(b.text, content)
		if len(got) > 0 && got[0].Kind == blocks.Paragraph && got[0].Start == trim(b.text, content[0]).Start {
			blk.Text = got[0].Text
			rest = got[1:]
		} else {
			blk.Text = trim(b.text, content[0])
			rest = blocks.FromLines(b.text, content[1:])
		}
	} else {
		blk.Text = blocks.Span{Start: contentStart, End: contentStart}
	}
	blk.Span = blocks.Span{Start: markerStart, End: max(blk.Text.End, contentStart)}
	if list.IsOrdered() && list.ChildCount() == 1 {
		if b.single == nil {
			b.single = map[int]bool{}
		}
		b.single[len(b.out)] = true
	}
	b.add(blk)
	b.add(rest...)
	if first == nil {
		return
	}
	for c := first; c != nil; c = c.NextSibling() {
		if c == first && len(content) > 0 {
			continue
		}
		b.node(c, depth+1)
	}
}

// itemStart finds the first byte of an empty list item's marker.
func (b *builder) itemStart(li *ast.ListItem) int {
	if p := li.PreviousSibling(); p != nil {
		if end := b.lastEnd(p); end >= 0 {
			return skipSpace(b.text, b.lineOf(end).End+1)
		}
	}
	if end := b.lastEnd(li.Parent().PreviousSibling()); end >= 0 {
		return skipSpace(b.text, b.lineOf(end).End+1)
	}
	return skipSpace(b.text, b.base)
}

// lastEnd returns the end offset of the last line of n or its descendants, -1 when none.
func (b *builder) lastEnd(n ast.Node) int {
	if n == nil {
		return -1
	}
	end := -1
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		end = b.base + n.Lines().At(n.Lines().Len()-1).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		end = max(end, b.lastEnd(c))
	}
	return end
}

func skipSpace(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
		i++
	}
	return i
}

// titleItems turns an ordered list's only item that reads as a title
// ("3. Bewaartermijnen") and is followed by something other than a list
// item into a heading.
func (b *builder) titleItems() {
	for i := range b.out {
		if !b.single[i] {
			continue
		}
		blk := &b.out[i]
		t := blk.Text.In(b.text)
		if !titleLike(t) || i+1 < len(b.out) && b.out[i+1].Kind == blocks.ListItem || i > 0 && b.introduces(b.out[i-1]) {
			continue
		}
		blk.Kind, blk.Level, blk.Marker = blocks.Heading, 2, strings.TrimRight(blk.Marker, ")")
		blk.Text = stripEmphasis(b.text, blk.Text)
	}
}

// introduces reports whether block p is a paragraph ending in a colon,
// which opens an enumeration rather than a section.
func (b *builder) introduces(p blocks.Block) bool {
	return p.Kind == blocks.Paragraph && strings.HasSuffix(p.Text.In(b.text), ":")
}

// shortHeadings turns a paragraph of one short line that reads as a title
// ("Subverwerkers", "Informatie over Datalekken") into a level-4 heading
// when what follows is body text, a list or a table — not another short line.
func (b *builder) shortHeadings() {
	for i := range b.out {
		p := &b.out[i]
		if p.Kind != blocks.Paragraph || i+1 >= len(b.out) {
			continue
		}
		t := p.Text.In(b.text)
		if !titleLike(t) || len(strings.Fields(t)) > 6 || strings.ContainsAny(t, "0123456789:()|\t") {
			continue
		}
		next := b.out[i+1]
		if next.Kind == blocks.Heading || next.Kind == blocks.Paragraph && len(strings.Fields(next.Text.In(b.text))) < 8 {
			continue
		}
		p.Kind, p.Level = blocks.Heading, 4
		if i == 0 {
			p.Level = 1 // the document's title
		}
		p.Text = stripEmphasis(b.text, p.Text)
	}
}

// titleLike reports whether s is a short line starting with a capital and
// not ending like a sentence.
func titleLike(s string) bool {
	s = strings.TrimSpace(strings.Trim(s, "*_"))
	if s == "" || strings.Contains(s, "\n") || len(strings.Fields(s)) > 8 || strings.ContainsAny(s[len(s)-1:], ".;,:!?") {
		return false
	}
	r := []rune(s)[0]
	return r >= 'A' && r <= 'Z' || r >= 'À' && r <= 'Ý'
}

// table adds a GitHub pipe table.
func (b *builder) table(t *east.Table) {
	tab := &blocks.TableData{}
	var span blocks.Span
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		row := blocks.Row{}
		col := 0
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Lines().Len() == 0 {
				continue // a cell goldmark added for a short row
			}
			sp := stripEmphasis(b.text, trim(b.text, b.span(c.Lines().At(0))))
			row.Cells = append(row.Cells, blocks.Cell{Span: sp, Col: col, ColSpan: 1, RowSpan: 1})
			col++
		}
		if len(row.Cells) == 0 {
			continue
		}
		line := trim(b.text, b.lineOf(row.Cells[0].Start))
		if i := strings.LastIndexByte(b.text[line.Start:row.Cells[0].Start], '|'); i >= 0 {
			line.Start += i // a row inside a list item starts at its pipe
		} else {
			line.Start = row.Cells[0].Start
		}
		row.Span = line
		if _, ok := r.(*east.TableHeader); ok {
			tab.HeaderRows++
		}
		if span.Empty() {
			span.Start = row.Start
		}
		span.End = row.End
		tab.Rows = append(tab.Rows, row)
	}
	if len(tab.Rows) == 0 {
		return
	}
	if n := len(b.out); n > 0 {
		tab.Caption, _ = blocks.CaptionOf(b.text, b.out[n-1], span)
	}
	b.add(blocks.Block{Kind: blocks.Table, Span: span, Text: span, Table: tab})
}

// trim trims white space from both ends of a span.
func trim(text string, sp blocks.Span) blocks.Span {
	for sp.Start < sp.End && strings.IndexByte(" \t\n\r\f", text[sp.Start]) >= 0 {
		sp.Start++
	}
	for sp.End > sp.Start && strings.IndexByte(" \t\n\r\f", text[sp.End-1]) >= 0 {
		sp.End--
	}
	return sp
}

// stripEmphasis removes "**", "__", "*" or "_" wrapped around a whole span.
func stripEmphasis(text string, sp blocks.Span) blocks.Span {
	for _, m := range []string{"**", "__", "*", "_"} {
		s := sp.In(text)
		if len(s) > 2*len(m) && strings.HasPrefix(s, m) && strings.HasSuffix(s, m) {
			return trim(text, blocks.Span{Start: sp.Start + len(m), End: sp.End - len(m)})
		}
	}
	return sp
}
