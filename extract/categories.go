package extract

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// catHeadingRe is the heading of a categories section: "D. Categorieën
	// en soorten persoonsgegevens", "Tabel 4: Categorieën Persoonsgegevens",
	// "3. Soorten persoonsgegevens", "Welke gegevens verwerken wij?".
	catHeadingRe = mustCued(`(?i)^[\s#*]*(?:(?:[A-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s+|(?:tabel|bijlage|artikel)\s+\d+[a-z]?\s*[:.;]?\s*)?` +
		`(?:(?:overzicht|omschrijving|opsomming|specificatie)\s+(?:en\s+opsomming\s+)?(?:van\s+)?(?:de\s+)?)?` +
		`(?:(?:categorie[eë]n|soorten)\b[^\n]{0,40}?\b(?:persoons)?gegevens|welke\s+(?:persoons)?gegevens|` +
		`(?:lijst|overzicht|opsomming)\s+(?:van\s+)?(?:de\s+)?(?:verwerkte\s+)?persoonsgegevens|` +
		`(?:categories|types)\s+of\s+personal\s+data|personal\s+data\s+(?:categories|processed))\b`)
	// catFallbackHeadingRe is a weaker heading: "Persoonsgegevens",
	// "Verwerkte persoonsgegevens", a bare "2. Gegevens".
	catFallbackHeadingRe = mustCued(`(?i)^[\s#*]*(?:(?:[A-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s+)?(?:(?:verwerkte\s+|te\s+verwerken\s+)?persoonsgegevens\b[^\n]{0,50}|(?:de\s+)?(?:persoons)?gegevens\s+die\s+(?:wij|we|worden)\b[^\n]{0,50}|personal\s+data\b[^\n]{0,40}|(?:verwerkte\s+)?gegevens\s*:?)$`)
	// catTableHeaderRe is the header cell of a categories table without a
	// heading: "Categorie gegevens", "Categorie persoonsgegevens".
	catTableHeaderRe = mustCued(`(?i)^categorie(?:ën)?(?:\s+(?:van\s+)?(?:persoons)?gegevens)?$`)
	// catTableHeaderMate is another header cell of such a table.
	catTableHeaderMate = mustCued(`(?i)^(?:specificatie|toelichting|omschrijving|betrokkenen?|gegevens|persoonsgegevens|voorbeelden)$`)
	// catEnumRe is an enumerated heading line: "E. …", "4. …", "Tabel 5 …".
	catEnumRe = mustCued(`^[\s#*]*(?:([A-Z])[.)]\s+[A-Z]|(\d{1,2})[.)]\s+[A-Z]|(?i:tabel)\s+\d+)`)
	// catStopRe is a heading that ends a categories section: what follows
	// the categories in the Convenant models and their variants.
	catStopRe = mustCued(`(?i)^[\s#*]*(?:(?:[A-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s+|tabel\s+\d+[a-z]?\s*[:.]?\s*)?` +
		`(?:bewaartermijn|bewaren\b|sub-?(?:ver|be)werker|sub-?processor|(?:ingeschakelde\s+)?derden\b|derde\s+partijen|third\s+parties|welke\s+partijen|wie\s+(?:verwerkt|helpen|helpt)\b|(?:algemene\s+informatie\s+over\s+)?(?:getroffen\s+)?beveiliging|` +
		`maatregelen\b|locatie\b|plaats/land|land\s+van\s+opslag|doorgifte\b|rechten\s+van\s+betrokkenen|datalek|` +
		`(?:het\s+)?informeren\s+over|versie\b|doeleinden|afspraken\s+over)`)
	// catStopCellRe is the first cell of a table row that ends the section.
	catStopCellRe = mustCued(`(?i)^(?:bewaartermijn(?:en)?|sub-?(?:ver|be)werkers?|sub-?processors?)$`)
	// catAnswerRe is a line answered in the negative: "Gezondheid: nee".
	catAnswerRe = mustCued(`(?i)[:–]\s*\(?(?:n\.?v\.?t\.?|niet\s+van\s+toepassing|nee|no|geen|none)\s*\)?[.;,]?\s*$`)
	// catContactStopRe is "G. Contactgegevens" as a section heading.
	catContactStopRe = mustCued(`(?i)^[\s#*]*(?:[A-Z]|\d{1,2})[.)]\s+contact(?:gegevens|informatie)?\s*:?\s*$`)
	// catNegRe is a negation; what follows it in the sentence is not processed.
	catNegRe = mustCued(`(?i)(?:^|[^\p{L}])(geen|niet|nooit|not|never|none)(?:[^\p{L}]|$)`)
	// catNegNotRe are uses of niet that negate nothing: "niet verplicht".
	catNegNotRe = mustCued(`(?i)^niet\s+(?:verplicht|standaard|noodzakelijk|altijd|alleen|uitsluitend)`)
	// catNegVerbRe follows a negation that looks back: "niet (meer door
	// ons) verwerkt".
	catNegVerbRe = mustCued(`(?i)^[^.;]{0,30}?\b(?:verwerkt|verwerken|opgeslagen|opslaan|bewaard|bewaren|verzameld|verzamelen|gevraagd|vastgelegd|gebruikt|uitgewisseld|processed|stored|collected)\b`)
	// catNegResetRe ends a negation inside a sentence.
	catNegResetRe = mustCued(`(?i)(?:^|[^\p{L}])(maar|behalve|echter|wel|but)(?:[^\p{L}]|$)`)
	// catNoRe is a cell or answer saying the item is not processed.
	catNoRe = mustCued(`(?i)^\(?\s*(?:n\.?v\.?t\.?|niet\s+van\s+toepassing|nee|no|geen|none|niet)\s*\)?[.;,]?$`)
	// catNvtRe is "n.v.t." anywhere in a row.
	catNvtRe = mustCued(`(?i)(?:^|[^\p{L}])n\.v\.t\.?(?:[^\p{L}]|$)|(?:^|[\s(|])nvt(?:[\s)|.]|$)`)
	// catBoxRe is a checkbox, ticked (group 1) or not.
	catBoxRe = mustCued(`(?i)([☒☑✓✔✅]|\[[xX✓]\]|<input[^>]*checked[^>]*>)|[☐□❑]|\[\s\]|<input[^>]*type="checkbox"[^>]*>`)
	// catEnumPrefixRe is the number, letter or "Tabel N:" before a heading.
	catEnumPrefixRe = mustCued(`^[\s#*]*(?:(?:[A-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s+|(?i:tabel|bijlage|artikel)\s+\d+[a-z]?\s*[:.;]?\s*)`)
	// catInnerSentenceRe is a sentence break inside a line.
	catInnerSentenceRe = mustCued(`[.!?]\s+\p{L}`)
	// catGroupLineRe opens a line that announces a group of data subjects:
	// "Van leerlingen:", "Betrokkenen: Klant".
	catGroupLineRe = mustCued(`(?i)^[\s#*\-•]*(?:(?:[A-Z]|\d{1,2})[.)]\s+)?(?:(van|voor|over)|betrokkenen?|categorie(?:ën)?\s+betrokkenen|groep(?:en)?\s+betrokkenen)\b`)
	// catGroupClauseRe is "gegevens van de leerling en leerkracht op:" inside
	// a sentence, or a question "Welke gegevens van leerlingen worden verwerkt?".
	catGroupClauseRe = mustCued(`(?i)\b(?:persoons)?gegevens\s+(?:van|over)\s+(?:de\s+|het\s+)?([^:.;?]{1,90}?)[:?]`)
	// catProcessVerbRe is a verb of processing personal data.
	catProcessVerbRe = mustCued(`(?i)\b(?:verwerk\w*|verzamel\w*|vastgelegd|vastleggen|opgeslagen|opslaan|bewaar\w*|gevraagd|vraagt|ontvangt|ontvangen|registre\w*|process\w*|collect\w*|stor(?:e|ed|es))\b`)
	// catGroupProseRe is "van (de) leerlingen (en docenten)" in a sentence,
	// or "of pupils and teachers".
	catGroupProseRe = mustCued(`(?i)(?:^|[^\p{L}])(?:van|over|of|about)\s+(?:de\s+|het\s+|alle\s+|onze\s+|the\s+|all\s+|our\s+)?(\p{L}[\p{L}\-]*(?:(?:\s*,\s*|\s+en\s+|\s+of\s+|\s+and\s+|\s+or\s+|\s*/\s*)\p{L}[\p{L}\-]*){0,3})`)
	// catOnlyGroupFiller is what may stand between group words in a cell
	// that names nothing but groups ("Leerlingen, docenten").
	catOnlyGroupFiller = mustCued(`(?i)^(?:[\s,/&()+:–-]|\ben\b|\bof\b|\band\b|\bde\b|\bhet\b|\bgebruikers?\b|\bbetrokkenen?\b|\bvan\b|\bover\b|\b(?:persoons)?gegevens\b|\bcategorie(?:ën)?\b)*$`)
)

