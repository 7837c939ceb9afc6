// Package modfile finds test files that a Go module dependency ships in
// its own repository (real files made by the programs a format comes
// from, such as the Outlook message and Word documents of
// github.com/richardlehane/mscfb's test folder), so that tests can read
// them where the module cache holds them instead of copying them.
package modfile

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Path returns the path of file in the folder of module (as go.mod
// requires it), or skips the test when the module's files are not at
// hand (no go command, or the module not downloaded).
func Path(t testing.TB, module, file string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module).Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("skipping: the files of module %s are not at hand (%v)", module, err)
	}
	return filepath.Join(dir, file)
}
