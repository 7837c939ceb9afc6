package extract

import (
	"bytes"
	"os"
	"testing"
)

// generated holds the generated file name to want, the source its
// generator writes now: with update it rewrites the file and reports true
// (the caller's test has nothing more to check); otherwise it fails the
// test when the file is stale, naming the command that rewrites it (how).
func generated(t *testing.T, name string, want []byte, update bool, how string) bool {
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
		t.Errorf("%s is stale: run go generate ./extract (%s)", name, how)
	}
	return false
}