// catFurniture returns the running headers and footers of a paged text:
// lines (digits masked) that open or close at least two pages. Their
// "Bijlage 1: Privacybijsluiter" is no heading, "Pagina 3 van 6" no item.
func catFurniture(d *doc) map[string]bool {
	count := map[string]int{}
	for _, p := range d.Pages {
		// the first two and the last two lines that are not blank, of the
		// lines d.lines(p.Start, p.End) gives
		start, end := max(p.Start, 0), min(p.End, len(d.text))
		for start > 0 && d.text[start-1] != '\n' {
			start--
		}
		var first []Line
		var last [2]Line
		k := 0 // lines that are not blank
		for pos := start; pos < end; {
			l, next := catLineAt(d.text, pos)
			pos = next
			if catBlank(l.Text) {
				continue
			}
			if k < 2 {
				first = append(first, l)
			}
			last[k%2] = l
			k++
		}
		at := first
		for j := max(2, k-2); j < k; j++ {
			at = append(at, last[j%2])
		}
		var seen []string
		for _, l := range at {
			if t := catFurnitureKey(l.Text); !slices.Contains(seen, t) {
				seen = append(seen, t)
				count[t]++
			}
		}
	}
	out := map[string]bool{}
	for t, n := range count {
		if n >= 2 {
			out[t] = true
		}
	}
	return out
}

// catBlank reports whether s is blank as catFurnitureKey sees it.
func catBlank(s string) bool { return strings.Trim(s, " \t\f\r") == "" }

// catFurnitureKey is a line as catFurniture compares it: trimmed, form
// feeds dropped, digits masked.
func catFurnitureKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '#'
		}
		return r
	}, strings.Trim(s, " \t\f\r"))
}

// catSection is a part of the text that lists personal data categories.
type catSection struct {
	start, end int
	confidence float64
}

// catHit is a category or group found at [start, end).
type catHit struct {
	key        string
	start, end int
}

