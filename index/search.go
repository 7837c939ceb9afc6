package index

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dpa-nl/dpa/extract"
)

// SearchOptions configure Search.
type SearchOptions struct {
	// Limit is the most hits returned (default 20); Offset skips hits.
	Limit  int
	Offset int
	// FacetSize is the most terms per facet (default 10); negative: no facets.
	FacetSize int
	// WithRecord includes each hit's whole record.
	WithRecord bool
	// Sort orders the hits: "" by score (then path), "supplier" by
	// supplier name (then path), "path" by path. The index sorts every
	// match, however many.
	Sort string
	// Context fills Match.Context for evidence quotes too short to read
	// alone ("Amerikaans"), from the document text (slower: it loads the
	// text of those hits).
	Context bool
}

// FacetFields are the fields Search counts values of.
var FacetFields = []string{"country", "headquarters", "supplier", "subprocessor", "model", "kind"}

// Results is the answer to a query.
type Results struct {
	Query string        `json:"query"`
	Total uint64        `json:"total"`
	Took  time.Duration `json:"took_ns"`
	Hits  []Hit         `json:"hits"`
	// Facets counts, per field of FacetFields, the values among all matches.
	Facets []Facet `json:"facets"`
}

// Hit is one matching document.
type Hit struct {
	ID         string   `json:"id"`
	Score      float64  `json:"score"`
	Path       string   `json:"path"`
	Paths      []string `json:"paths"`
	Supplier   string   `json:"supplier,omitempty"`
	Products   []string `json:"products"`
	Kind       string   `json:"kind"`
	Model      string   `json:"model_version,omitempty"`
	OutsideEEA *bool    `json:"outside_eea"`
	// Error is set when the file now fails to read and this is its last good version.
	Error string `json:"error,omitempty"`
	// Matches say why the document matched, with the evidence for each condition.
	Matches []Match `json:"matches"`
	// Record is the whole record (SearchOptions.WithRecord), shared with
	// other searches of the same index generation: read it, do not change it.
	Record *extract.Record `json:"record,omitempty"`
}

// Match is the evidence for one condition of the query in one hit.
type Match struct {
	// Field is the query field ("country", "outside_eea"); "text" for free text.
	Field string `json:"field"`
	// Value is what satisfied it ("Amazon Web Services (US)").
	Value string `json:"value"`
	// Evidence is where the record found the value, when it says.
	Evidence *extract.Evidence `json:"evidence,omitempty"`
	// Fragment is, for free text, a passage with the matched words in «».
	Fragment string `json:"fragment,omitempty"`
	// Context is the line around a short evidence quote, the quote in «»
	// (see SearchOptions.Context).
	Context string `json:"context,omitempty"`
}

// Quote returns the passage to show for m: the fragment, the context or
// the evidence quote.
func (m Match) Quote() string {
	if m.Fragment != "" {
		return m.Fragment
	}
	if m.Context != "" {
		return m.Context
	}
	if m.Evidence != nil {
		return oneLine(m.Evidence.Quote)
	}
	return ""
}

// Facet counts the values of one field among the matching documents.
type Facet struct {
	Field   string      `json:"field"`
	Missing int         `json:"missing"` // matches without a value
	Other   int         `json:"other"`   // values beyond the ones listed
	Terms   []FacetTerm `json:"terms"`
}

