package extract

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// textDoc makes a one-page doc of s for the field extractors' tests.
func textDoc(s string) *doc {
	return newDoc(corpus.NewDocument(corpus.Source{Path: "test.txt"}, []corpus.PageText{{Text: s}}))
}

func TestExtractBIV(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // JSON of the BIV, "null" for none
	}{
		{"words in a table row", "BIV-classificatie | Beschikbaarheid=Midden || Integriteit=Laag || Vertrouwelijkheid=Midden |\n",
			`{"availability":[2,2],"integrity":[1,1],"confidentiality":[2,2]}`},
		{"digits with a range", "BIV-classificatie\tBeschikbaarheid = 2/3, Integriteit = 2, Vertrouwelijkheid = 2\n",
			`{"availability":[2,3],"integrity":[2,2],"confidentiality":[2,2]}`},
		{"letters", "BIV-classificatie\tBeschikbaarheid=H, Integriteit=M, Vertrouwelijkheid=M\n",
			`{"availability":[3,3],"integrity":[2,2],"confidentiality":[2,2]}`},
		{"a level wrapped after its '=' (PDF)", "De BIV-classificatie van Rekenroos: Beschikbaarheid = Hoog, Integriteit =\nLaag, Vertrouwelijkheid = Midden.\n",
			`{"availability":[3,3],"integrity":[1,1],"confidentiality":[2,2]}`},
		{"compact B/I/V order", "De BIV-classificatie: Hoog/Hoog/Midden (B/I/V).\n",
			`{"availability":[3,3],"integrity":[3,3],"confidentiality":[2,2]}`},
		{"compact list with range", "BIV: 1, 2/3, 3\n",
			`{"availability":[1,1],"integrity":[2,3],"confidentiality":[3,3]}`},
		{"table of aspects", "Classificatie\nBeschikbaarheid | M/H\nIntegriteit | M\nVertrouwelijkheid | L\n",
			`{"availability":[2,3],"integrity":[2,2],"confidentiality":[1,1]}`},
		{"prose", "De beschikbaarheid is ingeschaald als midden, de integriteit als hoog en de vertrouwelijkheid als hoog.\n",
			`{"availability":[2,2],"integrity":[3,3],"confidentiality":[3,3]}`},
		{"header row with a dotted capital I", "| BESCHİKBAARHEİD | İNTEGRİTEİT | VERTROUWELİJKHEİD |\n| Midden | Hoog | Laag |\n",
			`{"availability":[2,2],"integrity":[3,3],"confidentiality":[1,1]}`},
		{"unfilled template choice", "BIV-classificatie\nBeschikbaarheid: Laag/Midden/Hoog\nIntegriteit: Laag/Midden/Hoog\nVertrouwelijkheid: Laag/Midden/Hoog\n", `null`},
		{"unfilled compact choice", "BIV-classificatie: Laag/Midden/Hoog\n", `null`},
		{"bracketed placeholder", "BIV-classificatie | [Beschikbaarheid=…, Integriteit=…, Vertrouwelijkheid=…]\n", `null`},
		{"article titles are no levels", "Artikel 6: Vertrouwelijkheid\t10\nIntegriteit | Herleidbaarheid | Voldaan\nBeschikbaarheid is belangrijk.\n", `null`},
		{"wrapped layout cell", "BIV-classificatie                  Beschikbaarheid\n                                   = 2/3, Integriteit\n                                   = 2,\n                                   Vertrouwelijkheid\n                                   =2\n",
			`{"availability":[2,3],"integrity":[2,2],"confidentiality":[2,2]}`},
		{"aspects as columns", "| Beschikbaarheid | Integriteit | Vertrouwelijkheid |\n|---|---|---|\n| Midden | Hoog | Laag |\n",
			`{"availability":[2,2],"integrity":[3,3],"confidentiality":[1,1]}`},
		{"article heading then a numbered line", "Artikel 6: Vertrouwelijkheid\n1. Verwerker houdt geheim.\nBeschikbaarheid: 2\nIntegriteit: 2\n", `null`},
		{"digits in prose are no levels", "Back-ups: beschikbaarheid op 2 locaties, integriteit op 1 server en vertrouwelijkheid op 3 niveaus.\n", `null`},
		{"aspect letters", "BIV-classificatie: B=2, I=3, V=2/3\n", `{"availability":[2,2],"integrity":[3,3],"confidentiality":[2,3]}`},
		{"aspect letters run together", "De BIV-score is B2 I2 V3.\n", `{"availability":[2,2],"integrity":[2,2],"confidentiality":[3,3]}`},
		{"compact without a colon", "BIV 3/2/2\n", `{"availability":[3,3],"integrity":[2,2],"confidentiality":[2,2]}`},
		{"two aspects only", "Beschikbaarheid: Hoog\nIntegriteit: Midden\n", `null`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := textDoc(tc.text)
			r := &Record{Evidence: map[string][]Evidence{}}
			extractBIV(d, r)
			got, _ := json.Marshal(r.BIV)
			if string(got) != tc.want {
				t.Errorf("BIV = %s, want %s", got, tc.want)
			}
			if r.BIV != nil {
				for _, p := range bivPaths {
					if len(r.Evidence[p]) == 0 {
						t.Errorf("no evidence for %s", p)
					}
				}
			}
		})
	}
}

// TestMayHoldBIVLetter holds the test bivLetters makes before the rule to
// the rule: on every line where bivLetterRe finds a match, it must say
// yes. The lines are written ones and random ones over the letters,
// separators and levels the rule reads, runes that case folding takes
// for ASCII letters, and others.
func TestMayHoldBIVLetter(t *testing.T) {
	lines := []string{
		"B=2, I=2, V=3", "B: Midden", "B2 I2 V3", "b\t:\thoog", "(v) laag", "é b 1", "\u212aB 1",
		"BIV-classificatie: Hoog/Hoog/Midden", "de classificatie is bekend", "bij levering", "Bijlage 1",
		"", "B", "I:", "V =", "x1 b=1",
	}
	parts := []string{"b", "B", "i", "I", "v", "V", "İ", "ı", "\u212a", "ſ", " ", "\t", ":", "=", "-", "/", "(", ")",
		"l", "m", "h", "g", "1", "2", "3", "laag", "Hoog", "midden", "gemiddeld", "high", "LOW", "é", "ß", "a", "x", "9", "\n"}
	r := rand.New(rand.NewPCG(14, 14))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		lines = append(lines, b.String())
	}
	no := 0
	for _, s := range lines {
		may := mayHoldBIVLetter(s)
		if m := bivLetterRe.Regexp.FindStringSubmatchIndex(s); m != nil && !may {
			t.Errorf("%q: bivLetterRe matches %q, mayHoldBIVLetter says no", s, s[m[0]:m[1]])
		}
		if !may {
			no++
		}
	}
	// the test must leave lines out, or it saves nothing
	for _, s := range []string{"BIV-classificatie: Hoog/Hoog/Midden", "bij levering", "de classificatie is bekend"} {
		if mayHoldBIVLetter(s) {
			t.Errorf("%q: mayHoldBIVLetter says yes to a line without a letter and level", s)
		}
	}
	if no == 0 {
		t.Error("mayHoldBIVLetter said yes to every line")
	}
}