// extractCategories reads the groups of data subjects and the categories
// of personal data that the categories section lists for them.
func extractCategories(d *doc, r *Record) {
	furniture := catFurniture(d)
	codes := &catCodeIndex{}
	var cats, groups, declared []catHit
	credited := map[string]bool{}
	confidence := map[string]float64{}
	// The first pass whose sections list categories wins: a heading
	// "3. Soorten van gegevens" may stand where "C. Persoonsgegevens" holds
	// the list.
	f := newCatFilter(d)
	for sections := range catSections(d, f, furniture) {
		for _, s := range sections {
			c, g, decl := catScan(d, r, f, s, furniture, codes)
			for _, h := range c {
				if _, ok := confidence[h.key]; !ok {
					confidence[h.key] = s.confidence
				}
			}
			cats = append(cats, c...)
			for _, h := range g {
				credited[h.key] = true
			}
			groups = append(groups, g...)
			declared = append(declared, decl...)
		}
		if len(cats) > 0 {
			break
		}
		groups, declared = nil, nil
	}
	if len(cats) == 0 {
		return
	}
	if len(credited) == 0 && len(cats) > 0 {
		groups = declared // groups named, but the items come before them
	}
	if len(groups) == 0 && len(cats) > 0 {
		groups = catLabelGroups(d) // a label "Betrokkenen: leerlingen, docenten"
	}
	r.DataCategories = firstHits(cats)
	sort.Strings(r.DataCategories)
	for i, k := range r.DataCategories {
		h := firstHit(cats, k)
		d.cite(r, fmt.Sprintf("data_categories[%d]", i), h.start, h.end, confidence[k])
	}
	r.SubjectGroups = firstHits(groups)
	sort.Strings(r.SubjectGroups)
	for i, k := range r.SubjectGroups {
		h := firstHit(groups, k)
		d.cite(r, fmt.Sprintf("subject_groups[%d]", i), h.start, h.end, 0.8)
	}
}

// catGroupLabelRe labels the groups of data subjects or users of a product.
var catGroupLabelRe = mustCued(`(?i)(?:categorie(?:ën)?\s+(?:van\s+)?betrokkenen|betrokkenen|gebruikers|doelgroep(?:en)?\s+betrokkenen)(?:\s*\([^)]*\))?`)

// catLabelGroups reads the groups from a label ("Betrokkenen",
// "Gebruikers") when the categories section names none.
func catLabelGroups(d *doc) []catHit {
	if v, ok := d.labelValue(0, len(d.text), catGroupLabelRe); ok && utf8.RuneCountInString(v.Text) <= 200 {
		return catGroupsIn(v.Text, v.Start)
	}
	return nil
}

// firstHits returns the distinct keys of hits.
func firstHits(hits []catHit) []string {
	seen := map[string]bool{}
	var out []string
	for _, h := range hits {
		if !seen[h.key] {
			seen[h.key] = true
			out = append(out, h.key)
		}
	}
	return out
}

func firstHit(hits []catHit, key string) catHit {
	for _, h := range hits {
		if h.key == key {
			return h
		}
	}
	return catHit{}
}

// catSections yields the categories sections, strongest evidence first:
// by their headings; by weaker "Persoonsgegevens" headings; by a table
// whose header names a category column; by question rows and paragraphs
// that list the data. Each element is one such pass, found only when the
// caller asks for it.
func catSections(d *doc, f *catFilter, furniture map[string]bool) iter.Seq[[]catSection] {
	return func(yield func([]catSection) bool) {
		text := d.text
		may := f.may
		for _, pass := range []struct {
			re         *cuedRe
			needs      *ruleNeeds
			confidence float64
		}{{catHeadingRe, catHeadingNeeds, 0.85}, {catFallbackHeadingRe, catFallbackHeadingNeeds, 0.6}} {
			var out []catSection
			for pos := 0; pos < len(text); {
				l, next := catLineAt(text, pos)
				pos = next
				if !may(pass.needs, l) || !catIsHeading(l, pass.re) {
					continue
				}
				end := catSectionEnd(f, text, l, next, furniture)
				out = append(out, catSection{start: l.Start, end: end, confidence: pass.confidence})
				for pos < len(text) && pos < end {
					_, pos = catLineAt(text, pos) // nested headings ("3. Soorten van gegevens") stay inside
				}
			}
			if !yield(out) {
				return
			}
		}
		var out []catSection
		for pos := 0; pos < len(text); {
			l, next := catLineAt(text, pos)
			pos = next
			if !may(catTableHeaderNeeds, l) {
				continue
			}
			cells := splitRow(l)
			if len(cells) < 2 || !catTableHeaderRe.MatchString(strings.TrimSpace(trimCell(cells[0]).Text)) {
				continue
			}
			mate := false
			for _, c := range cells[1:] {
				mate = mate || catTableHeaderMate.MatchString(strings.TrimSpace(trimCell(c).Text))
			}
			if mate {
				out = append(out, catSection{start: l.Start, end: catSectionEnd(f, text, l, next, furniture), confidence: 0.5})
				break
			}
		}
		if !yield(out) {
			return
		}
		// a question row of a table: "Welke gegevens van leerlingen worden
		// verwerkt? | Voornaam, groep", or a paragraph naming the groups and
		// listing the data; each is a section of its own.
		out = nil
		for pos := 0; pos < len(text); {
			l, next := catLineAt(text, pos)
			pos = next
			if may(catQuestionNeeds, l) && func() bool {
				cells := splitRow(l)
				return len(cells) >= 2 && catQuestionRe.MatchString(strings.TrimSpace(cells[0].Text))
			}() || may(catProseListNeeds, l) && catProseListRe.MatchString(l.Text) {
				out = append(out, catSection{start: l.Start, end: l.End, confidence: 0.5})
			}
		}
		yield(out)
	}
}

// The needed words of the rules that find and end sections, tried on
// every line.
var (
	articleNeeds            = needsOf(articleRe)
	annexNeeds              = needsOf(annexRe)
	catContactStopNeeds     = needsOf(catContactStopRe)
	catStopCellNeeds        = needsOf(catStopCellRe)
	catStopNeeds            = needsOf(catStopRe)
	catHeadingNeeds         = needsOf(catHeadingRe)
	catFallbackHeadingNeeds = needsOf(catFallbackHeadingRe)
	catTableHeaderNeeds     = needsOf(catTableHeaderRe)
	catQuestionNeeds        = needsOf(catQuestionRe)
	catProseListNeeds       = needsOf(catProseListRe)
)

