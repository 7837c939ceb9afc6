package blocks

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// FromLines builds the blocks of a run of plain-text lines: the text of a
// Markdown paragraph, a page of a PDF, a "markdown-like" text file with no
// blank lines. Each span in lines is one line of text (without its line
// end); blank lines separate blocks. It recognises
//   - rows of cells separated by "|" (Markdown-like pipe rows, strict or
//     not, with or without a "|---|" delimiter row), by tabs, or by runs of
//     two or more spaces aligned across at least two lines → a Table;
//   - a lone two-cell row, and "Label: value" lines ("Product: X",
//     "**Dienst:** Y") → a Label;
//   - "Artikel 3", "Bijlage 1", "Hoofdstuk 2", "3.1 Title", "C. Title",
//     a line in bold alone or in capitals alone → a Heading;
//   - lines starting with a bullet or a number or letter marker → a
//     ListItem (a single numbered title line not followed by another item
//     is a heading);
//   - anything else → a Paragraph, consecutive lines joined.
//
// Page is left 0; the caller sets it.
func FromLines(text string, lines []Span) []Block {
	return fromLines(text, lines, true)
}

// FromLayoutLines is FromLines for lines whose wrapping is known, such as
// the lines of a PDF page after the lines that run on at the margin were
// joined into one span: each plain span is a paragraph of its own, never
// joined to the next.
func FromLayoutLines(text string, lines []Span) []Block {
	return fromLines(text, lines, false)
}

func fromLines(text string, lines []Span, join bool) []Block {
	ls := make([]line, len(lines))
	for i, sp := range lines {
		ls[i] = classify(text, sp)
	}
	alignSpaceRows(text, ls)
	resolveTitles(ls)
	return group(text, ls, join)
}

// SplitLines returns the spans of the lines of text[start:end], without
// their line ends ("\n", and a form feed counts as a blank line).
func SplitLines(text string, start, end int) []Span {
	var out []Span
	for start < end {
		i := strings.IndexByte(text[start:end], '\n')
		e := end
		if i >= 0 {
			e = start + i
		}
		out = append(out, Span{start, e})
		start = e + 1
	}
	return out
}

type lineKind uint8

const (
	lBlank lineKind = iota
	lText
	lHeading
	lTitle // a single numbered/lettered short line: heading or list item
	lItem
	lLabel
	lRow
	lDelim // a Markdown table delimiter row "|---|:--|"
)

type rowSep uint8

const (
	sepNone rowSep = iota
	sepPipe
	sepTab
	sepSpace
)

// line is one classified line.
type line struct {
	Span   // the line, trimmed of surrounding white space
	kind   lineKind
	indent int // leading white space, tabs counted as 4
	// heading and list item
	level   int
	marker  string
	content Span
	style   byte // marker style of a list item or title: '1', 'a', 'A', 'i', '-'
	// label
	label, value Span
	// row
	sep   rowSep
	cells []Span
	// spaceCells are the cells of a line split at runs of two or more
	// spaces; it becomes a row only when aligned with its neighbours.
	spaceCells []Span
	spaceCols  []int // rune column of each space cell
	end        byte  // the line's last byte
}

