package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// rosaAssessments maps the wordings of the ROSA check's form ("Toetsvorm")
// to the record's vocabulary.
var rosaAssessments = []struct {
	value string
	re    *cuedRe
}{
	{"self-assessment", mustCued(`(?i)self[- ]?assessment|zelf[- ]?(?:evaluatie|toets|beoordeling|assessment)|interne\s+(?:toets|beoordeling)`)},
	{"peer review", mustCued(`(?i)peer[- ]?(?:review|assessment)|collegiale\s+(?:toets|review|beoordeling)`)},
	{"audit", mustCued(`(?i)\baudit|externe\s+(?:toets|beoordeling)|third[- ]party|derden[- ]?verklaring|\bTPM\b`)},
}

// rosaFormWords are the labels of the form of the ROSA check.
const rosaFormWords = `(?:toets(?:ings)?vorm|vorm\s+van\s+(?:de\s+)?toets(?:ing)?|soort\s+toets(?:ing)?|type\s+toets(?:ing)?|wijze\s+van\s+toetsing|assessment\s*type)\b`

var (
	// rosaFormLabel labels the form of the ROSA check.
	rosaFormLabel = mustCued(`(?i)` + rosaFormWords)
	// rosaAnchor marks where a ROSA report starts: the form of the check,
	// the BIV classification, or the header of a control table.
	rosaAnchor = mustCued(`(?i)` + rosaFormWords + `|\bBIV[- ]?classificatie|\bmaatregel(?:en)?\b.*\b(?:compliance|status|naleving)\b`)
	// rosaAnchorNear are words every match of rosaAnchor holds, on its
	// line (findAllNear).
	rosaAnchorNear = []string{"vorm", "toet", "type", "biv", "maatregel"}
	// rosaNameRe names the ROSA check.
	rosaNameRe = mustCued(`\bROSA\b`)
	// rosaPlainSplit splits a control written as a line without cells:
	// "Onweerlegbaarheid – Niet voldaan", "Ontwerp: voldaan".
	rosaPlainSplit = mustCued(`\s+[–-]\s+|:\s+`)
	// rosaCategoryLine opens a category of controls: "Categorie:
	// Beschikbaarheid = 2/3", "Integriteit".
	rosaCategoryLine = mustCued(`(?i)^(?:categorie\s*:?\s*)?(beschikbaarheid|integriteit|vertrouwelijkheid|availability|integrity|confidentiality)\b`)
	// rosaHeaderCell is a column header, never a control name.
	// isRosaHeader tells it without compiling it (the rule seldom
	// matched and cost its compiling); TestIsRosaHeaderIsTheRule holds
	// one to the other.
	rosaHeaderCell = mustCued(`(?i)^(?:maatregel(?:en)?|control(?:s)?|categorie|category|norm|onderwerp|eis)$`)
	// rosaHeaderWords are the words of rosaHeaderCell.
	rosaHeaderWords = []string{"maatregel", "maatregelen", "control", "controls", "categorie", "category", "norm", "onderwerp", "eis"}
)

