package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/normalize"
)

// SectionKind says what kind of heading opens a Section.
type SectionKind string

// The kinds of section dpa recognises.
const (
	SectionTitle   SectionKind = "title"   // the document title and what precedes the parties
	SectionParties SectionKind = "parties" // the party block ("Partijen:", "De ondergetekenden")
	SectionArticle SectionKind = "article" // Artikel N
	SectionAnnex   SectionKind = "annex"   // Bijlage N
	SectionLetter  SectionKind = "letter"  // A. Algemene informatie, C. Bewaartermijnen
)

// Section is one heading of the document and the text it governs: the byte
// range [Start, End) runs from the heading to the next heading of the same
// or a higher level.
type Section struct {
	Kind    SectionKind
	Number  string // "12", "1", "2a", "C"; "" for the title and the party block
	Heading string // the heading line as written
	Start   int
	End     int
	// Annex is the number of the Bijlage the section lies in, "" before the annexes.
	Annex string
}

var (
	articleRe = cued(normalize.Pattern(`(?im)^[ \t#*]*Artikel\s+(\d+)\b[ \t.:–-]*([^\n]*)$`))
	// annexRe also takes "MODEL BIJLAGE 1", "Variant Bijlage 1", "BIJLAGE 2a"
	// and an English "ANNEX A" or "Appendix 2".
	annexRe  = cued(normalize.Pattern(`(?im)^[ \t#*]*(?:(?:Model|Variant)\s+)?(?:Bijlage\s+(\d+[a-z]?)|(?:Annex|Appendix)\s+(\d+|(?-i:[A-H])))\b[ \t.:;–-]*([^\n]*)$`))
	letterRe = cued(normalize.Pattern(`(?m)^[ \t#*]*([A-H])[.)][ \t]+([A-Z][^\n]{2,200})$`))
	// numberedRe is a numbered annex section ("1. Algemene informatie"); it
	// counts only in an annex without lettered sections, and only when its
	// title holds a word of annexSectionWords.
	numberedRe = cued(normalize.Pattern(`(?m)^[ \t#*]*(\d{1,2})[.)][ \t]+([A-Z][^\n]{2,120})$`))
	// annexSectionWords are the words that title the sections of a
	// privacy or security annex in the Convenant models and their variants.
	annexSectionWords = cued(normalize.Pattern(`(?i)algemene informatie|doeleinden|categorie|soorten persoonsgegevens|beveiligingsmaatregelen|maatregelen|bewaartermijn|sub(?:ver|be)werker|contactgegevens|versie|locatie|specifieke (?:diensten|producten)|afspraken over|datalek|beveiligingsincident`))
	// partiesRe opens the party block; partiesEndRe closes it.
	partiesRe    = cued(normalize.Pattern(`(?im)^[ \t#*]*(?:Partijen|(?:De\s+)?ondergetekenden|Tussen)[ \t*]*:?[ \t*]*$`))
	partiesEndRe = cued(normalize.Pattern(`(?im)^[ \t#*-]*(?:Overwegen|Overwegende|Overwegingen|In\s+aanmerking\s+nemende|Nemen\s+het\s+volgende\s+in\s+aanmerking|Komen\s+(?:het\s+)?(?:volgende\s+)?overeen|Verklaren|Zijn\s+het\s+volgende\s+overeengekomen)`))
	// tocLineRe is a table-of-contents entry: a heading followed by a page number.
	tocLineRe = cued(normalize.Pattern(`(?:\t|\.{3,}|…+| {2,})\s*\d{1,3}\s*$`))
)

// maxHeadingRunes is the longest line taken as a heading whatever its end;
// up to maxLongHeadingRunes a line is a heading when it does not end like
// a sentence. "Bijlage 1 ook wel Privacy Bijsluiter genoemd, vormt …" is a
// sentence, not a heading.
const (
	maxHeadingRunes     = 110
	maxLongHeadingRunes = 220
)

// isHeadingLine reports whether a line that starts like a heading is one:
// short, and not a table-of-contents entry ("Artikel 1: Definities\t4").
func isHeadingLine(line string) bool {
	if isTocLine(line) {
		return false
	}
	t := strings.TrimSpace(line)
	n := utf8.RuneCountInString(t)
	if n <= maxHeadingRunes {
		return true
	}
	return n <= maxLongHeadingRunes && !strings.ContainsAny(t[len(t)-1:], ".;,")
}

