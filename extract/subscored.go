package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/normalize"
)

// Sub-processors are scored candidates. The block model gives candidates
// from the places an agreement lists them: rows of a table whose header
// names an organisation column (classified in tableroles.go), key/value
// tables, list items, "Label: value" pairs and prose enumerations in a
// section about sub-processing. Each candidate carries cues for (legal form, proper-noun
// shape, a domain name, an organisation column, a sub-processing section,
// a known provider) and against (a generic noun, an activity, measure or
// certification, a heading, a party to the agreement, a row of a table
// about something else); the sum of their weights decides.

// keepScore is the lowest score a candidate needs to be kept.
const keepScore = 2.0

// scored is a sub-processor candidate with its cues.
type scored struct {
	subCandidate
	source string
	cues   []Cue
	score  float64
	kept   bool
}

// addCue adds a cue, or raises the weight of one of the same name.
func (c *scored) addCue(name string, w float64) {
	for i := range c.cues {
		if c.cues[i].Name == name {
			if absF(w) > absF(c.cues[i].Weight) {
				c.cues[i].Weight = w
			}
			return
		}
	}
	c.cues = append(c.cues, Cue{name, w})
}

func absF(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// blockCtx is a block with the section it sits in.
type blockCtx struct {
	b          *corpus.Block
	heading    string // nearest heading's text
	subSection bool   // a heading above it is about sub-processing
	article    bool   // the nearest heading is an Artikel of the model agreement
}

// walkBlocks returns the blocks with their section context; a heading's
// section runs to the next heading of the same or a higher level. They are
// computed once per document.
func (d *doc) walkBlocks() []blockCtx {
	if d.blockCtxs == nil {
		d.blockCtxs = d.walkBlocksOnce()
	}
	return d.blockCtxs
}

// walkBlocksOnce computes what walkBlocks returns.
func (d *doc) walkBlocksOnce() []blockCtx {
	bs := d.blocks()
	type open struct {
		level   int
		text    string
		sub     bool
		article bool
	}
	var stack []open
	out := make([]blockCtx, 0, len(bs))
	for i := range bs {
		b := &bs[i]
		heading, level, marker := "", 0, ""
		switch {
		case b.Kind == corpus.BlockHeading:
			heading, level, marker = d.Slice(b.Text), b.Level, strings.ToLower(b.Marker)
			if heading == "" {
				heading = d.Slice(b.Span)
			}
		case b.Kind == corpus.BlockParagraph:
			// "Onze hulpverwerkers\nTekenlab werkt samen met:" — a title
			// line run into its paragraph stands as a heading over what follows
			if t := d.Slice(b.Span); strings.IndexByte(t, '\n') > 0 && titleLine(t[:strings.IndexByte(t, '\n')]) {
				heading, level = t[:strings.IndexByte(t, '\n')], 7
			} else if t := strings.Trim(t, "#* \t"); strings.IndexByte(t, '\n') < 0 && titleLine(t) && hasAny(normalize.Fold(t), subWords) {
				// a title line of its own that no reader marked ("Subverwerkers", "## Subverwerkers" in plain text)
				heading, level = t, 7
			} else if questionLine(t) {
				// a web page's questions title its sections ("Wie verwerkt uw gegevens nog meer?")
				heading, level = t, 7
			}
		}
		if heading != "" {
			for len(stack) > 0 && stack[len(stack)-1].level >= level {
				stack = stack[:len(stack)-1]
			}
			f := normalize.Fold(heading)
			stack = append(stack, open{level, heading, hasAny(f, subWords) || hasAny(f, subHeadingWords) || subTitleRe.MatchString(strings.TrimSpace(heading)), strings.HasPrefix(f, "artikel") || strings.HasPrefix(f, "article") || strings.HasPrefix(marker, "artikel") || strings.HasPrefix(marker, "article")})
		}
		c := blockCtx{b: b}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			c.heading, c.article = top.text, top.article
			for _, o := range stack {
				c.subSection = c.subSection || o.sub
			}
		}
		out = append(out, c)
	}
	return out
}

