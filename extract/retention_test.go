package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// textDocument makes a one-page Document of text for rule tests.
func textDocument(text string) *corpus.Document {
	return corpus.NewDocument(corpus.Source{Path: "test.txt", Format: corpus.FormatText}, []corpus.PageText{{Text: text}})
}

func retentionString(items []Retention) string {
	var parts []string
	for _, it := range items {
		d := "null"
		if it.Duration != nil {
			d = *it.Duration
		}
		parts = append(parts, d+"/"+it.Bound+"/"+it.Trigger)
	}
	return strings.Join(parts, " ")
}

func TestExtractRetention(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"prose with number word", "Verwerker verwijdert de gegevens uiterlijk vier weken na beëindiging van de overeenkomst.", "P4W/max/contract_end"},
		{"trigger before the length", "Nadat de overeenkomst is beëindigd, vernietigt Verwerker binnen twee weken of op verzoek onmiddellijk de gegevens.", "P2W/max/contract_end"},
		{"minimum during licence", "Loggegevens worden gedurende de licentie minimaal 13 maanden bewaard.", "P13M/min/during_contract"},
		{"tot … na", "Gegevens worden bewaard tot 12 maanden na het aflopen van het abonnement.", "P12M/max/contract_end"},
		{"subscription cancelled, words between", "Accounts worden verwijderd uiterlijk 60 dagen nadat de school het abonnement heeft opgezegd.", "P60D/max/contract_end"},
		{"anderhalf jaar after last use", "Persoonsgegevens worden maximaal anderhalf jaar na het laatste gebruik verwijderd.", "P18M/max/last_use"},
		{"after N days without a start", "Logbestanden worden na 90 dagen automatisch gewist.", "P90D/exact/creation"},
		{"ten minste", "De gegevens worden ten minste 30 dagen bewaard.", "P30D/min/unspecified"},
		{"of korter", "Back-ups worden drie maanden of korter bewaard.", "P3M/max/unspecified"},
		{"until end of school year", "Toetsresultaten worden bewaard tot het einde van het schooljaar.", "null/until/school_year_end"},
		{"sharpening clause after a comma", "Opnames worden direct na de beoordeling verwijderd, en in ieder geval binnen 7 dagen na het opnemen.", "P7D/max/creation"},
		{"doch uiterlijk after a comma", "Na beëindiging van de overeenkomst vernietigt Verwerker de gegevens na de teruggave, doch uiterlijk binnen twee maanden.", "P2M/max/contract_end"},
		{"a new clause with another action is not retention", "Verwerker verwijdert de gegevens, en stuurt binnen 14 dagen een bevestiging.", ""},
		{"deleted at the end of the school year", "Foto's worden aan het einde van het schooljaar verwijderd.", "null/until/school_year_end"},
		{"until notice", "Accountgegevens worden bewaard tot opzegging van het abonnement.", "null/until/contract_end"},
		{"table with a Bewaartermijn column",
			"Gegevens\tBewaartermijn\nLeerlinggegevens\tVier weken na totstandkoming\nToetsen\tMaximaal twee schooljaren\nResultaten\tTot einde schooljaar\n",
			"P4W/exact/creation P2Y/max/unspecified null/until/school_year_end"},
		{"pipe table with label row", "| Bewaartermijn: | Alle gegevens worden uiterlijk 2 weken na beëindiging verwijderd. |\n", "P2W/max/contract_end"},
		{"deduplicated", "Gegevens worden binnen 4 weken na beëindiging vernietigd.\n\nOok back-ups worden binnen vier weken na beëindiging vernietigd.", "P4W/max/contract_end"},
		{"restated without trigger", "Gegevens worden binnen 4 weken na beëindiging vernietigd.\n\nAlle gegevens worden binnen vier weken vernietigd.", "P4W/max/contract_end"},
		{"deletion on request in a retention section", "C. Bewaartermijnen\nIn geval van afmelding of een verzoek daartoe worden de contactgegevens verwijderd.\n", "null/until/request"},
		{"no request period in an article", "Artikel 12: Bewaartermijnen\nBij een verzoek worden de gegevens verwijderd.\n", ""},
		{"objection period", "De bezwaartermijn bedraagt 6 weken.", ""},
		{"notice period", "De overeenkomst kan worden opgezegd met een opzegtermijn van drie maanden; gegevens worden dan verwijderd.", ""},
		{"invoices", "Facturen worden zeven jaar bewaard.", ""},
		{"placeholder", "Logbestanden worden na XXX maanden gewist.", ""},
		{"anonymised", "De geanonimiseerde gegevens worden tien jaar bewaard.", ""},
		{"back reference", "Verwerker bewaart de contactgegevens ook na de termijn van 12 maanden.", ""},
		{"no retention word", "Scholen kunnen nog een jaar lang terugkijken.", ""},
		{"model article without length", "Verwerker zal de Persoonsgegevens bij de beëindiging van de Verwerkersovereenkomst te (doen) vernietigen, tenzij de Persoonsgegevens langer bewaard moeten worden, dan wel op verzoek.", ""},
		{"PDF layout: wrapped table row", "4. Bewaartermijn:\ngegevens van scholen en | Maximaal 1,5 jaar na het laatste actief\nleerlingen; | gebruik door de school.\nnotities; log-gegevens.\nResultaten. | Vier weken na totstandkoming.\n", "P18M/max/last_use P4W/exact/creation"},
		{"PDF layout: cell wrapped without pipes", "Loggegevens | Loggegevens worden gedurende een licentie minimaal\n13 maanden bewaard.\n6. Subverwerkers\n", "P13M/min/during_contract"},
		{"PDF layout: running title and page number inside a retention section",
			"Bijlage 1: Privacybijsluiter\nC. Bewaartermijnen\nIntro.\nPagina 5 van 6\n\f\nBijlage 1: Privacybijsluiter\nToetsen | Tot einde schooljaar\n", "null/until/school_year_end"},
		{"PDF layout: hard-wrapped sentence", "Persoonsgegevens worden uiterlijk vier weken na\nBeëindiging van de Overeenkomst vernietigd.\n", "P4W/max/contract_end"},
		{"last login", "Accounts worden 12 maanden na de laatste keer dat is ingelogd verwijderd.", "P12M/exact/last_use"},
		{"inactivity", "Na 2 jaar inactiviteit worden accounts verwijderd.", "P2Y/exact/last_use"},
		{"P12M and P1Y are one period", "Gegevens worden uiterlijk 12 maanden na beëindiging verwijderd.\n\nBack-ups worden uiterlijk een jaar na beëindiging verwijderd.", "P12M/max/contract_end"},
		{"trigger in another cell of the row", "Gegevens | Bewaartermijn | Vanaf\nToetsen | 2 jaar | na het einde van het schooljaar\n", "P2Y/exact/school_year_end"},
		{"first cell names the data, not the trigger", "Gegevens | Bewaartermijn\nDatum laatste login | 6 maanden\n", "P6M/exact/unspecified"},
		{"for the term of the licence in a retention section", "C. Bewaartermijnen\nAccountgegevens worden bewaard zolang de licentie loopt.\n", "null/until/during_contract"},
		{"for the term of the contract elsewhere", "Artikel 6: Geheimhouding\nVerwerker houdt de gegevens geheim zolang de overeenkomst loopt en bewaart ze veilig.\n", ""},
		{"backups overwritten", "Back-ups worden na 30 dagen overschreven.", "P30D/exact/creation"},
		{"DOCX numbering with a tab", "4.\tBewaartermijn:\nIn de tabel staan de termijnen.\nToetsen | Tot einde schooljaar\nVolgen | Maximaal twee schooljaren.\n", "null/until/school_year_end P2Y/max/unspecified"},
		{"OCR: table without separators", "Bewaartermijn:\n\nIn de tabel staan de termijnen.\n\nAVL\n\ngegevens van scholen en leerkrachten en Maximaal 1,5 jaar na het laatste actief\nleerlingen; gebruik door de school.\n\nResultaten van oefenen. Vier weken na totstandkoming.\nResultaten van toetsen. Tot einde schooljaar\n\nE. Subverwerkers\n", "P18M/max/last_use P4W/exact/creation null/until/school_year_end"},
		{"terse periods only in a retention section", "B. Diensten\nResultaten van oefenen. Vier weken na totstandkoming.\n", ""},
		{"no terse period mid-sentence", "C. Bewaartermijnen\nScholen kunnen nog een jaar lang terugkijken, tot het einde van het schooljaar.\n", ""},
		{"einde licentie without article", "Bewaartermijn: 1 jaar na einde licentie.", "P1Y/exact/contract_end"},
		{"account removed", "Gegevens worden uiterlijk 30 dagen na het opheffen van het account gewist.", "P30D/max/contract_end"},
		{"nooit langer dan", "Gegevens worden nooit langer dan 18 maanden bewaard.", "P18M/max/unspecified"},
		{"end of the course year", "Resultaten worden 2 jaar na het einde van het cursusjaar verwijderd.", "P2Y/exact/school_year_end"},
		{"English", "Personal data is deleted within 30 days after termination of the agreement.", "P30D/max/contract_end"},
		{"another action is closer to the period", "Verwerker bewaart de auditrapporten gedurende de looptijd en verstrekt deze binnen 14 dagen na een verzoek.", ""},
		{"no retention word in the period's clause", "Na beëindiging heeft de school 30 dagen om gegevens te exporteren, waarna deze worden verwijderd.", ""},
		{"retention word after the period", "Gegevens van leerlingen en leerkrachten worden drie maanden na het laatste gebruik verwijderd.", "P3M/exact/last_use"},
		{"financial records", "Voor de financiële administratie geldt een wettelijke bewaartermijn van zeven jaar.", ""},
		{"markdown table with a fiscal row", "| Gegevens | Bewaartermijn | Toelichting |\n|---|---|---|\n| Toetsresultaten | 24 maanden | Gerekend vanaf de afname van de toets |\n| Facturen | 7 jaar | Fiscale bewaarplicht |\n", "P24M/exact/creation"},
		{"breach deadline", "Verwerker meldt een datalek binnen 24 uur; de gegevens worden daarna verwijderd.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := textDocument(tc.text)
			rec := Extract(doc)
			if got := retentionString(rec.Retention); got != tc.want {
				t.Errorf("retention = %q, want %q", got, tc.want)
			}
			for i := range rec.Retention {
				evs := rec.Evidence[fmt.Sprintf("retention[%d]", i)]
				if len(evs) == 0 {
					t.Errorf("retention[%d] has no evidence", i)
				}
			}
		})
	}
}