// articleHeadings returns articleRe.FindAllStringSubmatchIndex(text, -1),
// found by hand: at a line start, the opening class, "Artikel" in any
// case (k also as the Kelvin sign, as (?i) folds it), white space, a
// number that ends a word, the punctuation class and the rest of the
// line. Each match is tried line by line where Go's regexp ran a machine
// over the rest of the text from every line that starts with "Arti".
func articleHeadings(text string) [][]int {
	var out [][]int
	for p := 0; p < len(text); {
		if m := articleAt(text, p); m != nil {
			out = append(out, m)
			p = m[1]
			if p == len(text) {
				break
			}
		}
		// the next line start
		j := strings.IndexByte(text[p:], '\n')
		if j < 0 {
			break
		}
		p += j + 1
	}
	return out
}

// articleAt returns the submatch indexes of articleRe's match at the line
// start p, nil for none.
func articleAt(text string, p int) []int {
	i := p
	for i < len(text) {
		if c := text[i]; c == ' ' || c == '\t' || c == '#' || c == '*' {
			i++
		} else if n := noBreakSpace(text[i:]); n > 0 {
			i += n
		} else {
			break
		}
	}
	for _, c := range []byte("artikel") {
		switch {
		case i < len(text) && text[i]|0x20 == c:
			i++
		case c == 'k' && strings.HasPrefix(text[i:], "\u212a"):
			i += len("\u212a")
		default:
			return nil
		}
	}
	j := i
	for j < len(text) {
		if n := ruleSpace(text[j:]); n > 0 {
			j += n
		} else {
			break
		}
	}
	if j == i {
		return nil
	}
	d := j
	for d < len(text) && '0' <= text[d] && text[d] <= '9' {
		d++
	}
	if d == j || d < len(text) && isASCIIWord(text[d]) {
		return nil
	}
	k := d
	for k < len(text) {
		switch c := text[k]; {
		case c == ' ' || c == '\t' || c == '.' || c == ':' || c == '-':
			k++
			continue
		case strings.HasPrefix(text[k:], "–"):
			k += len("–")
			continue
		}
		if n := noBreakSpace(text[k:]); n > 0 {
			k += n
			continue
		}
		break
	}
	e := len(text)
	if nl := strings.IndexByte(text[k:], '\n'); nl >= 0 {
		e = k + nl
	}
	return []int{p, e, j, d, k, e}
}

// numberedHeadings returns numberedRe.FindAllStringSubmatchIndex(text, -1),
// found by hand line by line: the opening class, one or two digits, a
// full stop or bracket, blanks, then a capital A-Z and 2 to 120 more
// runes up to the end of the line. The rule was tried by a regexp
// machine over the rest of the annex from every line that opens with a
// digit.
func numberedHeadings(text string) [][]int {
	return markedHeadings(text, numberMarker, 120)
}

// letterHeadings is letterRe.FindAllStringSubmatchIndex(text, -1), found
// by hand as numberedHeadings is: a letter A-H instead of the digits, and
// up to 200 runes after the capital.
func letterHeadings(text string) [][]int {
	return markedHeadings(text, letterMarker, 200)
}

// numberMarker returns the end of the one or two digits at text[i:e], -1
// when there are none or more.
func numberMarker(text string, i, e int) int {
	d := i
	for d < e && d-i < 3 && '0' <= text[d] && text[d] <= '9' {
		d++
	}
	if d == i || d-i > 2 {
		return -1
	}
	return d
}

// letterMarker returns the end of the letter A-H at text[i:e], -1 for
// none.
func letterMarker(text string, i, e int) int {
	if i < e && 'A' <= text[i] && text[i] <= 'H' {
		return i + 1
	}
	return -1
}

// markedHeadings returns the matches of a heading rule of the shape
// (?m)^[ \t#*]*(MARKER)[.)][ \t]+([A-Z][^\n]{2,maxRunes})$, white space
// widened as normalize.Pattern widens it, line by line.
func markedHeadings(text string, marker func(text string, i, e int) int, maxRunes int) [][]int {
	var out [][]int
	for p := 0; p < len(text); {
		e := len(text) // the end of the line at p
		if nl := strings.IndexByte(text[p:], '\n'); nl >= 0 {
			e = p + nl
		}
		if m := markedAt(text, p, e, marker, maxRunes); m != nil {
			out = append(out, m)
		}
		p = e + 1
	}
	return out
}