// catProseListRe is a paragraph that names whose personal data are
// processed and then lists them: "… verwerkt de persoonsgegevens van
// leerlingen en leraren … Het gaat om: naam, klas …", "… verwerkt de
// volgende gegevens van leerlingen: voornaam, groep …", "… processes
// personal data of pupils and teachers: names, class …".
var catProseListRe = mustCued(`(?i)\bpersoonsgegevens\s+van\s+[^.:]{3,120}[.:]\s*(?:het\s+gaat\s+om|dit\s+zijn|te\s+weten)\s*:|\bverwerkt\s+(?:de\s+volgende\s+)?(?:persoons)?gegevens\s+van\s+[^.:]{3,60}:|\b(?:process(?:es)?|collect(?:s)?|store(?:s)?)\s+(?:the\s+following\s+)?personal\s+data\s+(?:of|about)\s+[^.:]{3,60}:`)

// catOnBehalfRe ends the text before "van X" when X is the party the data
// are processed for ("in opdracht van Onderwijsinstelling"), not a group.
var catOnBehalfRe = mustCued(`(?i)\b(?:opdracht|behoeve|namens|rekening)\s*$`)

// catQuestionRe is a question or label cell that asks which personal data
// of a group are processed: "Welke gegevens van leerlingen worden verwerkt?".
var catQuestionRe = mustCued(`(?i)^welke\s+(?:persoons)?gegevens\s+(?:van|over)\s+[^?|]{1,60}\?$`)

// catIsHeading reports whether l is a heading matching re: short, not a
// table row, not a sentence.
func catIsHeading(l Line, re *cuedRe) bool {
	t := strings.TrimSpace(l.Text)
	if t == "" || utf8.RuneCountInString(t) > 120 || !re.MatchString(t) {
		return false
	}
	if catIsTableRow(l) {
		return false
	}
	// A heading starts with a capital (after its number) and holds no
	// sentence break; a wrapped line of prose ("categorieën Persoonsgegevens
	// worden verwerkt en voor welke") does not.
	body := strings.TrimLeft(catEnumPrefixRe.ReplaceAllString(t, ""), "#* \t") // "## Welke gegevens…"
	if r, _ := utf8.DecodeRuneInString(body); !unicode.IsUpper(r) || catInnerSentenceRe.MatchString(body) {
		return false
	}
	return !tocLineRe.MatchString(l.Text)
}

// catSectionEnd returns where the section opened by the heading line of
// text (the next line starts at next) ends: at the next heading of its
// level (a letter after a letter, the next number after a number, a Tabel
// after a Tabel), at a heading of what follows the categories
// (Bewaartermijnen, Subverwerkers), at an Artikel or Bijlage, or after
// maxCatSection bytes; at the end of the text's last line when nothing
// ends it.
func catSectionEnd(f *catFilter, text string, heading Line, next int, furniture map[string]bool) int {
	const maxCatSection = 20000
	head := catEnumRe.FindStringSubmatch(heading.Text)
	limit := heading.Start + maxCatSection
	last := heading.End // the end of the text's last line
	for pos := next; pos < len(text); {
		l, n := catLineAt(text, pos)
		pos, last = n, l.End
		if l.Start >= limit {
			return l.Start
		}
		t := strings.TrimSpace(l.Text)
		if t == "" || len(furniture) > 0 && furniture[catFurnitureKey(l.Text)] {
			continue
		}
		if f.may(articleNeeds, l) && articleRe.MatchString(l.Text) || f.may(annexNeeds, l) && annexRe.MatchString(l.Text) {
			if isHeadingLine(l.Text) && !tocLineRe.MatchString(l.Text) {
				return l.Start
			}
		}
		cells := splitRow(l)
		if catIsStopRow(f, l, cells) {
			return l.Start
		}
		m := catEnumRe.FindStringSubmatch(l.Text)
		if head == nil || m == nil || !isHeadingLine(l.Text) {
			continue
		}
		switch {
		case head[1] != "" && m[1] != "" && m[1] > head[1]: // E. after D.
			return l.Start
		case head[2] != "" && m[2] != "" && catNumber(m[2]) == catNumber(head[2])+1 && !catIsTable(cells) &&
			!strings.ContainsAny(t[len(t)-1:], ".,;"): // 4. after 3.
			return l.Start
		case head[1] == "" && head[2] == "" && m[1] == "" && m[2] == "": // Tabel 5 after Tabel 4
			return l.Start
		}
	}
	return last
}

// catLineAt returns the line of text that starts at pos, as d.lines gives
// it (without its line break and a carriage return before it), and where
// the next line starts.
func catLineAt(text string, pos int) (Line, int) {
	lineEnd := len(text)
	if nl := strings.IndexByte(text[pos:], '\n'); nl >= 0 {
		lineEnd = pos + nl
	}
	e := lineEnd
	if e > pos && text[e-1] == '\r' {
		e--
	}
	return Line{Start: pos, End: e, Text: text[pos:e]}, lineEnd + 1
}

