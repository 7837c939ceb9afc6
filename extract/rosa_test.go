package extract

import (
	"encoding/json"
	"testing"
)

func TestExtractROSA(t *testing.T) {
	tests := []struct {
		name, text string
		assessment string // "" for none
		controls   string // JSON, "null" for none
	}{
		{"pipe table with header, hint and duplicates",
			"Toetsvorm | Peer review, uitgevoerd op 1-2-2023 | ||\n" +
				"Categorie | Maatregelen | Compliance | Uitleg |\n" +
				"Beschikbaarheid | [Voldaan/ niet voldaan/ alternatieve maatregel] | [Bij niet voldaan aangeven hoe] | |\n" +
				"Ontwerp | Voldaan | ||\n" +
				"Testen | Alternatieve maatregel | Smoketest. | |\n" +
				"Integriteit | Backup | Voldaan | |\n" +
				"Onweerlegbaarheid | Niet voldaan | In ontwikkeling | |\n" +
				"Vertrouwelijkheid | Logging | Gedeeltelijk | |\n" +
				"Beschikbaarheid | Ontwerp | Voldaan | |\n",
			"peer review", `{"voldaan":2,"alternatief":1,"gedeeltelijk":1,"niet_voldaan":1}`},
		{"tab table with category lines and the same name per category",
			"Toetsvorm\tSelf-assessment\t\n" +
				"Categorie: Beschikbaarheid = 2/3\t\t\n" +
				"Maatregelen\tCompliance\tUitleg\n" +
				"Actuele dreigingen\tVoldaan\tOp niveau 2\n" +
				"Categorie Integriteit = 2\t\t\n" +
				"Onweerlegbaarheid\tNiet voldaan*\tIn ontwikkeling.\n" +
				"Onweerlegbaarheid\tNiet voldaan*\tIn ontwikkeling.\n" +
				"Actuele dreigingen\tVoldaan met deels alternatieve maatregelen*\t\n" +
				"Categorie Vertrouwelijkheid = 2\t\t\n" +
				"Actuele dreigingen\tVoldaan\t\n",
			"self-assessment", `{"voldaan":2,"alternatief":1,"gedeeltelijk":0,"niet_voldaan":1}`},
		{"lines",
			"BIV-classificatie: Hoog/Hoog/Midden\nBeschikbaarheid\nOntwerp – Voldaan\nHerstel: niet voldaan\n",
			"", `{"voldaan":1,"alternatief":0,"gedeeltelijk":0,"niet_voldaan":1}`},
		{"PDF text: inline statuses, wrapped names and statuses",
			"Toetsvorm | Peer review\nCategorie | Maatregelen | Compliance | Uitleg\n" +
				"Integriteit | Herleidbaarheid | Voldaan\n(gebruikers)\nApplication controls Voldaan\n" +
				"Herleidbaarheid | Voldaan\n(technisch beheer)\n" +
				"Herleidbaarheid (technische beheer) Gedeeltelijk* Voldaan op niveau 1\n" +
				"Controle integriteit | Voldaan met deels Belangrijke data zijn niet aanpasbaar.\nalternatieve | zijn niet\n" +
				"'Transport en fysieke opslag Voldaan\n" +
				" Beschikbaarheid     [Voldaan/ niet voldaan/   [Bij niet voldaan\n" +
				"Bij niet voldaan aangeven hoe dit wordt opgelost\n",
			"peer review", `{"voldaan":4,"alternatief":1,"gedeeltelijk":1,"niet_voldaan":0}`},
		{"template form and no controls",
			"Toetsvorm | [Self-assessment/ peer review/ audit] |\nCategorie | Maatregelen | Compliance |\n",
			"", `null`},
		{"audit", "Toetsvorm: externe audit door een TPM-auditor\n", "audit", `null`},
		{"first form named", "Toetsvorm | Self-assessment, getoetst door een externe auditor |\n", "self-assessment", `null`},
		{"prose naming ROSA", "Onze maatregelen zijn in 2023 via een peer review getoetst aan het ROSA-kader.\n", "peer review", `null`},
		{"forms as a choice", "Toetsvorm: self-assessment / peer review / audit\n", "", `null`},
		{"no ROSA report", "De audit wordt uitgevoerd door een deskundige.\nOntwerp: voldaan\n", "", `null`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := textDoc(tc.text)
			r := &Record{Evidence: map[string][]Evidence{}}
			extractROSA(d, r)
			got := ""
			if r.ROSA.Assessment != nil {
				got = *r.ROSA.Assessment
			}
			if got != tc.assessment {
				t.Errorf("assessment = %q, want %q", got, tc.assessment)
			}
			c, _ := json.Marshal(r.ROSA.Controls)
			if string(c) != tc.controls {
				t.Errorf("controls = %s, want %s", c, tc.controls)
			}
		})
	}
}

func TestRosaStatus(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Voldaan", "voldaan"},
		{"Voldaan met deels alternatieve maatregelen*", "alternatief"},
		{"Voldaan met (deels) alternatieve maatregelen", "alternatief"},
		{"Alternatieve maatregel", "alternatief"},
		{"Niet voldaan*", "niet_voldaan"},
		{"Gedeeltelijk*", "gedeeltelijk"},
		{"Deels voldaan", "gedeeltelijk"},
		{"[Voldaan/ niet voldaan/ alternatieve maatregel]", ""},
		{"Voldaan/ Niet voldaan", ""},
		{"Compliance", ""},
		{"Bij niet voldaan aangeven hoe", ""},
	}
	for _, tc := range tests {
		if got := rosaStatus(tc.in); got != tc.want {
			t.Errorf("rosaStatus(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