// FacetTerm is one value and the number of matches that have it.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Search runs a query (see Parse for the syntax). A malformed query, or
// one whose prefix and path terms stand for more than MaxExpansion words
// of the index, returns a *SyntaxError; a search that outlasts ctx returns
// an error that wraps ctx's.
func (ix *Index) Search(ctx context.Context, q string, opts SearchOptions) (*Results, error) {
	n, err := Parse(q)
	if err != nil {
		return nil, err
	}
	if opts.Limit <= 0 {
		opts.Limit = 20
	}
	if opts.FacetSize == 0 {
		opts.FacetSize = 10
	}
	switch opts.Sort {
	case "", "supplier", "path":
		// "" by score, equal scores in path order below; "supplier":
		// documents without a supplier last, then by path.
	default:
		return nil, fmt.Errorf("sort %q: want supplier or path", opts.Sort)
	}
	bq := compile(n) // collect leaves the members out (withoutMembers)
	var counts *facetCounts
	if opts.FacetSize > 0 {
		counts = &facetCounts{}
	}
	start := time.Now()
	var res *collected
	err = ix.with(func(bi bleve.Index) error {
		if err := checkExpansion(ctx, bi, q, n); err != nil {
			return err
		}
		var err error
		res, err = collect(ctx, bi, bq, &ix.tables, opts.Sort, opts.Offset, opts.Limit, hasFreeText(n, false), counts)
		return err
	})
	var se *SyntaxError
	if errors.As(err, &se) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	out := &Results{Query: q, Total: res.total, Took: time.Since(start), Hits: []Hit{}, Facets: []Facet{}}
	terms := positiveTerms(n, nil, false)
	for i, h := range res.hits {
		out.Hits = append(out.Hits, newHit(h, res.rows[i], terms, opts.WithRecord))
	}
	if opts.Context {
		if err := ix.addContext(out.Hits); err != nil {
			return nil, err
		}
	}
	if opts.Sort == "" {
		// Equal scores (field-only queries) list in path order.
		sort.SliceStable(out.Hits, func(i, j int) bool {
			a, b := out.Hits[i], out.Hits[j]
			return a.Score > b.Score || a.Score == b.Score && a.Path < b.Path
		})
	}
	if counts != nil {
		out.Facets = facetsOf(counts.table.field, counts.table.value, counts.counts, opts.FacetSize)
	}
	return out, nil
}

// withoutMembers restricts q to one document per agreement: the documents
// that are one more file of an agreement (see agreementKey) are left out,
// so that hits, totals, facets and exports count agreements. Search asks
// bleve for this only where q can match nothing; otherwise collect skips
// the members itself, from the snapshot table, which gives the same hits
// and scores without a boolean searcher around every match.
func withoutMembers(q query.Query) query.Query {
	member := bleve.NewBoolFieldQuery(true)
	member.SetField(fMember)
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddMustNot(member)
	return b
}

// shortQuote is the length under which an evidence quote gets context.
const shortQuote = 30

// contextBytes is how far the context reaches on each side of a quote.
const contextBytes = 100

// addContext fills Match.Context for the short evidence quotes of hits.
func (ix *Index) addContext(hits []Hit) error {
	return ix.with(func(bi bleve.Index) error {
		for i := range hits {
			var text string
			for j := range hits[i].Matches {
				m := &hits[i].Matches[j]
				if m.Evidence == nil || len(m.Evidence.Quote) >= shortQuote {
					continue
				}
				if text == "" {
					s, err := loadStored(bi, hits[i].ID)
					if err != nil {
						return err
					}
					text = s.Text
				}
				m.Context = around(text, m.Evidence.Start, m.Evidence.End)
			}
		}
		return nil
	})
}

// around returns the line around text[start:end] (at most contextBytes
// on each side, cut at word boundaries) with that span in «».
func around(text string, start, end int) string {
	if start < 0 || end > len(text) || start > end {
		return ""
	}
	from := max(0, start-contextBytes)
	if i := strings.LastIndexAny(text[from:start], "\n\f"); i >= 0 {
		from += i + 1
	} else if from > 0 {
		if i := strings.IndexByte(text[from:start], ' '); i >= 0 {
			from += i + 1
		}
	}
	to := min(len(text), end+contextBytes)
	if i := strings.IndexAny(text[end:to], "\n\f"); i >= 0 {
		to = end + i
	} else if to < len(text) {
		if i := strings.LastIndexByte(text[end:to], ' '); i >= 0 {
			to = end + i
		}
	}
	for from < start && !utf8.RuneStart(text[from]) {
		from++
	}
	for to > end && to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	return oneLine(text[from:start] + "«" + text[start:end] + "»" + text[end:to])
}