// markedAt returns the submatch indexes of markedHeadings' match on the
// line [p, e) of text, nil for none.
func markedAt(text string, p, e int, marker func(text string, i, e int) int, maxRunes int) []int {
	i := p
	for i < e {
		if c := text[i]; c == ' ' || c == '\t' || c == '#' || c == '*' {
			i++
		} else if n := noBreakSpace(text[i:e]); n > 0 {
			i += n
		} else {
			break
		}
	}
	d := marker(text, i, e)
	if d < 0 || d == e || text[d] != '.' && text[d] != ')' {
		return nil
	}
	j := d + 1
	for j < e {
		if c := text[j]; c == ' ' || c == '\t' {
			j++
		} else if n := noBreakSpace(text[j:e]); n > 0 {
			j += n
		} else {
			break
		}
	}
	if j == d+1 || j == e || text[j] < 'A' || text[j] > 'Z' {
		return nil
	}
	if n := utf8.RuneCountInString(text[j+1 : e]); n < 2 || n > maxRunes {
		return nil
	}
	return []int{p, e, i, d, j, e}
}

// noBreakSpace returns the length of the no-break space (U+00A0, U+202F,
// U+2007) that s starts with, 0 for none.
func noBreakSpace(s string) int {
	if strings.HasPrefix(s, "\u00a0") {
		return 2
	}
	if strings.HasPrefix(s, "\u202f") || strings.HasPrefix(s, "\u2007") {
		return 3
	}
	return 0
}

// ruleSpace returns the length of the white space a rule's widened \s
// matches at the start of s (ASCII \s or a no-break space), 0 for none.
func ruleSpace(s string) int {
	if len(s) > 0 && strings.IndexByte(asciiSpace, s[0]) >= 0 {
		return 1
	}
	return noBreakSpace(s)
}

// isTocLine reports whether tocLineRe matches line, found by hand from
// the end of the line: after the white space that ends it, one to three
// digits, and before them white space that holds a tab or two spaces in a
// row, or that follows "..." or "…". Go tries the rule, which opens with
// an alternation, at every byte of every heading.
func isTocLine(line string) bool {
	e := len(line)
	for e > 0 {
		r, n := utf8.DecodeLastRuneInString(line[:e])
		if !isRuleSpace(r) {
			break
		}
		e -= n
	}
	p := e
	for p > 0 && e-p <= 3 && '0' <= line[p-1] && line[p-1] <= '9' {
		p--
	}
	if p == e || e-p > 3 {
		return false
	}
	// the white space before the digits: a tab or two spaces in a row
	// in it, or dots before it
	q, spaces := p, 0
	for q > 0 {
		r, n := utf8.DecodeLastRuneInString(line[:q])
		if !isRuleSpace(r) {
			break
		}
		switch {
		case r == '\t':
			return true
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2007':
			if spaces++; spaces == 2 {
				return true
			}
		default:
			spaces = 0
		}
		q -= n
	}
	return strings.HasSuffix(line[:q], "...") || strings.HasSuffix(line[:q], "…")
}

// isRuleSpace reports whether r is white space to a rule of
// normalize.Pattern: \s (ASCII) or a no-break space.
func isRuleSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\f', '\r', '\u00a0', '\u202f', '\u2007':
		return true
	}
	return false
}

// blank reports whether s holds nothing but white space and dashes.
func blank(s string) bool {
	return strings.Trim(s, " \t\r\n\f—–-_") == ""
}

