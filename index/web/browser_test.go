package web

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write the browser test's screenshot to testdata/web/screenshot.png")

// chromiumPaths are where the browser test looks for a headless browser.
var chromiumPaths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}

// TestBrowser drives headless Chromium through an auditor's path: search
// outside_eea:true, open a hit, click a sub-processor's source and see the
// passage marked on its page; then the same on the hostile fixture, whose
// markup must stay text. It saves a screenshot of the document view.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := ""
	for _, p := range chromiumPaths {
		if _, err := os.Stat(p); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		if p, err := exec.LookPath("chromium"); err == nil {
			exe = p
		}
	}
	if exe == "" {
		t.Skip("no Chromium found (apt-get install chromium); the browser test needs one")
	}
	ix := fixtureIndex(t)
	ts := httptest.NewServer(New(ix, Options{}))
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, cancelA := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1440, 900))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()

	// Search as an auditor types it, and open the first hit that lists a
	// sub-processor with a country.
	err := chromedp.Do(bctx,
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible("#q"),
		chromedp.SendKeys("#q", "outside_eea:true"),
		chromedp.Submit("#q"),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	waitFor(t, bctx, `location.search.indexOf("q=") >= 0 && document.readyState === "complete" && !!document.querySelector("#results")`)
	total, err := chromedp.Run(bctx, chromedp.Text("#total"))
	if err != nil || total == "0" {
		t.Fatalf("search outside_eea:true found %q documents (%v)", total, err)
	}
	// Open the hit with the most sub-processors: the richest page to show.
	href, err := chromedp.Run(bctx, chromedp.Evaluate[string](`(function () {
		var best = null, n = -1, rows = document.querySelectorAll("#results tbody tr");
		for (var i = 0; i < rows.length; i++) {
			var k = rows[i].querySelectorAll(".subs li").length;
			if (k > n && !/xss/.test(rows[i].textContent + rows[i].querySelector("a.hit").href)) { n = k; best = rows[i].querySelector("a.hit"); }
		}
		return best ? best.getAttribute("href") : "";
	})()`))
	if err != nil || href == "" {
		t.Fatalf("no hit to open: %v", err)
	}
	err = chromedp.Do(bctx, chromedp.Click(`#results a.hit[href="`+href+`"]`))
	if err != nil {
		t.Fatalf("open hit %s: %v", href, err)
	}
	path := href[:strings.IndexAny(href+"?", "?")]
	waitFor(t, bctx, `location.pathname === "`+path+`" && document.readyState === "complete" && !!document.querySelector("#fields")`)
	// Click the first source link of the sub-processors row.
	subRow := `//table[@id="fields"]//tr[th[contains(., "Subverwerkers")]]//a[contains(@class, "ev")]`
	attrs, err := chromedp.Run(bctx, chromedp.Attributes(subRow))
	if err != nil {
		t.Fatalf("no source link for a sub-processor: %v", err)
	}
	err = chromedp.Do(bctx, chromedp.Click(subRow), chromedp.WaitVisible("#mark"))
	if err != nil {
		t.Fatalf("click sub-processor source: %v", err)
	}
	checkMark(t, bctx, ix, strings.TrimPrefix(href[:strings.IndexAny(href+"?", "?")], "/doc/"), attrs)
	shot, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(t.TempDir(), "screenshot.png")
	if *updateScreenshot {
		out = filepath.Join("..", "..", "testdata", "web", "screenshot.png")
	}
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d KB)", out, len(shot)>>10)

	// The hostile fixture: its markup is shown as text, in place too.
	xss := idOf(t, ix, "schrijfschool-xss.txt")
	breach := `//table[@id="fields"]//tr[th[contains(., "Datalek")]]//a[contains(@class, "ev")]`
	err = chromedp.Do(bctx, chromedp.Navigate(ts.URL+"/doc/"+xss), chromedp.WaitVisible("#fields"))
	if err != nil {
		t.Fatal(err)
	}
	attrs, err = chromedp.Run(bctx, chromedp.Attributes(breach))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.Click(breach), chromedp.WaitVisible("#mark")); err != nil {
		t.Fatal(err)
	}
	checkMark(t, bctx, ix, xss, attrs)
	injected, err := chromedp.Run(bctx, chromedp.Evaluate[int](
		`document.querySelectorAll("main script, main img, #text *:not(mark)").length`))
	if err != nil || injected != 0 {
		t.Errorf("the hostile fixture put %d elements into the page (%v)", injected, err)
	}

	// On a phone (390 px wide) the results keep the supplier and the
	// outside-EEA column in view.
	err = chromedp.Do(bctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.URL+"/?q=outside_eea%3Atrue"))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, bctx, `document.readyState === "complete" && !!document.querySelector("#results")`)
	visible, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`(function () {
		var th = document.querySelectorAll("#results thead th"), eea = null;
		for (var i = 0; i < th.length; i++) { if (/EER|EEA/.test(th[i].textContent)) eea = th[i]; }
		if (!eea) return false;
		var r = eea.getBoundingClientRect();
		return r.width > 0 && r.right <= 390;
	})()`))
	if err != nil || !visible {
		t.Errorf("at 390 px the outside-EEA column is not in view (%v)", err)
	}
}

// waitFor evaluates the JavaScript predicate until it holds, so that the
// test waits on the page's state, never on time. An evaluation that fails
// because a navigation replaced the document under it is tried again; the
// test's context bounds the wait.
func waitFor(t *testing.T, ctx context.Context, predicate string) {
	t.Helper()
	var err error
	for ctx.Err() == nil {
		var ok bool
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](predicate)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting for %s: %v (last error %v)", predicate, ctx.Err(), err)
}

// checkMark checks that the marked passage is the evidence quote the
// clicked link names, on the page it names.
func checkMark(t *testing.T, ctx context.Context, ix interface {
	Text(string) (string, error)
}, id string, link map[string]string) {
	t.Helper()
	text, err := ix.Text(id)
	if err != nil {
		t.Fatal(err)
	}
	start, end := atoi(link["data-start"]), atoi(link["data-end"])
	want := text[start:end]
	got, err := chromedp.Run(ctx, chromedp.TextContent("#mark"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(got) == "" || !strings.HasPrefix(want, strings.TrimSpace(got)) && !strings.Contains(want, strings.TrimSpace(got)) {
		t.Errorf("marked %q, want the evidence %q", got, want)
	}
	page, err := chromedp.Run(ctx, chromedp.Text("#pageno"))
	if err != nil || page != link["data-page"] {
		t.Errorf("page shown %q, want %q (%v)", page, link["data-page"], err)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
