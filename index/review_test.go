package index

import (
	"context"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// TestReviewFields searches the review stored with each record: counts by
// risk, missing and deviating obligations, the state.
func TestReviewFields(t *testing.T) {
	ix := searchIndex(t)
	files := func(q string) []string {
		t.Helper()
		res, err := ix.Search(context.Background(), q, SearchOptions{Limit: 100})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, filepath.Base(h.Path))
		}
		sort.Strings(out)
		return out
	}
	// The invented agreements are a few lines each: every article is
	// missing, a privacybijsluiter has no articles to miss.
	agreements := files("kind:verwerkersovereenkomst OR kind:bewerkersovereenkomst")
	if len(agreements) == 0 {
		t.Fatal("no agreements in the test drive")
	}
	for _, q := range []string{"review.high:>0", "review.missing:liability", "review.state:red"} {
		if got := files(q); !reflect.DeepEqual(got, agreements) {
			t.Errorf("%s: %v, want the agreements %v", q, got, agreements)
		}
	}
	// beta's breach deadline is 48 hours: deviating, not missing.
	if got := files("review.deviating:breach_notification"); !reflect.DeepEqual(got, []string{"beta.txt"}) {
		t.Errorf("review.deviating:breach_notification: %v, want beta.txt", got)
	}
	if got := files("review.missing:liability AND kind:privacybijsluiter"); len(got) != 0 {
		t.Errorf("a privacybijsluiter has no liability article to miss: %v", got)
	}
	if _, err := ix.Search(context.Background(), "review.missing:nonsense", SearchOptions{}); err == nil {
		t.Error("review.missing:nonsense: no error for an unknown obligation")
	}
}