// The line patterns are compiled on first use: a dpa process (or reader
// child) that builds no blocks does not pay for them at start.
var (
	reDelim   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\|?\s*:?-{2,}:?\s*(\|\s*:?-+:?\s*)*\|?$`) })
	reSection = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?i:(artikel|article|art\.|bijlage|annex|appendix|addendum|hoofdstuk|chapter|paragraaf|sectie|section|deel|part|module|onderdeel))\s+(\d{1,3}(?:\.\d{1,3})*[a-z]?|[IVXLC]{1,6}|[A-Z])\b\.?`)
	})
	reMultiNum  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2})+)\.?\s+`) })
	reSingleNum = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\d{1,2}[.)]|[A-Z][.)]|(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)[.)])\s+`)
	})
	// reLetterOBullet is Word's second-level bullet (a Courier "o") as a
	// text layer or OCR gives it: "o Nederland (…)". No Dutch or English
	// sentence opens with a lone "o" before a capital.
	reLetterOBullet = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^o[ \t]+(\p{Lu})`) })
	reBullet        = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([-*+•·▪◦●○■□☐☒✓✔➢►–—]|\(?\d{1,3}[.)]|\(?[a-z]{1,2}[.)]|\(?[A-Z][.)]|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)])(?:\s+|$)`)
	})
	reMarkup = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:\*\*|__|\*|_|<(?:b|i|u|em|strong)>)+|(?:\*\*|__|\*|_|</(?:b|i|u|em|strong)>)+$`)
	})
)

// The regular expressions above are anchored, and a match of each begins
// (or, for reMarkup, begins or ends) with a byte of a few kinds. Go's
// backtracking matcher clears memory in proportion to a line's length
// before it looks at the first byte, so the functions below look at that
// byte first and run the expression only when it may match: what they
// return is the expression's answer.

// matchSection is reSection().FindStringSubmatchIndex(s). The words it
// starts with begin with one of "abcdhmops" in either case, or with "ſ",
// which folds to "s".
func matchSection(s string) []int {
	if s == "" {
		return nil
	}
	switch s[0] | 0x20 {
	case 'a', 'b', 'c', 'd', 'h', 'm', 'o', 'p', 's':
	default:
		if !strings.HasPrefix(s, "ſ") {
			return nil
		}
	}
	return reSection().FindStringSubmatchIndex(s)
}

// matchMultiNum is reMultiNum().FindStringSubmatchIndex(s): it starts with a digit.
func matchMultiNum(s string) []int {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return nil
	}
	return reMultiNum().FindStringSubmatchIndex(s)
}

// matchSingleNum is reSingleNum().FindStringSubmatchIndex(s): it starts
// with a digit or a capital.
func matchSingleNum(s string) []int {
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] >= 'A' && s[0] <= 'Z') {
		return nil
	}
	return reSingleNum().FindStringSubmatchIndex(s)
}

// matchLetterO is reLetterOBullet().FindStringSubmatchIndex(s): it starts with "o".
func matchLetterO(s string) []int {
	if s == "" || s[0] != 'o' {
		return nil
	}
	return reLetterOBullet().FindStringSubmatchIndex(s)
}

// matchMarkup is reMarkup().FindAllStringIndex(s, 2): a match at the start
// begins with '*', '_' or '<', one at the end ends with '*', '_' or '>'.
func matchMarkup(s string) [][]int {
	if s == "" || strings.IndexByte("*_<", s[0]) < 0 && strings.IndexByte("*_>", s[len(s)-1]) < 0 {
		return nil
	}
	return reMarkup().FindAllStringIndex(s, 2)
}

// sectionLevel is the heading level of a "Bijlage 1"-style heading by its word.
func sectionLevel(word string) int {
	switch strings.ToLower(word) {
	case "bijlage", "annex", "appendix", "addendum", "hoofdstuk", "chapter", "deel", "part", "module":
		return 1
	}
	return 2
}

// classify reads one line.
func classify(text string, sp Span) line {
	raw := sp.In(text)
	l := line{Span: trimSpan(text, sp)}
	for _, r := range raw {
		switch r {
		case ' ':
			l.indent++
			continue
		case '\t':
			l.indent += 4
			continue
		}
		break
	}
	s := l.In(text)
	if s == "" || s == "\f" {
		l.kind = lBlank
		return l
	}
	l.kind = lText
	l.end = s[len(s)-1]
	if strings.Contains(s, "--") && strings.Contains(s, "|") && reDelim().MatchString(s) {
		l.kind = lDelim
		return l
	}
	marker := mayStartWithMarker(s)
	var bullet []int // reBullet's match, where a marker may be
	if marker {
		bullet = reBullet().FindStringSubmatchIndex(s)
	}
	// A list marker followed by a tab ("a.\thet …") is a list item, not a row.
	if m := bullet; m != nil && m[1] < len(s) && strings.ContainsRune(s[m[3]:m[1]], '\t') {
		l.setItem(text, m[2], m[3], m[1])
		return l
	}
	if cells, sep := splitRow(text, l.Span); len(cells) >= 2 {
		l.kind, l.sep, l.cells = lRow, sep, cells
		return l
	}
	l.spaceCells, l.spaceCols = splitSpaces(text, l.Span)
	if l.classifyHeading(text, s) {
		return l
	}
	if m := bullet; m != nil {
		l.setItem(text, m[2], m[3], m[1])
		return l
	}
	if m := matchLetterO(s); m != nil {
		l.setItem(text, 0, 1, m[2])
		return l
	}
	if lab, val, ok := splitLabel(text, l.Span); ok {
		l.kind, l.label, l.value = lLabel, lab, val
		return l
	}
	return l
}

// mayStartWithMarker is a cheap test that s could start with a list
// marker or a number: a bullet symbol, a digit or parenthesis, or a word
// of at most five letters ending in "." or ")" — so that the regular
// expressions run only on the lines that may match.
func mayStartWithMarker(s string) bool {
	c := s[0]
	switch {
	case c == '(' || c >= '0' && c <= '9' || c == '-' || c == '*' || c == '+' || c >= 0x80:
		return true
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		for i := 1; i < len(s) && i <= 5; i++ {
			switch s[i] {
			case '.', ')':
				return true
			case ' ', '\t':
				return false
			}
		}
	}
	return false
}

// setItem makes l a list item whose marker is s[ms:me] and content starts at s[cs:].
func (l *line) setItem(text string, ms, me, cs int) {
	s := l.In(text)
	l.kind = lItem
	l.marker = s[ms:me]
	l.level = l.indent / 2
	l.content = trimSpan(text, Span{l.Start + cs, l.End})
	if l.content.Empty() {
		l.content = Span{l.End, l.End}
	}
	l.style = markerStyle(l.marker)
}

// markerStyle is the kind of a list marker: '1' numbers, 'a' lower-case
// letters, 'A' capitals, 'i' roman numerals, '-' bullets.
func markerStyle(m string) byte {
	if m == "o" { // Word's second-level bullet, not a letter
		return '-'
	}
	m = strings.Trim(m, "().")
	switch {
	case m == "":
		return '-'
	case m[0] >= '0' && m[0] <= '9':
		return '1'
	case strings.Trim(m, "ivx") == "" && len(m) > 1, strings.Trim(m, "IVX") == "" && len(m) > 1:
		return 'i'
	case m[0] >= 'a' && m[0] <= 'z':
		return 'a'
	case m[0] >= 'A' && m[0] <= 'Z':
		return 'A'
	}
	return '-'
}

// classifyHeading recognises the heading shapes of plain text.
func (l *line) classifyHeading(text, s string) bool {
	if len(s) > 160 {
		return false
	}
	if !strings.ContainsRune("AaBbHhPpSsDdMmOoCc", rune(s[0])) && !mayStartWithMarker(s) && !strings.HasPrefix(s, "**") && !strings.HasPrefix(s, "__") && !strings.HasPrefix(s, "<") && !allCaps(s) {
		return false
	}
	if m := matchSection(s); m != nil && unicode.IsUpper(firstRune(s)) {
		title := trimSpan(text, Span{l.Start + m[1], l.End})
		t := strings.TrimLeft(title.In(text), ":;,.-–— \t")
		title.Start = title.End - len(t)
		if titleLike(t, 16) || t == "" {
			l.kind, l.level = lHeading, sectionLevel(s[m[2]:m[3]])
			l.marker = strings.TrimRight(s[:m[1]], ".")
			l.content = stripMarkup(text, title)
			if t == "" {
				l.content = Span{l.End, l.End}
			}
			return true
		}
		return false
	}
	if m := matchMultiNum(s); m != nil {
		t := s[m[1]:]
		if titleLike(t, 12) && unicode.IsUpper(firstRune(t)) {
			l.kind = lHeading
			l.marker = s[m[2]:m[3]]
			l.level = min(6, 2+strings.Count(l.marker, "."))
			l.content = stripMarkup(text, Span{l.Start + m[1], l.End})
			return true
		}
		return false
	}
	if m := matchSingleNum(s); m != nil {
		t := s[m[1]:]
		if (titleLike(t, 8) || titleLike(withoutSpeck(t), 3)) && unicode.IsUpper(firstRune(t)) {
			l.setItem(text, m[2], m[3], m[1])
			l.kind = lTitle
			return true
		}
		return false
	}
	// A line in bold, or in capitals, alone.
	if boldLine(s) {
		inner := stripMarkup(text, l.Span)
		t := strings.TrimSuffix(inner.In(text), ":")
		if inner != l.Span && titleLike(t, 12) && !strings.ContainsAny(t, "*<_") {
			l.kind, l.level, l.content = lHeading, 3, inner
			return true
		}
	}
	if allCaps(s) && titleLike(s, 10) {
		l.kind, l.level, l.content = lHeading, 2, l.Span
		return true
	}
	return false
}

// boldLine reports whether s is wrapped in bold markup as a whole
// ("**Subverwerkers**", "<b>Bijlage</b>:").
func boldLine(s string) bool {
	s = strings.TrimSuffix(s, ":")
	for _, p := range [][2]string{{"**", "**"}, {"__", "__"}, {"<b>", "</b>"}, {"<strong>", "</strong>"}} {
		if len(s) > 2*len(p[0]) && strings.HasPrefix(s, p[0]) && (strings.HasSuffix(s, p[1]) || strings.HasSuffix(s, p[1]+":")) {
			return true
		}
	}
	return false
}

// CountWords returns len(strings.Fields(s)), the number of runs of
// characters other than white space in s, without making the slice.
func CountWords(s string) int {
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = c == ' ' || c >= '\t' && c <= '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// titleLike reports whether s reads as a title: at most maxWords words,
// not ending like a sentence or a clause.
func titleLike(s string, maxWords int) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 120 {
		return false
	}
	if n := CountWords(s); n > maxWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".;,!?", last)
}

// withoutSpeck returns s without one trailing comma or semicolon: after a
// short numbered or lettered title no sentence ends so, but OCR reads a
// speck of the scan there as one ("F. Subbewerkers,").
func withoutSpeck(s string) string {
	s = strings.TrimRight(s, " \t")
	if strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") {
		return s[:len(s)-1]
	}
	return s
}

// allCaps reports whether s has at least four letters and no lower-case one.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4
}

func firstRune(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		if r != '*' && r != '_' && r != '"' && r != '“' && r != '\'' {
			return r
		}
	}
	return 0
}

// splitRow splits a line into cells at "|" or tabs. A line with a pipe
// yields its pipe cells (a leading and a trailing pipe delimit, they do not
// open an empty cell); a line with tabs yields its tab cells. Fewer than
// two cells means the line is no row.
func splitRow(text string, sp Span) ([]Span, rowSep) {
	s := sp.In(text)
	if strings.Contains(s, "|") {
		inner := sp
		if strings.HasPrefix(s, "|") {
			inner.Start++
		}
		if strings.HasSuffix(s, "|") && inner.End > inner.Start {
			inner.End--
		}
		cells := splitAt(text, inner, func(c byte) bool { return c == '|' })
		if len(cells) >= 2 || strings.HasPrefix(s, "|") && len(cells) >= 1 {
			if len(cells) == 1 && !strings.HasSuffix(s, "|") {
				return nil, sepNone
			}
			return cells, sepPipe
		}
		return nil, sepNone
	}
	if strings.Contains(s, "\t") {
		cells := splitAt(text, sp, func(c byte) bool { return c == '\t' })
		// Runs of tabs separate once: drop the empty cells between them.
		out := cells[:0]
		for i, c := range cells {
			if c.Empty() && i > 0 && i < len(cells)-1 {
				continue
			}
			out = append(out, c)
		}
		nonEmpty := 0
		for _, c := range out {
			if !c.Empty() {
				nonEmpty++
			}
		}
		if nonEmpty >= 2 {
			return out, sepTab
		}
	}
	return nil, sepNone
}

// splitAt splits span sp of text at every byte for which isSep is true and
// trims each cell.
func splitAt(text string, sp Span, isSep func(byte) bool) []Span {
	var cells []Span
	start := sp.Start
	for i := sp.Start; i <= sp.End; i++ {
		if i == sp.End || isSep(text[i]) {
			cells = append(cells, trimCell(text, Span{start, i}))
			start = i + 1
		}
	}
	return cells
}

// splitSpaces splits a line at runs of two or more spaces, returning the
// cells and the rune column each starts at (counted from the line's start).
func splitSpaces(text string, sp Span) ([]Span, []int) {
	s := sp.In(text)
	if !strings.Contains(s, "  ") {
		return nil, nil
	}
	var cells []Span
	var cols []int
	start, col, startCol := 0, 0, 0
	for i := 0; i < len(s); {
		if s[i] == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			cells = append(cells, trimCell(text, Span{sp.Start + start, sp.Start + i}))
			cols = append(cols, startCol)
			for i < len(s) && s[i] == ' ' {
				i++
				col++
			}
			start, startCol = i, col
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
		col++
	}
	cells = append(cells, trimCell(text, Span{sp.Start + start, sp.End}))
	cols = append(cols, startCol)
	return cells, cols
}

// splitLabel splits a "Label: value" line. The label is one to eight
// words without sentence punctuation; the value is not empty; bold or
// italic markup around the label ("**Dienst:** X", "*Product*: X") is not
// part of either span.
func splitLabel(text string, sp Span) (label, value Span, ok bool) {
	s := sp.In(text)
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 80 {
		return
	}
	j := i + 1
	for j < len(s) && (s[j] == '*' || s[j] == '_') {
		j++
	}
	if j < len(s) && strings.HasPrefix(s[j:], "</") {
		if k := strings.IndexByte(s[j:], '>'); k > 0 {
			j += k + 1
		}
	}
	if j >= len(s) || s[j] != ' ' && s[j] != '\t' {
		return
	}
	label = stripMarkup(text, Span{sp.Start, sp.Start + i})
	value = stripMarkup(text, trimSpan(text, Span{sp.Start + j, sp.End}))
	l := label.In(text)
	if l == "" || value.Empty() || strings.ContainsAny(l, ".;!?|\"“”()") || strings.Contains(l, "http") {
		return Span{}, Span{}, false
	}
	if n := len(strings.Fields(l)); n > 8 || !unicode.IsUpper(firstRune(l)) {
		return Span{}, Span{}, false
	}
	return label, value, true
}

// trimSpan trims white space from both ends of span sp.
func trimSpan(text string, sp Span) Span {
	for sp.Start < sp.End && isSpace(text[sp.Start]) {
		sp.Start++
	}
	for sp.End > sp.Start && isSpace(text[sp.End-1]) {
		sp.End--
	}
	return sp
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// trimCell trims white space and enclosing emphasis markup from a cell.
func trimCell(text string, sp Span) Span {
	return stripMarkup(text, trimSpan(text, sp))
}

// stripMarkup removes emphasis markup ("**", "__", "<i>…</i>") and a
// trailing colon-less white space from both ends of a span; it leaves a
// span that would become empty as it is.
func stripMarkup(text string, sp Span) Span {
	for range 4 {
		s := sp.In(text)
		loc := matchMarkup(s)
		if len(loc) == 0 {
			break
		}
		n := sp
		for _, m := range loc {
			if m[0] == 0 {
				n.Start = sp.Start + m[1]
			} else if m[1] == len(s) {
				n.End = sp.Start + m[0]
			}
		}
		n = trimSpan(text, n)
		if n.Empty() || n == sp {
			break
		}
		sp = n
	}
	return sp
}

// alignSpaceRows turns runs of at least two consecutive plain lines that
// split at runs of spaces into the same number of aligned cells into rows.
func alignSpaceRows(text string, ls []line) {
	for i := 0; i < len(ls); {
		j := i
		for j < len(ls) && spaceRowCandidate(ls[j]) && (j == i || alignedWith(ls[j-1], ls[j])) {
			j++
		}
		if j-i >= 2 {
			for k := i; k < j; k++ {
				ls[k].kind, ls[k].sep, ls[k].cells = lRow, sepSpace, ls[k].spaceCells
			}
			i = j
			continue
		}
		i = max(j, i+1)
	}
}

func spaceRowCandidate(l line) bool {
	return len(l.spaceCells) >= 2 && (l.kind == lText || l.kind == lLabel || l.kind == lHeading || l.kind == lTitle)
}

// alignedWith reports whether two space-split lines have the same number
// of cells starting at about the same columns.
func alignedWith(a, b line) bool {
	if len(a.spaceCells) != len(b.spaceCells) {
		return false
	}
	for k := range a.spaceCols {
		d := a.spaceCols[k] + a.indent - b.spaceCols[k] - b.indent
		if d < -2 || d > 2 {
			return false
		}
	}
	return true
}

// resolveTitles decides whether each numbered title line is a heading or
// a list item: an item when a neighbouring line is an item or title of
// the same marker style, a heading otherwise.
func resolveTitles(ls []line) {
	for i := range ls {
		if ls[i].kind != lTitle {
			continue
		}
		prev, next := neighbour(ls, i, -1), neighbour(ls, i, 1)
		if prev >= 0 && (isItemOf(ls[prev], ls[i].style) || ls[prev].introduces()) || next >= 0 && isItemOf(ls[next], ls[i].style) {
			ls[i].kind = lItem
			continue
		}
		ls[i].kind = lHeading
		ls[i].level = 2
		if ls[i].style == 'A' {
			ls[i].level = 3
		}
		ls[i].marker = strings.TrimRight(ls[i].marker, ")")
	}
}

// introduces reports whether a line ends with a colon, opening an
// enumeration ("… de volgende Subverwerkers:").
func (l line) introduces() bool { return l.kind == lText && l.Len() > 0 && l.end == ':' }

func neighbour(ls []line, i, dir int) int {
	for j := i + dir; j >= 0 && j < len(ls); j += dir {
		if ls[j].kind != lBlank {
			return j
		}
	}
	return -1
}

func isItemOf(l line, style byte) bool {
	return (l.kind == lItem || l.kind == lTitle) && l.style == style
}

// group turns classified lines into blocks.
func group(text string, ls []line, join bool) []Block {
	var out []Block
	for i := 0; i < len(ls); {
		l := ls[i]
		switch l.kind {
		case lBlank:
			i++
		case lHeading:
			out = append(out, Block{Kind: Heading, Span: l.Span, Level: max(1, l.level), Marker: l.marker, Text: l.content})
			i++
		case lItem:
			out = append(out, Block{Kind: ListItem, Span: l.Span, Level: l.level, Marker: l.marker, Text: l.content})
			i++
		case lLabel:
			out = append(out, Block{Kind: Label, Span: l.Span, Text: Span{l.label.Start, l.value.End}, Label: l.label, Value: l.value})
			i++
		case lRow, lDelim:
			j := i
			for j < len(ls) && (ls[j].kind == lDelim || ls[j].kind == lRow && sameSep(ls[i], ls[j])) {
				j++
			}
			out = append(out, makeTable(text, ls[i:j], out)...)
			i = j
		default:
			j := i + 1
			for join && j < len(ls) && ls[j].kind == lText {
				j++
			}
			sp := Span{l.Start, ls[j-1].End}
			out = append(out, Block{Kind: Paragraph, Span: sp, Text: sp})
			i = j
		}
	}
	return out
}

func sameSep(a, b line) bool {
	if a.kind == lDelim {
		return b.kind == lDelim || b.sep == sepPipe
	}
	return a.sep == b.sep
}

// makeTable builds the table of a run of row lines; a lone two-cell row
// becomes a Label block, a lone delimiter row a paragraph.
func makeTable(text string, ls []line, before []Block) []Block {
	var rows []Row
	header := 0
	for i, l := range ls {
		if l.kind == lDelim {
			if i == 1 && len(rows) == 1 {
				header = 1
			}
			continue
		}
		r := Row{Span: l.Span}
		for k, c := range l.cells {
			r.Cells = append(r.Cells, Cell{Span: c, Col: k, ColSpan: 1, RowSpan: 1})
		}
		rows = append(rows, r)
	}
	sp := Span{ls[0].Start, ls[len(ls)-1].End}
	if len(rows) == 0 {
		return []Block{{Kind: Paragraph, Span: sp, Text: sp}}
	}
	if len(rows) == 1 && header == 0 && len(rows[0].Cells) == 2 && ls[0].sep != sepSpace {
		lab, val := rows[0].Cells[0], rows[0].Cells[1]
		lab.Span = trimColon(text, lab.Span)
		if !lab.Empty() && !val.Empty() && len(strings.Fields(lab.In(text))) <= 10 {
			return []Block{{Kind: Label, Span: sp, Text: Span{lab.Start, val.End}, Label: lab.Span, Value: val.Span}}
		}
	}
	t := &TableData{Rows: rows, HeaderRows: header}
	if header == 0 && looksLikeHeader(text, rows) {
		t.HeaderRows = 1
	}
	if n := len(before); n > 0 {
		if c, ok := CaptionOf(text, before[n-1], sp); ok {
			t.Caption = c
		}
	}
	return []Block{{Kind: Table, Span: sp, Text: sp, Table: t}}
}

// trimColon drops a trailing colon (and the markup around it) from a label.
func trimColon(text string, sp Span) Span {
	s := sp.In(text)
	if strings.HasSuffix(s, ":") {
		return stripMarkup(text, trimSpan(text, Span{sp.Start, sp.End - 1}))
	}
	return sp
}

// GuessHeaderRows returns 1 when the first row of a table without header
// markup looks like it names the columns: at least two rows, short filled
// first-row cells without digits, not a key/value table; else 0.
func GuessHeaderRows(text string, rows []Row) int {
	if looksLikeHeader(text, rows) {
		return 1
	}
	return 0
}

// looksLikeHeader guesses whether the first row of a table without a
// Markdown delimiter names its columns: the table has at least two rows,
// every cell of the first row is short and filled, none ends with a colon
// (which marks a key/value table), and the first row holds no digits
// where the rows below have longer text.
func looksLikeHeader(text string, rows []Row) bool {
	if len(rows) < 2 || len(rows[0].Cells) < 2 {
		return false
	}
	keyValue := 0
	for _, r := range rows {
		if len(r.Cells) > 0 && strings.HasSuffix(r.Cells[0].In(text), ":") {
			keyValue++
		}
	}
	if keyValue*2 >= len(rows) {
		return false
	}
	headLen, bodyLen := 0, 0
	for _, c := range rows[0].Cells {
		s := c.In(text)
		if s == "" || len(strings.Fields(s)) > 5 || strings.HasSuffix(s, ":") && len(rows[0].Cells) < 3 || strings.ContainsAny(s, "0123456789@") {
			return false
		}
		headLen += len(s)
	}
	cells := 0
	for _, r := range rows[1:] {
		for _, c := range r.Cells {
			bodyLen += c.Len()
			cells++
		}
	}
	if cells == 0 {
		return false
	}
	if len(rows[0].Cells) == 2 {
		// Two columns without a delimiter row are mostly key/value tables
		// ("Naam product<tab>Rekenroute"); a header is two short words over
		// rows whose second cells are much longer ("Categorie | Toelichting").
		var second, n int
		for _, r := range rows[1:] {
			if len(r.Cells) > 1 {
				second += r.Cells[1].Len()
				n++
			}
		}
		h0, h1 := rows[0].Cells[0].In(text), rows[0].Cells[1].In(text)
		return len(rows) >= 3 && n > 0 && len(strings.Fields(h0)) <= 2 && len(strings.Fields(h1)) <= 2 && second/n >= 3*len(h1)
	}
	return bodyLen/cells >= headLen/len(rows[0].Cells)
}

// CaptionOf returns the caption of a table at span table from the block b
// just above it: a one-line paragraph that starts with "Tabel" / "Table" or
// ends with a colon, or a "Tabel 4: Categorieën" label, when only white
// space lies between them.
func CaptionOf(text string, b Block, table Span) (Span, bool) {
	if b.End > table.Start || strings.TrimSpace(text[b.End:table.Start]) != "" || strings.Count(text[b.End:table.Start], "\n") > 2 {
		return Span{}, false
	}
	s := b.Text.In(text)
	if strings.Contains(s, "\n") || len(s) > 160 {
		return Span{}, false
	}
	low := strings.ToLower(s)
	switch {
	case b.Kind == Label && (strings.HasPrefix(low, "tabel") || strings.HasPrefix(low, "table")):
		return b.Text, true
	case b.Kind == Paragraph && (strings.HasPrefix(low, "tabel") || strings.HasPrefix(low, "table") || strings.HasSuffix(s, ":")):
		return b.Text, true
	}
	return Span{}, false
}

// Tidy drops the blocks that would break Check's ordering (a block that
// starts before the end of the one before it) and clips parts that stray
// outside their block, so that a reader's mistake costs a block, never an
// out-of-range span.
func Tidy(text string, bs []Block) []Block {
	out := bs[:0]
	end := 0
	for _, b := range bs {
		if b.Start < end || b.Start < 0 || b.End > len(text) || b.Start > b.End || checkBlock(text, b, "") != nil {
			continue
		}
		out = append(out, b)
		end = b.End
	}
	return out
}

var reHeadMarker = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?i:(artikel|article|bijlage|annex|appendix|addendum|hoofdstuk|chapter|paragraaf|sectie|section|deel|part|module|onderdeel))\s+(\d{1,3}(?:\.\d{1,3})*[a-z]?|[IVXLC]{1,6}|[A-Z])\b[.:]?|^(\d{1,2}(?:\.\d{1,2})*\.?|[A-Z][.)])\s`)
})

// SplitHeading splits a heading's title span into the number before it
// ("Artikel 3", "Bijlage 1", "3.1", "C.") and the title after it, with
// emphasis markup removed. A heading without a number keeps its title;
// one that is only a number gets an empty title at its end.
func SplitHeading(text string, title Span) (marker string, rest Span) {
	title = stripMarkup(text, trimSpan(text, title))
	s := title.In(text)
	m := reHeadMarker().FindStringIndex(s)
	if m == nil {
		return "", title
	}
	marker = strings.TrimRight(strings.TrimSpace(s[:m[1]]), ":")
	rest = trimSpan(text, Span{title.Start + m[1], title.End})
	for rest.Start < rest.End && strings.IndexByte(":;,.-", text[rest.Start]) >= 0 {
		rest.Start++
	}
	rest = trimSpan(text, rest)
	if t := rest.In(text); strings.HasPrefix(t, "– ") || strings.HasPrefix(t, "— ") {
		rest = trimSpan(text, Span{rest.Start + len("–"), rest.End})
	}
	if rest.Empty() {
		rest = Span{title.End, title.End}
	}
	return marker, stripMarkup(text, rest)
}
