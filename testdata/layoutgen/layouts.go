package layoutgen

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// Layout is one way of writing an agreement down. The zero value of each
// field is the plain text-export style of a Model 4.0 agreement (party
// block in prose, retention in an article, a Model 4.0 sub-processor
// table); a layout changes what it is about.
type Layout struct {
	// Name identifies the layout in file and test names.
	Name string
	// Heading is the sub-processor section's heading as written; one
	// starting with "Bijlage" becomes an annex of its own.
	Heading string
	// Subprocessors writes the sub-processor section's body.
	Subprocessors func(b *builder, a *Agreement)
	// Supplier writes the supplier's details, KvK and address; nil keeps
	// them in the party block.
	Supplier func(b *builder, a *Agreement)
	// RetentionTable writes retention periods as a table in the annex
	// instead of sentences in an article.
	RetentionTable bool
	// Decoy writes a table next to the sub-processors that names none.
	Decoy func(b *builder, a *Agreement)
	// Count is how many sub-processors to invent (0: two to five).
	Count int
	// AllEEA keeps every sub-processor inside the EEA.
	AllEEA bool
	// Markdown writes the text format as Markdown.
	Markdown bool
	// English writes headings and table headers in English.
	English bool
	// Web writes a supplier's privacy page instead of an agreement.
	Web bool
	// Products says where the agreement names its products.
	Products ProductNaming
}

// ProductNaming says where an agreement names its products.
type ProductNaming int

// The places products are named in.
const (
	// ProductEverywhere names them in the title, the articles, the annex
	// heading and its information table.
	ProductEverywhere ProductNaming = iota
	// ProductTitle names them in the title only.
	ProductTitle
	// ProductLabel names them in a "Dienst:" label of the annex only.
	ProductLabel
	// ProductDefinition names them in an article's "(hierna: 'de Dienst')"
	// definition only.
	ProductDefinition
)

// Layouts are the layouts the tests render; add one in a line or two.
var Layouts = append([]Layout{
	{Name: "model4-table", Heading: "H. Subverwerkers", Subprocessors: subTable(colName("Naam Subverwerker"), colCity("Vestigingsplaats"), colPurpose("Soort Verwerking"), colCountry("Locatie van verwerking"))},
	{Name: "markdown-pipe", Markdown: true, Heading: "Subverwerkers", Subprocessors: subTable(colName("Subverwerker"), colPlace("Locatie"), colPurpose("Doel"))},
	{Name: "bars-table", Heading: "Overzicht sub-verwerkers", Subprocessors: barsTable(colName("Naam"), colPurpose("Doel"), colCountry("Land"))},
	{Name: "keyvalue-table", Heading: "Sub-verwerkers", Subprocessors: subKeyValue, Supplier: supplierKeyValue},
	{Name: "bullets", Heading: "Derden die wij inschakelen", Subprocessors: subBullets},
	{Name: "numbered-list", Heading: "Inschakeling van subverwerkers", Subprocessors: subNumbered},
	{Name: "prose", Heading: "Bijlage 3 – Lijst van subverwerkers", Subprocessors: subProse},
	{Name: "label-blocks", Heading: "Subverwerkers", Subprocessors: subLabels, Supplier: supplierLabels},
	{Name: "tab-aligned", Heading: "Lijst van subverwerkers", Subprocessors: subTabbed},
	{Name: "split-table", Heading: "Subverwerkers en locaties", Count: 14, Subprocessors: splitTable(8, colName("Subverwerker"), colPurpose("Verwerking"), colPlace("Locatie"))},
	{Name: "decoy-activities", Heading: "Subverwerkers", Decoy: decoyActivities, Subprocessors: subTable(colName("Naam"), colCountry("Land"), colPurpose("Doel"))},
	{Name: "decoy-certifications", Heading: "Subverwerkers", Subprocessors: withDecoy(subTable(colName("Partij"), colPlace("Vestiging"), colPurpose("Dienst")), decoyCertifications)},
	{Name: "decoy-measures", Heading: "Subverwerkers", Decoy: decoyMeasures, Subprocessors: subTable(colName("Subverwerker"), colPurpose("Doel"), colCountry("Land van verwerking"))},
	{Name: "web-privacy", Web: true, Heading: "Derden die wij inschakelen", Subprocessors: subBullets},
	{Name: "english", English: true, Heading: "Sub-processors", Subprocessors: subTable(colName("Sub-processor"), colCountryEN("Location"), colPurpose("Purpose"))},
	{Name: "product-title", Products: ProductTitle, Heading: "Subverwerkers", Subprocessors: subTable(colName("Naam"), colPlace("Locatie"), colPurpose("Doel"))},
	{Name: "product-label", Products: ProductLabel, Heading: "Subverwerkers", Subprocessors: subTable(colName("Naam"), colPlace("Locatie"), colPurpose("Doel"))},
	{Name: "product-definition", Products: ProductDefinition, Heading: "Subverwerkers", Subprocessors: subTable(colName("Naam"), colPlace("Locatie"), colPurpose("Doel"))},
	{Name: "markdown-labels", Markdown: true, Heading: "Subverwerkers", Subprocessors: subLabels, Supplier: supplierLabels},
	{Name: "city-only", Heading: "Subverwerkers", Subprocessors: subTable(colName("Naam Subverwerker"), colCity("Vestigingsplaats"), colPurpose("Doel"))},
	{Name: "retention-table", Heading: "Subverwerkers", RetentionTable: true, AllEEA: true, Subprocessors: subTable(colName("Naam Subverwerker"), colPlace("Locatie"), colPurpose("Doel"))},
	{Name: "narrow-4col", Heading: "Subverwerkers", Count: 4, Subprocessors: narrowTable(colName("Naam"), colPurpose("Doel"), colCity("Plaats"), colCountry("Land"))},
	{Name: "web-question-list", Web: true, Heading: "Wie verwerkt uw gegevens nog meer?", Subprocessors: subDashList},
	{Name: "markdown-name-purpose-location", Markdown: true, English: true, Heading: "Sub-processors", Subprocessors: subTable(colName("Name"), colPurpose("Purpose"), colCountryEN("Location"))},
	{Name: "entry-paragraphs", Heading: "Derde partijen", Subprocessors: subEntryParagraphs},
	{Name: "faq-table", English: true, Heading: "Do you share data with anyone?", Subprocessors: bareTable(colName("Company"), colPurpose("What they do"), colCountryEN("Where"))},
}, headingLayouts()...)

