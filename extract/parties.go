package extract

import (
	"strings"
	"unicode"

	"github.com/dpa-nl/dpa/normalize"
)

// Role words: how a party block names the supplier and the school after
// "hierna te noemen". Data, so a new wording is one entry.
var (
	processorRoles  = `Verwerker|Bewerker|Leverancier|Opdrachtnemer|Dienstverlener|Aanbieder|Processor`
	controllerRoles = `Onderwijsinstelling|Verwerkingsverantwoordelijke|Verantwoordelijke|School|Opdrachtgever|Instelling|Bestuur|Controller|Klant`
	// roleRe finds "hierna te noemen: “Verwerker”" (quotes, asterisks and
	// the colon optional; also "hierna: Verwerker", "hierna genoemd").
	// A short own name may come first ("hierna: “Acme” of “de Verwerker”").
	roleRe          = cued(normalize.Pattern(`(?i)(?:hierna|hereinafter)(?:\s+(?:te\s+)?noemen|\s+genoemd|\s+(?:referred\s+to\s+as|called))?\s*[:,]?\s*(?:[“”"'‘’*_]?\p{Lu}[^\n,;“”"'‘’]{0,40}[“”"'‘’*_]?\s+of\s+)??[“”"'‘’*_]?(?:de\s+|het\s+)?[“”"'‘’*_\s]*(` + processorRoles + `|` + controllerRoles + `)\b`))
	processorRoleRe = cued(normalize.Pattern(`(?i)^(?:` + processorRoles + `)$`))
	// partyItemRe starts an item of the party block: "1.", "2)", "-", or "en".
	partyItemRe = cued(normalize.Pattern(`(?m)^[ \t*]*(?:\(\d\)|\d[.)]|[-•]|[a-z][.)]|en\b[ \t]*$|en[ \t]+)`))
	// partyPrefixRe is the wording before a supplier's name: the role it
	// plays or its legal form spelt out ("De besloten vennootschap").
	partyPrefixRe = cued(normalize.Pattern(`(?i)^\s*(?:\(\d\)|\d[.)]|[-•]|[a-z][.)]|(?-i:[A-D])[.)][ \t])?[ \t*]*(?:[^,\n]{0,80}?\btussen\s+|en\s+)?(?:(?:de|het)\s+)?(?:(?:naam\s*:|besloten\s+vennootschap(?:\s+met\s+beperkte\s+aansprakelijkheid)?|naamloze\s+vennootschap|vennootschap\s+onder\s+firma|commanditaire\s+vennootschap|rechtspersoon|onderneming|bedrijf|firma|organisatie|leverancier(?:\s*/\s*distributeur)?|distributeur|verwerker|bewerker|uitgever|aanbieder|opdrachtnemer)(?:\s+naar\s+\S+\s+recht)?[\s,:]+)*`))
	// nameEndRe ends the name in a party item: where the address, the
	// registration or the role begins.
	nameEndRe = cued(normalize.Pattern(`(?i),?\s+(?:statutair\s+)?(?:a\s+(?:private|public)\s+|having\s+its|registered\s+(?:with|at|in|office|under)|with\s+(?:its\s+)?registered|located\s+at|gevestigd|kantoorhoudend|ingeschreven|geregistreerd|met\s+(?:KvK|maatschappelijke|adres|zetel|vestigingsadres|kantoor)|KvK|K\.v\.K|handelsregister|Kamer\s+van\s+Koophandel|hierna|te\s+dezen|vertegenwoordigd|is\s+aanbieder|de\s+rechtspersoon|te\s+\(?\d{4}|te\s+(?-i:\p{Lu})|aan\s+de\s+(?-i:\p{Lu}))|\s*\(`))
	// placeholderRe is template text left unfilled: <naam …>, [naam],
	// (naam + rechtsvorm …), ….., ____, Xxxxx.
	placeholderRe = cued(normalize.Pattern(`(?i)<[^<>\n]{0,80}>|\[[^\[\]\n]{0,80}\]|\((?:naam|adres|postcode|plaats|functie|brin|datum|nummer)[^()\n]{0,60}\)|…|\.{4,}|_{3,}|\bX{2,}x*\b|\bXx{3,}\b`))
	// cityRe is a city name as written, multi-word ("Alphen aan den Rijn")
	// and with an apostrophe of any kind ("'s-Gravenhage", "‘s-Hertogenbosch").
	cityRe = cued(normalize.Pattern(`^(?:['‘’` + "`" + `´]s(?:-\n?|\s)?\p{Lu}[\p{L}-]*|\p{Lu}[\p{L}'-]*(?:(?:[ \t\x{00A0}]+|-)(?:(?:aan|op|in|den|de|der|ter|bij|upon)\b|\p{Lu}[\p{L}-]*)|\n(?:aan|op|bij|upon)\b)*)`))
	// companyRe is a company name with its legal form ("Wolkenfabriek
	// Nederland B.V."), for documents without a party block.
	companyRe = cued(normalize.Pattern(`\p{Lu}[\p{L}\d.&'-]*(?:[ \t]+(?:\p{Lu}[\p{L}\d.&'-]*|van|de|der|den|en|voor|&))*[ \t,]+(?:B\.V\.?|BV|N\.V\.?|NV|v\.o\.f\.?|V\.O\.F\.|Ltd\.?|Limited|GmbH|Inc\.?|LLC|S\.A\.|SE)(?:[^\p{L}\d]|$)`))
	// supplierLabelRe labels the supplier in an annex's general information.
	supplierLabelRe = cued(normalize.Pattern(`(?i)\b(?:Naam\s+(?:van\s+de\s+)?(?:Verwerker|Bewerker|leverancier|aanbieder|onderneming|uitgever|opdrachtnemer)(?:\s+en\s+(?:vestigingsgegevens|adres))?|Leverancier|Aanbieder|Verwerker|Bewerker|Uitgever|Opdrachtnemer|Dienstverlener)\b\s*:?`))
	// genericNameWords are the words of a party clause that refer to a
	// school without naming it ("de Onderwijsinstelling als bedoeld in de
	// Gebruikersovereenkomst").
	genericNameWords = cued(normalize.Pattern(`(?i)\b(?:het|de|van|bevoegd|gezag|als|bedoeld|in|onder|zoals|die|dat|deze|` + controllerRoles + `|Onderwijsinstellingen|Gebruikersovereenkomst|Overeenkomst|Product-\s*en\s*Dienstenovereenkomst|Licentieovereenkomst|scholen|school|schoolbestuur|instelling|klant|afnemer|afneemt|afnemen|gebruikt|gebruiken)\b|\b[\p{L}\d]+-(?:diensten|dienst|producten|product|licentie|software)\b`))
)

