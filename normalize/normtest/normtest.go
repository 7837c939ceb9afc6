// Package normtest holds what the tests of normalize and of the packages
// built on it (extract) share: checking a file that go generate writes,
// and reading the testdata texts that a shortcut is held to its rule on.
package normtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Generated holds the generated file name to want, the source its
// generator writes now: with update it rewrites the file and reports true
// (the caller's test has nothing more to check); otherwise it fails the
// test with stale (what is wrong and how to fix it) when the file differs.
func Generated(t testing.TB, name string, want []byte, update bool, stale string) bool {
	t.Helper()
	if update {
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return true
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error(stale)
	}
	return false
}

// Texts returns every line and every paragraph (text between blank lines)
// of the files matching globs, and fails the test when they are fewer
// than 100: a comparison over them would then try next to nothing.
func Texts(t testing.TB, globs ...string) []string {
	t.Helper()
	var texts []string
	for _, glob := range globs {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, strings.Split(string(b), "\n")...)
			texts = append(texts, strings.Split(string(b), "\n\n")...)
		}
	}
	if len(texts) < 100 {
		t.Fatalf("only %d texts in %v", len(texts), globs)
	}
	return texts
}
