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

// Sub-processors are read from the places agreements list them in:
//   - sections titled Subverwerkers/Subbewerkers (Privacybijsluiter "F.",
//     Model 4.0 "H.", numbered "6. Subverwerkers");
//   - the text after an introduction such as "maakt gebruik van de volgende
//     subverwerkers:" wherever it stands.
//
// In those zones a table with a header row (Naam | Omschrijving | Land …),
// a Model 4.0 key–value block (Naam Subverwerker | …, Land van opslag … |
// …), list items and a prose enumeration each give sub-processors. The
// countries of a sub-processor are the locations named in its own row,
// block or item (address, country, adjective before "bedrijf", data-centre
// city, Dutch postcode), including a storage-location line that follows
// its item. Storage locations are read from location labels and sections
// ("Plaats/Land van opslag en Verwerking", "Locatie van opslag") and from
// sentences that say where data is processed ("verwerkt binnen Nederland").
// Sentences that only set a condition ("indien … buiten de EER") name no
// location.

var (
	// storeLabelRe labels where personal data is stored or processed.
	storeLabelRe = mustCued(`(?i)(?:plaats|land|landen|locatie|locaties|regio)\s*(?:/\s*\w+\s*)?(?:van\s+(?:de\s+)?)?(?:opslag|verwerking|hosting|gegevensopslag|dataopslag|servers?)|opslaglocatie|hostinglocatie|locatie\s+(?:van\s+)?(?:de\s+)?(?:server|data|gegevens)|waar\s+worden\s+(?:de\s+)?(?:persoons)?gegevens\s+(?:opgeslagen|verwerkt)|(?:location|place)\s+of\s+(?:storage|processing)`)
	// storeVerbRe says data is stored or processed somewhere; a location
	// must follow it directly.
	storeVerbRe = mustCued(`(?i)\b(?:opgeslagen|verwerkt|gehost|bewaard|gehuisvest|ondergebracht|opslaan|hosten|verwerken|staan|draaien|bevinden\s+zich|plaatsvindt|plaats\s*vindt|stored|processed|hosted)(?:\s+(?:en|and)\s+\w+)?\s+(?:(?:uitsluitend|alleen|enkel|altijd|volledig|fysiek)\s+)?(?:binnen|in|op)\s+(?:de\s+|het\s+)?`)
	// conditionalRe marks a sentence that sets a condition or a rule rather
	// than naming where data is.
	conditionalRe = normalize.Lazy(`(?i)\b(?:indien|tenzij|in\s+het\s+geval|ingeval|mocht|mochten|wanneer|voor\s+zover|als\s+voor|geef\s+hieronder|if|unless)\b`)
	// listMarkerRe opens a list item: bullets, "1.", "a)", "ii.", nested "- o".
	listMarkerRe = normalize.Lazy(`^[ \t]*[_“”"‘’~·]*(?:(?:[-•*·▪◦–]|o(?:\s)|\(?\d{1,2}[.)]|\(?[a-z][.)]|[ivx]{1,4}[.)])[ \t]+)+`)
	// pieceSepRe separates sub-processors enumerated in one sentence.
	pieceSepRe = normalize.Lazy(`\s*;\s*|,\s+(?:en\s+)?|\s+en\s+|\s+and\s+`)
	// purposeLeadRe is the verb that links a name to its purpose.
	purposeLeadRe = normalize.Lazy(`^(?:(?:gevestigd\s+)?(?:te|in|uit)\s+\p{Lu}[\p{L}-]*\s*)?(?:\([^)]*\)\s*)?(?:(?:is|zijn|wordt)\s+)?(?:(?:de|een|het|onze)\s+)?(?:voor\s+(?:de\s+|het\s+)?)?`)
	// cellMarkupRe is an inline markup remnant (<i>, </u>).
	cellMarkupRe = normalize.Lazy(`</?[a-z]{1,6}>`)
	// purposeSepRe separates the address parts from the purpose of an item.
	purposeSepRe = normalize.Lazy(`\s*[,:]\s+|\s+[–—-]\s+|^[,:–—-]\s*`)
	// placeWordsRe are the words that join places in an address part.
	placeWordsRe = normalize.Lazy(`(?i)\b(?:gevestigd|te|in|uit|datacenter|en)\b`)
	// storeGapRe may stand between a storage verb and its location:
	// "draaien in de Azure-regio EU-West", "opgeslagen in datacenters in
	// Middenmeer", "opgeslagen op onze eigen servers in Nederland",
	// "verwerkt in het datacenter van Cijferkaart in Nederland".
	storeGapRe = normalize.Lazy(`(?i)^(?:(?:een|de|het|onze|ons|eigen|haar|zijn|the|our|own|a|servers?|serverpark|data\s+cent\w*|[\p{L}-]*(?:regio|datacent\w*|cloud|omgeving)|van\s+\p{Lu}[\p{L}-]*)\s+){0,5}(?:in\s+)?(?:de\s+|het\s+|the\s+)?$`)
	// placeJoinRe joins the places of an enumeration: ", ", " en de ", " or ".
	placeJoinRe = normalize.Lazy(`^\s*(?:,|/|&|\s(?:en|of|and|or))\s*(?:de\s+|het\s+|the\s+)?$`)
	// paraLinkRe joins a name to what follows it in a paragraph item.
	paraLinkRe = normalize.Lazy(`^(?:\s*,|\s*\(|\s+(?:is|zijn|doet|verzorgt|levert|biedt|host|hosts|beheert|wordt|verwerkt|ondersteunt|verstuurt|zorgt|gevestigd|te|uit)\s)`)
	// docWordsRe are words of the agreement itself, never in a sub-processor's name.
	docWordsRe = normalize.Lazy(`(?i)bijlage|artikel|overeenkomst|convenant|bijsluiter|pagina|datacent(?:er|re|rum|ra)s?$|data\s+cent(?:er|re)s?$`)
	// storePrepBeforeRe and storeVerbAfterRe frame a location in a sentence
	// with the verb last: "in Nederland opgeslagen", "binnen de EU verwerkt".
	storePrepBeforeRe = normalize.Lazy(`(?i)\b(?:binnen|in)\s+(?:de\s+|het\s+)?$`)
	storeVerbAfterRe  = normalize.Lazy(`(?i)^\s*(?:\p{L}+\s+){0,2}?(?:opgeslagen|verwerkt|gehost|bewaard|gehuisvest)\b`)
	// subTitleRe is a heading line about sub-processors.
	subTitleRe = normalize.Lazy(`(?i)^(?:\d{1,2}[.)]?\s+|[A-Z][.)]\s+)?(?:(?:overzicht|lijst)\s+(?:van\s+)?(?:de\s+)?)?(?:ingeschakelde\s+)?sub[- ]?(?:ver|be)werkers?(?:\s*\(s\))?$|^sub-?processors$`)
	// codeCellRe is a cell that holds nothing but a country code ("US", "NL").
	codeCellRe = normalize.Lazy(`(?:^|\||\t| {3}|\()\s*([A-Z]{2})\s*(?:$|\||\t| {3}|\))`)
	// roleNameRe is "Role: rest" or "Role – rest".
	roleNameRe = normalize.Lazy(`^\s*([^:–—]{2,40}?)\s*(?::|\s[–—-])\s+()\S`)
	// noneRe is a cell or item saying there is no sub-processor.
	noneRe = normalize.Lazy(`(?i)^(?:n\.?v\.?t\.?|nvt|geen\b.*|niet\s+van\s+toepassing|nee|none|n/a|-+|–)$`)
)

