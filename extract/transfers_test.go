package extract

import (
	"reflect"
	"strings"
	"testing"
)

// transferSubs are the sub-processors the transfer tests' texts name.
var transferSubs = []Subprocessor{
	{Name: "Hemelhost Inc.", Countries: []string{"US"}},
	{Name: "Wolkwerk Ltd.", Countries: []string{"GB"}},
	{Name: "Nordhost GmbH", Countries: []string{"DE"}},
}

func TestTransfers(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		countries []string
		want      []Transfer
		warn      string
	}{
		{"SCC for all transfers, DPF for the US sub-processor",
			"Artikel 9 Doorgifte\nVerwerker geeft Persoonsgegevens alleen door op basis van de standaardcontractbepalingen van de Europese Commissie. Hemelhost Inc. is gecertificeerd onder het EU-U.S. Data Privacy Framework.\n",
			[]string{"GB", "US"},
			[]Transfer{{"GB", "yes", []string{"SCC"}}, {"US", "partial", []string{"SCC", "DPF"}}}, ""},
		{"BCR and an adequacy decision, in English",
			"Transfers rely on Binding Corporate Rules or an adequacy decision of the Commission.\n",
			[]string{"IN"},
			[]Transfer{{"IN", "no", []string{"BCR", "adequacy"}}}, ""},
		{"none named", "Verwerker verwerkt de gegevens in Australië.\n", []string{"AU"},
			[]Transfer{{"AU", "no", []string{}}}, ""},
		{"Privacy Shield is no safeguard", "Leverancier is aangesloten bij het Privacy Shield.\n", []string{"US"},
			[]Transfer{{"US", "partial", []string{}}}, "Privacy Shield"},
		{"inside the EEA only", "standaardcontractbepalingen\n", nil, nil, ""},
		{"adequacy for GB, SCC and DPF for the US, in one sentence",
			"Voor het Verenigd Koninkrijk geldt een adequaatheidsbesluit, voor de Verenigde Staten gelden de standaardcontractbepalingen en het Data Privacy Framework.\n",
			[]string{"GB", "US"},
			[]Transfer{{"GB", "yes", []string{"adequacy"}}, {"US", "partial", []string{"SCC", "DPF"}}}, ""},
		{"a safeguard stated for one sub-processor",
			"Wolkwerk Ltd. host de back-ups in Londen. Hemelhost Inc. in de Verenigde Staten is gecertificeerd onder het Data Privacy Framework.\n",
			[]string{"GB", "US"},
			[]Transfer{{"GB", "yes", []string{}}, {"US", "partial", []string{"DPF"}}}, ""},
		{"a general statement holds for every country",
			"Hemelhost Inc. is gevestigd in de Verenigde Staten. Wolkwerk Ltd. zit in het Verenigd Koninkrijk.\nVoor doorgifte buiten de EER gelden de standaardcontractbepalingen.\n",
			[]string{"GB", "US"},
			[]Transfer{{"GB", "yes", []string{"SCC"}}, {"US", "partial", []string{"SCC"}}}, ""},
		{"a general statement that names the EEA countries it leaves",
			"Gegevens blijven in Nederland en Duitsland; doorgifte naar derde landen gebeurt alleen op basis van standard contractual clauses.\n",
			[]string{"IN"},
			[]Transfer{{"IN", "no", []string{"SCC"}}}, ""},
		{"a safeguard for an EEA sub-processor holds for no other country",
			"Nordhost GmbH in Duitsland werkt onder bindende bedrijfsvoorschriften.\nHemelhost Inc. slaat gegevens op in de VS.\n",
			[]string{"US"},
			[]Transfer{{"US", "partial", []string{}}}, ""},
		{"the paragraph names the sub-processor",
			"Hemelhost Inc. levert de rekenkracht. Het bedrijf sluit met Verwerker de standaardcontractbepalingen.\n\nWolkwerk Ltd. verzorgt de e-mail.\n",
			[]string{"GB", "US"},
			[]Transfer{{"GB", "yes", []string{}}, {"US", "partial", []string{"SCC"}}}, ""},
		{"a table row",
			"| Subverwerker | Land | Grondslag doorgifte |\n|---|---|---|\n| Hemelhost Inc. | Verenigde Staten | DPF |\n| Wolkwerk Ltd. | Verenigd Koninkrijk | adequaatheidsbesluit |\n",
			[]string{"US", "GB"},
			[]Transfer{{"US", "partial", []string{"DPF"}}, {"GB", "yes", []string{"adequacy"}}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDoc(textDocument(tc.text))
			r := &Record{Evidence: map[string][]Evidence{}, OutsideEEACountries: tc.countries, Subprocessors: transferSubs}
			extractTransfers(d, r)
			if !reflect.DeepEqual(r.Transfers, tc.want) {
				t.Errorf("transfers = %+v, want %+v", r.Transfers, tc.want)
			}
			for i, tr := range r.Transfers {
				ev := r.Evidence[transferPath(i)]
				if len(ev) != len(tr.Safeguards) {
					t.Errorf("%s: %d evidence for %d safeguards", tr.Country, len(ev), len(tr.Safeguards))
				}
				for _, e := range ev {
					if e.Quote != tc.text[e.Start:e.End] {
						t.Errorf("quote %q is not text[%d:%d]", e.Quote, e.Start, e.End)
					}
				}
			}
			if got := strings.Join(r.Warnings, "\n"); !strings.Contains(got, tc.warn) || tc.warn == "" && got != "" {
				t.Errorf("warnings %q, want %q", r.Warnings, tc.warn)
			}
		})
	}
}
