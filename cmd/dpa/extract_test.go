package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/extract"
)

// copyFile copies src into dir under name.
func copyFile(t *testing.T, src, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// run runs dpa with args and returns the exit status and both streams.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr}
	code := m.Run(context.Background(), args)
	return code, stdout.String(), stderr.String()
}

// records parses JSON Lines output.
func records(t *testing.T, out string) []extract.Record {
	t.Helper()
	var recs []extract.Record
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r extract.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line is not a record: %v: %.200s", err, sc.Text())
		}
		recs = append(recs, r)
	}
	return recs
}

// TestExtractBadInput runs extract over a folder of good and bad files: one
// error line per bad file naming it and the reason, every good file still
// printed, in path order, duplicates once with all their paths, exit 1.
func TestExtractBadInput(t *testing.T) {
	bad := filepath.Join("..", "..", "testdata", "bad")
	dir := t.TempDir()
	good := []string{"agreement.txt", "utf16.txt", "windows-1252.txt"}
	failing := map[string]string{
		"binary.txt":       "not a text file (binary data)",
		"corrupt.docx":     "damaged file: corrupt DOCX (zip: not a valid zip file)",
		"empty.pdf":        "empty file",
		"not-a-pdf.pdf":    "a PNG image is read by OCR, and OCR is off",
		"spreadsheet.docx": "not a Word document (DOCX) (Excel workbook)",
	}
	for _, name := range good {
		copyFile(t, filepath.Join(bad, name), dir, name)
	}
	for name := range failing {
		copyFile(t, filepath.Join(bad, name), dir, name)
	}
	// A duplicate in a sub-folder, a huge line, and names that are skipped.
	copyFile(t, filepath.Join(bad, "agreement.txt"), dir, "sub/Kopie van agreement.txt")
	copyFile(t, filepath.Join(bad, "binary.txt"), dir, "~$agreement.docx")
	copyFile(t, filepath.Join(bad, "binary.txt"), dir, ".hidden.txt")
	long := strings.Repeat("Leerlab B.V. verwerkt persoonsgegevens van leerlingen. ", 1300) // 72 kB, one line: over bufio.Scanner's 64 KiB
	if err := os.WriteFile(filepath.Join(dir, "huge-line.txt"), []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := run(t, "extract", "--json", "--ocr", "off", dir)
	if code != exitFailed {
		t.Errorf("exit status %d, want %d", code, exitFailed)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != len(failing) {
		t.Errorf("stderr has %d lines, want one per bad file (%d):\n%s", len(lines), len(failing), stderr)
	}
	for name, reason := range failing {
		path := filepath.Join(dir, name)
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, "error: "+path+": ") {
				n++
				if !strings.Contains(l, reason) {
					t.Errorf("error line %q does not say %q", l, reason)
				}
			}
		}
		if n != 1 {
			t.Errorf("%d error lines for %s, want 1", n, name)
		}
	}

	recs := records(t, stdout)
	var got []string
	for _, r := range recs {
		got = append(got, filepath.Base(r.Source.Path))
	}
	want := []string{"agreement.txt", "huge-line.txt", "utf16.txt", "windows-1252.txt"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("records for %v, want %v", got, want)
	}
	if !sort.SliceIsSorted(recs, func(i, j int) bool { return recs[i].Source.Path < recs[j].Source.Path }) {
		t.Errorf("records not in path order: %v", got)
	}
	for _, r := range recs {
		if filepath.Base(r.Source.Path) != "agreement.txt" {
			continue
		}
		wantPaths := []string{filepath.Join(dir, "agreement.txt"), filepath.Join(dir, "sub", "Kopie van agreement.txt")}
		if strings.Join(r.Source.Paths, "|") != strings.Join(wantPaths, "|") {
			t.Errorf("duplicate paths = %q, want %q", r.Source.Paths, wantPaths)
		}
	}
}

// TestExtractExitStatus checks the exit statuses: 0 when every file is
// read, 1 when one failed or a path is missing, 2 for a wrong command line.
func TestExtractExitStatus(t *testing.T) {
	bad := filepath.Join("..", "..", "testdata", "bad")
	tests := []struct {
		name string
		args []string
		code int
		out  bool // something on stdout
	}{
		{"good file", []string{"extract", "--ocr", "off", filepath.Join(bad, "agreement.txt")}, exitOK, true},
		{"good file json", []string{"extract", "--json", "--ocr", "off", filepath.Join(bad, "windows-1252.txt")}, exitOK, true},
		{"bad file", []string{"extract", "--ocr", "off", filepath.Join(bad, "empty.pdf")}, exitFailed, false},
		{"missing path", []string{"extract", "--ocr", "off", filepath.Join(bad, "bestaat-niet.txt"), filepath.Join(bad, "agreement.txt")}, exitFailed, true},
		{"no path", []string{"extract"}, exitUsage, false},
		{"unknown flag", []string{"extract", "--geen-vlag", "x"}, exitUsage, false},
		{"bad ocr mode", []string{"extract", "--ocr", "misschien", "x"}, exitUsage, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if (stdout != "") != tc.out {
				t.Errorf("stdout = %.200q, want output %v", stdout, tc.out)
			}
		})
	}
}

// TestExtractSummary checks the human-readable output of dpa extract
// without --json: one block per document with the fields an officer reads.
func TestExtractSummary(t *testing.T) {
	dir := t.TempDir()
	text := "Verwerkersovereenkomst Rekenrups\n\nPartijen:\n\n1. Het bevoegd gezag van [naam], hierna te noemen: Onderwijsinstelling\n\nen\n\n" +
		"2. Rekenrups B.V., gevestigd te (1234 AB) Zwolle, hierna te noemen: Verwerker\n\n" +
		"Partijen wensen, gelet op artikel 28 lid 3 AVG, afspraken te maken.\n"
	path := filepath.Join(dir, "rekenrups.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "extract", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	for _, want := range []string{
		path + "\n",
		"  kind:           verwerkersovereenkomst, model –, AVG",
		"  processor:      Rekenrups B.V., 1234 AB Zwolle",
		"  outside EEA:    not stated",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestExtractExplain prints, for a fixture with a decoy table next to the
// sub-processor table, the candidates with cues, kept and dropped.
func TestExtractExplain(t *testing.T) {
	code, out, errOut := run(t, "extract", "--explain", "--ocr=off", "../../testdata/agreements/kompasnet-privacybijsluiter.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"subprocessors:", "KEEP", `"Foutvanger Inc."`, "organisation column", "not about organisations", "countries: US"} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain output lacks %q:\n%s", want, out)
		}
	}
}