// notSubFirstWords are first words of an item that make it a sentence or a
// label, not a sub-processor's name.
var notSubFirstWords = map[string]bool{
	"verwerker": true, "bewerker": true, "onderwijsinstelling": true, "leverancier": true, "partijen": true,
	"wij": true, "zij": true, "hij": true, "deze": true, "dit": true, "dat": true, "er": true, "indien": true,
	"voor": true, "bij": true, "onder": true, "in": true, "op": true, "alle": true, "iedere": true, "elke": true,
	"zie": true, "geen": true, "naam": true, "omschrijving": true, "land": true, "plaats": true, "locatie": true,
	"soort": true, "categorie": true, "persoonsgegevens": true, "tevens": true, "ook": true, "daarnaast": true,
	"hiervoor": true, "hierbij": true, "via": true, "nadat": true, "wanneer": true, "als": true, "om": true,
	"het": true, "een": true, "back": true, "backups": true, "bewaartermijn": true, "opslag": true,
	"verwerking": true, "school": true, "scholen": true, "gebruikers": true, "the": true, "we": true,
	"our": true, "all": true, "subverwerker": true, "subverwerkers": true, "subbewerker": true,
	"subbewerkers": true, "bijlage": true, "artikel": true, "doel": true, "dienst": true, "vestiging": true,
}

// nameArticles may open a name ("De Rolf groep") without being its first word.
var nameArticles = map[string]bool{"de": true, "het": true, "een": true, "the": true}

// notSubNames are parties an agreement names that are never its
// sub-processors: the Convenant's parties and the supervisory authority.
var notSubNames = []string{
	"po raad", "vo raad", "mbo raad", "geu", "kbb e", "vdod", "mevw", "edu k", "kennisnet", "sivon",
	"ministerie", "autoriteit persoonsgegevens", "onderwijsinstelling", "convenant",
}

// subCandidate is a sub-processor found in the text before countries are
// resolved: its name, what it does, and the text ranges whose locations
// belong to it.
type subCandidate struct {
	name    Cell
	purpose string
	spans   [][2]int
	conf    float64
}

// wrappedNameWordRe is a capitalised word ending a line of prose: what
// wrappedNameWord finds, without compiling it (tried on the lines before
// names, the rule seldom matched and cost its compiling);
// TestWrappedNameWordIsTheRule holds one to the other.
var wrappedNameWordRe = normalize.Lazy(`(?:^|[ \t])(\p{Lu}[\p{L}\d&-]*)[ \t]*$`)

// wrappedNameWord returns the bounds of wrappedNameWordRe's word in s:
// the last word of s (split at spaces and tabs, which may also end s),
// when it opens with an upper-case letter and holds letters, ASCII
// digits, '&' and '-' alone.
func wrappedNameWord(s string) (start, end int, ok bool) {
	end = len(strings.TrimRight(s, " \t"))
	start = strings.LastIndexAny(s[:end], " \t") + 1
	w := s[start:end]
	r, n := utf8.DecodeRuneInString(w)
	if w == "" || !unicode.IsUpper(r) {
		return 0, 0, false
	}
	for _, c := range w[n:] {
		if !unicode.IsLetter(c) && (c < '0' || c > '9') && c != '&' && c != '-' {
			return 0, 0, false
		}
	}
	return start, end, true
}

// withWrappedStart gives a name that opens a line of a PDF (or of a
// hard-wrapped text or Markdown file) the
// capitalised word that ends the line of prose before it, where the page
// wrapped the name ("… e-mail van Mailgun⏎Technologies, Inc."): a line
// of at least four words with no cells, ending in that word without
// punctuation, the word no generic noun, place or party role.
func (d *doc) withWrappedStart(name Cell) Cell {
	if d.Source.Format != corpus.FormatPDF && d.Source.Format != corpus.FormatText || name.Start <= 0 || name.End > len(d.text) {
		return name
	}
	ls := strings.LastIndexByte(d.text[:name.Start], '\n')
	if ls < 0 || strings.TrimSpace(d.text[ls+1:name.Start]) != "" {
		return name // the name does not open its line
	}
	ps := strings.LastIndexByte(d.text[:ls], '\n') + 1
	prev := d.text[ps:ls]
	if strings.Contains(prev, "|") || len(strings.Fields(prev)) < 4 {
		return name
	}
	ws, we, ok := wrappedNameWord(prev)
	if !ok {
		return name
	}
	w := prev[ws:we]
	lw := strings.ToLower(w)
	if notSubFirstWords[lw] || strings.Contains(lw, "werker") || strings.Contains(lw, "processor") {
		return name
	}
	if _, ok := normalize.Country(w); ok {
		return name
	}
	if _, ok := normalize.Place(w); ok {
		return name
	}
	start := ps + ws
	return Cell{Start: start, End: name.End, Text: w + " " + name.Text}
}

