// Package modelgen invents complete agreements in the style of the
// Convenant's Model Verwerkersovereenkomst 4.0 — sixteen articles, a
// privacy annex, a security annex and a deviations annex — and can leave
// out or weaken one obligation at a time, so that a test can check that
// dpa review flags exactly that obligation and nothing else.
//
// The wording is the package's own, written for the genre; the facts
// (supplier, products, sub-processors, retention, BIV) come from
// layoutgen.Generate and the documents are rendered by layoutgen's
// writers (text, Markdown, DOCX, HTML). The same seed and case give the
// same document.
//
// The package lives under testdata/ because only tests use it.
package modelgen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/dpa-nl/dpa/testdata/layoutgen"
)

// Mode says what a Case does to its obligation.
type Mode string

// The modes of a case.
const (
	// Full leaves the agreement as the model asks.
	Full Mode = "full"
	// Removed leaves the obligation out.
	Removed Mode = "removed"
	// Weakened words the obligation so that it asks less than the model.
	Weakened Mode = "weakened"
)

// Case is one change to the full agreement: an obligation (an id of the
// review's obligations table) and what happens to it.
type Case struct {
	Obligation string
	Mode       Mode
}

func (c Case) String() string {
	if c.Mode == Full || c.Mode == "" {
		return "full"
	}
	return c.Obligation + "-" + string(c.Mode)
}

// Cases lists every change the generator makes: each obligation removed,
// and weakened where it can be.
func Cases() []Case {
	var out []Case
	for _, id := range removable {
		out = append(out, Case{id, Removed})
	}
	for _, id := range weakenable {
		out = append(out, Case{id, Weakened})
	}
	return out
}

var removable = []string{"instructions", "purpose_limitation", "confidentiality", "security_measures",
	"security_annex", "biv_classification", "audit", "breach_notification", "data_subject_rights",
	"transfer_consent", "transfer_safeguard", "processing_location", "subprocessor_consent",
	"subprocessor_list", "subprocessor_flowdown", "retention", "deletion_at_end", "return_of_data",
	"liability", "changes", "deviations_motivated", "term_termination", "applicable_law"}

var weakenable = []string{"instructions", "purpose_limitation", "security_measures", "audit",
	"breach_notification", "data_subject_rights", "transfer_consent", "subprocessor_consent", "subprocessor_flowdown", "retention", "deletion_at_end", "return_of_data",
	"liability", "changes", "term_termination", "applicable_law", "privacybijsluiter"}

// Options vary what the full agreement holds besides the case.
type Options struct {
	// Deviations adds a deviations annex (Bijlage 3) with one motivated
	// item about the weakened obligation's article, when the case weakens one.
	Deviations bool
	// Markdown renders the text as Markdown.
	Markdown bool
}

// builder collects blocks and knows the case.
type builder struct {
	blocks []layoutgen.Block
	c      Case
	r      *rand.Rand
	items  int
}

func (b *builder) add(bl layoutgen.Block) { b.blocks = append(b.blocks, bl) }

func (b *builder) article(n int, title string) {
	b.items = 0
	b.add(layoutgen.Block{Kind: layoutgen.Heading, Level: 2, Article: n, Text: title})
}

func (b *builder) h2(text string) {
	b.add(layoutgen.Block{Kind: layoutgen.Heading, Level: 2, Text: text})
}
func (b *builder) h3(text string) {
	b.add(layoutgen.Block{Kind: layoutgen.Heading, Level: 3, Text: text})
}
func (b *builder) p(text string) { b.add(layoutgen.Block{Kind: layoutgen.Paragraph, Text: text}) }

// lid adds a numbered paragraph of an article.
func (b *builder) lid(text string) {
	b.items++
	b.add(layoutgen.Block{Kind: layoutgen.Item, Format: "decimal", Number: b.items, Text: text})
}

// is reports whether the case does mode to obligation id.
func (b *builder) is(id string, mode Mode) bool { return b.c.Obligation == id && b.c.Mode == mode }

// clause adds the lid of obligation id: full, weak when the case weakens
// it, nothing when the case removes it.
func (b *builder) clause(id, full, weak string) {
	switch {
	case b.is(id, Removed):
	case b.is(id, Weakened) && weak != "":
		b.lid(weak)
	default:
		b.lid(full)
	}
}

// one picks one of the wordings.
func (b *builder) one(ws ...string) string { return ws[b.r.IntN(len(ws))] }

