package normalize

import (
	"reflect"
	"regexp"
	"testing"
)

// TestContainsFoldASCII checks the case-blind search the needed words are
// looked for with.
func TestContainsFoldASCII(t *testing.T) {
	for _, tc := range []struct {
		s, w string
		want bool
	}{
		{"De Verwerker", "verwerker", true},
		{"DE VERWERKER", "verwerker", true},
		{"verwerke", "verwerker", false},
		{"", "a", false},
		{"a", "a", true},
		{"xxA", "a", true},
		{"n.v.t.", "n.v.t", true},
		{"N.V.T", "n.v.t", true},
		{"N,V.T", "n.v.t", false},
		{"aab", "ab", true},
		{"AaB", "ab", true},
		{"bA", "ab", false},
		{"kvk", "kvk", true},
		{"KvK-nummer", "kvk", true},
		{"ver\u00e9werker", "verwerker", false},
		{"Zo\u00eb Zoe", "zoe", true},
	} {
		if got := containsFoldASCII(tc.s, tc.w); got != tc.want {
			t.Errorf("containsFoldASCII(%q, %q) = %v, want %v", tc.s, tc.w, got, tc.want)
		}
	}
}

// TestNeedsSkipOnlyWithoutMatch gives Regexps a table of needed words
// and holds every gated method to the plain regexp's answer, on texts
// with and without the words, in other cases, with the Kelvin sign and
// long s, and long texts for an anchored expression.
func TestNeedsSkipOnlyWithoutMatch(t *testing.T) {
	table := map[string]*Needs{
		`(?i)\b(?:verwerker|bewerker)\b`:              {Words: []string{"bewerker", "verwerker"}},
		`(?i)kvk[- ]?nummer:?\s*(\d{8})`:              {Words: []string{"kvk"}},
		`(?i)^(?:naam|name)$`:                         {Words: []string{"naam", "name"}, Anchored: true},
		`(?i)^\s*(?:artikel|article)\s+(\d+)`:         {Words: []string{"article", "artikel"}, Anchored: true},
		`sub(?:verwerker|processor)s?`:                {Words: []string{"sub"}},
		`(?i)(?:^|[^\p{L}])(geen|none)(?:[^\p{L}]|$)`: {Words: []string{"geen", "none"}},
	}
	old := needsOf.Load()
	SetNeeds(func(expr string) *Needs { return table[expr] })
	defer needsOf.Store(old)
	long := "x " + string(make([]byte, 600))
	texts := []string{
		"", "De Verwerker verwerkt", "DE BEWERKER", "de verwerkers", "geen verwerker hier", "Niets",
		"KvK-nummer: 12345678", "kvk nummer 87654321", "\u212avK-nummer: 12345678", "naam", "NAAM", "Naam ",
		"Artikel 12", "  ARTICLE 3 lid", "Article", "subverwerkers en subprocessor", "Sub-verwerker",
		"GEEN", "none.", "nonentity", "\u017fub", long + "naam", "Naam" + long, "artikel 4" + long,
	}
	for expr := range table {
		plain := regexp.MustCompile(expr)
		for _, s := range texts {
			r := Lazy(expr) // a fresh Regexp reads the table on first use
			if got, want := r.MatchString(s), plain.MatchString(s); got != want {
				t.Errorf("%s MatchString(%q) = %v, want %v", expr, s, got, want)
			}
			if got, want := r.FindString(s), plain.FindString(s); got != want {
				t.Errorf("%s FindString(%q) = %q, want %q", expr, s, got, want)
			}
			if got, want := r.FindStringIndex(s), plain.FindStringIndex(s); !reflect.DeepEqual(got, want) {
				t.Errorf("%s FindStringIndex(%q) = %v, want %v", expr, s, got, want)
			}
			if got, want := r.FindStringSubmatch(s), plain.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
				t.Errorf("%s FindStringSubmatch(%q) = %q, want %q", expr, s, got, want)
			}
			if got, want := r.FindStringSubmatchIndex(s), plain.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
				t.Errorf("%s FindStringSubmatchIndex(%q) = %v, want %v", expr, s, got, want)
			}
			if got, want := r.FindAllString(s, -1), plain.FindAllString(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s FindAllString(%q) = %q, want %q", expr, s, got, want)
			}
			if got, want := r.FindAllStringIndex(s, -1), plain.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s FindAllStringIndex(%q) = %v, want %v", expr, s, got, want)
			}
			if got, want := r.FindAllStringSubmatch(s, -1), plain.FindAllStringSubmatch(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s FindAllStringSubmatch(%q) = %q, want %q", expr, s, got, want)
			}
			if got, want := r.FindAllStringSubmatchIndex(s, 2), plain.FindAllStringSubmatchIndex(s, 2); !reflect.DeepEqual(got, want) {
				t.Errorf("%s FindAllStringSubmatchIndex(%q) = %v, want %v", expr, s, got, want)
			}
		}
	}
	// the table is read: a text without the words is not matched even
	// by an expression that would match it (a wrong table shows)
	table[`x+`] = &Needs{Words: []string{"y"}}
	if Lazy(`x+`).MatchString("xx") {
		t.Error("a Regexp did not skip a text lacking its needed words")
	}
}