// blockSubCandidates reads sub-processor candidates from the blocks and
// returns them with the classified tables.
func (d *doc) blockSubCandidates() ([]scored, []tableInfo) {
	var out []scored
	var tables []tableInfo
	ctxs := d.walkBlocks()
	var last *scored    // the entry that a following location line or label extends
	introduced := false // the list that follows was introduced as the parties engaged
	for i, c := range ctxs {
		b := c.b
		if b.Kind == corpus.BlockFurniture {
			continue // a running header between two items of one list
		}
		if b.Kind != corpus.BlockListItem && (b.Kind != corpus.BlockLabel || !introduced) {
			introduced = b.Kind == corpus.BlockParagraph && introducesParties(d.Slice(b.Span))
		}
		switch b.Kind {
		case corpus.BlockHeading:
			last = nil
		case corpus.BlockTable:
			ti := classifyTable(d, b, c.subSection, c.heading)
			tables = append(tables, ti)
			d.explain.note("subprocessors", "table p.%d (%d rows, header %q): %s — %s", b.Page, len(b.Table.Rows), d.headerText(b.Table), ti.kind, ti.why)
			out = append(out, d.tableCandidates(ti, c)...)
			last = nil
		case corpus.BlockListItem:
			if !c.subSection && !introduced {
				continue
			}
			body := d.cellOf(b.Text)
			if r, _ := utf8.DecodeRuneInString(body.Text); last != nil && unicode.IsLower(r) && !strings.ContainsAny(b.Marker, "0123456789") {
				// an item's text run on after a page break ("klantgegevens) van …")
				last.spans = append(last.spans, [2]int{b.Start, b.End})
				continue
			}
			if onlyLocation(body.Text) && last != nil {
				last.spans = append(last.spans, [2]int{b.Start, b.End})
				continue
			}
			name, purpose := roleAndName(body)
			s := scored{subCandidate: subCandidate{name: name, purpose: purpose, spans: [][2]int{{b.Start, b.End}}, conf: 0.8}, source: "list item"}
			if c.subSection {
				s.addCue("list item in a sub-processor section", sectionWeight(c, 1))
			}
			if introduced {
				s.addCue("list introduced as the parties engaged", 1)
			}
			if rest := strings.TrimSpace(body.Text[min(len(body.Text), name.End-body.Start):]); rest != "" && strings.ContainsRune("(–—-:,", firstRune(rest)) {
				s.addCue("name, then what it does or where", 0.5)
			}
			// Items whose drawn bullets a PDF lost run together into one:
			// a later line that opens with an organisation and its legal
			// form, after a line that ended its entry, is an item of its own.
			for _, e := range itemEntries(d, b) {
				s.spans[0][1] = min(s.spans[0][1], e.name.Start)
				es := scored{subCandidate: e, source: "list item"}
				es.cues = append([]Cue(nil), s.cues...)
				out = append(out, s)
				s = es
			}
			out = append(out, s)
			last = &out[len(out)-1]
		case corpus.BlockLabel:
			label := strings.TrimSpace(d.Slice(b.Label))
			if len(strings.Fields(label)) > 4 && hasAny(strings.ToLower(label), engageWords) {
				// "Verwerker maakt gebruik van de volgende subverwerkers: A …, B …" is prose
				out = append(out, d.proseSubCandidates(c, b.Span)...)
				continue
			}
			if !c.subSection && !introduced {
				continue
			}
			value := d.cellOf(b.Value)
			role := cellRole(label)
			switch {
			case role == roleNone && !serviceRoles.MatchString(label) && isDateValue(value.Text):
				// "Last updated: 12 May 2024", "Versie: 3 maart 2025": a date, not what a party does
			case role == roleNone && !serviceRoles.MatchString(label):
				// "Acme B.V. (Ierland): hosting" — an entry laid out as a label
				lc := d.cellOf(b.Label)
				s := scored{subCandidate: subCandidate{name: nameCell(lc), purpose: value.Text, spans: [][2]int{{b.Label.Start, b.Label.End}}, conf: 0.75}, source: "entry 'name: what it does'"}
				s.addCue("entry 'name: what it does'", 0.5)
				if c.subSection {
					s.addCue("in a section about sub-processing", sectionWeight(c, 1))
				}
				if introduced {
					s.addCue("list introduced as the parties engaged", 1)
				}
				out = append(out, s)
				last = &out[len(out)-1]
			case role == roleOrg:
				s := scored{subCandidate: subCandidate{name: nameCell(value), purpose: purposeAfterName(value), spans: [][2]int{{b.Value.Start, b.Value.End}}, conf: 0.85}, source: "label " + label}
				s.addCue("organisation label in a sub-processor section", sectionWeight(c, 2))
				out = append(out, s)
				last = &out[len(out)-1]
			case role == roleLocation && last != nil:
				last.spans = append(last.spans, [2]int{b.Value.Start, b.Value.End})
			case role == rolePurpose && last != nil:
				if last.purpose == "" {
					last.purpose = value.Text
				}
			case serviceRoles.MatchString(label):
				s := scored{subCandidate: subCandidate{name: nameCell(value), purpose: label, spans: [][2]int{{b.Value.Start, b.Value.End}}, conf: 0.8}, source: "service label " + label}
				s.addCue("service label in a sub-processor section", sectionWeight(c, 1.5))
				out = append(out, s)
				last = &out[len(out)-1]
			}
		case corpus.BlockParagraph:
			if c.subSection && last != nil && i > 0 {
				t := strings.TrimSpace(d.Slice(b.Text))
				prev := ctxs[i-1].b
				afterItem := prev.Kind == corpus.BlockListItem || prev.Kind == corpus.BlockParagraph && storeLabelLine(d.Slice(prev.Text))
				switch {
				case prev.Kind == corpus.BlockListItem && storeLabelLine(t):
					// "Plaats/Land van opslag …:" under an item: its location follows
					continue
				case afterItem && onlyLocation(t):
					last.spans = append(last.spans, [2]int{b.Start, b.End})
					continue
				}
			}
			out = append(out, d.proseSubCandidates(c, b.Text)...)
			out = append(out, d.linesAfterIntro(b)...)
			if c.subSection {
				out = append(out, d.entryLines(c, b)...)
			}
			if c.subSection && !c.article {
				out = append(out, d.knownProvidersIn(b.Text)...)
			}
		}
	}
	return out, tables
}

// sectionWeight is w in a section about sub-processing, less in an Artikel
// of the model agreement (which speaks of sub-processors in general).
func sectionWeight(c blockCtx, w float64) float64 {
	if c.article {
		return w / 3
	}
	return w
}

// headerText is a table's first row as "A | B | C", for notes.
func (d *doc) headerText(t *corpus.Table) string {
	if len(t.Rows) == 0 {
		return ""
	}
	var parts []string
	for _, c := range t.Rows[0].Cells {
		parts = append(parts, strings.TrimSpace(d.Slice(c.Span)))
	}
	s := strings.Join(parts, " | ")
	if utf8.RuneCountInString(s) > 90 {
		s = string([]rune(s)[:90]) + "…"
	}
	return s
}

// cellOf is the trimmed Cell of a span.
func (d *doc) cellOf(s corpus.Span) Cell {
	return trimCell(Cell{Start: s.Start, End: s.End, Text: d.Slice(s)})
}