// maxPartyBlock is how far (bytes) the role wordings of a party block
// without a heading may lie apart.
const maxPartyBlock = 2500

// partyItem is one party of the party block: its byte range and role.
type partyItem struct {
	start, end int
	role       string // "processor" or "controller"
}

// partyItems splits the party block into its parties and tells their
// roles from the "hierna te noemen" wording. Without a party block it
// looks for that wording in the first part of the text.
func partyItems(d *doc) []partyItem {
	start, end := 0, 0
	if s, ok := d.sectionOf(SectionParties); ok {
		// the clauses start after the heading line ("Partijen:", "tussen")
		start, end = min(lineEndAt(d.text, s.Start)+1, s.End), s.End
	} else {
		// No heading: the paragraphs around the first "hierna te noemen"
		// wordings near the top ("Deze overeenkomst wordt gesloten tussen …").
		limit := min(len(d.text), max(4000, len(d.text)/8))
		ms := roleRe.FindAllStringIndex(d.text[:limit], -1)
		if len(ms) == 0 {
			return nil
		}
		last := ms[0]
		for _, m := range ms[1:] {
			if m[0]-ms[0][0] > maxPartyBlock {
				break
			}
			last = m
		}
		start = max(strings.LastIndex(d.text[:ms[0][0]], "\n\n"), 0)
		end = lineEndAt(d.text, last[1])
	}
	if end <= start {
		return nil
	}
	block := d.text[start:end]
	cuts := []int{0}
	for _, m := range partyItemRe.FindAllStringIndex(block, -1) {
		cuts = append(cuts, m[0])
	}
	cuts = append(cuts, len(block))
	var out []partyItem
	for i := 0; i+1 < len(cuts); i++ {
		s, e := start+cuts[i], start+cuts[i+1]
		// One item may hold both parties ("X, hierna: Onderwijsinstelling,
		// en Y B.V., hierna: Verwerker"): each clause ends at its role.
		for s < e {
			m := roleRe.FindStringSubmatchIndex(d.text[s:e])
			if m == nil {
				break
			}
			cut := e
			if n := roleRe.FindStringIndex(d.text[s+m[1] : e]); n != nil {
				cut = s + m[1]
				for cut < e && strings.ContainsRune("”\"'’*_ ),;", rune(d.text[cut])) {
					cut++
				}
			}
			role := "controller"
			if processorRoleRe.MatchString(d.text[s+m[2] : s+m[3]]) {
				role = "processor"
			}
			out = append(out, partyItem{s, cut, role})
			s = cut
		}
	}
	return out
}

