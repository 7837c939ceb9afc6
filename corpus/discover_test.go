package corpus

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b/overeenkomst.txt":           "A",
		"a/Kopie van overeenkomst.txt": "A",
		"a/sub/diep.html":              "<p>B</p>",
		"a/leeg1.txt":                  "",
		"a/leeg2.txt":                  "",
		"a/.verborgen.txt":             "C",
		".git/config":                  "C",
		"a/~$overeenkomst.docx":        "C",
		"a/~WRL0001.tmp":               "C",
		"a/concept.docx.tmp":           "C",
		"a/backup.txt~":                "C",
		"a/download.pdf.crdownload":    "C",
		"a/Thumbs.db":                  "C",
		"__MACOSX/a.txt":               "C",
		"c met spatie & ë/x.txt":       "D",
		// dpa indexes on the drive, whatever their names: never input.
		"Archief/mijn-index/" + IndexMarker:     "dpa index",
		"Archief/mijn-index/bleve/store/00.zap": "C",
		"Archief/mijn-index/notes.txt":          "C",
		"oud.index/bleve/index_meta.json":       `{"storage":"scorch"}`,
		"oud.index/lock":                        "",
	}
	for name, data := range files {
		writeFile(t, dir, name, []byte(data))
	}
	if err := os.Symlink(filepath.Join(dir, "a", "sub", "diep.html"), filepath.Join(dir, "link.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "bestaat-niet.pdf")
	// The folder twice and one of its files again: each path counts once.
	got, errs := Discover([]string{dir, filepath.Join(dir, "b", "overeenkomst.txt"), missing, dir + "/"})
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), missing+": could not be read: ") {
		t.Errorf("errors = %v, want one for %s", errs, missing)
	}
	rel := func(p string) string { r, _ := filepath.Rel(dir, p); return r }
	var paths [][]string
	for _, f := range got {
		var ps []string
		for _, p := range f.Paths {
			ps = append(ps, rel(p))
		}
		paths = append(paths, ps)
		if f.Path != f.Paths[0] {
			t.Errorf("Path %s is not the first of Paths %v", f.Path, f.Paths)
		}
		if len(f.SHA256) != 64 {
			t.Errorf("%s: SHA256 %q", f.Path, f.SHA256)
		}
	}
	want := [][]string{
		{"a/Kopie van overeenkomst.txt", "b/overeenkomst.txt"},
		{"a/leeg1.txt"},
		{"a/leeg2.txt"},
		{"a/sub/diep.html", "link.html"},
		{"c met spatie & ë/x.txt"},
	}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("Discover =\n%q\nwant\n%q", paths, want)
	}
}

func TestDiscoverIndexRoot(t *testing.T) {
	// An index named on the command line is an error, not input.
	dir := t.TempDir()
	writeFile(t, dir, IndexMarker, []byte("dpa index"))
	writeFile(t, dir, "bleve/store/root.bolt", []byte("x"))
	got, errs := Discover([]string{dir})
	if len(got) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "a dpa index, not a folder of agreements") {
		t.Errorf("Discover = %+v, %v; want one error naming the index", got, errs)
	}
}

func TestDiscoverNamedFile(t *testing.T) {
	// A file named on the command line is read even if its name would be
	// skipped in a folder.
	dir := t.TempDir()
	p := writeFile(t, dir, ".verborgen.txt", []byte("x"))
	got, errs := Discover([]string{p})
	if len(errs) != 0 || len(got) != 1 || got[0].Path != p || got[0].Size != 1 {
		t.Errorf("Discover = %+v, %v", got, errs)
	}
}

func TestSkipName(t *testing.T) {
	tests := []struct {
		name string
		skip bool
	}{
		{".DS_Store", true}, {"~$rkersovereenkomst.docx", true}, {"~WRL2345.tmp", true},
		{"x.TMP", true}, {"x.docx~", true}, {"desktop.ini", true}, {"a.pdf.part", true},
		{"overeenkomst.pdf", false}, {"Kopie van overeenkomst (1).pdf", false}, {"~overeenkomst.pdf", false},
	}
	for _, tc := range tests {
		if got := SkipName(tc.name); got != tc.skip {
			t.Errorf("SkipName(%q) = %v, want %v", tc.name, got, tc.skip)
		}
	}
}
