package normalize

import "testing"

func TestDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Versie 8 januari 2018", "2018-01-08", true},
		{"versie 1-5-2022", "2022-05-01", true},
		{"Versie 001, 09-06-2022", "2022-06-09", true},
		{"laatst aangepast op 24 mei 2018.", "2018-05-24", true},
		{"1 JULI 2023", "2023-07-01", true},
		{"3 mrt. 2021", "2021-03-03", true},
		{"12 sept 2019", "2019-09-12", true},
		{"24/05/2018", "2018-05-24", true},
		{"2018-05-24", "2018-05-24", true},
		{"31-02-2020", "", false},
		{"13-13-2020", "", false},
		{"versie 3.0", "", false},
		{"artikel 28 lid 3", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Date(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("Date(%q) = %q, %v; want %q, ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}