// Outline finds the structure of an agreement in document order: the title,
// the party block, Artikel N, Bijlage N and the lettered sections (A., B.,
// …) of the annexes, or their numbered sections ("1. Algemene informatie")
// in an annex without letters. Table-of-contents entries and lists of annexes (a
// Bijlage heading with nothing under it) are left out.
func Outline(text string) []Section {
	// The cued rules below look for their words in the text in lower
	// case: lowered once here, unless the text is a document's being
	// extracted, whose index has it already.
	low := ""
	if x, _ := liveIndex(text); x == nil {
		low = lowerString(text)
	}
	lowAt := func(i, j int) string {
		if low == "" {
			return ""
		}
		return low[i:j]
	}
	var hits []hit
	add := func(kind SectionKind, ms [][]int) {
		for _, m := range ms {
			line := text[m[0]:m[1]]
			if !isHeadingLine(line) {
				continue
			}
			// "A. Acme B.V., …, hierna “Verwerker”" is a party clause
			if kind == SectionLetter && roleRe.MatchString(line) {
				continue
			}
			num := m[2:4]
			if num[0] < 0 && len(m) > 5 { // annexRe's second numbering ("Annex A")
				num = m[4:6]
			}
			hits = append(hits, hit{kind, text[num[0]:num[1]], m[0], m[1], strings.TrimSpace(line)})
		}
	}
	add(SectionArticle, articleHeadings(text))
	add(SectionAnnex, annexRe.find(text, low, -1))
	add(SectionLetter, letterHeadings(text))
	if m := partiesRe.findLow(text, low); m != nil && m[0] < len(text)/2 {
		hits = append(hits, hit{SectionParties, "", m[0], m[1], strings.TrimSpace(text[m[0]:m[1]])})
	}
	sortHits(hits)
	// Drop annex headings that govern nothing: the list of annexes that
	// precedes them ("Bijlage 1: Privacybijsluiter\nBijlage 2: …").
	kept := hits[:0]
	for i, h := range hits {
		if h.kind == SectionAnnex && i+1 < len(hits) && hits[i+1].kind == SectionAnnex &&
			blank(text[h.end:hits[i+1].start]) {
			continue
		}
		kept = append(kept, h)
	}
	hits = addNumberedSections(text, kept)

	level := map[SectionKind]int{SectionTitle: 0, SectionParties: 1, SectionAnnex: 1, SectionArticle: 2, SectionLetter: 3}
	out := make([]Section, 0, len(hits)+1)
	if t := titleSection(text, hits); t != nil {
		out = append(out, *t)
	}
	annex := ""
	for i, h := range hits {
		if h.kind == SectionAnnex {
			annex = h.num
		}
		end := len(text)
		for _, n := range hits[i+1:] {
			if level[n.kind] <= level[h.kind] || h.kind == SectionParties {
				end = n.start
				break
			}
		}
		if h.kind == SectionParties {
			if m := partiesEndRe.findLow(text[h.end:end], lowAt(h.end, end)); m != nil {
				end = h.end + m[0]
			}
			end = h.end + firstClauseHeading(text[h.end:end])
		}
		out = append(out, Section{Kind: h.kind, Number: h.num, Heading: h.line, Start: h.start, End: end, Annex: annex})
	}
	return out
}

// addNumberedSections adds the numbered sections ("1. Algemene
// informatie") of annexes that have no lettered sections, as SectionLetter.
func addNumberedSections(text string, hits []hit) []hit {
	var extra []hit
	for i, h := range hits {
		if h.kind != SectionAnnex {
			continue
		}
		end := len(text)
		lettered := false
		for _, n := range hits[i+1:] {
			if n.kind == SectionLetter {
				lettered = true
			}
			if n.kind == SectionAnnex || n.kind == SectionParties {
				end = n.start
				break
			}
		}
		if lettered {
			continue
		}
		for _, m := range numberedHeadings(text[h.end:end]) {
			line := text[h.end+m[0] : h.end+m[1]]
			title := text[h.end+m[4] : h.end+m[5]]
			if !isHeadingLine(line) || !annexSectionWords.MatchString(title) || strings.ContainsAny(title[len(title)-1:], ".;,") {
				continue
			}
			extra = append(extra, hit{SectionLetter, text[h.end+m[2] : h.end+m[3]], h.end + m[0], h.end + m[1], strings.TrimSpace(line)})
		}
	}
	if len(extra) == 0 {
		return hits
	}
	hits = append(hits, extra...)
	sortHits(hits)
	return hits
}

// sortHits sorts headings by their start, keeping the order of those that
// start at the same offset.
func sortHits(hits []hit) {
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(a.start, b.start) })
}

// hit is a heading found by Outline before sections get their ends.
type hit struct {
	kind  SectionKind
	num   string
	start int
	end   int // end of the heading line
	line  string
}

// titleSection is the first non-empty line of the text (Heading) and
// everything up to the first other heading; nil for an empty text.
func titleSection(text string, hits []hit) *Section {
	start := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
	if start == len(text) {
		return nil
	}
	lineEnd := strings.IndexByte(text[start:], '\n')
	if lineEnd < 0 {
		lineEnd = len(text) - start
	}
	end := len(text)
	for _, h := range hits {
		if h.start >= start+lineEnd {
			end = h.start
			break
		}
	}
	heading := strings.Trim(text[start:start+lineEnd], " \t#*\r")
	return &Section{Kind: SectionTitle, Heading: heading, Start: start, End: end}
}

