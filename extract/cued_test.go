package extract

import (
	"fmt"
	"reflect"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/normalize"
	"github.com/dpa-nl/dpa/normalize/normtest"
)

func TestLeadingWords(t *testing.T) {
	for _, tc := range []struct {
		re   string
		want []string // nil: no cue words
	}{
		{`(?i)\bmodel\s+\d`, []string{"model"}},
		{`(?i)\b(?:AVG|GDPR)\b`, []string{"avg", "gdpr"}},
		{`(?i)(?:Bewerkers|Verwerkers)overeenkomst`, []string{"bewerkersovereenkomst", "verwerkersovereenkomst"}},
		{`\b[Bb]ewerker`, []string{"bewerker"}},
		{`(?m)^Artikel\s+\d`, []string{"artikel"}},
		{`(?i)bewaar(?:termijn|periode)?`, []string{"bewaar"}},
		{`(?i)verwerker|verwerkers`, []string{"verwerker"}}, // the longer one adds nothing
		{`(?i)financiële|financien`, []string{"financi"}},   // up to the first non-ASCII letter
		{`(?i)\bip\b|ip-adres`, nil},                        // too short to be worth it
		{`\s+Model`, nil},                                   // white space first
		{`(?i)(?:de\s+)?verwerker`, nil},                    // an optional word first
		{`\d+\s*uur`, nil},                                  // digits first
		{`(?i)[a-z]+overeenkomst`, nil},                     // a wide class first
		{`(?i)\bécole`, nil},                                // a non-ASCII letter first
		{`(?:x|y)+abc`, nil},                                // one letter, repeated
		{`(?i)(?:data|gegevens)(?:\s+)?verwerking`, []string{"data", "gegevens"}},
	} {
		c := newCued(normalize.Lazy(tc.re))
		c.prepare()
		if !slices.Equal(c.cues, tc.want) {
			t.Errorf("%s: cues %q, want %q", tc.re, c.cues, tc.want)
		}
	}
}

// TestCuedSameAsRegexp holds every cued rule of the package that has cue
// words to its plain regexp: on the fixture agreements (and the corpus
// texts when present), and on texts made to trip
// the shortcut: a cue inside a word, at the start and end of the text,
// after a multi-byte or broken character, and after a Kelvin sign.
func TestCuedSameAsRegexp(t *testing.T) {
	// the texts are live documents' (cueindex.go): a rule looks its cue
	// words up in their indexes, for the whole text and long stretches
	var texts []string
	for _, p := range fixturesAndCorpus(t) {
		x := newDocIndex(fixtureDocument(t, p).Text)
		addLive(x)
		defer dropLive(x)
		texts = append(texts, x.text)
	}
	odd := textDoc("Model \u212aennis: de bewaartermijn van het Convenant Digitale Onderwijsmiddelen " + strings.Repeat("verwerker ", 200))
	defer odd.release()
	var stretches []string
	for _, s := range append(texts[:min(len(texts), 6)], odd.text) {
		for from := len(s) / 3; from+2000 < len(s); from += len(s) / 2 {
			stretches = append(stretches, s[from:from+2000], s[from+7:from+1100])
		}
	}
	texts = append(texts, stretches...)
	// and a long text that is no document's scans for them
	texts = append(texts, strings.Clone(texts[0][:min(len(texts[0]), 20000)]))
	n := 0
	for _, c := range cuedRules {
		if c.prepare(); c.cues == nil && c.needs == nil && !c.lineStart {
			continue
		}
		n++
		short := []string{"", "\n", "A. Algemeen\n  B) Beveiliging\n#*Artikel 3 Duur\n\n\t\u00a0Bijlage 2a: x\n1. Doel",
			" \n* C. Bewaartermijnen\r\n\xffD. x\n", "\u212a. Kennis\nARTIKEL 12\n"}
		for _, w := range append(slices.Clone(c.cues), c.needs...) {
			up := strings.ToUpper(w)
			short = append(short, w, up+" "+w, "x"+w+"x "+w, "é"+w, "\xe2\x80"+w, w+"\n"+w, "\u212a"+w,
				"Model "+w+" 4.0: "+w+"s, "+up+" 2.0")
		}
		for _, s := range texts {
			if got, want := c.FindAllStringSubmatchIndex(s, -1), c.Regexp.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: FindAllStringSubmatchIndex %v, want %v", c, clip(s), got, want)
			}
		}
		for _, s := range short {
			if got, want := c.FindAllStringSubmatchIndex(s, -1), c.Regexp.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: FindAllStringSubmatchIndex %v, want %v", c, clip(s), got, want)
			}
			if got, want := c.FindStringSubmatchIndex(s), c.Regexp.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: FindStringSubmatchIndex %v, want %v", c, clip(s), got, want)
			}
		}
		d := textDoc(texts[0])
		if got, want := c.FindAllIn(d), c.Regexp.FindAllStringSubmatchIndex(d.text, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: FindAllIn %v, want %v", c, got, want)
		}
	}
	if n < 20 {
		t.Errorf("only %d rules have cue words", n)
	}
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return s
}

