package normalize

import (
	"slices"
	"strings"
	"testing"
)

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

// TestLazy checks that a Regexp is compiled on first use, not when it is
// made, and that it then behaves as the compiled expression.
func TestLazy(t *testing.T) {
	r := Lazy(`(\d+) (dagen|weken)`)
	if r.re != nil {
		t.Fatal("Lazy compiled its expression before first use")
	}
	if got := r.String(); got != `(\d+) (dagen|weken)` || r.re != nil {
		t.Errorf("String() = %q and compiled %v; want the expression, not compiled", got, r.re != nil)
	}
	if got := r.FindStringSubmatch("binnen 3 weken"); len(got) != 3 || got[1] != "3" || got[2] != "weken" {
		t.Errorf("FindStringSubmatch = %q", got)
	}
	if r.re == nil {
		t.Error("not compiled after use")
	}
	if got := Pattern(`a b`).String(); got != `a[ `+extraSpaces+`]b` {
		t.Errorf("Pattern(`a b`).String() = %q", got)
	}
}

// TestCompileAll checks that every expression of the package compiles and
// that CompileAll names one that does not.
func TestCompileAll(t *testing.T) {
	if err := CompileAll(); err != nil {
		t.Fatal(err)
	}
	bad := Lazy(`(?i)unclosed (group`)
	defer func() {
		expressions.Lock()
		expressions.all = slices.DeleteFunc(expressions.all, func(r *Regexp) bool { return r == bad })
		expressions.Unlock()
	}()
	if err := CompileAll(); err == nil || !strings.Contains(err.Error(), "missing closing )") {
		t.Errorf("CompileAll() = %v, want an error naming the unclosed group", err)
	}
}
