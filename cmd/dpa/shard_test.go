package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// shardFixture builds a drive from the bundled agreements and formats, with
// a byte-identical copy in a sub-folder (one document of two paths) and a
// file that fails to read.
func shardFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, glob := range []string{"../../testdata/agreements/*.txt", "../../testdata/formats/*.*"} {
		files, err := filepath.Glob(glob)
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no fixtures (%v)", glob, err)
		}
		for _, f := range files {
			copyFile(t, f, dir, filepath.Base(f))
		}
	}
	copyFile(t, "../../testdata/agreements/grasspriet-dpa.txt", dir, "kopie/grasspriet-dpa.txt")
	copyFile(t, "../../testdata/bad/binary.txt", dir, "binary.txt")
	return dir
}

// sortedLines returns the lines of out, sorted.
func sortedLines(out string) []string {
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if out == "" {
		lines = nil
	}
	slices.Sort(lines)
	return lines
}

// TestExtractShardUnion checks that the records of the N shards of a drive
// are, byte for byte after sorting the lines, the records of one run over
// all of it, for N = 1, 3 and 7; that every shard is written (-o) without
// the others; and that each failing file is reported by exactly one shard.
func TestExtractShardUnion(t *testing.T) {
	dir := shardFixture(t)
	code, single, stderr := run(t, "extract", "--json", "--ocr=off", dir)
	if code != exitFailed || strings.Count(stderr, "error:") != 1 {
		t.Fatalf("single run: exit %d, want %d with one error:\n%s", code, exitFailed, stderr)
	}
	// The records must not depend on the run (no time of reading in them).
	if _, again, _ := run(t, "extract", "--json", "--ocr=off", dir); again != single {
		t.Fatal("two runs over the same files print different records")
	}
	want := sortedLines(single)
	if len(want) < 30 || !strings.Contains(single, "kopie/grasspriet-dpa.txt") {
		t.Fatalf("single run: %d records, want the fixtures and the copy's path", len(want))
	}
	out := t.TempDir()
	for _, n := range []int{1, 3, 7} {
		var union []string
		errors := 0
		for i := range n {
			file := filepath.Join(out, "shard.jsonl")
			code, stdout, stderr := run(t, "extract", "--shard", fmt.Sprintf("%d/%d", i, n), "--ocr=off", "-o", file, dir)
			if stdout != "" {
				t.Errorf("shard %d/%d with -o printed to stdout: %.100s", i, n, stdout)
			}
			errors += strings.Count(stderr, "error:")
			if code != exitOK && code != exitFailed {
				t.Fatalf("shard %d/%d: exit %d: %s", i, n, code, stderr)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if n > 1 && len(sortedLines(string(data))) == len(want) {
				t.Errorf("shard %d/%d has every record", i, n)
			}
			union = append(union, sortedLines(string(data))...)
		}
		slices.Sort(union)
		if !slices.Equal(union, want) {
			t.Errorf("N=%d: the union of the shards (%d records) differs from the single run (%d)", n, len(union), len(want))
		}
		if errors != 1 {
			t.Errorf("N=%d: the failing file was reported %d times, want once", n, errors)
		}
	}
}

// TestExtractShardUsage checks that a bad --shard is a usage error (exit 2)
// naming what is wrong, and that it needs no file to say so.
func TestExtractShardUsage(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{"3", "want I/N"},
		{"1/x", "whole numbers"},
		{"3/3", "from 0 to N-1"},
		{"-1/3", "from 0 to N-1"},
		{"0/0", "at least 1"},
	} {
		code, _, stderr := run(t, "extract", "--shard", tc.value, "../../testdata/agreements")
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("--shard %s: exit %d, stderr %q; want %d and %q", tc.value, code, stderr, exitUsage, tc.want)
		}
	}
	code, _, stderr := run(t, "extract", "--shard", "0/2", "--explain", "../../testdata/agreements")
	if code != exitUsage || !strings.Contains(stderr, "--explain") {
		t.Errorf("--shard with --explain: exit %d, %q", code, stderr)
	}
}

// TestShardOf checks the assignment on its own: the first 8 bytes of the
// hash modulo N, stable, and spread over the shards.
func TestShardOf(t *testing.T) {
	if got := shardOf("000000000000000a"+strings.Repeat("f", 48), 7); got != 3 {
		t.Errorf("shardOf(0x0a…) = %d, want 10 mod 7 = 3", got)
	}
	count := make([]int, 7)
	for i := range 700 {
		sum := sha256.Sum256([]byte(fmt.Sprint(i)))
		sha := hex.EncodeToString(sum[:])
		s := shardOf(sha, 7)
		if s < 0 || s >= 7 || s != shardOf(sha, 7) {
			t.Fatalf("shardOf(%s) = %d", sha, s)
		}
		count[s]++
	}
	for s, c := range count {
		if c < 50 {
			t.Errorf("shard %d of 7 got %d of 700 hashes, want about 100", s, c)
		}
	}
}
