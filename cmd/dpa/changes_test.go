package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/index"
)

// TestChanges syncs a drive, replaces an agreement by a version that adds
// a US sub-processor and lengthens retention, syncs again, and checks
// that the summary, dpa changes (text, JSON, CSV, --line, --only,
// --fail-on) show exactly those changes with evidence.
func TestChanges(t *testing.T) {
	full, err := os.ReadFile(filepath.Join("..", "..", "testdata", "agreements", "leerlijn-verwerkersovereenkomst.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.Split(string(full), "\n") {
		if !strings.Contains(l, "Verenigde Staten") {
			kept = append(kept, l)
		}
	}
	v1 := strings.Join(kept, "\n")
	v2 := strings.Replace(string(full), "uiterlijk drie maanden", "uiterlijk zes maanden", 1)
	if v2 == string(full) {
		t.Fatal("fixture changed: no 'uiterlijk drie maanden' to lengthen")
	}
	drive := t.TempDir()
	file := filepath.Join(drive, "Leerlijn", "verwerkersovereenkomst.txt")
	os.MkdirAll(filepath.Dir(file), 0o755)
	if err := os.WriteFile(file, []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "idx")
	if code, out, errOut := run(t, "sync", "--ocr", "off", "--index", dir, drive); code != exitOK || strings.Contains(out, "changes:") {
		t.Fatalf("first sync: %d\n%s\n%s", code, out, errOut)
	}
	// the same file saved again unchanged in another folder: no change
	copyPath := filepath.Join(drive, "Archief", "vo-leerlijn.txt")
	os.MkdirAll(filepath.Dir(copyPath), 0o755)
	os.WriteFile(copyPath, []byte(strings.ReplaceAll(v1, "\n\n", "\n\n\n")), 0o644)
	if code, out, _ := run(t, "sync", "--ocr", "off", "--index", dir, drive); code != exitOK || strings.Contains(out, "changes:") {
		t.Fatalf("sync of a re-saved copy: %d, want no changes:\n%s", code, out)
	}
	os.Remove(copyPath)

	if err := os.WriteFile(file, []byte(v2), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(file, later, later)
	code, out, errOut := run(t, "sync", "--ocr", "off", "--index", dir, drive)
	if code != exitOK {
		t.Fatalf("second sync: %d\n%s", code, errOut)
	}
	for _, want := range []string{"changes: 2 (subprocessor_added 1, retention_changed 1)",
		"+ subprocessor Postduif Mail Inc.: — → US  [outside the EEA]", "now: verwerkersovereenkomst.txt p. ",
		"~ retention contract_end: P3M max contract_end → P6M max contract_end", "was: vo-leerlijn.txt p. 2: \"Verwerker verwijdert de Persoonsgegevens uiterlijk drie maanden"} {
		if !strings.Contains(out, want) {
			t.Errorf("sync summary lacks %q:\n%s", want, out)
		}
	}

	if code, out, _ := run(t, "sync", "--ocr", "off", "--json", "--index", dir, drive); code != exitOK || !strings.Contains(out, `"changes":[]`) || !strings.Contains(out, `"documents":1`) {
		t.Errorf("sync --json with nothing new: %d %s", code, out)
	}
	code, out, _ = run(t, "changes", "--index", dir, "--json")
	var got []index.Change
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var c index.Change
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		got = append(got, c)
	}
	if code != exitOK || len(got) != 2 || got[0].Type != "subprocessor_added" || got[1].Type != "retention_changed" {
		t.Fatalf("dpa changes --json: %d %+v", code, got)
	}
	if !got[0].NonEEA || len(got[0].NewEvidence) == 0 || !strings.Contains(got[0].NewEvidence[0].Quote, "Postduif") {
		t.Errorf("sub-processor change %+v: want non-EEA with the new version's evidence", got[0])
	}
	if len(got[1].OldEvidence) == 0 || !strings.Contains(got[1].OldEvidence[0].Quote, "drie maanden") ||
		len(got[1].NewEvidence) == 0 || !strings.Contains(got[1].NewEvidence[0].Quote, "zes maanden") {
		t.Errorf("retention change %+v: want evidence from both versions", got[1])
	}

	code, out, _ = run(t, "changes", "--index", dir, "--csv", "--only", "non-eea")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != exitOK || err != nil || len(rows) != 2 || rows[1][8] != "subprocessor_added" {
		t.Errorf("--csv --only non-eea: %d %v %v", code, err, rows)
	}
	if code, _, errOut := run(t, "changes", "--index", dir, "--fail-on", "non-eea"); code != exitAlert {
		t.Errorf("--fail-on non-eea: exit %d, want %d (%s)", code, exitAlert, errOut)
	}
	if code, out, _ := run(t, "changes", "--index", dir, "--fail-on", "non-eea", "--since", "2999-01-01"); code != exitOK || !strings.Contains(out, "no changes") {
		t.Errorf("--fail-on with nothing since: exit %d, %s", code, out)
	}
	if code, out, _ := run(t, "changes", "--index", dir, "--supplier", "Toetsveld"); code != exitOK || !strings.Contains(out, "no changes") {
		t.Errorf("--supplier of another: %d %s", code, out)
	}
	if code, out, _ := run(t, "changes", "--index", dir, "--since", "1d", "--supplier", "leerlijn digitaal bv"); code != exitOK || !strings.Contains(out, "Postduif") {
		t.Errorf("--since 1d --supplier: %d %s", code, out)
	}
	code, out, _ = run(t, "changes", "--index", dir, "--line")
	if code != exitOK || strings.Count(out, "version(s)") != 1 || !strings.Contains(out, "3 version(s)") {
		t.Errorf("--line: %d, want one line of three versions:\n%s", code, out)
	}
	code, out, _ = run(t, "export", "--index", dir, "--format", "csv")
	if code != exitOK || !strings.Contains(out, "Laatste wijziging;Gewijzigd sinds") ||
		!strings.Contains(out, `: subprocessor_added Postduif Mail Inc. (buiten EER); retention_changed contract_end";2024-03-01`) {
		t.Errorf("export: %d, want the change columns:\n%s", code, out)
	}
	for _, args := range [][]string{{"--only", "all"}, {"--since", "yesterday"}, {"--fail-on", "us"}, {"--json", "--csv"}} {
		if code, _, _ := run(t, append([]string{"changes", "--index", dir}, args...)...); code != exitUsage {
			t.Errorf("changes %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