func catNumber(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// catEnumCellRe is a cell holding nothing but a list number or letter.
var catEnumCellRe = mustCued(`^\(?(?:[A-Za-z]|\d{1,2}(?:\.\d{1,2})*)[.)]$`)

// catBareRow reports whether l may be a table row whose cells ran
// together or went missing, as PDF and OCR lines give them: a short name,
// not a list item, heading or sentence; ticked when it ends in a mark
// ("Cijfers x").
func catBareRow(f *catFilter, l Line, cells []Cell) (row, ticked bool) {
	t := strings.TrimSpace(l.Text)
	if t == "" || utf8.RuneCountInString(t) > 60 || strings.ContainsAny(t[len(t)-1:], ".:;") {
		return false, false
	}
	if r, _ := utf8.DecodeRuneInString(t); strings.ContainsRune("-•*·–☐☒", r) {
		return false, false
	}
	if catEnumRe.MatchString(l.Text) || catIsStopRow(f, l, cells) {
		return false, false
	}
	words := strings.Fields(t)
	return true, len(words) > 1 && catYesRe.MatchString(words[len(words)-1])
}

// catIsTableRow reports whether l is a table row: cells, other than a
// heading whose number is set off by a tab ("3.\tCategorieën …").
func catIsTableRow(l Line) bool { return catIsTable(splitRow(l)) }

// catIsTable is catIsTableRow given the cells of the line.
func catIsTable(cells []Cell) bool {
	return len(cells) > 1 && !(len(cells) == 2 && catEnumCellRe.MatchString(cells[0].Text))
}

// catIsStop reports a heading of what follows the categories: an
// enumerated or bare short heading ("4. Bewaartermijn:", "Subverwerkers"),
// or a table row whose first cell is one ("Bewaartermijn: | …").
func catIsStop(l Line) bool { return catIsStopRow(nil, l, splitRow(l)) }

// catIsStopRow is catIsStop given the cells of l, trying a rule only
// where f finds a word it needs.
func catIsStopRow(f *catFilter, l Line, cells []Cell) bool {
	t := strings.TrimSpace(l.Text)
	if f.may(catContactStopNeeds, l) && catContactStopRe.MatchString(t) {
		return true
	}
	if catIsTable(cells) {
		first := strings.Trim(cells[0].Text, " :*")
		return f.may(catStopCellNeeds, l) && catStopCellRe.MatchString(first)
	}
	if utf8.RuneCountInString(t) > 110 || !f.may(catStopNeeds, l) || !catStopRe.MatchString(t) {
		return false
	}
	// a bare stop word must be a heading, not the start of a sentence
	return catEnumRe.MatchString(l.Text) || utf8.RuneCountInString(t) <= 60 && !strings.HasSuffix(t, ".")
}

// catScan maps the lines of one section to categories and groups. It
// returns the categories, the groups credited with at least one category,
// and every group the section names.
func catScan(d *doc, r *Record, f *catFilter, s catSection, furniture map[string]bool, codes *catCodeIndex) (cats, groups, declared []catHit) {
	lines := catSplitGroupLabels(d.lines(s.start, s.end))
	use, rowCodes, referenced := catCodedRows(d, r, lines, codes)
	var current []catHit
	groupCols := 0 // group columns of the table the line is in
	noCol := -1    // the "Nee" column of a table with Ja and Nee columns
	for i, l := range lines {
		if furniture[catFurnitureKey(l.Text)] {
			continue
		}
		cells := splitRow(l)
		if use != nil {
			if ok, coded := use[i]; coded && !ok {
				continue
			}
		}
		// In a table with "Ja" and "Nee" columns, a row marked only in the
		// "Nee" column is not processed. (In a table with a column per
		// group, "ja" and "nee" are answers, not headers.)
		if c, ok := catNoColumn(l, cells); ok && groupCols < 2 {
			noCol = c
			continue
		} else if noCol >= 0 && strings.TrimSpace(l.Text) != "" && !mayHaveCells(l.Text) {
			noCol = -1 // the table has ended
		} else if noCol >= 0 && catOnlyNoMarked(l, cells, noCol) {
			continue
		}
		// A row of a table with a column per group counts when any group
		// cell is ticked, whatever the other groups' cells say.
		excluded, marked := catGroupRowRanges(cells, groupCols)
		if !marked {
			excluded = catExcludedRanges(f, l, cells)
		}
		if excluded == nil {
			continue // the whole line is not processed
		}
		var prev Line
		if i > 0 {
			prev = lines[i-1]
		}
		g := catLineGroups(d, f, l, cells, prev, excluded)
		if len(g) > 0 {
			current = g
			declared = append(declared, g...)
		}
		// A table with a column per group ("| Gegevens | Leerling | Ouder
		// |") marks the groups in each row; a row with no mark at all is
		// not processed.
		switch {
		case strings.Trim(l.Text, "-:| \t") == "": // a separator row or blank line
		case len(cells) == 0:
			if row, ticked := catBareRow(f, l, cells); groupCols >= 2 && row && !ticked {
				// A row whose group cells are all empty loses them in a
				// PDF or OCR text line: nothing is ticked, so the row is
				// not processed, and the table goes on.
				continue
			} else if groupCols < 2 || !row {
				groupCols = 0 // the table has ended
			}
		default:
			cols := 0
			for _, c := range cells {
				// A header cell naming several groups and nothing else
				// ("Leerling Ouder Medewerker") is their columns run
				// together, as a PDF line may give them.
				cols += len(catOnlyGroups(c))
			}
			if cols >= 2 {
				groupCols = cols
			} else if groupCols >= 2 && len(cells) == 1 {
				continue
			}
		}
		found := catLineCategories(l, cells, excluded)
		cats = append(cats, found...)
		if len(found) == 0 {
			continue
		}
		// In the Model 4.0 table a row has a code per group column (CD1
		// for the Onderwijsdeelnemer, CM1 for the Medewerker); only the
		// groups whose code is referenced are credited.
		if rc := rowCodes[i]; len(rc) == len(current) && len(referenced) > 0 {
			for j, c := range rc {
				if referenced[c] {
					groups = append(groups, current[j])
				}
			}
			continue
		}
		groups = append(groups, current...)
	}
	return cats, groups, declared
}

// catInnerGroupLabelRe is a group label after a sentence inside a line:
// ". Docenten: naam, e-mailadres" — Markdown label lines without a blank
// line between them become one paragraph in HTML and one line in a PDF.
var catInnerGroupLabelRe = mustCued(`[.;]\s+((?:(?i:van|voor)\s+)?\p{Lu}[\p{L}-]*(?:\s+[\p{L}-]+)?\s*:)\s`)

// catSplitGroupLabels splits each line at group labels inside it, so that
// "Leerlingen: naam, leerjaar. Docenten: naam, e-mailadres." is read as
// two lines, each credited to its own group.
func catSplitGroupLabels(lines []Line) []Line {
	var out []Line
	for _, l := range lines {
		from := 0
		for _, m := range catInnerGroupLabelRe.FindAllStringSubmatchIndex(l.Text, -1) {
			label := l.Text[m[2]:m[3]]
			if len(catGroupsIn(label, 0)) == 0 || m[2] <= from {
				continue
			}
			out = append(out, Line{Start: l.Start + from, End: l.Start + m[2], Text: l.Text[from:m[2]]})
			from = m[2]
		}
		if from == 0 {
			out = append(out, l)
			continue
		}
		out = append(out, Line{Start: l.Start + from, End: l.End, Text: l.Text[from:]})
	}
	return out
}

// catCodeIndex is the category codes of the whole document, found once.
type catCodeIndex struct {
	done   bool
	at     [][]int         // where each code stands
	ranged map[string]bool // codes referenced by a range ("CD1-CD10")
}

func (c *catCodeIndex) find(d *doc) {
	if c.done {
		return
	}
	c.done = true
	c.at = catCodes(d.text)
	c.ranged = map[string]bool{}
	// "CD1-CD10", "CD20 t/m 24" reference every code in between.
	for _, m := range catCodeRanges(d.text) {
		from, to := catNumber(m[1]), catNumber(m[2])
		for n := from; n <= to && to-from <= 50; n++ {
			c.ranged[fmt.Sprintf("%s%d", m[0], n)] = true
		}
	}
}

// catCodedRows handles the Model 4.0 table whose rows carry codes (CD1,
// CM1): a row counts when one of its codes is referenced elsewhere in the
// document (the module table, a Subverwerker row) or it is ticked. When no
// code is referenced anywhere, every row counts, with a warning. It
// returns, by line index, whether a coded row counts; nil without codes.
// The codes of a row and the set of referenced codes come back too.
func catCodedRows(d *doc, r *Record, lines []Line, all *catCodeIndex) (map[int]bool, map[int][]string, map[string]bool) {
	rows := map[int][]string{}
	for i, l := range lines {
		if at := catCodes(l.Text); len(at) > 0 && len(splitRow(l)) > 1 {
			codes := make([]string, len(at))
			for j, m := range at {
				codes[j] = l.Text[m[0]:m[1]]
			}
			rows[i] = codes
		}
	}
	if len(rows) == 0 {
		return nil, nil, nil
	}
	all.find(d)
	referenced := map[string]bool{}
	for code := range all.ranged {
		referenced[code] = true
	}
	for _, m := range all.at {
		inRow := false
		for i := range rows {
			if m[0] >= lines[i].Start && m[1] <= lines[i].End {
				inRow = true
				break
			}
		}
		if !inRow {
			referenced[d.text[m[0]:m[1]]] = true
		}
	}
	use := map[int]bool{}
	for i, codes := range rows {
		ticked := false
		if catMayBox(lines[i].Text) {
			for _, m := range catBoxRe.FindAllStringSubmatch(lines[i].Text, -1) {
				ticked = ticked || m[1] != ""
			}
		}
		ok := len(referenced) == 0 || ticked
		for _, c := range codes {
			ok = ok || referenced[c]
		}
		use[i] = ok
		if ticked {
			rows[i] = nil // every group of a ticked row
		}
	}
	if len(referenced) == 0 {
		r.Warnings = append(r.Warnings, "data categories: the coded categories table is referenced nowhere; every row is counted")
	}
	return use, rows, referenced
}

// catYesRe is a cell that ticks its column: a ticked box, "x", "ja".
var catYesRe = mustCued(`(?i)^(?:[☒☑✓✔✅]|\[[xX✓]\]|x|ja|yes|wel)$`)

// catGroupRowRanges reads a data row of a table with a column per group
// (groupCols >= 2): marked is true when its group cells hold ticks or
// negative answers. The row is excluded (nil) only when no cell is ticked
// (☐, n.v.t., nee); otherwise the answer cells are excluded ranges.
func catGroupRowRanges(cells []Cell, groupCols int) (excluded [][2]int, marked bool) {
	if groupCols < 2 || len(cells) < 2 {
		return nil, false
	}
	yes, no := false, false
	out := [][2]int{}
	for _, c := range cells[1:] {
		t := strings.TrimSpace(c.Text)
		switch {
		case catYesRe.MatchString(t):
			yes = true
		case catNoRe.MatchString(t) || catNvtRe.MatchString(t) && len(t) <= 6 || t != "" && strings.Trim(t, "☐□❑[] ") == "":
			no = true
		default:
			continue
		}
		out = append(out, [2]int{c.Start, c.End})
	}
	switch {
	case yes:
		return out, true
	case no:
		return nil, true
	}
	return nil, false
}

// catColumn returns the column of cell c in row l, counting pipes, or
// tabs one by one (a run of tabs is a run of empty cells).
func catColumn(l Line, c Cell) int {
	before := l.Text[:c.Start-l.Start]
	if strings.Contains(l.Text, "|") {
		return strings.Count(before, "|")
	}
	return strings.Count(before, "\t")
}

// catNoColumn reports whether l is the header row of a table with "Ja"
// and "Nee" columns, and returns the column of "Nee".
func catNoColumn(l Line, cells []Cell) (int, bool) {
	yes, no := -1, -1
	for _, c := range cells {
		switch strings.ToLower(strings.TrimSpace(c.Text)) {
		case "ja", "yes", "wel":
			yes = catColumn(l, c)
		case "nee", "no", "niet":
			no = catColumn(l, c)
		}
	}
	return no, yes >= 0 && no >= 0
}

// catOnlyNoMarked reports whether every mark ("x", ☒) of row l stands in
// column noCol.
func catOnlyNoMarked(l Line, cells []Cell, noCol int) bool {
	marks := 0
	for _, c := range cells {
		if !catYesRe.MatchString(strings.TrimSpace(c.Text)) {
			continue
		}
		if catColumn(l, c) != noCol {
			return false
		}
		marks++
	}
	return marks > 0
}

// catExcludedRanges returns the byte ranges of l (absolute offsets) whose
// items are not processed: after a negation, in an unticked checkbox
// option. It returns nil when the whole line is excluded ("n.v.t.", an
// answer "nee", one unticked box) and an empty non-nil slice when nothing is.
func catExcludedRanges(f *catFilter, l Line, cells []Cell) [][2]int {
	out := [][2]int{}
	t := l.Text
	if catNvtRe.MatchString(t) {
		return nil
	}
	for _, c := range cells[min(1, len(cells)):] {
		if catNoRe.MatchString(strings.TrimSpace(c.Text)) {
			return nil
		}
	}
	if len(cells) <= 1 {
		if catAnswerRe.MatchString(t) { // "Gezondheid: nee", "Foto's – geen"
			return nil
		}
	}
	// checkboxes
	var boxes [][]int
	if catMayBox(t) {
		boxes = catBoxRe.FindAllStringSubmatchIndex(t, -1)
	}
	if len(boxes) == 1 {
		if boxes[0][2] < 0 {
			return nil
		}
	} else if len(boxes) > 1 {
		before := strings.TrimSpace(t[:boxes[0][0]]) == "" // the box precedes its label
		for j, b := range boxes {
			if b[2] >= 0 {
				continue
			}
			var from, to int
			if before {
				from, to = b[0], len(t)
				if j+1 < len(boxes) {
					to = boxes[j+1][0]
				}
			} else {
				from, to = 0, b[1]
				if j > 0 {
					from = boxes[j-1][1]
				}
			}
			out = append(out, [2]int{l.Start + from, l.Start + to})
		}
	}
	// negations: from the negation to the end of its sentence or a
	// "maar"; and back to the sentence start when the negation goes with a
	// verb of processing ("…, zoals gezondheid, worden niet verwerkt").
	if !f.may(catNegNeeds, l) {
		return out
	}
	for _, m := range catNegRe.FindAllStringSubmatchIndex(t, -1) {
		if catNegNotRe.MatchString(t[m[2]:]) {
			continue
		}
		end := len(t)
		if e := catSentenceEnds(t[m[3]:], 1); e != nil {
			end = m[3] + e[0][0]
		}
		if e := catNegResetRe.FindStringIndex(t[m[3]:end]); e != nil {
			end = m[3] + e[0]
		}
		start := m[2]
		if after := t[m[3]:end]; catNegVerbRe.MatchString(after) || strings.Trim(after, " .!?;,)") == "" {
			start = 0
			for _, e := range catSentenceEnds(t[:m[2]], -1) {
				start = e[1]
			}
			for _, e := range catNegResetRe.FindAllStringIndex(t[start:m[2]], -1) {
				start += e[1]
			}
		}
		out = append(out, [2]int{l.Start + start, l.Start + end})
	}
	return out
}

// catLineGroups returns the groups of data subjects a line announces: a
// group heading ("Van leerlingen:", "Betrokkenen: Klant"), a short line
// ending in a colon, a clause "gegevens van de leerling en leerkracht:",
// or a cell naming nothing but groups (a "Betrokkenen" column header).
func catLineGroups(d *doc, f *catFilter, l Line, cells []Cell, prev Line, excluded [][2]int) []catHit {
	t := strings.TrimSpace(l.Text)
	n := utf8.RuneCountInString(t)
	if len(cells) <= 1 && n <= 60 {
		// a bare heading of nothing but groups: "Docenten", "Ouders/verzorgers"
		if g := catOnlyGroups(Cell{Start: l.Start, End: l.End, Text: l.Text}); len(g) > 0 {
			return g
		}
	}
	if len(cells) <= 1 && n <= 110 {
		// "Van leerlingen:" and "Betrokkenen: Klant"; a line that merely
		// starts with "van" is wrapped prose unless it ends in a colon
		// or is short.
		m := catGroupLineRe.FindStringSubmatch(t)
		if m != nil && (m[1] == "" || strings.HasSuffix(t, ":") || n <= 40 && !strings.Contains(t, ".")) ||
			n <= 80 && strings.HasSuffix(t, ":") {
			return catGroupsIn(l.Text, l.Start)
		}
	}
	// "Leerlingen: naam, klas" names its group before the colon.
	if i := strings.Index(l.Text, ":"); i > 0 && utf8.RuneCountInString(l.Text[:i]) <= 50 {
		label := Cell{Start: l.Start, End: l.Start + i, Text: l.Text[:i]}
		if g := catOnlyGroups(label); len(g) > 0 {
			return g
		}
	}
	// The clause may wrap from the line before: "… gegevens van de
	// leerling en\n leerkracht op:".
	for _, from := range []Line{l, prev} {
		if from.End == 0 && from.Start == 0 && from.Text == "" {
			continue
		}
		if !f.mayGroupClause(from.Start, l.End) {
			continue
		}
		text := d.text[from.Start:l.End]
		for _, m := range catGroupClauseRe.FindAllStringSubmatchIndex(text, -1) {
			if from.Start+m[1] <= l.Start {
				continue // wholly on the line before
			}
			if g := catGroupsIn(text[m[2]:m[3]], from.Start+m[2]); len(g) > 0 {
				return g
			}
		}
	}
	var out []catHit
	for _, c := range cells {
		out = append(out, catOnlyGroups(c)...)
	}
	if len(out) > 0 || len(cells) > 1 {
		return out
	}
	// Prose: "Leesvogel verwerkt van leerlingen de voornaam", in a
	// sentence that speaks of processing.
	for _, sent := range catSentences(l) {
		if !catProcessVerbRe.MatchString(sent.Text) {
			continue
		}
		for _, m := range catGroupProseRe.FindAllStringSubmatchIndex(sent.Text, -1) {
			if catOnBehalfRe.MatchString(sent.Text[:m[0]]) {
				continue // "in opdracht van Onderwijsinstelling"
			}
			for _, h := range catGroupsIn(sent.Text[m[2]:m[3]], sent.Start+m[2]) {
				if !catInRanges(h.start, excluded) {
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// catSentences splits a line into its sentences.
func catSentences(l Line) []Cell {
	var out []Cell
	prev := 0
	for _, e := range catSentenceEnds(l.Text, -1) {
		out = append(out, Cell{Start: l.Start + prev, End: l.Start + e[1], Text: l.Text[prev:e[1]]})
		prev = e[1]
	}
	if prev < len(l.Text) {
		out = append(out, Cell{Start: l.Start + prev, End: l.End, Text: l.Text[prev:]})
	}
	return out
}

// catInRanges reports whether off lies in one of the ranges.
func catInRanges(off int, ranges [][2]int) bool {
	for _, r := range ranges {
		if off >= r[0] && off < r[1] {
			return true
		}
	}
	return false
}

// catOnlyGroups returns the groups a cell names when it names nothing
// else ("Leerlingen, docenten", "Betrokkenen: ouders").
func catOnlyGroups(c Cell) []catHit {
	g := catGroupsIn(c.Text, c.Start)
	if len(g) == 0 {
		return nil
	}
	rest := c.Text
	for _, h := range g {
		rest = strings.Replace(rest, c.Text[h.start-c.Start:h.end-c.Start], " ", 1)
	}
	if !catOnlyGroupFiller.MatchString(strings.Trim(rest, " #*-•|")) {
		return nil
	}
	return g
}

// catGroupsIn returns the group words in s (which starts at offset base).
func catGroupsIn(s string, base int) []catHit {
	return catLongest(s, base, subjectGroupTerms(), nil)
}

// catLineCategories maps the items of a line to categories, skipping the
// excluded ranges; headings count only when nothing else on the line maps.
func catLineCategories(l Line, cells []Cell, excluded [][2]int) []catHit {
	var items, headings, weak []catHit
	for _, h := range catLongest(l.Text, l.Start, categoryTerms(), excluded) {
		switch {
		case strings.HasPrefix(h.key, "~"):
			headings = append(headings, catHit{strings.TrimPrefix(h.key, "~"), h.start, h.end})
		case strings.HasPrefix(h.key, "?"):
			weak = append(weak, catHit{strings.TrimPrefix(h.key, "?"), h.start, h.end})
		default:
			items = append(items, h)
		}
	}
	// A word common in prose ("de school", "in de klas") counts in a list
	// or table, or in a sentence that also names a sure item ("de
	// voornaam, de achternaam en de klas").
	prose := !catIsTable(cells) && utf8.RuneCountInString(strings.TrimSpace(l.Text)) > 120
	var sentences []Cell
	if prose && len(weak) > 0 {
		sentences = catSentences(l) // only a weak word in prose needs them
	}
	for _, w := range weak {
		keep := !prose
		for _, sent := range sentences {
			if !keep && w.start >= sent.Start && w.start < sent.End {
				for _, it := range items {
					keep = keep || it.start >= sent.Start && it.start < sent.End
				}
			}
		}
		if keep {
			items = append(items, w)
		}
	}
	if len(items) == 0 {
		return headings
	}
	return items
}

// catLongest finds the terms in s, longest first where they overlap, and
// drops those starting in an excluded range. Heading terms come back with
// a "~" before their key.
func catLongest(s string, base int, terms *termSet, excluded [][2]int) []catHit {
	var afterBuf [32]int
	var termsBuf [32]uint64
	starts := newWordStarts(s, terms, afterBuf[:], termsBuf[:])
	if !starts.any() {
		return nil
	}
	var all []catHit
	for t, term := range terms.terms {
		key := term.full
		// step from the end of each wording, so that the separator after
		// it can open the next match ("naam,voornaam")
		for pos := 0; pos < len(s); {
			start, mEnd, ok := starts.find(t, pos)
			if !ok {
				break
			}
			end := mEnd
			for end > start { // a whole wording's match holds the character after it
				r, size := utf8.DecodeLastRuneInString(s[start:end])
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					break
				}
				end -= size
			}
			pos = max(end, mEnd-1)
			for end < len(s) { // a prefix wording cites the whole word
				r, size := utf8.DecodeRuneInString(s[end:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				end += size
			}
			all = append(all, catHit{key, base + start, base + end})
		}
	}
	// the same order sort.Slice gave with the same comparison (both are
	// the same pattern-defeating quicksort, which is not stable)
	slices.SortFunc(all, func(a, b catHit) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return cmp.Compare(b.end, a.end)
	})
	var out []catHit
	last := -1
	for _, h := range all {
		if h.start < last {
			continue
		}
		last = h.end
		if !catInRanges(h.start, excluded) {
			out = append(out, h)
		}
	}
	return out
}
