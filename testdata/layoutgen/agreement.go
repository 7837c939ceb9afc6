package layoutgen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Agreement is an invented agreement: what a layout renders and what
// extraction must recover from it.
type Agreement struct {
	Supplier      Supplier
	School        string
	Products      []string
	Subprocessors []Subprocessor
	Retention     []Period
	Groups        []Group
	// BIV holds the availability, integrity and confidentiality levels (1–3).
	BIV          [3]int
	BreachHours  int
	ModelVersion string // "3.0" or "4.0"
	Version      string // the document's version number ("2.1")
	VersionDate  time.Time
}

// Supplier is the processor (Verwerker).
type Supplier struct {
	Name     string // with legal form: "Lesrijk B.V."
	Short    string // without: "Lesrijk"
	KvK      string
	Street   string
	Postcode string // "3511 AB"
	City     string
	Domain   string // "lesrijk.example"
}

// Subprocessor is a sub-processor with the one country it is established
// in and processes in.
type Subprocessor struct {
	Name    string
	Country Country
	Purpose string
}

// Period is a retention period: what a sentence or table row says and the
// record it stands for.
type Period struct {
	Data     string // "Persoonsgegevens"
	Sentence string // a whole sentence stating the period
	Cell     string // the period as a table cell
	Duration string // ISO 8601, "" when none
	Bound    string
	Trigger  string
}

// Group is a group of data subjects and the categories of personal data
// processed about it.
type Group struct {
	Key        string // subject group: "leerling", "medewerker", "ouder"
	Label      string // "leerlingen"
	Categories []Category
}

// Category is a category of personal data as written, with its key in the
// data_categories vocabulary.
type Category struct {
	Word string
	Key  string
}

// Country is a country as agreements write it.
type Country struct {
	Code    string // ISO 3166-1 alpha-2
	Dutch   string // "Verenigde Staten"
	Article string // "de", "het" or "" before the Dutch name in a sentence
	English string
	City    string // a city where data is processed
	EEA     bool
}

// Countries are the countries sub-processors are drawn from.
var Countries = []Country{
	{"NL", "Nederland", "", "Netherlands", "Amsterdam", true},
	{"IE", "Ierland", "", "Ireland", "Dublin", true},
	{"DE", "Duitsland", "", "Germany", "Frankfurt", true},
	{"FR", "Frankrijk", "", "France", "Parijs", true},
	{"BE", "België", "", "Belgium", "Antwerpen", true},
	{"SE", "Zweden", "", "Sweden", "Stockholm", true},
	{"US", "Verenigde Staten", "de", "United States", "Seattle", false},
	{"GB", "Verenigd Koninkrijk", "het", "United Kingdom", "Londen", false},
	{"CH", "Zwitserland", "", "Switzerland", "Zürich", false},
	{"IN", "India", "", "India", "Bangalore", false},
}

// InSentence is the country's Dutch name as it stands in a sentence
// ("de Verenigde Staten").
func (c Country) InSentence() string {
	if c.Article != "" {
		return c.Article + " " + c.Dutch
	}
	return c.Dutch
}

