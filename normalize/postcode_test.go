package normalize

import "testing"

func TestPostcode(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2516AB", "2516 AB", true},
		{"(7461 AD)", "7461 AD", true},
		{"te 1011 VL Amsterdam", "1011 VL", true},
		{"3512eh", "3512 EH", true},
		{"1234\u00a0XY", "1234 XY", true},
		{"0123 AB", "", false},
		{"1234 SS", "", false},
		{"12345 AB", "", false},
		{"1234 ABC", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Postcode(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("Postcode(%q) = %q, %v; want %q, ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}
