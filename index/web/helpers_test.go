package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index"
)

// fixtureGlobs are the agreements the tests index: the invented
// agreements of testdata/agreements and the hostile one of testdata/web.
var fixtureGlobs = []string{"../../testdata/agreements/*.txt", "../../testdata/web/*.txt"}

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixtureErr  error
)

// fixtureIndex builds, once per test binary, an index of the fixtures with
// the real reader and extractor, and returns it opened read-only. The
// files are copied to a temporary drive so that the file endpoint serves
// them from there.
func fixtureIndex(t testing.TB) *index.Index {
	t.Helper()
	fixtureOnce.Do(func() {
		if fixtureDir, fixtureErr = os.MkdirTemp("", "dpa-web-test-"); fixtureErr == nil {
			fixtureErr = buildIndex(fixtureDir, fixtureGlobs)
		}
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	ix, err := index.Open(filepath.Join(fixtureDir, "idx"), index.Options{ReadOnly: true, PerCall: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// buildIndex copies the files globs match to dir/drive and indexes them
// into dir/idx.
func buildIndex(dir string, globs []string) error {
	drive := filepath.Join(dir, "drive")
	if err := os.MkdirAll(drive, 0o755); err != nil {
		return err
	}
	for _, g := range globs {
		files, _ := filepath.Glob(g)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(drive, filepath.Base(f)), data, 0o644); err != nil {
				return err
			}
		}
	}
	ix, err := index.Open(filepath.Join(dir, "idx"), index.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()
	ctx := context.Background()
	u, err := ix.Update(ctx, []string{drive}, index.UpdateOptions{})
	if err != nil {
		return err
	}
	for _, f := range u.Files() {
		doc, err := corpus.Open(ctx, f, corpus.Options{})
		if err != nil {
			if err := u.Fail(f, err); err != nil {
				return err
			}
			continue
		}
		if err := u.Add(f, doc, extract.Extract(doc)); err != nil {
			return err
		}
	}
	_, err = u.Finish()
	return err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// newTestServer serves the fixture index on an httptest server.
func newTestServer(t testing.TB, opts Options) (*httptest.Server, *index.Index) {
	t.Helper()
	ix := fixtureIndex(t)
	ts := httptest.NewServer(New(ix, opts))
	t.Cleanup(ts.Close)
	return ts, ix
}

// idOf returns the id of the indexed fixture whose file is named base.
func idOf(t testing.TB, ix *index.Index, base string) string {
	t.Helper()
	res, err := ix.Search(context.Background(), "path:"+base, index.SearchOptions{Limit: 5, FacetSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if filepath.Base(h.Path) == base {
			return h.ID
		}
	}
	t.Fatalf("%s is not in the fixture index", base)
	return ""
}

// get fetches path from ts and returns the response with its body read.
func get(t testing.TB, ts *httptest.Server, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}
