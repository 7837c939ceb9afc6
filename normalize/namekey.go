package normalize

import (
	"strings"
	"sync"
)

// legalFormWords are the folded words of every legal form (written and
// spelt out), which NameKey drops: "B.V." folds to "b v", "GmbH" to
// "gmbh", "besloten vennootschap" to its two words.
var legalFormWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{"pvt": true, "private": true, "co": true, "kg": true}
	for _, e := range LegalForms {
		if e.Canonical == "stichting" || e.Canonical == "vereniging" {
			continue // words of a name ("Stichting Kennisnet"), not suffixes
		}
		for _, w := range append(append([]string{}, e.Written...), e.Long...) {
			f := Fold(w)
			if strings.Contains(f, " ") && len(strings.ReplaceAll(f, " ", "")) <= 4 {
				m[strings.ReplaceAll(f, " ", "")] = true // "b v" as "bv"
			}
			for _, t := range strings.Fields(f) {
				if len(t) > 1 || len(f) <= 4 {
					m[t] = true
				}
			}
		}
	}
	return m
})

// NameKey is the key two spellings of one company or product name share:
// case, accents and punctuation folded and legal forms dropped, so
// "Datadijk Cloud Services Ltd", "DATADIJK Cloud-Services Limited" and
// "Datadijk Cloud Services" all give "datadijk cloud services". Single
// letters left from an abbreviation ("B.V." folds to "b v") are joined
// before legal forms are dropped. A name that is nothing but a legal form
// keeps it.
func NameKey(name string) string {
	toks := strings.Fields(Fold(name))
	// join runs of single letters: "b v" → "bv", "n v" → "nv", "s a s" → "sas"
	var joined []string
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && len(toks[j]) == 1 {
			j++
		}
		if j-i >= 2 {
			joined = append(joined, strings.Join(toks[i:j], ""))
			i = j
			continue
		}
		joined = append(joined, toks[i])
		i++
	}
	var out []string
	for _, t := range joined {
		if !legalFormWords()[t] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return strings.Join(joined, " ")
	}
	return strings.Join(out, " ")
}