// isRosaHeader is rosaHeaderCell.MatchString(s): s is one of
// rosaHeaderWords in any case, as (?i) folds it (strings.EqualFold folds
// alike).
func isRosaHeader(s string) bool {
	for _, w := range rosaHeaderWords {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// rosaStatuses maps the compliance statuses of a control, as the start of
// its cell, to the Controls counter; earlier entries win.
var rosaStatuses = []struct {
	status string
	re     *cuedRe
}{
	// "Voldaan met" is always "voldaan met (deels) alternatieve
	// maatregelen", also when a laid-out cell wraps after "met".
	{"alternatief", mustCued(`(?i)^(?:voldaan\s+met\b|(?:deels\s+|gedeeltelijk\s+)?alternatieve?\s+maatregel|alternatief\b|compliant\s+with\s+alternative)`)},
	{"niet_voldaan", mustCued(`(?i)^(?:niet\s+voldaan|voldoet\s+niet|not\s+(?:met|compliant))\b`)},
	{"gedeeltelijk", mustCued(`(?i)^(?:(?:deels|gedeeltelijk|grotendeels|partieel)(?:\s+voldaan)?|voldoet\s+gedeeltelijk|partially(?:\s+compliant|\s+met)?)\b`)},
	{"voldaan", mustCued(`(?i)^(?:voldaan|voldoet|compliant)\b`)},
}

// rosaStatus returns the status a cell states, "" for a cell that is no
// status: a template hint ("[Voldaan/ niet voldaan/ …]"), a list of
// options, or a long sentence.
func rosaStatus(cell string) string {
	t := strings.TrimSpace(strings.Trim(cell, " *<>ibu/"))
	if !rosaMayBeStatus(t) {
		return ""
	}
	if t == "" || strings.ContainsAny(t, "[]") || utf8.RuneCountInString(t) > 80 {
		return ""
	}
	if strings.Count(strings.ToLower(t), "voldaan") > 1 || strings.Contains(t, "/") {
		return "" // "Voldaan/ niet voldaan": the options, not a status
	}
	for _, s := range rosaStatuses {
		if s.re.MatchString(t) {
			return s.status
		}
	}
	return ""
}

// rosaMayBeStatus reports whether t starts as every match of the rules of
// rosaStatuses starts (they are anchored at the start of the cell): most
// cells of a security annex are names and prose, tried against four
// rules each.
func rosaMayBeStatus(t string) bool {
	return hasPrefixFold(t, "vold", "comp", "niet", "not", "deel", "gede", "grot", "part", "alte")
}

// rosaLineWords are the words a line of the ROSA region holds when it can
// count: the first letters of every status (rosaMayBeStatus, which also
// opens every inline status) and a part of every aspect that names a
// category (rosaCategoryLine), none with a k or s (linesHolding sends a
// line with a Kelvin sign or long s on anyway). Most lines of the region
// hold none and are not split into cells.
var rosaLineWords = []string{"vold", "comp", "niet", "not", "deel", "gede", "grot", "part", "alte",
	"baarheid", "integrit", "vertrouwelij", "availabilit", "confidentialit"}

// rosaMayOpenCategory reports whether t starts as every match of
// rosaCategoryLine (anchored at the start) starts.
func rosaMayOpenCategory(t string) bool {
	return hasPrefixFold(t, "cat", "bes", "int", "ver", "ava", "con")
}

// extractROSA reads how the ROSA check was done and counts its controls.
func extractROSA(d *doc, r *Record) {
	rosaAssessment(d, r)
	rosaControls(d, r)
}

// rosaAssessment reads the form of the check from its label ("Toetsvorm |
// Self-assessment"); a value naming several forms is an unfilled template.
func rosaAssessment(d *doc, r *Record) {
	if v, ok := d.labelValue(0, len(d.text), rosaFormLabel); ok {
		if a, ok := rosaAssessmentOf(v.Text); ok {
			r.ROSA.Assessment = &a
			d.cite(r, "rosa.assessment", v.Start, v.End, 0.9)
		}
		return
	}
	// Without a label, a self-assessment or peer review named once in a
	// ROSA report, or on a line that names ROSA, still counts.
	var lines []Line
	if anchor := rosaAnchor.FindStringIndex(d.text); anchor != nil {
		lines = d.lines(anchor[0], min(len(d.text), anchor[0]+4000))
	}
	for _, l := range d.lines(0, len(d.text)) {
		if rosaNameRe.MatchString(l.Text) {
			lines = append(lines, l)
		}
	}
	for _, l := range lines {
		var hits []string
		for _, a := range rosaAssessments[:2] {
			if a.re.MatchString(l.Text) {
				hits = append(hits, a.value)
			}
		}
		if len(hits) == 1 {
			r.ROSA.Assessment = &hits[0]
			d.cite(r, "rosa.assessment", l.Start, l.End, 0.6)
			return
		}
	}
}

// rosaAssessmentOf maps a Toetsvorm value to the vocabulary: the form
// named first ("Self-assessment, getoetst door een externe auditor" is a
// self-assessment). ok is false when it names none, or lists the forms as
// a choice ("[Self-assessment/ peer review/ audit]").
func rosaAssessmentOf(v string) (string, bool) {
	best, at, n := "", len(v)+1, 0
	for _, a := range rosaAssessments {
		if m := a.re.FindStringIndex(v); m != nil {
			n++
			if m[0] < at {
				best, at = a.value, m[0]
			}
		}
	}
	if n == 0 || n > 1 && (strings.ContainsAny(v, "[]/") || strings.Contains(strings.ToLower(v), " of ")) {
		return "", false
	}
	return best, true
}

// rosaRegion returns where the ROSA report lies: from its first anchor to
// the end of the annex (or the text) that holds its last anchor.
func rosaRegion(d *doc) (start, end int, ok bool) {
	ms := d.findAllNear(rosaAnchor, rosaAnchorNear)
	if ms == nil {
		return 0, 0, false
	}
	start, end = ms[0][0], len(d.text)
	last := ms[len(ms)-1][0]
	for _, s := range d.outline {
		if s.Kind == SectionAnnex && s.Start <= last && last < s.End {
			end = s.End
		}
	}
	return start, end, true
}

// rosaControls counts the distinct controls of the ROSA table by status.
// A control is its category and its name: the same name twice in one
// category counts once, in three categories three times. Rows come as
// cells (pipes, tabs) or as "name – status" lines.
func rosaControls(d *doc, r *Record) {
	start, end, ok := rosaRegion(d)
	if !ok {
		return
	}
	seen := map[string]bool{}
	var counts Controls
	category := ""
	first, last := -1, -1
	lines := d.lines(start, end)
	matters := d.linesHolding(lines, rosaLineWords)
	for li, l := range lines {
		if !matters[li] {
			continue // no status, no inline status, no category on this line
		}
		cells := rosaCells(l)
		if len(cells) == 0 {
			continue
		}
		if t := strings.TrimSpace(cells[0].Text); rosaMayOpenCategory(t) {
			if m := rosaCategoryLine.FindStringSubmatch(t); m != nil && utf8.RuneCountInString(cells[0].Text) <= 60 {
				category = bivAspectWordsFold(m[1])
			}
		}
		at := -1
		for i, c := range cells {
			if rosaStatus(c.Text) != "" {
				at = i
				break
			}
		}
		if at < 0 {
			// a name and status without a separator: "Application
			// controls Voldaan", "Herleidbaarheid (technische beheer)
			// Gedeeltelijk* Voldaan op niveau 1"
			for i, c := range cells {
				if parts := rosaSplitInline(c); parts != nil {
					cells = append(append(append([]Cell{}, cells[:i]...), parts...), cells[i+1:]...)
					at = i + 1
					break
				}
			}
		}
		if at < 1 {
			continue
		}
		// In a laid-out PDF table a cell wraps onto the next lines, in its
		// own column: "Voldaan met deels / alternatieve / maatregelen*",
		// "Herleidbaarheid / (technisch beheer)".
		name := cells[at-1].Text + " " + rosaWrapped(l, lines[li+1:], cells[at-1], true)
		status := rosaStatus(cells[at].Text + " " + rosaWrapped(l, lines[li+1:], cells[at], false))
		if status == "" {
			status = rosaStatus(cells[at].Text)
		}
		name = strings.TrimSpace(strings.Trim(strings.TrimSpace(name), " *"))
		if name == "" || isRosaHeader(name) || strings.HasPrefix(name, "[") || utf8.RuneCountInString(name) > 80 {
			continue
		}
		if _, isAspect := bivAspectWords[strings.ToLower(name)]; isAspect {
			continue
		}
		key := category + "|" + strings.Join(strings.Fields(strings.ToLower(name)), " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		switch status {
		case "voldaan":
			counts.Voldaan++
		case "alternatief":
			counts.Alternatief++
		case "gedeeltelijk":
			counts.Gedeeltelijk++
		case "niet_voldaan":
			counts.NietVoldaan++
		}
		if first < 0 {
			first = l.Start
		}
		last = l.End
	}
	if first < 0 {
		return
	}
	r.ROSA.Controls = &counts
	d.cite(r, "rosa.controls", first, last, 0.8)
}

// rosaWrapped returns the continuation of cell c of line l on the lines
// that follow a laid-out table row: text in c's column on lines that leave
// the columns left of it empty (for a status) or that hold no status (for
// a name). It stops at a blank line or the next row.
func rosaWrapped(l Line, next []Line, c Cell, name bool) string {
	if splitRow(l) == nil || strings.Contains(l.Text, "|") || strings.Contains(l.Text, "\t") {
		// Without columns only a bracketed name part is a sure
		// continuation: "Herleidbaarheid | Voldaan" + "(technisch beheer)".
		if name && len(next) > 0 {
			t := strings.TrimSpace(next[0].Text)
			if strings.HasPrefix(t, "(") && !strings.ContainsAny(t, "|\t") && utf8.RuneCountInString(t) <= 40 && rosaStatus(t) == "" {
				return t
			}
		}
		return "" // only layout columns (runs of spaces) wrap this way
	}
	col := utf8.RuneCountInString(l.Text[:c.Start-l.Start])
	var parts []string
	for _, n := range next {
		if strings.TrimSpace(n.Text) == "" || len(parts) >= 4 {
			break
		}
		cells := splitRow(n)
		if cells == nil {
			cells = []Cell{trimCell(Cell{Start: n.Start, End: n.End, Text: n.Text})}
		}
		first := cells[0]
		fcol := utf8.RuneCountInString(n.Text[:first.Start-n.Start])
		if name {
			if fcol < col-1 || fcol > col+1 || rosaStatus(first.Text) != "" || len(cells) > 1 && rosaStatus(cells[1].Text) != "" {
				break
			}
			parts = append(parts, first.Text)
			continue
		}
		found := false
		for _, x := range cells {
			xcol := utf8.RuneCountInString(n.Text[:x.Start-n.Start])
			if xcol < col-1 {
				if x.Text != "" {
					return strings.Join(parts, " ")
				}
				continue
			}
			if xcol <= col+1 {
				parts = append(parts, x.Text)
				found = true
			}
			break
		}
		if !found {
			break
		}
	}
	return strings.Join(parts, " ")
}

// rosaInlineRe is a control name followed by its status in one cell.
var rosaInlineRe = mustCued(`^(\p{Lu}[^|.:;]{0,60}?)\s+((?i:voldaan\s+met|alternatieve?\s+maatregel(?:en)?|niet\s+voldaan|deels\s+voldaan|gedeeltelijk(?:\s+voldaan)?|voldaan)\*?)(?:\s+[\p{Lu}(].*)?$`)

// rosaSplitInline splits "Application controls Voldaan" into a name and
// a status cell; nil when c is not such a pair.
func rosaSplitInline(c Cell) []Cell {
	if strings.ContainsAny(c.Text, "[]") {
		return nil // a template hint: "[Bij niet voldaan aangeven …]"
	}
	// OCR leaves specks before a row: "'Transport en fysieke opslag Voldaan"
	if i := strings.IndexFunc(c.Text, unicode.IsLetter); i > 0 && i <= 3 {
		c = Cell{Start: c.Start + i, End: c.End, Text: c.Text[i:]}
	}
	if !rosaMayBeInline(c.Text) {
		return nil
	}
	m := rosaInlineRe.FindStringSubmatchIndex(c.Text)
	if m == nil || len(strings.Fields(c.Text[m[2]:m[3]])) > 6 {
		return nil
	}
	return []Cell{
		{Start: c.Start + m[2], End: c.Start + m[3], Text: c.Text[m[2]:m[3]]},
		{Start: c.Start + m[4], End: c.Start + m[5], Text: c.Text[m[4]:m[5]]},
	}
}

// rosaMayBeInline reports whether t holds a word that every match of
// rosaInlineRe holds: each of its statuses has "voldaan", "alternatiev"
// or "gedeeltelij" in it, in any case. (None of these has a k or s, the
// only ASCII letters that (?i) also finds as other runes.) The rule
// backtracks over the start of a cell, so it is worth not trying.
func rosaMayBeInline(t string) bool {
	return containsFold(t, "voldaan") || containsFold(t, "alternatiev") || containsFold(t, "gedeeltelij")
}

// bivAspectWordsFold names an aspect by its Dutch word, whatever the
// language or case it was written in.
func bivAspectWordsFold(w string) string {
	return [3]string{"beschikbaarheid", "integriteit", "vertrouwelijkheid"}[bivAspectWords[strings.ToLower(w)]]
}

// rosaMaySplit reports whether t holds what every match of rosaPlainSplit
// holds, a colon or a dash: the rule opens with white space, so it would
// otherwise be tried at every byte of every line of a security annex.
func rosaMaySplit(t string) bool {
	return strings.ContainsAny(t, ":-") || strings.Contains(t, "–")
}

// rosaCells splits a line into cells, or a line without cell separators
// into its "name – status" parts.
func rosaCells(l Line) []Cell {
	if cells := splitRow(l); len(cells) > 0 {
		for i := range cells {
			cells[i] = trimCell(cells[i])
		}
		return cells
	}
	t := strings.TrimSpace(l.Text)
	if t == "" || utf8.RuneCountInString(t) > 160 {
		return nil
	}
	off := l.Start + strings.Index(l.Text, t)
	var cells []Cell
	prev := 0
	if rosaMaySplit(t) {
		for _, s := range rosaPlainSplits(t, 2) {
			cells = append(cells, Cell{Start: off + prev, End: off + s[0], Text: t[prev:s[0]]})
			prev = s[1]
		}
	}
	cells = append(cells, Cell{Start: off + prev, End: off + len(t), Text: t[prev:]})
	return cells
}

// rosaPlainSplits returns rosaPlainSplit.FindAllStringIndex(t, n), found
// by hand: white space, a dash and white space, or a colon and white
// space, each run of white space (ASCII \s) taken whole. The rule opens
// with white space, so Go tries it at every byte of every line.
func rosaPlainSplits(t string, n int) [][]int {
	var out [][]int
	for i := 0; i < len(t) && (n < 0 || len(out) < n); {
		if e := rosaSplitAt(t, i); e > i {
			out = append(out, []int{i, e})
			i = e
			continue
		}
		i++
	}
	return out
}

// rosaSplitAt returns the end of rosaPlainSplit's match at t[i:], or i
// for none.
func rosaSplitAt(t string, i int) int {
	if t[i] == ':' {
		if e := skipSpaceASCII(t, i+1); e > i+1 {
			return e
		}
		return i
	}
	j := skipSpaceASCII(t, i)
	if j == i {
		return i
	}
	k := j
	switch {
	case strings.HasPrefix(t[j:], "-"):
		k = j + 1
	case strings.HasPrefix(t[j:], "–"):
		k = j + len("–")
	default:
		return i
	}
	if e := skipSpaceASCII(t, k); e > k {
		return e
	}
	return i
}

// skipSpaceASCII returns the end of the run of ASCII white space (\s:
// space, tab, line feed, form feed, carriage return) at t[i:].
func skipSpaceASCII(t string, i int) int {
	for i < len(t) && strings.IndexByte(asciiSpace, t[i]) >= 0 {
		i++
	}
	return i
}
