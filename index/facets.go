package index

import (
	"container/list"
	"context"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/dpa-nl/dpa/extract"
)

// The snapshot table: what a search needs of every document, read once per
// index snapshot.
//
// bleve counts a terms facet and sorts on a field by decoding the doc
// values of every matching document, for every search, and it loads and
// decodes each hit's stored record: on 10,000 documents that is most of a
// search's CPU. A held generation never changes, so dpa reads every
// document's facet values and sort keys once per index snapshot into a
// table (document number → value ids, sort ranks) and keeps the decoded
// records of recent hits beside it; a search counts, sorts and shows its
// matches from the table (see collect.go).

// snapshotTable holds what searches need of every document of one index
// snapshot.
type snapshotTable struct {
	terms []string   // facet value id → "field\x1fvalue" as in fFacet
	field []int      // facet value id → its field's index in FacetFields (see facetField)
	value []string   // facet value id → the value alone
	docs  [][]uint32 // internal document number → facet value ids
	// bySupplier and byPath are, per internal document number, the rank
	// of its sort keys under the orders "supplier" (sort_supplier, then
	// sort_path) and "path" (sort_path): equal keys, equal rank.
	bySupplier []uint32
	byPath     []uint32
	// member is, per internal document number, whether the document is
	// one more file of an agreement (fMember): searches leave it out.
	member  []bool
	rows    rowCache
	phrases phraseSets // the documents of each phrase searched (phrase.go)
}

// isMember reports whether document number n is a member (see member).
func (t *snapshotTable) isMember(n uint64) bool {
	return n < uint64(len(t.member)) && t.member[n]
}

// readMembers marks the documents that hold fMember:true (a boolean
// field indexes true as the term "T").
func (t *snapshotTable) readMembers(r bindex.IndexReader) error {
	tfr, err := r.TermFieldReader(context.Background(), []byte("T"), fMember, false, false, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	var d *bindex.TermFieldDoc
	for {
		if d, err = tfr.Next(d); err != nil {
			return err
		}
		if d == nil {
			return nil
		}
		n := d.ID.Value()
		if n >= uint64(len(t.member)) {
			t.member = append(t.member, make([]bool, n+1-uint64(len(t.member)))...)
		}
		t.member[n] = true
	}
}

// buildTable reads the facet values and sort keys of every document of r.
// The sort keys are taken as bleve's field sort takes them (SortField.Value:
// the first value, "missing" last), so that ordering by rank is ordering as
// bleve would.
func buildTable(r bindex.IndexReader) (*snapshotTable, error) {
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer all.Close()
	dv, err := r.DocValueReader([]string{fFacet, fSortSupplier, fSortPath})
	if err != nil {
		return nil, err
	}
	t := &snapshotTable{rows: rowCache{max: rowCacheBytes}}
	ids := map[string]uint32{}
	keys := search.ParseSortOrderStrings([]string{fSortSupplier, fSortPath})
	var nums []uint64
	var supplierKeys, pathKeys []string
	dm := &search.DocumentMatch{}
	for {
		id, err := all.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		n := id.Value()
		if n >= uint64(len(t.docs)) {
			t.docs = append(t.docs, make([][]uint32, n+1-uint64(len(t.docs)))...)
		}
		var vals []uint32
		err = dv.VisitDocValues(id, func(field string, term []byte) {
			if field != fFacet {
				keys.UpdateVisitor(field, term)
				return
			}
			v, ok := ids[string(term)]
			if !ok {
				v = uint32(len(t.terms))
				ids[string(term)] = v
				t.terms = append(t.terms, string(term))
				f, value := facetField(string(term))
				t.field, t.value = append(t.field, f), append(t.value, value)
			}
			vals = append(vals, v)
		})
		if err != nil {
			return nil, err
		}
		t.docs[n] = vals
		dm.Sort, dm.DecodedSort = dm.Sort[:0], dm.DecodedSort[:0]
		keys.Value(dm)
		nums = append(nums, n)
		supplierKeys = append(supplierKeys, dm.Sort[0])
		pathKeys = append(pathKeys, dm.Sort[1])
	}
	t.bySupplier = ranks(len(t.docs), nums, func(i, j int) int {
		if c := compareStrings(supplierKeys[i], supplierKeys[j]); c != 0 {
			return c
		}
		return compareStrings(pathKeys[i], pathKeys[j])
	})
	t.byPath = ranks(len(t.docs), nums, func(i, j int) int { return compareStrings(pathKeys[i], pathKeys[j]) })
	if err := t.readMembers(r); err != nil {
		return nil, err
	}
	return t, nil
}

// ranks returns, per document number, the rank of document i (nums[i])
// under cmp; documents that compare equal share a rank.
func ranks(size int, nums []uint64, cmp func(i, j int) int) []uint32 {
	order := make([]int, len(nums))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return cmp(order[a], order[b]) < 0 })
	out := make([]uint32, size)
	rank := uint32(0)
	for k, i := range order {
		if k > 0 && cmp(order[k-1], i) != 0 {
			rank++
		}
		out[nums[i]] = rank
	}
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// tableCache keeps the table of the last index snapshot searched. A held
// generation hands out the same snapshot for every search, so its table
// is built once; a per-call Index builds one per search (what bleve's own
// facets and sorting cost anyway).
type tableCache struct {
	mu     sync.Mutex
	reader bindex.IndexReader // the snapshot table belongs to; kept referenced so its address is not reused
	table  *snapshotTable
}

