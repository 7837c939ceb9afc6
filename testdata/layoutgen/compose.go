package layoutgen

import (
	"fmt"
	"slices"
	"strings"
)

// builder collects the blocks of a document.
type builder struct {
	blocks  []Block
	english bool
}

func (b *builder) add(bl Block)              { b.blocks = append(b.blocks, bl) }
func (b *builder) p(text string)             { b.add(Block{Kind: Paragraph, Text: text}) }
func (b *builder) h2(text string)            { b.add(Block{Kind: Heading, Level: 2, Text: text}) }
func (b *builder) h3(text string)            { b.add(Block{Kind: Heading, Level: 3, Text: text}) }
func (b *builder) label(label, value string) { b.add(Block{Kind: Label, Label: label, Text: value}) }

// article writes an "Artikel N: title" heading (English: "Article N – title").
func (b *builder) article(n int, nl, en string) {
	if b.english {
		b.h2(fmt.Sprintf("Article %d – %s", n, en))
		return
	}
	b.add(Block{Kind: Heading, Level: 2, Article: n, Text: nl})
}

// pick returns the Dutch or English wording.
func (b *builder) pick(nl, en string) string {
	if b.english {
		return en
	}
	return nl
}

// Record is the record extraction must recover, with the field names and
// vocabularies of the project's JSON record (GOLD.md).
type Record struct {
	Kind                string             `json:"kind"`
	ModelVersion        *string            `json:"model_version"`
	Processor           Processor          `json:"processor"`
	Products            []string           `json:"products"`
	Subprocessors       []RecordSub        `json:"subprocessors"`
	OutsideEEA          *bool              `json:"outside_eea"`
	OutsideEEACountries []string           `json:"outside_eea_countries"`
	Retention           []RecordPeriod     `json:"retention"`
	BIV                 *map[string][2]int `json:"biv"`
	SubjectGroups       []string           `json:"subject_groups"`
	DataCategories      []string           `json:"data_categories"`
	BreachHours         *int               `json:"breach_notification_hours"`
	VersionDate         *string            `json:"version_date"`
}

// Processor is the record's processor.
type Processor struct {
	Name     string `json:"name"`
	KvK      string `json:"kvk"`
	Postcode string `json:"postcode"`
	City     string `json:"city"`
}

// RecordSub is one sub-processor of the record.
type RecordSub struct {
	Name      string   `json:"name"`
	Countries []string `json:"countries"`
}

// RecordPeriod is one retention period of the record.
type RecordPeriod struct {
	Duration *string `json:"duration"`
	Bound    string  `json:"bound"`
	Trigger  string  `json:"trigger"`
}

// Render writes the layout's agreement as a document and returns it with
// the record extraction must recover from it.
func (l Layout) Render() (Doc, Record) { return l.RenderSeed(l.Seed()) }

// RenderSeed is Render for the agreement invented from another seed.
func (l Layout) RenderSeed(seed uint64) (Doc, Record) {
	return l.RenderAgreement(Generate(seed, l.Count, l.AllEEA))
}

