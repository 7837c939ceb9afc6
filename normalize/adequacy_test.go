package normalize

import "testing"

func TestAdequacy(t *testing.T) {
	tests := []struct{ code, want string }{
		{"GB", "yes"}, {"CH", "yes"}, {"JP", "yes"},
		{"US", "partial"}, {"CA", "partial"},
		{"IN", "no"}, {"AU", "no"}, {"CN", "no"},
	}
	for _, tc := range tests {
		if got := Adequacy(tc.code); got != tc.want {
			t.Errorf("Adequacy(%s) = %q, want %q", tc.code, got, tc.want)
		}
	}
	if AdequacyScope("US") == "" || AdequacyScope("GB") != "" {
		t.Errorf("scopes: US %q, GB %q", AdequacyScope("US"), AdequacyScope("GB"))
	}
}
