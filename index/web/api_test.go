package web

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/index"
)

func TestAPI(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	xss := idOf(t, ix, "schrijfschool-xss.txt")
	leerlijn := idOf(t, ix, "leerlijn-verwerkersovereenkomst.txt")
	rec, err := ix.Record(xss)
	if err != nil {
		t.Fatal(err)
	}
	ev := rec.Evidence["breach_notification_hours"][0]
	tests := []struct {
		name     string
		path     string
		wantCode int
		wantType string
		want     []string // in the body
	}{
		{"healthz", "/healthz", 200, "application/json", []string{`"status":"ok"`, `"documents":`}},
		{"search", "/api/search?q=outside_eea:true&limit=100", 200, "application/json", []string{`"total":`, `schrijfschool-xss.txt"`, `"facets":[{"field":"country"`}},
		{"search filter", "/api/search?country=US&eea=true&limit=1", 200, "application/json", []string{`"query":"outside_eea:\"true\" country:\"US\""`}},
		{"search headquarters", "/api/search?hq=US", 200, "application/json",
			[]string{`"query":"headquarters:\"US\""`, `leerlijn-verwerkersovereenkomst.txt"`, `{"field":"headquarters","missing":0,"other":0,"terms":[{"term":"US"`}},
		{"search sorted", "/api/search?q=*&sort=supplier&limit=3", 200, "application/json", []string{`"hits":[{`}},
		{"search all", "/api/search", 200, "application/json", []string{`"query":"*"`}},
		{"search bad query", "/api/search?q=country:", 400, "application/json", []string{`"error":"column 9: expected a value after country:`}},
		{"search bad limit", "/api/search?q=x&limit=100000", 400, "application/json", []string{`limit=`}},
		{"search bad sort", "/api/search?q=x&sort=size", 400, "application/json", []string{`sort=`}},
		{"document", "/api/documents/" + xss, 200, "application/json", []string{`"id":"` + xss, `"record":{"source"`, `"evidence":{`}},
		{"document unknown", "/api/documents/" + strings.Repeat("0", 64), 404, "application/json", []string{"no such document"}},
		{"pages", "/api/documents/" + xss + "/pages", 200, "application/json", []string{`"page":1`}},
		{"page with mark", "/api/documents/" + xss + "/pages/1?start=" + itoa(ev.Start) + "&end=" + itoa(ev.End), 200, "application/json",
			[]string{`"mark":"Verwerker \u003cscript\u003ealert(1)\u003c/script\u003e informeert`}},
		{"page out of range", "/api/documents/" + xss + "/pages/99", 404, "application/json", []string{"no page"}},
		{"page bad span", "/api/documents/" + xss + "/pages/1?start=9&end=3", 400, "application/json", []string{"start="}},
		{"file", "/api/documents/" + xss + "/file", 200, "text/plain", []string{"Schrijfschool B.V."}},
		{"export csv", "/api/export?format=csv&q=outside_eea:true", 200, "text/csv", []string{"\ufeffLeverancier;KvK;", "Schrijfschool B.V.;61234567;"}},
		{"export register", "/api/export?format=register&q=schrijfschool", 200, "text/csv", []string{"Schrijfschool B.V.;;Inktwolk Inc.;"}},
		{"export jsonl", "/api/export?format=jsonl&q=schrijfschool", 200, "application/x-ndjson", []string{`{"source":{"path":`}},
		{"export xlsx", "/api/export?format=xlsx", 200, "application/vnd.openxmlformats", []string{"PK"}},
		{"export bad format", "/api/export?format=pdf", 400, "application/json", []string{"unknown export format"}},
		{"page html", "/?q=outside_eea:true", 200, "text/html", []string{`<table class="results"`, "Schrijfschool B.V."}},
		{"page en", "/?q=outside_eea:true&lang=en", 200, "text/html", []string{"Outside the EEA", "documents found"}},
		{"page bad query", "/?q=%28", 400, "text/html", []string{`class="error"`}},
		{"document html", "/doc/" + xss, 200, "text/html", []string{`id="fields"`, `class="ev"`, "Inktwolk Inc. (US)"}},
		{"page headquarters", "/?hq=US", 200, "text/html", []string{`<select name="hq">`, `<option value="US" selected>`, `<span class="hq"`}},
		{"document headquarters", "/doc/" + leerlijn, 200, "text/html",
			[]string{"Amazon Web Services EMEA SARL (IE, LU)", "hoofdkantoor US (gazetteer: Wikipedia: Amazon Web Services"}},
		{"static js", "/static/app.js", 200, "text/javascript", []string{"textContent"}},
		{"unknown", "/nope", 404, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, ts, tc.path)
			if resp.StatusCode != tc.wantCode {
				t.Errorf("status %d, want %d\n%.400s", resp.StatusCode, tc.wantCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tc.wantType) {
				t.Errorf("Content-Type %q, want %q…", ct, tc.wantType)
			}
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q:\n%.600s", s, body)
				}
			}
		})
	}
}

// TestSearchPaging checks that offset and limit page through all hits and
// that sorting by supplier orders them.
func TestSearchPaging(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	var all []string
	var total uint64
	for off := 0; off < 100; off += 4 {
		_, body := get(t, ts, "/api/search?sort=supplier&limit=4&offset="+itoa(off))
		var res index.Results
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		total = res.Total
		for _, h := range res.Hits {
			all = append(all, strings.ToLower(h.Supplier))
		}
		if len(res.Hits) < 4 {
			break
		}
	}
	if uint64(len(all)) != total || total < 10 {
		t.Fatalf("paged %d hits, total %d", len(all), total)
	}
	for i := 1; i < len(all); i++ {
		if all[i] < all[i-1] {
			t.Errorf("hit %d %q before %q: not sorted by supplier", i, all[i-1], all[i])
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestQueryLimits checks that a query over the index's limits gets a 400
// with the reason and one out of time a 503, never a 500: the probe, 2,000
// bytes of one-letter prefixes OR'd, once ran for 42 s in 5.4 GB.
func TestQueryLimits(t *testing.T) {
	var probe []string
	for i := 0; len(strings.Join(probe, " OR ")) < 1990; i++ {
		probe = append(probe, string(rune('a'+i%26))+"*")
	}
	q := url.QueryEscape(strings.Join(probe, " OR "))
	ts, _ := newTestServer(t, Options{})
	late, _ := newTestServer(t, Options{RequestTimeout: time.Nanosecond, CacheTTL: -1})
	tests := []struct {
		name     string
		ts       *httptest.Server
		path     string
		wantCode int
		want     string
	}{
		{"api probe", ts, "/api/search?q=" + q, 400, "prefix a* too short: type at least 2 letters before the *"},
		{"page probe", ts, "/?q=" + q, 400, "prefix a* too short"},
		{"export probe", ts, "/api/export?format=csv&q=" + q, 400, "prefix a* too short"},
		{"too many prefixes", ts, "/api/search?q=" + url.QueryEscape("wa* wb* wc* wd* we* wf* wg* wh* wi* wj* wk*"), 400, "too many prefix and path terms"},
		{"api out of time", late, "/api/search?q=verwerk*", 503, "the request took longer than the 1ns allowed: narrow the query"},
		{"page out of time", late, "/?q=verwerk*", 503, "took longer"},
		{"export out of time", late, "/api/export?format=csv&q=verwerk*", 503, "took longer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, tc.ts, tc.path)
			if resp.StatusCode != tc.wantCode || !strings.Contains(body, tc.want) {
				t.Errorf("status %d, want %d saying %q:\n%.300s", resp.StatusCode, tc.wantCode, tc.want, body)
			}
		})
	}
}
