package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// mergeShards extracts drive in n shards with their text, and indexes the
// records into ixDir with dpa index --records --root drive; it returns the
// summary dpa index printed.
func mergeShards(t *testing.T, drive, ixDir string, n int) string {
	t.Helper()
	args := []string{"index", "--index", ixDir, "--json", "--records", "--root", drive}
	for i := range n {
		file := filepath.Join(filepath.Dir(ixDir), fmt.Sprintf("shard-%d-of-%d.jsonl", i, n))
		code, _, stderr := run(t, "extract", "--shard", fmt.Sprintf("%d/%d", i, n), "--text", "--ocr=off", "-o", file, drive)
		if code != exitOK && code != exitFailed {
			t.Fatalf("extract shard %d/%d: exit %d: %s", i, n, code, stderr)
		}
		args = append(args, file)
	}
	code, out, stderr := run(t, args...)
	if code != exitOK {
		t.Fatalf("index --records: exit %d: %s", code, stderr)
	}
	return out
}

// answers returns what an index answers: the JSON of each query's search
// (without the time it took), the JSON Lines export, and the agreement
// lines with their versions (without the times they were first seen).
func answers(t *testing.T, ixDir string, queries []string) map[string]interface{} {
	t.Helper()
	out := map[string]interface{}{}
	for _, q := range queries {
		code, stdout, stderr := run(t, "search", "--index", ixDir, "--json", "--record", "--limit", "100", q)
		if code != exitOK {
			t.Fatalf("search %q: exit %d: %s", q, code, stderr)
		}
		var res map[string]interface{}
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatal(err)
		}
		delete(res, "took_ns")
		out["search "+q] = res
	}
	_, jsonl, _ := run(t, "export", "--index", ixDir, "--format", "jsonl")
	out["export"] = jsonl
	_, lines, _ := run(t, "changes", "--index", ixDir, "--line")
	out["lines"] = regexp.MustCompile(`first seen [0-9-]+ [0-9:]+`).ReplaceAllString(lines, "first seen …")
	return out
}

// sameAnswers reports every answer in which two indexes differ.
func sameAnswers(t *testing.T, step string, direct, merged map[string]interface{}) {
	t.Helper()
	for k, v := range direct {
		if !reflect.DeepEqual(v, merged[k]) {
			t.Errorf("%s: %s differs between the direct and the merged index:\ndirect %.600v\nmerged %.600v", step, k, v, merged[k])
		}
	}
}

// TestIndexRecordsMatchesDirect builds one index directly from a drive and
// one from the records of three shards of it (extract --shard --text, then
// index --records), and checks that they answer the same: searches (words,
// fields, ranges), the export and the agreement lines with their history.
// An officer corrects a value in both (dpa correct). Then a file changes
// and one is deleted: a sync of the first and a merge of new shards into
// the second see the same change, version and removal, and show the
// corrections alike (the overview export).
func TestIndexRecordsMatchesDirect(t *testing.T) {
	drive := shardFixture(t)
	work := t.TempDir()
	direct, merged := filepath.Join(work, "direct", "ix"), filepath.Join(work, "merged", "ix")
	for _, d := range []string{direct, merged} {
		os.MkdirAll(filepath.Dir(d), 0o755)
	}
	queries := []string{"*", "leerlingen", "\"persoonsgegevens verwerken\"", "supplier:rekenwerf", "country:US", "outside_eea:true",
		"retention<=P1Y", "biv.confidentiality>=2", "model:4.0", "kind:privacybijsluiter NOT country:US", "path:kopie"}
	if code, _, stderr := run(t, "index", "--index", direct, "--ocr=off", drive); code != exitFailed {
		t.Fatalf("index: exit %d (want 1: binary.txt fails): %s", code, stderr)
	}
	mergeShards(t, drive, merged, 3)
	sameAnswers(t, "first build", answers(t, direct, queries), answers(t, merged, queries))
	// An officer's correction, on a file that stays and on one that changes.
	for _, ix := range []string{direct, merged} {
		for _, name := range []string{"rekenwerf-bewerkersovereenkomst.txt", "grasspriet-dpa.txt"} {
			code, _, stderr := run(t, "correct", "--index", ix, "--file", filepath.Join(drive, name), "--field", "processor.kvk", "--value", "12345678", "--who", "test")
			if code != exitOK {
				t.Fatalf("correct %s: exit %d: %s", name, code, stderr)
			}
		}
	}

	// A new version of one agreement and a deleted file.
	file := filepath.Join(drive, "grasspriet-dpa.txt")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(data, []byte("\nDeze versie vervangt de vorige; de hoofdtekst blijft gelijk.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(drive, "notenbalk-privacybijsluiter.txt")); err != nil {
		t.Fatal(err)
	}
	run(t, "index", "--index", direct, "--ocr=off", drive)
	sum := mergeShards(t, drive, merged, 3)
	var s struct {
		Added, Removed, Changed, Unchanged int
	}
	if err := json.Unmarshal([]byte(sum), &s); err != nil {
		t.Fatalf("summary: %v: %s", err, sum)
	}
	if s.Changed != 1 || s.Removed != 1 || s.Unchanged < 25 {
		t.Errorf("second merge: %+v, want 1 changed, 1 removed, the rest unchanged", s)
	}
	sameAnswers(t, "after a change", answers(t, direct, queries), answers(t, merged, queries))
	_, overviewDirect, _ := run(t, "export", "--index", direct, "--format", "overview")
	_, overviewMerged, _ := run(t, "export", "--index", merged, "--format", "overview")
	if overviewDirect != overviewMerged || !strings.Contains(overviewMerged, "12345678") {
		t.Errorf("the overview with corrections differs:\ndirect %.1000s\nmerged %.1000s", overviewDirect, overviewMerged)
	}
	_, lines, _ := run(t, "changes", "--index", merged, "--line", "--supplier", "grasspriet")
	if !strings.Contains(lines, "2 version(s)") {
		t.Errorf("the merged index lost the history of the changed agreement:\n%s", lines)
	}
}

// TestIndexRecordsBadInput checks that records that are no records fail
// naming file and line, and write nothing; and the usage errors.
func TestIndexRecordsBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"source\":{\"path\":\"/a.txt\",\"sha256\":\""+strings.Repeat("a", 64)+"\"},\"extractor_version\":\"1\"}\n\n{\"kind\":\"other\"}\n"), 0o644)
	ixDir := filepath.Join(dir, "ix")
	code, _, stderr := run(t, "index", "--index", ixDir, "--records", bad)
	if code != exitFailed || !strings.Contains(stderr, "bad.jsonl:3: not a dpa record") {
		t.Errorf("a line without a source: exit %d, %q", code, stderr)
	}
	os.WriteFile(bad, []byte("{\"source\": \n"), 0o644)
	if code, _, stderr := run(t, "index", "--index", ixDir, "--records", bad); code != exitFailed || !strings.Contains(stderr, "bad.jsonl:1: not a JSON record") {
		t.Errorf("broken JSON: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "index", "--index", ixDir, "--root", dir, dir); code != exitUsage || !strings.Contains(stderr, "--root is for --records") {
		t.Errorf("--root without --records: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "extract", "--text", dir); code != exitUsage || !strings.Contains(stderr, "--json") {
		t.Errorf("--text without --json: exit %d, %q", code, stderr)
	}
}
