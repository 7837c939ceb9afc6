package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/index"
)

// copyFixtures copies the named files of testdata into a fresh drive folder.
func copyFixtures(t *testing.T, names ...string) string {
	t.Helper()
	drive := t.TempDir()
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(drive, "Leverancier", filepath.Base(n))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return drive
}

func TestIndexSyncSearch(t *testing.T) {
	drive := copyFixtures(t, "index/wolkwijs-verwerkersovereenkomst.txt", "index/leeg.txt",
		"agreements/planbord-verwerkersovereenkomst.txt", "agreements/taalkompas-privacybijsluiter.txt")
	dir := filepath.Join(t.TempDir(), "idx")
	steps := []struct {
		name     string
		args     []string
		before   func()
		wantCode int
		want     []string // in stdout
		wantErr  []string // in stderr
	}{
		{name: "index", args: []string{"index", "--index", dir, drive}, wantCode: exitFailed,
			want: []string{"0 before + 3 added - 0 removed = 3 documents in the index", "failed 1,", "leeg.txt: empty file"}},
		{name: "sync unchanged", args: []string{"sync", "--index", dir, drive}, wantCode: exitFailed,
			want: []string{"3 before + 0 added - 0 removed = 3 documents", "unchanged 3,", "failed 1,", "leeg.txt"}},
		{name: "sync after fix", args: []string{"sync", "--index", dir, drive}, wantCode: exitOK,
			before: func() { os.Remove(filepath.Join(drive, "Leverancier", "leeg.txt")) },
			want:   []string{"unchanged 3,", "failed 0,", "3 documents in the index"}},
		{name: "search text", args: []string{"search", "--index", dir, "Hemelhost"}, wantCode: exitOK,
			want: []string{"wolkwijs-verwerkersovereenkomst.txt", "«Hemelhost»", "1 documents match"}},
		{name: "search phrase", args: []string{"search", "--index", dir, `"buiten de EER"`}, wantCode: exitOK,
			want: []string{"wolkwijs-verwerkersovereenkomst.txt", "«buiten» de «EER»"}},
		{name: "search bad query", args: []string{"search", "--index", dir, "country:"}, wantCode: exitUsage,
			wantErr: []string{"column 9: expected a value after country:", "  country:\n          ^"}},
		{name: "search one-letter prefixes", args: []string{"search", "--index", dir, "a* OR b*"}, wantCode: exitUsage,
			wantErr: []string{"column 1: prefix a* too short: type at least 2 letters before the *\n  a* OR b*\n  ^"}},
		{name: "export one-letter prefixes", args: []string{"export", "--index", dir, "--format", "csv", "a* OR b*"}, wantCode: exitUsage,
			wantErr: []string{"prefix a* too short"}},
		{name: "search no index", args: []string{"search", "--index", filepath.Join(t.TempDir(), "none"), "x"}, wantCode: exitFailed,
			wantErr: []string{"no dpa index here"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.before != nil {
				st.before()
			}
			code, out, errOut := run(t, st.args...)
			if code != st.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, st.wantCode, out, errOut)
			}
			for _, s := range st.want {
				if !strings.Contains(out, s) {
					t.Errorf("stdout does not say %q:\n%s", s, out)
				}
			}
			for _, s := range st.wantErr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr does not say %q:\n%s", s, errOut)
				}
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		code, out, errOut := run(t, "search", "--index", dir, "--json", "Verwerker")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var res index.Results
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if res.Total < 2 || len(res.Hits) != int(res.Total) || len(res.Facets) != len(index.FacetFields) {
			t.Errorf("results: total %d, %d hits, %d facets", res.Total, len(res.Hits), len(res.Facets))
		}
	})
	t.Run("csv", func(t *testing.T) {
		code, out, errOut := run(t, "search", "--index", dir, "--csv", "Hemelhost OR Planbord")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if !strings.HasPrefix(out, "\ufeff") {
			t.Errorf("no byte-order mark: the export's CSV writer was not used")
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("not CSV: %v\n%s", err, out)
		}
		if len(rows) < 3 || rows[0][0] != "id" || rows[0][9] != "quote" {
			t.Errorf("csv rows: %q", rows)
		}
	})
}

func TestSyncJSONLogs(t *testing.T) {
	drive := copyFixtures(t, "index/wolkwijs-verwerkersovereenkomst.txt", "index/leeg.txt")
	dir := filepath.Join(t.TempDir(), "idx")
	code, out, errOut := run(t, "sync", "-v", "--log-format", "json", "--index", dir, drive)
	if code != exitFailed {
		t.Errorf("exit %d, want %d (one file fails)", code, exitFailed)
	}
	if !strings.Contains(out, "1 added") {
		t.Errorf("summary: %s", out)
	}
	var msgs []string
	for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
		var entry map[string]interface{}
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("stderr line is not JSON (progress bar or text on a non-terminal?): %q", line)
		}
		msgs = append(msgs, entry["msg"].(string))
	}
	for _, want := range []string{"file failed", "update done"} {
		if !strings.Contains(strings.Join(msgs, "|"), want) {
			t.Errorf("logs %q lack %q", msgs, want)
		}
	}
}

func TestIndexUsage(t *testing.T) {
	code, _, errOut := run(t, "index", "-h")
	if code != exitOK || !strings.Contains(errOut, "dpa.index") || !strings.Contains(errOut, "-keep-missing") {
		t.Errorf("index -h: exit %d, help does not name the default index folder:\n%s", code, errOut)
	}
	if code, _, _ := run(t, "search", "--json", "--csv", "x"); code != exitUsage {
		t.Errorf("search --json --csv: exit %d, want %d", code, exitUsage)
	}
}

