package web

import (
	"context"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/index"
)

// TestEscapesDocumentText renders every view of the hostile fixture (a
// supplier's text with <script> and "><img onerror=…>) and checks that the
// markup arrives as text.
func TestEscapesDocumentText(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	id := idOf(t, ix, "schrijfschool-xss.txt")
	rec, err := ix.Record(id)
	if err != nil {
		t.Fatal(err)
	}
	ev := rec.Evidence["breach_notification_hours"][0]
	if !strings.Contains(ev.Quote, "<script>") {
		t.Fatalf("the fixture's breach evidence should hold a <script> tag: %q", ev.Quote)
	}
	pages := []string{
		"/?q=onerror",
		"/?q=schrijfschool&lang=en",
		"/?q=" + "%3Cscript%3Ealert(9)%3C%2Fscript%3E", // the query itself is echoed in the box
		"/doc/" + id,
		"/doc/" + id + "?page=1&start=" + itoa(ev.Start) + "&end=" + itoa(ev.End),
	}
	for _, p := range pages {
		t.Run(p, func(t *testing.T) {
			resp, body := get(t, ts, p)
			if resp.StatusCode != 200 && resp.StatusCode != 400 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, bad := range []string{"<script>alert", "<img src=x", "onerror=alert(2)>"} {
				if strings.Contains(body, bad) {
					t.Errorf("raw markup %q in the page", bad)
				}
			}
			if !strings.Contains(body, "&lt;") {
				t.Errorf("no escaped markup in the page: is the fixture shown at all?\n%.500s", body)
			}
		})
	}
	// The marked view shows the evidence passage inside <mark>, escaped.
	_, body := get(t, ts, pages[4])
	if !strings.Contains(body, `<mark id="mark">Verwerker &lt;script&gt;alert(1)&lt;/script&gt; informeert`) {
		t.Errorf("the marked passage is not shown escaped:\n%s", body)
	}
}

// TestScriptBuildsNoHTML checks that the page's script never turns strings
// into markup: document text must go through textContent or text nodes.
func TestScriptBuildsNoHTML(t *testing.T) {
	err := fs.WalkDir(assets, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".js") {
			return err
		}
		src, err := fs.ReadFile(assets, path)
		if err != nil {
			return err
		}
		for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
			if strings.Contains(string(src), sink) {
				t.Errorf("%s uses %s", path, sink)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFileServesOnlyIndexedDocuments asks the file endpoint and the static
// files for paths outside them in every spelling.
func TestFileServesOnlyIndexedDocuments(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	id := idOf(t, ix, "schrijfschool-xss.txt")
	paths := []string{
		"/api/documents/../../../../etc/passwd/file",
		"/api/documents/..%2f..%2f..%2f..%2fetc%2fpasswd/file",
		"/api/documents/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd/file",
		"/api/documents/%252e%252e%252fetc%252fpasswd/file",
		"/api/documents/%2Fetc%2Fpasswd/file",
		"/api/documents//etc/passwd/file",
		"/api/documents/" + id + "/file/../../../../etc/passwd",
		"/api/documents/" + id + "%2f..%2f..%2fetc%2fpasswd/file",
		"/api/documents/" + strings.ToUpper(id) + "/file",
		"/static/../../../../etc/passwd",
		"/static/..%2f..%2f..%2fetc%2fpasswd",
		"/static/%2e%2e/server.go",
		"/static/../server.go",
	}
	raw := func(p string) (*http.Response, string) {
		req, err := http.NewRequest(http.MethodGet, ts.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Opaque = p // send the path as written, uncleaned
		return do(t, req)
	}
	// The control: the same request for the indexed document's own file works.
	if resp, body := raw("/api/documents/" + id + "/file"); resp.StatusCode != 200 || !strings.Contains(body, "Schrijfschool") {
		t.Fatalf("the file of an indexed document: status %d", resp.StatusCode)
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			resp, body := raw(p)
			if resp.StatusCode == http.StatusOK {
				t.Errorf("status 200 for %s", p)
			}
			for _, leak := range []string{"root:", "package web", "Schrijfschool"} {
				if strings.Contains(body, leak) {
					t.Errorf("%s leaks %q", p, leak)
				}
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	for _, p := range []string{"/", "/api/search?q=x", "/static/app.js", "/nope", "/api/documents/x"} {
		resp, _ := get(t, ts, p)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: Content-Security-Policy %q", p, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no X-Content-Type-Options: nosniff", p)
		}
	}
}

func TestReadOnly(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		req, _ := http.NewRequest(m, ts.URL+"/api/search?q=x", strings.NewReader(strings.Repeat("x", 1<<20)))
		resp, _ := do(t, req)
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, resp.StatusCode)
		}
	}
	resp, _ := get(t, ts, "/api/search?q="+strings.Repeat("a", 3*maxQueryBytes))
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("overlong query: status %d, want 400", resp.StatusCode)
	}
	resp, _ = get(t, ts, "/api/search?q=a&x="+strings.Repeat("a", 9*maxQueryBytes))
	if resp.StatusCode != http.StatusRequestURITooLong {
		t.Errorf("overlong query string: status %d, want 414", resp.StatusCode)
	}
}