// Render writes the agreement invented from seed with case c applied.
func Render(seed uint64, c Case, opt Options) layoutgen.Doc {
	a := layoutgen.Generate(seed, 0, false)
	// One sub-processor works in a country without an adequacy decision,
	// so that a transfer needs a safeguard.
	needs := false
	for _, s := range a.Subprocessors {
		needs = needs || s.Country.Code == "US" || s.Country.Code == "IN"
	}
	if !needs {
		for _, c := range layoutgen.Countries {
			if c.Code == "US" {
				a.Subprocessors[len(a.Subprocessors)-1].Country = c
			}
		}
	}
	b := &builder{c: c, r: rand.New(rand.NewPCG(seed, 0x40de1))}
	s := a.Supplier
	product := layoutgen.Enumerate(a.Products, "en")
	b.add(layoutgen.Block{Kind: layoutgen.Title, Text: "Verwerkersovereenkomst " + product})
	b.p("Model Verwerkersovereenkomst 4.0, behorend bij het Convenant Digitale Onderwijsmiddelen en Privacy 4.0")
	b.p("Partijen:")
	b.add(layoutgen.Block{Kind: layoutgen.Item, Format: "decimal", Number: 1, Text: fmt.Sprintf("Het bevoegd gezag van %s, hierna te noemen: 'Onderwijsinstelling',", a.School)})
	b.add(layoutgen.Block{Kind: layoutgen.Item, Format: "decimal", Number: 2, Text: fmt.Sprintf("%s, ingeschreven bij de Kamer van Koophandel onder nummer %s, gevestigd aan de %s te %s %s, hierna te noemen: 'Verwerker',", s.Name, s.KvK, s.Street, s.Postcode, s.City)})
	b.p("hierna samen 'Partijen', komen het volgende overeen.")

	b.article(1, "Definities")
	b.lid("AVG: de Algemene Verordening Gegevensbescherming.")
	b.lid("Datalek: een inbreuk in verband met Persoonsgegevens als bedoeld in artikel 4 onder 12 AVG.")
	b.lid("Subverwerker: een partij die Verwerker inschakelt om namens hem Persoonsgegevens te Verwerken.")

	b.article(2, "Onderwerp en opdracht")
	b.lid(fmt.Sprintf("Deze overeenkomst regelt de Verwerking van Persoonsgegevens bij het gebruik van %s.", product))
	b.clause("instructions",
		b.one("Verwerker Verwerkt de Persoonsgegevens alleen op grond van schriftelijke Instructies van de Onderwijsinstelling en meldt het haar direct wanneer hij een Instructie in strijd met de AVG acht.",
			"Onderwijsinstelling geeft Verwerker Instructies om namens haar Persoonsgegevens te Verwerken; Verwerker waarschuwt haar zodra een Instructie naar zijn oordeel onrechtmatig is."),
		"Verwerker bepaalt zelf hoe de dienst werkt en Verwerkt de Persoonsgegevens naar eigen inzicht.")

	b.article(3, "Rolverdeling")
	b.lid("Onderwijsinstelling is Verwerkingsverantwoordelijke en houdt de zeggenschap over doel en middelen van de Verwerking.")

	b.article(4, "Privacyconvenant")
	b.lid("Partijen onderschrijven het Convenant Digitale Onderwijsmiddelen en Privacy 4.0.")

	b.article(5, "Gebruik Persoonsgegevens")
	b.clause("purpose_limitation",
		b.one("Verwerker gebruikt de Persoonsgegevens niet voor andere doeleinden dan die de Onderwijsinstelling heeft vastgesteld en nooit voor reclamedoeleinden.",
			"De Persoonsgegevens worden niet voor eigen doeleinden van Verwerker of van derden gebruikt, en niet voor reclamedoeleinden."),
		"Verwerker mag de Persoonsgegevens ook gebruiken voor eigen doeleinden, zoals de verbetering en promotie van zijn producten.")
	b.lid("In Bijlage 1 staan de doeleinden en de categorieën Persoonsgegevens.")

	if !b.is("confidentiality", Removed) {
		b.article(6, "Vertrouwelijkheid")
		b.lid("Verwerker behandelt de Persoonsgegevens vertrouwelijk en legt iedereen die bij de Verwerking betrokken is een geheimhoudingsplicht op.")
	}

	b.article(7, "Beveiliging en controle")
	b.clause("security_measures",
		"Verwerker neemt passende technische en organisatorische maatregelen om de Persoonsgegevens te beschermen tegen verlies en onrechtmatige Verwerking, en evalueert die maatregelen regelmatig.",
		"Verwerker neemt technische en organisatorische maatregelen voor zover dat redelijkerwijs van hem kan worden verwacht; de beveiligingsmaatregelen vormen een inspanningsverplichting.")
	if !b.is("security_annex", Removed) {
		b.lid("De afspraken over de beveiligingsmaatregelen staan in Bijlage 2.")
	}
	b.clause("audit",
		b.one("Onderwijsinstelling mag de naleving van deze overeenkomst laten controleren door een audit van een onafhankelijke deskundige; Verwerker werkt daaraan mee.",
			"Verwerker stelt jaarlijks een Third Party Memorandum (TPM) beschikbaar en Onderwijsinstelling kan daarnaast een audit laten uitvoeren."),
		"Onderwijsinstelling heeft geen recht op een audit; Verwerker verstrekt op verzoek een verklaring over zijn beveiliging.")

	b.article(8, "Datalekken")
	hours := []int{12, 24}[b.r.IntN(2)]
	b.clause("breach_notification",
		fmt.Sprintf("Verwerker informeert Onderwijsinstelling zonder onredelijke vertraging en uiterlijk binnen %d uur na ontdekking over een Datalek, met alle informatie die zij nodig heeft om het te melden.", hours),
		"Verwerker informeert Onderwijsinstelling uiterlijk binnen 72 uur na ontdekking over een Datalek.")
	if !b.is("breach_notification", Removed) {
		b.lid("Partijen leggen alle Datalekken vast in een register.")
	}

	b.article(9, "Medewerking")
	b.clause("data_subject_rights",
		"Verwerker helpt Onderwijsinstelling bij verzoeken van Betrokkenen om inzage, correctie of verwijdering en stuurt een verzoek of klacht van een Betrokkene meteen door.",
		"Verwerker verleent medewerking bij verzoeken van Betrokkenen tegen een vergoeding van de kosten.")
	b.lid("Verwerker werkt mee aan een gegevensbeschermingseffectbeoordeling wanneer Onderwijsinstelling daarom vraagt.")

	if !b.is("transfer_consent", Removed) {
		b.article(10, "Doorgifte aan derde landen buiten de Europese Economische Ruimte")
		b.clause("transfer_consent",
			"Verwerker geeft Persoonsgegevens alleen door aan een land buiten de Europese Economische Ruimte met specifieke schriftelijke toestemming van de Onderwijsinstelling.",
			"Persoonsgegevens kunnen buiten de Europese Economische Ruimte worden Verwerkt wanneer de wet dat toelaat.")
	}

	b.article(11, "Inschakeling Subverwerker")
	b.clause("subprocessor_consent",
		"Onderwijsinstelling geeft toestemming voor de Subverwerkers in Bijlage 1. Verwerker licht haar vooraf in over een voorgenomen nieuwe Subverwerker, waartegen zij bezwaar kan maken.",
		b.one("Verwerker kan Subverwerkers inschakelen of vervangen zonder voorafgaande kennisgeving aan de Onderwijsinstelling.",
			"Verwerker kiest Subverwerkers naar eigen inzicht en houdt de lijst in Bijlage 1 bij."))
	b.clause("subprocessor_flowdown",
		"Verwerker legt iedere Subverwerker ten minste dezelfde verplichtingen op als die voor hem uit deze overeenkomst volgen.",
		"Verwerker legt iedere Subverwerker vergelijkbare verplichtingen op.")

	if b.is("deletion_at_end", Removed) {
		b.article(12, "Bewaartermijnen")
	} else {
		b.article(12, "Bewaartermijnen en vernietiging Persoonsgegevens")
	}
	if !b.is("retention", Removed) {
		b.clause("retention",
			"Verwerker bewaart de Persoonsgegevens niet langer dan de bewaartermijnen in Bijlage 1.",
			"De Persoonsgegevens worden onbeperkt bewaard zolang de Onderwijsinstelling een account heeft.")
	}
	term := "binnen vier weken"
	if b.is("retention", Removed) {
		term = "binnen een door Partijen overeengekomen termijn"
	}
	b.clause("deletion_at_end",
		"Bij het einde van de overeenkomst vernietigt Verwerker de Persoonsgegevens "+term+", bevestigt dat schriftelijk en zorgt dat zijn Subverwerkers hetzelfde doen.",
		"Verwerker is niet verplicht de Persoonsgegevens na het einde van de overeenkomst te vernietigen.")
	giveBack := "Voordat de Persoonsgegevens worden vernietigd, kan Onderwijsinstelling vragen ze aan haar terug te leveren in een gangbaar bestandsformaat."
	if b.is("deletion_at_end", Removed) {
		giveBack = "Bij het einde van de overeenkomst kan Onderwijsinstelling vragen de Persoonsgegevens aan haar terug te leveren."
	}
	b.clause("return_of_data", giveBack,
		"Teruglevering van de Persoonsgegevens aan de Onderwijsinstelling is uitgesloten.")

	if !b.is("liability", Removed) {
		b.article(13, "Aansprakelijkheid")
		b.clause("liability",
			"Partijen regelen de aansprakelijkheid in de hoofdovereenkomst, maar geen van beide kan een beroep doen op een aansprakelijkheidsbeperking bij verhaal op grond van artikel 82 AVG of van een boete van de toezichthouder.",
			"De aansprakelijkheid van Verwerker is beperkt tot het bedrag dat Onderwijsinstelling in het laatste jaar heeft betaald.")
	}

	b.article(14, "Tegenstrijdigheid en wijziging")
	b.lid("Bij tegenstrijdigheid met de hoofdovereenkomst gaat deze overeenkomst voor.")
	b.clause("deviations_motivated",
		"Afwijkingen van de Model Verwerkersovereenkomst worden beschreven en gemotiveerd in Bijlage 3.", "")
	b.clause("changes",
		"Wijzigingen in deze overeenkomst worden alleen gezamenlijk en schriftelijk overeengekomen; over belangrijke wijzigingen in de dienst licht Verwerker Onderwijsinstelling vooraf in begrijpelijke taal in.",
		"Verwerker kan deze overeenkomst eenzijdig wijzigen; de nieuwe versie staat op zijn website.")

	if !b.is("term_termination", Removed) {
		b.article(15, "Duur en beëindiging")
		lasting := b.one("Deze overeenkomst duurt zo lang als de hoofdovereenkomst en eindigt daarmee; zolang Verwerker nog Persoonsgegevens heeft, blijven de verplichtingen uit deze overeenkomst gelden.",
			"De looptijd van deze overeenkomst is gelijk aan die van de hoofdovereenkomst. Verwerker blijft gebonden tot alle Persoonsgegevens zijn vernietigd.")
		if b.is("deletion_at_end", Removed) {
			lasting = "De looptijd van deze overeenkomst is gelijk aan die van de hoofdovereenkomst; de verplichtingen blijven gelden zolang Verwerker Persoonsgegevens heeft."
		}
		b.clause("term_termination", lasting,
			"De looptijd van deze overeenkomst is gelijk aan die van de hoofdovereenkomst en met het einde daarvan vervallen alle verplichtingen.")
	}

	if !b.is("applicable_law", Removed) {
		b.article(16, "Toepasselijk recht en geschillen")
		b.clause("applicable_law",
			"Op deze overeenkomst is Nederlands recht van toepassing; geschillen gaan naar de bevoegde rechter uit de hoofdovereenkomst.",
			"Deze overeenkomst wordt beheerst door het recht van Ierland.")
	}

	b.privacyAnnex(&a, product)
	b.securityAnnex(&a)
	if opt.Deviations && c.Mode == Weakened {
		b.deviationsAnnex()
	}
	return layoutgen.Doc{Name: b.blocks[0].Text, Blocks: b.blocks, Markdown: opt.Markdown}
}

