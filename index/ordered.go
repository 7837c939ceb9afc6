package index

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Numbers in bleve.
//
// The numbers of a record (BIV levels, retention days, the breach
// deadline, the model number, the review's counts) are few and take few
// distinct values across a drive. bleve's numeric field writes sixteen
// prefix terms for each (a trie that keeps a range over millions of
// distinct values to a few dozen terms): 150 of a record's 280 terms,
// and half of what writing a batch cost. Each number is instead one
// keyword term whose byte order is the numbers' order (numberTerm), and a
// range is the terms between its ends (rangeQuery): as many terms as
// there are distinct values in the range.
//
// A range is a filter: every document in it scores the same. (bleve's
// numeric range scored a document by the rarity of whichever prefix term
// it matched, an accident of the encoding.) Equal scores list in path
// order, and a range beside free text leaves the text's ranking as it is.
// Dates keep bleve's numeric field (their distinct values are many, and
// its prefix terms keep a date range to a few dozen), scored the same way
// (filterQuery).

// numberTerm is the index term of x: the 16 hex digits of a uint64 whose
// order is the order of the float64s (negative numbers have their bits
// flipped, positive ones their sign bit set), so that comparing terms as
// bytes compares the numbers. -0 and 0 are one term.
func numberTerm(x float64) string {
	if x == 0 {
		x = 0 // -0 → 0
	}
	u := math.Float64bits(x)
	if u&(1<<63) != 0 {
		u = ^u
	} else {
		u |= 1 << 63
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], u)
	return hex.EncodeToString(b[:])
}

// numberTerms replaces, in a flattened document about to be mapped for
// bleve, each number of a TypeNumber field by its numberTerm.
func numberTerms(d document) {
	for _, f := range schema {
		if f.Type != TypeNumber || f.Engine == SearchOnly {
			continue
		}
		at := map[string]interface{}(d)
		name := f.Name
		if parent, child, ok := strings.Cut(f.Name, "."); ok {
			sub, _ := d[parent].(map[string]interface{})
			if sub == nil {
				continue
			}
			at, name = sub, child
		}
		switch v := at[name].(type) {
		case float64:
			at[name] = numberTerm(v)
		case []float64:
			terms := make([]string, len(v))
			for i, x := range v {
				terms[i] = numberTerm(x)
			}
			at[name] = terms
		}
	}
}

// rangeQuery is a range of a number field: the terms from lo to hi (each
// end included or not; an infinite end is open), every match scoring one.
type rangeQuery struct {
	field        string
	lo, hi       float64
	loInc, hiInc bool
}

// Searcher returns the documents with a term in the range, each scored 1.
func (q *rangeQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if q.lo > q.hi || q.lo == q.hi && !(q.loInc && q.hiInc) {
		return searcher.NewMatchNoneSearcher(r)
	}
	lo, hi := []byte(numberTerm(q.lo)), []byte(numberTerm(q.hi))
	loInc, hiInc := q.loInc || math.IsInf(q.lo, -1), q.hiInc || math.IsInf(q.hi, 1)
	s, err := searcher.NewTermRangeSearcher(ctx, r, lo, hi, &loInc, &hiInc, q.field, 1, opts)
	if err != nil {
		return nil, err
	}
	return &constantScorer{Searcher: s}, nil
}

// filterQuery is a query whose matches all score one, as a range of
// numbers does: bleve's date range, whose prefix terms would otherwise
// rank its matches by their rarity.
type filterQuery struct {
	query.Query
}

// Searcher returns the query's searcher, every match scored 1.
func (q *filterQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	s, err := q.Query.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &constantScorer{Searcher: s}, nil
}

// constantScorer gives every match of its searcher the score 1 and adds
// no weight to the query norm of the searchers it is combined with.
type constantScorer struct {
	search.Searcher
}

// Next returns the next match, scored 1.
func (s *constantScorer) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return constantScore(s.Searcher.Next(ctx))
}

// Advance returns the first match at or after id, scored 1.
func (s *constantScorer) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	return constantScore(s.Searcher.Advance(ctx, id))
}

// Weight is 0: a filter takes no part in the query norm.
func (s *constantScorer) Weight() float64 { return 0 }

// SetQueryNorm does nothing: the score stays 1.
func (s *constantScorer) SetQueryNorm(float64) {}

func constantScore(dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if dm != nil {
		dm.Score = 1
		dm.Expl = nil
	}
	return dm, err
}
