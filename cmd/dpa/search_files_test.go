package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchListsEveryFile checks that an agreement kept on the drive as
// several files shows all of them in the table and in --csv, not only
// the one chosen to represent it.
func TestSearchListsEveryFile(t *testing.T) {
	drive := copyFixtures(t, "index/wolkwijs-verwerkersovereenkomst.txt")
	data, err := os.ReadFile(filepath.Join(drive, "Leverancier", "wolkwijs-verwerkersovereenkomst.txt"))
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(drive, "Archief", "wolkwijs-kopie.txt")
	if err := os.MkdirAll(filepath.Dir(copyPath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copyPath, append(data, "\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "idx")
	if code, out, errOut := run(t, "index", "--index", dir, drive); code != exitOK {
		t.Fatalf("index: exit %d\n%s%s", code, out, errOut)
	}

	code, out, errOut := run(t, "search", "--index", dir, "supplier:wolkwijs")
	if code != exitOK {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "1 documents match") || !strings.Contains(out, "wolkwijs-kopie.txt") ||
		!strings.Contains(out, "wolkwijs-verwerkersovereenkomst.txt") {
		t.Errorf("table: want one agreement with both files:\n%s", out)
	}

	code, out, errOut = run(t, "search", "--index", dir, "--csv", "supplier:wolkwijs")
	if code != exitOK {
		t.Fatalf("search --csv: exit %d: %s", code, errOut)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	if len(rows) < 2 {
		t.Fatalf("no rows:\n%s", out)
	}
	for _, r := range rows[1:] {
		if !strings.Contains(r[1], "wolkwijs-kopie.txt") || !strings.Contains(r[1], "wolkwijs-verwerkersovereenkomst.txt") {
			t.Errorf("csv path column %q: want both files", r[1])
		}
	}
}
