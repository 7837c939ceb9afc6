package register

import (
	"context"
	"fmt"
	"strings"

	"github.com/dpa-nl/dpa/index"
)

// MaxItems bounds the agreements one overview reads.
const MaxItems = 50000

// Load returns the agreements of ix that query q matches (all for an
// empty q) with the corrections of store applied (store may be nil).
func Load(ctx context.Context, ix *index.Index, q string, store *Store) ([]Item, error) {
	if strings.TrimSpace(q) == "" {
		q = "*"
	}
	const page = 500
	var out []Item
	for off := 0; ; off += page {
		res, err := ix.Search(ctx, q, index.SearchOptions{Limit: page, Offset: off, FacetSize: -1, WithRecord: true})
		if err != nil {
			return nil, err
		}
		if res.Total > MaxItems {
			return nil, fmt.Errorf("register %q: %d documents match, more than %d; narrow the query", q, res.Total, MaxItems)
		}
		for _, h := range res.Hits {
			if h.Record == nil {
				continue
			}
			it := Item{Record: h.Record, Error: h.Error}
			if store != nil {
				it = store.Apply(h.Record, h.Error)
			}
			it.ID = h.ID
			out = append(out, it)
		}
		if len(res.Hits) < page || uint64(off+page) >= res.Total {
			return out, nil
		}
	}
}

// Find returns the item whose agreement is kept in the file path (its
// record's source path, or one of its paths), or nil.
func Find(items []Item, path string) *Item {
	for i, it := range items {
		r := it.Record
		if r.Source.Path == path {
			return &items[i]
		}
		for _, p := range r.Source.Paths {
			if p == path {
				return &items[i]
			}
		}
	}
	return nil
}
