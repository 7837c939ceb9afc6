package extract

import (
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/normalize"
)

// A table is classified by what its header row (or, for a key/value table,
// its first column) says: each header cell gets a column role from a
// vocabulary of words agreements use, and the mix of roles together with
// the section the table sits in says what the table is about. No heading
// wording is needed: "| Subverwerker | Locatie | Doel |", "| Partij |
// Vestigingsland | Dienst |" and "| Sub-processor | Country | Purpose |"
// are all tables of sub-processors; "| Activiteit | Doel | Grondslag |",
// "| Maatregel | Status |" and "| Certificering | Geldig tot |" are not.

// colRole is what a table column holds.
type colRole uint8

const (
	roleNone      colRole = iota
	roleOrg               // the organisation: naam, subverwerker, partij, leverancier
	rolePurpose           // what it does: doel, dienst, activiteit, omschrijving
	roleLocation          // where: land, locatie, vestiging, datacenter, regio
	roleData              // which personal data: gegevens, categorieën
	roleRetention         // bewaartermijn
	roleTransfer          // transfer mechanism: doorgifte, waarborg, SCC
	roleMeasure           // a security measure or control, its status
	roleCert              // a certification or standard
	roleActivity          // a processing activity (not an organisation)
	roleContact           // a person's contact details: telefoon, e-mail, functie
	roleSubject           // data subjects: betrokkenen
)

var colRoleNames = [...]string{"none", "organisation", "purpose", "location", "data", "retention", "transfer", "measure", "certification", "activity", "contact", "subjects"}

func (r colRole) String() string { return colRoleNames[r] }

// roleWords maps word stems (folded, lower case) to column roles; a header
// cell takes the role of its first word that has one, after the more
// specific roles (a certification's "naam" is no organisation). The order
// of roleOrder decides between roles of one cell.
var roleWords = map[colRole][]string{
	roleCert:      {"certific", "certificaat", "keurmerk", "norm", "iso", "standaard", "standard", "attest", "geldig"},
	roleMeasure:   {"maatregel", "measure", "control", "beheersmaatregel", "status", "voldaan", "implementatie"},
	roleActivity:  {"activiteit", "verwerkingsactiviteit", "handeling", "activity", "processing activit", "verwerking"},
	roleContact:   {"telefoon", "phone", "e mail", "email", "mailadres", "functie", "contactpersoon", "contact", "kvk", "kamer van koophandel", "vertegenwoordigd", "handtekening", "signature", "ondertekend"},
	roleRetention: {"bewaartermijn", "termijn", "retention", "bewaren"},
	roleTransfer:  {"doorgifte", "waarborg", "transfer", "safeguard", "mechanisme", "scc", "modelcontract", "grondslag doorgifte", "adequaat"},
	roleData:      {"persoonsgegevens", "gegevens", "categorie", "data categor", "personal data", "type data", "soort gegevens"},
	roleSubject:   {"betrokkene", "data subject"},
	roleLocation:  {"land", "landen", "locatie", "location", "vestiging", "datacent", "data cent", "opslaglocatie", "opslag", "regio", "region", "country", "countries", "plaats", "hosting locatie", "hostinglocatie", "adres", "address", "gevestigd", "zetel", "seat", "waar", "where", "hosted in", "based in"},
	rolePurpose:   {"doel", "purpose", "dienst", "service", "omschrijving", "description", "taak", "taken", "werkzaamheden", "rol", "role", "aard", "toepassing", "functionaliteit", "product", "toelichting", "waarvoor", "wat", "what", "used for", "activity"},
	roleOrg:       {"subverwerker", "subbewerker", "sub verwerker", "sub bewerker", "subprocessor", "sub processor", "naam", "name", "partij", "party", "leverancier", "organisatie", "organization", "organisation", "bedrijf", "bedrijfsnaam", "company", "vendor", "provider", "dienstverlener", "entiteit", "entity", "ontvanger", "recipient", "derde", "third part", "hulpverwerker", "verwerker", "processor", "supplier", "wie"},
}

