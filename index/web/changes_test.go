package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/index"
)

// changedIndex indexes an agreement, then a version of it that adds a US
// sub-processor and lengthens retention, and returns the index read-only.
func changedIndex(t *testing.T) *index.Index {
	t.Helper()
	full, err := os.ReadFile("../../testdata/agreements/leerlijn-verwerkersovereenkomst.txt")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.Split(string(full), "\n") {
		if !strings.Contains(l, "Verenigde Staten") {
			kept = append(kept, l)
		}
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	os.MkdirAll(src, 0o755)
	file := filepath.Join(src, "leerlijn.txt")
	for i, v := range []string{strings.Join(kept, "\n"), strings.Replace(string(full), "uiterlijk drie maanden", "uiterlijk zes maanden", 1)} {
		if err := os.WriteFile(file, []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(time.Duration(i) * time.Minute)
		os.Chtimes(file, at, at)
		if err := buildIndex(dir, []string{file}); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := index.Open(filepath.Join(dir, "idx"), index.Options{ReadOnly: true, PerCall: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestChangesPages(t *testing.T) {
	ix := changedIndex(t)
	ts := httptest.NewServer(New(ix, Options{Token: "geheim"}))
	defer ts.Close()
	get := func(path string, token bool) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if token {
			req.Header.Set("Authorization", "Bearer geheim")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	for _, path := range []string{"/changes", "/changes.atom", "/api/changes"} {
		if resp, _ := get(path, false); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s without token: %d, want 401", path, resp.StatusCode)
		}
	}

	resp, body := get("/changes", true)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/changes: %d", resp.StatusCode)
	}
	for _, want := range []string{"subprocessor_added", "Postduif Mail Inc.", `class="noneea"`, "retention_changed",
		"<mark>Verwerker verwijdert de Persoonsgegevens uiterlijk drie maanden", "<mark>Verwerker verwijdert de Persoonsgegevens uiterlijk zes maanden"} {
		if !strings.Contains(body, want) {
			t.Errorf("/changes lacks %q", want)
		}
	}
	if _, body := get("/changes?supplier=Leerlijn+Digitaal", true); !strings.Contains(body, `class="timeline"`) || strings.Count(body, "<li>") != 2 {
		t.Errorf("timeline: want two versions:\n%s", body)
	}
	if _, body := get("/changes?supplier=Anders", true); strings.Contains(body, "Postduif") {
		t.Errorf("another supplier's page shows Leerlijn's changes")
	}
	if _, body := get("/", true); !strings.Contains(body, `href="/changes"`) {
		t.Errorf("the search page does not link the changes page")
	}
	res, err := ix.Search(context.Background(), "*", index.SearchOptions{Limit: 1, FacetSize: -1})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %v", err, res)
	}
	if _, body := get("/doc/"+res.Hits[0].ID, true); !strings.Contains(body, `id="timeline" href="/changes?supplier=Leerlijn`) {
		t.Errorf("the document page does not link its supplier's timeline")
	}
	if resp, _ := get("/changes?days=abc", true); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("days=abc: %d, want 400", resp.StatusCode)
	}

	resp, body = get("/changes.atom", true)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		t.Errorf("feed content type %q", ct)
	}
	var feed atomFeed
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatalf("feed: %v\n%s", err, body)
	}
	if len(feed.Entries) != 2 || !strings.Contains(feed.Entries[0].Title+feed.Entries[1].Title, "Postduif Mail Inc.") ||
		!strings.Contains(feed.Entries[0].Content.Body+feed.Entries[1].Content.Body, "zes maanden") {
		t.Errorf("feed entries %+v", feed.Entries)
	}
	if feed.Entries[0].ID == feed.Entries[1].ID {
		t.Errorf("entries share an id")
	}

	_, body = get("/api/changes?days=all", true)
	var api struct {
		Lines   []index.Line   `json:"lines"`
		Changes []index.Change `json:"changes"`
	}
	if err := json.Unmarshal([]byte(body), &api); err != nil || len(api.Changes) != 2 || len(api.Lines) != 1 {
		t.Errorf("/api/changes: %v %s", err, body)
	}
}
