package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	htmlhl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"

	"github.com/dpa-nl/dpa/extract"
)

// searchDrive is a small drive of invented agreements (see helpers_test.go).
var searchDrive = map[string]string{
	"alpha.txt": `supplier: Alpha Leermiddelen B.V.
product: Rekenrace
kind: verwerkersovereenkomst
model: 4.0
sub: Wolkdienst Inc. | US, IE
sub: Rekenhal B.V. | NL | NL/DE
eea: true
breach: 24
retention: P1Y
biv: 2 2 3
date: 2021-03-01
category: naam
De gegevens worden ook buiten de EER opgeslagen.
`,
	"beta.txt": `supplier: Béta Onderwijs B.V.
product: Taalkast
kind: verwerkersovereenkomst
model: 3.0
sub: Serverpark Noord B.V. | NL | US
place: Frankfurt | DE
eea: false
breach: 48
retention: P2W
retention: P13M
biv: 1 1-2 2
date: 2018-05-25
Alle gegevens blijven in Nederland.
`,
	"gamma.txt": `supplier: Gamma Digitaal B.V.
product: Leesladder
kind: privacybijsluiter
sub: Snelpost Ltd | GB
eea: true
breach: 72
retention: P6M
biv: 3 3 1
date: 2019-11-01
`,
	"delta.txt": `supplier: Delta Scholen v.o.f.
product: Leeswijs.nl
kind: bewerkersovereenkomst
model: 2.0
Microsoft Azure wordt gebruikt voor opslag.
`,
}

func searchIndex(t testing.TB) *Index {
	t.Helper()
	drive := t.TempDir()
	writeFiles(t, drive, searchDrive)
	dir := filepath.Join(t.TempDir(), "idx")
	w := openWriter(t, dir)
	update(t, w, UpdateOptions{}, drive)
	w.Close()
	ix, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestSearch(t *testing.T) {
	ix := searchIndex(t)
	tests := []struct {
		q    string
		want []string // suppliers' first words, sorted
	}{
		{"outside_eea:true", []string{"Alpha", "Gamma"}},
		{"outside_eea:false", []string{"Béta"}},
		{"NOT outside_eea:true", []string{"Béta", "Delta"}},
		{"country:US", []string{"Alpha"}},
		{"country:nl", []string{"Alpha", "Béta"}},
		{"country:DE", []string{"Béta"}},
		// the agreement says NL, the provider is a US company
		{"headquarters:US", []string{"Béta"}},
		{"hq:us AND outside_eea:false", []string{"Béta"}},
		{"hoofdkantoor:DE", []string{"Alpha"}}, // a parent group's head office
		{"headquarters:NL", []string{"Alpha"}},
		{"supplier:beta", []string{"Béta"}}, // accents folded
		{"supplier:Béta", []string{"Béta"}},
		{`supplier:"Gamma Digitaal"`, []string{"Gamma"}},
		{"supplier:Leer*", []string{"Alpha"}},
		{"subprocessor:Wolkdienst", []string{"Alpha"}},
		{"subprocessor:B.V.", []string{"Alpha", "Béta"}},
		{"product:leesladder", []string{"Gamma"}},
		// a name's words are split at dots: a domain, a legal form
		{"product:leeswijs", []string{"Delta"}},
		{"product:Leeswijs.nl", []string{"Delta"}},
		{`product:"leeswijs.nl"`, []string{"Delta"}},
		{"supplier:v.o.f.", []string{"Delta"}},
		{`supplier:"Delta Scholen VOF"`, []string{"Delta"}}, // a legal form with or without dots
		{`subprocessor:"Rekenhal BV"`, []string{"Alpha"}},
		{"kind:privacybijsluiter", []string{"Gamma"}},
		{"kind:bewerker", []string{"Delta"}},
		{"model:4", []string{"Alpha"}},
		{"model:4.0 OR model:2.0", []string{"Alpha", "Delta"}},
		{"biv.confidentiality>=3", []string{"Alpha"}},
		{"biv.integrity>=2", []string{"Alpha", "Béta", "Gamma"}},
		{"biv.availability:1", []string{"Béta"}},
		{"retention>P1Y", []string{"Béta"}},
		{`retention>"1 jaar"`, []string{"Béta"}},
		{`bewaartermijn>="12 maanden"`, []string{"Alpha", "Béta"}},
		{"model<4.0", []string{"Béta", "Delta"}},
		{"model>=3", []string{"Alpha", "Béta"}},
		{"missing:biv", []string{"Delta"}},
		{"missing:breach", []string{"Delta"}},
		{"missing:subprocessor", []string{"Delta"}},
		{"missing:subprocessors", []string{"Delta"}}, // any name of the field
		{"missing:datalek", []string{"Delta"}},
		{"ontbreekt:beschikbaarheid", []string{"Delta"}},
		{"missing:kvk", []string{"Alpha", "Béta", "Delta", "Gamma"}},
		{"missing:model", []string{"Gamma"}},
		{"retention>=P1Y", []string{"Alpha", "Béta"}},
		{"retention<P1M", []string{"Béta"}},
		{"retention:P12M", []string{"Alpha"}},
		{"breach<=48", []string{"Alpha", "Béta"}},
		{"breach>48", []string{"Gamma"}},
		{"date>=2019", []string{"Alpha", "Gamma"}},
		{"date:2018", []string{"Béta"}},
		{"date<2019-11-01", []string{"Béta"}},
		{"date<=2019-11-01", []string{"Béta", "Gamma"}},
		{"Microsoft", []string{"Delta"}},
		{"microsoft azure", []string{"Delta"}},
		{`"buiten de EER"`, []string{"Alpha"}},
		{`"de EER buiten"`, nil},
		{"gegevens", []string{"Alpha", "Béta"}},
		{"gegevens -country:US", []string{"Béta"}},
		{"(country:US OR country:GB) AND breach>24", []string{"Gamma"}},
		{"category:naam", []string{"Alpha"}},
		{"path:gamma", []string{"Gamma"}},
		{"failed:true", nil},
		{"*", []string{"Alpha", "Béta", "Delta", "Gamma"}},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tc.q, SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, strings.Fields(h.Supplier)[0])
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tc.want) || int(res.Total) != len(tc.want) {
				t.Errorf("%s: got %v (total %d), want %v", tc.q, got, res.Total, tc.want)
			}
		})
	}
}

