package normalize

import "testing"

func TestKvK(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"WisMon v.o.f., KvK-nummer 53552431, gevestigd", "53552431", true},
		{"KvK nr. 12345678", "12345678", true},
		{"**KvK-nummer:** 09876543", "09876543", true}, // Markdown bold label
		{"KvK-nummer | 61712290", "61712290", true},    // a key/value table row
		{"KvK-\nnummer: 09876543", "09876543", true},   // a PDF line break in the cue
		{"KvK: 1234 5678", "12345678", true},
		{"ingeschreven in het handelsregister onder nummer 87654321", "87654321", true},
		{"ingeschreven bij de Kamer van Koophandel onder nummer 11223344", "11223344", true},
		{"ingeschreven in het Handelsregister van de Kamer van Koophandel onder dossiernummer 30.12.34.56", "30123456", true},
		{"Chamber of Commerce number 24681357", "24681357", true},
		{"Kamer van Koophandel 55667788", "55667788", true},
		{"Handelsregisternummer 24123456", "24123456", true},
		{"handelsregister nr. 24 12 34 56", "24123456", true},
		{"telefoon 0548536666", "", false},
		{"KvK-nummer 1234567", "", false},
		{"KvK-nummer 123456789", "", false},
		{"KvK-nummer [nummer]", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := KvK(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("KvK(%q) = %q, %v; want %q, ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}