// RenderAgreement is Render for a given agreement: one invented and then
// changed, as a supplier's next version of it.
func (l Layout) RenderAgreement(a Agreement) (Doc, Record) {
	if l.Web {
		return l.webPage(&a), l.record(&a)
	}
	b := &builder{english: l.English}
	product := Enumerate(a.Products, "en")
	// named is the product where the layout names it, else the generic word.
	named := func(where ProductNaming, generic string) string {
		if l.Products == ProductEverywhere || l.Products == where {
			return product
		}
		return generic
	}
	b.add(Block{Kind: Title, Text: strings.TrimSpace(b.pick("Verwerkersovereenkomst ", "Data Processing Agreement ") + named(ProductTitle, ""))})
	b.p(fmt.Sprintf("(conform Model Verwerkersovereenkomst %s behorend bij het Convenant Digitale Onderwijsmiddelen en Privacy %s)", a.ModelVersion, a.ModelVersion))
	b.p(b.pick("Partijen:", "Parties:"))
	b.add(Block{Kind: Item, Format: "decimal", Number: 1, Text: fmt.Sprintf("Het bevoegd gezag van %s, hierna te noemen: 'Onderwijsinstelling',", a.School)})
	b.p("en")
	s := a.Supplier
	if l.Supplier == nil {
		b.add(Block{Kind: Item, Format: "decimal", Number: 2, Text: fmt.Sprintf("%s, ingeschreven bij de Kamer van Koophandel onder nummer %s, gevestigd en kantoorhoudende aan de %s, te %s %s, hierna te noemen: 'Verwerker',", s.Name, s.KvK, s.Street, s.Postcode, s.City)})
	} else {
		b.add(Block{Kind: Item, Format: "decimal", Number: 2, Text: fmt.Sprintf("%s, hierna te noemen: 'Verwerker',", s.Name)})
	}
	b.p("hierna samen 'Partijen'.")
	b.article(1, "Definities", "Definitions")
	b.add(Block{Kind: Item, Format: "lowerLetter", Number: 1, Text: "AVG: de Algemene Verordening Gegevensbescherming;"})
	b.add(Block{Kind: Item, Format: "lowerLetter", Number: 2, Text: "Subverwerker: de partij die door Verwerker wordt ingeschakeld als Verwerker ten behoeve van de Verwerking van de Persoonsgegevens."})
	b.article(2, "Onderwerp", "Subject")
	if l.Products == ProductDefinition {
		b.p(fmt.Sprintf("Onderwijsinstelling neemt van Verwerker de digitale leermiddelen %s af (hierna: 'de Dienst'). Verwerker Verwerkt de Persoonsgegevens uitsluitend in opdracht van Onderwijsinstelling.", product))
	} else {
		b.p(fmt.Sprintf("Onderwijsinstelling gebruikt %s van Verwerker. Verwerker Verwerkt de Persoonsgegevens uitsluitend in opdracht van Onderwijsinstelling.", named(ProductEverywhere, "de Dienst")))
	}
	b.article(3, "Datalekken", "Data breaches")
	b.p(fmt.Sprintf("Verwerker informeert Onderwijsinstelling zonder onredelijke vertraging en uiterlijk binnen %d uur na ontdekking over een Datalek.", a.BreachHours))
	b.article(4, "Subverwerkers", "Sub-processors")
	b.p("Onderwijsinstelling geeft Verwerker toestemming tot het inschakelen van de Subverwerkers die in de bijlagen zijn opgenomen.")
	b.article(5, "Bewaartermijnen", "Retention")
	if l.RetentionTable {
		b.p("De bewaartermijnen staan in Bijlage 1.")
	} else {
		for _, p := range a.Retention {
			b.p(p.Sentence)
		}
	}

	b.h2(strings.TrimSpace(b.pick("Bijlage 1: Privacybijsluiter ", "Annex 1: Privacy information sheet ") + named(ProductEverywhere, "")))
	b.h3(b.pick("A. Versie", "A. Version"))
	b.p(fmt.Sprintf("Versie %s, %s", a.Version, DutchDate(a.VersionDate)))
	b.h3(b.pick("B. Algemene informatie", "B. General information"))
	if l.Products == ProductLabel {
		b.label("Dienst", product)
	}
	if l.Supplier != nil {
		l.Supplier(b, &a)
	} else if l.Products != ProductEverywhere {
		b.label("Naam Verwerker", s.Name)
	} else {
		b.add(Block{Kind: Table, Rows: [][]string{
			{b.pick("Naam product en/of dienst", "Product or service"), product},
			{b.pick("Naam Verwerker", "Processor"), s.Name},
		}, Bars: true})
	}
	b.h3(b.pick("C. Categorieën Persoonsgegevens", "C. Categories of personal data"))
	for _, g := range a.Groups {
		b.p(fmt.Sprintf("Van %s: %s.", g.Label, g.List()))
	}
	if l.RetentionTable {
		b.h3(b.pick("D. Bewaartermijnen", "D. Retention"))
		rows := [][]string{{"Gegevens", "Bewaartermijn"}}
		for _, p := range a.Retention {
			rows = append(rows, []string{p.Data, p.Cell})
		}
		b.add(Block{Kind: Table, Rows: rows, HeaderRows: 1})
	}
	if l.Decoy != nil {
		l.Decoy(b, &a)
	}
	annex := strings.HasPrefix(l.Heading, "Bijlage")
	if !annex {
		b.h3(l.Heading)
		l.Subprocessors(b, &a)
	}
	b.h2(b.pick("Bijlage 2: Beveiligingsbijlage", "Annex 2: Security measures"))
	b.p(fmt.Sprintf("De BIV-classificatie van %s: Beschikbaarheid = %s, Integriteit = %s, Vertrouwelijkheid = %s.",
		named(ProductEverywhere, "de Dienst"), BIVWord(a.BIV[0]), BIVWord(a.BIV[1]), BIVWord(a.BIV[2])))
	b.p("Verwerker versleutelt alle verbindingen en bewaart back-ups versleuteld.")
	if annex {
		b.h2(l.Heading)
		l.Subprocessors(b, &a)
	}
	name := b.blocks[0].Text
	return Doc{Name: name, Blocks: b.blocks, Markdown: l.Markdown}, l.record(&a)
}