// SubprocessorHeadings are wordings of the sub-processor heading; each
// gets a layout ("heading-1", …) with a table right under it, no sentence
// that says what it lists, and a neutral "Partij" column: only the heading
// says these are sub-processors.
var SubprocessorHeadings = []string{
	"Subverwerkers",
	"Overzicht sub-verwerkers",
	"Derden die wij inschakelen",
	"Sub-processors",
	"Bijlage 3 – Lijst van subverwerkers",
	"Welke partijen verwerken gegevens namens ons?",
	"Ingeschakelde derden",
}

func headingLayouts() []Layout {
	var out []Layout
	for i, h := range SubprocessorHeadings {
		out = append(out, Layout{Name: fmt.Sprintf("heading-%d", i+1), Heading: h,
			Subprocessors: bareTable(colName("Partij"), colCountry("Vestigingsland"), colPurpose("Doel"))})
	}
	return out
}

// Seed is the layout's seed: a hash of its name, so that adding a layout
// changes no other layout's agreement.
func (l Layout) Seed() uint64 {
	h := fnv.New64a()
	h.Write([]byte(l.Name))
	return h.Sum64()
}

// column is a table column: its header and what a sub-processor's cell says.
type column struct {
	header string
	cell   func(s Subprocessor) string
}

func colName(h string) column    { return column{h, func(s Subprocessor) string { return s.Name }} }
func colPurpose(h string) column { return column{h, func(s Subprocessor) string { return s.Purpose }} }
func colCity(h string) column {
	return column{h, func(s Subprocessor) string { return s.Country.City }}
}
func colCountry(h string) column {
	return column{h, func(s Subprocessor) string { return s.Country.Dutch }}
}
func colPlace(h string) column {
	return column{h, func(s Subprocessor) string { return s.Country.City + ", " + s.Country.Dutch }}
}
func colCountryEN(h string) column {
	return column{h, func(s Subprocessor) string { return s.Country.English }}
}

