package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestExtractCategories(t *testing.T) {
	tests := []struct {
		name, text   string
		groups, cats string // space-separated, sorted
	}{
		{"lettered section with groups",
			"C. Doeleinden\nDe leerresultaten worden gebruikt.\n" +
				"D. Categorieën en soorten persoonsgegevens\n1. Van leerlingen:\n- voornaam, achternaam\n- ECK-ID\n- groepsnaam\n" +
				"2. Van docenten:\n- e-mailadres\n- inloggegevens\nE. Subverwerkers\nFoto's van de helpdesk.\n",
			"leerling medewerker", "contact eck_id gebruik naam onderwijsorganisatie"},
		{"items not headings, and IP-adres is no address",
			"Categorieën persoonsgegevens\nBetrokkenen: Gebruikers – leerlingen\nContactgegevens\tVoornaam, achternaam\nTechnische gegevens\tIP-adres\n",
			"leerling", "ip_adres naam"},
		{"Markdown heading without a number (a privacy page)",
			"# Privacyverklaring\n\n## Welke gegevens verwerken wij?\n\nVan leerlingen verwerken wij:\n\n- voornaam en achternaam\n- groep en school\n- oefenresultaten en voortgang\n\n" +
				"Van leerkrachten verwerken wij naam en e-mailadres.\n\n## Hoe lang bewaren wij gegevens?\n\nTot het einde van de licentie.\n",
			"leerling medewerker", "contact naam onderwijsorganisatie studievoortgang"},
		{"group-column table in PDF text: an unticked row lost its empty cells",
			"2. Persoonsgegevens\nCategorie | Leerling Ouder Medewerker\nNaam | x | x | x\nGeboortedatum | x\nBurgerservicenummer\nCijfers en toetsresultaten x\n3. Bewaartermijnen\n",
			"leerling medewerker ouder", "geboortedatum naam studievoortgang"},
		{"a hyphenated or English sub-processor heading ends the section",
			"C. Categorieën Persoonsgegevens\nVan leerlingen: leerlingnummer en geslacht.\nSub-verwerkers\nNaam | Wolkdienst GmbH\nDoel | verzending van e-mail\n",
			"leerling", "geslacht onderwijsnummer"},
		{"group labels run into one line (Markdown label lines in HTML or PDF)",
			"B. Categorieën persoonsgegevens\nLeerlingen: naam, leerjaar, toetsresultaten. Docenten: e-mailadres.\nC. Subverwerkers\n",
			"leerling medewerker", "contact naam onderwijsorganisatie studievoortgang"},
		{"heading alone counts",
			"Categorieën persoonsgegevens\nVan ouders:\nContactgegevens\n",
			"ouder", "contact"},
		{"unticked, n.v.t. and negated items",
			"Soorten persoonsgegevens\nVan leerlingen:\n☒ Naam\n☐ Gezondheid\nFoto's | n.v.t.\nGodsdienst: nee\nWij verwerken geen BSN, maar wel de klas.\n",
			"leerling", "naam onderwijsorganisatie"},
		{"group without categories is left out",
			"Categorieën persoonsgegevens\nVan ouders:\nVan leerlingen:\n- toetsresultaten\n",
			"leerling", "studievoortgang"},
		{"coded table: only referenced rows",
			"Tabel 4: Categorieën Persoonsgegevens\nCategorie\tSpecificatie\tBetrokkenen\n\tOnderwijsdeelnemer\tMedewerker\n" +
				"Contactgegevens\tVoornaam\tCD1\tCM1\nNationaliteit\t\tCD2\tCM2\nGeboortedatum\t\tCD3\tCM3\n" +
				"2. Bewaartermijn\nSubverwerker X\tCD1 CM1 CD3\n",
			"leerling medewerker", "geboortedatum naam"},
		{"coded table with a referenced range",
			"Tabel 1: Modules\nOefenen\tCD1-CD2\n" +
				"Tabel 4: Categorieën Persoonsgegevens\n\tOnderwijsdeelnemer\tMedewerker\n" +
				"Contactgegevens\tVoornaam\tCD1\tCM1\nNationaliteit\t\tCD2\tCM2\nGeboortedatum\t\tCD3\tCM3\n",
			"leerling", "naam nationaliteit"},
		{"coded table: only the groups whose codes are referenced",
			"Tabel 4: Categorieën Persoonsgegevens\n\tOnderwijsdeelnemer\tMedewerker\n" +
				"Contactgegevens\tVoornaam\tCD1\tCM1\nGeboortedatum\t\tCD3\tCM3\n" +
				"2. Bewaartermijn\nSubverwerker X\tCD1 CD3\n",
			"leerling", "geboortedatum naam"},
		{"coded table referenced nowhere lists all",
			"Tabel 4: Categorieën Persoonsgegevens\n\tOnderwijsdeelnemer\tMedewerker\nContactgegevens\tVoornaam\tCD1\tCM1\nNationaliteit\t\tCD2\tCM2\n",
			"leerling medewerker", "naam nationaliteit"},
		{"group labels before a colon, negation looking back",
			"2. Categorieën van persoonsgegevens\nLeerlingen: naam, klas.\nSchoolbeheerders: e-mailadres.\n" +
				"Bijzondere persoonsgegevens, zoals gegevens over gezondheid, worden niet verwerkt.\n3. Subverwerkers\nFoto's\n",
			"leerling medewerker", "contact naam onderwijsorganisatie"},
		{"bare group headings and ticked rows",
			"C. Categorieën persoonsgegevens\nVan leerlingen\n| Voornaam | ☒ |\n| Profielfoto | n.v.t. |\n| ☐ Gezondheid | |\n" +
				"Docenten\n| E-mailadres | ☒ |\nOuders/verzorgers:\n| Bankrekeningnummer | n.v.t. |\n",
			"leerling medewerker", "contact naam"},
		{"table header without a heading, groups from a label",
			"Betrokkenen: leerlingen en hun ouders\n\nCategorie | Voorbeelden |\nIdentificatie | voornaam, geboortedatum |\n\nArtikel 9\nE-mail\n",
			"leerling ouder", "geboortedatum naam"},
		{"section headed Overzicht van de verwerkte persoonsgegevens",
			"4. Overzicht van de verwerkte persoonsgegevens\nLeerlinggegevens: naam, leerjaar\n5. Bewaartermijnen\nfoto's\n",
			"leerling", "naam onderwijsorganisatie"},
		{"a column per group, unmarked rows skipped",
			"Categorieën persoonsgegevens\n| Gegevens | Leerling | Ouder |\n|---|---|---|\n| Naam | x | x |\n| Gezondheid | | |\n| Telefoonnummer | | x |\n",
			"leerling ouder", "contact naam"},
		{"a column per group with checkboxes, n.v.t. in one group",
			"Categorieën persoonsgegevens\nCategorie | Leerling | Medewerker\nToetsresultaten | ☒ | n.v.t.\nGeboortedatum | ☐ | ☐\nE-mailadres | n.v.t. | ✓\nGezondheid | nee | n.v.t.\n",
			"leerling medewerker", "contact studievoortgang"},
		{"a column per group laid out by tabs, ja and nee",
			"Categorieën persoonsgegevens\nCategorie\tLeerling\tOuder\nNaam\tja\tnee\nTelefoonnummer\tnee\tja\nGodsdienst\tnee\tnee\n",
			"leerling ouder", "contact naam"},
		{"a Ja/Nee column",
			"Categorieën persoonsgegevens van leerlingen\nGegevens | Wordt verwerkt?\nVoornaam | Ja\nGeboortedatum | Nee\nKlas | Ja\n",
			"leerling", "naam onderwijsorganisatie"},
		{"Ja and Nee columns with checkboxes",
			"Categorieën persoonsgegevens van leerlingen\nGegevens | Ja | Nee\nVoornaam | ☒ | ☐\nGeboortedatum | ☐ | ☒\n",
			"leerling", "naam"},
		{"Ja and Nee columns marked with x",
			"Categorieën persoonsgegevens van leerlingen\nGegevens | Ja | Nee\nVoornaam | x | \nGeboortedatum | | x\nKlas | x |\n",
			"leerling", "naam onderwijsorganisatie"},
		{"Ja and Nee columns laid out by tabs",
			"Categorieën persoonsgegevens van leerlingen\nGegevens\tJa\tNee\nVoornaam\tX\t\nGeboortedatum\t\tX\n",
			"leerling", "naam"},
		{"question rows of a Vraag | Antwoord table",
			"Vraag | Antwoord\nWie zijn de gebruikers? | Leerlingen en hun leerkrachten\nWelke gegevens van leerlingen worden verwerkt? | Voornaam, groep en toetsresultaten\nWelke gegevens van leerkrachten worden verwerkt? | E-mailadres\nWorden bijzondere persoonsgegevens verwerkt? | Nee\n",
			"leerling medewerker", "contact naam onderwijsorganisatie studievoortgang"},
		{"prose naming the groups, then a list",
			"Artikel 1 – Onderwerp\nLeverancier verwerkt de persoonsgegevens van leerlingen en ouders uitsluitend in opdracht van Onderwijsinstelling. Het gaat om: naam, telefoonnummer en klas.\n",
			"leerling ouder", "contact naam onderwijsorganisatie"},
		{"prose 'verwerkt de volgende gegevens van <groep>:' list",
			"2. Verwerking\n2.1 De leverancier verwerkt de volgende gegevens van leerlingen: voornaam, groep en toetsresultaten.\n",
			"leerling", "naam onderwijsorganisatie studievoortgang"},
		{"a bare numbered heading Gegevens",
			"2. GEGEVENS\n2.1 Van leerlingen worden verwerkt: leerjaar en geslacht.\n2.2 Van ouders wordt alleen het e-mailadres verwerkt.\n3. SUBVERWERKERS\nNaam: Wolk B.V.\n",
			"leerling ouder", "contact geslacht onderwijsorganisatie"},
		{"bare heading Persoonsgegevens van docenten",
			"Soorten persoonsgegevens\nPersoonsgegevens van docenten\n- e-mailadres\n",
			"medewerker", "contact"},
		{"prose words count only in lists",
			"Categorieën persoonsgegevens\nDe school bepaalt zelf welke gegevens van leerlingen in de klas en in het rooster worden gebruikt; wij verwerken daarvoor alleen de voornaam van de leerling.\n- groep\n",
			"leerling", "naam onderwijsorganisatie"},
		{"prose words not from a long sentence",
			"Categorieën persoonsgegevens\nDe school bepaalt zelf welke gegevens van leerlingen in de klas en in het rooster worden gebruikt; wij verwerken daarvoor alleen de voornaam van de leerling.\n",
			"leerling", "naam"},
		{"an empty strong heading gives way to a weaker one",
			"C. Persoonsgegevens die worden verwerkt\nVan leerlingen:\n- voornaam\n3. Soorten van gegevens:\nGeen bijzondere.\nE. Subverwerkers\n",
			"leerling", "naam"},
		{"no section", "Artikel 3\nDe Verwerker verwerkt namen en e-mailadressen.\n", "", ""},
		{"prose clause names the groups",
			"3. Categorieën en soorten persoonsgegevens\nToegang | Acadin vraagt de volgende gegevens van de leerling en leerkracht op: • Voornaam; • Jaargroep |\n4. Algemene informatie over getroffen beveiligingsmaatregelen\nDe e-mail wordt beveiligd.\n",
			"leerling medewerker", "naam onderwijsorganisatie"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := textDoc(tc.text)
			r := &Record{Evidence: map[string][]Evidence{}}
			extractCategories(d, r)
			if got := strings.Join(r.SubjectGroups, " "); got != tc.groups {
				t.Errorf("groups = %q, want %q", got, tc.groups)
			}
			if got := strings.Join(r.DataCategories, " "); got != tc.cats {
				t.Errorf("categories = %q, want %q", got, tc.cats)
			}
			for i := range r.DataCategories {
				if len(r.Evidence[fmt.Sprintf("data_categories[%d]", i)]) == 0 {
					t.Errorf("no evidence for data_categories[%d]", i)
				}
			}
		})
	}
}

func TestCategoryWordings(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Voorna(a)m(en)", []string{"naam"}},
		{"E-mailadres (school)", []string{"contact", "onderwijsorganisatie"}},
		{"Email adres", []string{"contact"}},
		{"IP-adres", []string{"ip_adres"}},
		{"Basispoort School ID", []string{"onderwijsorganisatie"}},
		{"Basispoort-ID", []string{"eck_id"}},
		{"LeerlingId", []string{"onderwijsnummer"}},
		{"leerlingLASkey", []string{"onderwijsnummer"}},
		{"Toetsnaam", []string{"studievoortgang"}},
		{"bekeken instructievideo's", nil},
		{"Aan- en afwezigheidsregistratie", []string{"aanwezigheid"}},
		{"Burgerservicenummer (BSN) of PGN", []string{"bsn"}},
		{"naamgeving", nil},
		{"Oefenweb", nil},
	}
	for _, tc := range tests {
		var got []string
		for _, h := range catLongest(tc.text, 0, categoryTerms(), nil) {
			if k := strings.TrimLeft(h.key, "~?"); len(got) == 0 || got[len(got)-1] != k {
				got = append(got, k)
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q maps to %v, want %v", tc.text, got, tc.want)
		}
	}
}
