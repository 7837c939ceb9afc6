package extract

import (
	"sync"

	"github.com/dpa-nl/dpa/normalize"
)

// Most of the extractors' rules are tried on a few lines or cells of a
// document, and most of those lack the words a match needs: the rule was
// compiled (about a fifth of a fresh process's CPU time on a small
// agreement) only to fail. needtable.go lists, for every rule declared in
// the package and in normalize, the words one of which each of its matches
// holds, read from its syntax by go generate; normalize.Regexp reads it on
// a rule's first use and skips a text that holds none of them.
// TestNeedTable holds the table to the rules' syntax.

//go:generate go test -run ^TestNeedTable$ -update-needtable .

func init() {
	normalize.SetNeeds(tableNeeds)
}

// needEntry is what needtable.go keeps of one expression.
type needEntry struct {
	expr     string
	words    []string
	anchored bool
}

// needIndex is needTable by expression, made on first use.
var needIndex = sync.OnceValue(func() map[string]*normalize.Needs {
	m := make(map[string]*normalize.Needs, len(needTable))
	for _, e := range needTable {
		m[e.expr] = &normalize.Needs{Words: e.words, Anchored: e.anchored}
	}
	return m
})

// tableNeeds returns the needs of expr from needtable.go, nil for an
// expression it does not hold.
func tableNeeds(expr string) *normalize.Needs {
	return needIndex()[expr]
}