func TestToken(t *testing.T) {
	ts, _ := newTestServer(t, Options{Token: "s3cret"})
	tests := []struct {
		name   string
		path   string
		header []string
		basic  [2]string
		want   int
	}{
		{"none", "/api/search?q=x", nil, [2]string{}, 401},
		{"page none", "/", nil, [2]string{}, 401},
		{"bearer", "/api/search?q=x", []string{"Authorization", "Bearer s3cret"}, [2]string{}, 200},
		{"bearer wrong", "/api/search?q=x", []string{"Authorization", "Bearer s3cre"}, [2]string{}, 401},
		{"basic", "/", nil, [2]string{"auditor", "s3cret"}, 200},
		{"basic wrong", "/", nil, [2]string{"auditor", "nope"}, 401},
		{"healthz open", "/healthz", nil, [2]string{}, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+tc.path, nil)
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			if tc.basic[0] != "" {
				req.SetBasicAuth(tc.basic[0], tc.basic[1])
			}
			resp, _ := do(t, req)
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == 401 && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic") {
				t.Errorf("401 without a Basic challenge")
			}
		})
	}
}

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:8080", "", true},
		{"[::1]:8080", "", true},
		{"127.0.0.2:0", "", true},
		{":8080", "", false},
		{"0.0.0.0:8080", "", false},
		{"192.168.1.5:8080", "", false},
		{"[::]:8080", "", false},
		{"0.0.0.0:8080", "t", true},
		{"nonsense", "", false},
	}
	for _, tc := range tests {
		err := CheckAddr(tc.addr, tc.token)
		if (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%q, %q) = %v, want ok=%v", tc.addr, tc.token, err, tc.ok)
		}
		if err != nil && tc.addr != "nonsense" && !strings.Contains(err.Error(), "--token") {
			t.Errorf("CheckAddr(%q): %v does not say how to fix it", tc.addr, err)
		}
	}
}

// TestServeShutsDownGracefully starts Serve, holds a request in flight,
// cancels the context and checks that the request completes and Serve
// returns without error.
func TestServeShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		w.Write([]byte("done"))
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, h, 5*time.Second) }()
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		b := make([]byte, 4)
		n, _ := resp.Body.Read(b)
		got <- string(b[:n])
	}()
	<-started
	cancel()
	time.Sleep(50 * time.Millisecond)
	close(release)
	if s := <-got; s != "done" {
		t.Errorf("request in flight got %q, want done", s)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("still listening after shutdown")
	}
}

func TestHTTPServerLimits(t *testing.T) {
	s := NewHTTPServer(http.NotFoundHandler())
	if s.ReadHeaderTimeout == 0 || s.ReadTimeout == 0 || s.WriteTimeout == 0 || s.IdleTimeout == 0 || s.MaxHeaderBytes == 0 {
		t.Errorf("a limit is unset: %+v", s)
	}
	_ = httptest.NewRecorder
}

