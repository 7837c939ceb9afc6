package normalize

import "testing"

func TestCountry(t *testing.T) {
	tests := []struct {
		in, code string
		ok       bool
	}{
		{"Nederland", "NL", true},
		{"Netherlands", "NL", true},
		{"Ierland", "IE", true},
		{"Ireland", "IE", true},
		{"Duitsland", "DE", true},
		{"België", "BE", true},
		{"Belgie", "BE", true}, // accent lost in OCR
		{"Verenigde Staten", "US", true},
		{"United States", "US", true},
		{"VS", "US", true},
		{"USA", "US", true},
		{"Verenigd Koninkrijk", "GB", true},
		{"UK", "GB", true},
		{"Engeland", "GB", true},
		{"Groot-Brittannië", "GB", true},
		{"Zwitserland", "CH", true},
		{"Bosnia and Herzegovina", "BA", true},
		{"Amerikaans", "US", true},
		{"Ierse", "IE", true},
		{"Duits", "DE", true},
		{"Brits", "GB", true},
		{"American", "US", true},
		{"Irish", "IE", true},
		{"NL", "NL", true},
		{"(IE)", "IE", true},
		{"EU", "", false},
		{"Europa", "", false},
		{"Dublin", "", false},
		{"Acme", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			code, ok := Country(tc.in)
			if code != tc.code || ok != tc.ok {
				t.Errorf("Country(%q) = %q, %v; want %q, %v", tc.in, code, ok, tc.code, tc.ok)
			}
		})
	}
}

func TestCountryTableCoversEveryCountry(t *testing.T) {
	// every EEA member must be reachable by its Dutch and English name
	names := map[string]string{"Tsjechië": "CZ", "Czechia": "CZ", "Griekenland": "GR", "Greece": "GR",
		"IJsland": "IS", "Iceland": "IS", "Liechtenstein": "LI", "Noorwegen": "NO", "Norway": "NO",
		"Luxemburg": "LU", "Luxembourg": "LU", "Kroatië": "HR", "Croatia": "HR"}
	for n, want := range names {
		if got, ok := Country(n); !ok || got != want {
			t.Errorf("Country(%q) = %q, %v; want %q", n, got, ok, want)
		}
	}
	if len(countryCodes()) < 400 {
		t.Errorf("only %d country names; the CLDR tables give over 400", len(countryCodes()))
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"’s-Gravenhage", "s gravenhage"},
		{"'s-Gravenhage", "s gravenhage"},
		{"Noord-Europa", "noord europa"},
		{"  Côte d’Ivoire ", "cote d ivoire"},
		{"eu-west-1", "eu west 1"},
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
