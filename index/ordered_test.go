package index

import (
	"cmp"
	"context"
	"math"
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// TestNumberTerm checks that number terms compare as bytes as their
// numbers do: over signs, zeros, fractions, infinities and random values.
func TestNumberTerm(t *testing.T) {
	xs := []float64{math.Inf(-1), -math.MaxFloat64, -1e9, -72, -1.5, -1, -math.SmallestNonzeroFloat64, 0, math.SmallestNonzeroFloat64, 0.5, 1, 2, 3, 24, 30.4375, 48, 365, 365.25, 1e15, math.MaxFloat64, math.Inf(1)}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 1000; i++ {
		xs = append(xs, r.NormFloat64()*math.Pow(10, float64(r.Intn(20)-5)))
	}
	for _, a := range xs {
		for _, b := range xs[:40] {
			ta, tb := numberTerm(a), numberTerm(b)
			if got, want := cmp.Compare(ta, tb), cmp.Compare(a, b); got != want {
				t.Fatalf("%v vs %v: terms %s, %s compare %d, want %d", a, b, ta, tb, got, want)
			}
		}
	}
	sorted := slices.Clone(xs)
	sort.Float64s(sorted)
	byTerm := slices.Clone(xs)
	sort.Slice(byTerm, func(i, j int) bool { return numberTerm(byTerm[i]) < numberTerm(byTerm[j]) })
	if !slices.Equal(sorted, byTerm) {
		t.Error("sorting by term is not sorting by number")
	}
	if numberTerm(math.Copysign(0, -1)) != numberTerm(0) {
		t.Error("-0 and 0 are two terms")
	}
}

// TestRangeIsFilter checks that a range scores every match alike: alone,
// the hits list in path order with one score; beside free text, the
// text's order and scores are kept.
func TestRangeIsFilter(t *testing.T) {
	ix := searchIndex(t)
	ctx := context.Background()
	for _, q := range []string{"biv.integrity>=2", "retention>=P1M", "breach<=72", "model>=2", "date>=2018", "date<2026"} {
		res, err := ix.Search(ctx, q, SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) < 2 {
			t.Fatalf("%s: %d hits, want several to compare", q, len(res.Hits))
		}
		for i, h := range res.Hits {
			if h.Score != res.Hits[0].Score || i > 0 && h.Path < res.Hits[i-1].Path {
				t.Errorf("%s: hit %d %s scores %v after %s %v", q, i, h.Path, h.Score, res.Hits[0].Path, res.Hits[0].Score)
			}
		}
	}
	text, err := ix.Search(ctx, "gegevens", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	both, err := ix.Search(ctx, "gegevens biv.integrity>=1", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(text.Hits) < 2 || len(both.Hits) != len(text.Hits) {
		t.Fatalf("gegevens: %d hits, with the range %d", len(text.Hits), len(both.Hits))
	}
	for i := range text.Hits {
		if text.Hits[i].Path != both.Hits[i].Path {
			t.Errorf("hit %d: %s alone, %s with the range", i, text.Hits[i].Path, both.Hits[i].Path)
		}
	}
}
