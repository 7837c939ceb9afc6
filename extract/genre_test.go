package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

func textOf(format corpus.Format, s string) *corpus.Document {
	return corpus.NewDocument(corpus.Source{Path: "x", Format: format}, []corpus.PageText{{Text: s}})
}

func TestGenre(t *testing.T) {
	tests := []struct {
		name   string
		format corpus.Format
		text   string
		want   bool
		why    string
	}{
		{"privacy statement", corpus.FormatHTML, "Privacyverklaring\n\nWij gaan zorgvuldig om met uw persoonsgegevens.\n", true, ""},
		{"sub-processor list", corpus.FormatText, "Sub-processors of Wolkwijs\n\nWe use the following sub-processors to process personal data:\nHemelhost Inc. – hosting – United States\n", true, ""},
		{"security page", corpus.FormatHTML, "Veiligheid bij Rekenwolk\n\nInformatiebeveiliging is voor ons belangrijk. Een datalek melden wij binnen 24 uur.\n", true, ""},
		{"readme without vocabulary", corpus.FormatText, "# Map Leveranciers\n\nHier staan de contracten van de school.\nVragen? Mail de administratie.\n", false, "no privacy or agreement vocabulary"},
		{"note with one term only", corpus.FormatText, "Boodschappen\n- brood\n- melk\nPrivacy: niet vergeten het gordijn dicht te doen.\n", false, "no privacy or agreement vocabulary"},
		{"JSON object", corpus.FormatText, `{"kind": "verwerkersovereenkomst", "processor": {"name": "Wolkwijs B.V."}, "privacy": true}`, false, "JSON data"},
		{"JSON Lines", corpus.FormatText, "{\"kind\": \"verwerkersovereenkomst\"}\n{\"kind\": \"privacybijsluiter\", \"avg\": true}\n", false, "JSON data"},
		{"Python with the vocabulary", corpus.FormatText, "import sys\n\ndef verwerk(persoonsgegevens):\n    verwerker = sys.argv[1]\n    privacy = True\n    return verwerker\n\nif __name__ == \"__main__\":\n    verwerk(None)\n", false, "program source"},
		{"Markdown privacy page with bullets and colons", corpus.FormatText, "# Privacyverklaring Wolkwijs\n\n## Welke gegevens verwerken wij?\n\nVan leerlingen verwerken wij:\n\n* voornaam en achternaam\n* groep en school\n* oefenresultaten\n* IP-adres\n\nVan leerkrachten:\n\n* naam\n* e-mailadres\n\n## Subverwerkers:\n\n| Partij | Land |\n|---|---|\n| Hemelhost Inc. | VS |\n", true, ""},
		{"agreement clauses ending in semicolons", corpus.FormatText, "Artikel 3 Verplichtingen\n\nVerwerker zal:\na. persoonsgegevens uitsluitend verwerken in opdracht (art. 28 lid 3);\nb. geheimhouding betrachten (zie bijlage 2);\nc. subverwerkers alleen inschakelen met toestemming;\nd. een datalek binnen 24 uur melden;\ne. meewerken aan audits (art. 28(3)(h));\n", true, ""},
		{"Go source", corpus.FormatText, "package main\n\nimport \"fmt\"\n\n// verwerker handles persoonsgegevens and privacy\nfunc main() {\n\tx := verwerk()\n\tfmt.Println(x)\n}\n", false, "program source"},
		{"English sub-processor page, a term wrapped at a line end (PDF)", corpus.FormatPDF, "Quizbolt Sub-processors\nQuizbolt uses the following sub-processors. Each sub-processor is bound by a data\nprocessing agreement.\nAmazon Web Services, Inc. | Cloud hosting | EU\n", true, ""},
		{"JSON-like text in a PDF is text", corpus.FormatPDF, `{"privacy": "persoonsgegevens"}`, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := textOf(tc.format, tc.text)
			got, why := Genre(doc, Extract(doc))
			if got != tc.want || why != tc.why {
				t.Errorf("Genre = %v, %q; want %v, %q", got, why, tc.want, tc.why)
			}
		})
	}
}

// TestGenreFiles checks the genre on real files: every fixture agreement
// belongs, its JSON labels and this package's source do not.
func TestGenreFiles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/agreements/*")
	files = append(files, "genre.go", "genre_test.go")
	if len(files) < 10 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := textOf(corpus.FormatText, string(data))
		got, why := Genre(doc, Extract(doc))
		want := strings.HasSuffix(f, ".txt") || strings.HasSuffix(f, ".md")
		if got != want {
			t.Errorf("%s: Genre = %v (%s), want %v", f, got, why, want)
		}
	}
}
