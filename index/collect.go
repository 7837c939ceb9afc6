package index

import (
	"container/heap"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	htmlhl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/dpa-nl/dpa/extract"
)

// A search runs bleve's searcher for the query (which decides what matches
// and with what score) and collects the matches itself, in the order
// bleve's top-N collector would give them: by score, or by the table's
// sort ranks, ties in index order. The facets are counted and the order
// taken from the snapshot table, and each hit's record from its row cache,
// so that a match costs a few array reads and a hit no stored-field read
// once its row is kept.

// collected is what collect found.
type collected struct {
	total uint64
	hits  []*search.DocumentMatch // the page asked for, in order, IDs set
	rows  []*row                  // the row of each hit
}

// collect runs q on snapshot r and returns the hits from offset to
// offset+limit in sortBy's order ("", "supplier", "path"), counting facets
// into counts when it is not nil. With highlight, free-text hits carry
// their fragments of the text field.
func collect(ctx context.Context, bi bleve.Index, q query.Query, tc *tableCache, sortBy string, offset, limit int, highlight bool, counts *facetCounts) (*collected, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	t, err := tc.get(r)
	if err != nil {
		return nil, err
	}
	ctx = context.WithValue(ctx, tableKey{}, t)
	// Term locations are read for the hits alone (see locate): decoding
	// them for every match of a frequent word costs more than the search.
	s, err := q.Searcher(ctx, r, bi.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	if _, none := s.(*searcher.MatchNoneSearcher); none {
		// bleve reads "all but the members" for a query that can match
		// nothing (words that are all stop words): ask it so.
		s.Close()
		q = withoutMembers(q)
		if s, err = q.Searcher(ctx, r, bi.Mapping(), search.SearcherOptions{}); err != nil {
			return nil, err
		}
	} else {
		// The query norm bleve's boolean searcher would give q.
		s.SetQueryNorm(1.0 / math.Sqrt(s.Weight()))
	}
	defer s.Close()

	k := offset + limit
	top := &topN{max: k}
	switch sortBy {
	case "supplier":
		top.rank = t.bySupplier
	case "path":
		top.rank = t.byPath
	}
	if counts != nil {
		counts.table = t
		counts.counts = make([]int, len(t.terms))
	}
	pool := search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+min(k, 1024)+1, 0)
	sctx := &search.SearchContext{DocumentMatchPool: pool, IndexReader: r}
	var total uint64
	for {
		if total%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			break
		}
		n := dm.IndexInternalID.Value()
		if t.isMember(n) {
			pool.Put(dm) // one more file of an agreement, see withoutMembers
			continue
		}
		total++
		dm.HitNumber = total
		if counts != nil {
			counts.count(n)
		}
		if out := top.add(dm, n); out != nil {
			pool.Put(out)
		}
	}
	out := &collected{total: total, hits: top.sorted()}
	if offset >= len(out.hits) {
		out.hits = nil
	} else {
		out.hits = out.hits[offset:]
	}
	for _, dm := range out.hits {
		n := dm.IndexInternalID.Value()
		rw, err := t.rows.get(n, func() (*row, error) { return loadRow(r, dm.IndexInternalID) })
		if err != nil {
			return nil, err
		}
		dm.ID = rw.id
		out.rows = append(out.rows, rw)
	}
	if highlight && len(out.hits) > 0 {
		if err := locate(ctx, bi, r, q, out.hits); err != nil {
			return nil, err
		}
		h, err := bleve.Config.Cache.HighlighterNamed(htmlhl.Name)
		if err != nil {
			return nil, err
		}
		req := bleve.NewSearchRequest(q)
		req.Highlight = bleve.NewHighlightWithStyle(htmlhl.Name)
		req.Highlight.AddField(fText)
		for _, dm := range out.hits {
			if err, _ := bleve.LoadAndHighlightFields(dm, req, "", r, h); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// locate gives each hit the term locations a searcher with term vectors
// finds in its document (what bleve's highlighter marks), by advancing
// such a searcher to the hits alone.
func locate(ctx context.Context, bi bleve.Index, r bindex.IndexReader, q query.Query, hits []*search.DocumentMatch) error {
	s, err := q.Searcher(ctx, r, bi.Mapping(), search.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		return err
	}
	defer s.Close()
	byDoc := append([]*search.DocumentMatch(nil), hits...)
	sort.Slice(byDoc, func(i, j int) bool { return byDoc[i].IndexInternalID.Compare(byDoc[j].IndexInternalID) < 0 })
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0), IndexReader: r}
	var cur *search.DocumentMatch
	for _, hit := range byDoc {
		if cur == nil || cur.IndexInternalID.Compare(hit.IndexInternalID) < 0 {
			sctx.DocumentMatchPool.Put(cur)
			if cur, err = s.Advance(sctx, hit.IndexInternalID); err != nil {
				return err
			}
			if cur == nil {
				break
			}
		}
		if cur.IndexInternalID.Equals(hit.IndexInternalID) {
			hit.FieldTermLocations = append(hit.FieldTermLocations[:0], cur.FieldTermLocations...)
			hit.Complete(nil)
		}
	}
	return nil
}