// The invented names sub-processors are made of, per country: a stem and
// a legal form that fits the country.
var (
	subStems = []string{"Wolkwerk", "Datadijk", "Serverhaven", "Mailmolen", "Rekenkern", "Brightline", "Cloudmere",
		"Signalpath", "Harbourview", "Ravensby", "Alpenstack", "Bergmail", "Lotuscode", "Indigodesk", "Rheindaten",
		"Nordwolke", "Nuagebleu", "Scheldenet", "Fjordbyte", "Postduif", "Klantlijn", "Emeraldhost", "Lindqvist", "Oakridge"}
	subKinds = []string{"Hosting", "Cloud Services", "Mail", "Analytics", "Support", "Systems", "Data", "Messaging"}
	legal    = map[string][]string{
		"NL": {"B.V."}, "IE": {"Ltd", "Limited"}, "DE": {"GmbH"}, "FR": {"SAS"}, "BE": {"NV"}, "SE": {"AB"},
		"US": {"Inc.", "LLC"}, "GB": {"Ltd"}, "CH": {"AG"}, "IN": {"Pvt. Ltd."},
	}
	purposes = []string{"hosting van de applicatie", "opslag van back-ups", "verzending van e-mail",
		"klantenservice en helpdesk", "foutanalyse en monitoring", "verzending van sms-berichten",
		"inzicht in het gebruik van de applicatie", "beheer van de servers"}

	supplierStems = []string{"Lesrijk", "Toetsveld", "Klasbord", "Leerhaven", "Taalbrug", "Schoolpad", "Woordwijs",
		"Cijfertuin", "Leesladder", "Kennisveer", "Oefenplein", "Lesnest", "Studiewolk", "Leerstroom"}
	supplierForms = []string{"%s B.V.", "%s Educatief B.V.", "%s Software B.V.", "Uitgeverij %s B.V."}
	productStems  = []string{"Rekenrijk", "Spellingsprint", "Leesmeter", "Woordenwolk", "Toetsplein", "Klassenlog",
		"Schrijfstudio", "Begrippenbank", "Taalkwartier", "Sommenstad", "Topografix", "Verhalenvat"}
	cities = []struct{ name, postcode string }{
		{"Utrecht", "3511"}, {"Zwolle", "8011"}, {"Groningen", "9711"}, {"Eindhoven", "5611"}, {"Leiden", "2311"},
		{"Arnhem", "6811"}, {"Amersfoort", "3811"}, {"Haarlem", "2011"}, {"'s-Hertogenbosch", "5211"},
		{"Enschede", "7511"}, {"Deventer", "7411"}, {"Alphen aan den Rijn", "2405"},
	}
	streets = []string{"Stationsweg", "Kanaalweg", "Marktstraat", "Industrieweg", "Havenkade", "Prins Hendrikstraat"}
	schools = []string{"Stichting Openbaar Onderwijs De Vaart", "Stichting Katholiek Onderwijs Rivierenland",
		"Vereniging voor Christelijk Primair Onderwijs De Brug", "Stichting Scholengroep Noorderlicht"}
	months = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
		"oktober", "november", "december"}
)

// The categories of personal data per subject group, as agreements word
// them, with their keys (GOLD.md's vocabulary).
var groupPool = []Group{
	{Key: "leerling", Label: "leerlingen", Categories: []Category{
		{"voornaam", "naam"}, {"achternaam", "naam"}, {"geboortedatum", "geboortedatum"}, {"geslacht", "geslacht"},
		{"klas", "onderwijsorganisatie"}, {"leerjaar", "onderwijsorganisatie"}, {"toetsresultaten", "studievoortgang"},
		{"leerresultaten", "studievoortgang"}, {"leerlingnummer", "onderwijsnummer"}, {"IP-adres", "ip_adres"},
		{"inloggegevens", "gebruik"},
	}},
	{Key: "medewerker", Label: "leerkrachten", Categories: []Category{
		{"naam", "naam"}, {"e-mailadres", "contact"}, {"inloggegevens", "gebruik"}, {"telefoonnummer", "contact"},
	}},
	{Key: "ouder", Label: "ouders", Categories: []Category{
		{"naam", "naam"}, {"e-mailadres", "contact"}, {"telefoonnummer", "contact"},
	}},
}

// periodPool are retention periods; %s is a length written out ("drie
// maanden"), and each entry lists the lengths it is drawn from. The data
// they name is no category of personal data ("Resultaten" would read as
// studievoortgang), so that the categories stay those of Groups.
var periodPool = []struct {
	data, sentence, cell string
	lengths              []length
	bound, trigger       string
}{
	{"Persoonsgegevens", "Persoonsgegevens worden uiterlijk %s na beëindiging van de overeenkomst verwijderd.",
		"Uiterlijk %s na beëindiging van de overeenkomst", []length{{"drie maanden", "P3M"}, {"vier weken", "P4W"}, {"zes maanden", "P6M"}}, "max", "contract_end"},
	{"Overige gegevens", "Gegevens worden maximaal %s na het laatste gebruik verwijderd.",
		"Maximaal %s na het laatste gebruik", []length{{"twee jaar", "P2Y"}, {"18 maanden", "P18M"}}, "max", "last_use"},
	{"Back-ups", "Back-ups worden na %s automatisch overschreven.",
		"Na %s automatisch overschreven", []length{{"90 dagen", "P90D"}, {"14 dagen", "P14D"}}, "exact", "creation"},
}

type length struct{ words, iso string }