// TestHoldsAny holds holdsAny and wordSpots to containsAny on the
// lower-case copy, for
// strings inside a document being extracted and others (with a Kelvin
// sign or an İ, which strings.ToLower makes k and i), and checks that the
// cue words are in lower case.
func TestHoldsAny(t *testing.T) {
	for _, words := range [][]string{retentionCues, breachCues} {
		for _, w := range words {
			if w != strings.ToLower(w) {
				t.Errorf("cue word %q: must be lower case", w)
			}
		}
	}
	texts := []string{"De gegevens worden BEWAARD.", "Een DATALEK wordt gemeld", "bewaar\u212a", "İncident", "Een İNCIDENT", "\u212aeep", "geen"}
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	for _, text := range texts {
		d := newDoc(textDocument(text)) // its text is read in its index while live
		for _, words := range [][]string{retentionCues, breachCues} {
			spots := newWordSpots(d, words)
			for _, p := range splitPassages(d.text) {
				for _, s := range []string{p.text, p.heading} {
					want := containsAny(strings.ToLower(s), words)
					if got := holdsAny(s, words); got != want {
						t.Fatalf("%q: holdsAny %v, want %v", s, got, want)
					}
					if got := spots.holds(s); got != want {
						t.Fatalf("%q: wordSpots.holds %v, want %v", s, got, want)
					}
				}
			}
		}
		d.release()
	}
}