// TestSearchEvidence checks that each hit says which value made it match,
// with the record's evidence for it.
func TestSearchEvidence(t *testing.T) {
	ix := searchIndex(t)
	tests := []struct {
		q    string
		want map[string][]string // supplier's first word → "field=value|quote part"
	}{
		{"outside_eea:true", map[string][]string{
			"Alpha": {"outside_eea=Wolkdienst Inc. (US)|sub: Wolkdienst Inc. | US, IE"},
			"Gamma": {"outside_eea=Snelpost Ltd (GB)|sub: Snelpost Ltd | GB"},
		}},
		{"country:DE", map[string][]string{"Béta": {"country=Frankfurt (DE)|place: Frankfurt | DE"}}},
		{"supplier:alpha breach<=24", map[string][]string{"Alpha": {
			"supplier=Alpha Leermiddelen B.V.|supplier: Alpha Leermiddelen B.V.",
			"breach=24 hours|breach: 24",
		}}},
		{"retention>P1Y", map[string][]string{"Béta": {"retention=max. 13 maanden na einde overeenkomst (P13M)|retention: P13M"}}},
		{"biv.confidentiality>=3", map[string][]string{"Alpha": {"biv.confidentiality=3|biv: 2 2 3"}}},
		{"Microsoft", map[string][]string{"Delta": {"text=Microsoft|«Microsoft» Azure"}}},
		{"Microsoft NOT country:US", map[string][]string{"Delta": {"text=Microsoft|«Microsoft» Azure"}}},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tc.q, SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, h := range res.Hits {
				key := strings.Fields(h.Supplier)[0]
				for _, m := range h.Matches {
					got[key] = append(got[key], m.Field+"="+m.Value+"|"+m.Quote())
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%s: hits %v, want %v", tc.q, got, tc.want)
			}
			for k, want := range tc.want {
				if len(got[k]) != len(want) {
					t.Errorf("%s: %s matches %q, want %q", tc.q, k, got[k], want)
					continue
				}
				for i, w := range want {
					fv, quote, _ := strings.Cut(w, "|")
					g := got[k][i]
					if !strings.HasPrefix(g, fv+"|") || !strings.Contains(g, quote) {
						t.Errorf("%s: %s match %q, want %q with quote containing %q", tc.q, k, g, fv, quote)
					}
				}
			}
		})
	}
}