// tableCandidates reads the rows of a table classified as sub-processors.
func (d *doc) tableCandidates(ti tableInfo, c blockCtx) []scored {
	t := ti.block.Table
	var out []scored
	switch ti.kind {
	case tableSubs:
		colName := "first column"
		if ti.nameCol >= 0 && ti.nameCol < len(ti.roles) && ti.roles[ti.nameCol] == roleOrg {
			colName = "organisation column"
		}
		nameCol := max(ti.nameCol, 0)
		var prev *scored
		for ri := ti.header; ri < len(t.Rows); ri++ {
			row := t.Rows[ri]
			var nameC *corpus.Cell
			var spans [][2]int
			purpose := ""
			for k := range row.Cells {
				cell := &row.Cells[k]
				role := roleNone
				if cell.Col < len(ti.roles) {
					role = ti.roles[cell.Col]
				}
				// A PDF cell wrapped over lines comes in pieces (More).
				pieces := [][2]int{{cell.Start, cell.End}}
				for _, m := range cell.More {
					pieces = append(pieces, [2]int{m.Start, m.End})
				}
				switch {
				case cell.Col == nameCol:
					nameC = cell
					spans = append(spans, pieces...)
				case role == roleLocation || role == roleTransfer:
					spans = append(spans, pieces...)
				case (role == rolePurpose || role == roleActivity) && purpose == "":
					purpose = strings.Join(strings.Fields(cell.Text(d.text)), " ")
				case len(ti.roles) == 0 || role == roleNone:
					spans = append(spans, pieces...)
				}
			}
			if nameC == nil || strings.TrimSpace(d.Slice(nameC.Span)) == "" {
				if prev != nil { // a merged name cell: the row continues the one above
					prev.spans = append(prev.spans, spans...)
				}
				continue
			}
			cell := d.cellOf(nameC.Span)
			if len(nameC.More) > 0 {
				// "Amazon Web Services EMEA" ⏎ "SARL": the name is the
				// pieces joined; its evidence starts at the first piece.
				cell.Text = strings.Join(strings.Fields(nameC.Text(d.text)), " ")
			}
			if names := splitOrgNames(cell); len(nameC.More) == 0 && len(names) > 1 {
				// a cell listing several organisations, one per line
				for _, n := range names[1:] {
					s := scored{subCandidate: subCandidate{name: nameCell(n), spans: [][2]int{{n.Start, n.End}}, conf: 0.8},
						source: fmt.Sprintf("table row %d, %s", ri+1-ti.header, colName)}
					s.addCue("one of several names in a cell of the organisation column", 2)
					out = append(out, s)
				}
				cell = names[0]
			} else if i := strings.IndexByte(cell.Text, '\n'); i > 0 && len(nameC.More) == 0 {
				cell = trimCell(Cell{Start: cell.Start, End: cell.Start + i, Text: cell.Text[:i]}) // "Acme\nAmsterdam": the name is the first line
			}
			name := nameCell(cell)
			if len(nameC.More) > 0 {
				name.End = min(name.End, nameC.End) // the evidence is the first piece
			}
			if purpose == "" {
				purpose = purposeAfterName(cell)
			}
			s := scored{subCandidate: subCandidate{name: name, purpose: purpose, spans: spans, conf: 0.9},
				source: fmt.Sprintf("table row %d, %s", ri+1-ti.header, colName)}
			if colName == "organisation column" {
				s.addCue("in the organisation column of a sub-processor table", 2.5)
			} else {
				s.addCue("first column of a sub-processor table", 1.5)
			}
			if c.subSection {
				s.addCue("in a section about sub-processing", sectionWeight(c, 0.5))
			}
			out = append(out, s)
			prev = &out[len(out)-1]
		}
	case tableSubsKV:
		var cur *scored
		for _, row := range t.Rows {
			if len(row.Cells) < 2 {
				continue
			}
			label := d.Slice(row.Cells[0].Span)
			value := d.cellOf(corpus.Span{Start: row.Cells[1].Start, End: row.Cells[len(row.Cells)-1].End})
			switch cellRole(label) {
			case roleOrg:
				// "Subverwerkers | Acme B.V. (hosting, NL); Mailer Inc. (VS)" lists several
				for _, p := range splitOrgNames(value) {
					name, purpose := roleAndName(p)
					s := scored{subCandidate: subCandidate{name: name, purpose: purpose, spans: [][2]int{{p.Start, p.End}}, conf: 0.9},
						source: "key/value table, label " + strings.TrimSpace(label)}
					s.addCue("value of an organisation label in a key/value table", 2.5)
					out = append(out, s)
					cur = &out[len(out)-1]
				}
			case roleLocation, roleTransfer:
				if cur != nil {
					cur.spans = append(cur.spans, [2]int{value.Start, value.End})
				}
			case rolePurpose:
				if cur != nil && cur.purpose == "" {
					cur.purpose = value.Text
				}
			}
		}
	}
	return out
}

// subNameWords name a sub-processor in running text.
var subNameWords = []string{"subverwerk", "subbewerk", "sub-verwerk", "sub-processor", "subprocessor"}

// proseIntros introduce sub-processors named in running text.
var proseIntros = []string{"gebruik van", "schakelt", "ingeschakeld", "volgende subverwerkers", "volgende sub-verwerkers", "volgende subbewerkers", "following sub-processors", "following subprocessors", "uses", "engages",
	"gebruiken", "gebruikt", "werken samen met", "werkt samen met", "we use", "we work with",
	"uitgevoerd door", "verzorgd door", "geleverd door", "gehost door", "gehost bij", "ondergebracht bij", "hosted by", "provided by"}

// proseSubCandidates reads sub-processors enumerated in a paragraph of a
// sub-processing section ("Verwerker maakt gebruik van A (Ierland) en B,
// gevestigd in de Verenigde Staten."), or, elsewhere, after an
// introduction that names them as sub-processors.
// isDateValue reports whether a label's value is a date and little else
// ("12 May 2024", "3 maart 2025 (versie 2)").
func isDateValue(v string) bool {
	m := normalize.DatePattern.FindStringIndex(v)
	return m != nil && len(strings.TrimSpace(v[:m[0]]))+len(strings.TrimSpace(v[m[1]:])) <= 20
}

