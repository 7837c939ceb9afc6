package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/normalize"
)

// passage is one sentence of prose, or one sentence of a table cell, with
// what the layout says about it. The retention and breach rules read the
// document as a list of passages.
type passage struct {
	start, end int
	text       string
	// cell is true for a passage from a table cell; column is the header
	// of its column (when the table has a header row) and label the
	// row's first cell (when the passage is not in it).
	cell          bool
	column, label string
	// rowStart and rowEnd are the byte range of a cell's row, which is
	// what evidence quotes (the cell alone lacks what it is about).
	rowStart, rowEnd int
	// heading is the text of the nearest heading-like line above it.
	heading string
	// retentionBlock is true under a heading about retention
	// ("C. Bewaartermijnen", "4. Bewaartermijn:", "Artikel 12: Bewaartermijnen …").
	retentionBlock bool
	// article is true inside an Artikel of the agreement (not an annex).
	article bool
}

var (
	// headingLineRe is a line that opens a section: Artikel/Bijlage N, a
	// lettered or numbered heading, with its rank (1 highest).
	articleAnnexLineRe = regexp.MustCompile(`(?i)^[ \t#*]*(?:(?:model|variant)\s+)?(?:artikel|bijlage)\s+\d+`)
	letterLineRe       = regexp.MustCompile(`^[ \t#*]*[A-H][.)][ \t]+\p{Lu}`)
	numberLineRe       = regexp.MustCompile(`^[ \t#*]*\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+\p{Lu}`)
	// retentionHeadingRe names retention in a heading.
	retentionHeadingRe = regexp.MustCompile(`(?i)bewaartermijn|bewaren|bewaring|bewaarbeleid|bewaarperiode|retentie|retention|vernietiging|verwijdering van (?:de )?(?:persoons)?gegevens`)
	// cellSplitRe separates the cells of a row: a pipe, tabs, or a run of
	// four or more spaces (column layouts).
	cellSplitRe = regexp.MustCompile(`\s*\|\s*|\t+| {4,}`)
)

// headingRank says whether a line is heading-like and how high it ranks:
// 1 Artikel/Bijlage, 2 lettered (C. …), 3 numbered (4. …), 4 an
// unnumbered heading; 0 for an ordinary line. A heading is short and does
// not end like a sentence.
func headingRank(line string) int {
	t := strings.Trim(line, " \t#*\r")
	if t == "" || utf8.RuneCountInString(t) > 110 || strings.ContainsAny(t, "|\t") {
		return 0
	}
	if strings.ContainsAny(t[len(t)-1:], ".;,") && !articleAnnexLineRe.MatchString(t) {
		return 0
	}
	switch {
	case articleAnnexLineRe.MatchString(t):
		return 1
	case letterLineRe.MatchString(t):
		return 2
	case numberLineRe.MatchString(t):
		return 3
	}
	// an unnumbered heading: a few words, capitalised, ending in a colon or nothing
	if r, _ := utf8.DecodeRuneInString(t); unicode.IsUpper(r) && len(strings.Fields(t)) <= 6 {
		return 4
	}
	return 0
}

// passages returns the document's passages, computed once: table rows
// (lines with a cell separator) split into cells, prose lines (joined with
// following lines that continue them in lower case) into sentences.
func (d *doc) passages() []passage {
	if d.passageCache == nil {
		d.passageCache = splitPassages(d.text)
	}
	return d.passageCache
}

