package web

import (
	"regexp"
	"strings"
	"testing"
)

// TestReviewPages checks the review tab of an agreement (a traffic-light
// list, each finding with its evidence linked to the passage) and the
// board-wide view.
func TestReviewPages(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	id := idOf(t, ix, "rekenpad-bewerkersovereenkomst.txt")
	resp, body := get(t, ts, "/doc/"+id+"/review")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{`class="finding light-red"`, `class="finding light-green"`, "liability", "breach_notification",
		"not in model 2.0", `href="/doc/` + id + `?page=`, `aria-current="page"`} {
		if !strings.Contains(body, want) {
			t.Errorf("review tab lacks %q", want)
		}
	}
	// every evidence link of the tab opens the document at a passage
	for _, m := range regexp.MustCompile(`href="(/doc/[0-9a-f]+\?page=\d+&amp;start=\d+&amp;end=\d+#tekst)"`).FindAllStringSubmatch(body, -1) {
		if r, _ := get(t, ts, strings.ReplaceAll(m[1], "&amp;", "&")); r.StatusCode != 200 {
			t.Errorf("%s: status %d", m[1], r.StatusCode)
		}
	}
	if _, doc := get(t, ts, "/doc/"+id); !strings.Contains(doc, `href="/doc/`+id+`/review"`) {
		t.Error("the document page has no review tab")
	}
	resp, body = get(t, ts, "/review")
	if resp.StatusCode != 200 || !strings.Contains(body, `id="failing"`) || !strings.Contains(body, "/doc/"+id+"/review") {
		t.Errorf("board: status %d\n%.800s", resp.StatusCode, body)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("board: Content-Security-Policy %q", csp)
	}
	if resp, _ = get(t, ts, "/review?q=supplier:("); resp.StatusCode != 400 {
		t.Errorf("board with a bad query: status %d, want 400", resp.StatusCode)
	}
	// a document's text reaches the tab escaped
	xss := idOf(t, ix, "schrijfschool-xss.txt")
	if _, body = get(t, ts, "/doc/"+xss+"/review"); strings.Contains(body, "<script>alert") {
		t.Error("the review tab lets a document's markup through")
	}
}
