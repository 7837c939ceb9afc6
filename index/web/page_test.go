package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/index"
)

// TestSearchPage checks what the search page offers an auditor beyond the
// hits: the query kept when it is wrong, matches in <mark>, facets as
// links, every supplier in the filter, and hints when nothing matches.
func TestSearchPage(t *testing.T) {
	ix := fixtureIndex(t)
	ts := httptest.NewServer(New(ix, Options{}))
	defer ts.Close()

	tests := []struct {
		name    string
		path    string
		status  int
		want    []string
		notWant []string
	}{
		{"bad query kept", "/?q=" + url.QueryEscape("outside_eea:true AND country:"), http.StatusBadRequest,
			[]string{`value="outside_eea:true AND country:"`, `id="error"`}, nil},
		{"matches marked", "/?q=Verwerker", http.StatusOK, []string{"<mark>Verwerker</mark>"}, []string{"«Verwerker", "Verwerker»"}},
		{"facets are links", "/?q=outside_eea:true", http.StatusOK,
			[]string{`id="facets"`, `href="/?country=US&amp;q=outside_eea%3Atrue"`}, nil},
		{"empty result hints", "/?q=zzqqxxyy", http.StatusOK, []string{`id="none"`, "missing:biv"}, []string{`id="results"`}},
		{"phone width keeps outside EEA", "/?q=outside_eea:true", http.StatusOK,
			[]string{`<th>Buiten de EER</th>`, `@media`}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, ts, tc.path)
			if tc.name == "phone width keeps outside EEA" {
				_, css := get(t, ts, "/static/style.css")
				body += css
			}
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(body, s) {
					t.Errorf("page has %q", s)
				}
			}
		})
	}

	// The supplier filter lists every supplier of the index, not the top ten.
	all, err := ix.Search(context.Background(), "*", index.SearchOptions{FacetSize: -1, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	suppliers := map[string]bool{}
	for _, h := range all.Hits {
		if h.Record != nil || h.Supplier != "" {
			suppliers[h.Supplier] = h.Supplier != ""
		}
	}
	delete(suppliers, "")
	_, body := get(t, ts, "/")
	list := regexp.MustCompile(`(?s)<datalist id="suppliers">(.*?)</datalist>`).FindStringSubmatch(body)
	if list == nil {
		t.Fatal("no supplier list")
	}
	if n := strings.Count(list[1], "<option"); n < len(suppliers)-1 || n < 11 {
		t.Errorf("supplier list has %d options for %d suppliers", n, len(suppliers))
	}
}
