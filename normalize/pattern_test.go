package normalize

import "testing"

func TestPattern(t *testing.T) {
	tests := []struct {
		pattern, text string
		match         bool
	}{
		{`hierna\s+te noemen`, "hierna\u00a0te\u00a0noemen", true},
		{`hierna\s+te noemen`, "hierna te noemen", true},
		{`[\s,]+B\.V\.`, "Acme,\u00a0B.V.", true},
		{`[ \t]+x`, "\u202fx", true},
		{`a\Sb`, "a\u00a0b", false},
		{`a\Sb`, "axb", true},
		{`[^\s]+`, "\u00a0", false},
		{`[]a]`, "]", true},
		{`\(\d{4}\)`, "(2018)", true},
	}
	for _, tc := range tests {
		t.Run(tc.pattern+" "+tc.text, func(t *testing.T) {
			if got := Pattern(tc.pattern).MatchString(tc.text); got != tc.match {
				t.Errorf("Pattern(%q).MatchString(%q) = %v, want %v", tc.pattern, tc.text, got, tc.match)
			}
		})
	}
}
