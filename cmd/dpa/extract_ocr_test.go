package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractOCR runs dpa extract on a text agreement whose signature page
// is a scan (testdata/scanned/zeilschool.mixed.pdf) and checks that only
// that page is OCR'd and that the record says so, with and without the
// engines.
func TestExtractOCR(t *testing.T) {
	const mixed = "../../testdata/scanned/zeilschool.mixed.pdf"
	tests := []struct {
		name        string
		args        []string
		needTess    bool
		wantWarn    string // a warning of the record
		notWarn     string // no warning may contain this
		wantStderr  string
		stderrLines int
		pages       int
	}{
		{name: "text document, engine missing", args: []string{"extract", "--json", "--tesseract", "/nonexistent/tesseract", "../../testdata/scanned/zeilschool.txt"},
			notWarn: "OCR", pages: 1},
		{name: "auto", args: []string{"extract", "--json", mixed}, needTess: true, pages: 2,
			wantWarn: "page 2 read by OCR (tesseract nld, mean confidence ", notWarn: "page 1"},
		{name: "off", args: []string{"extract", "--json", "--ocr=off", mixed}, pages: 2,
			wantWarn: "page 2: no text layer (scanned)", notWarn: "read by OCR"},
		{name: "engine missing", args: []string{"extract", "--json", "--tesseract", "/nonexistent/tesseract", mixed}, pages: 2,
			wantWarn: "install tesseract-ocr and tesseract-ocr-nld", notWarn: "read by OCR",
			wantStderr: "warning: scanned pages found in " + mixed + "; install tesseract-ocr", stderrLines: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needTess {
				needTesseract(t)
			}
			code, out, stderr := run(t, tc.args...)
			if code != exitOK {
				t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
			}
			var rec struct {
				Source   struct{ Pages int }
				Warnings []string
			}
			if err := json.Unmarshal([]byte(out), &rec); err != nil {
				t.Fatalf("%v in %s", err, out)
			}
			if rec.Source.Pages != tc.pages {
				t.Errorf("source.pages = %d, want %d", rec.Source.Pages, tc.pages)
			}
			all := strings.Join(rec.Warnings, "\n")
			if !strings.Contains(all, tc.wantWarn) {
				t.Errorf("warnings %q do not say %q", rec.Warnings, tc.wantWarn)
			}
			if strings.Contains(all, tc.notWarn) {
				t.Errorf("warnings %q say %q", rec.Warnings, tc.notWarn)
			}
			if n := strings.Count(stderr, "\n"); n != tc.stderrLines || !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("stderr (%d lines) = %q, want %d lines with %q", n, stderr, tc.stderrLines, tc.wantStderr)
			}
		})
	}
}

// TestExtractScanWithoutOCR checks that a PDF of scans only, with OCR off
// or missing, is a failure that says so (exit 1), not an empty record.
func TestExtractScanWithoutOCR(t *testing.T) {
	const scan = "../../testdata/scanned/zeilschool.scanned.pdf"
	for _, args := range [][]string{
		{"extract", "--json", "--ocr=off", scan},
		{"extract", "--json", "--tesseract", "/nonexistent/tesseract", scan},
	} {
		code, out, stderr := run(t, args...)
		if code != exitFailed || out != "" || !strings.Contains(stderr, scan+": scanned: needs OCR: 2 of 2 pages are scans without a text layer") {
			t.Errorf("%q: exit %d, want %d; stdout %q; stderr:\n%s", args, code, exitFailed, out, stderr)
		}
	}
}

// TestSyncScanWithoutOCR checks that dpa sync reports a PDF of scans that
// OCR cannot read as a failed file in its summary (text and JSON) and
// exits 1, while the readable file next to it is indexed.
func TestSyncScanWithoutOCR(t *testing.T) {
	drive := copyFixtures(t, "scanned/zeilschool.scanned.pdf", "scanned/zeilschool.txt")
	scan := filepath.Join(drive, "Leverancier", "zeilschool.scanned.pdf")
	dir := filepath.Join(t.TempDir(), "idx")
	code, out, errOut := run(t, "sync", "--ocr=off", "--index", dir, drive)
	if code != exitFailed {
		t.Errorf("exit %d, want %d\n%s%s", code, exitFailed, out, errOut)
	}
	for _, want := range []string{"0 before + 1 added - 0 removed = 1 documents", "failed 1,",
		"failed:\n  " + scan + ": scanned: needs OCR: 2 of 2 pages are scans without a text layer, and OCR is off"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary does not say %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "sync", "--json", "--tesseract", "/nonexistent/tesseract", "--index", dir, drive)
	var sum struct {
		Failed   int
		Failures []struct{ Path, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if code != exitFailed || sum.Failed != 1 || len(sum.Failures) != 1 || sum.Failures[0].Path != scan || !strings.Contains(sum.Failures[0].Reason, "needs OCR") {
		t.Errorf("sync --json without tesseract: exit %d, summary %+v", code, sum)
	}
}
