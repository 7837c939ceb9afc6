package web

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserScan opens a scanned document in headless Chromium, clicks
// the source of the supplier's name (read by OCR) and checks that the page
// image appears with the passage's rectangle drawn over it where the
// evidence's box says.
func TestBrowserScan(t *testing.T) {
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
		t.Skip("no Chromium found (apt-get install chromium); the browser test needs one")
	}
	if _, err := exec.LookPath(pdftoppm); err != nil {
		t.Skip("skipping: needs pdftoppm (poppler-utils)")
	}
	ts, ix, scan, _ := scanServer(t)
	d, err := ix.Document(scan)
	if err != nil {
		t.Fatal(err)
	}
	box := d.Record.Evidence["processor.name"][0].Box

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelA := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()

	link := `//table[@id="fields"]//tr[th[contains(., "Leverancier")]]//a[contains(@class, "ev")]`
	err = chromedp.Do(bctx, chromedp.Navigate(ts.URL+"/doc/"+scan), chromedp.WaitVisible("#fields"), chromedp.Click(link))
	if err != nil {
		t.Fatal(err)
	}
	// The script shows the figure once the page text has come.
	waitFor(t, bctx, `!document.getElementById("scan").hidden && document.getElementById("scanimg").complete && document.getElementById("scanimg").naturalWidth > 0`)
	got, err := chromedp.Run(bctx, chromedp.Evaluate[[]float64](`["x", "y", "width", "height"].map(function (a) { return Number(document.getElementById("scanrect").getAttribute(a)); })`))
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{box.X0, box.Y0, box.X1 - box.X0, box.Y1 - box.Y0}
	for i := range want {
		if d := got[i] - want[i]; d > 1e-9 || d < -1e-9 {
			t.Errorf("rectangle %v, want %v", got, want)
			break
		}
	}
}