// loadRow reads the id, stored record and error of document number id.
func loadRow(r bindex.IndexReader, id bindex.IndexInternalID) (*row, error) {
	ext, err := r.ExternalID(id)
	if err != nil {
		return nil, err
	}
	d, err := r.Document(ext)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", ext, err)
	}
	if d == nil {
		return nil, fmt.Errorf("document %q: %w", ext, ErrNotFound)
	}
	rw := &row{id: ext}
	var rec []byte
	d.VisitFields(func(f bindex.Field) {
		switch f.Name() {
		case fRecord:
			rec = f.Value()
		case fError:
			rw.err = string(f.Value())
		}
	})
	rw.rec, rw.size = new(extract.Record), len(rec)
	if err := json.Unmarshal(rec, rw.rec); err != nil {
		return nil, fmt.Errorf("document %s: stored record unreadable: %w", ext, err)
	}
	return rw, nil
}

// topN keeps the max best matches seen: by score (higher first), or by
// rank (lower first) when rank is set; ties go to the earlier hit, as in
// bleve's collector.
type topN struct {
	max  int
	rank []uint32
	h    []ranked // a heap with the worst kept match on top
}

type ranked struct {
	dm   *search.DocumentMatch
	rank uint32
}

// before reports whether a comes before b in the results.
func (t *topN) before(a, b ranked) bool {
	if t.rank == nil {
		if a.dm.Score != b.dm.Score {
			return a.dm.Score > b.dm.Score
		}
	} else if a.rank != b.rank {
		return a.rank < b.rank
	}
	return a.dm.HitNumber < b.dm.HitNumber
}

func (t *topN) Len() int           { return len(t.h) }
func (t *topN) Less(i, j int) bool { return t.before(t.h[j], t.h[i]) }
func (t *topN) Swap(i, j int)      { t.h[i], t.h[j] = t.h[j], t.h[i] }
func (t *topN) Push(x any)         { t.h = append(t.h, x.(ranked)) }
func (t *topN) Pop() any {
	x := t.h[len(t.h)-1]
	t.h = t.h[:len(t.h)-1]
	return x
}

// add offers match dm (document number n) and returns the match that fell
// out, if any, for reuse.
func (t *topN) add(dm *search.DocumentMatch, n uint64) *search.DocumentMatch {
	e := ranked{dm: dm}
	if t.rank != nil && n < uint64(len(t.rank)) {
		e.rank = t.rank[n]
	}
	if len(t.h) < t.max {
		heap.Push(t, e)
		return nil
	}
	if t.max == 0 || !t.before(e, t.h[0]) {
		return dm
	}
	out := t.h[0].dm
	t.h[0] = e
	heap.Fix(t, 0)
	return out
}

// sorted empties the heap into the kept matches, best first.
func (t *topN) sorted() []*search.DocumentMatch {
	out := make([]*search.DocumentMatch, len(t.h))
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(t).(ranked).dm
	}
	return out
}