// sections returns the sections whose heading matches re, in order.
func (d *doc) sections(kind SectionKind, re matcher) []Section {
	var out []Section
	for _, s := range d.outline {
		if s.Kind == kind && re.MatchString(s.Heading) {
			out = append(out, s)
		}
	}
	return out
}

// sectionOf returns the first section of the kind, the zero Section and
// false when there is none.
func (d *doc) sectionOf(kind SectionKind) (Section, bool) {
	for _, s := range d.outline {
		if s.Kind == kind {
			return s, true
		}
	}
	return Section{}, false
}

// annex returns the first Bijlage numbered n ("1", "2a").
func (d *doc) annex(n string) (Section, bool) {
	for _, s := range d.outline {
		if s.Kind == SectionAnnex && strings.EqualFold(s.Number, n) {
			return s, true
		}
	}
	return Section{}, false
}

// sectionByTitle returns the sections of any kind whose heading matches re.
func (d *doc) sectionByTitle(re matcher) []Section {
	var out []Section
	for _, s := range d.outline {
		if re.MatchString(s.Heading) {
			out = append(out, s)
		}
	}
	return out
}

// Line is one line of the text: its byte range [Start, End) without the
// line break, and the text itself.
type Line struct {
	Start, End int
	Text       string
}

// lines returns the lines that start in [start, end), page separators
// (form feeds) included as empty lines.
//
// The text is split once; each call returns a stretch of that list
// (which its callers only read: it is capped, so that an append copies).
// The extractors ask for the lines of the whole text a dozen times.
func (d *doc) lines(start, end int) []Line {
	if !d.linesDone {
		d.allLines, d.linesDone = splitLines(d.text, 0, len(d.text)), true
	}
	start, end = max(start, 0), min(end, len(d.text))
	for start > 0 && d.text[start-1] != '\n' {
		start-- // as splitLines: from the start of the line holding start
	}
	all := d.allLines
	i := sort.Search(len(all), func(i int) bool { return all[i].Start >= start })
	j := sort.Search(len(all), func(j int) bool { return all[j].Start >= end })
	if i >= j {
		return nil
	}
	return all[i:j:j]
}

func splitLines(text string, start, end int) []Line {
	start, end = max(start, 0), min(end, len(text))
	// back up to the start of the line holding start
	for start > 0 && text[start-1] != '\n' {
		start--
	}
	var out []Line
	for pos := start; pos < end; {
		nl := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = pos + nl
		}
		e := lineEnd
		if e > pos && text[e-1] == '\r' {
			e--
		}
		out = append(out, Line{Start: pos, End: e, Text: text[pos:e]})
		pos = lineEnd + 1
	}
	return out
}

// Cell is one cell of a table row: its trimmed byte range and text.
type Cell struct {
	Start, End int
	Text       string
}

// Row is one line of a table-like layout split into cells.
type Row struct {
	Line
	Cells []Cell
}

// cellSepRe separates cells as the ingestors lay tables out: a pipe
// (markdown and DOCX/HTML tables), a tab, or a run of three or more spaces
// (pdftotext -layout columns).
var cellSepRe = cued(normalize.Pattern(`\s*\|\s*|\t+| {3,}`))

// mayHaveCells reports whether s could hold a match of cellSepRe: a pipe,
// a tab, or a run of three spaces, which needs two plain spaces in a row
// or a no-break space.
func mayHaveCells(s string) bool {
	// byte searches: ContainsAny steps rune by rune when a character is
	// not ASCII, and each of these runes is found whole by its bytes
	if strings.IndexByte(s, '|') >= 0 || strings.IndexByte(s, '\t') >= 0 || strings.Contains(s, "  ") ||
		strings.Contains(s, "\u00a0") {
		return true
	}
	// U+202F and U+2007 share their first two bytes (with quotes and
	// dashes, which are common): one search for both
	const lead = "\xe2\x80"
	for i := 0; ; {
		j := strings.Index(s[i:], lead)
		if j < 0 {
			return false
		}
		i += j + len(lead)
		if i < len(s) && (s[i] == "\u202f"[2] || s[i] == "\u2007"[2]) {
			return true
		}
	}
}

