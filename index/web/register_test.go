package web

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/index"
)

// registerServer serves an index of one fixture with an editor "fg".
func registerServer(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	if err := buildIndex(dir, []string{"../../testdata/agreements/leerlijn-verwerkersovereenkomst.txt"}); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(dir, "idx"), index.Options{ReadOnly: true, PerCall: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ts := httptest.NewServer(New(ix, opts))
	t.Cleanup(ts.Close)
	return ts
}

func post(t *testing.T, ts *httptest.Server, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/corrections", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return do(t, req)
}

// TestRegisterPage checks the overview tab, a view, the workbook download
// and a correction made in the page, with the rules that guard it.
func TestRegisterPage(t *testing.T) {
	ts := registerServer(t, Options{Editors: map[string]string{"fg": "editor-token-1"}})
	resp, body := get(t, ts, "/register")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Leerlijn Digitaal B.V.") || !strings.Contains(body, "Niet getekend of ongedateerd") {
		t.Fatalf("/register: %d\n%s", resp.StatusCode, body)
	}
	overview := body
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	resp, body = get(t, ts, "/register?view=wbp")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<td>Leerlijn Digitaal B.V.</td>") {
		t.Errorf("view wbp lists the AVG agreement: %d", resp.StatusCode)
	}
	resp, _ = get(t, ts, "/register/export?format=art30-xlsx")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Errorf("art30-xlsx: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	_, trail := get(t, ts, "/api/corrections")
	path := ""
	for _, line := range strings.Split(overview, "\n") {
		if i := strings.Index(line, `data-path="`); i >= 0 {
			path = line[i+len(`data-path="`):]
			path = path[:strings.IndexByte(path, '"')]
			break
		}
	}
	if path == "" || trail != "[]\n" {
		t.Fatalf("no row path on the page, or a trail %q before any correction", trail)
	}
	correction := `{"path":"` + path + `","field":"subprocessors[2].countries","value":["NL"],"status":"akkoord","note":"nagevraagd"}`
	for _, tc := range []struct {
		name   string
		header []string
		want   int
	}{
		{"no token", []string{"Content-Type", "application/json"}, http.StatusForbidden},
		{"wrong token", []string{"Content-Type", "application/json", "Authorization", "Bearer nope"}, http.StatusForbidden},
		{"form post", []string{"Content-Type", "application/x-www-form-urlencoded", "Authorization", "Bearer editor-token-1"}, http.StatusUnsupportedMediaType},
		{"other site", []string{"Content-Type", "application/json", "Authorization", "Bearer editor-token-1", "Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
	} {
		if resp, body := post(t, ts, correction, tc.header...); resp.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d (%s)", tc.name, resp.StatusCode, tc.want, body)
		}
	}
	resp, body = post(t, ts, correction, "Content-Type", "application/json", "Authorization", "Bearer editor-token-1")
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, `"who":"fg"`) || !strings.Contains(body, `"old":["US"]`) {
		t.Fatalf("correction: %d %s", resp.StatusCode, body)
	}
	_, body = get(t, ts, "/register")
	if !strings.Contains(body, `class="corrected"`) || !strings.Contains(body, "gecorrigeerd subprocessors[2].countries") {
		t.Errorf("the corrected row is not flagged:\n%s", body)
	}
	if _, trail = get(t, ts, "/api/corrections"); !strings.Contains(trail, `"who":"fg"`) {
		t.Errorf("trail %s", trail)
	}
	// without editors the server stays read-only
	ro := registerServer(t, Options{})
	if resp, _ := post(t, ro, correction, "Content-Type", "application/json", "Authorization", "Bearer editor-token-1"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("read-only server: POST %d, want 405", resp.StatusCode)
	}
}
