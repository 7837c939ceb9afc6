package extract

import (
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
	// The range [start, end) of a cell passage is its whole row (the lines
	// it runs over), which is what evidence quotes: the cell alone lacks
	// what it is about, and text is then the cell's sentence.
	cell          bool
	column, label string
	// rowCells are the texts of all cells of a cell's row; col is its index.
	rowCells []string
	col      int
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
	articleAnnexLineRe = mustHead(`^[ \t#*]*(?:(?:[Mm]odel|MODEL|[Vv]ariant|VARIANT)\s+)?(?:Artikel|ARTIKEL|Bijlage|BIJLAGE)\s+\d+`)
	letterLineRe       = mustHead(`^[ \t#*]*[A-H][.)][ \t]+\p{Lu}`)
	numberLineRe       = mustHead(`^[ \t#*]*\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+\p{Lu}`)
	// retentionHeadingRe names retention in a heading.
	retentionHeadingRe = mustCued(`(?i)bewaartermijn|bewaren|bewaring|bewaarbeleid|bewaarperiode|retentie|retention|vernietiging|verwijdering van (?:de )?(?:persoons)?gegevens`)
	// cellSplitRe separates the cells of a row: a pipe, tabs, or a run of
	// four or more spaces (column layouts).
	cellSplitRe = mustCued(`\s*\|\s*|\t+| {4,}`)
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
	if strings.ContainsAny(t[len(t)-1:], ".;,") && (len(t) > 80 || !articleAnnexLineRe.MatchString(t)) {
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
	if r, _ := utf8.DecodeRuneInString(t); unicode.IsUpper(r) && fieldsAtMost(t, 6) {
		return 4
	}
	return 0
}

// lineRank is headingRank for line i in its context: an unnumbered
// heading (rank 4) counts only when it ends in a colon or names retention;
// a short sentence wrapped over two lines ("Persoonsgegevens worden
// uiterlijk vier weken na") or OCR noise ("AVL") is no heading.
func lineRank(ls []textLine, i int) int {
	rank := headingRank(ls[i].text)
	if rank != 4 {
		return rank
	}
	t := ls[i].text
	if strings.HasSuffix(t, ":") || retentionHeadingRe.MatchString(t) && fieldsAtMost(t, 4) {
		return 4
	}
	return 0
}

// fieldsAtMost reports whether s has at most n fields as strings.Fields
// splits it (runs of runes that are not unicode.IsSpace), without making
// the slice.
func fieldsAtMost(s string, n int) bool {
	count, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			in = true
			if count++; count > n {
				return false
			}
		}
	}
	return true
}

// passages returns the document's passages, computed once: table rows
// (lines with a cell separator) split into cells, prose lines into
// sentences. Lines that wrap a row or a sentence are joined to it, and page
// furniture (running titles, page numbers) is left out.
func (d *doc) passages() []passage {
	if d.passageCache == nil {
		d.passageCache = splitPassages(d.text)
	}
	return d.passageCache
}

var (
	// pageNumberRe is a page-number line ("Pagina 5 van 6", "- 3 -", "3/6").
	pageNumberRe = mustHead(`(?i)^(?:(?:pagina|page|blz\.?|p\.)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?|-?\s*\d{1,3}\s*-?|\d{1,3}\s*/\s*\d{1,3})$`)
	// listItemRe starts a list item or a numbered paragraph, which is never
	// the continuation of the line before.
	listItemRe = mustHead(`^(?:[-•*–▪◦]\s|[a-z][.)]\s|\(?[a-z0-9]{1,3}\)\s|\d{1,2}(?:\.\d{1,2})*[.)]?\s+\p{Lu})`)
)

// markerTabRe is a list marker followed by a tab, as DOCX numbering comes
// out ("4.\tBewaartermijn:", "-\tOefening").
var markerTabRe = mustHead(`^([-•*–▪◦]|\d{1,2}(?:\.\d{1,2})*[.)]?|[A-Za-z][.)])\t+`)

// textLine is one line of the text without its line break.
type textLine struct {
	start, end int
	text       string // trimmed of white space and form feeds
	pageStart  int    // 1 or 2 for the first or second non-empty line of a page, else 0
	// row is isRowLine(text) and pageNumber pageNumberRe's test of text,
	// each made once: the joining loops ask them of the lines ahead
	row, pageNumber bool
}

