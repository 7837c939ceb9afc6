package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestK8sExample runs the dpa command lines of the Kubernetes example
// (testdata/examples/k8s-indexed-job.yaml) on a fixture drive, as the pods
// would: the extract line once per completion index with the manifest's
// SHARDS, then the merge line over the records; no cluster is needed. The
// merged index must answer as one built directly from the drive.
func TestK8sExample(t *testing.T) {
	data, err := os.ReadFile("../../testdata/examples/k8s-indexed-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	manifest := string(data)
	var commands []string
	for _, m := range regexp.MustCompile(`(?m)^\s*- (dpa .*)$`).FindAllStringSubmatch(manifest, -1) {
		commands = append(commands, m[1])
	}
	if len(commands) != 2 || !strings.HasPrefix(commands[0], "dpa extract ") || !strings.HasPrefix(commands[1], "dpa index ") {
		t.Fatalf("want an extract and an index command line in the manifest, got %q", commands)
	}
	completions := regexp.MustCompile(`(?m)^\s*completions: (\d+)$`).FindStringSubmatch(manifest)
	shards := regexp.MustCompile(`(?m)- name: SHARDS\s+value: "(\d+)"`).FindStringSubmatch(manifest)
	if completions == nil || shards == nil || completions[1] != shards[1] {
		t.Fatalf("completions %v and SHARDS %v must be the same number", completions, shards)
	}
	n, _ := strconv.Atoi(shards[1])

	drive := shardFixture(t)
	work := t.TempDir()
	for _, d := range []string{"records", "index"} {
		os.MkdirAll(filepath.Join(work, d), 0o755)
	}
	// The pod's mounts, and the environment Kubernetes sets.
	mounts := strings.NewReplacer("/drive", drive, "/records", filepath.Join(work, "records"), "/index", filepath.Join(work, "index"))
	runLine := func(line string, env map[string]string) (int, string) {
		line = os.Expand(line, func(k string) string { return env[k] })
		args := shellWords(t, mounts.Replace(line))
		code, _, stderr := run(t, append(args[1:], "--ocr=off")...)
		return code, stderr
	}
	for i := range n {
		if code, stderr := runLine(commands[0], map[string]string{"JOB_COMPLETION_INDEX": strconv.Itoa(i), "SHARDS": shards[1]}); code != exitOK && code != exitFailed {
			t.Fatalf("pod %d: exit %d: %s", i, code, stderr)
		}
	}
	files, _ := filepath.Glob(filepath.Join(work, "records", "shard-*.jsonl"))
	if len(files) != n {
		t.Fatalf("%d shard files, want %d", len(files), n)
	}
	// The merge line takes no --ocr: run it as it stands.
	line := mounts.Replace(commands[1])
	code, _, stderr := run(t, shellWords(t, line)[1:]...)
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	direct := filepath.Join(t.TempDir(), "ix")
	run(t, "index", "--index", direct, "--ocr=off", drive)
	queries := []string{"*", "leerlingen", "country:US", "path:kopie"}
	sameAnswers(t, "k8s example", answers(t, direct, queries), answers(t, filepath.Join(work, "index", "dpa"), queries))
}