// roleOrder is the order in which roles are tried on a header cell.
var roleOrder = []colRole{roleOrg, roleCert, roleMeasure, roleActivity, roleContact, roleRetention, roleTransfer, roleSubject, roleData, roleLocation, rolePurpose}

// subWords name a sub-processor as such.
var subWords = []string{"ingeschakelde partij", "derde partij", "third part", "subverwerk", "subbewerk", "sub verwerk", "sub bewerk", "subprocessor", "sub processor", "hulpverwerk", "onderaannemer", "sub contractor", "subcontractor"}

// cellRole returns the column role a header or label cell names. An
// organisation word wins only as the cell's head ("Naam subverwerker",
// "Subverwerker"), not as a modifier ("Naam certificaat", "Locatie
// verwerker", "Doel van de verwerker").
func cellRole(s string) colRole {
	f := normalize.Fold(s)
	if f == "" || len(f) > 80 {
		return roleNone
	}
	head := s
	if i := strings.IndexAny(head, "(,"); i > 0 {
		head = head[:i] // "Acme AG (Zwitserland)"
	}
	if _, form := normalize.SplitLegalForm(strings.TrimSpace(head)); form != "" {
		return roleNone // "Wolkbank Datacenters B.V." is a value, not a label
	}
	if i := nthSpace(f, 3); i > 0 {
		f = f[:i] // a label's role word comes first: "Land van opslag"
	}
	if hasAny(f, subWords) {
		// "Land van de subverwerker" is a location, "Subverwerker" an organisation
		if first := firstRole(f, true); first != roleNone && first != roleOrg {
			return first
		}
		return roleOrg
	}
	r := firstRole(f, false)
	if r == roleOrg {
		o := firstRole(f, true)
		switch {
		case o == roleCert || o == roleMeasure || o == roleActivity || o == roleContact:
			// "Naam certificaat", "Naam maatregel": the thing named decides
			return o
		case o != roleNone && (strings.HasPrefix(f, "naam ") || strings.HasPrefix(f, "name ")):
			// "Naam product", "Naam dienst": a name of something else
			return o
		}
	}
	return r
}

// firstRole returns the role of the earliest word of f that has one; with
// noOrg, organisation words are skipped. Of the stems that start at one
// word, the role that comes first in roleOrder wins.
func firstRole(f string, noOrg bool) colRole {
	stems := roleStems()
	for i := 0; i < len(f); i++ {
		if i > 0 && f[i-1] != ' ' {
			continue
		}
		best, rank := roleNone, len(roleOrder)
		for _, st := range stems[f[i]] {
			if st.rank < rank && !(noOrg && st.role == roleOrg) && strings.HasPrefix(f[i:], st.stem) {
				best, rank = st.role, st.rank
			}
		}
		if best != roleNone {
			return best
		}
	}
	return roleNone
}

// roleStem is a stem of roleWords with its role and the role's place in
// roleOrder.
type roleStem struct {
	stem string
	role colRole
	rank int
}

// roleStems returns the stems of roleWords by their first byte, built on
// first use.
var roleStems = sync.OnceValue(func() *[256][]roleStem {
	var at [256][]roleStem
	for rank, role := range roleOrder {
		for _, w := range roleWords[role] {
			at[w[0]] = append(at[w[0]], roleStem{w, role, rank})
		}
	}
	return &at
})

