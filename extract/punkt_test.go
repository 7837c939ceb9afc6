package extract

import (
	"strings"
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
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
