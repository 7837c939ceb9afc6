package blocks

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// AcrossPages applies what only the whole document shows to blocks built
// page by page (each with its Page set): a line repeated at the top or the
// bottom of most pages (a running header or footer, digits aside) and a
// page number alone on its line become Furniture; a table that ends one
// page and a table that starts the next, with the same columns or the
// same header row, become one table (the furniture between them is left
// out of the blocks, and a repeated header row out of the rows). pages are
// the pages' spans in text, in order.
func AcrossPages(text string, pages []Span, bs []Block) []Block {
	return joinTables(text, markFurniture(text, pages, bs))
}

var rePageNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:-\s*\d+\s*-|(?:pagina|page|blz\.?|p\.)?\s*\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?)$`)
})

// furnitureKey is a line's text with digits and white space folded, so
// that "Pagina 3 van 9" and "Pagina 4 van 9" are the same line.
func furnitureKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsDigit(r):
			if !strings.HasSuffix(b.String(), "#") {
				b.WriteByte('#')
			}
			space = false
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return b.String()
}

// edgeLines are how many lines at the top and at the bottom of a page are
// looked at for furniture.
const edgeLines = 2

// edges returns the spans of the first and last edgeLines non-blank lines
// of a page, trimmed (all of them when there are no more than twice
// edgeLines), reading the page's lines from the top and then from the
// bottom rather than splitting all of them.
func edges(text string, page Span) []Span {
	var ls []Span
	start, end := page.Start, page.End
	for start < end && len(ls) < edgeLines {
		e := end
		if i := strings.IndexByte(text[start:end], '\n'); i >= 0 {
			e = start + i
		}
		if l := trimSpan(text, Span{start, e}); edgeLine(l) {
			ls = append(ls, l)
		}
		start = e + 1
	}
	top := len(ls)
	for end > start && len(ls) < top+edgeLines {
		s := start
		if i := strings.LastIndexByte(text[start:end], '\n'); i >= 0 {
			s = start + i + 1
		}
		if l := trimSpan(text, Span{s, end}); edgeLine(l) {
			ls = append(ls, l)
		}
		end = s - 1
	}
	slices.Reverse(ls[top:])
	return ls
}

// edgeLine reports whether the trimmed line l may be furniture: not blank,
// and not longer than a header or footer line.
func edgeLine(l Span) bool { return !l.Empty() && l.Len() <= 160 }

// markFurniture finds the running headers and footers and the page
// numbers among the edge lines of the pages, and makes them Furniture
// blocks: a block that is such a line becomes one, a paragraph that starts
// or ends with one gives it up.
func markFurniture(text string, pages []Span, bs []Block) []Block {
	count := map[string]int{}
	pageEdges := make([][]Span, len(pages))
	for i, p := range pages {
		pageEdges[i] = edges(text, p)
		seen := map[string]bool{}
		for _, l := range pageEdges[i] {
			if k := furnitureKey(l.In(text)); !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	furn := map[Span]int{} // line → page
	for i, es := range pageEdges {
		for _, l := range es {
			if s := l.In(text); count[furnitureKey(s)] >= need || rePageNumber().MatchString(s) {
				furn[l] = i + 1
			}
		}
	}
	if len(furn) == 0 {
		return bs
	}
	out := make([]Block, 0, len(bs)+len(furn))
	for _, b := range bs {
		if _, ok := furn[trimSpan(text, b.Span)]; ok {
			out = append(out, Block{Kind: Furniture, Span: trimSpan(text, b.Span), Text: trimSpan(text, b.Span), Page: b.Page})
			continue
		}
		if b.Kind == Paragraph && strings.Contains(b.Span.In(text), "\n") {
			lines := SplitLines(text, b.Start, b.End)
			var head, tail []Block
			for len(lines) > 1 {
				l := trimSpan(text, lines[0])
				if _, ok := furn[l]; !ok {
					break
				}
				head = append(head, Block{Kind: Furniture, Span: l, Text: l, Page: b.Page})
				lines = lines[1:]
			}
			for len(lines) > 1 {
				l := trimSpan(text, lines[len(lines)-1])
				if _, ok := furn[l]; !ok {
					break
				}
				tail = append([]Block{{Kind: Furniture, Span: l, Text: l, Page: b.Page}}, tail...)
				lines = lines[:len(lines)-1]
			}
			if len(head)+len(tail) > 0 {
				rest := trimSpan(text, Span{lines[0].Start, lines[len(lines)-1].End})
				out = append(out, head...)
				out = append(out, Block{Kind: Paragraph, Span: rest, Text: rest, Page: b.Page})
				out = append(out, tail...)
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// joinTables joins a table that ends a page with one that starts the next.
func joinTables(text string, bs []Block) []Block {
	out := bs[:0]
	last := -1 // index in out of the last table that ended its page's content
	for _, b := range bs {
		if b.Kind == Furniture {
			out = append(out, b)
			continue
		}
		if b.Kind == Table && last >= 0 && b.Page == out[last].Page+1 && continues(text, out[last].Table, b.Table) {
			t := out[last].Table
			rows := b.Table.Rows
			if sameRow(text, t.Rows[0], rows[0]) && len(rows) > 1 {
				rows = rows[1:] // the header repeated on the new page
			}
			t.Rows = append(t.Rows, rows...)
			out[last].End = b.End
			out[last].Text.End = b.End
			out = out[:last+1] // the furniture between goes
			continue
		}
		out = append(out, b)
		last = -1
		if b.Kind == Table {
			last = len(out) - 1
		}
	}
	// last is reset by any non-furniture block, so only a table that is
	// the last content of its page can be continued.
	return out
}

// continues reports whether table b can be the continuation of table a:
// the same number of columns, or the same first row.
func continues(text string, a, b *TableData) bool {
	if a == nil || b == nil || len(a.Rows) == 0 || len(b.Rows) == 0 {
		return false
	}
	return a.Columns() == b.Columns() || sameRow(text, a.Rows[0], b.Rows[0])
}

func sameRow(text string, a, b Row) bool {
	if len(a.Cells) != len(b.Cells) {
		return false
	}
	for i := range a.Cells {
		if a.Cells[i].In(text) != b.Cells[i].In(text) {
			return false
		}
	}
	return true
}
