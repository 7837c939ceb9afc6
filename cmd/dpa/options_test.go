package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOptionsAnywhere checks that options work in any position: after the
// query or the paths they are options, never search words or files, and
// an unknown option is a usage error.
func TestOptionsAnywhere(t *testing.T) {
	drive := copyFixtures(t, "index/wolkwijs-verwerkersovereenkomst.txt",
		"agreements/planbord-verwerkersovereenkomst.txt", "agreements/taalkompas-privacybijsluiter.txt")
	dir := filepath.Join(t.TempDir(), "idx")
	cwd := t.TempDir() // where a misread command would create ./dpa.index
	t.Chdir(cwd)

	if code, out, errOut := run(t, "index", drive, "--index", dir); code != exitOK || !strings.Contains(out, "3 added") {
		t.Fatalf("index DRIVE --index DIR: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(cwd, "dpa.index")); err == nil {
		t.Errorf("index DRIVE --index DIR created ./dpa.index")
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string // in stdout
		notWant  []string // not in stdout
		wantErr  string   // in stderr
	}{
		{name: "search limit after query", args: []string{"search", "--index", dir, "Verwerker", "--limit", "1"},
			wantCode: exitOK, want: []string{"1 shown"}},
		{name: "search index after query", args: []string{"search", "Hemelhost", "--index", dir},
			wantCode: exitOK, want: []string{"1 documents match"}},
		{name: "search json between words", args: []string{"search", "--index", dir, "Hemelhost", "--json", "OR", "Planbord"},
			wantCode: exitOK, want: []string{`"total": 2`}},
		{name: "export format after query", args: []string{"export", "--index", dir, "Hemelhost", "--format", "jsonl"},
			wantCode: exitOK, want: []string{`"processor"`}, notWant: []string{"\ufeff"}},
		{name: "dash-dash ends options", args: []string{"search", "--index", dir, "--", "-Hemelhost", "Verwerker"},
			wantCode: exitOK, notWant: []string{"wolkwijs"}},
		{name: "unknown option after query", args: []string{"search", "--index", dir, "Verwerker", "--limt", "5"},
			wantCode: exitUsage, wantErr: "flag provided but not defined: -limt"},
		{name: "unknown option after path", args: []string{"index", drive, "--indx", dir},
			wantCode: exitUsage, wantErr: "flag provided but not defined: -indx"},
		{name: "option without value at the end", args: []string{"search", "Verwerker", "--index"},
			wantCode: exitUsage, wantErr: "flag needs an argument: -index"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.wantCode, out, errOut)
			}
			for _, s := range tc.want {
				if !strings.Contains(out, s) {
					t.Errorf("stdout does not say %q:\n%s", s, out)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(out, s) {
					t.Errorf("stdout says %q:\n%s", s, out)
				}
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stderr does not say %q:\n%s", tc.wantErr, errOut)
			}
		})
	}
}

// TestIndexInsideDrive checks that an index kept inside the drive it
// indexes (cd drive && dpa index .) is never read as input: the second run
// finds nothing changed and exits 0.
func TestIndexInsideDrive(t *testing.T) {
	drive := copyFixtures(t, "index/wolkwijs-verwerkersovereenkomst.txt",
		"agreements/planbord-verwerkersovereenkomst.txt")
	t.Chdir(drive)
	for i, want := range []string{"0 before + 2 added - 0 removed = 2 documents", "2 before + 0 added - 0 removed = 2 documents"} {
		code, out, errOut := run(t, "index", ".")
		if code != exitOK || !strings.Contains(out, want) || !strings.Contains(out, "failed 0,") {
			t.Errorf("run %d: exit %d, want %q:\n%s%s", i+1, code, want, out, errOut)
		}
	}
	// Renamed and moved deeper, it is still recognised by its marker.
	if err := os.MkdirAll("Archief", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename("dpa.index", filepath.Join("Archief", "oude-index")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "index", "--index", filepath.Join(t.TempDir(), "idx"), ".")
	if code != exitOK || !strings.Contains(out, "0 before + 2 added - 0 removed = 2 documents") {
		t.Errorf("renamed index read as input: exit %d\n%s%s", code, out, errOut)
	}
}