func (d *doc) proseSubCandidates(c blockCtx, span corpus.Span) []scored {
	if span.Empty() {
		span = c.b.Span
	}
	if !c.subSection && !d.index.odd && !hasAny(span.In(d.lower()), subNameWords) {
		// the test below, on the text the document has in lower case
		// already: strings.ToLower and ASCII lower case differ on these
		// words only for a capital İ (they hold no i) and the Kelvin sign
		// (an odd text), and none holds a line end
		return nil
	}
	// A paragraph's lines are one run of text: a PDF or a hard-wrapped
	// Markdown file breaks sentences at the margin ("… van Mailgun⏎
	// Technologies, Inc."). A space for each line end keeps every offset.
	text := strings.ReplaceAll(d.Slice(span), "\n", " ")
	if text == "" {
		return nil
	}
	low := strings.ToLower(text)
	if !c.subSection && !hasAny(low, subNameWords) || !hasAny(low, proseIntros) && !strings.Contains(low, ":") {
		return nil // cheap test first: most paragraphs name no sub-processor
	}
	var out []scored
	for _, sp := range sentenceSpans(text) {
		sent := text[sp[0]:sp[1]]
		lsent := low[sp[0]:sp[1]]
		at := -1
		for _, intro := range proseIntros {
			if i := strings.Index(lsent, intro); i >= 0 && (at < 0 || i+len(intro) < at) {
				at = i + len(intro)
			}
		}
		if i := strings.IndexByte(lsent, ':'); i >= 0 && (hasAny(lsent[:i], subNameWords) ||
			c.subSection && serviceRoles.MatchString(strings.TrimSpace(sent[:i]))) {
			at = i + 1 // "…de volgende subverwerkers: A, B", "Hosting: Noordwolk B.V., Groningen."
		}
		if at < 0 || !c.subSection && !hasAny(lsent, subNameWords) {
			continue
		}
		rest := strings.TrimRight(sent[at:], ". ")
		base := span.Start + sp[0] + at
		// "de volgende partijen:" — skip the words before the first name
		if j := strings.IndexByte(rest, ':'); j >= 0 && j < 60 {
			base += j + 1
			rest = rest[j+1:]
		}
		pieces := splitTopLevel(rest)
		var prev *scored
		for _, p := range pieces {
			piece := trimCell(Cell{Start: base + p[0], End: base + p[1], Text: rest[p[0]:p[1]]})
			if piece.Text == "" {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(piece.Text); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				// "voor het versturen van e-mail van Postduif Messaging, Inc.": the name after the last preposition
				if n, ok := embeddedName(piece); ok {
					piece = n
				}
			}
			if r, _ := utf8.DecodeRuneInString(piece.Text); !unicode.IsUpper(r) && !unicode.IsDigit(r) || onlyPlaces(piece.Text) {
				// "gevestigd in de Verenigde Staten", "(Ierland)": belongs to the name before
				if prev != nil {
					prev.spans = append(prev.spans, [2]int{piece.Start, piece.End})
				}
				continue
			}
			name, purpose := roleAndName(piece)
			s := scored{subCandidate: subCandidate{name: name, purpose: purpose, spans: [][2]int{{piece.Start, piece.End}}, conf: 0.6}, source: "prose enumeration"}
			s.addCue("named in a sentence that introduces sub-processors", sectionWeight(c, 1.5))
			out = append(out, s)
			prev = &out[len(out)-1]
		}
	}
	return out
}

// genericNouns are words that name a kind of service or thing, never an
// organisation on their own.
var genericNouns = map[string]bool{
	"hosting": true, "e mail": true, "email": true, "mail": true, "opslag": true, "back up": true, "backup": true, "backups": true,
	"server": true, "servers": true, "cloud": true, "database": true, "applicatie": true, "website": true, "helpdesk": true,
	"support": true, "analytics": true, "betalingen": true, "sms": true, "datacenter": true, "datacentrum": true,
	"software": true, "onderhoud": true, "beheer": true, "ontwikkeling": true, "monitoring": true, "logging": true,
	"nieuwsbrief": true, "authenticatie": true, "inloggen": true, "statistieken": true, "klantenservice": true,
	"accountant": true, "hostingpartij": true, "hostingprovider": true, "cloudprovider": true, "leverancier": true, "leveranciers": true,
	"mailprovider": true, "e maildienst": true, "betaaldienst": true, "ict leverancier": true, "partner": true, "partners": true,
	"geen": true, "overig": true, "overige": true, "diversen": true, "totaal": true, "onbekend": true,
}

// decoyWords mark an activity, measure or certification rather than an organisation.
var decoyWords = []string{"certific", "iso 27001", "iso 27701", "iso 9001", "nen 7510", "soc 2", "maatregel", "versleutel", "encryptie",
	"pentest", "penetratietest", "beleid", "wachtwoord", "toegangsbeheer", "logging van", "bewaartermijn", "verwerking van", "registratie van",
	"verzenden van", "opslaan van", "inloggen"}

var domainRe = normalize.Pattern(`(?i)\b[a-z0-9][a-z0-9-]{1,62}\.(?:com|net|org|io|nl|eu|de|be|ie|co|ai|app|cloud|dev|fr|uk)\b`)

// domainEnds are the endings of domainRe, in lower case.
var domainEnds = []string{"com", "net", "org", "io", "nl", "eu", "de", "be", "ie", "co", "ai", "app", "cloud", "dev", "fr", "uk"}

// mayHoldDomain reports whether s holds what every match of domainRe
// holds: a full stop followed by one of its endings (in any case, k also
// as the Kelvin sign).
func mayHoldDomain(s string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '.')
		if j < 0 {
			return false
		}
		i += j
		if hasPrefixFold(s[i+1:], domainEnds...) {
			return true
		}
	}
}

