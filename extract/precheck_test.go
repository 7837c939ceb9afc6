package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// oddStrings returns n strings of up to max pieces drawn from pieces, the
// same ones on every run: generated cases for holding a pre-check or a
// hand scanner to its rule.
func oddStrings(pieces []string, n, max int) []string {
	rng := rand.New(rand.NewPCG(14, 2026))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range rng.IntN(max + 1) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}

func TestHasPrefixFold(t *testing.T) {
	cases := []struct {
		s     string
		words []string
		want  bool
	}{
		{"Voldaan", []string{"vold"}, true},
		{"VOLDOET", []string{"niet", "vold"}, true},
		{"vol", []string{"vold"}, false},
		{"\u017fta", []string{"sta"}, true},
		{"\u212aop", []string{"kop"}, true},
		{" voldaan", []string{"vold"}, false},
		{"", []string{"a"}, false},
	}
	for _, c := range cases {
		if got := hasPrefixFold(c.s, c.words...); got != c.want {
			t.Errorf("hasPrefixFold(%q, %q) = %v, want %v", c.s, c.words, got, c.want)
		}
	}
}

// TestContainsFold holds containsFold to strings.Contains on the text in
// lower case.
func TestContainsFold(t *testing.T) {
	texts := append(fixtureLines(t), oddStrings([]string{"v", "V", "o", "L", "d", "a", "A", "n", " ", "é", "\u212a"}, 3000, 12)...)
	for _, s := range texts {
		for _, w := range []string{"voldaan", "alternatiev", "gedeeltelij", "a", "va"} {
			if got, want := containsFold(s, w), strings.Contains(lowerString(s), w); got != want {
				t.Errorf("containsFold(%q, %q) = %v, want %v", s, w, got, want)
			}
		}
	}
}

// TestPrechecksHoldToRules holds the pre-checks of signatureCueRe, onBehalfRe,
// purposeHeadRe and domainRe to their rules: a text a pre-check turns
// away has no match (fixtures' lines, trimmed, and generated cases).
func TestPrechecksHoldToRules(t *testing.T) {
	pieces := []string{"Aldus", " overeengekomen", "In ", "tweevoud", " opgemaakt", "Voor akkoord", "getekend", ":",
		"Ondertekening", "HANDTEKENINGEN", "\u017fignature", "Signatures", "agreed and signed", "*", "#", "1.", " ",
		"\t", "\u212a", "Doeleinden", "doelen", "Waarvoor worden de gegevens gebruikt", "Purposes of processing",
		"de ", "Tabel 2: ", "A. ", "acme", ".", "COM", "nl", "u\u212a", "-", "x", "é", "\n",
		"Namen\u017f", "namens", "VOOR ", "For", "on", " behalf", " of ", "de School", "\u00a0", "\u202f"}
	texts := append(fixtureLines(t), oddStrings(pieces, 30000, 6)...)
	for _, l := range texts {
		s := strings.TrimSpace(l)
		if !maySignatureCue(s) && signatureCueRe.MatchString(s) {
			t.Errorf("maySignatureCue turns away %q, which signatureCueRe matches", s)
		}
		if !mayPurposeHead(s) && purposeHeadRe.MatchString(s) {
			t.Errorf("mayPurposeHead turns away %q, which purposeHeadRe matches", s)
		}
		if !mayHoldDomain(l) && domainRe.MatchString(l) {
			t.Errorf("mayHoldDomain turns away %q, which domainRe matches", l)
		}
		if !mayOnBehalf(l) && onBehalfRe.MatchString(l) {
			t.Errorf("mayOnBehalf turns away %q, which onBehalfRe matches", l)
		}
	}
	for _, c := range []struct {
		s    string
		want bool
	}{{"Aldus overeengekomen", true}, {"Datum", false}, {"acme.COM", true}, {"a.b", false}} {
		if got := maySignatureCue(c.s) || mayHoldDomain(c.s); got != c.want {
			t.Errorf("pre-checks on %q: %v, want %v", c.s, got, c.want)
		}
	}
	for _, c := range []struct {
		s    string
		want bool
	}{{"Namens de School:", true}, {"Voor akkoord", false}, {"voor de verwerker: J. Jansen", false}, {"Naam:", false}} {
		if got := mayOnBehalf(c.s); got != c.want {
			t.Errorf("mayOnBehalf(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// sameAsRule holds a hand-written test (got) to the rule it replaces on
// the fixtures' lines and on 30,000 strings made of pieces, and fails
// when no string passes it (a comparison that tries nothing).
func sameAsRule(t *testing.T, pieces []string, got, rule func(string) bool) {
	t.Helper()
	yes := 0
	for _, s := range append(fixtureLines(t), oddStrings(pieces, 30000, 3)...) {
		g := got(s)
		if want := rule(s); g != want {
			t.Errorf("%q: %v, the rule %v", s, g, want)
		}
		if g {
			yes++
		}
	}
	if yes == 0 {
		t.Error("no line passes: the test tries nothing")
	}
}