// TestAddressEnds holds addressEnds to the plain rule on the fixtures, the
// corpus texts when present, and addresses at the edges of a text.
func TestAddressEnds(t *testing.T) {
	texts := []string{"", "a@b.", "Mail a@b.nl. Wij", "x a@b.nl.\n\n Wij www.x.nl. Z http://q. É", "www.a.b. A www.c.d. B",
		"a@b.\tC@d. E", "zie https://voorbeeld.nl/a. B@c. D", "Www.a. B", "a@b.c.  \u00a0X", "e@f.g.\nH"}
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	for _, s := range texts {
		if got, want := addressEnds(s), addressEndRe.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("addressEnds(%q) = %v, want %v", clip(s), got, want)
		}
	}
}

// TestRuleHead reads the opening of rules that start at line starts, and
// finds the line starts where they may match.
func TestRuleHead(t *testing.T) {
	text := "Artikel 1\n  artikel 2\n#* Bijlage 3\n\n\tA. Doel\n*Artikel\nx Artikel 4\n\u212aennis"
	for _, tc := range []struct {
		re     string
		starts []int // nil: no head
	}{
		{`(?m)^[ \t#*]*Artikel\s+\d`, []int{0, 45}},
		{`(?im)^[ \t#*]*Artikel\s+\d`, []int{0, 10, 45}},
		{`(?m)^[ \t#*]*A\w`, []int{0, 45}},
		{`(?m)^[ \t#*]*A\w*`, []int{0, 36, 45}}, // the first letter alone
		{`(?im)^[ \t#*]*(?:(?:Model|Variant)\s+)?(?:Bijlage|Annex)`, []int{0, 10, 22, 36, 45}},
		{`(?m)^[ \t#*]*([A-H])[.)]`, []int{36}},
		{`(?m)^[ \t#*]*[\d\w]+[.)] `, []int{0, 10, 22, 36, 45, 54}}, // a repeated class ends the sequence
		{`(?m)^\s*x`, []int{54}},                                    // white space may run over lines
		{`(?m)^[ \t#*]*\*Artikel`, nil},                             // the class may take the first rune
		{`(?m)^[ \t#*]*(?:Artikel)?`, nil},                          // may match empty
		{`(?m)^.*Artikel`, nil},                                     // any rune first
		{`(?m)^Artikel|^Bijlage`, nil},                              // not one concatenation
		{`(?m)Artikel`, nil},                                        // not at line starts
		{`(?im)^kennis`, []int{66}},                                 // the Kelvin sign folds to k
		{`(?m)^kennis`, []int{}},                                    // but not without (?i)
	} {
		tree, err := syntax.Parse(tc.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		h := ruleHead(tree)
		if (h == nil) != (tc.starts == nil) {
			t.Errorf("%s: head %v, want one: %v", tc.re, h, tc.starts != nil)
			continue
		}
		if h != nil && !slices.Equal(h.starts(text), tc.starts) {
			t.Errorf("%s: starts %v, want %v", tc.re, h.starts(text), tc.starts)
		}
	}
}

// TestOpens checks the test opens gives a rule: wherever the rule's
// pattern matches, on every line and paragraph of the texts under
// testdata and on made-up sentences in any case, with NBSP, U+202F, long
// s and the Kelvin sign, the test lets the pattern run.
func TestOpens(t *testing.T) {
	texts := normtest.Texts(t, "../testdata/*/*.txt", "../testdata/*/*.md", "../testdata/*/*/*.txt")
	for _, s := range []string{
		"De looptijd bedraagt 2 jaar.", "de\u00a0LOOPTIJD is twee jaar", "De\u202flooptijd van deze verwerkersovereenkomst is 3 jaar",
		"Looptijd van 1 jaar", "Deze overeenkomst wordt aangegaan voor 1 jaar.", "Overeenkomst iſ aangegaan voor de duur van 2 jaar",
		"De Verwerkersovereenkomst WORDT AANGEGAAN VOOR EEN PERIODE VAN 3 JAAR", "overeenkomst\u2007gesloten voor 4 jaar", "overeenkomst geſloten voor 4 jaar",
		"De overeenkomst eindigt op 1 januari 2025.", "De looptijd loopt af op 31 december 2026", "overeenkomst is geldig tot en met 1 maart 2027",
		"Overeenkomst\t\tGELDT tot 1 juni 2028", "overeenkomst geldt voor 5 jaar", "looptijd\u00a0\u00a0eindigt op 2 februari 2029",
	} {
		texts = append(texts, s, strings.ToUpper(s), "Tekst. "+s)
	}
	matched := 0
	for _, c := range cuedRules {
		if c.next == nil {
			continue
		}
		c.prepare()
		if c.cues == nil {
			t.Errorf("%s: opens without cue words", c)
			continue
		}
		for _, s := range texts {
			for p := range s {
				var m []int
				if p == 0 {
					m = c.at0.FindStringSubmatchIndex(s)
				} else {
					_, k := utf8.DecodeLastRuneInString(s[:p])
					m = c.atN.FindStringSubmatchIndex(s[p-k:])
				}
				if m == nil {
					continue
				}
				matched++
				if !opensWith(s, p, c.next) {
					t.Errorf("%s matches %q at %d, but opens %q says no", c, s, p, c.next)
				}
			}
		}
	}
	t.Logf("%d matches", matched)
	if matched < 40 {
		t.Fatalf("only %d matches: the test makes too few", matched)
	}
}
