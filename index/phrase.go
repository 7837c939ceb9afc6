package index

import (
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Phrases known per snapshot.
//
// A phrase ("buiten de EER") is bleve's costliest condition: for every
// document that has all its words, the phrase searcher decodes where each
// word stands and checks their order. Which documents hold a phrase does
// not change within an index snapshot, so the snapshot table keeps the
// documents of each phrase searched (phraseSet), computed by bleve's phrase
// searcher the first time; later searches run the phrase's words as the
// conjunction the phrase searcher is built on (same term searchers, same
// scores) without term positions, and keep the documents of the set.

// phraseQuery is a phrase of the query language: bleve's MatchPhraseQuery,
// whose searcher uses the snapshot's phrase set when the context carries
// the snapshot table (see collect).
type phraseQuery struct {
	*query.MatchPhraseQuery
}

// tableKey is the context key under which collect passes the snapshot table.
type tableKey struct{}

// maxPhrases bounds the phrase sets a snapshot table keeps.
const maxPhrases = 256

// phraseSet is the set of internal document numbers that hold one phrase.
type phraseSet []uint64

func (s phraseSet) has(n uint64) bool { return n/64 < uint64(len(s)) && s[n/64]&(1<<(n%64)) != 0 }

// phraseSets keeps the phrase sets of one snapshot, by field and phrase.
type phraseSets struct {
	mu sync.Mutex
	m  map[string]phraseSet
}

// Searcher returns bleve's phrase searcher, or with the snapshot table in
// ctx and no term vectors asked for, the phrase's words as a conjunction
// restricted to the documents that hold the phrase.
func (q *phraseQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	t, _ := ctx.Value(tableKey{}).(*snapshotTable)
	if t == nil || opts.IncludeTermVectors || opts.Explain || q.Fuzziness != 0 {
		return q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
	}
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	analyzerName := q.Analyzer
	if analyzerName == "" {
		analyzerName = m.AnalyzerNameForPath(field)
	}
	analyzer := m.AnalyzerNamed(analyzerName)
	if analyzer == nil {
		return q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
	}
	var words []string
	for _, pos := range tokenPositions(analyzer.Analyze([]byte(q.MatchPhrase))) {
		switch {
		case len(pos) == 1 && pos[0] != "":
			words = append(words, pos[0])
		case len(pos) > 1:
			// several words at one position: a disjunction in bleve's
			// phrase searcher; left to it
			return q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
		}
	}
	if len(words) == 0 {
		return q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
	}
	set, err := t.phrases.get(field+"\x00"+analyzerName+"\x00"+q.MatchPhrase, len(t.docs), func() (search.Searcher, error) {
		return q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
	})
	if err != nil {
		return nil, err
	}
	// As bleve's NewMultiPhraseSearcher builds its conjunction, term
	// vectors aside (they change no score).
	var ss []search.Searcher
	for _, w := range words {
		s, err := searcher.NewTermSearcher(ctx, r, w, field, q.BoostVal.Value(), opts)
		if err != nil {
			for _, s := range ss {
				s.Close()
			}
			return nil, err
		}
		ss = append(ss, s)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, ss, opts)
	if err != nil {
		for _, s := range ss {
			s.Close()
		}
		return nil, err
	}
	return &inSetSearcher{Searcher: conj, set: set}, nil
}

// tokenPositions groups analysed tokens by position, as bleve's
// MatchPhraseQuery does (an empty slot for a removed stop word).
func tokenPositions(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	out := make([][]string, last-first+1)
	for _, t := range tokens {
		out[t.Position-first] = append(out[t.Position-first], string(t.Term))
	}
	return out
}

// get returns the set of documents that phrase searcher s finds, running it
// once per snapshot.
func (p *phraseSets) get(key string, docs int, s func() (search.Searcher, error)) (phraseSet, error) {
	p.mu.Lock()
	set, ok := p.m[key]
	p.mu.Unlock()
	if ok {
		return set, nil
	}
	ps, err := s()
	if err != nil {
		return nil, err
	}
	defer ps.Close()
	set = make(phraseSet, (docs+63)/64)
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(ps.DocumentMatchPoolSize()+1, 0)}
	for {
		dm, err := ps.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			break
		}
		if n := dm.IndexInternalID.Value(); n/64 < uint64(len(set)) {
			set[n/64] |= 1 << (n % 64)
		}
		sctx.DocumentMatchPool.Put(dm)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil || len(p.m) >= maxPhrases {
		p.m = map[string]phraseSet{}
	}
	p.m[key] = set
	return set, nil
}

// inSetSearcher passes on the matches of its searcher whose documents are
// in set.
type inSetSearcher struct {
	search.Searcher
	set phraseSet
}

// Next returns the next match in the set.
func (s *inSetSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		dm, err := s.Searcher.Next(ctx)
		if err != nil || dm == nil || s.set.has(dm.IndexInternalID.Value()) {
			return dm, err
		}
		ctx.DocumentMatchPool.Put(dm)
	}
}

// Advance returns the first match in the set at or after id.
func (s *inSetSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if err != nil || dm == nil || s.set.has(dm.IndexInternalID.Value()) {
		return dm, err
	}
	ctx.DocumentMatchPool.Put(dm)
	return s.Next(ctx)
}
