package extract

import (
	"strings"
	"sync"
)

// categoryWordings maps the Dutch (and English) wordings of personal data
// items to the data_categories vocabulary of the record contract. A
// wording matches at the start of a word, in any case; a space or hyphen
// in it also matches "e-mail", "e mail" and "email". A trailing "$" makes
// it match only a whole word ("naam" but not "naamgeving"), a leading "*"
// also as the end of a compound ("leesresultaten"); a leading "~"
// marks a heading ("Contactgegevens") that counts only when nothing else
// on its line or row maps, because agreements group items under headings
// of their own choosing (Model 4.0 files "Voornaam" under
// "Contactgegevens"). A leading "?" marks a word common in prose ("de
// school", "in de klas") that counts only in a list or table, not in a
// long sentence.
var categoryWordings = []struct {
	key      string
	wordings []string
}{
	{"naam", []string{"voornaam", "voornamen", "voorna(a)m", "voorletter", "achternaam", "achternamen", "roepnaam",
		"tussenvoegsel", "geboortenaam", "weergavenaam", "schermnaam", "naam$", "namen$", "volledige naam",
		"first name", "last name", "surname", "full name", "name$", "names$", "display name"}},
	{"contact", []string{"e-mailadres", "e-mail", "mailadres", "telefoonnummer", "telefoon", "mobiel nummer",
		"mobiele nummer", "adres$", "adressen$", "adresgegevens", "woonadres", "bezoekadres", "postadres", "huisadres",
		"straat", "huisnummer", "postcode", "woonplaats", "naw$", "naw-gegevens", "phone", "address",
		"~contactgegevens", "~contactinformatie", "~contact details"}},
	{"geslacht", []string{"geslacht", "gender", "sekse"}},
	{"geboortedatum", []string{"geboortedatum", "geboortejaar", "leeftijd", "date of birth", "birth date", "birthdate", "age$"}},
	{"nationaliteit", []string{"nationaliteit", "geboorteplaats", "geboorteland", "land van herkomst", "nationality", "country of birth"}},
	{"bsn", []string{"burgerservicenummer", "bsn$", "pgn$", "persoonsgebonden nummer", "sofinummer", "sofi-nummer"}},
	{"onderwijsnummer", []string{"onderwijsnummer", "onderwijsdeelnemernummer", "onderwijs-deelnemer-nummer",
		"leerlingnummer", "administratienummer", "stamnummer", "studentnummer", "personeelsnummer",
		"leerling-id$", "leerlingenid$", "las-key", "leerlinglaskey", "leerkrachtkey", "docentkey", "student id$", "student number"}},
	{"eck_id", []string{"eck-id$", "eckid$", "keten-id$", "ketenid$", "ketenpseudoniem", "keten pseudoniem",
		"basispoort-id$", "entree-id$", "entree pseudoniem", "pseudoniem"}},
	{"financieel", []string{"bankrekeningnummer", "rekeningnummer", "bankrekening", "iban", "factuur", "facturen",
		"facturatie", "betaalgegevens", "betaling", "betaalwijze", "bankgegevens", "financiële gegevens", "financiën",
		"financien", "creditcard", "incasso", "ouderbijdrage", "payment", "billing", "invoice", "bank account"}},
	{"onderwijsorganisatie", []string{"schoolnaam", "?school$", "?scholen$", "schoolgegevens", "school-id$",
		"basispoort school-id$", "brin", "groepsnaam", "groepskey", "groepscode", "?groep$", "?groepen$", "jaargroep",
		"lesgroep", "?klas", "leerjaar", "vak$", "vakken$", "vakgebied", "?rooster", "lesrooster", "?niveau$", "?niveaus$",
		"onderwijsniveau", "?opleiding", "leerweg", "studierichting", "ilt-code", "?rol$", "?rollen$",
		"instellingsinformatie", "instellingsnaam", "school/instelling", "class$", "grade level"}},
	{"studievoortgang", []string{"studievoortgang", "?voortgang", "leerresultaat", "leerresultaten", "?resultaat$",
		"?resultaten$", "*resultaten", "*resultaat", "*scores", "toets", "oefening", "oefenresultaat", "oefenresultaten", "oefengegevens", "cijfer", "score", "examinering", "examen", "antwoorden", "opgaven",
		"werkstuk", "leerprestaties", "?prestaties", "?beoordeling", "vorderingen", "leervorderingen",
		"studieresultaten", "rapportcijfer", "leerdoelen", "percentiel", "methodetoets", "grades", "test results",
		"results$", "progress"}},
	{"begeleiding", []string{"handelingsplan", "begeleiding", "?zorg$", "zorgdossier", "zorggegevens", "zorgplan",
		"zorgbehoefte", "zorgniveau", "ondersteuningsbehoefte", "ondersteuningsplan", "ontwikkelingsperspectief",
		"opp$", "notitie", "observatie", "leerlingdossier", "?dossier", "gespreksverslag", "gespreksnotitie",
		"?verslag", "aantekening", "leerlingbespreking"}},
	{"aanwezigheid", []string{"aanwezigheid", "afwezigheid", "absentie", "verzuim", "presentie", "attendance"}},
	{"gebruik", []string{"inloggegevens", "logingegevens", "login", "inlog", "gebruikersnaam", "gebruikersnamen",
		"username", "wachtwoord", "password", "loggegevens", "log-gegevens", "logbestand", "logging", "log-informatie",
		"logdata", "metadata", "meta-data", "diagnostische gegevens", "diagnostic", "gebruiksgegevens",
		"gebruikersstatistieken", "gebruiksstatistieken", "gebruiksinstellingen", "gebruikinstellingen",
		"~gebruikersgegevens", "cookie", "device", "apparaat", "browser", "user agent", "sessie", "paginabezoek",
		"klikgedrag", "surfgedrag", "?account", "tijdstempel", "usage data", "log data"}},
	{"ip_adres", []string{"ip-adres", "ip-nummer", "ip address", "ip$"}},
	{"beeldmateriaal", []string{"foto", "pasfoto", "profielfoto", "video", "audio", "beeldmateriaal", "beeldopname",
		"beeld- en geluid", "geluidsopname", "spraakopname", "stemopname", "webcam", "camerabeeld", "afbeelding",
		"portret", "?opname"}},
	{"gezondheid", []string{"gezondheid", "medisch", "medische", "allergie", "handicap", "dyslexie", "dyscalculie",
		"adhd$", "ziekte", "diagnose", "medicijn", "medicatie", "health"}},
	{"godsdienst", []string{"godsdienst", "religie", "levensovertuiging", "geloofsovertuiging", "geloof", "religion"}},
}