func extractSubprocessors(d *doc, r *Record) {
	cands := d.subprocessorCandidates(r)
	stored, storeSpans := storageHits(d)
	var all []locHit
	for _, c := range cands {
		c.name = d.withWrappedStart(c.name)
		sp := Subprocessor{Name: c.name.Text, Purpose: c.purpose}
		hits := d.locationsIn(append(c.spans, d.namedIn(c.name.Text, storeSpans)...), true)
		seenPlace := map[string]bool{}
		for _, h := range hits {
			if h.Country != "" {
				sp.Countries = appendUnique(sp.Countries, h.Country)
			}
			if h.Kind == normalize.KindPlace && !seenPlace[h.Text] && !unicode.IsDigit(rune(h.Text[0])) {
				seenPlace[h.Text] = true
				sp.Locations = append(sp.Locations, h.Text)
			}
		}
		sort.Strings(sp.Countries)
		i := len(r.Subprocessors)
		r.Subprocessors = append(r.Subprocessors, sp)
		d.cite(r, fmt.Sprintf("subprocessors[%d].name", i), c.name.Start, c.name.End, c.conf)
		cited := map[string]bool{}
		for _, h := range hits {
			if h.Country != "" && !cited[h.Country] {
				cited[h.Country] = true
				d.cite(r, fmt.Sprintf("subprocessors[%d].countries", i), h.Start, h.End, h.conf)
			}
		}
		all = append(all, hits...)
		d.explainPlaces("sub-processor "+sp.Name, hits)
	}
	seen := map[string]bool{}
	for _, h := range locationsForStorage(stored) {
		key := h.Text + "|" + h.Country
		if seen[key] {
			continue
		}
		seen[key] = true
		d.cite(r, fmt.Sprintf("storage_locations[%d]", len(r.StorageLocations)), h.Start, h.End, h.conf)
		r.StorageLocations = append(r.StorageLocations, Location{Place: h.Text, Country: h.Country})
	}
	all = append(all, stored...)
	d.explainPlaces("storage or processing statement", stored)
	decideOutsideEEA(d, r, all)
	if d.explain != nil {
		switch {
		case r.OutsideEEA == nil:
			d.explain.note("outside_eea", "decision: null — the document names no location of processing, storage or a sub-processor")
		case *r.OutsideEEA:
			d.explain.note("outside_eea", "decision: true — outside the EEA: %s", strings.Join(r.OutsideEEACountries, ", "))
		default:
			d.explain.note("outside_eea", "decision: false — every location named lies in the EEA")
		}
	}
}

// locHit is a location mention at document offsets, with the confidence
// of the rule that found it.
type locHit struct {
	normalize.Mention
	conf float64
}

// decideOutsideEEA sets outside_eea and outside_eea_countries from every
// location tied to a sub-processor or to storage: true when one lies
// outside the EEA, false when all are inside, null when there is none.
func decideOutsideEEA(d *doc, r *Record, hits []locHit) {
	if len(hits) == 0 {
		return
	}
	outside := map[string]locHit{}
	for _, h := range hits {
		if h.Country != "" && !normalize.InEEA(h.Country) {
			if _, ok := outside[h.Country]; !ok {
				outside[h.Country] = h
			}
		}
	}
	v := len(outside) > 0
	r.OutsideEEA = &v
	for c := range outside {
		r.OutsideEEACountries = append(r.OutsideEEACountries, c)
	}
	sort.Strings(r.OutsideEEACountries)
	if !v {
		// "Sommige gegevens worden buiten de EER verwerkt": outside, though
		// no country is named
		for _, h := range hits {
			if h.Kind == normalize.KindRegion && d.outsideRegion(h) {
				v = true
				r.OutsideEEA = &v
				d.cite(r, "outside_eea", h.Start, h.End, h.conf*0.9)
				return
			}
		}
	}
	if v {
		for _, c := range r.OutsideEEACountries {
			h := outside[c]
			d.cite(r, "outside_eea", h.Start, h.End, h.conf)
			d.cite(r, "outside_eea_countries", h.Start, h.End, h.conf)
		}
		return
	}
	cited := map[string]bool{}
	for _, h := range hits { // one passage per country (or region) that is inside
		if !cited[h.Country] {
			cited[h.Country] = true
			d.cite(r, "outside_eea", h.Start, h.End, h.conf*0.9)
		}
	}
}