func (b *builder) privacyAnnex(a *layoutgen.Agreement, product string) {
	b.h2("Bijlage 1: Privacybijsluiter " + product)
	b.h3("A. Algemene informatie")
	b.add(layoutgen.Block{Kind: layoutgen.Label, Label: "Naam Verwerker", Text: a.Supplier.Name})
	if !b.is("privacybijsluiter", Weakened) {
		b.h3("B. Doeleinden")
		b.p(fmt.Sprintf("Persoonsgegevens worden Verwerkt om %s te laten werken en de voortgang te volgen.", product))
	}
	b.h3("C. Categorieën Persoonsgegevens")
	for _, g := range a.Groups {
		b.p(fmt.Sprintf("Van %s: %s.", g.Label, g.List()))
	}
	if !b.is("retention", Removed) {
		b.h3("D. Bewaartermijnen")
		for _, p := range a.Retention {
			b.p(p.Sentence)
		}
	}
	if !b.is("processing_location", Removed) {
		b.h3("E. Locatie van de Verwerking")
		b.p("De Persoonsgegevens worden opgeslagen in Nederland, in een datacenter in " + a.Supplier.City + ".")
	}
	if b.is("security_annex", Removed) {
		b.h3("F. Beveiliging")
		b.bivSentence(a)
	} else {
		b.h3("F. Beveiliging")
		b.p("De beveiligingsmaatregelen staan in Bijlage 2.")
	}
	if !b.is("subprocessor_list", Removed) {
		b.h3("G. Subverwerkers")
		rows := [][]string{{"Naam Subverwerker", "Vestigingsplaats", "Soort Verwerking", "Locatie van verwerking"}}
		for _, s := range a.Subprocessors {
			loc := s.Country.Dutch
			if b.is("processing_location", Removed) {
				loc, s.Country.City = "-", "-"
			}
			rows = append(rows, []string{s.Name, s.Country.City, s.Purpose, loc})
		}
		b.add(layoutgen.Block{Kind: layoutgen.Table, Rows: rows, HeaderRows: 1})
		if !b.is("transfer_safeguard", Removed) && !b.is("transfer_safeguard", Weakened) && !b.is("processing_location", Removed) {
			for _, s := range a.Subprocessors {
				if !s.Country.EEA {
					b.p(fmt.Sprintf("Voor de doorgifte aan %s in %s zijn de standaardcontractbepalingen (SCC) van de Europese Commissie gesloten.", s.Name, s.Country.InSentence()))
				}
			}
		}
	}
	if !b.is("privacybijsluiter", Weakened) {
		b.h3("H. Contactgegevens")
		b.add(layoutgen.Block{Kind: layoutgen.Label, Label: "E-mail", Text: "privacy@" + a.Supplier.Domain})
	}
}