// subjectGroupWordings maps the words for groups of data subjects to the
// subject_groups vocabulary; each matches as a whole word, and a wording
// with a leading "*" also as the end of a compound ("schoolbeheerder",
// "vakdocent").
var subjectGroupWordings = []struct {
	group    string
	wordings []string
}{
	{"leerling", []string{"leerling", "leerlingen", "onderwijsdeelnemer", "onderwijsdeelnemers", "speler", "spelers",
		"scholier", "scholieren", "kind", "kinderen", "student", "studenten", "cursist", "cursisten", "deelnemer",
		"deelnemers", "pupil", "pupils", "learner", "learners", "students", "leerlinggegevens", "leerlingengegevens",
		"studentgegevens", "gegevens van leerlingen"}},
	{"medewerker", []string{"*medewerker", "*medewerkers", "*leerkracht", "*leerkrachten", "*docent", "*docenten", "leraar",
		"leraren", "*begeleider", "*begeleiders", "intern begeleider", "intern begeleiders", "*beheerder", "*beheerders",
		"ict-coördinator", "ict-coördinatoren", "ict-coordinator", "ict-coordinatoren", "afgevaardigde",
		"afgevaardigden", "directeur", "directeuren", "directie", "mentor", "mentoren", "personeel", "personeelsleden",
		"onderwijsondersteunende medewerkers", "remedial teachers", "teacher", "teachers", "staff", "employee", "employees",
		"leerkrachtgegevens", "docentgegevens", "medewerkergegevens", "medewerkersgegevens", "personeelsgegevens"}},
	{"ouder", []string{"ouder", "ouders", "verzorger", "verzorgers", "ouders/verzorgers", "voogd", "voogden",
		"gezaghebbende", "gezaghebbenden", "parent", "parents", "guardian", "guardians", "oudergegevens"}},
	{"school", []string{"school", "scholen", "onderwijsinstelling", "onderwijsinstellingen", "instelling", "instellingen",
		"schoolbestuur", "schoolbesturen", "schools"}},
	{"klant", []string{"klant", "klanten", "contactpersoon", "contactpersonen", "abonnee", "abonnees", "customer", "customers"}},
}

// categoryTerm is the compiled wordings of one key.
type categoryTerm struct {
	key  string
	kind string // "" for an item, "~" for a heading, "?" for a word common in prose
	// full is kind+key, the key catLongest reports
	full string
	// whole and prefix are the wordings that must end a word and those
	// that may open one, as listed
	whole, prefix []string
	m             *termMatcher
}

var (
	// categoryTerms and subjectGroupTerms are built on first use.
	categoryTerms     = sync.OnceValue(func() *termSet { return newTermSet(compileCategoryTerms()) })
	subjectGroupTerms = sync.OnceValue(func() *termSet { return newTermSet(compileSubjectGroupTerms()) })
)

// compileTerm compiles the wordings of one key, longest wordings first so
// that the longest wins where several start at the same place. A match
// starts a word; a whole wording also ends one, and the match then holds
// the character after it.
func compileTerm(key, kind string, whole, prefix []string) categoryTerm {
	return categoryTerm{key: key, kind: kind, full: kind + key, whole: whole, prefix: prefix,
		m: newTermMatcher(termWordings(whole, prefix))}
}

func compileCategoryTerms() []categoryTerm {
	var out []categoryTerm
	for _, c := range categoryWordings {
		for _, kind := range []string{"", "~", "?"} {
			var whole, prefix []string
			for _, w := range c.wordings {
				if kind == "" && (strings.HasPrefix(w, "~") || strings.HasPrefix(w, "?")) || kind != "" && !strings.HasPrefix(w, kind) {
					continue
				}
				w = strings.TrimPrefix(w, kind)
				if strings.HasSuffix(w, "$") || strings.HasPrefix(w, "*") {
					whole = append(whole, strings.TrimSuffix(w, "$"))
				} else {
					prefix = append(prefix, w)
				}
			}
			if len(whole)+len(prefix) > 0 {
				out = append(out, compileTerm(c.key, kind, whole, prefix))
			}
		}
	}
	return out
}

func compileSubjectGroupTerms() []categoryTerm {
	var out []categoryTerm
	for _, g := range subjectGroupWordings {
		out = append(out, compileTerm(g.group, "", append([]string{}, g.wordings...), nil))
	}
	return out
}