// locationsIn returns the location mentions in the ranges, in order.
// inParty also reads a Dutch postcode as the Netherlands (an address).
func (d *doc) locationsIn(spans [][2]int, inParty bool) []locHit {
	var out []locHit
	for _, s := range spans {
		text := d.text[s[0]:s[1]]
		for _, m := range normalize.Locations(text) {
			m.Start += s[0]
			m.End += s[0]
			out = append(out, hitOf(m))
		}
		for _, m := range findAllIf(codeCellRe, text, hasRun(text, isUpperASCII, 2)) {
			code, ok := normalize.Country(text[m[2]:m[3]])
			if !ok || code != text[m[2]:m[3]] {
				continue // "UK" and the like are found by Locations
			}
			out = append(out, locHit{normalize.Mention{Start: s[0] + m[2], End: s[0] + m[3], Text: code, Country: code, Kind: normalize.KindCountry}, 0.75})
		}
		if !inParty {
			continue
		}
		for _, p := range findAllIf(normalize.PostcodePattern, text, hasRun(text, isDigitASCII, 4)) {
			letters := strings.ToUpper(text[p[4]:p[5]])
			if letters != text[p[4]:p[5]] || letters == "SA" || letters == "SD" || letters == "SS" {
				continue
			}
			out = append(out, locHit{normalize.Mention{Start: s[0] + p[0], End: s[0] + p[1], Text: text[p[0]:p[1]], Country: "NL", Kind: normalize.KindPlace}, 0.7})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// findAllIf is re.FindAllStringSubmatchIndex(s, -1) when may holds, nil
// otherwise: may is a cheap test for what every match needs.
func findAllIf(re interface {
	FindAllStringSubmatchIndex(string, int) [][]int
}, s string, may bool) [][]int {
	if !may {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// hasRun reports whether s holds n bytes in a row for which is holds: two
// capitals in a row for a country code, four digits for a postcode.
func hasRun(s string, is func(byte) bool, n int) bool {
	k := 0
	for i := 0; i < len(s); i++ {
		if !is(s[i]) {
			k = 0
			continue
		}
		if k++; k >= n {
			return true
		}
	}
	return false
}

// isUpperASCII and isDigitASCII test one byte.
func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigitASCII(c byte) bool { return '0' <= c && c <= '9' }

// hitOf gives a mention the confidence of its kind: a country name is
// surer than a city (which may be a company's seat only) or an adjective.
func hitOf(m normalize.Mention) locHit {
	switch m.Kind {
	case normalize.KindAdjective:
		return locHit{m, 0.7}
	case normalize.KindPlace:
		return locHit{m, 0.75}
	}
	return locHit{m, 0.85}
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// sectionEnd returns the end of the innermost section holding off, or the
// start of the next heading after off.
func (d *doc) sectionEnd(off int) int {
	end := len(d.text)
	for _, s := range d.outline {
		if s.Start > off && s.Start < end {
			end = s.Start
		}
	}
	// a clause heading the outline does not know ("4. BEWAARTERMIJNEN" in
	// an agreement numbered without "Artikel")
	if h := d.nextClauseHeading(off, end); h >= 0 {
		end = h
	}
	return end
}

// nextClauseHeading returns the offset of the first clause heading (see
// nextClauseHeading) in text[off:end], or -1. The rest of off's line is
// searched; the whole lines after it are looked up among the headings of
// the text, found once: searching to the end of the text for every cue
// made a long document without headings quadratic.
func (d *doc) nextClauseHeading(off, end int) int {
	lineEnd := strings.IndexByte(d.text[off:end], '\n')
	if lineEnd < 0 {
		if h := nextClauseHeading(d.text[off:end]); h >= 0 {
			return off + h
		}
		return -1
	}
	if h := nextClauseHeading(d.text[off : off+lineEnd]); h >= 0 {
		return off + h
	}
	if d.clauseHeads == nil {
		d.clauseHeads = clauseHeads(d.text)
	}
	// Whole lines from start to last; the line at last is cut at end and
	// is searched as it is.
	start := off + lineEnd + 1
	last := start + strings.LastIndexByte(d.text[start:end], '\n') + 1
	if i := sort.SearchInts(d.clauseHeads, start); i < len(d.clauseHeads) && d.clauseHeads[i] < last {
		return d.clauseHeads[i]
	}
	if h := nextClauseHeading(d.text[last:end]); h >= 0 {
		return last + h
	}
	return -1
}

// clauseHeads returns the offsets of the clause headings of text: the
// matches of clauseHeadingRe that isClauseHeading accepts. A match is a
// whole line (the rule runs from (?m)^ to $ through characters other than
// a line end), so the rule is tried only on a line opensWithNumber lets by.
func clauseHeads(text string) []int {
	out := []int{}
	for pos := 0; pos < len(text); {
		end := len(text)
		if nl := strings.IndexByte(text[pos:], '\n'); nl >= 0 {
			end = pos + nl
		}
		if line := text[pos:end]; opensWithNumber(line) {
			for _, m := range clauseHeadingRe.FindAllStringIndex(line, -1) {
				if isClauseHeading(line[m[0]:m[1]]) {
					out = append(out, pos+m[0])
				}
			}
		}
		pos = end + 1
	}
	return out
}

// opensWithNumber reports whether a line may be a clause heading: it
// opens with a number after the spaces (no-break ones too), tabs, '#' and
// '*' that clauseHeadingRe lets stand before it, and after the number (and
// a dot) holds no ASCII character but letters, spaces, tabs, '&' and '-'.
func opensWithNumber(line string) bool {
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '#' || c == '*':
			i++
		case '0' <= c && c <= '9':
			i++
			if i < len(line) && '0' <= line[i] && line[i] <= '9' {
				i++
			}
			if i < len(line) && line[i] == '.' {
				i++
			}
			for ; i < len(line); i++ {
				c := line[i]
				if c < 0x80 && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == ' ' || c == '\t' || c == '&' || c == '-') {
					return false
				}
			}
			return true
		case strings.HasPrefix(line[i:], "\u00a0"):
			i += 2
		case strings.HasPrefix(line[i:], "\u202f") || strings.HasPrefix(line[i:], "\u2007"):
			i += 3
		default:
			return false
		}
	}
	return false
}

// placeFollows reports whether a place comes right after the name on the
// line ("De Rolf groep, Enschede …").
func placeFollows(l Line, name Cell) bool {
	rest := placeLead(lineRest(l, name.End))
	ms := normalize.Locations(rest)
	return len(ms) > 0 && ms[0].Start == 0
}

// lineRest returns the rest of line l from the document offset off.
func lineRest(l Line, off int) string {
	if off < l.Start || off > l.End {
		return ""
	}
	return l.Text[off-l.Start:]
}

// paragraphCandidate reads a sub-processor from a paragraph that starts
// with its name and a verb or a comma ("Hetzner is de hostingprovider
// waar …", "Upvoty, gevestigd te Eindhoven, …"): the layout of a bulleted
// list whose bullets were drawn as shapes.
func paragraphCandidate(l Line) (subCandidate, bool) {
	body := trimCell(Cell{Start: l.Start, End: l.End, Text: strings.TrimRight(l.Text, " ")})
	name := nameCell(body)
	if name.Text == "" || !looksLikeName(name.Text) || len(strings.Fields(name.Text)) > 5 {
		return subCandidate{}, false
	}
	if !paraLinkRe.MatchString(body.Text[name.End-body.Start:]) || onlyPlaces(name.Text) {
		return subCandidate{}, false
	}
	return subCandidate{name: name, purpose: purposeAfterName(body), spans: [][2]int{{l.Start, l.End}}, conf: 0.6}, true
}

// plainLineCandidate reads a sub-processor from a line without a list
// marker in a sub-processor section ("Acme Hosting B.V., Delft, Nederland:
// hosting"). The name must carry a legal form or be followed at once by a
// place, so that the section's sentences are not taken for names.
func plainLineCandidate(l Line) (subCandidate, bool) {
	body := trimCell(Cell{Start: l.Start, End: l.End, Text: l.Text})
	name := nameCell(body)
	if name.Text == "" || !looksLikeName(name.Text) {
		return subCandidate{}, false
	}
	if onlyPlaces(name.Text) {
		return subCandidate{}, false
	}
	rest := placeLead(body.Text[name.End-body.Start:])
	ms := normalize.Locations(rest)
	if !isLegalFormEnd(name.Text) && (len(ms) == 0 || ms[0].Start != 0) {
		return subCandidate{}, false
	}
	return subCandidate{name: name, purpose: purposeAfterName(body), spans: [][2]int{{l.Start, l.End}}, conf: 0.7}, true
}

// placeLead strips what joins a name to the place after it: ", ", " in ", " te ", " (".
func placeLead(s string) string {
	s = strings.TrimLeft(s, " ,(")
	for _, p := range []string{"in ", "te ", "uit "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// splitTopLevel splits s at pieceSepRe outside parentheses.
func splitTopLevel(s string) [][2]int {
	var out [][2]int
	depth, prev := 0, 0
	seps := pieceSepRe.FindAllStringIndex(s, -1)
	k := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth = max(0, depth-1)
		}
		for k < len(seps) && seps[k][0] < i {
			k++
		}
		if k < len(seps) && seps[k][0] == i && depth == 0 && !(s[i] == ',' && legalFormNext(s[i+1:])) {
			out = append(out, [2]int{prev, i})
			prev = seps[k][1]
			i = seps[k][1] - 1
		}
	}
	return append(out, [2]int{prev, len(s)})
}

// namesCountry reports whether s names a country or a place of one (not
// only a region such as "EU/EER", which a header may name).
func namesCountry(s string) bool {
	for _, m := range normalize.Locations(s) {
		if m.Country != "" {
			return true
		}
	}
	return false
}

func cleanLabel(s string) string {
	return strings.TrimSpace(strings.Trim(cellMarkupRe.ReplaceAllString(s, ""), " \t*:|"))
}

// serviceRoles are the services an entry may be labelled with before the
// sub-processor's name ("Hosting: Acme B.V.", "E-mail – Mailer Inc.").
var serviceRoles = normalize.Lazy(`(?i)^(?:hosting|hostingpartij|hostingprovider|webhosting|cloud|cloudopslag|opslag|back-?ups?|datacenter|server(?:s|beheer)?|e-?mail|mail|nieuwsbrie\w*|sms|betaling\w*|payment\w*|facturatie|administratie|boekhouding|helpdesk|support|ondersteuning|klantenservice|beheer|technisch\s+beheer|ontwikkeling|software-?ontwikkeling|analytics|statistieken|monitoring|logging|inloggen|authenticatie|identiteit\w*|telefonie|chat|enquêtes?|reviews?|crm)$`)

// roleAndName reads an entry that may open with its service ("Hosting:
// Acme B.V., Delft"): the name after the role, the role as its purpose.
// Other entries give nameCell and purposeAfterName.
func roleAndName(c Cell) (Cell, string) {
	if m := roleNameRe.FindStringSubmatchIndex(c.Text); m != nil && serviceRoles.MatchString(strings.TrimSpace(c.Text[m[2]:m[3]])) {
		rest := Cell{Start: c.Start + m[4], End: c.End, Text: c.Text[m[4]:]}
		if n := nameCell(rest); looksLikeName(n.Text) {
			return n, strings.TrimSpace(c.Text[m[2]:m[3]])
		}
	}
	return nameCell(c), purposeAfterName(c)
}

// nameCell returns the leading name of a cell, item or prose piece: the
// text up to the first comma, parenthesis, dash or verb, keeping a legal
// form ("Acme, Inc.") with it.
func nameCell(c Cell) Cell {
	c = trimCell(c)
	t := c.Text
	end := len(t)
	if at := subNameEnd(t); at >= 0 {
		end = at
		// "Amazon Web Services, Inc." keeps its legal form
		if lf, form := normalize.LegalFormAt(t[at:]); form != "" && lf <= len(strings.TrimRight(t[at:], " "))+1 &&
			strings.TrimLeft(t[at:], ", ")[:1] != "(" && leadingLegalForm(t[at:]) {
			end = at + lf
		}
	}
	name := strings.TrimRight(t[:end], " .")
	if end < len(t) && t[end] == '.' && isLegalFormEnd(t[:end+1]) {
		name = t[:end+1] // "Infocaster B.V." keeps its last dot
	} else if strings.HasSuffix(t[:end], ".") && isLegalFormEnd(t[:end]) {
		name = strings.TrimRight(t[:end], " ")
	}
	if lf, form := normalize.LegalFormAt(name); form != "" && lf < len(name) && isLegalFormEnd(name[:lf]) {
		name = name[:lf] // "Cloudvat GmbH uit Frankfurt"
	}
	name = strings.Trim(name, " \"'“”‘’")
	off := strings.Index(t, name)
	if off < 0 {
		off = 0
	}
	return Cell{Start: c.Start + off, End: c.Start + off + len(name), Text: name}
}

// isSubNameVerb reports whether w is one of the words after which a name
// ends ("Acme levert …", "Acme gevestigd te …"); "ten behoeve" and
// "t.b.v." are matched apart.
func isSubNameVerb(w string) bool {
	switch w {
	case "is", "zijn", "doet", "verzorgt", "levert", "leveren", "wordt", "worden", "biedt", "gevestigd", "te", "uit",
		"vanuit", "voor", "in", "met", "als", "die", "dat", "welke", "verwerkt", "heeft", "zorgt", "host", "hosts",
		"houdt", "beheert", "stelt", "maakt", "ondersteunt", "verstuurt", "provides", "for", "located", "based":
		return true
	}
	return false
}

// isSpaceASCII reports whether c is white space as \s is in a regexp.
func isSpaceASCII(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// subNameEnd returns where a name ends at the start of a list item or
// prose piece, -1 for nowhere: the first place where a
// comma, semicolon, colon or opening bracket stands (after any white
// space), white space and a dash, white space and one of subNameVerbs
// (then white space), or a full stop that ends the text or a sentence.
func subNameEnd(t string) int {
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == ',' || c == ';' || c == ':' || c == '(' || c == '[':
			return i
		case c == '.':
			j := i + 1
			for j < len(t) && isSpaceASCII(t[j]) {
				j++
			}
			if j == len(t) || j > i+1 && 'A' <= t[j] && t[j] <= 'Z' {
				return i
			}
		case isSpaceASCII(c):
			q := i + 1
			for q < len(t) && isSpaceASCII(t[q]) {
				q++
			}
			if q < len(t) && nameEndsAt(t[q:]) {
				return i
			}
			i = q - 1
		}
	}
	return -1
}

// nameEndsAt reports whether s, after white space, opens with what ends a
// name: a comma, semicolon, colon or bracket, a dash and white space, or
// one of subNameVerbs and white space.
func nameEndsAt(s string) bool {
	switch c := s[0]; {
	case c == ',' || c == ';' || c == ':' || c == '(' || c == '[':
		return true
	case c == '-':
		return len(s) > 1 && isSpaceASCII(s[1])
	case strings.HasPrefix(s, "–") || strings.HasPrefix(s, "—"):
		return len(s) > 3 && isSpaceASCII(s[3])
	case strings.HasPrefix(s, "t.b.v."):
		return len(s) > 6 && isSpaceASCII(s[6])
	case strings.HasPrefix(s, "ten"):
		// "ten behoeve"
		j := 3
		for j < len(s) && isSpaceASCII(s[j]) {
			j++
		}
		if j > 3 && strings.HasPrefix(s[j:], "behoeve") && len(s) > j+7 && isSpaceASCII(s[j+7]) {
			return true
		}
	}
	w := 0
	for w < len(s) && 'a' <= s[w] && s[w] <= 'z' {
		w++
	}
	return w > 0 && w < len(s) && isSpaceASCII(s[w]) && isSubNameVerb(s[:w])
}

// leadingLegalForm reports whether s (after a separator) starts with a legal form.
func leadingLegalForm(s string) bool {
	s = strings.TrimLeft(s, ", ")
	end, form := normalize.LegalFormAt(s)
	if form == "" {
		return false
	}
	_, suffix := normalize.SplitLegalForm("X " + s[:end])
	return suffix != ""
}

func isLegalFormEnd(s string) bool {
	_, form := normalize.SplitLegalForm(s)
	return form != ""
}

// purposeAfterName returns what an item says after the name: its first
// sentence without the address parts (street, postcode, places) and
// without a leading "is de".
func purposeAfterName(c Cell) string {
	n := nameCell(c)
	rest := strings.TrimSpace(strings.TrimLeft(c.Text[n.End-c.Start:], " ,;:–-"))
	if i := strings.Index(rest, ". "); i >= 0 {
		rest = rest[:i]
	}
	rest = purposeLeadRe.ReplaceAllString(strings.TrimRight(rest, ".; "), "")
	var keep []string
	for _, part := range purposeSepRe.Split(rest, -1) {
		if strings.ContainsAny(part, "0123456789") || onlyPlaces(part) {
			continue
		}
		keep = append(keep, part)
	}
	rest = strings.TrimLeft(strings.Join(keep, ", "), " ,;:–—-")
	if utf8.RuneCountInString(rest) > 200 {
		return ""
	}
	return rest
}

// onlyPlaces reports whether s is nothing but location names.
func onlyPlaces(s string) bool {
	ms := normalize.Locations(s)
	if len(ms) == 0 {
		return false
	}
	rest := s
	for i := len(ms) - 1; i >= 0; i-- {
		rest = rest[:ms[i].Start] + rest[ms[i].End:]
	}
	return strings.Trim(placeWordsRe.ReplaceAllString(rest, ""), " ,()/-") == ""
}

// onlyLocation reports whether an item names nothing but places ("o
// Nederland (Microsoft Azure, Middenmeer)"): a storage location, not a
// sub-processor.
func onlyLocation(s string) bool {
	s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), "o "))
	name := nameCell(Cell{Text: s}).Text
	if name == "" {
		return false
	}
	ms := normalize.Locations(name)
	return len(ms) > 0 && ms[0].Start == 0 && strings.TrimSpace(name[ms[0].End:]) == "" ||
		storeLabelRe.MatchString(s) && len(ms) > 0
}