// webPage writes a supplier's privacy page about its product.
func (l Layout) webPage(a *Agreement) Doc {
	b := &builder{}
	product := Enumerate(a.Products, "en")
	s := a.Supplier
	b.add(Block{Kind: Title, Text: "Privacyverklaring " + product})
	b.p(fmt.Sprintf("Scholen gebruiken %s om leerlingen te laten oefenen. Op deze pagina leest u hoe wij met persoonsgegevens omgaan.", product))
	b.h2("Wie zijn wij?")
	b.p(fmt.Sprintf("%s is een product van %s, %s, %s %s, ingeschreven bij de Kamer van Koophandel onder nummer %s.", product, s.Name, s.Street, s.Postcode, s.City, s.KvK))
	b.h2("Welke gegevens verwerken wij?")
	for _, g := range a.Groups {
		b.add(Block{Kind: Item, Format: "bullet", Number: 1, Text: fmt.Sprintf("Van %s: %s", g.Label, g.List())})
	}
	b.h2("Hoe lang bewaren wij gegevens?")
	for _, p := range a.Retention {
		b.p(p.Sentence)
	}
	b.h2(l.Heading)
	l.Subprocessors(b, a)
	b.h2("Datalekken")
	b.p(fmt.Sprintf("Bij een datalek informeren wij de school binnen %d uur na ontdekking.", a.BreachHours))
	b.p(fmt.Sprintf("Versie %s, %s", a.Version, DutchDate(a.VersionDate)))
	return Doc{Name: b.blocks[0].Text, Blocks: b.blocks, Web: true}
}

// record is what the layout's document states about a.
func (l Layout) record(a *Agreement) Record {
	r := Record{
		Kind:         "verwerkersovereenkomst",
		ModelVersion: &a.ModelVersion,
		Processor:    Processor{Name: a.Supplier.Name, KvK: a.Supplier.KvK, Postcode: a.Supplier.Postcode, City: a.Supplier.City},
		Products:     slices.Clone(a.Products),
		BreachHours:  &a.BreachHours,
	}
	date := a.VersionDate.Format("2006-01-02")
	r.VersionDate = &date
	outside := false
	r.OutsideEEACountries = []string{}
	for _, s := range a.Subprocessors {
		r.Subprocessors = append(r.Subprocessors, RecordSub{Name: s.Name, Countries: []string{s.Country.Code}})
		if !s.Country.EEA {
			outside = true
			if !slices.Contains(r.OutsideEEACountries, s.Country.Code) {
				r.OutsideEEACountries = append(r.OutsideEEACountries, s.Country.Code)
			}
		}
	}
	slices.Sort(r.OutsideEEACountries)
	r.OutsideEEA = &outside
	for _, p := range a.Retention {
		rp := RecordPeriod{Bound: p.Bound, Trigger: p.Trigger}
		if p.Duration != "" {
			d := p.Duration
			rp.Duration = &d
		}
		r.Retention = append(r.Retention, rp)
	}
	cats := map[string]bool{}
	for _, g := range a.Groups {
		r.SubjectGroups = append(r.SubjectGroups, g.Key)
		for _, c := range g.Categories {
			cats[c.Key] = true
		}
	}
	for c := range cats {
		r.DataCategories = append(r.DataCategories, c)
	}
	slices.Sort(r.DataCategories)
	slices.Sort(r.SubjectGroups)
	if l.Web {
		r.Kind, r.ModelVersion = "other", nil
	} else {
		biv := map[string][2]int{
			"availability":    {a.BIV[0], a.BIV[0]},
			"integrity":       {a.BIV[1], a.BIV[1]},
			"confidentiality": {a.BIV[2], a.BIV[2]},
		}
		r.BIV = &biv
	}
	return r
}
