package index

import (
	"hash/maphash"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
)

// The text analyzer.
//
// dutchAnalyzer is bleve's Dutch analyzer ("nl": unicode words, lower
// case, Dutch stop words, the Snowball Dutch stemmer) with two changes:
// its words come from asciiTokenizer (tokenizer.go), and the stemmer
// remembers the stems it made. An agreement's words are few and come back
// on every page and in every agreement (verwerker, persoonsgegevens,
// onderwijsinstelling), and stemming each anew was a tenth of what writing
// an index cost. The terms are bleve's, word for word (TestDutchAnalyzer).
const (
	dutchAnalyzer = "dpa_nl"
	dutchStemmer  = "dpa_stemmer_nl_cached"
)

func init() {
	registry.RegisterTokenFilter(dutchStemmer, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return newStemCache(stemSlots), nil
	})
	registry.RegisterAnalyzer(dutchAnalyzer, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		tokenizer, err := cache.TokenizerNamed(asciiTokenizerName)
		if err != nil {
			return nil, err
		}
		var filters []analysis.TokenFilter
		for _, name := range []string{lowercase.Name, nl.StopName, dutchStemmer} {
			f, err := cache.TokenFilterNamed(name)
			if err != nil {
				return nil, err
			}
			filters = append(filters, f)
		}
		return &analysis.DefaultAnalyzer{Tokenizer: tokenizer, TokenFilters: filters}, nil
	})
}

// stemSlots is the number of stems a stemCache keeps (a power of two).
const stemSlots = 1 << 15

// stemCache is the Snowball Dutch stemmer with a fixed table of the
// stems last made, by a hash of the word: a word whose slot holds it
// takes the stem from there, another is stemmed and takes the slot. The
// table is safe for the analysis workers to share (each slot is swapped
// whole), and bounded (a few MB however many words pass).
type stemCache struct {
	seed  maphash.Seed
	slots []atomic.Pointer[stemEntry] // a power of two of them
}

// newStemCache returns a stemmer that keeps n stems (n a power of two).
func newStemCache(n int) *stemCache {
	return &stemCache{seed: maphash.MakeSeed(), slots: make([]atomic.Pointer[stemEntry], n)}
}

// stemEntry is one word and its stem; never changed once made. Tokens
// share stem: a term is not written to after analysis.
type stemEntry struct {
	word string
	stem []byte
}

// Filter stems each token's term, as bleve's DutchStemmerFilter does.
func (c *stemCache) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		slot := &c.slots[maphash.Bytes(c.seed, token.Term)&uint64(len(c.slots)-1)]
		if e := slot.Load(); e != nil && e.word == string(token.Term) {
			token.Term = e.stem
			continue
		}
		word := string(token.Term)
		env := snowballstem.NewEnv(word)
		dutch.Stem(env)
		e := &stemEntry{word: word, stem: []byte(env.Current())}
		slot.Store(e)
		token.Term = e.stem
	}
	return input
}