func textLines(text string) []textLine {
	out := make([]textLine, 0, strings.Count(text, "\n")+1) // one per line
	// non-empty lines seen on this page, plus one
	nth := 1
	for pos := 0; pos <= len(text); {
		e := strings.IndexByte(text[pos:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += pos
		}
		raw := text[pos:e]
		if strings.Contains(raw, "\f") {
			nth = 1
		}
		t := strings.TrimSpace(strings.ReplaceAll(raw, "\f", ""))
		if strings.IndexByte(t, '\t') < 0 {
			// markerTabRe needs a tab
		} else if m := markerTabRe.FindStringSubmatchIndex(t); m != nil {
			t = t[:m[3]] + " " + t[m[1]:] // "4.\tBewaartermijn:" is a numbered line, not a row
		}
		l := textLine{start: pos, end: e, text: t}
		if t != "" {
			l.row, l.pageNumber = isRowLine(t), pageNumberRe.MatchString(t)
			if nth <= 2 {
				l.pageStart = nth
			}
			nth++
		}
		out = append(out, l)
		if e == len(text) {
			break
		}
		pos = e + 1
	}
	return out
}

// startsContinuation reports whether a trimmed line goes on with the line
// before it: it starts in lower case or with a number that is not a list
// number.
func startsContinuation(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return (unicode.IsLower(r) || unicode.IsDigit(r)) && !listItemRe.MatchString(t)
}

// endsSentence reports whether a trimmed line ends a sentence or a clause.
func endsSentence(t string) bool {
	return t == "" || strings.ContainsAny(t[len(t)-1:], ".!?:;")
}

// mergedCell is a table cell that may run over several lines.
type mergedCell struct {
	parts []string
}

func (c *mergedCell) open() bool {
	return len(c.parts) > 0 && !endsSentence(c.parts[len(c.parts)-1])
}

func splitPassages(text string) []passage {
	type block struct {
		rank      int
		retention bool
	}
	var out []passage // made below, sized by the lines
	var open []block  // headings above the current line, outermost first
	var heading string
	var header []string // header cells of the current table, nil outside a table
	inArticle := false
	seen := map[string]bool{} // short lines seen so far, to spot running titles

	retentionOpen := func() bool {
		for _, b := range open {
			if b.retention {
				return true
			}
		}
		return false
	}
	ls := textLines(text)
	// about three passages for every four lines (50 to 150 % in agreements):
	// a bundle then grows its list once at most instead of a dozen times
	out = make([]passage, 0, len(ls)*3/4+1)
	// a line's rank, computed once: the joining loops ask for the lines
	// after the current one, which are then current themselves
	ranks := make([]int8, len(ls)) // rank+1; 0 for not yet known
	rankOf := func(j int) int {
		if ranks[j] == 0 {
			ranks[j] = int8(lineRank(ls, j) + 1)
		}
		return int(ranks[j]) - 1
	}
	furniture := func(l textLine) bool {
		return l.pageNumber || l.pageStart > 0 && seen[l.text]
	}
	for i := 0; i < len(ls); {
		l := ls[i]
		switch {
		case l.text == "":
			header = nil
			i++
			continue
		case furniture(l):
			i++
			continue
		}
		if len(l.text) <= 200 {
			seen[l.text] = true
		}
		if l.row {
			cells := rowCells(text, l.start, l.end)
			if header == nil && isHeaderRow(text, cells) {
				header = make([]string, len(cells))
				for k, c := range cells {
					header[k] = text[c[0]:c[1]]
				}
				i++
				continue
			}
			group := make([]mergedCell, len(cells))
			for k, c := range cells {
				group[k].parts = []string{text[c[0]:c[1]]}
			}
			j := i + 1
			for ; j < len(ls); j++ {
				n := ls[j]
				if n.text == "" || furniture(n) || rankOf(j) > 0 || !startsContinuation(n.text) {
					break
				}
				if n.row {
					nc := rowCells(text, n.start, n.end)
					if len(nc) > len(group) {
						break
					}
					for k, c := range nc {
						group[k].parts = append(group[k].parts, text[c[0]:c[1]])
					}
					continue
				}
				k := 0
				for m := len(group) - 1; m >= 0; m-- {
					if group[m].open() {
						k = m
						break
					}
				}
				group[k].parts = append(group[k].parts, n.text)
			}
			start, end := l.start, ls[j-1].end
			label := ""
			if len(group) > 1 {
				label = strings.Join(group[0].parts, " ")
			}
			texts := make([]string, len(group))
			for k, c := range group {
				texts[k] = strings.Join(c.parts, " ")
			}
			for k, c := range group {
				col, lab := "", label
				if k < len(header) {
					col = header[k]
				}
				if k == 0 {
					lab = ""
				}
				merged := strings.Join(c.parts, " ")
				for _, s := range sentences(merged, 0, len(merged)) {
					out = append(out, passage{start: start, end: end, text: merged[s[0]:s[1]], cell: true,
						column: col, label: lab, rowCells: texts, col: k,
						heading: heading, retentionBlock: retentionOpen(), article: inArticle})
				}
			}
			i = j
			continue
		}
		header = nil
		rank := rankOf(i)
		if rank > 0 && i+1 < len(ls) && ls[i+1].text != "" && !ls[i+1].row && startsContinuation(ls[i+1].text) {
			rank = 0 // a wrapped paragraph that starts like a heading ("1. Verwerker garandeert dat … zal")
		}
		if rank > 0 {
			for len(open) > 0 && open[len(open)-1].rank >= rank {
				open = open[:len(open)-1]
			}
			open = append(open, block{rank, retentionHeadingRe.MatchString(l.text)})
			heading = l.text
			if rank == 1 {
				inArticle = strings.HasPrefix(strings.ToLower(strings.Trim(l.text, " #*")), "artikel")
			}
		}
		// join the lines that wrap this one: a line that goes on in lower
		// case, or any line after one that does not end a sentence
		j := i + 1
		for last := l; rank == 0 && j < len(ls); j++ {
			n := ls[j]
			if n.text == "" || furniture(n) || n.row || rankOf(j) > 0 || listItemRe.MatchString(n.text) {
				break
			}
			if !startsContinuation(n.text) && endsSentence(last.text) {
				break
			}
			last = n
		}
		end := ls[j-1].end
		for _, s := range sentences(text, l.start, end) {
			out = append(out, passage{start: s[0], end: s[1], text: text[s[0]:s[1]], heading: heading,
				retentionBlock: retentionOpen(), article: inArticle})
		}
		i = j
	}
	return out
}

// isRowLine reports whether a (trimmed) line is a table row.
func isRowLine(t string) bool {
	return strings.IndexByte(t, '|') >= 0 || strings.IndexByte(t, '\t') >= 0 || strings.Contains(t, "    ")
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
	for _, s := range rowSeps(line) {
		add(prev, s[0])
		prev = s[1]
	}
	add(prev, len(line))
	// drop the empty cells outside leading and trailing pipes, and the
	// empty cells of tab and space layouts
	pipes := strings.Contains(line, "|")
	t := strings.TrimSpace(line)
	kept := out[:0]
	for i, c := range out {
		empty := c[0] == c[1]
		if empty && (!pipes || i == 0 && strings.HasPrefix(t, "|") || i == len(out)-1 && strings.HasSuffix(t, "|")) {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// rowSeps returns cellSplitRe.FindAllStringIndex(s, -1), found by a scan
// of s rather than by the regexp (TestRowSeps holds it to the regexp).
func rowSeps(s string) [][2]int {
	return tableSeps(s, isASCIIWhite, func(r rune) bool { return r == ' ' }, 4)
}

// isASCIIWhite reports whether r is white space to \s.
func isASCIIWhite(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// tableSeps returns the matches of a cell separator rule
// "white*\|white*|\t+|space{min,}" in s, leftmost first: at each rune, in
// the rule's order, white space up to a pipe and the white space after
// it, a run of tabs, or a run of min or more spaces.
func tableSeps(s string, white, space func(rune) bool, min int) [][2]int {
	var out [][2]int
	noPipe := 0 // below this offset no run of white space leads to a pipe
	for p := 0; p < len(s); {
		if p >= noPipe {
			q := spaceRun(s, p, white)
			if q < len(s) && s[q] == '|' {
				e := spaceRun(s, q+1, white)
				out = append(out, [2]int{p, e})
				p = e
				continue
			}
			noPipe = q
		}
		if s[p] == '\t' {
			e := p
			for e < len(s) && s[e] == '\t' {
				e++
			}
			out = append(out, [2]int{p, e})
			p = e
			continue
		}
		if e := spaceRun(s, p, space); utf8.RuneCountInString(s[p:e]) >= min {
			out = append(out, [2]int{p, e})
			p = e
			continue
		}
		_, n := utf8.DecodeRuneInString(s[p:])
		p += n
	}
	return out
}

// spaceRun returns the end of the run of runes of the class that starts
// at p.
func spaceRun(s string, p int, class func(rune) bool) int {
	for p < len(s) {
		r, n := utf8.DecodeRuneInString(s[p:])
		if !class(r) {
			break
		}
		p += n
	}
	return p
}

// isHeaderRow reports whether the cells look like a table header: short
// cells, none of them a sentence, at least one naming a retention or
// data column.
var headerWordRe = mustCued(`(?i)^(?:bewaartermijn(?:en)?|bewaarperiode|termijn|retentie|retention(?: period)?|gegevens|persoonsgegevens|categorie\w*|toelichting|soort\w*|data)\b`)

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
var sentenceEndRe = mustCued(`[.!?]["”’)]?\s+["“(•\-–]?[\p{Lu}\d]`)

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
