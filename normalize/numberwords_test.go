package normalize

import (
	"regexp"
	"testing"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true},
		{"1,5", 1.5, true},
		{"1.5", 1.5, true},
		{"een", 1, true},
		{"één", 1, true},
		{"Eén", 1, true},
		{"twee", 2, true},
		{"vier", 4, true},
		{"twaalf", 12, true},
		{"dertien", 13, true},
		{"achttien", 18, true},
		{"twintig", 20, true},
		{"dertig", 30, true},
		{"vierentwintig", 24, true},
		{"achtenveertig", 48, true},
		{"tweeënzeventig", 72, true},
		{"tweeentwintig", 22, true},
		{"anderhalf", 1.5, true},
		{"anderhalve", 1.5, true},
		{"half", 0.5, true},
		{"een half", 0.5, true},
		{"twee en een half", 2.5, true},
		{"three", 3, true},
		{"twenty-four", 24, true},
		{"seventy two", 72, true},
		{"one and a half", 1.5, true},
		{"XXX", 0, false},
		{"tweede", 0, false},
		{"", 0, false},
		{"-3", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := Number(tc.in)
			if ok != tc.ok || got != tc.want {
				t.Errorf("Number(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestNumberPattern(t *testing.T) {
	re := regexp.MustCompile(`(?i)^(?:` + NumberPattern + `)$`)
	tests := []struct {
		in    string
		match bool
	}{
		{"achttien", true},
		{"een half", true},
		{"vierentwintig", true},
		{"twee en een half", true},
		{"1,5", true},
		{"tweede", false},
		{"XXX", false},
	}
	for _, tc := range tests {
		if got := re.MatchString(tc.in); got != tc.match {
			t.Errorf("NumberPattern on %q = %v, want %v", tc.in, got, tc.match)
		}
	}
}
