package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/normalize"
)

// The supplier where no "hierna te noemen" party block names it: a party
// table with a role column, a title that names the company, or a privacy
// statement's "Wij zijn …" sentence. A table's header row, a heading or a
// generic noun is never a supplier (namesAParty).

var (
	// partyColumnRe is the header of the column that holds a party's name.
	partyColumnRe = cued(normalize.Pattern(`(?i)^(?:naam|name|partij|party|bedrijf(?:snaam)?|organisatie|onderneming|rechtspersoon|company)$`))
	// processorCellRe is a table cell that holds only the supplier's role.
	processorCellRe = cued(normalize.Pattern(`(?i)^(?:de\s+)?(?:` + processorRoles + `|supplier)$`))
	// notNameRe is a value that names no party: a column or section name,
	// a role, a number.
	notNameRe = cued(normalize.Pattern(`(?i)^(?:partij(?:en)?|parties|naam|name|adres|address|rol|role|gegevens|details|versie|version|datum|date|wijziging|omschrijving|beschrijving|toelichting|algemene\s+informatie|contactgegevens|vestigingsgegevens|ondertekening|handtekening|` + processorRoles + `|` + controllerRoles + `|[\d\s.,)(-]+)$`))
	// weAreRe is how a privacy statement names its author: "Wij zijn
	// Kwartelkompas B.V.", "We are …", "Deze privacyverklaring is van …".
	weAreRe = cued(normalize.Pattern(`(?i)\b(?:wij|we)\s+(?:zijn|are)\s+|\bprivacy(?:verklaring|statement|beleid)\s+(?:is\s+)?van\s+`))
	// responsibleRe is the common opening of a privacy statement: "X B.V.,
	// gevestigd aan …, is verantwoordelijk voor de verwerking van
	// persoonsgegevens", "X is responsible for".
	// statementEndRe ends a sentence of a statement: a full stop before a capital, or a
	// blank line.
	statementEndRe = cued(normalize.Pattern(`\.\s+\p{Lu}|\n\s*\n`))
	responsibleRe  = cued(normalize.Pattern(`(?i),?\s+is\s+(?:de\s+)?(?:verantwoordelijke?|verwerkingsverantwoordelijke|responsible)\s+(?:voor|for)\b`))
)

// namesAParty reports whether a supplier name read from a clause, cell or
// label names a party rather than a table row, a heading or a generic noun.
func namesAParty(name string) bool {
	if strings.ContainsAny(name, "|\t") || notNameRe.MatchString(strings.Trim(name, " *:.“”\"'")) {
		return false
	}
	rest := genericNameWords.ReplaceAllString(name, " ")
	for _, w := range strings.Fields(rest) {
		w = strings.Trim(w, `“”"'‘’*:.(),`)
		if w != "" && startsUpper(w) && !processorRoleRe.MatchString(w) {
			return true
		}
	}
	return false
}

// supplierFromPartyTable reads the supplier from a party table near the
// top ("| Partij | Naam | Adres | Rol |"): in the row whose role cell says
// Verwerker (Leverancier, Processor …), the cell of the name column, or
// else the first cell that names a party; the row's other cells give the
// address and KvK number.
func supplierFromPartyTable(d *doc, r *Record) {
	limit := min(len(d.text), 6000)
	for _, b := range d.blocks() {
		if b.Start >= limit {
			break
		}
		if b.Kind != corpus.BlockTable || b.Table == nil {
			continue
		}
		nameCol := -1
		for _, c := range b.Table.Header() {
			if partyColumnRe.MatchString(strings.Trim(d.Slice(c.Span), " *:")) {
				nameCol = c.Col
			}
		}
		for _, row := range b.Table.Body() {
			role := -1
			for _, c := range row.Cells {
				if processorCellRe.MatchString(strings.Trim(d.Slice(c.Span), " *:“”\"")) {
					role = c.Col
				}
			}
			if role < 0 {
				continue
			}
			cells := row.Cells
			if c, ok := row.CellAt(nameCol); ok && c.Col != role {
				cells = []corpus.Cell{c}
			}
			for _, c := range cells {
				if c.Col == role || c.Empty() {
					continue
				}
				if supplierFrom(d, r, c.Start, c.End, 0.8) {
					addressFrom(d, r, c.End, row.End, 0.7)
					kvkIn(d, r, c.Start, row.End, 0.7)
					return
				}
			}
		}
	}
}

