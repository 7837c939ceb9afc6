package extract

import "testing"

func TestNamesAParty(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Zonnewijzer Leerplatform B.V.", true},
		{"Kwartelkompas", true},
		{"2 | Het bevoegd gezag van de school | Verwerkingsverantwoordelijke |", false}, // a table row
		{"Partij", false},              // a column name
		{"Naam", false},                // a column name
		{"Algemene informatie", false}, // a heading
		{"Verwerker", false},           // a role
		{"de Leverancier", false},      // a role with its article
		{"Het bevoegd gezag van de Onderwijsinstelling", false},
		{"1.1", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := namesAParty(tc.name); got != tc.want {
				t.Errorf("namesAParty(%q) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}
