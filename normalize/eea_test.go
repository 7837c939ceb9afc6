package normalize

import "testing"

func TestInEEA(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"NL", true}, {"IE", true}, {"DE", true}, {"IS", true}, {"LI", true}, {"NO", true},
		{"EL", true}, {"GR", true}, {"HR", true},
		{"US", false}, {"GB", false}, {"CH", false}, {"IN", false}, {"", false}, {"nl", false},
	}
	for _, tc := range tests {
		if got := InEEA(tc.code); got != tc.want {
			t.Errorf("InEEA(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
	if len(EEA) != 30 {
		t.Errorf("EEA has %d members, want 30 (EU 27 + IS, LI, NO)", len(EEA))
	}
	for _, c := range EEA {
		if _, ok := Country(c); !ok {
			t.Errorf("EEA member %q is not a country code", c)
		}
	}
}