// scoreCandidates adds the cues every candidate gets from its name and its
// place in the document, and sums them.
func (d *doc) scoreCandidates(cands []scored, tables []tableInfo, r *Record, supplierInList bool) {
	headings := map[string]bool{}
	for _, b := range d.blocks() {
		if b.Kind == corpus.BlockHeading {
			headings[normalize.Fold(d.Slice(b.Text))] = true
		}
	}
	for i := range cands {
		c := &cands[i]
		name := strings.TrimSpace(c.name.Text)
		f := normalize.Fold(name)
		if _, form := normalize.SplitLegalForm(name); form != "" {
			c.addCue("legal form", 1.5)
		}
		if first := strings.Fields(name + " x")[0]; strings.IndexFunc(first, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) >= 0 {
			// "Acme", "iXL Hosting", "123inkt"

			c.addCue("proper-noun shape", 0.5)
		} else {
			c.addCue("does not start like a name", -3)
		}
		if row := d.rowText(c); mayHoldDomain(row) && domainRe.MatchString(row) {
			c.addCue("a domain name", 1)
		}
		if p, ok := normalize.LookupProvider(name); ok {
			c.addCue("known provider "+p.Name, 2)
		}
		if genericNouns[f] || genericNouns[strings.TrimSuffix(f, "s")] {
			c.addCue("a generic noun", -4)
		}
		if hasAny(f, decoyWords) {
			c.addCue("an activity, measure or certification", -4)
		}
		if len(strings.Fields(f)) <= 2 && cellRole(name) != roleNone {
			c.addCue("a column or row label", -4)
		}
		if hasMarkup(name) {
			c.addCue("markup or a label in the name", -4)
		}
		if headings[f] {
			c.addCue("a heading", -4)
		}
		if !d.isSubName(name, r, supplierInList) {
			c.addCue("not a sub-processor's name (sentence, label, placeholder, place, party)", -6)
		}
		for _, ti := range tables {
			if ti.kind != tableSubs && ti.kind != tableSubsKV && c.name.Start >= ti.block.Start && c.name.Start < ti.block.End {
				switch ti.kind {
				case tableDecoy:
					c.addCue("in a table of "+strings.TrimPrefix(ti.why, "header names "), -6)
				case tableLocation:
					c.addCue("in a table of storage locations", -2)
				}
			}
		}
		c.score = 0
		for _, cue := range c.cues {
			c.score += cue.Weight
		}
		c.kept = c.score >= keepScore
	}
}