// extractParties sets processor.name/kvk/postcode/city and controller_filled.
func extractParties(d *doc, r *Record) {
	items := partyItems(d)
	controllerSeen := false
	for _, it := range items {
		if it.role == "controller" {
			filled, s, e := controllerNamed(d.text[it.start:it.end])
			r.ControllerFilled = filled
			d.cite(r, "controller_filled", it.start+s, it.start+e, 0.7)
			controllerSeen = true
			break
		}
	}
	if !controllerSeen {
		controllerFromTable(d, r)
	}
	for _, it := range items {
		if it.role == "processor" && supplierFrom(d, r, it.start, it.end, 0.9) {
			break
		}
	}
	if r.Processor.Name == nil {
		supplierFromPartyTable(d, r)
	}
	if r.Processor.Name == nil {
		// A stand-alone annex: the supplier label of its general information.
		for _, v := range d.labelValues(0, len(d.text), supplierLabelRe, 0) {
			if supplierFrom(d, r, v.Start, lineEndAt(d.text, v.End), 0.75) {
				// the label block goes on with the address and KvK number
				blockEnd := labelBlockEnd(d.text, lineEndAt(d.text, v.End))
				addressFrom(d, r, v.End, blockEnd, 0.7)
				kvkIn(d, r, v.End, blockEnd, 0.7)
				break
			}
		}
	}
	if r.Processor.Name == nil {
		supplierFromTitle(d, r)
	}
	if r.Processor.Name == nil {
		supplierFromWeAre(d, r)
	}
	if r.Processor.Name == nil || r.Processor.Postcode == nil || r.Processor.KvK == nil {
		supplierFromImprint(d, r)
	}
	if r.Processor.Name == nil {
		firstAnnexCompany(d, r)
	}
	if r.Processor.Postcode == nil || r.Processor.City == nil {
		// the contact details of the annex may hold the address
		for _, s := range d.sectionByTitle(contactSectionRe) {
			addressFrom(d, r, s.Start, s.End, 0.6)
			if r.Processor.Postcode != nil {
				break
			}
		}
	}
	if r.Processor.KvK == nil && r.Processor.Name != nil {
		kvkNearName(d, r)
	}
	if r.ControllerFilled && r.Processor.Name != nil {
		// "the school board that uses the services of Leerlab" names the
		// supplier, not the school
		for _, it := range items {
			if it.role == "controller" {
				base, _ := normalize.SplitLegalForm(*r.Processor.Name)
				clause := d.text[it.start:it.end]
				if len(base) >= 3 {
					clause = strings.ReplaceAll(clause, base, strings.Repeat(" ", len(base)))
				}
				r.ControllerFilled, _, _ = controllerNamed(clause)
				break
			}
		}
	}
	supplierDetailsFromLabels(d, r)
}

