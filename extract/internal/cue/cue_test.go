package cue

import (
	"regexp/syntax"
	"slices"
	"testing"
)

func TestLeading(t *testing.T) {
	folds := Options{Folds: true, OptionalFirst: true}
	cases := []struct {
		re    string
		o     Options
		words []string
		exact bool
	}{
		{`(?i)model\s+4`, Options{}, []string{"model"}, false},
		{`(?i)\b(?:verwerker|bewerker)s?\b`, Options{}, []string{"bewerker", "verwerker"}, false},
		{`[Vv]oldaan`, Options{}, []string{"voldaan"}, true},
		{`(?i)(?:de\s+)?looptijd`, Options{}, nil, false},
		{`(?i)(?:de\s+)?looptijd`, folds, []string{"de", "looptijd"}, false},
		{`(?i)één`, Options{}, nil, false},
		{`(?i)één`, folds, []string{"één", "éÉn", "Één", "ÉÉn"}, true},
		{`(?i)ok`, folds, []string{"ok"}, true},
		{`(?i)ok\x{212a}`, folds, []string{"okk"}, true}, // the parser reads the Kelvin sign as k
		{`(?i)caféteria`, Options{}, []string{"caf"}, false},
		{`\s+-\s+`, Options{}, nil, false},
		{`(?m)^Artikel\s+\d`, Options{}, []string{"artikel"}, false},
	}
	for _, c := range cases {
		tree, err := syntax.Parse(c.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		words, exact := Leading(tree, c.o)
		slices.Sort(words)
		want := slices.Clone(c.words)
		slices.Sort(want)
		if !slices.Equal(words, want) || words != nil && exact != c.exact {
			t.Errorf("Leading(%q, %+v) = %q, %v; want %q, %v", c.re, c.o, words, exact, want, c.exact)
		}
	}
}

func TestRequired(t *testing.T) {
	cases := []struct {
		re    string
		words []string
	}{
		{`(?i)bewaar\w*\s+(?:tot|gedurende)\s+\d+`, []string{"bewaar"}},
		{`(?i)\d+\s+(?:dagen|weken|maanden)`, []string{"dagen", "weken", "maanden"}},
		{`(?i)x\s*:\s*termijn`, []string{"termijn"}},
		{`\d+`, nil},
	}
	for _, c := range cases {
		tree, err := syntax.Parse(c.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := Required(tree); !slices.Equal(got, c.words) {
			t.Errorf("Required(%q) = %q, want %q", c.re, got, c.words)
		}
	}
}