// get returns the table of snapshot r, building it when r is new.
func (c *tableCache) get(r bindex.IndexReader) (*snapshotTable, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.table != nil && c.reader == r {
		return c.table, nil
	}
	t, err := buildTable(r)
	if err != nil {
		return nil, err
	}
	c.reader, c.table = r, t
	return t, nil
}

// facetCounts is what one search counts: matches per value id.
type facetCounts struct {
	table  *snapshotTable
	counts []int
}

// count adds the facet values of document number n.
func (fc *facetCounts) count(n uint64) {
	if n < uint64(len(fc.table.docs)) {
		for _, v := range fc.table.docs[n] {
			fc.counts[v]++
		}
	}
}

// rowCacheBytes bounds the rows a snapshot table keeps, counted as the
// size of their stored records (decoded, a record takes about twice that):
// some 30,000 synthetic records of the benchmark, 3,000 real ones.
const rowCacheBytes = 64 << 20

// row is what a hit shows of one document: its id and its stored record
// and error, decoded. Rows are shared by every search of a snapshot and
// never modified.
type row struct {
	id   string
	rec  *extract.Record
	err  string
	size int // the bytes of the stored record
}

// rowCache keeps the rows of the documents most recently shown, by
// internal document number (least recently used out first).
type rowCache struct {
	mu    sync.Mutex
	max   int // bytes (row.size)
	bytes int
	m     map[uint64]*list.Element
	lru   list.List // of *cachedRow, most recent first
}

type cachedRow struct {
	n   uint64
	row *row
}

// get returns the row of document number n, loading it with load when it
// is not kept.
func (c *rowCache) get(n uint64, load func() (*row, error)) (*row, error) {
	c.mu.Lock()
	if e, ok := c.m[n]; ok {
		c.lru.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*cachedRow).row, nil
	}
	c.mu.Unlock()
	r, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[uint64]*list.Element{}
	}
	if _, ok := c.m[n]; !ok {
		c.m[n] = c.lru.PushFront(&cachedRow{n: n, row: r})
		c.bytes += r.size
		for c.bytes > c.max && c.lru.Len() > 1 {
			old := c.lru.Back()
			c.lru.Remove(old)
			delete(c.m, old.Value.(*cachedRow).n)
			c.bytes -= old.Value.(*cachedRow).row.size
		}
	}
	return r, nil
}