// TestFileChangedOnDisk checks that the file endpoint refuses a file whose
// content is no longer the indexed one, or that is gone.
func TestFileChangedOnDisk(t *testing.T) {
	dir := t.TempDir()
	if err := buildIndex(dir, []string{"../../testdata/web/*.txt"}); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(dir, "idx"), index.Options{ReadOnly: true, PerCall: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ts := httptest.NewServer(New(ix, Options{}))
	defer ts.Close()
	id := idOf(t, ix, "schrijfschool-xss.txt")
	file := filepath.Join(dir, "drive", "schrijfschool-xss.txt")
	steps := []struct {
		name   string
		change func() error
		want   int
	}{
		{"unchanged", func() error { return nil }, 200},
		{"replaced", func() error { return os.WriteFile(file, []byte("root:x:0:0"), 0o644) }, 410},
		{"symlinked elsewhere", func() error {
			os.Remove(file)
			return os.Symlink("/etc/passwd", file)
		}, 410},
		{"gone", func() error { return os.Remove(file) }, 410},
	}
	for _, st := range steps {
		if err := st.change(); err != nil {
			t.Fatal(err)
		}
		resp, body := get(t, ts, "/api/documents/"+id+"/file")
		if resp.StatusCode != st.want {
			t.Errorf("%s: status %d, want %d", st.name, resp.StatusCode, st.want)
		}
		if st.want != 200 && strings.Contains(body, "root:") {
			t.Errorf("%s: served the changed file", st.name)
		}
	}
}

// TestHostAndCaching checks that without a token the server answers only
// requests addressed to loopback (a page that rebinds its own name to
// 127.0.0.1 cannot read the agreements), that no answer may be cached, and
// that /static/ lists no files.
func TestHostAndCaching(t *testing.T) {
	open, _ := newTestServer(t, Options{})
	withToken, _ := newTestServer(t, Options{Token: "s3cret"})
	tests := []struct {
		name  string
		ts    *httptest.Server
		host  string
		path  string
		token bool
		want  int
	}{
		{"loopback address", open, "127.0.0.1:8080", "/api/search?q=x", false, 200},
		{"localhost", open, "localhost:8080", "/", false, 200},
		{"localhost without port", open, "localhost", "/", false, 200},
		{"ipv6 loopback", open, "[::1]:8080", "/", false, 200},
		{"rebound name", open, "evil.example:8080", "/api/search?q=x", false, 421},
		{"rebound name, health", open, "evil.example", "/healthz", false, 421},
		{"lan address", open, "192.168.1.10:8080", "/", false, 421},
		{"any host with a token", withToken, "dpa.school.example", "/api/search?q=x", true, 200},
		{"static file", open, "127.0.0.1", "/static/app.js", false, 200},
		{"static listing", open, "127.0.0.1", "/static/", false, 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, tc.ts.URL+tc.path, nil)
			req.Host = tc.host
			if tc.token {
				req.Header.Set("Authorization", "Bearer s3cret")
			}
			resp, body := do(t, req)
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d: %.200s", resp.StatusCode, tc.want, body)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", cc)
			}
			if strings.Contains(body, `<a href="app.js">`) {
				t.Errorf("the answer lists the static files:\n%.300s", body)
			}
		})
	}
}

// TestFileNameNotUTF8 checks that the original file of a document whose
// name is not UTF-8 (Latin-1 from an old drive) is served, not called gone.
func TestFileNameNotUTF8(t *testing.T) {
	dir := t.TempDir()
	name := "schrijfschool-caf\xe9.txt"
	data, err := os.ReadFile("../../testdata/web/schrijfschool-xss.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "drive"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "drive", name), data, 0o644); err != nil {
		t.Skipf("this file system refuses names that are not UTF-8: %v", err)
	}
	if err := buildIndex(dir, nil); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(dir, "idx"), index.Options{ReadOnly: true, PerCall: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ts := httptest.NewServer(New(ix, Options{}))
	defer ts.Close()
	res, err := ix.Search(context.Background(), "*", index.SearchOptions{})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %+v", err, res)
	}
	resp, body := get(t, ts, "/api/documents/"+res.Hits[0].ID+"/file")
	if resp.StatusCode != 200 || body != string(data) {
		t.Errorf("status %d, want 200 and the file:\n%.200s", resp.StatusCode, body)
	}
}
