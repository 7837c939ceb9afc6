package normalize

import (
	"bytes"
	"os"
	"testing"
)

// generated holds the generated file name to want, the source its
// generator writes now: with update it rewrites the file and reports true
// (the caller's test has nothing more to check); otherwise it fails the
// test with stale (what is wrong and how to fix it) when the file differs.
func generated(t *testing.T, name string, want []byte, update bool, stale string) bool {
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