func hasAny(f string, words []string) bool {
	for _, w := range words {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// tableKind says what a table is about.
type tableKind uint8

const (
	tableOther    tableKind = iota
	tableSubs               // one sub-processor per row
	tableSubsKV             // key/value: a label column, a sub-processor per group of rows
	tableDecoy              // activities, measures, certifications, contacts: no organisations
	tableLocation           // where data is stored, without organisations
)

var tableKindNames = [...]string{"other", "sub-processors", "sub-processors (key/value)", "not about organisations", "storage locations"}

func (k tableKind) String() string { return tableKindNames[k] }

// tableInfo is a table with its classification.
type tableInfo struct {
	block   *corpus.Block
	kind    tableKind
	header  int       // header rows
	roles   []colRole // per column (of the header), or of the rows' labels for key/value
	nameCol int
	why     string
}

// classifyTable says what table b is about from its header row's column
// roles, its caption and the section it sits in (subSection: a heading
// above it is about sub-processing).
func classifyTable(d *doc, b *corpus.Block, subSection bool, sectionHeading string) tableInfo {
	t := b.Table
	ti := tableInfo{block: b, nameCol: -1}
	if t == nil || len(t.Rows) == 0 {
		return ti
	}
	caption := normalize.Fold(d.Slice(t.Caption))
	captionSub := hasAny(caption, subWords)
	// the header row: the one the ingestor marked, else the first row when
	// its cells name roles
	first := t.Rows[0]
	roles := make([]colRole, 0, len(first.Cells))
	named := 0
	explicitSub := false
	for _, c := range first.Cells {
		text := d.Slice(c.Span)
		r := cellRole(text)
		if r != roleNone {
			named++
		}
		if r == roleOrg && hasAny(normalize.Fold(text), subWords) {
			explicitSub = true
		}
		for len(roles) < c.Col {
			roles = append(roles, roleNone)
		}
		roles = append(roles, r)
	}
	isHeader := t.HeaderRows > 0 || len(first.Cells) >= 2 && named*2 >= len(first.Cells) && !rowNamesCountry(d, first)
	// a key/value table: two columns, labels with roles down the first
	if kv, why := keyValueTable(d, t); kv && named < 2 {
		ti.kind, ti.why = tableSubsKV, why
		if !subSection && !captionSub && !why2Sub(why) {
			ti.kind, ti.why = tableOther, "key/value rows, but no sub-processor label or section"
		}
		return ti
	}
	if !isHeader {
		ti.header = 0
		if (subSection || captionSub) && len(first.Cells) >= 1 && firstColumnNamesOrgs(d, t) {
			ti.kind, ti.nameCol, ti.why = tableSubs, 0, "no header row; first column in a sub-processor section"
		} else {
			ti.why = "no header row naming column roles, and no column of organisation names"
		}
		return ti
	}
	ti.header = max(t.HeaderRows, 1)
	ti.roles = roles
	count := map[colRole]int{}
	for i, r := range roles {
		count[r]++
		if r == roleOrg && ti.nameCol < 0 {
			ti.nameCol = i
		}
	}
	decoy := count[roleCert] > 0 || count[roleMeasure] > 0 || count[roleContact] > 0 ||
		count[roleActivity] > 0 && count[roleOrg] == 0
	switch {
	case decoy && !explicitSub:
		ti.kind, ti.why = tableDecoy, "header names "+decoyWhat(count)+", no sub-processor column"
	case count[roleOrg] > 0 && (explicitSub || subSection || captionSub):
		ti.kind, ti.why = tableSubs, "organisation column "+headerWhere(explicitSub, subSection, captionSub)
	case count[roleOrg] > 0 && count[roleLocation]+count[roleTransfer] >= 1 && !partySection(sectionHeading):
		ti.kind, ti.why = tableSubs, "organisation column with location/transfer columns"
	case count[roleOrg] > 0 && count[rolePurpose] >= 1 && !partySection(sectionHeading) && bodyNamesOrgs(d, t, ti.nameCol, ti.header):
		// "| Naam | Omschrijving |" lists products as often as companies: the names decide
		ti.kind, ti.why = tableSubs, "organisation column of company names with a purpose column"
	case count[roleOrg] == 0 && count[roleLocation] > 0 && subSection && count[rolePurpose] > 0:
		// "| Dienst | Locatie |" in a sub-processor section: the first column names them
		ti.kind, ti.nameCol, ti.why = tableSubs, 0, "first column in a sub-processor section with location column"
	case count[roleOrg] == 0 && count[roleLocation] > 0:
		ti.kind, ti.why = tableLocation, "location column without an organisation column"
	default:
		ti.why = "header names no organisation column"
	}
	return ti
}

func why2Sub(why string) bool { return strings.Contains(why, "sub-processor label") }

func headerWhere(explicit, section, caption bool) string {
	switch {
	case explicit:
		return "named as sub-processor"
	case caption:
		return "under a sub-processor caption"
	}
	return "in a sub-processor section"
}

func decoyWhat(count map[colRole]int) string {
	var parts []string
	for _, r := range []colRole{roleCert, roleMeasure, roleActivity, roleContact} {
		if count[r] > 0 {
			parts = append(parts, r.String())
		}
	}
	return strings.Join(parts, "/")
}

// partySection reports whether a heading is about the parties or their
// contacts: an organisation column there lists the parties themselves.
func partySection(heading string) bool {
	f := strings.Fields(normalize.Fold(heading) + " x")[0]
	for _, w := range []string{"partijen", "contact", "ondertekening", "ondergetekenden", "parties", "signature"} {
		if strings.HasPrefix(f, w) {
			return true // "Partijen", "Contactgegevens" — not "Welke partijen verwerken gegevens namens ons?"
		}
	}
	return false
}

// rowNamesCountry reports whether a row names a country in one of its cells
// (a data row, not a header).
func rowNamesCountry(d *doc, r corpus.Row) bool {
	for _, c := range r.Cells {
		if namesCountry(d.Slice(c.Span)) {
			return true
		}
	}
	return false
}

// keyValueTable reports whether t is a key/value table about
// sub-processors: (mostly) two columns whose first cells are labels with
// roles, among them an organisation label.
func keyValueTable(d *doc, t *corpus.Table) (bool, string) {
	if len(t.Rows) < 2 {
		return false, ""
	}
	labelled, org, sub := 0, 0, false
	for _, r := range t.Rows {
		if len(r.Cells) < 2 || len(r.Cells) > 3 {
			continue
		}
		label := d.Slice(r.Cells[0].Span)
		if len(strings.Fields(label)) > 15 {
			continue
		}
		role := cellRole(label)
		if role == roleNone {
			continue
		}
		labelled++
		if role == roleOrg {
			org++
			sub = sub || hasAny(normalize.Fold(label), subWords)
		}
	}
	if org == 0 || labelled*2 < len(t.Rows) || labelled < 2 {
		return false, ""
	}
	if sub {
		return true, "first column labels rows, with a sub-processor label"
	}
	return true, "first column labels rows, with an organisation label"
}

// nthSpace returns the index of the n-th space in f, or -1.
func nthSpace(f string, n int) int {
	for i := 0; i < len(f); i++ {
		if f[i] == ' ' {
			n--
			if n == 0 {
				return i
			}
		}
	}
	return -1
}

// firstColumnNamesOrgs reports whether at least half of a headerless
// table's first cells look like organisations: a legal form, a known
// provider or a domain name. A table of measures or answers under a
// sub-processor heading has none.
func firstColumnNamesOrgs(d *doc, t *corpus.Table) bool {
	return bodyNamesOrgs(d, t, 0, 0)
}

// bodyNamesOrgs reports whether at least half of the cells in column col
// below the header rows look like organisations.
func bodyNamesOrgs(d *doc, t *corpus.Table, col, header int) bool {
	orgs, rows := 0, 0
	for _, r := range t.Rows[min(header, len(t.Rows)):] {
		var cell *corpus.Cell
		for k := range r.Cells {
			if r.Cells[k].Col == col {
				cell = &r.Cells[k]
			}
		}
		if cell == nil {
			continue
		}
		rows++
		name := nameCell(d.cellOf(cell.Span)).Text
		_, form := normalize.SplitLegalForm(name)
		_, known := normalize.LookupProvider(name)
		if form != "" || known || domainRe.MatchString(name) {
			orgs++
		}
	}
	return rows > 0 && orgs*2 >= rows
}

// locationColumnSpans returns the cells of the location columns of the
// tables about where data is stored ("| Gegevens | Opslaglocatie |"): their
// places are storage locations.
func (d *doc) locationColumnSpans() [][2]int {
	var out [][2]int
	for _, ti := range d.classified {
		if ti.kind != tableLocation {
			continue
		}
		for _, r := range ti.block.Table.Rows[min(ti.header, len(ti.block.Table.Rows)):] {
			for _, c := range r.Cells {
				if c.Col < len(ti.roles) && ti.roles[c.Col] == roleLocation {
					out = append(out, [2]int{c.Start, c.End})
				}
			}
		}
	}
	return out
}