func (b *builder) bivSentence(a *layoutgen.Agreement) {
	if b.is("biv_classification", Removed) {
		return
	}
	b.p(fmt.Sprintf("De BIV-classificatie van de dienst: Beschikbaarheid = %s, Integriteit = %s, Vertrouwelijkheid = %s.",
		layoutgen.BIVWord(a.BIV[0]), layoutgen.BIVWord(a.BIV[1]), layoutgen.BIVWord(a.BIV[2])))
}

func (b *builder) securityAnnex(a *layoutgen.Agreement) {
	if b.is("security_annex", Removed) {
		return
	}
	b.h2("Bijlage 2: Beveiligingsbijlage")
	b.h3("A. Classificatie")
	b.bivSentence(a)
	b.h3("B. Maatregelen")
	b.p("Verwerker versleutelt alle verbindingen, bewaart back-ups versleuteld en test de applicatie jaarlijks op kwetsbaarheden.")
}

// deviationsAnnex adds Bijlage 3 with one motivated item about the
// weakened obligation's article.
func (b *builder) deviationsAnnex() {
	art, ok := articleOf[b.c.Obligation]
	if !ok {
		return
	}
	b.h2("Bijlage 3: Afwijkingen van de Model Verwerkersovereenkomst")
	b.p(fmt.Sprintf("Artikel %d: de bepaling is aangepast omdat de dienst anders niet kan worden geleverd.", art))
}

// articleOf is the article of this package's agreement that holds each
// obligation of the articles.
var articleOf = map[string]int{"instructions": 2, "purpose_limitation": 5, "security_measures": 7, "audit": 7,
	"breach_notification": 8, "data_subject_rights": 9, "transfer_consent": 10, "subprocessor_consent": 11,
	"subprocessor_flowdown": 11, "retention": 12, "deletion_at_end": 12, "return_of_data": 12, "liability": 13,
	"changes": 14, "term_termination": 15, "applicable_law": 16}

// Text renders d as text (or Markdown), through layoutgen.
func Text(d layoutgen.Doc) []byte { return layoutgen.Text(d) }

// Describe is a one-line description of a case for test names.
func Describe(seed uint64, c Case) string {
	return strings.ReplaceAll(fmt.Sprintf("%d-%s", seed, c), "_", "-")
}
