package index

import (
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Facet counting without doc values per match.
//
// bleve counts a terms facet by decoding the facet field's doc values of
// every matching document, for every search: on 10,000 documents that is
// most of a search's CPU. A held generation never changes, so dpa reads
// every document's facet values once per index snapshot into a table
// (document number → value ids) and counts a search's facets from it while
// the search runs: the query is wrapped so that its searcher counts each
// match it hands to bleve's collector.

// facetTable holds the facet values of every document of one index snapshot.
type facetTable struct {
	terms []string   // value id → "field\x1fvalue" as in fFacet
	docs  [][]uint32 // internal document number → value ids
}

// buildFacetTable reads the facet values of every document of r.
func buildFacetTable(r bindex.IndexReader) (*facetTable, error) {
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer all.Close()
	dv, err := r.DocValueReader([]string{fFacet})
	if err != nil {
		return nil, err
	}
	t := &facetTable{}
	ids := map[string]uint32{}
	for {
		id, err := all.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			return t, nil
		}
		n := id.Value()
		if n >= uint64(len(t.docs)) {
			t.docs = append(t.docs, make([][]uint32, n+1-uint64(len(t.docs)))...)
		}
		var vals []uint32
		err = dv.VisitDocValues(id, func(field string, term []byte) {
			if field != fFacet {
				return
			}
			v, ok := ids[string(term)]
			if !ok {
				v = uint32(len(t.terms))
				ids[string(term)] = v
				t.terms = append(t.terms, string(term))
			}
			vals = append(vals, v)
		})
		if err != nil {
			return nil, err
		}
		t.docs[n] = vals
	}
}

// facetCache keeps the table of the last index snapshot searched. A held
// generation hands out the same snapshot for every search, so its table
// is built once; a per-call Index builds one per search (what bleve's own
// facets cost anyway).
type facetCache struct {
	mu     sync.Mutex
	reader bindex.IndexReader // the snapshot table belongs to; kept referenced so its address is not reused
	table  *facetTable
}

// get returns the table of snapshot r, building it when r is new.
func (c *facetCache) get(r bindex.IndexReader) (*facetTable, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.table != nil && c.reader == r {
		return c.table, nil
	}
	t, err := buildFacetTable(r)
	if err != nil {
		return nil, err
	}
	c.reader, c.table = r, t
	return t, nil
}

// facetCounts is what one search counts: matches per value id.
type facetCounts struct {
	table  *facetTable
	counts []int
}

// termFacets returns the counts in bleve's form, for splitFacets.
func (fc *facetCounts) termFacets() []*search.TermFacet {
	if fc.table == nil {
		return nil
	}
	var out []*search.TermFacet
	for id, n := range fc.counts {
		if n > 0 {
			out = append(out, &search.TermFacet{Term: fc.table.terms[id], Count: n})
		}
	}
	return out
}

// countingQuery wraps a query so that its searcher counts the facets of
// every match it returns.
type countingQuery struct {
	query.Query
	cache *facetCache
	out   *facetCounts
}

// Searcher builds the wrapped query's searcher on r and wraps it.
func (q *countingQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	t, err := q.cache.get(r)
	if err != nil {
		return nil, err
	}
	s, err := q.Query.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	q.out.table = t
	q.out.counts = make([]int, len(t.terms))
	return &countingSearcher{Searcher: s, out: q.out}, nil
}

// countingSearcher counts the facet values of each match it returns.
type countingSearcher struct {
	search.Searcher
	out *facetCounts
}

func (s *countingSearcher) count(dm *search.DocumentMatch) {
	if dm == nil {
		return
	}
	if n := dm.IndexInternalID.Value(); n < uint64(len(s.out.table.docs)) {
		for _, v := range s.out.table.docs[n] {
			s.out.counts[v]++
		}
	}
}

// Next returns the next match, counted.
func (s *countingSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	s.count(dm)
	return dm, err
}

// Advance returns the first match at or after id, counted.
func (s *countingSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	s.count(dm)
	return dm, err
}