// contactSectionRe is the title of an annex's section of contact details.
var contactSectionRe = normalize.Pattern(`(?i)contactgegevens|vestigingsgegevens|adres`)

var (
	// kvkLabelRe labels a KvK number: "KvK-nummer:", "KvK nr.", "Kamer van
	// Koophandel:", "Chamber of Commerce number".
	kvkLabelRe = cued(normalize.Pattern(`(?i)\b(?:KvK|K\.v\.K\.|Kamer\s+van\s+Koophandel|Chamber\s+of\s+Commerce|handelsregister)(?:[\s-]*(?:nummer|nr\.?|no\.?|number|registratie))?\b\s*:?`))
	// kvkValueRe is a labelled KvK number: eight digits, maybe grouped.
	kvkValueRe = mustCued(`^[\s*]*(\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2})\b`)
	// addressLabelRe labels an address: "Adres:", "Vestigingsadres",
	// "Postcode en plaats", "Address".
	addressLabelRe = cued(normalize.Pattern(`(?i)\b(?:(?:vestigings|bezoek|post|kantoor)?adres(?:gegevens)?|postcode(?:\s+en\s+(?:woon|vestigings)?plaats)?|vestigingsplaats|address)\b\s*:?`))
)

// supplierDetailsBlock is how far after a mention of the supplier's name
// its labelled details are looked for.
const supplierDetailsBlock = 800

// supplierDetailsFromLabels fills the KvK number, postcode and city still
// unset from labelled values that follow a mention of the supplier's name
// — "KvK-nummer: 12345678", "Adres: Markt 3, 1234 AB Stad", a key/value
// table row "Postcode en plaats | 1234 AB Stad" — as annexes and privacy
// pages give them. Only near the supplier's name, so the school's own
// address block is not taken for it.
func supplierDetailsFromLabels(d *doc, r *Record) {
	p := &r.Processor
	if p.Name == nil || p.KvK != nil && p.Postcode != nil && p.City != nil {
		return
	}
	base, _ := normalize.SplitLegalForm(*p.Name)
	if len(base) < 3 {
		return
	}
	for off, n := 0, 0; n < 20; n++ {
		i := strings.Index(d.text[off:], base)
		if i < 0 {
			return
		}
		start := off + i
		end := min(len(d.text), start+len(base)+supplierDetailsBlock)
		if p.KvK == nil {
			for _, v := range d.labelValues(start, end, kvkLabelRe, 0) {
				if m := kvkValueRe.FindStringSubmatchIndex(v.Text); m != nil {
					k := strings.NewReplacer(" ", "", ".", "").Replace(v.Text[m[2]:m[3]])
					p.KvK = &k
					d.cite(r, "processor.kvk", v.Start+m[2], v.Start+m[3], 0.6)
					break
				}
			}
		}
		if p.Postcode == nil || p.City == nil {
			for _, v := range d.labelValues(start, end, addressLabelRe, 0) {
				addressFrom(d, r, v.Start, v.End, 0.6)
				if p.Postcode != nil && p.City != nil {
					break
				}
			}
		}
		if p.KvK != nil && p.Postcode != nil && p.City != nil {
			return
		}
		off = start + len(base)
	}
}

// lineEndAt returns the offset of the end of the line holding off.
func lineEndAt(text string, off int) int {
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(text)
}