// facetsOf returns one Facet per field of FacetFields, each with its size
// most frequent values, from the counts of facet terms: term i is value[i]
// of FacetFields[field[i]] (no field when field[i] < 0; an empty value
// counts as missing).
func facetsOf(field []int, value []string, counts []int, size int) []Facet {
	facets := make([]Facet, len(FacetFields))
	for i, name := range FacetFields {
		facets[i] = Facet{Field: name, Terms: []FacetTerm{}}
	}
	for i, n := range counts {
		if n == 0 || field[i] < 0 {
			continue
		}
		f := &facets[field[i]]
		if value[i] == "" {
			f.Missing += n
			continue
		}
		f.Terms = append(f.Terms, FacetTerm{Term: value[i], Count: n})
	}
	for i := range facets {
		f := &facets[i]
		slices.SortFunc(f.Terms, func(a, b FacetTerm) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Term, b.Term)
		})
		if len(f.Terms) > size {
			for _, t := range f.Terms[size:] {
				f.Other += t.Count
			}
			f.Terms = f.Terms[:size]
		}
	}
	return facets
}

// facetField splits an fFacet term into the index of its field in
// FacetFields (-1 for none) and its value.
func facetField(term string) (int, string) {
	field, value, ok := strings.Cut(term, facetSep)
	if i := slices.Index(FacetFields, field); ok && i >= 0 {
		return i, value
	}
	return -1, ""
}

// newHit makes the hit of match h, whose document has row rw, for a query
// with the given positive terms.
func newHit(h *search.DocumentMatch, rw *row, terms []*Term, withRecord bool) Hit {
	hit := Hit{ID: h.ID, Score: h.Score, Matches: []Match{}}
	r := rw.rec
	hit.Error = rw.err
	hit.Path, hit.Paths = r.Source.Path, r.Source.Paths
	if r.Processor.Name != nil {
		hit.Supplier = *r.Processor.Name
	}
	hit.Products = r.Products
	hit.Kind = r.Kind
	if r.ModelVersion != nil {
		hit.Model = *r.ModelVersion
	}
	hit.OutsideEEA = r.OutsideEEA
	for _, t := range terms {
		if t.Field == nil || t.Field.kind == kindText {
			for _, frag := range h.Fragments[fText] {
				hit.Matches = append(hit.Matches, Match{Field: "text", Value: t.Value, Fragment: fragment(frag)})
				break
			}
			continue
		}
		hit.Matches = append(hit.Matches, evidenceFor(r, t, hit.Error)...)
	}
	hit.Matches = dedupeMatches(hit.Matches)
	if withRecord {
		hit.Record = r
	}
	return hit
}

// positiveTerms returns the terms of n that a match satisfies (those not
// under an odd number of NOTs), in query order.
func positiveTerms(n Node, out []*Term, negated bool) []*Term {
	switch n := n.(type) {
	case *And:
		out = positiveTerms(n.Left, out, negated)
		return positiveTerms(n.Right, out, negated)
	case *Or:
		out = positiveTerms(n.Left, out, negated)
		return positiveTerms(n.Right, out, negated)
	case *Not:
		return positiveTerms(n.X, out, !negated)
	case *Term:
		if !negated {
			out = append(out, n)
		}
	}
	return out
}

func hasFreeText(n Node, negated bool) bool {
	for _, t := range positiveTerms(n, nil, negated) {
		if t.Field == nil || t.Field.kind == kindText {
			return true
		}
	}
	return false
}

// fragment turns a bleve HTML highlight into plain text with the matched
// words in «».
func fragment(s string) string {
	s = strings.NewReplacer("<mark>", "«", "</mark>", "»").Replace(s)
	return oneLine(html.UnescapeString(s))
}

func dedupeMatches(ms []Match) []Match {
	seen := map[string]bool{}
	out := ms[:0]
	for _, m := range ms {
		k := m.Field + "\x00" + m.Value + "\x00" + m.Quote()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, m)
	}
	return out
}