// Generate invents an agreement from seed. The same seed gives the same
// agreement. subprocessors is how many sub-processors it names (0 draws
// 2 to 5); allEEA keeps them all inside the EEA.
func Generate(seed uint64, subprocessors int, allEEA bool) Agreement {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	var a Agreement
	stem := pick(supplierStems)
	city := cities[r.IntN(len(cities))]
	a.Supplier = Supplier{
		Name:     fmt.Sprintf(pick(supplierForms), stem),
		Short:    stem,
		KvK:      fmt.Sprintf("%d%07d", 1+r.IntN(9), r.IntN(10_000_000)),
		Street:   fmt.Sprintf("%s %d", pick(streets), 1+r.IntN(120)),
		Postcode: fmt.Sprintf("%s %c%c", city.postcode, 'A'+r.IntN(18), 'A'+r.IntN(26)),
		City:     city.name,
		Domain:   strings.ToLower(stem) + ".example",
	}
	a.School = pick(schools)
	products := slices.Clone(productStems)
	r.Shuffle(len(products), func(i, j int) { products[i], products[j] = products[j], products[i] })
	a.Products = products[:1+r.IntN(2)]

	if subprocessors == 0 {
		subprocessors = 2 + r.IntN(4)
	}
	stems := slices.Clone(subStems)
	r.Shuffle(len(stems), func(i, j int) { stems[i], stems[j] = stems[j], stems[i] })
	outside := false
	for i := range subprocessors {
		c := Countries[r.IntN(len(Countries))]
		switch {
		case allEEA:
			for !c.EEA {
				c = Countries[r.IntN(len(Countries))]
			}
		case i == subprocessors-1 && !outside: // at least one outside the EEA
			for c.EEA {
				c = Countries[r.IntN(len(Countries))]
			}
		}
		outside = outside || !c.EEA
		forms := legal[c.Code]
		name := stems[i%len(stems)] + " " + pick(subKinds) + " " + forms[r.IntN(len(forms))]
		a.Subprocessors = append(a.Subprocessors, Subprocessor{Name: name, Country: c, Purpose: pick(purposes)})
	}

	for _, p := range periodPool {
		if r.IntN(3) == 0 {
			continue
		}
		l := p.lengths[r.IntN(len(p.lengths))]
		a.Retention = append(a.Retention, Period{Data: p.data, Sentence: fmt.Sprintf(p.sentence, l.words),
			Cell: fmt.Sprintf(p.cell, l.words), Duration: l.iso, Bound: p.bound, Trigger: p.trigger})
	}
	if len(a.Retention) == 0 {
		p, l := periodPool[0], periodPool[0].lengths[0]
		a.Retention = []Period{{Data: p.data, Sentence: fmt.Sprintf(p.sentence, l.words),
			Cell: fmt.Sprintf(p.cell, l.words), Duration: l.iso, Bound: p.bound, Trigger: p.trigger}}
	}

	for i, g := range groupPool {
		if i > 0 && r.IntN(2) == 0 {
			continue
		}
		cats := slices.Clone(g.Categories)
		r.Shuffle(len(cats), func(i, j int) { cats[i], cats[j] = cats[j], cats[i] })
		n := min(len(cats), 2+r.IntN(3))
		g.Categories = cats[:n]
		a.Groups = append(a.Groups, g)
	}

	for i := range a.BIV {
		a.BIV[i] = 1 + r.IntN(3)
	}
	a.BreachHours = []int{24, 36, 48, 72}[r.IntN(4)]
	a.ModelVersion = []string{"3.0", "4.0"}[r.IntN(2)]
	a.Version = fmt.Sprintf("%d.%d", 1+r.IntN(4), r.IntN(10))
	a.VersionDate = time.Date(2021+r.IntN(5), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	return a
}

// DutchDate writes t the Dutch way: "1 maart 2024".
func DutchDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// BIVWord is a BIV level in words.
func BIVWord(level int) string { return []string{"", "Laag", "Midden", "Hoog"}[level] }

// List lists a group's categories as written ("voornaam,
// achternaam en klas").
func (g Group) List() string {
	words := make([]string, len(g.Categories))
	for i, c := range g.Categories {
		words[i] = c.Word
	}
	return Enumerate(words, "en")
}

// Enumerate joins words the Dutch way: "a, b en c".
func Enumerate(words []string, and string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}