// TestSyncEmptiedDrive checks that a sync over a drive folder that came up
// empty (a share that is not mounted) fails and leaves the index as it
// was, and that --allow-mass-removal lets it go on and lists what went.
func TestSyncEmptiedDrive(t *testing.T) {
	drive := copyFixtures(t, "index/wolkwijs-verwerkersovereenkomst.txt", "agreements/planbord-verwerkersovereenkomst.txt")
	dir := filepath.Join(t.TempDir(), "idx")
	if code, out, errOut := run(t, "sync", "--index", dir, drive); code != exitOK {
		t.Fatalf("first sync: exit %d\n%s%s", code, out, errOut)
	}
	if err := os.RemoveAll(filepath.Join(drive, "Leverancier")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "sync", "--index", dir, drive)
	if code != exitFailed {
		t.Errorf("sync of an empty drive: exit %d, want %d", code, exitFailed)
	}
	for _, want := range []string{"the folder is empty (is the drive mounted?)", "nothing was changed", "--allow-mass-removal",
		"would remove:\n  " + filepath.Join(drive, "Leverancier", "planbord-verwerkersovereenkomst.txt")} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
	if out != "" {
		t.Errorf("stdout: %q, want no summary", out)
	}
	if code, out, _ := run(t, "search", "--index", dir, "*"); code != exitOK || !strings.Contains(out, "2 documents match") {
		t.Errorf("index after the refused sync: exit %d\n%s", code, out)
	}
	code, out, errOut = run(t, "sync", "--allow-mass-removal", "--index", dir, drive)
	if code != exitOK {
		t.Errorf("sync --allow-mass-removal: exit %d\n%s", code, errOut)
	}
	want := "removed:\n  " + filepath.Join(drive, "Leverancier", "planbord-verwerkersovereenkomst.txt") + "\n  " +
		filepath.Join(drive, "Leverancier", "wolkwijs-verwerkersovereenkomst.txt") + "\n"
	if !strings.Contains(out, "2 before + 0 added - 2 removed = 0 documents") || !strings.Contains(out, want) {
		t.Errorf("summary does not list the removed paths:\n%s", out)
	}
}

// TestHostileFileNames checks that file names with a newline, a terminal
// escape or bytes that are not UTF-8 reach the output quoted: a name can
// neither forge a line (an extra "failed:" entry) nor colour the terminal,
// and a name that is not UTF-8 is unchanged on the next sync.
func TestHostileFileNames(t *testing.T) {
	drive := copyFixtures(t, "agreements/planbord-verwerkersovereenkomst.txt")
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "agreements", "leerlijn-verwerkersovereenkomst.txt"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string][]byte{
		"nep\nfailed:\n  vervalst.txt": nil, // empty: fails
		"rood\x1b[31m.txt":             nil,
		"caf\xe9.txt":                  good,
	}
	for name, data := range names {
		if err := os.WriteFile(filepath.Join(drive, name), data, 0o644); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "idx")
	check := func(t *testing.T, out, errOut string) {
		t.Helper()
		for _, s := range []string{out, errOut} {
			if strings.Contains(s, "\x1b") || !utf8.ValidString(s) {
				t.Errorf("raw escape or bytes that are not UTF-8 in the output:\n%q", s)
			}
			for _, line := range strings.Split(s, "\n") {
				if strings.TrimSpace(line) == "vervalst.txt" || strings.HasPrefix(line, "  vervalst.txt") {
					t.Errorf("a file name forged the line %q:\n%s", line, s)
				}
			}
		}
	}
	t.Run("sync", func(t *testing.T) {
		code, out, errOut := run(t, "sync", "--index", dir, drive)
		if code != exitFailed || strings.Count(out, "\nfailed:\n") != 1 {
			t.Errorf("exit %d, want %d with one failed: list:\n%s", code, exitFailed, out)
		}
		for _, want := range []string{`"` + drive + `/nep\nfailed:\n  vervalst.txt": empty file`, `"` + drive + `/rood\x1b[31m.txt": empty file`} {
			if !strings.Contains(out, want) {
				t.Errorf("summary does not say %q:\n%s", want, out)
			}
		}
		check(t, out, errOut)
		code, out, errOut = run(t, "sync", "--index", dir, drive)
		if code != exitFailed || !strings.Contains(out, "unchanged 2,") || !strings.Contains(out, "moved 0,") || !strings.Contains(out, "gone 0,") {
			t.Errorf("second sync: exit %d, want the name that is not UTF-8 unchanged:\n%s", code, out)
		}
		check(t, out, errOut)
	})
	t.Run("extract", func(t *testing.T) {
		code, out, errOut := run(t, "extract", drive)
		if code != exitFailed || strings.Count(errOut, "error: ") != 2 {
			t.Errorf("exit %d, want %d and two error lines:\n%s", code, exitFailed, errOut)
		}
		if !strings.Contains(out, `"`+drive+`/caf\xe9.txt"`) {
			t.Errorf("the summary does not name the file quoted:\n%s", out)
		}
		check(t, out, errOut)
	})
	t.Run("search", func(t *testing.T) {
		// The table shows the record's path, JSON text: U+FFFD for the byte.
		code, out, errOut := run(t, "search", "--index", dir, "*")
		if code != exitOK || !strings.Contains(out, "caf\uFFFD.txt") {
			t.Errorf("exit %d, the table does not show the file:\n%s", code, out)
		}
		check(t, out, errOut)
	})
}
