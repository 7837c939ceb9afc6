// Package fuzzseed adds files of the shared test corpus to a fuzz target's
// seed corpus at run time, when the corpus is present: the files are read
// where they lie (DPA_CORPUS, as make sets it) and never copied into the
// project.
package fuzzseed

import (
	"os"
	"path/filepath"
	"testing"
)

// Add adds to f every file of the shared corpus that matches one of globs
// (relative to the corpus folder, such as "bad/*.pdf") and is at most max
// bytes: larger seeds slow every run that mutates them. It does nothing
// when DPA_CORPUS is unset or names no folder.
func Add(f *testing.F, max int64, globs ...string) {
	each(max, globs, func(data []byte) { f.Add(data) })
}

// AddString is Add for fuzz targets that take a string.
func AddString(f *testing.F, max int64, globs ...string) {
	each(max, globs, func(data []byte) { f.Add(string(data)) })
}

// each calls add with the content of every regular file of the shared
// corpus that matches one of globs and is at most max bytes.
func each(max int64, globs []string, add func([]byte)) {
	dir := os.Getenv("DPA_CORPUS")
	if dir == "" {
		return
	}
	for _, g := range globs {
		paths, _ := filepath.Glob(filepath.Join(dir, g))
		for _, p := range paths {
			if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() || fi.Size() > max {
				continue
			}
			if data, err := os.ReadFile(p); err == nil {
				add(data)
			}
		}
	}
}