func TestSearchContext(t *testing.T) {
	ix := searchIndex(t)
	tests := []struct {
		q, want string // want: the quote of the first match of the one hit
	}{
		{"breach<=24", "«breach: 24»"},                                  // short: context (here the whole line)
		{"outside_eea:true supplier:gamma", "«sub: Snelpost Ltd | GB»"}, // short
		{"supplier:alpha", "supplier: Alpha Leermiddelen B.V."},         // long enough: as it is
	}
	for _, tc := range tests {
		res, err := ix.Search(context.Background(), tc.q, SearchOptions{Context: true})
		if err != nil || len(res.Hits) != 1 || len(res.Hits[0].Matches) == 0 {
			t.Fatalf("%s: %v %+v", tc.q, err, res)
		}
		if got := res.Hits[0].Matches[0].Quote(); got != tc.want {
			t.Errorf("%s: quote %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestAround(t *testing.T) {
	text := "eerste regel\nHemelhost is een Amerikaans bedrijf dat de data host.\f\nvolgende pagina"
	start := strings.Index(text, "Amerikaans")
	tests := []struct {
		start, end int
		want       string
	}{
		{start, start + len("Amerikaans"), "Hemelhost is een «Amerikaans» bedrijf dat de data host."},
		{0, 6, "«eerste» regel"},
		{len(text) - 6, len(text), "volgende «pagina»"},
		{5, 2, ""},
	}
	for _, tc := range tests {
		if got := around(text, tc.start, tc.end); got != tc.want {
			t.Errorf("around(%d, %d) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

func TestSearchFacets(t *testing.T) {
	ix := searchIndex(t)
	res, err := ix.Search(context.Background(), "*", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]int{}
	missing := map[string]int{}
	for _, f := range res.Facets {
		got[f.Field] = map[string]int{}
		for _, term := range f.Terms {
			got[f.Field][term.Term] = term.Count
		}
		missing[f.Field] = f.Missing
	}
	want := map[string]map[string]int{
		"country":      {"US": 1, "IE": 1, "NL": 2, "DE": 1, "GB": 1},
		"headquarters": {"US": 1, "NL": 1, "DE": 1},
		"supplier":     {"Alpha Leermiddelen B.V.": 1, "Béta Onderwijs B.V.": 1, "Gamma Digitaal B.V.": 1, "Delta Scholen v.o.f.": 1},
		"subprocessor": {"Rekenhal B.V.": 1, "Serverpark Noord B.V.": 1, "Snelpost Ltd": 1, "Wolkdienst Inc.": 1},
		"model":        {"4.0": 1, "3.0": 1, "2.0": 1},
		"kind":         {"verwerkersovereenkomst": 2, "privacybijsluiter": 1, "bewerkersovereenkomst": 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facets = %v, want %v", got, want)
	}
	if missing["model"] != 1 || missing["country"] != 1 {
		t.Errorf("missing = %v, want model 1 (Gamma), country 1 (Delta)", missing)
	}
}

// TestFacetsOf checks how counted facet terms become facets: per field,
// the most frequent values first (ties by value), the rest summed in
// Other, empty values in Missing, terms of no facet field left out.
func TestFacetsOf(t *testing.T) {
	terms := []string{"country\x1fUS", "country\x1fNL", "country\x1fDE", "country\x1f", "kind\x1fother", "nosuchfield\x1fx", "country\x1fBE", "model\x1f4.0"}
	counts := []int{3, 5, 3, 2, 1, 9, 1, 0}
	var field []int
	var value []string
	for _, term := range terms {
		f, v := facetField(term)
		field, value = append(field, f), append(value, v)
	}
	got := map[string]Facet{}
	for _, f := range facetsOf(field, value, counts, 2) {
		got[f.Field] = f
	}
	if len(got) != len(FacetFields) {
		t.Errorf("%d facets, want one per field of FacetFields (%d)", len(got), len(FacetFields))
	}
	for _, tc := range []struct {
		field string
		want  Facet
	}{
		{"country", Facet{Field: "country", Missing: 2, Other: 4, Terms: []FacetTerm{{"NL", 5}, {"DE", 3}}}},
		{"kind", Facet{Field: "kind", Terms: []FacetTerm{{"other", 1}}}},
		{"model", Facet{Field: "model", Terms: []FacetTerm{}}},
	} {
		if !reflect.DeepEqual(got[tc.field], tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.field, got[tc.field], tc.want)
		}
	}
}

// TestRowCache checks that the row cache keeps rows up to its byte bound,
// the least recently used going first, and loads each row once while kept.
func TestRowCache(t *testing.T) {
	c := rowCache{max: 10}
	loads := 0
	get := func(n uint64) {
		if _, err := c.get(n, func() (*row, error) { loads++; return &row{size: 4}, nil }); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []uint64{1, 2, 1, 3, 1, 2} { // 3 pushes out 2 (1 was used since)
		get(n)
	}
	if loads != 4 {
		t.Errorf("%d loads, want 4 (1, 2, 3, then 2 again)", loads)
	}
	if len(c.m) != 2 || c.bytes != 8 {
		t.Errorf("%d rows of %d bytes kept, want 2 of 8", len(c.m), c.bytes)
	}
}

func TestSearchSyntaxError(t *testing.T) {
	ix := searchIndex(t)
	_, err := ix.Search(context.Background(), "country:", SearchOptions{})
	var se *SyntaxError
	if !errors.As(err, &se) || se.Column != 9 {
		t.Errorf("Search(country:) error = %v, want a SyntaxError at column 9", err)
	}
}

// TestSearchSort checks that the index orders every match by the asked
// key, across pages: supplier (lower-cased), then path; path alone.
func TestSearchSort(t *testing.T) {
	ix := searchIndex(t)
	for _, tc := range []struct {
		sort string
		want []string // paths' base names in order
	}{
		{"supplier", []string{"alpha.txt", "beta.txt", "delta.txt", "gamma.txt"}},
		{"path", []string{"alpha.txt", "beta.txt", "delta.txt", "gamma.txt"}},
	} {
		t.Run(tc.sort, func(t *testing.T) {
			var got []string
			for off := 0; off < 4; off += 3 { // two pages
				res, err := ix.Search(context.Background(), "*", SearchOptions{Sort: tc.sort, Limit: 3, Offset: off})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					got = append(got, filepath.Base(h.Path))
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("order %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := ix.Search(context.Background(), "*", SearchOptions{Sort: "size"}); err == nil {
		t.Error("sort by size: no error")
	}
}

// TestSearchMatchesBleve checks Search, which collects, sorts and counts
// matches from its snapshot table and row cache, against bleve's own
// search of the same query (its top-N collector, field sort, terms facet
// and stored fields): the same hits in the same order with the same scores,
// fragments and evidence, the same total and facets, for a mix of queries,
// orders and pages on a drive of generated agreements in several segments,
// held and per call, and again when the row cache is warm.
func TestSearchMatchesBleve(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	files := map[string]string{}
	for i := 0; i < 200; i++ {
		files[fmt.Sprintf("%02d/%03d.txt", i%7, i)] = syntheticAgreement(r, i)
		if i%9 == 0 {
			// another file of the same agreement: a member, left out
			files[fmt.Sprintf("%02d/%03d-kopie.txt", i%7, i)] = files[fmt.Sprintf("%02d/%03d.txt", i%7, i)] + "\nKopie.\n"
		}
	}
	drive := t.TempDir()
	writeFiles(t, drive, files)
	dir := filepath.Join(t.TempDir(), "idx")
	w := openWriter(t, dir)
	update(t, w, UpdateOptions{BatchSize: 50}, drive) // several segments
	w.Close()
	queries := append(benchQueries(40), "*", "nosuchword", "NOT country:US", "Microsoft OR country:GB",
		// phrases whose words stand elsewhere in other order (phrase.go)
		`"EER buiten"`, `"worden gegevens"`, `"gegevens worden opgeslagen"`, `"buiten de EER" AND country:US`, `"worden gegevens" OR hosting`)
	options := []SearchOptions{
		{FacetSize: 1000},
		{Sort: "supplier", Limit: 7, Offset: 3},
		{Sort: "path", Limit: 5, Offset: 40, FacetSize: -1},
		{Limit: 100, Offset: 150, WithRecord: true},
		{Sort: "supplier", Limit: 30},
	}
	for _, perCall := range []bool{false, true} {
		ix, err := Open(dir, Options{ReadOnly: true, PerCall: perCall})
		if err != nil {
			t.Fatal(err)
		}
		all, err := ix.Search(context.Background(), "*", SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if docs, err := ix.Count(); err != nil || all.Total != 200 || docs != 223 {
			t.Fatalf("%d documents (%v), %d agreements; want 223 documents, 200 agreements", docs, err, all.Total)
		}
		for round := 0; round < 2; round++ { // the second with the rows kept
			for i, q := range queries {
				opts := options[i%len(options)]
				got, err := ix.Search(context.Background(), q, opts)
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				want := bleveSearch(t, ix, q, opts)
				got.Took, want.Took = 0, 0
				if !reflect.DeepEqual(got, want) {
					t.Errorf("perCall=%v %q %+v:\n got %s\nwant %s", perCall, q, opts, resultsJSON(got), resultsJSON(want))
				}
			}
		}
		ix.Close()
	}
}

// bleveSearch answers a search as Search did with bleve's own collector,
// sort, facets and stored fields: the reference of TestSearchMatchesBleve.
func bleveSearch(t *testing.T, ix *Index, q string, opts SearchOptions) *Results {
	t.Helper()
	n := mustParse(t, q)
	if opts.Limit <= 0 {
		opts.Limit = 20
	}
	if opts.FacetSize == 0 {
		opts.FacetSize = 10
	}
	req := bleve.NewSearchRequestOptions(withoutMembers(compile(n)), opts.Limit, opts.Offset, false)
	switch opts.Sort {
	case "supplier":
		req.SortBy([]string{fSortSupplier, fSortPath})
	case "path":
		req.SortBy([]string{fSortPath})
	}
	req.Fields = []string{fRecord, fError}
	if hasFreeText(n, false) {
		req.Highlight = bleve.NewHighlightWithStyle(htmlhl.Name)
		req.Highlight.AddField(fText)
	}
	if opts.FacetSize > 0 {
		req.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, 100000))
	}
	var res *bleve.SearchResult
	err := ix.with(func(bi bleve.Index) error {
		var err error
		res, err = bi.Search(req)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	out := &Results{Query: q, Total: res.Total, Hits: []Hit{}, Facets: []Facet{}}
	terms := positiveTerms(n, nil, false)
	for _, h := range res.Hits {
		s, _ := h.Fields[fRecord].(string)
		rw := &row{id: h.ID, rec: new(extract.Record)}
		if err := json.Unmarshal([]byte(s), rw.rec); err != nil {
			t.Fatal(err)
		}
		rw.err, _ = h.Fields[fError].(string)
		out.Hits = append(out.Hits, newHit(h, rw, terms, opts.WithRecord))
	}
	if opts.Sort == "" {
		sort.SliceStable(out.Hits, func(i, j int) bool {
			a, b := out.Hits[i], out.Hits[j]
			return a.Score > b.Score || a.Score == b.Score && a.Path < b.Path
		})
	}
	if opts.FacetSize > 0 {
		var field []int
		var value []string
		var counts []int
		for _, t := range res.Facets[fFacet].Terms.Terms() {
			f, v := facetField(t.Term)
			field, value, counts = append(field, f), append(value, v), append(counts, t.Count)
		}
		out.Facets = facetsOf(field, value, counts, opts.FacetSize)
	}
	return out
}

func resultsJSON(r *Results) string {
	b, _ := json.Marshal(r)
	return string(b)
}

func mustParse(t *testing.T, q string) Node {
	t.Helper()
	n, err := Parse(q)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
