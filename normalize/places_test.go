package normalize

import (
	"fmt"
	"strings"
	"testing"
)

func TestPlace(t *testing.T) {
	tests := []struct {
		in, country string
		ok          bool
	}{
		{"Middenmeer", "NL", true},
		{"Eemshaven", "NL", true},
		{"Dublin", "IE", true},
		{"Frankfurt am Main", "DE", true},
		{"eu-west-1", "IE", true},
		{"EU-WEST-1", "IE", true},
		{"europe-west4", "NL", true},
		{"West-Europa", "NL", true},
		{"North Europe", "IE", true},
		{"Noord-Europa", "IE", true},
		{"'s-Gravenhage", "NL", true},
		{"EU", "", true},
		{"Europa", "", true},
		{"EU-West", "", true},
		{"Nederland", "", false}, // a country, not a place
		{"Nergenshuizen", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			c, ok := Place(tc.in)
			if c != tc.country || ok != tc.ok {
				t.Errorf("Place(%q) = %q, %v; want %q, %v", tc.in, c, ok, tc.country, tc.ok)
			}
		})
	}
}

func TestLocations(t *testing.T) {
	tests := []struct {
		in   string
		want string // "text=country/kind" joined by "; "
	}{
		{"Microsoft Ireland Operations Limited, Dublin, Ierland", "Ireland=IE/country; Dublin=IE/place; Ierland=IE/country"},
		{"Nederland (Microsoft Azure, Agriport Bedrijventerrein A7, Middenmeer)", "Nederland=NL/country; Agriport=NL/place; Middenmeer=NL/place"},
		{"Oefenweb heeft met Google (een Amerikaans bedrijf) een overeenkomst", "Amerikaans=US/adjective"},
		{"beheerst door Nederlands recht", ""},
		{"in de Verenigde Staten en het Verenigd Koninkrijk", "Verenigde Staten=US/country; Verenigd Koninkrijk=GB/country"},
		{"opslag in eu-west-1 en Noord-Europa", "eu-west-1=IE/place; Noord-Europa=IE/place"},
		{"servers in de EU-West regio", "EU-West=/region"},
		{"binnen de Europese Economische Ruimte", "Europese Economische Ruimte=/region"},
		{"gevestigd in de VS, vs. de rest", "VS=US/country"},
		{"chili con carne", ""},
		{"Dublin, lerland (OCR)", "Dublin=IE/place; lerland=IE/country"},
		{"het land en de landen", ""},
		{"NEDERLAND", "NEDERLAND=NL/country"},
		{"U.S. en UK", "U.S=US/country; UK=GB/country"},
		{"Nederland\tIerland", "Nederland=NL/country; Ierland=IE/country"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var parts []string
			for _, m := range Locations(tc.in) {
				if tc.in[m.Start:m.End] != m.Text {
					t.Errorf("mention %q is not the text at [%d,%d)", m.Text, m.Start, m.End)
				}
				parts = append(parts, fmt.Sprintf("%s=%s/%s", m.Text, m.Country, m.Kind))
			}
			if got := strings.Join(parts, "; "); got != tc.want {
				t.Errorf("Locations(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
