package normtest

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that notes whether the test was failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Error(...any)          { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestGenerated(t *testing.T) {
	name := filepath.Join(t.TempDir(), "table.go")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		want        string
		update      bool
		fail, wrote bool
	}{
		{"new", false, true, false},  // stale
		{"new", true, false, true},   // rewritten
		{"new", false, false, false}, // now up to date
	}
	for i, c := range cases {
		r := &recorder{TB: t}
		wrote := Generated(r, name, []byte(c.want), c.update, "stale")
		if r.failed != c.fail || wrote != c.wrote {
			t.Errorf("case %d: failed %v, wrote %v; want %v, %v", i, r.failed, wrote, c.fail, c.wrote)
		}
	}
}

func TestTexts(t *testing.T) {
	dir := t.TempDir()
	text := ""
	for range 120 {
		text += "een regel\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text+"\nalinea\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := Texts(t, filepath.Join(dir, "*.txt"))
	if len(got) != 123+2 { // 120 lines, a blank one, "alinea", an empty last one; two paragraphs
		t.Errorf("%d texts, want 125", len(got))
	}
	r := &recorder{TB: t}
	Texts(r, filepath.Join(dir, "*.none"))
	if !r.failed {
		t.Error("no texts: the test was not failed")
	}
}
