package extract

import (
	"reflect"
	"strings"
	"testing"
)

func TestTransfers(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		countries []string
		want      []Transfer
		warn      string
	}{
		{"SCC and DPF named, US and GB",
			"Artikel 9 Doorgifte\nVerwerker geeft Persoonsgegevens alleen door op basis van de standaardcontractbepalingen van de Europese Commissie. Hemelhost Inc. is gecertificeerd onder het EU-U.S. Data Privacy Framework.\n",
			[]string{"GB", "US"},
			[]Transfer{{"GB", "yes", []string{"SCC", "DPF"}}, {"US", "partial", []string{"SCC", "DPF"}}}, ""},
		{"BCR and an adequacy decision, in English",
			"Transfers rely on Binding Corporate Rules or an adequacy decision of the Commission.\n",
			[]string{"IN"},
			[]Transfer{{"IN", "no", []string{"BCR", "adequacy"}}}, ""},
		{"none named", "Verwerker verwerkt de gegevens in Australië.\n", []string{"AU"},
			[]Transfer{{"AU", "no", []string{}}}, ""},
		{"Privacy Shield is no safeguard", "Leverancier is aangesloten bij het Privacy Shield.\n", []string{"US"},
			[]Transfer{{"US", "partial", []string{}}}, "Privacy Shield"},
		{"inside the EEA only", "standaardcontractbepalingen\n", nil, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := textDoc(tc.text)
			r := &Record{Evidence: map[string][]Evidence{}, OutsideEEACountries: tc.countries}
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
