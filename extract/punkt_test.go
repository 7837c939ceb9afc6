package extract

import (
	"strings"
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
	punktlib "gopkg.in/neurosnap/sentences.v1"
)

// TestPunktMatchesProse checks that the shared tokenizer of punkt.go
// splits exactly as prose.NewDocument does, on Dutch sentences and on
// every fixture agreement (and corpus text, when present).
func TestPunktMatchesProse(t *testing.T) {
	texts := map[string]string{
		"abbreviations": "Verwerker verwerkt o.a. naam en e-mailadres. Wolkenfabriek B.V. is gevestigd te Zwolle. Zie art. 28 AVG.",
		"ellipsis":      "De lijst gaat door... En dan? Zo (zie hierboven.) Verder \"klaar.\" Daarna niets.",
		"address":       "Neem contact op via help@voorbeeld.nl. Wij reageren binnen 24 uur, d.w.z. snel.",
		"empty":         "",
	}
	paths := fixturesAndCorpus(t)
	for _, p := range paths {
		texts[p] = fixtureDocument(t, p).Text
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			pd, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false), prose.WithTokenization(false))
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, s := range pd.Sentences() {
				want = append(want, s.Text)
			}
			if got := punktSentences(text); strings.Join(got, "¦") != strings.Join(want, "¦") {
				t.Errorf("punktSentences differs from prose:\n%q\nwant:\n%q", got, want)
			}
		})
	}
}

// TestPunktConcurrent runs the shared tokenizer from several goroutines
// (go test -race shows a data race if it is not safe to share).
func TestPunktConcurrent(t *testing.T) {
	text := "Verwerker verwerkt o.a. naam. De school blijft verantwoordelijk. Zie art. 28 AVG."
	want := strings.Join(punktSentences(text), "¦")
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			if got := strings.Join(punktSentences(text), "¦"); got != want {
				errs <- got
			}
		})
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent punktSentences = %q, want %q", got, want)
	}
}

// TestPunktRules holds the hand-written versions of prose's and the
// library's rules to the patterns.
func TestPunktRules(t *testing.T) {
	lib := punktlib.NewWordTokenizer(punktlib.NewPunctStrings())
	ours := &punktWords{}
	toks := []string{"", ".", "..", "...", ". . .", "a. .b", "o.a.", "B.V.", "t.b.v.", "a.", "x.y", "_._.", "é.a.", "a.é.",
		"12", "1,5", "-3", "-.5", "5.", "2024-2025", "art.28", "€12,50", "a-1", "-", ",5", "1.2.3.", "Versie", "12ab",
		"a,b", ",", "-,", "x-.5", "19,-", "Yahoo!", "Yahoo!!", "ÉÉN", "1,", "a1.", "..5", "v1.0"}
	for _, p := range fixtures(t)[:3] {
		toks = append(toks, strings.Fields(fixtureDocument(t, p).Text)...)
	}
	for _, tok := range toks {
		tk := punktlib.NewToken(tok)
		if got, want := ours.Type(tk), lib.Type(tk); got != want {
			t.Errorf("Type(%q) = %q, want %q", tok, got, want)
		}
		for _, brk := range []bool{false, true} {
			tk.SentBreak = brk
			if got, want := ours.TypeNoSentPeriod(tk), lib.TypeNoSentPeriod(tk); got != want {
				t.Errorf("TypeNoSentPeriod(%q, %v) = %q, want %q", tok, brk, got, want)
			}
		}
		if got, want := punktAbbr(tok), len(punktAbbrRe.FindAllString(tok, 1)) > 0; got != want {
			t.Errorf("punktAbbr(%q) = %v, want %v", tok, got, want)
		}
		if got, want := punktEllipsis(tok), punktEllipsisRe.MatchString(tok); got != want {
			t.Errorf("punktEllipsis(%q) = %v, want %v", tok, got, want)
		}
	}
}