// supplierFromTitle reads the supplier from a title that names a company
// after the kind of document: "Verwerkersovereenkomst Zonnewijzer B.V.".
func supplierFromTitle(d *doc, r *Record) {
	title, ok := d.sectionOf(SectionTitle)
	if !ok {
		return
	}
	line := firstLine(d.text[title.Start:title.End])
	m := titleProductRe.FindStringIndex(line)
	if m == nil {
		return
	}
	rest := line[m[1]:]
	if lf, _ := normalize.LegalFormAt(rest); lf <= 0 {
		// a title wrapped over two lines ("Verwerkersovereenkomst Zonnewijzer"
		// / "Leerplatform B.V.")
		next := strings.TrimRight(firstLine(d.text[min(title.Start+len(line)+1, title.End):title.End]), " \t")
		if lf, _ := normalize.LegalFormAt(next); next == "" || lf <= 0 || utf8.RuneCountInString(next) > 60 {
			return // a product, not a company
		}
		rest = line[m[1]:] + "\n" + next
	}
	start := title.Start + m[1]
	supplierFrom(d, r, start, start+len(rest), 0.7)
}

// supplierFromWeAre reads the supplier from a privacy statement's "Wij
// zijn Kwartelkompas B.V., gevestigd …" or "Speelwerk Studio B.V.,
// gevestigd aan …, is verantwoordelijk voor de verwerking …" in the first
// part of the text.
func supplierFromWeAre(d *doc, r *Record) {
	limit := min(len(d.text), 4000)
	for _, m := range responsibleRe.FindAllStringIndex(d.text[:limit], -1) {
		start := strings.LastIndexByte(d.text[:m[0]], '\n') + 1
		if s := strings.LastIndex(d.text[start:m[0]], ". "); s >= 0 {
			start += s + 2
		}
		if supplierFrom(d, r, start, m[0], 0.7) {
			kvkIn(d, r, start, m[0], 0.7)
			return
		}
	}
	for _, m := range weAreRe.FindAllStringIndex(d.text[:limit], -1) {
		// the sentence, which a PDF may wrap over lines
		end := min(len(d.text), m[1]+400)
		if e := statementEndRe.FindStringIndex(d.text[m[1]:end]); e != nil {
			end = m[1] + e[0] + 1
		}
		if supplierFrom(d, r, m[1], end, 0.7) {
			kvkIn(d, r, m[1], end, 0.7)
			return
		}
	}
}

// imprintLeadRe is what may open a web page's imprint line before the
// company's name: a copyright sign or word and a year.
var imprintLeadRe = normalize.Pattern(`^[\s*_]*(?:(?:©|\(c\)|Copyright)\s*)?(?:(?:19|20)\d\d\s*)?`)

// supplierFromImprint reads the supplier from a page's imprint or footer:
// one line that opens with a company and its legal form and goes on, after
// a separator, with its address and KvK number ("Zeeklok B.V. · Spaarne
// 12, 2011 CH Haarlem · KvK 84512377", "Acme B.V. | Straat 3 | 1271 AD
// Huizen | KvK 12345678"). Where the supplier is known already, an imprint
// of the same company gives its address and KvK number when they are
// still unset.
func supplierFromImprint(d *doc, r *Record) {
	for _, m := range kvkLabelRe.FindAllIn(d) {
		ls, le := lineBounds(d.text, m[0])
		line := d.text[ls:le]
		start := ls + len(imprintLeadRe.FindString(line))
		rest := d.text[start:le]
		lf, form := normalize.LegalFormAt(rest)
		if form == "" || lf > 80 || lf >= len(rest) || !startsUpper(rest) {
			continue
		}
		name := strings.TrimSpace(rest[:lf])
		after := strings.TrimLeft(rest[lf:], " ")
		if sep, _ := utf8.DecodeRuneInString(after); after == "" || !strings.ContainsRune("·|,–-•", sep) || strings.Count(name, " ") > 5 {
			continue
		}
		if r.Processor.Name == nil {
			if supplierFrom(d, r, start, le, 0.7) {
				kvkIn(d, r, start, le, 0.7)
				return
			}
			continue
		}
		if normalize.Fold(stripLegalForm(name)) != normalize.Fold(stripLegalForm(*r.Processor.Name)) {
			continue
		}
		if r.Processor.Postcode == nil || r.Processor.City == nil {
			addressFrom(d, r, start+lf, le, 0.7)
		}
		if r.Processor.KvK == nil {
			kvkIn(d, r, start+lf, le, 0.7)
		}
		return
	}
}
