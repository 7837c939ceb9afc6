package index

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/dpa-nl/dpa/normalize/normtest"
)

// TestDutchAnalyzer holds dutchAnalyzer to bleve's Dutch analyzer: the
// same terms at the same positions and offsets, on every line and
// paragraph of the fixtures, analysed by several goroutines at once and
// again (the second time from the remembered stems), and with a table
// too small to hold them all (words taking each other's slots).
func TestDutchAnalyzer(t *testing.T) {
	texts := normtest.Texts(t, "../testdata/*/*.txt", "../testdata/*/*.md", "../testdata/*/*/*.txt")
	texts = append(texts, "Verwerker verwerkers verwerking VERWERKT; café's, geïnformeerd, ijverig, Ÿ, ß, 123, 1.000,00, a-b_c, de het een")
	cache := registry.NewCache()
	ours, err := cache.AnalyzerNamed(dutchAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := cache.AnalyzerNamed(nl.AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = dumpTokens(theirs.Analyze([]byte(s)))
	}
	check := func(name string, a analysis.Analyzer) {
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for pass := 0; pass < 2; pass++ {
					for i := w; i < len(texts); i += 4 {
						if got := dumpTokens(a.Analyze([]byte(texts[i]))); got != want[i] {
							t.Errorf("%s, %q:\n got %s\nwant %s", name, texts[i], got, want[i])
							return
						}
					}
				}
			}()
		}
		wg.Wait()
	}
	check("dpa_nl", ours)
	small := *ours.(*analysis.DefaultAnalyzer)
	small.TokenFilters = append([]analysis.TokenFilter{}, small.TokenFilters...)
	small.TokenFilters[len(small.TokenFilters)-1] = newStemCache(1)
	check("one slot", &small)
}

func dumpTokens(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%s@%d[%d:%d] ", t.Term, t.Position, t.Start, t.End)
	}
	return b.String()
}