// rowText is the text of a candidate's own spans, for cues read around the name.
func (d *doc) rowText(c *scored) string {
	var b strings.Builder
	for _, s := range c.spans {
		if s[0] >= 0 && s[1] <= len(d.text) && s[0] < s[1] {
			b.WriteString(d.text[s[0]:s[1]])
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// mergeCandidates joins candidates that name the same organisation (equal
// after folding, or one the other with its legal form), keeping the first
// name, the union of spans and the strongest cues, in document order.
func mergeCandidates(cands []scored) []scored {
	var out []scored
	index := map[string]int{}
	for _, c := range cands {
		key := normalize.Fold(stripLegalForm(c.name.Text))
		if key == "" {
			key = normalize.Fold(c.name.Text)
		}
		i, ok := index[key]
		for k := range out {
			// one entry read twice: the name ranges overlap ("Naam:** Acme GmbH" and "Acme GmbH")
			if !ok && c.name.End > c.name.Start && out[k].name.Start < c.name.End && c.name.Start < out[k].name.End {
				i, ok = k, true
			}
		}
		if ok {
			o := &out[i]
			if hasMarkup(o.name.Text) && !hasMarkup(c.name.Text) {
				o.name = c.name
			}
			o.spans = append(o.spans, c.spans...)
			for _, cue := range c.cues {
				o.addCue(cue.Name, cue.Weight)
			}
			if o.purpose == "" {
				o.purpose = c.purpose
			}
			if _, form := normalize.SplitLegalForm(o.name.Text); form == "" {
				if _, f2 := normalize.SplitLegalForm(c.name.Text); f2 != "" {
					o.name = c.name // the name with its legal form as written
				}
			}
			if !strings.Contains(o.source, c.source) {
				o.source += " + " + c.source
			}
			continue
		}
		index[key] = len(out)
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name.Start < out[j].name.Start })
	return out
}

// subprocessorCandidates returns the kept sub-processor candidates of the
// block model, scored, merged, in document order; the
// explanation (when asked for) gets every candidate.
func (d *doc) subprocessorCandidates(r *Record) []subCandidate {
	fromBlocks, tables := d.blockSubCandidates()
	d.classified = tables
	cands := mergeCandidates(fromBlocks)
	supplierInList := d.supplierInSubSection(r)
	sameProvider(cands)
	d.scoreCandidates(cands, tables, r, supplierInList)
	cutAtOtherNames(cands)
	var out []subCandidate
	for _, c := range cands {
		if c.kept {
			out = append(out, c.subCandidate)
		}
		if d.explain != nil {
			f := d.explain.field("subprocessors")
			f.Candidates = append(f.Candidates, Candidate{Value: c.name.Text, Source: c.source, Page: d.PageAt(c.name.Start).Number,
				Cues: c.cues, Score: c.score, Kept: c.kept, Detail: d.countryDetail(c.spans)})
		}
	}
	return out
}

// countryDetail lists the countries read in spans, for the explanation.
func (d *doc) countryDetail(spans [][2]int) string {
	var cs []string
	for _, h := range d.locationsIn(spans, true) {
		if h.Country != "" {
			cs = appendUnique(cs, h.Country)
		}
	}
	if len(cs) == 0 {
		return ""
	}
	return "countries: " + strings.Join(cs, ", ")
}

// dropped records a candidate a rule rejected before scoring.
func (e *Explanation) dropped(field string, d *doc, name Cell, source, why string) {
	if e == nil {
		return
	}
	f := e.field(field)
	f.Candidates = append(f.Candidates, Candidate{Value: name.Text, Source: source, Page: d.PageAt(name.Start).Number, Cues: []Cue{{why, -6}}, Score: -6})
}

// splitAt splits a cell at sep outside parentheses into trimmed cells.
func splitAt(c Cell, sep byte) []Cell {
	var out []Cell
	depth, prev := 0, 0
	for i := 0; i <= len(c.Text); i++ {
		if i < len(c.Text) {
			switch c.Text[i] {
			case '(', '[':
				depth++
			case ')', ']':
				depth = max(0, depth-1)
			}
			if c.Text[i] != sep || depth > 0 {
				continue
			}
		}
		if p := trimCell(Cell{Start: c.Start + prev, End: c.Start + i, Text: c.Text[prev:i]}); p.Text != "" {
			out = append(out, p)
		}
		prev = i + 1
	}
	return out
}

// titleLine reports whether a line could title what follows: short,
// opening with a capital, not ending like a sentence, a clause or a label.
func titleLine(t string) bool {
	t = strings.TrimSpace(t)
	if n := utf8.RuneCountInString(t); n < 4 || n > 60 || strings.ContainsAny(t[len(t)-1:], ".:;,!?") || strings.Contains(t, ": ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// engageWords say that a supplier engages other parties.
var engageWords = []string{"inschakel", "schakelen", "schakelt", "gebruik van", "werken samen", "werkt samen", "subverwerk", "subbewerk",
	"sub-verwerk", "sub-processor", "subprocessor", "we use", "engage", "third part", "derden", "leveranciers", "dienstverleners"}

// introducesParties reports whether a paragraph ends by introducing a list
// of the parties a supplier engages ("Voor onze dienstverlening schakelen
// wij de volgende partijen in:").
func introducesParties(t string) bool {
	t = strings.TrimSpace(t)
	if !strings.HasSuffix(t, ":") || utf8.RuneCountInString(t) > 300 {
		return false
	}
	return hasAny(strings.ToLower(t), engageWords)
}

// linesAfterIntro reads the lines that follow an introduction of the
// parties engaged within one paragraph — a list whose bullets were lost
// (a PDF's drawn bullets): "…schakelen wij de volgende partijen in:" then
// "Acme Inc. (Verenigde Staten): monitoring" line by line. The entries end
// at the first line that does not open with a name.
func (d *doc) linesAfterIntro(b *corpus.Block) []scored {
	text := d.Slice(b.Span)
	if strings.IndexByte(text, '\n') < 0 || !strings.Contains(text, ":\n") {
		return nil
	}
	var out []scored
	after := false
	off := b.Start
	for _, line := range strings.SplitAfter(text, "\n") {
		start := off
		off += len(line)
		t := strings.TrimRight(line, "\r\n ")
		if !after {
			after = introducesParties(t)
			continue
		}
		c := trimCell(Cell{Start: start, End: start + len(t), Text: t})
		name, purpose := roleAndName(c)
		_, form := normalize.SplitLegalForm(name.Text)
		if name.Text == "" || !looksLikeName(name.Text) || utf8.RuneCountInString(t) > 160 ||
			form == "" && strings.TrimSpace(c.Text[name.End-c.Start:]) == "" {
			break // a heading ("Datalekken") or a sentence ends the entries
		}
		s := scored{subCandidate: subCandidate{name: name, purpose: purpose, spans: [][2]int{{c.Start, c.End}}, conf: 0.7}, source: "line after an introduction"}
		s.addCue("line of a list introduced as the parties engaged", 1.5)
		out = append(out, s)
	}
	return out
}

// hasMarkup reports whether a name holds Markdown markup or a label's
// colon ("Naam:** Acme GmbH").
func hasMarkup(s string) bool {
	return strings.Contains(s, "**") || strings.Contains(s, "__") || strings.Contains(s, ":")
}

// knownProvidersIn gives a candidate for each provider of the gazetteer
// named in a paragraph of a sub-processing section ("Onze servers staan
// bij Amazon Web Services in Frankfurt"), whatever the sentence's wording;
// its places are those up to the next provider or the sentence's end.
func (d *doc) knownProvidersIn(span corpus.Span) []scored {
	text := d.Slice(span)
	ms := normalize.FindProviders(text)
	var out []scored
	for i, m := range ms {
		end := len(text)
		if j := strings.IndexAny(text[m.End:], ".;\n"); j >= 0 {
			end = m.End + j
		}
		if i+1 < len(ms) && ms[i+1].Start < end {
			end = ms[i+1].Start
		}
		name := nameCell(Cell{Start: span.Start + m.Start, End: span.Start + end, Text: text[m.Start:end]})
		if name.End < span.Start+m.End {
			name = Cell{Start: span.Start + m.Start, End: span.Start + m.End, Text: text[m.Start:m.End]}
		}
		s := scored{subCandidate: subCandidate{name: name, spans: [][2]int{{span.Start + m.Start, span.Start + end}}, conf: 0.6}, source: providerSource}
		s.addCue("named in a section about sub-processing", 1)
		ss, se := sentenceBounds(text, m.Start)
		if low := " " + strings.ToLower(text[ss:se]) + " "; hasAny(low, []string{" geen ", " niet ", " not ", " no ", " nooit ", " never "}) {
			s.addCue("in a sentence that negates", -3)
		}
		out = append(out, s)
	}
	return out
}

// sentenceBounds returns the bounds of the sentence of text that holds off.
func sentenceBounds(text string, off int) (int, int) {
	for _, sp := range sentenceSpans(text) {
		if sp[0] <= off && off < sp[1] {
			return sp[0], sp[1]
		}
	}
	return 0, len(text)
}

// providerSource is the source of candidates found only because the
// gazetteer knows the name.
const providerSource = "provider named in a sub-processing section"

// sameProvider adds a cue against a candidate found only through the
// gazetteer when another candidate is the same provider or one of its
// group: "Microsoft Azure" beside "Microsoft Ireland Operations Limited",
// "Google Drive" beside "Google Apps".
func sameProvider(cands []scored) {
	for i := range cands {
		if cands[i].source != providerSource {
			continue
		}
		p, ok := normalize.LookupProvider(cands[i].name.Text)
		if !ok {
			continue
		}
		for j := range cands {
			if j == i || cands[j].source == providerSource {
				continue
			}
			q, ok := normalize.LookupProvider(cands[j].name.Text)
			if ok && sameGroup(p, q) {
				cands[i].addCue("the same provider (group) as "+cands[j].name.Text, -4)
				break
			}
		}
	}
}

// sameGroup reports whether two providers are one or belong to one group:
// the same name or parent, or one the other's parent ("Microsoft Azure",
// parent "Microsoft Corporation", and "Microsoft").
func sameGroup(p, q normalize.Provider) bool {
	if p.Name == q.Name {
		return true
	}
	isParent := func(parent, name string) bool {
		pf, nf := normalize.Fold(parent), normalize.Fold(name)
		return pf != "" && nf != "" && (pf == nf || strings.HasPrefix(pf, nf+" "))
	}
	return p.Parent != "" && p.Parent == q.Parent || isParent(p.Parent, q.Name) || isParent(q.Parent, p.Name)
}

// splitOrgNames splits a cell that lists several organisations: at ";" and,
// when every line looks like an organisation (legal form, known provider,
// domain), at line ends. "Acme B.V.\nKeizersgracht 1" is one name and its
// address.
func splitOrgNames(c Cell) []Cell {
	var out []Cell
	for _, p := range splitAt(c, ';') {
		lines := splitAt(p, '\n')
		all := len(lines) > 1
		for _, l := range lines {
			n := nameCell(l).Text
			_, form := normalize.SplitLegalForm(n)
			_, known := normalize.LookupProvider(n)
			all = all && (form != "" || known || domainRe.MatchString(n))
		}
		if all {
			out = append(out, lines...)
		} else {
			out = append(out, p)
		}
	}
	return out
}

// cutAtOtherNames ends each kept candidate's ranges at the name of another
// kept candidate that follows it inside them, so that the places of the
// next entry are not taken for its own (a PDF row run into the next one:
// "Acme Ltd Verenigd Koninkrijk … ⏎ Beta Pvt. Ltd. India").
func cutAtOtherNames(cands []scored) {
	for i := range cands {
		if !cands[i].kept {
			continue
		}
		for k, sp := range cands[i].spans {
			for j := range cands {
				o := cands[j].name
				if j == i || !cands[j].kept || o.Start <= cands[i].name.Start {
					continue
				}
				if sp[0] <= o.Start && o.Start < sp[1] && (sp[0] >= cands[i].name.Start || cands[i].name.End <= o.Start) {
					sp[1] = o.Start
				}
			}
			cands[i].spans[k] = sp
		}
	}
}

// supplierInSubSection reports whether the supplier's name was found only
// inside a section about sub-processing: a fallback guess of the party
// extractor, not a reason to drop that entry.
func (d *doc) supplierInSubSection(r *Record) bool {
	evs := r.Evidence["processor.name"]
	if len(evs) == 0 {
		return false
	}
	for _, c := range d.walkBlocks() {
		for _, ev := range evs {
			if c.subSection && ev.Start >= c.b.Start && ev.Start < c.b.End {
				return true
			}
		}
	}
	return false
}

// entryLines reads the lines of a paragraph in a sub-processing section
// that each open with an organisation — a list whose bullets were lost or
// never there, one entry a line or a paragraph: "Friesdata B.V., Leeuwarden,
// Nederland: hosting", "Serverpark Noord B.V. in Groningen levert de
// servers", "Hetzner is de hostingprovider …". A line opens an entry when
// its name carries a legal form or a place follows it (or, on a
// paragraph's first line, a verb that says what it does); the lines after
// it up to the next entry belong to it.
func (d *doc) entryLines(c blockCtx, b *corpus.Block) []scored {
	text := d.Slice(b.Text)
	if text == "" {
		return nil
	}
	var out []scored
	var cur *scored
	off := b.Text.Start
	prevEnds := true
	for i, line := range strings.SplitAfter(text, "\n") {
		start := off
		off += len(line)
		t := strings.TrimRight(line, "\r\n ")
		if strings.TrimSpace(t) == "" {
			continue
		}
		if m := listMarkerRe.FindStringIndex(t); m != nil {
			// a list number the reader did not see as one ("“_2. De Wolkgroep, …", OCR)
			start, t = start+m[1], t[m[1]:]
		}
		l := Line{Start: start, End: start + len(t), Text: t}
		cand, ok := subCandidate{}, false
		bold := false
		if n, rest, isBold := boldLead(l); isBold && prevEnds {
			// "**TransIP B.V.** — Onze servers staan in Amsterdam": the bold words are the name
			cand = subCandidate{name: n, purpose: purposeAfterName(Cell{Start: l.Start, End: l.End, Text: n.Text + rest}), spans: [][2]int{{l.Start, l.End}}, conf: 0.7}
			ok, bold = looksLikeName(n.Text), true
		} else if prevEnds {
			cand, ok = plainLineCandidate(l)
			if !ok && i == 0 {
				cand, ok = paragraphCandidate(l)
			}
		}
		if ok && !nameShaped(cand.name.Text) {
			ok = false // "Bewerker maakt gebruik van Hetzner Online GmbH" is a sentence
		}
		tt := strings.TrimSpace(t)
		prevEnds = strings.ContainsAny(tt[len(tt)-1:], ".;:") || utf8.RuneCountInString(tt) < 60
		if !ok {
			if cur != nil {
				cur.spans = append(cur.spans, [2]int{l.Start, l.End})
			}
			continue
		}
		s := scored{subCandidate: cand, source: "line opening with a name"}
		s.addCue("line opening with a name in a sub-processor section", sectionWeight(c, 1))
		if bold {
			s.addCue("a bold name opens the paragraph", 1)
		}
		if placeFollows(l, cand.name) {
			s.addCue("a place follows the name", 0.5)
		}
		out = append(out, s)
		cur = &out[len(out)-1]
	}
	return out
}

// storeLabelLine reports whether a short line only labels the storage
// location that follows it ("Plaats/Land van opslag en Verwerking van de
// Persoonsgegevens:").
func storeLabelLine(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasSuffix(t, ":") && utf8.RuneCountInString(t) <= 120 && storeLabelRe.MatchString(t)
}

// nameConnectors may stand in lower case inside an organisation's name.
var nameConnectors = map[string]bool{"van": true, "de": true, "der": true, "den": true, "het": true, "en": true, "of": true,
	"and": true, "the": true, "voor": true, "für": true, "&": true, "y": true, "et": true, "du": true, "des": true, "la": true, "le": true}

// nameShaped reports whether every word of a name is capitalised (or holds
// a capital or digit: "iXL"), a connector ("van", "&") or a legal form, as
// an organisation's name is and a sentence is not.
func nameShaped(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 7 {
		return false
	}
	for _, w := range words {
		if nameConnectors[strings.ToLower(w)] || strings.IndexFunc(w, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) >= 0 {
			continue
		}
		if _, form := normalize.SplitLegalForm("X " + w); form != "" {
			continue
		}
		return false
	}
	return true
}

// embedPreps introduce a provider's name inside a phrase that says what it does.
var embedPreps = []string{" van ", " bij ", " via ", " door ", " by ", " from ", " with ", " met "}

// embeddedName returns the part of a lower-case prose piece that follows
// its last preposition when that part opens with a capital and carries a
// legal form or is name-shaped ("voor e-mail van Postduif Messaging, Inc.").
func embeddedName(c Cell) (Cell, bool) {
	at := -1
	for _, p := range embedPreps {
		if i := strings.LastIndex(c.Text, p); i >= 0 && i+len(p) > at {
			at = i + len(p)
		}
	}
	if at < 0 || at >= len(c.Text) {
		return c, false
	}
	rest := Cell{Start: c.Start + at, End: c.End, Text: c.Text[at:]}
	if r, _ := utf8.DecodeRuneInString(rest.Text); !unicode.IsUpper(r) {
		return c, false
	}
	n := nameCell(rest)
	if _, form := normalize.SplitLegalForm(n.Text); form == "" && !nameShaped(n.Text) {
		return c, false
	}
	return rest, true
}

// subHeadingWords, in a heading, say that the section names the other
// parties that process the data, in the words of a web page or a privacy
// statement rather than the agreement's ("Wie verwerkt uw gegevens nog
// meer?", "Do you share data with anyone?", "Derde partijen").
var subHeadingWords = []string{"wie verwerkt", "wie helpen", "wie helpt", "wie werken", "who else", "who processes", "who helps",
	"share data", "share your data", "share personal data", "share information", "delen wij", "delen gegevens", "gegevens delen",
	"service provider", "dienstverleners", "andere partijen", "ingeschakelde partijen", "derde partijen", "third parties", "our processors",
	"onze verwerkers", "hulpverwerkers", "sub processing", "subprocessing", "leveranciers die"}

// questionLine reports whether a paragraph is one short question standing
// alone, as a web page titles its sections ("Welke gegevens?", "Do you
// share data with anyone?").
func questionLine(t string) bool {
	t = strings.TrimSpace(t)
	n := utf8.RuneCountInString(t)
	if n < 6 || n > 90 || !strings.HasSuffix(t, "?") || strings.ContainsAny(t, "\n.:;!") || strings.Count(t, "?") > 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// boldLead returns the bold words that open a line ("**Acme B.V.** — …")
// as the name, with the text after them.
func boldLead(l Line) (Cell, string, bool) {
	t := l.Text
	lead := len(t) - len(strings.TrimLeft(t, " "))
	for _, mark := range []string{"**", "__"} {
		if !strings.HasPrefix(t[lead:], mark) {
			continue
		}
		end := strings.Index(t[lead+2:], mark)
		if end <= 0 {
			return Cell{}, "", false
		}
		inner := trimCell(Cell{Start: l.Start + lead + 2, End: l.Start + lead + 2 + end, Text: t[lead+2 : lead+2+end]})
		inner.Text = strings.TrimRight(inner.Text, ":")
		inner.End = inner.Start + len(inner.Text)
		return inner, t[lead+2+end+2:], inner.Text != ""
	}
	return Cell{}, "", false
}

// itemEntries returns the entries that start on a later line of a list
// item: a line that opens with a name-shaped organisation and its legal
// form, followed by what it does or where ("Rheindaten Support Ltd –
// verzending van e-mail (Londen, …)"), after a line that ended with a
// bracket or a full stop. Each entry's span runs to the next.
func itemEntries(d *doc, b *corpus.Block) []subCandidate {
	text := d.Slice(b.Text)
	if strings.IndexByte(text, '\n') < 0 {
		return nil
	}
	var out []subCandidate
	off := b.Text.Start
	prev := ""
	for i, line := range strings.SplitAfter(text, "\n") {
		start := off
		off += len(line)
		t := strings.TrimRight(line, "\r\n ")
		if i > 0 && prev != "" && strings.ContainsAny(prev[len(prev)-1:], ").;") {
			l := Line{Start: start, End: start + len(t), Text: t}
			if c, ok := plainLineCandidate(l); ok && isLegalFormEnd(c.name.Text) && nameShaped(c.name.Text) {
				if k := len(out); k > 0 {
					out[k-1].spans[0][1] = start
				}
				c.spans = [][2]int{{start, b.End}}
				c.conf = 0.8
				out = append(out, c)
			}
		}
		if tt := strings.TrimSpace(t); tt != "" {
			prev = tt
		}
	}
	return out
}

// inSubSection reports whether offset off lies in a block of a section
// about sub-processing.
func (d *doc) inSubSection(off int) bool {
	for _, c := range d.walkBlocks() {
		if c.subSection && off >= c.b.Start && off < c.b.End {
			return true
		}
	}
	return false
}

// firstRune is the first character of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
