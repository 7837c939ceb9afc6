//go:build unix

package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDiscoverReportsWhatItSkips checks that entries which are not files
// (a named pipe, a link to a device) are reported as skipped with the
// reason, and that a file over the size limit is refused before it is
// hashed.
func TestDiscoverReportsWhatItSkips(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "goed.txt"), []byte("verwerkersovereenkomst"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pijp.txt"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "nul.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/null", filepath.Join(dir, "leeg.pdf")); err != nil {
		t.Fatal(err)
	}
	// A sparse file one byte over the limit: hashing it would read 512 MB.
	big := filepath.Join(dir, "groot.pdf")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, DefaultMaxBytes+1); err != nil {
		t.Fatal(err)
	}
	files, errs := Discover([]string{dir})
	if len(files) != 1 || filepath.Base(files[0].Path) != "goed.txt" {
		t.Errorf("files = %v, want goed.txt only", files)
	}
	want := map[string]string{
		"groot.pdf": "groot.pdf: too large: 536870913 bytes, limit 536870912",
		"leeg.pdf":  "leeg.pdf: not a supported document: skipped: a link to a character device, not a document file",
		"nul.pdf":   "nul.pdf: not a supported document: skipped: a link to a character device, not a document file",
		"pijp.txt":  "pijp.txt: not a supported document: skipped: a named pipe (FIFO), not a document file",
	}
	got := map[string]string{}
	for _, err := range errs {
		got[filepath.Base(errPath(err))] = strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
	}
	for name, msg := range want {
		if got[name] != msg {
			t.Errorf("%s: error %q, want %q", name, got[name], msg)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("errors = %v, want %d", errs, len(want))
	}
	if _, errs := Discover([]string{filepath.Join(dir, "pijp.txt")}); len(errs) != 1 || !strings.Contains(errs[0].Error(), "skipped: a named pipe (FIFO)") {
		t.Errorf("a named pipe on the command line: %v", errs)
	}
}