func subRows(a *Agreement, cols []column) [][]string {
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.header
	}
	rows := [][]string{header}
	for _, s := range a.Subprocessors {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = c.cell(s)
		}
		rows = append(rows, row)
	}
	return rows
}

func intro(b *builder) {
	if b.english {
		b.p("Verwerker maakt gebruik van de volgende Subverwerkers (sub-processors):")
		return
	}
	b.p("Verwerker maakt ten tijde van het afsluiten van deze overeenkomst gebruik van de volgende Subverwerkers:")
}

// subTable writes a table with a header row.
func subTable(cols ...column) func(b *builder, a *Agreement) {
	return func(b *builder, a *Agreement) {
		intro(b)
		b.add(Block{Kind: Table, Rows: subRows(a, cols), HeaderRows: 1})
	}
}

// bareTable writes a table with a header row and no introduction.
func bareTable(cols ...column) func(b *builder, a *Agreement) {
	return func(b *builder, a *Agreement) {
		b.add(Block{Kind: Table, Rows: subRows(a, cols), HeaderRows: 1})
	}
}

// barsTable writes a table whose text rendering is "a | b" rows.
func barsTable(cols ...column) func(b *builder, a *Agreement) {
	return func(b *builder, a *Agreement) {
		intro(b)
		b.add(Block{Kind: Table, Rows: subRows(a, cols), HeaderRows: 1, Bars: true})
	}
}

// splitTable writes a table that a printed page breaks before row at.
func splitTable(at int, cols ...column) func(b *builder, a *Agreement) {
	return func(b *builder, a *Agreement) {
		intro(b)
		b.add(Block{Kind: Table, Rows: subRows(a, cols), HeaderRows: 1, BreakBefore: at})
	}
}

func withDecoy(sub, decoy func(b *builder, a *Agreement)) func(b *builder, a *Agreement) {
	return func(b *builder, a *Agreement) { sub(b, a); decoy(b, a) }
}

// subKeyValue writes one two-column table per sub-processor.
func subKeyValue(b *builder, a *Agreement) {
	intro(b)
	for _, s := range a.Subprocessors {
		b.add(Block{Kind: Table, Bars: true, Rows: [][]string{
			{"Naam", s.Name}, {"Vestigingsland", s.Country.Dutch}, {"Doel", s.Purpose}}})
	}
}

func subBullets(b *builder, a *Agreement) {
	b.p("Voor onze dienstverlening schakelen wij de volgende partijen in:")
	for _, s := range a.Subprocessors {
		b.add(Block{Kind: Item, Format: "bullet", Number: 1, Text: fmt.Sprintf("%s (%s): %s", s.Name, s.Country.Dutch, s.Purpose)})
	}
}

func subNumbered(b *builder, a *Agreement) {
	intro(b)
	for i, s := range a.Subprocessors {
		b.add(Block{Kind: Item, Format: "decimal", Number: i + 1, Text: fmt.Sprintf("%s, %s (%s) – %s", s.Name, s.Country.City, s.Country.Dutch, s.Purpose)})
	}
}

// subProse names the sub-processors in one sentence, their countries in
// alternating wordings.
func subProse(b *builder, a *Agreement) {
	var parts []string
	for i, s := range a.Subprocessors {
		switch i % 3 {
		case 0:
			parts = append(parts, fmt.Sprintf("%s (%s)", s.Name, s.Country.Dutch))
		case 1:
			parts = append(parts, fmt.Sprintf("%s, gevestigd in %s", s.Name, s.Country.InSentence()))
		default:
			parts = append(parts, fmt.Sprintf("%s te %s (%s)", s.Name, s.Country.City, s.Country.Dutch))
		}
	}
	b.p("Verwerker maakt voor de uitvoering van de overeenkomst gebruik van " + Enumerate(parts, "en") + ".")
	b.p("Verwerker informeert Onderwijsinstelling vooraf over een nieuwe Subverwerker.")
}

func subLabels(b *builder, a *Agreement) {
	intro(b)
	for _, s := range a.Subprocessors {
		b.add(Block{Kind: Label, Label: "Naam", Text: s.Name, NewGroup: true})
		b.add(Block{Kind: Label, Label: "Vestigingsland", Text: s.Country.Dutch})
		b.add(Block{Kind: Label, Label: "Doel", Text: s.Purpose})
	}
}