// splitRow splits a line into cells; it returns nil for a line without a
// cell separator (ordinary prose). Empty cells are dropped; a pipe row's
// leading and trailing pipes give no cells.
func splitRow(l Line) []Cell {
	if !mayHaveCells(l.Text) {
		return nil // cheap test first: most lines are prose
	}
	a, b := nextCellSep(l.Text, 0) // cellSepRe's matches, found by hand (cellsep.go)
	if a < 0 {
		return nil
	}
	var cells []Cell
	prev := 0
	addCell := func(a, b int) {
		for a < b && (l.Text[a] == ' ' || l.Text[a] == '\t') {
			a++
		}
		for b > a && (l.Text[b-1] == ' ' || l.Text[b-1] == '\t') {
			b--
		}
		if a < b && strings.Trim(l.Text[a:b], "-:| ") != "" {
			cells = append(cells, Cell{Start: l.Start + a, End: l.Start + b, Text: l.Text[a:b]})
		}
	}
	for ; a >= 0; a, b = nextCellSep(l.Text, b) {
		addCell(prev, a)
		prev = b
	}
	addCell(prev, len(l.Text))
	return cells
}

// tables returns the lines in [start, end) that have a cell separator, each
// split into cells with their offsets. Separator rows ("|---|---|") and
// lines with nothing but separators give no Row.
func (d *doc) tables(start, end int) []Row {
	var out []Row
	for _, l := range d.lines(start, end) {
		if cells := splitRow(l); len(cells) > 0 {
			out = append(out, Row{Line: l, Cells: cells})
		}
	}
	return out
}

// labelValue finds a label ("Naam product en/of dienst", "Leverancier:")
// in [start, end) and returns the value that goes with it: the next cell
// of the same row, the rest of the line after a colon, or else the next
// non-empty line. ok is false when the label is not there or has no value.
func (d *doc) labelValue(start, end int, label matcher) (v Cell, ok bool) {
	vs := d.labelValues(start, end, label, 1)
	if len(vs) == 0 {
		return Cell{}, false
	}
	return vs[0], true
}

// linesMayMatch reports for each of lines whether a cued rule may match
// the line's text: whether it holds one of the words every match starts
// with, or else one of those every match holds (linesHolding, one pass
// over the text, instead of the rule's own look for them line by line).
// A line with a rune (?i) takes for k or s may match. nil when re is no
// cued rule or has no such words.
func (d *doc) linesMayMatch(lines []Line, re matcher) []bool {
	c, ok := re.(*cuedRe)
	if !ok {
		return nil
	}
	c.prepare()
	words := c.cues
	if words == nil {
		words = c.needs
	}
	if words == nil {
		return nil
	}
	return d.linesHolding(lines, words)
}

// labelValues is labelValue for every occurrence of the label, in order,
// at most limit of them (all when limit <= 0).
func (d *doc) labelValues(start, end int, label matcher, limit int) []Cell {
	var out []Cell
	ls := d.lines(start, end)
	may := d.linesMayMatch(ls, label)
	for i, l := range ls {
		if limit > 0 && len(out) >= limit {
			break
		}
		if may != nil && !may[i] {
			continue
		}
		m := label.FindStringIndex(l.Text)
		if m == nil {
			continue
		}
		// the label must open the line or a cell, not sit inside a sentence
		prefix := strings.TrimLeft(l.Text[:m[0]], " \t|*#-•<>/ia0123456789.)")
		if prefix != "" && !strings.HasSuffix(strings.TrimRight(l.Text[:m[0]], " "), "|") {
			continue
		}
		if v, ok := valueAfterLabel(l, m[1], ls[i+1:]); ok {
			out = append(out, v)
		}
	}
	return out
}

// valueAfterLabel returns the value of a label that ends at byte labelEnd
// of line l: the next cell, the rest of the line, or the next non-empty line.
// inlineLabelRe is a next label on the same line: a capitalised name of
// up to four words, a colon and a value ("… Leverancier: Maatwerk B.V.",
// "… **Versie:** 2.1"). Markdown label lines without a blank line between
// them become one paragraph in HTML, and so one line in a PDF.
var inlineLabelRe = mustCued(`\s(?:\*\*)?\p{Lu}[\p{L}-]*(?:\s+[\p{L}()/-]+){0,3}\s*:(?:\*\*)?\s+\S`)