// looksLikeName reports whether s could be a company name: short, starting
// with a word that has a capital letter or a digit.
func looksLikeName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 80 || len(strings.Fields(s)) > 8 {
		return false
	}
	words := strings.Fields(s)
	first := words[0]
	if len(words) > 1 && nameArticles[strings.ToLower(first)] {
		first = words[1] // "De Rolf groep", not "De school"
	}
	for _, r := range first {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isSubName reports whether name can be a sub-processor: a name, not a
// sentence, a label, a placeholder, a place, "n.v.t.", the supplier itself
// or a party of the Convenant.
func (d *doc) isSubName(name string, r *Record, supplierInList bool) bool {
	name = strings.TrimSpace(name)
	if !looksLikeName(name) || utf8.RuneCountInString(name) < 2 || noneRe.MatchString(name) {
		return false
	}
	if strings.ContainsAny(name, "[]<>…") || strings.Contains(strings.ToLower(name), "xxx") || strings.Contains(name, "...") {
		return false
	}
	if docWordsRe.MatchString(name) {
		return false
	}
	if base, form := normalize.SplitLegalForm("X " + name); form != "" && base == "X" {
		return false // a legal form alone ("Limited" wrapped onto its own line)
	}
	first := strings.ToLower(strings.Trim(strings.Fields(name)[0], ":.,"))
	if nameArticles[first] && articleName(name) {
		first = "" // "The Rocket Science Group LLC": the article belongs to the name
	}
	if notSubFirstWords[first] || strings.HasPrefix(first, "subverwerk") || strings.HasPrefix(first, "subbewerk") {
		return false
	}
	ms := normalize.Locations(name)
	if len(ms) > 0 && ms[0].Start == 0 && ms[len(ms)-1].End == len(name) && len(ms) <= 2 {
		return false // only a place
	}
	f := normalize.Fold(name)
	for _, n := range notSubNames {
		if f == n || strings.HasPrefix(f, n+" ") {
			return false
		}
	}
	if r.Processor.Name != nil && !supplierInList {
		p := normalize.Fold(stripLegalForm(*r.Processor.Name))
		b := normalize.Fold(stripLegalForm(name))
		if p != "" && (p == b || strings.HasPrefix(p, b+" ") || strings.HasPrefix(b, p+" ")) {
			return false
		}
	}
	return true
}

func stripLegalForm(s string) string {
	base, _ := normalize.SplitLegalForm(s)
	return base
}

// storeLabelCues are words one of which every match of storeLabelRe holds.
var storeLabelCues = []string{"plaats", "land", "locatie", "regio", "waar", "location", "place"}

// storeLabelCue is a cheap test for a word storeLabelRe needs.
func storeLabelCue(s string) bool {
	s = strings.ToLower(s)
	for _, w := range storeLabelCues {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// storeLabelLines returns the lines of the text for which storeLabelCue
// holds, in order: those where the lower-case text holds one of its words,
// found in one pass over the whole, and those with a capital İ (which
// strings.ToLower turns into an i), tested one by one.
func (d *doc) storeLabelLines() []Line {
	at := d.wordOffsets(storeLabelCues)
	for off := 0; ; {
		i := strings.Index(d.text[off:], "\u0130")
		if i < 0 {
			break
		}
		at = append(at, off+i)
		off += i + 1
	}
	sort.Ints(at)
	var out []Line
	next := 0 // the first offset after the last line taken
	for _, p := range at {
		if p < next {
			continue
		}
		l := d.lines(p, p+1)[0]
		next = l.End + 1
		if len(out) > 0 && out[len(out)-1].Start == l.Start {
			continue
		}
		if strings.Contains(l.Text, "\u0130") && !storeLabelCue(l.Text) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// wordOffsets returns occurrences(d.lower(), words): from the document's
// cue index when it knows every word (cueindex.go), else by a search.
func (d *doc) wordOffsets(words []string) []int {
	if at, ok := d.index.occurrences(0, len(d.text), words); ok {
		return at
	}
	return occurrences(d.lower(), words)
}

// storeVerbs are the verbs storeVerbAfterRe ends with.
var storeVerbs = []string{"opgeslagen", "verwerkt", "gehost", "bewaard", "gehuisvest"}

// verbLastLocations returns the locations of the text that storageHits
// tries as "in Nederland opgeslagen": those that end at most 40 bytes
// before one of storeVerbs. They are read only on the lines that end there
// (a name never runs across a line end); a text whose letters case
// folding may take for others (the Kelvin sign, long s) is read whole.
func (d *doc) verbLastLocations() []normalize.Mention {
	if d.index.odd {
		return normalize.Locations(d.text)
	}
	var out []normalize.Mention
	from, to := -1, -1 // the window being gathered
	for _, v := range d.wordOffsets(storeVerbs) {
		// a mention ending in [v-40, v] lies on a line holding v-41 … v-1
		ls := strings.LastIndexByte(d.text[:max(0, v-41)], '\n') + 1
		if from >= 0 && ls <= to {
			to = max(to, v+1)
			continue
		}
		if from >= 0 {
			out = append(out, normalize.LocationsWithin(d.text, from, to)...)
		}
		from, to = ls, v+1
	}
	if from >= 0 {
		out = append(out, normalize.LocationsWithin(d.text, from, to)...)
	}
	return out
}

// storageHits returns the locations the document gives for storage and
// processing: the values of location labels and sections, and the
// location right after a sentence's storage verb ("verwerkt binnen
// Nederland"); conditional sentences are skipped.
func storageHits(d *doc) ([]locHit, [][2]int) {
	var spans [][2]int
	for _, s := range d.outline {
		if s.Kind != SectionArticle && storeLabelRe.MatchString(s.Heading) {
			spans = append(spans, [2]int{s.Start + len(s.Heading), s.End})
		}
	}
	for _, l := range d.storeLabelLines() {
		m := storeLabelRe.FindStringIndex(l.Text)
		if m == nil || d.inArticle(l.Start) {
			continue
		}
		spans = append(spans, d.storeLabelValues(l, m)...)
	}
	spans = append(spans, d.locationColumnSpans()...)
	hits := d.locationsIn(spans, false)
	// verb last: "… worden in Nederland opgeslagen"
	for _, m := range d.verbLastLocations() {
		h := hitOf(m)
		if storePrepBeforeRe.MatchString(d.text[max(0, h.Start-20):h.Start]) &&
			storeVerbAfterRe.MatchString(d.text[h.End:min(len(d.text), h.End+40)]) && !d.inArticle(h.Start) {
			hits = append(hits, h)
		}
	}
	for _, m := range storeVerbRe.FindAllIn(d) {
		if d.inArticle(m[0]) {
			continue
		}
		after := d.locationsIn([][2]int{{m[1], min(len(d.text), m[1]+120)}}, false)
		if len(after) > 0 && storeGapRe.MatchString(d.text[m[1]:after[0].Start]) {
			hits = append(hits, after[0])
			// "opgeslagen in Nederland en de Verenigde Staten": every place of the enumeration
			for k := 1; k < len(after) && placeJoinRe.MatchString(d.text[after[k-1].End:after[k].Start]); k++ {
				hits = append(hits, after[k])
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Start < hits[j].Start })
	var out []locHit
	seen := map[int]bool{}
	conditional := map[[2]int]bool{} // by sentence: a list of places is one sentence
	for _, h := range hits {
		if seen[h.Start] {
			continue
		}
		seen[h.Start] = true
		s, e := d.sentenceAround(h.Start, h.End)
		c, ok := conditional[[2]int{s, e}]
		if !ok {
			c = conditionalRe.MatchString(d.text[s:e])
			conditional[[2]int{s, e}] = c
		}
		if c {
			continue
		}
		out = append(out, h)
	}
	return out, spans
}

// namedIn returns the lines of the spans that name the sub-processor
// ("Back-ups: Amazon Web Services, Frankfurt"): the places on them are
// where it stores the data.
func (d *doc) namedIn(name string, spans [][2]int) [][2]int {
	base := strings.ToLower(strings.TrimSpace(stripLegalForm(name)))
	if utf8.RuneCountInString(base) < 4 {
		return nil
	}
	var out [][2]int
	for _, sp := range spans {
		text := d.text[sp[0]:sp[1]]
		if isASCII(text) {
			text = d.lower()[sp[0]:sp[1]] // the same, without a copy
		} else {
			text = strings.ToLower(text)
		}
		for off := 0; ; {
			i := strings.Index(text[off:], base)
			if i < 0 {
				break
			}
			at := sp[0] + off + i
			ls, le := lineBounds(d.text, at)
			out = append(out, [2]int{max(ls, sp[0]), min(le, sp[1])})
			off += i + len(base)
		}
	}
	return out
}

// isASCII reports whether s is ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lineBounds returns the start and end of the line holding off.
func lineBounds(text string, off int) (int, int) {
	s := strings.LastIndexByte(text[:off], '\n') + 1
	e := strings.IndexByte(text[off:], '\n')
	if e < 0 {
		return s, len(text)
	}
	return s, off + e
}

// inArticle reports whether off lies in an Artikel of the model agreement
// (boilerplate about transfers, not the supplier's locations).
func (d *doc) inArticle(off int) bool {
	in := false
	for _, s := range d.outline {
		if off >= s.Start && off < s.End {
			in = s.Kind == SectionArticle
		}
	}
	return in
}

// storeLabelValues returns the ranges holding the value of a storage label on
// line l: the other cells of its row, the column below a header cell, the
// rest of the line, or the next non-empty line (with the bullets that
// continue it).
func (d *doc) storeLabelValues(l Line, m []int) [][2]int {
	cells := splitRow(l)
	if len(cells) >= 2 {
		col := -1
		for i, c := range cells {
			if c.Start <= l.Start+m[0] && l.Start+m[1] <= c.End {
				col = i
			}
		}
		if col < 0 {
			return nil
		}
		if col+1 < len(cells) && !isLabelRow(cells) {
			return [][2]int{{cells[col+1].Start, l.End}}
		}
		// a header cell: the column below it
		var out [][2]int
		for _, row := range d.tables(l.End, d.sectionEnd(l.End)) {
			if len(row.Cells) != len(cells) && len(row.Cells) <= col {
				continue
			}
			if col < len(row.Cells) {
				out = append(out, [2]int{row.Cells[col].Start, row.Cells[col].End})
			}
		}
		return out
	}
	rest := strings.TrimLeft(l.Text[m[1]:], " ")
	if i := strings.IndexByte(rest, ':'); i >= 0 && strings.TrimSpace(rest[i+1:]) != "" {
		return [][2]int{{l.End - len(rest) + i + 1, l.End}}
	}
	if !strings.HasSuffix(strings.TrimSpace(l.Text), ":") && utf8.RuneCountInString(strings.TrimSpace(l.Text)) > 100 {
		return [][2]int{{l.Start + m[1], l.End}} // a sentence: its own words
	}
	var out [][2]int
	marker := ""
	for _, n := range d.lines(l.End+1, min(len(d.text), l.End+2000)) {
		t := strings.TrimSpace(n.Text)
		if t == "" || t == "\f" {
			if len(out) > 0 {
				break
			}
			continue
		}
		mk := listMarkerRe.FindString(n.Text)
		if len(out) > 0 && (mk == "" || strings.TrimSpace(mk)[:1] != marker) {
			break
		}
		if len(out) == 0 && mk != "" {
			marker = strings.TrimSpace(mk)[:1]
		}
		out = append(out, [2]int{n.Start, n.End})
		if mk == "" {
			break
		}
	}
	return out
}

// isLabelRow reports whether every cell of a row is a short label.
func isLabelRow(cells []Cell) bool {
	for _, c := range cells {
		t := cleanLabel(c.Text)
		if utf8.RuneCountInString(t) > 80 || namesCountry(t) {
			return false
		}
	}
	return true
}

// locationsForStorage keeps the most specific mention of each country in
// each passage: "Eemshaven, Groningen, Nederland" gives Eemshaven and
// Groningen, not Nederland as well; a region stays.
func locationsForStorage(hits []locHit) []locHit {
	var out []locHit
	for i, h := range hits {
		if h.Kind == normalize.KindCountry || h.Kind == normalize.KindAdjective {
			specific := false
			for j, o := range hits {
				if j != i && o.Country == h.Country && o.Kind == normalize.KindPlace && absInt(o.Start-h.Start) < 40 {
					specific = true
				}
			}
			if specific {
				continue
			}
		}
		out = append(out, h)
	}
	return out
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// explainPlaces notes, for --explain, the places read for outside_eea and
// where they come from. Only what the document states counts; a provider's
// head office (the gazetteer's) never does.
func (d *doc) explainPlaces(origin string, hits []locHit) {
	if d.explain == nil {
		return
	}
	for _, h := range hits {
		if h.Country == "" {
			continue
		}
		where := "inside the EEA"
		if !normalize.InEEA(h.Country) {
			where = "OUTSIDE the EEA"
		}
		d.explain.note("outside_eea", "%s: %q (p.%d) → %s, %s", origin, h.Text, d.PageAt(h.Start).Number, h.Country, where)
	}
}

// legalFormNext reports whether s opens with a legal form as its first
// word (", Inc." after "Amazon Web Services"), so that an enumeration is
// not split before it.
func legalFormNext(s string) bool {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexAny(s, " ,;)"); i >= 0 {
		s = s[:i]
	}
	base, form := normalize.SplitLegalForm("X " + s)
	return form != "" && base == "X"
}

// articleName reports whether a name that opens with an article is an
// organisation's name all the same: it carries a legal form, or two
// capitalised words follow the article ("The Rocket Science Group LLC",
// not "The Processor", "Het bestuur").
func articleName(name string) bool {
	if _, form := normalize.SplitLegalForm(name); form != "" {
		return nameShaped(name)
	}
	words := strings.Fields(name)[1:]
	caps := 0
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	return caps >= 2 && nameShaped(name)
}

// outsideWords, just before a region of the EEA, place processing outside it.
var outsideWords = []string{"buiten de ", "buiten het ", "buiten ", "outside the ", "outside ", "beyond the "}

// negationWords in a sentence deny what it says ("Wij geven geen gegevens
// door buiten de EER").
var negationWords = []string{" geen ", " niet ", " nooit ", " not ", " no ", " never ", " nimmer "}

// outsideRegion reports whether the region mention h is the place of
// processing outside it — "buiten de EER verwerkt", "outside the EEA" — in
// a sentence that neither denies nor only supposes it.
func (d *doc) outsideRegion(h locHit) bool {
	before := strings.ToLower(d.text[max(0, h.Start-12):h.Start])
	found := false
	for _, w := range outsideWords {
		found = found || strings.HasSuffix(before, w)
	}
	if !found {
		return false
	}
	s, e := d.sentenceAround(h.Start, h.End)
	sent := " " + strings.ToLower(d.text[s:e]) + " "
	return !hasAny(sent, negationWords) && !conditionalRe.MatchString(d.text[s:e])
}