func splitPassages(text string) []passage {
	type block struct {
		rank      int
		retention bool
	}
	var out []passage
	var open []block // headings above the current line, outermost first
	var heading string
	var header []string // header cells of the current table, nil outside a table
	inArticle := false

	retentionOpen := func() bool {
		for _, b := range open {
			if b.retention {
				return true
			}
		}
		return false
	}
	for pos := 0; pos < len(text); {
		lineEnd := strings.IndexByte(text[pos:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += pos
		}
		line := text[pos:lineEnd]
		next := lineEnd + 1
		trimmed := strings.TrimSpace(strings.Trim(line, "\f"))
		switch {
		case trimmed == "":
			header = nil
		case isRowLine(trimmed):
			cells := rowCells(text, pos, lineEnd)
			if header == nil && isHeaderRow(text, cells) {
				header = make([]string, len(cells))
				for i, c := range cells {
					header[i] = text[c[0]:c[1]]
				}
				break
			}
			label := ""
			if len(cells) > 1 {
				label = text[cells[0][0]:cells[0][1]]
			}
			for i, c := range cells {
				col := ""
				if i < len(header) {
					col = header[i]
				}
				lab := label
				if i == 0 {
					lab = ""
				}
				for _, s := range sentences(text, c[0], c[1]) {
					out = append(out, passage{start: s[0], end: s[1], text: text[s[0]:s[1]], cell: true,
						column: col, label: lab, rowStart: pos, rowEnd: lineEnd,
						heading: heading, retentionBlock: retentionOpen(), article: inArticle})
				}
			}
		default:
			header = nil
			if rank := headingRank(line); rank > 0 {
				for len(open) > 0 && open[len(open)-1].rank >= rank {
					open = open[:len(open)-1]
				}
				open = append(open, block{rank, retentionHeadingRe.MatchString(trimmed)})
				heading = trimmed
				if rank == 1 {
					inArticle = strings.HasPrefix(strings.ToLower(strings.Trim(trimmed, " #*")), "artikel")
				}
			}
			// join continuation lines (hard-wrapped prose starting in lower case)
			for next < len(text) {
				e := strings.IndexByte(text[next:], '\n')
				if e < 0 {
					e = len(text)
				} else {
					e += next
				}
				nl := strings.TrimLeft(text[next:e], " \t")
				r, _ := utf8.DecodeRuneInString(nl)
				if nl == "" || !unicode.IsLower(r) || isRowLine(nl) {
					break
				}
				lineEnd, next = e, e+1
			}
			for _, s := range sentences(text, pos, lineEnd) {
				out = append(out, passage{start: s[0], end: s[1], text: text[s[0]:s[1]], heading: heading,
					retentionBlock: retentionOpen(), article: inArticle})
			}
		}
		pos = next
	}
	return out
}

// isRowLine reports whether a (trimmed) line is a table row.
func isRowLine(t string) bool {
	return strings.ContainsAny(t, "|\t") || strings.Contains(t, "    ")
}

// rowCells splits the line [start, end) into cell ranges. Pipe rows keep
// their empty cells so that columns line up with the header.
func rowCells(text string, start, end int) [][2]int {
	line := text[start:end]
	var out [][2]int
	add := func(a, b int) {
		for a < b && strings.ContainsRune(" \t\r\f", rune(line[a])) {
			a++
		}
		for b > a && strings.ContainsRune(" \t\r\f", rune(line[b-1])) {
			b--
		}
		out = append(out, [2]int{start + a, start + b})
	}
	prev := 0
	for _, s := range cellSplitRe.FindAllStringIndex(line, -1) {
		add(prev, s[0])
		prev = s[1]
	}
	add(prev, len(line))
	// drop the empty cells outside leading and trailing pipes, and the
	// empty cells of tab and space layouts
	pipes := strings.Contains(line, "|")
	kept := out[:0]
	for i, c := range out {
		empty := c[0] == c[1]
		if empty && (!pipes || i == 0 || i == len(out)-1) {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// isHeaderRow reports whether the cells look like a table header: short
// cells, none of them a sentence, at least one naming a retention or
// data column.
var headerWordRe = regexp.MustCompile(`(?i)^(?:bewaartermijn(?:en)?|bewaarperiode|termijn|retentie|retention(?: period)?|gegevens|persoonsgegevens|categorie\w*|toelichting|soort\w*|data)\b`)

func isHeaderRow(text string, cells [][2]int) bool {
	if len(cells) < 2 || len(cells) > 8 {
		return false
	}
	named := false
	for _, c := range cells {
		t := text[c[0]:c[1]]
		if len(t) > 80 || utf8.RuneCountInString(t) > 40 || strings.HasSuffix(t, ".") {
			return false
		}
		named = named || headerWordRe.MatchString(strings.Trim(t, "*_ :"))
	}
	if !named {
		return false
	}
	for _, c := range cells {
		if len(normalize.FindDurations(text[c[0]:c[1]])) > 0 {
			return false
		}
	}
	return true
}

// sentenceEndRe is the end of a sentence: a full stop, question or
// exclamation mark followed by white space and a capital, digit or bullet.
var sentenceEndRe = regexp.MustCompile(`[.!?]["”’)]?\s+["“(•\-–]?[\p{Lu}\d]`)

// sentences splits [start, end) of text into sentence ranges.
func sentences(text string, start, end int) [][2]int {
	if start >= end {
		return nil
	}
	var out [][2]int
	s := text[start:end]
	prev := 0
	for _, m := range sentenceEndRe.FindAllStringIndex(s, -1) {
		cut := m[0] + 1
		for cut < m[1] && (s[cut] == '"' || strings.HasPrefix(s[cut:], "”") || strings.HasPrefix(s[cut:], "’") || s[cut] == ')') {
			if s[cut] == '"' || s[cut] == ')' {
				cut++
			} else {
				cut += 3
			}
		}
		if strings.TrimSpace(s[prev:cut]) != "" {
			out = append(out, [2]int{start + prev, start + cut})
		}
		prev = cut
	}
	if strings.TrimSpace(s[prev:]) != "" {
		out = append(out, [2]int{start + prev, end})
	}
	return out
}
