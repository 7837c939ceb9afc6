package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus"
)

// blocks returns the document's structure: the blocks its ingestor built,
// or, for a document read by an ingestor that builds none yet, coarse
// blocks read from its lines (linesAsBlocks). Computed once.
func (d *doc) blocks() []corpus.Block {
	if d.blockCache != nil {
		return d.blockCache
	}
	if len(d.Blocks) > 0 {
		d.blockCache = d.Blocks
	} else {
		d.blockCache = linesAsBlocks(d.text, d.outline)
		setPages(d.Document, d.blockCache)
	}
	return d.blockCache
}

// linesAsBlocks is the stop-gap block builder for documents whose ingestor
// fills no Document.Blocks: the outline's headings and Markdown "#" lines
// are headings, runs of pipe- or tab-separated lines are tables (a
// Markdown rule row "|---|" marks the row above it as the header), marked
// lines are list items, "Label: value" lines labels, and the other lines
// paragraphs that end at a blank line. Space-aligned columns are left to
// the line rules: without glyph positions they are too easily prose.
func linesAsBlocks(text string, outline []Section) []corpus.Block {
	headingAt := map[int]int{} // line start → level
	for _, s := range outline {
		if s.Kind == SectionTitle || s.Kind == SectionParties {
			continue
		}
		level := map[SectionKind]int{SectionAnnex: 1, SectionArticle: 2, SectionLetter: 3}[s.Kind]
		if level == 0 {
			level = 3
		}
		headingAt[s.Start] = level
	}
	var out []corpus.Block
	var para *corpus.Block
	var table *corpus.Block
	endPara := func() {
		if para != nil {
			out = append(out, *para)
			para = nil
		}
	}
	endTable := func() {
		if table != nil {
			out = append(out, *table)
			table = nil
		}
	}
	lines := splitLines(text, 0, len(text))
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		if t == "" || t == "\f" {
			endPara()
			endTable()
			continue
		}
		_, isHeading := headingAt[l.Start]
		if !isHeading && isCellLine(l.Text) && (table != nil || len(splitRow(l)) >= 2) {
			endPara()
			if isRuleRow(t) {
				if table != nil && len(table.Table.Rows) == 1 {
					table.Table.HeaderRows = 1
				}
				continue
			}
			cells := splitRow(l)
			if table == nil {
				table = &corpus.Block{Kind: corpus.BlockTable, Span: corpus.Span{Start: l.Start, End: l.End}, Table: &corpus.Table{}}
				if len(out) > 0 && out[len(out)-1].Kind != corpus.BlockTable && out[len(out)-1].End >= l.Start-2 {
					prev := out[len(out)-1]
					if utf8.RuneCountInString(text[prev.Start:prev.End]) <= 100 {
						table.Table.Caption = prev.Text
					}
				}
			}
			row := corpus.Row{Span: corpus.Span{Start: l.Start, End: l.End}}
			for k, c := range cells {
				row.Cells = append(row.Cells, corpus.Cell{Span: corpus.Span{Start: c.Start, End: c.End}, Col: k, ColSpan: 1, RowSpan: 1})
			}
			table.Table.Rows = append(table.Table.Rows, row)
			table.End = l.End
			continue
		}
		endTable()
		start := l.Start + (len(l.Text) - len(strings.TrimLeft(l.Text, " \t")))
		end := l.Start + len(strings.TrimRight(l.Text, " \t\r"))
		level, ok := headingAt[l.Start]
		if !ok && para == nil && looksLikeTitleLine(t, lines, i) {
			level, ok = 4, true
		}
		if ok || strings.HasPrefix(t, "#") {
			endPara()
			if !ok {
				level = len(t) - len(strings.TrimLeft(t, "#"))
			}
			ts := start + strings.IndexFunc(text[start:end], func(r rune) bool { return r != '#' && r != ' ' && r != '*' })
			out = append(out, corpus.Block{Kind: corpus.BlockHeading, Span: corpus.Span{Start: start, End: end}, Level: level, Text: corpus.Span{Start: max(ts, start), End: end}})
			continue
		}
		if m := listMarkerRe.FindStringIndex(l.Text); m != nil {
			endPara()
			out = append(out, corpus.Block{Kind: corpus.BlockListItem, Span: corpus.Span{Start: start, End: end}, Marker: strings.TrimSpace(l.Text[:m[1]]), Text: corpus.Span{Start: l.Start + m[1], End: end}})
			continue
		}
		if m := colonLabelRe.FindStringSubmatchIndex(l.Text); m != nil && len(strings.Fields(l.Text[m[2]:m[3]])) <= 5 {
			endPara()
			out = append(out, corpus.Block{Kind: corpus.BlockLabel, Span: corpus.Span{Start: start, End: end}, Text: corpus.Span{Start: start, End: end},
				Label: corpus.Span{Start: l.Start + m[2], End: l.Start + m[3]}, Value: corpus.Span{Start: l.Start + m[4], End: l.Start + m[5]}})
			continue
		}
		if para == nil {
			para = &corpus.Block{Kind: corpus.BlockParagraph, Span: corpus.Span{Start: start, End: end}, Text: corpus.Span{Start: start, End: end}}
		} else {
			para.End, para.Text.End = end, end
		}
	}
	endPara()
	endTable()
	return out
}

// setPages gives each block the page it starts on.
func setPages(d *corpus.Document, blocks []corpus.Block) {
	for i := range blocks {
		blocks[i].Page = d.PageAt(blocks[i].Start).Number
	}
}

// isCellLine reports whether a line is laid out as a row of cells by pipes
// or tabs.
func isCellLine(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasPrefix(t, "|") || strings.Count(t, "|") >= 2 || strings.Contains(t, "\t")
}

// isRuleRow reports whether a line is a Markdown table rule ("|---|:--:|").
func isRuleRow(t string) bool {
	return strings.Contains(t, "-") && strings.Trim(t, "|-:+ \t") == ""
}

// looksLikeTitleLine reports whether line i (text t, after a blank line or
// at the start) stands as a title over what follows: short, opening with a
// capital, not ending like a sentence or a label, and followed by text.
func looksLikeTitleLine(t string, lines []Line, i int) bool {
	if i > 0 && strings.TrimSpace(lines[i-1].Text) != "" && strings.TrimSpace(lines[i-1].Text) != "\f" {
		return false
	}
	if n := utf8.RuneCountInString(t); n < 4 || n > 60 || strings.ContainsAny(t[len(t)-1:], ".:;,!?") || strings.Contains(t, ": ") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(t); !unicode.IsUpper(r) {
		return false
	}
	return i+1 < len(lines) && strings.TrimSpace(lines[i+1].Text) != ""
}
