package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/index"
)

// writeDrive writes files (relative path → content) under a new drive folder.
func writeDrive(t *testing.T, files map[string]string) string {
	t.Helper()
	drive := t.TempDir()
	for name, data := range files {
		p := filepath.Join(drive, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return drive
}

// syncJSON runs dpa sync --json and returns its summary.
func syncJSON(t *testing.T, wantCode int, args ...string) index.Summary {
	t.Helper()
	code, out, errOut := run(t, append([]string{"sync", "--json"}, args...)...)
	if code != wantCode {
		t.Fatalf("sync %q: exit %d, want %d\n%s%s", args, code, wantCode, out, errOut)
	}
	if strings.Contains(out, ":null") {
		t.Errorf("summary has a null where a list belongs: %s", out)
	}
	var s index.Summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("summary is not JSON: %v\n%s", err, out)
	}
	if s.Before+s.Added-s.Removed != s.Documents {
		t.Errorf("counts do not add up: %d + %d - %d != %d", s.Before, s.Added, s.Removed, s.Documents)
	}
	return s
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestSyncSkipsOutsideGenre checks that source code, data files and notes
// without the vocabulary of the genre are skipped with a reason, while
// privacy statements and sub-processor lists stay; --all keeps everything.
func TestSyncSkipsOutsideGenre(t *testing.T) {
	drive := writeDrive(t, map[string]string{
		"Wolkwijs/verwerkersovereenkomst.txt": fixture(t, "index/wolkwijs-verwerkersovereenkomst.txt"),
		"Wolkwijs/labels.json":                `{"kind": "verwerkersovereenkomst", "processor": {"name": "Wolkwijs B.V."}}`,
		"Wolkwijs/privacyverklaring.html":     "<html><body><h1>Privacyverklaring Wolkwijs</h1><p>Wij verwerken persoonsgegevens van leerlingen zorgvuldig.</p></body></html>",
		"Wolkwijs/subprocessors.txt":          "Sub-processors of Wolkwijs\n\nWe engage these sub-processors to process personal data:\nHemelhost Inc. (hosting, United States)\n",
		"README.txt":                          "Map met contracten\n\nHier zet de administratie de getekende stukken neer.\nVragen: bel de conciërge.\n",
		"tools/sync.go":                       "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tverwerker := \"privacy\"\n\tfmt.Println(verwerker)\n}\n",
	})
	dir := filepath.Join(t.TempDir(), "idx")
	sum := syncJSON(t, exitOK, "--index", dir, drive)
	skipped := map[string]string{}
	for _, s := range sum.Files.Skipped {
		rel, _ := filepath.Rel(drive, s.Path)
		skipped[rel] = s.Reason
	}
	want := map[string]string{
		"README.txt":           "not an agreement (no privacy or agreement vocabulary)",
		"Wolkwijs/labels.json": "not an agreement (JSON data)",
		"tools/sync.go":        "not an agreement (program source)",
	}
	if sum.Skipped != 3 || len(skipped) != 3 {
		t.Errorf("skipped %d: %q, want %q", sum.Skipped, skipped, want)
	}
	for p, r := range want {
		if skipped[p] != r {
			t.Errorf("%s: skipped %q, want %q", p, skipped[p], r)
		}
	}
	if sum.Documents != 3 {
		t.Errorf("%d documents, want 3 (agreement, privacy statement, sub-processor list)", sum.Documents)
	}
	code, out, _ := run(t, "search", "--index", dir, "kind:other")
	if code != exitOK || !strings.Contains(out, "privacyverklaring.html") || !strings.Contains(out, "subprocessors.txt") {
		t.Errorf("privacy statement and sub-processor list not kept as kind other:\n%s", out)
	}

	// The next run skips them again, without reading, and says so.
	code, out, _ = run(t, "sync", "--index", dir, drive)
	if code != exitOK || !strings.Contains(out, "skipped 3") || !strings.Contains(out, "README.txt: skipped: not an agreement") {
		t.Errorf("second sync: exit %d\n%s", code, out)
	}
	// --all keeps them.
	if sum := syncJSON(t, exitOK, "--all", "--index", dir, drive); sum.Skipped != 0 || sum.Added != 3 || sum.Documents != 6 {
		t.Errorf("sync --all: skipped %d, added %d, %d documents; want 0, 3, 6", sum.Skipped, sum.Added, sum.Documents)
	}
	code, _, errOut := run(t, "extract", filepath.Join(drive, "tools", "sync.go"))
	if code != exitOK || !strings.Contains(errOut, "sync.go: not an agreement (program source)") {
		t.Errorf("extract of source code: exit %d\n%s", code, errOut)
	}
}

// TestSyncCountsReconcile deletes one file and edits another: the summary
// says one document removed, one file changed, names both, the counts add
// up, and the edited file's document keeps its id.
func TestSyncCountsReconcile(t *testing.T) {
	wolkwijs := fixture(t, "index/wolkwijs-verwerkersovereenkomst.txt")
	drive := writeDrive(t, map[string]string{
		"a/wolkwijs.txt":   wolkwijs,
		"b/planbord.txt":   fixture(t, "agreements/planbord-verwerkersovereenkomst.txt"),
		"c/taalkompas.txt": fixture(t, "agreements/taalkompas-privacybijsluiter.txt"),
	})
	dir := filepath.Join(t.TempDir(), "idx")
	if sum := syncJSON(t, exitOK, "--index", dir, drive); sum.Added != 3 || len(sum.Files.Added) != 3 {
		t.Fatalf("first sync: %+v", sum)
	}
	idOf := func(name string) string {
		_, out, _ := run(t, "search", "--json", "--index", dir, "*")
		var res index.Results
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if strings.HasSuffix(h.Path, name) {
				return h.ID
			}
		}
		return ""
	}
	before := idOf("wolkwijs.txt")
	if err := os.Remove(filepath.Join(drive, "b", "planbord.txt")); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(wolkwijs, "24 uur", "48 uur", 1)
	if edited == wolkwijs {
		t.Fatal("fixture lacks the text to edit")
	}
	if err := os.WriteFile(filepath.Join(drive, "a", "wolkwijs.txt"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := syncJSON(t, exitOK, "--index", dir, drive)
	if sum.Before != 3 || sum.Added != 0 || sum.Removed != 1 || sum.Documents != 2 || sum.Changed != 1 || sum.Unchanged != 1 {
		t.Errorf("summary %+v, want before 3, added 0, removed 1, 2 documents, changed 1, unchanged 1", sum)
	}
	if len(sum.Files.Removed) != 1 || !strings.HasSuffix(sum.Files.Removed[0], "planbord.txt") ||
		len(sum.Files.Changed) != 1 || !strings.HasSuffix(sum.Files.Changed[0], "wolkwijs.txt") {
		t.Errorf("files: removed %q, changed %q", sum.Files.Removed, sum.Files.Changed)
	}
	if after := idOf("wolkwijs.txt"); after != before || after == "" {
		t.Errorf("edited file's document id %q, was %q", after, before)
	}
	code, out, _ := run(t, "search", "--index", dir, "breach:48")
	if code != exitOK || !strings.Contains(out, "wolkwijs.txt") {
		t.Errorf("edit not in the index:\n%s", out)
	}
}

// TestOneAgreementManyFiles puts one agreement on the drive three times, as
// text, as text with another spelling of the supplier's legal form, and as
// HTML, beside another agreement: search, facets and exports count two
// agreements, and the first lists all three files.
func TestOneAgreementManyFiles(t *testing.T) {
	wolkwijs := fixture(t, "index/wolkwijs-verwerkersovereenkomst.txt")
	var html strings.Builder
	html.WriteString("<html><body>\n")
	for _, line := range strings.Split(wolkwijs, "\n") {
		html.WriteString("<p>" + line + "</p>\n")
	}
	html.WriteString("</body></html>\n")
	drive := writeDrive(t, map[string]string{
		"txt/wolkwijs.txt":      wolkwijs,
		"kopie/wolkwijs bv.txt": strings.Replace(wolkwijs, "Leerplatform B.V.", "Leerplatform BV", -1),
		"web/wolkwijs.html":     html.String(),
		"planbord.txt":          fixture(t, "agreements/planbord-verwerkersovereenkomst.txt"),
	})
	dir := filepath.Join(t.TempDir(), "idx")
	syncJSON(t, exitOK, "--index", dir, drive)

	code, out, errOut := run(t, "search", "--json", "--index", dir, "*")
	if code != exitOK {
		t.Fatalf("search: exit %d\n%s", code, errOut)
	}
	var res struct {
		Total int
		Hits  []struct {
			Path     string
			Paths    []string
			Supplier string
		}
		Facets []struct {
			Field string
			Terms []struct {
				Term  string
				Count int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || len(res.Hits) != 2 {
		t.Fatalf("%d agreements (%d hits), want 2:\n%s", res.Total, len(res.Hits), out)
	}
	var files []string
	for _, h := range res.Hits {
		if strings.Contains(h.Path, "wolkwijs") {
			files = h.Paths
		}
	}
	if len(files) != 3 || !strings.HasSuffix(files[0], "wolkwijs.html") {
		t.Errorf("Wolkwijs agreement lists %q, want its three files, the HTML one first", files)
	}
	for _, f := range res.Facets {
		if f.Field != "supplier" {
			continue
		}
		for _, term := range f.Terms {
			if strings.HasPrefix(term.Term, "Wolkwijs") && (term.Term != "Wolkwijs Leerplatform B.V." || term.Count != 1) {
				t.Errorf("supplier facet %q counts %d, want Wolkwijs Leerplatform B.V. once", term.Term, term.Count)
			}
		}
	}
	code, out, _ = run(t, "export", "--index", dir, "--format", "jsonl", "supplier:wolkwijs")
	if n := strings.Count(out, "\n"); code != exitOK || n != 1 {
		t.Errorf("export: exit %d, %d records, want 1", code, n)
	}

	// Without the HTML file the text files are the agreement.
	if err := os.Remove(filepath.Join(drive, "web", "wolkwijs.html")); err != nil {
		t.Fatal(err)
	}
	syncJSON(t, exitOK, "--index", dir, drive)
	if code, out, _ := run(t, "search", "--index", dir, "supplier:wolkwijs"); code != exitOK || !strings.Contains(out, "1 documents match") {
		t.Errorf("after removing the HTML file: exit %d\n%s", code, out)
	}
}

// TestExportToFile checks -o and that a workbook never goes to a terminal.
func TestExportToFile(t *testing.T) {
	drive := writeDrive(t, map[string]string{"wolkwijs.txt": fixture(t, "index/wolkwijs-verwerkersovereenkomst.txt")})
	dir := filepath.Join(t.TempDir(), "idx")
	syncJSON(t, exitOK, "--index", dir, drive)

	terminal := isTerminal
	defer func() { isTerminal = terminal }()
	isTerminal = func(io.Writer) bool { return true }
	code, out, errOut := run(t, "export", "--index", dir, "--format", "xlsx")
	if code != exitUsage || out != "" || !strings.Contains(errOut, "would garble the terminal: write it with -o dpa-export.xlsx") {
		t.Errorf("xlsx to a terminal: exit %d, %d bytes out\n%s", code, len(out), errOut)
	}
	xlsx := filepath.Join(t.TempDir(), "overzicht.xlsx")
	code, out, errOut = run(t, "export", "--index", dir, "outside_eea:true", "--format", "xlsx", "-o", xlsx)
	data, err := os.ReadFile(xlsx)
	if code != exitOK || out != "" || err != nil || !strings.HasPrefix(string(data), "PK") {
		t.Errorf("export -o: exit %d, stdout %q, file %d bytes (%v)\n%s", code, out, len(data), err, errOut)
	}
	// Text formats still go to a terminal.
	if code, out, _ := run(t, "export", "--index", dir, "--format", "jsonl"); code != exitOK || !strings.Contains(out, "wolkwijs") {
		t.Errorf("jsonl to a terminal: exit %d\n%s", code, out)
	}
}

// TestInterrupted checks that a run stopped by Ctrl-C says so in one line
// and exits 130, whatever it was doing.
func TestInterrupted(t *testing.T) {
	drive := writeDrive(t, map[string]string{
		"a.txt": fixture(t, "index/wolkwijs-verwerkersovereenkomst.txt"),
		"b.txt": fixture(t, "agreements/planbord-verwerkersovereenkomst.txt"),
		"c.txt": fixture(t, "agreements/taalkompas-privacybijsluiter.txt"),
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"extract", "--json", drive},
		{"sync", "--index", filepath.Join(t.TempDir(), "idx"), drive},
	} {
		var stdout, stderr bytes.Buffer
		code := (&Main{Stdout: &stdout, Stderr: &stderr}).Run(ctx, args)
		if code != exitInterrupted || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("%s: exit %d, want %d; stderr:\n%s", args[0], code, exitInterrupted, stderr.String())
		}
	}
}

// TestProgressToLog checks that a run whose stderr is no terminal logs its
// progress, files and pages, without -v.
func TestProgressToLog(t *testing.T) {
	drive := writeDrive(t, map[string]string{
		"a.txt": fixture(t, "index/wolkwijs-verwerkersovereenkomst.txt"),
		"b.txt": fixture(t, "agreements/planbord-verwerkersovereenkomst.txt"),
		"c.txt": fixture(t, "agreements/taalkompas-privacybijsluiter.txt"),
	})
	every := progressEvery
	defer func() { progressEvery = every }()
	progressEvery = 2
	code, _, errOut := run(t, "sync", "--log-format", "json", "--index", filepath.Join(t.TempDir(), "idx"), drive)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(errOut), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(l), &entry); err != nil {
			t.Fatalf("not a JSON log line: %q", l)
		}
		lines = append(lines, entry)
	}
	if len(lines) != 1 || lines[0]["msg"] != "progress" || lines[0]["files"] != 2.0 || lines[0]["of"] != 3.0 || lines[0]["pages"].(float64) < 2 {
		t.Errorf("progress lines %v, want one at 2 of 3 files, with their pages", lines)
	}
}