// supplierFrom reads the supplier's name, KvK number, postcode and city
// from the clause [start, end) and reports whether it found a name.
func supplierFrom(d *doc, r *Record, start, end int, conf float64) bool {
	clause := d.text[start:end]
	p := partyPrefixRe.FindStringIndex(clause)
	ns := 0
	if p != nil {
		ns = p[1]
	}
	region := clause[ns:]
	ne := len(region)
	if m := nameEndRe.FindStringIndex(region); m != nil {
		ne = m[0]
	}
	region = region[:ne]
	// Without a cue ending the name, a comma does, unless a legal form
	// follows it ("X, vereniging van … B.V.").
	if lf, _ := normalize.LegalFormAt(region); lf > 0 {
		ne = lf
	} else if c := strings.IndexAny(region, ",\n"); c >= 0 {
		ne = c // also an address on the next lines
	}
	name := strings.TrimRight(region[:min(ne, len(region))], " \t\n,;:*")
	name = strings.TrimLeft(name, " \t\n*“\"'")
	nameStart := start + ns + strings.Index(clause[ns:], name)
	if name == "" || placeholderRe.MatchString(name) || !startsUpper(name) || len(name) > 160 || !namesAParty(name) {
		return false
	}
	value := strings.Join(strings.Fields(name), " ") // a name wrapped over lines
	r.Processor.Name = &value
	d.cite(r, "processor.name", nameStart, nameStart+len(name), conf)
	rest := nameStart + len(name)
	if m := normalize.KvKPattern.FindStringSubmatchIndex(d.text[start:end]); m != nil {
		if k, err := normalize.KvK(d.text[start+m[2] : start+m[3]]); err == nil || len(strings.Trim(d.text[start+m[2]:start+m[3]], " .")) >= 8 {
			if k == "" {
				k = strings.NewReplacer(" ", "", ".", "").Replace(d.text[start+m[2] : start+m[3]])
			}
			r.Processor.KvK = &k
			d.cite(r, "processor.kvk", start+m[0], start+m[1], conf)
		}
	}
	addressFrom(d, r, rest, end, conf)
	return true
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

// cityStopRe is a label word that ends a city name run together with the
// next label.
var cityStopRe = cued(normalize.Pattern(`\s+(?:KvK|K\.v\.K|Kamer|Tel|Telefoon|Telefoonnummer|E-?mail|Website|Product|Producten|Dienst|Diensten|Contact|Postbus|BTW|IBAN|Vestigingsnummer|Handelsregister)\b`))

// cityAfterTeRe finds "gevestigd te Rijssen" where no postcode is given.
var cityAfterTeRe = cued(normalize.Pattern(`(?i)(?:gevestigd|kantoorhoudende|vestigingsplaats|zetel)[^,.\n]{0,40}?\b(?:te|in)\s+`))

// addressFrom sets the postcode and city from [start, end) where they
// are still unset: the city follows the postcode ("te (7461 AD) Rijssen",
// "2516AB, ‘s-Gravenhage") or "gevestigd te".
// addressPostcodeRe is a postcode in an address: normalize.PostcodePattern,
// or its digits at a line end and its capitals starting the next line, as
// a PDF wraps "te 5211⏎KY 's-Hertogenbosch".
var addressPostcodeRe = mustCued(normalize.PostcodePattern.String() + `|\b[1-9]\d{3}[ \t]*\n[ \t]*[A-Z]{2}\b`)

func addressFrom(d *doc, r *Record, start, end int, conf float64) {
	seg := d.text[start:end]
	for _, m := range addressPostcodeRe.FindAllStringSubmatchIndex(seg, -1) {
		pc, err := normalize.Postcode(strings.Replace(seg[m[0]:m[1]], "\n", " ", 1))
		if err != nil || placeholderRe.MatchString(seg[max(0, m[0]-1):min(len(seg), m[1]+1)]) {
			continue
		}
		if r.Processor.Postcode == nil {
			r.Processor.Postcode = &pc
			d.cite(r, "processor.postcode", start+m[0], start+m[1], conf)
		}
		skip := func(r rune) bool { return unicode.IsSpace(r) || r == ')' || r == ',' }
		after := len(seg) - len(strings.TrimLeftFunc(seg[m[1]:], skip))
		if strings.HasPrefix(seg[after:], "te") {
			if t := strings.TrimLeftFunc(seg[after+2:], unicode.IsSpace); len(t) < len(seg[after+2:]) {
				after = len(seg) - len(t)
			}
		}
		if r.Processor.City == nil {
			if c := cityAt(seg[after:]); c != "" {
				r.Processor.City = &c
				d.cite(r, "processor.city", start+after, start+after+len(c), conf)
			}
		}
		return
	}
	if r.Processor.City == nil {
		if m := cityAfterTeRe.FindStringIndex(seg); m != nil {
			if c := cityAt(seg[m[1]:]); c != "" {
				r.Processor.City = &c
				d.cite(r, "processor.city", start+m[1], start+m[1]+len(c), conf*0.9)
			}
		}
	}
}

// cityAt returns the city name at the start of s, "" when none.
// apostropheSRe is "'s" glued to the capital of a place name.
var apostropheSRe = mustCued(`^(['‘’` + "`" + `´]s)\p{Lu}`)

func cityAt(s string) string {
	c := cityRe.FindString(s)
	if m := apostropheSRe.FindStringSubmatchIndex(c); m != nil {
		// "'sHertogenbosch": a PDF dropped the hyphen where the line
		// broke after "'s-"; the place is written "'s-Hertogenbosch"
		c = c[:m[3]] + "-" + c[m[3]:]
	}
	// a label that follows on the same line is no part of the city
	// ("Kampen KvK-nummer: …" where a layout ran label lines together)
	if m := cityStopRe.FindStringIndex(c); m != nil {
		c = c[:m[0]]
	}
	// a name wrapped at a line end ("Capelle" / "aan den IJssel") is
	// written with a space; the length, and so the evidence, stays
	c = strings.ReplaceAll(c, "-\n", "-") // "'s-⏎Hertogenbosch"
	c = strings.ReplaceAll(c, "\n", " ")
	// trailing connector words belong to what follows ("Utrecht en")
	for {
		i := strings.LastIndexAny(c, " -")
		if i < 0 {
			break
		}
		w := strings.ToLower(c[i+1:])
		if w == "aan" || w == "op" || w == "in" || w == "den" || w == "de" || w == "der" || w == "ter" || w == "bij" || w == "" {
			c = c[:i]
			continue
		}
		break
	}
	if len(c) < 2 {
		return ""
	}
	return c
}

// firstAnnexCompany takes the first company name with a legal form in the
// first section of the text's first annex (or its opening), for an annex
// that names its supplier only in passing ("X B.V., de rechtspersoon
// waaronder … valt").
func firstAnnexCompany(d *doc, r *Record) {
	end := min(len(d.text), 6000)
	for _, s := range d.outline {
		if s.Kind == SectionLetter {
			end = s.End
			break
		}
	}
	var m []int
	for _, c := range companyRe.FindAllStringIndex(d.text[:end], 8) {
		if !d.inSubSection(c[0]) { // a privacy page's first company is often a sub-processor
			m = c
			break
		}
	}
	if m == nil {
		return
	}
	name := strings.TrimRight(d.text[m[0]:m[1]], " ,;:)(\n")
	if lf, _ := normalize.LegalFormAt(name); lf > 0 {
		name = name[:lf]
	}
	value := strings.Join(strings.Fields(name), " ")
	r.Processor.Name = &value
	d.cite(r, "processor.name", m[0], m[0]+len(name), 0.5)
	// the name may head an address block (street, postcode and city, KvK
	// on the lines below it)
	blockEnd := labelBlockEnd(d.text, lineEndAt(d.text, m[0]+len(name)))
	addressFrom(d, r, m[0]+len(name), blockEnd, 0.5)
	kvkIn(d, r, m[0]+len(name), blockEnd, 0.5)
}

// blockHeadingRe is a line that opens a new section of an annex.
var blockHeadingRe = cued(normalize.Pattern(`^(?:#+\s*)?(?:[A-H][.)]\s|\d{1,2}[.)]\s+\p{Lu}|(?i:artikel|bijlage)\s)`))

// labelBlockEnd returns where the block of label lines that continues at
// off ends: at the first blank line or heading, at most a few lines on.
func labelBlockEnd(text string, off int) int {
	end := off
	for i := 0; i < 8 && end < len(text); i++ {
		next := lineEndAt(text, min(end+1, len(text)))
		line := strings.TrimSpace(text[min(end+1, len(text)):next])
		if line == "" || blockHeadingRe.MatchString(line) {
			break
		}
		end = next
	}
	return end
}

// kvkIn sets the KvK number from a KvK cue in [start, end) if still unset.
func kvkIn(d *doc, r *Record, start, end int, conf float64) {
	if r.Processor.KvK != nil {
		return
	}
	if m := normalize.KvKPattern.FindStringIndex(d.text[start:end]); m != nil {
		if k, err := normalize.KvK(d.text[start+m[0] : start+m[1]]); err == nil {
			r.Processor.KvK = &k
			d.cite(r, "processor.kvk", start+m[0], start+m[1], conf)
		}
	}
}

// kvkNearName looks for a KvK number on a line that names the supplier.
func kvkNearName(d *doc, r *Record) {
	base, _ := normalize.SplitLegalForm(*r.Processor.Name)
	if len(base) < 3 {
		return
	}
	for _, l := range d.lines(0, len(d.text)) {
		if !strings.Contains(l.Text, base) {
			continue
		}
		if m := normalize.KvKPattern.FindStringSubmatchIndex(l.Text); m != nil {
			if k, err := normalize.KvK(l.Text[m[0]:m[1]]); err == nil {
				r.Processor.KvK = &k
				d.cite(r, "processor.kvk", l.Start+m[0], l.Start+m[1], 0.6)
				return
			}
		}
	}
}

// controllerNamed reports whether a controller clause names the school
// board, and the span of the clause's first line for evidence. A
// placeholder or only generic words ("het bevoegd gezag van de
// Onderwijsinstelling als bedoeld in de Gebruikersovereenkomst") is not a name.
func controllerNamed(clause string) (bool, int, int) {
	s := len(clause) - len(strings.TrimLeft(clause, " \t\n"))
	e := s + len(firstLine(clause[s:]))
	region := clause[s:e]
	if p := partyPrefixRe.FindStringIndex(region); p != nil {
		region = region[p[1]:]
	}
	if m := nameEndRe.FindStringIndex(region); m != nil {
		region = region[:m[0]]
	}
	if c := strings.IndexByte(region, ','); c >= 0 {
		region = region[:c]
	}
	if placeholderRe.MatchString(region) {
		return false, s, e
	}
	rest := genericNameWords.ReplaceAllString(region, " ")
	for _, w := range strings.Fields(rest) {
		w = strings.Trim(w, `“”"'‘’*:.()`)
		if w != "" && startsUpper(w) {
			return true, s, e
		}
	}
	return false, s, e
}

// controllerRoleCellRe is a table cell holding only the school's role.
var controllerRoleCellRe = cued(normalize.Pattern(`(?i)^(?:` + controllerRoles + `)$`))

// controllerFromTable reads controller_filled from a party table near the
// top ("Partij | Rol | Naam | Adres"): the cell after the one naming the
// school's role holds its name.
func controllerFromTable(d *doc, r *Record) {
	limit := min(len(d.text), 4000)
	for _, l := range d.lines(0, limit) {
		if !strings.Contains(l.Text, "|") {
			continue
		}
		cells := strings.Split(l.Text, "|")
		off := 0
		for i, c := range cells {
			if i+1 < len(cells) && controllerRoleCellRe.MatchString(strings.TrimSpace(c)) {
				nameOff := off + len(c) + 1
				filled, s, e := controllerNamed(cells[i+1])
				r.ControllerFilled = filled
				d.cite(r, "controller_filled", l.Start+nameOff+s, l.Start+nameOff+e, 0.6)
				return
			}
			off += len(c) + 1
		}
	}
}