func valueAfterLabel(l Line, labelEnd int, next []Line) (Cell, bool) {
	rest := Line{Start: l.Start + labelEnd, End: l.End, Text: l.Text[labelEnd:]}
	if c, ok := firstFullCell(splitRow(rest)); ok {
		return c, true
	}
	if t := strings.TrimLeft(rest.Text, " :*\t"); strings.TrimSpace(t) != "" {
		off := rest.Start + len(rest.Text) - len(t)
		if m := inlineLabelRe.FindStringIndex(t); m != nil && m[0] > 0 {
			t = t[:m[0]] // "Product: X Leverancier: Y" — Markdown label lines run together in HTML and PDF
		}
		if c := trimCell(Cell{Start: off, End: off + len(t), Text: t}); c.Text != "" {
			return c, true
		}
	}
	for _, n := range next {
		t := strings.TrimSpace(n.Text)
		if t == "" || t == "\f" {
			continue
		}
		if c, ok := firstFullCell(splitRow(n)); ok {
			return c, true
		}
		off := n.Start + strings.Index(n.Text, t)
		c := trimCell(Cell{Start: off, End: off + len(t), Text: t})
		return c, c.Text != ""
	}
	return Cell{}, false
}

// firstFullCell returns the first cell with text once markup is trimmed.
func firstFullCell(cells []Cell) (Cell, bool) {
	for _, c := range cells {
		if c = trimCell(c); c.Text != "" {
			return c, true
		}
	}
	return Cell{}, false
}

// trimCell strips markup remnants (<i>, <u>, *, |) and white space from both
// ends of a cell, keeping the offsets in step.
func trimCell(c Cell) Cell {
	for changed := true; changed; {
		changed = false
		t := c.Text
		for _, p := range []string{"<i>", "<u>", "<b>", "</i>", "</u>", "</b>", "*", "|", " ", "\t", ":"} {
			for strings.HasPrefix(t, p) {
				t = t[len(p):]
				c.Start += len(p)
				changed = true
			}
			for strings.HasSuffix(t, p) && p != ":" {
				t = t[:len(t)-len(p)]
				c.End -= len(p)
				changed = true
			}
		}
		c.Text = t
	}
	return c
}

// clauseHeadingRe is a short numbered heading line ("1. DOEL EN
// REIKWIJDTE", "1. Toepassing"): in a party block without articles it
// opens the first clause.
var clauseHeadingRe = cued(normalize.Pattern(`(?m)^[ \t#*]*\d{1,2}\.?[ \t]+\p{Lu}[\p{L} \t&-]{2,60}$`))

// firstClauseHeading returns the offset in block of the first numbered
// heading line after the last party clause (one naming a role), or
// len(block) when there is none. A party item's own line ("1. Verwerker")
// is no heading.
func firstClauseHeading(block string) int {
	roles := roleRe.FindAllStringIndex(block, -1)
	if roles == nil {
		return len(block)
	}
	first := roles[len(roles)-1]
	for _, m := range clauseHeadingRe.FindAllStringIndex(block[first[1]:], -1) {
		line := block[first[1]+m[0] : first[1]+m[1]]
		if roleWordRe.MatchString(line) {
			continue
		}
		return first[1] + m[0]
	}
	return len(block)
}

// roleWordRe finds a party's role word in a line.
var roleWordRe = cued(normalize.Pattern(`(?i)\b(?:` + processorRoles + `|` + controllerRoles + `)\b`))

// clauseTitleWordsRe are the words that title an agreement's own clauses
// (not a sub-processor's or product's name in a numbered list).
var clauseTitleWordsRe = cued(normalize.Pattern(`(?i)^(?:beveiliging|bewaar|bewaren|bewaartermijn|datalek|incident|meldplicht|slot|duur|looptijd|aansprakelijk|geheimhouding|toepassing|verwerking|doel|gegevens|rechten|audit|definitie|onderwerp|beëindiging|ondertekening|overige|subverwerker|subbewerker|vernietiging|teruggave)`))

// nextClauseHeading returns the offset in text of the first short numbered
// heading line whose title opens with a clause word ("4. BEWAARTERMIJNEN",
// "3. Beveiliging en incidenten"), or -1.
func nextClauseHeading(text string) int {
	for _, m := range clauseHeadingRe.FindAllStringIndex(text, -1) {
		if isClauseHeading(text[m[0]:m[1]]) {
			return m[0]
		}
	}
	return -1
}

// isClauseHeading reports whether a match of clauseHeadingRe has the title
// words of a clause heading.
func isClauseHeading(match string) bool {
	line := strings.TrimLeft(match, " \t#*0123456789.")
	return clauseTitleWordsRe.MatchString(strings.TrimSpace(line))
}