func subTabbed(b *builder, a *Agreement) {
	intro(b)
	lines := [][]string{{"Subverwerker", "Land", "Doel"}}
	for _, s := range a.Subprocessors {
		lines = append(lines, []string{s.Name, s.Country.Dutch, s.Purpose})
	}
	b.add(Block{Kind: Tabbed, Lines: lines})
}

func supplierKeyValue(b *builder, a *Agreement) {
	b.add(Block{Kind: Table, Bars: true, Rows: [][]string{
		{"Naam leverancier", a.Supplier.Name},
		{"KvK-nummer", a.Supplier.KvK},
		{"Adres", a.Supplier.Street},
		{"Postcode en plaats", a.Supplier.Postcode + " " + a.Supplier.City},
		{"Product(en)", strings.Join(a.Products, ", ")},
	}})
}

func supplierLabels(b *builder, a *Agreement) {
	b.label("Leverancier", a.Supplier.Name)
	b.label("KvK-nummer", a.Supplier.KvK)
	b.label("Adres", a.Supplier.Street+", "+a.Supplier.Postcode+" "+a.Supplier.City)
	b.label("Product", strings.Join(a.Products, ", "))
}

// The decoy tables name no organisation, country or category of personal
// data: whatever extraction takes from them is wrong.

func decoyActivities(b *builder, a *Agreement) {
	b.h3("Verwerkingsactiviteiten")
	b.add(Block{Kind: Table, HeaderRows: 1, Rows: [][]string{
		{"Activiteit", "Doel", "Grondslag"},
		{"Leveren van de dienst", "Uitvoering van de overeenkomst", "Uitvoering overeenkomst"},
		{"Verbeteren van de dienst", "Kwaliteit van het product", "Gerechtvaardigd belang"},
		{"Klantcontact", "Beantwoorden van vragen", "Uitvoering overeenkomst"},
	}})
}

func decoyCertifications(b *builder, a *Agreement) {
	b.p("Verwerker beschikt over de volgende certificeringen:")
	b.add(Block{Kind: Table, HeaderRows: 1, Rows: [][]string{
		{"Certificering", "Uitgegeven door", "Geldig tot"},
		{"ISO/IEC 27001", "Certivisie B.V.", "1 juni 2027"},
		{"NEN 7510", "Keurmerkbureau Zuid B.V.", "15 maart 2026"},
		{"Privacykeurmerk Onderwijs", "Stichting Keurmerk Leermiddelen", "31 december 2026"},
	}})
}

func decoyMeasures(b *builder, a *Agreement) {
	b.h3("Beveiligingsmaatregelen")
	b.add(Block{Kind: Table, HeaderRows: 1, Rows: [][]string{
		{"Maatregel", "Toelichting"},
		{"Versleuteling", "Alle verbindingen met TLS 1.2 of hoger"},
		{"Toegangsbeheer", "Tweestapsverificatie voor medewerkers"},
		{"Logging", "Toegang tot persoonsgegevens wordt gelogd en bewaakt"},
		{"Pentest", "Jaarlijks door een onafhankelijke partij"},
	}})
}

// narrowTable writes a table printed in small type with almost no room
// between its columns.
func narrowTable(cols ...column) func(b *builder, a *Agreement) {
	return func(b *builder, a *Agreement) {
		intro(b)
		b.add(Block{Kind: Table, Rows: subRows(a, cols), HeaderRows: 1, Narrow: true})
	}
}

// subDashList writes a web page's list: "Name – purpose (City, Country)".
func subDashList(b *builder, a *Agreement) {
	for _, s := range a.Subprocessors {
		b.add(Block{Kind: Item, Format: "bullet", Number: 1, Text: fmt.Sprintf("%s – %s (%s, %s)", s.Name, s.Purpose, s.Country.City, s.Country.Dutch)})
	}
}

// subEntryParagraphs writes one paragraph per sub-processor, without a
// marker or an introduction: "Name, City (Country): purpose."
func subEntryParagraphs(b *builder, a *Agreement) {
	for _, s := range a.Subprocessors {
		b.p(fmt.Sprintf("%s, %s (%s): %s.", s.Name, s.Country.City, s.Country.Dutch, s.Purpose))
	}
}
