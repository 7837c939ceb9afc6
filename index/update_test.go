package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/dpa-nl/dpa/corpus"
)

func TestUpdateIncremental(t *testing.T) {
	drive := t.TempDir()
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	type doc struct {
		paths  []string // relative to drive
		failed bool
	}
	steps := []struct {
		name   string
		keep   bool
		write  map[string]string // "" removes
		rename [2]string
		keepID string         // a path whose document keeps its id
		want   Summary        // counts only
		docs   map[string]doc // supplier → document
	}{
		{name: "add", write: map[string]string{
			"a.txt":     "supplier: Alpha B.V.\n",
			"b.txt":     "supplier: Beta B.V.\n",
			"sub/c.txt": "supplier: Alpha B.V.\n",
		}, want: Summary{Added: 2, Documents: 2}, docs: map[string]doc{
			"Alpha B.V.": {paths: []string{"a.txt", "sub/c.txt"}},
			"Beta B.V.":  {paths: []string{"b.txt"}},
		}},
		{name: "unchanged", want: Summary{Before: 2, Unchanged: 3, Documents: 2}, docs: map[string]doc{
			"Alpha B.V.": {paths: []string{"a.txt", "sub/c.txt"}},
			"Beta B.V.":  {paths: []string{"b.txt"}},
		}},
		{name: "change", write: map[string]string{"b.txt": "supplier: Beta Twee B.V.\n"},
			keepID: "b.txt", want: Summary{Before: 2, Changed: 1, Unchanged: 2, Documents: 2}, docs: map[string]doc{
				"Alpha B.V.":     {paths: []string{"a.txt", "sub/c.txt"}},
				"Beta Twee B.V.": {paths: []string{"b.txt"}},
			}},
		{name: "move", rename: [2]string{"sub/c.txt", "sub/d.txt"},
			want: Summary{Before: 2, Moved: 1, Gone: 1, Unchanged: 2, Documents: 2}, docs: map[string]doc{
				"Alpha B.V.":     {paths: []string{"a.txt", "sub/d.txt"}},
				"Beta Twee B.V.": {paths: []string{"b.txt"}},
			}},
		{name: "delete", write: map[string]string{"a.txt": "", "sub/d.txt": ""},
			want: Summary{Before: 2, Removed: 1, Unchanged: 1, Documents: 1}, docs: map[string]doc{
				"Beta Twee B.V.": {paths: []string{"b.txt"}},
			}},
		{name: "add another", write: map[string]string{"e.txt": "supplier: Gamma B.V.\n"},
			want: Summary{Before: 1, Added: 1, Unchanged: 1, Documents: 2}, docs: map[string]doc{
				"Beta Twee B.V.": {paths: []string{"b.txt"}},
				"Gamma B.V.":     {paths: []string{"e.txt"}},
			}},
		{name: "fail after success", write: map[string]string{"e.txt": "FAIL: broken now\n"},
			want: Summary{Before: 2, Failed: 1, Unchanged: 1, Documents: 2}, docs: map[string]doc{
				"Beta Twee B.V.": {paths: []string{"b.txt"}},
				"Gamma B.V.":     {paths: []string{"e.txt"}, failed: true},
			}},
		{name: "failure not retried", want: Summary{Before: 2, Failed: 1, Unchanged: 1, Documents: 2}, docs: map[string]doc{
			"Beta Twee B.V.": {paths: []string{"b.txt"}},
			"Gamma B.V.":     {paths: []string{"e.txt"}, failed: true},
		}},
		{name: "fixed", write: map[string]string{"e.txt": "supplier: Delta B.V.\n"},
			keepID: "e.txt", want: Summary{Before: 2, Changed: 1, Unchanged: 1, Documents: 2}, docs: map[string]doc{
				"Beta Twee B.V.": {paths: []string{"b.txt"}},
				"Delta B.V.":     {paths: []string{"e.txt"}},
			}},
		{name: "new file that fails", write: map[string]string{"f.txt": "FAIL\n"},
			want: Summary{Before: 2, Failed: 1, Unchanged: 2, Documents: 2}, docs: map[string]doc{
				"Beta Twee B.V.": {paths: []string{"b.txt"}},
				"Delta B.V.":     {paths: []string{"e.txt"}},
			}},
		{name: "keep missing", keep: true, write: map[string]string{"b.txt": "", "f.txt": ""},
			want: Summary{Before: 2, Missing: 2, Unchanged: 1, Documents: 2}, docs: map[string]doc{
				"Beta Twee B.V.": {paths: []string{"b.txt"}},
				"Delta B.V.":     {paths: []string{"e.txt"}},
			}},
		{name: "missing dropped", want: Summary{Before: 2, Removed: 1, Unchanged: 1, Documents: 1}, docs: map[string]doc{
			"Delta B.V.": {paths: []string{"e.txt"}},
		}},
	}
	ids := map[string]string{} // path → document id after the last step
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			writeFiles(t, drive, st.write)
			if st.rename[0] != "" {
				if err := os.Rename(filepath.Join(drive, st.rename[0]), filepath.Join(drive, st.rename[1])); err != nil {
					t.Fatal(err)
				}
			}
			sum := update(t, ix, UpdateOptions{KeepMissing: st.keep}, drive)
			got := *sum
			got.Failures, got.RemovedPaths, got.Files = nil, nil, Files{}
			if !reflect.DeepEqual(got, st.want) {
				t.Errorf("summary = %+v, want %+v (failures %v)", got, st.want, sum.Failures)
			}
			if sum.Before+sum.Added-sum.Removed != sum.Documents {
				t.Errorf("counts do not add up: %d + %d - %d != %d", sum.Before, sum.Added, sum.Removed, sum.Documents)
			}
			f := sum.Files
			for _, c := range []struct {
				name  string
				n     int
				paths []string
			}{{"changed", sum.Changed, f.Changed}, {"moved", sum.Moved, f.Moved}, {"reread", sum.Reread, f.Reread},
				{"gone", sum.Gone, f.Gone}, {"missing", sum.Missing, f.Missing}} {
				if len(c.paths) != c.n {
					t.Errorf("%s %d, but %d files named: %q", c.name, c.n, len(c.paths), c.paths)
				}
			}
			if (sum.Added == 0) != (len(f.Added) == 0) || (sum.Removed == 0) != (len(f.Removed) == 0) {
				t.Errorf("added %d: %q; removed %d: %q", sum.Added, f.Added, sum.Removed, f.Removed)
			}
			if len(sum.Failures) != st.want.Failed {
				t.Errorf("failures = %v, want %d", sum.Failures, st.want.Failed)
			}
			res, err := ix.Search(context.Background(), "*", SearchOptions{Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			gotDocs := map[string]doc{}
			for _, h := range res.Hits {
				var rel []string
				for _, p := range h.Paths {
					r, _ := filepath.Rel(drive, p)
					rel = append(rel, filepath.ToSlash(r))
				}
				sort.Strings(rel)
				gotDocs[h.Supplier] = doc{paths: rel, failed: h.Error != ""}
				for _, p := range rel {
					if st.keepID == p && ids[p] != h.ID {
						t.Errorf("%s: document id %s, was %s: an edited file keeps its id", p, h.ID, ids[p])
					}
					ids[p] = h.ID
				}
			}
			if !reflect.DeepEqual(gotDocs, st.docs) {
				t.Errorf("documents = %+v, want %+v", gotDocs, st.docs)
			}
		})
	}
}

// TestUpdateOtherRoots checks that updating one folder leaves the
// documents of another folder in the same index alone.
func TestUpdateOtherRoots(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeFiles(t, a, map[string]string{"x.txt": "supplier: Een B.V.\n"})
	writeFiles(t, b, map[string]string{"y.txt": "supplier: Twee B.V.\n"})
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	update(t, ix, UpdateOptions{}, a)
	sum := update(t, ix, UpdateOptions{}, b)
	if sum.Removed != 0 || sum.Documents != 2 {
		t.Errorf("second folder: %+v, want nothing removed and 2 documents", sum)
	}
}

// TestUpdateMassRemoval checks that an update that would empty the index,
// or much of it, stops before writing anything, unless told to go on, and
// that ordinary deletions, moves and kept-missing files pass.
func TestUpdateMassRemoval(t *testing.T) {
	const n = 10
	tests := []struct {
		name    string
		opts    UpdateOptions
		change  func(t *testing.T, drive string)
		wantErr string // in the *MassRemovalError; "" for none
		removed int    // paths removed when the update goes on
	}{
		{name: "emptied folder", change: emptyDrive, wantErr: "the folder is empty"},
		{name: "emptied folder allowed", opts: UpdateOptions{AllowMassRemoval: true}, change: emptyDrive, removed: n},
		{name: "emptied folder kept missing", opts: UpdateOptions{KeepMissing: true}, change: emptyDrive},
		{name: "folder gone", change: func(t *testing.T, drive string) {
			if err := os.RemoveAll(drive); err != nil {
				t.Fatal(err)
			}
		}, wantErr: "no such file or directory (is the drive mounted?)"},
		{name: "a third deleted", change: deleteDocs(3), wantErr: "would remove 3 of the 10 documents indexed there (30 %), more than the 20 % allowed"},
		{name: "a fifth deleted", change: deleteDocs(2), removed: 2},
		{name: "a third deleted, half allowed", opts: UpdateOptions{MaxRemoval: 0.5}, change: deleteDocs(3), removed: 3},
		{name: "everything moved", change: func(t *testing.T, drive string) {
			if err := os.Rename(filepath.Join(drive, "lev00"), filepath.Join(drive, "archief")); err != nil {
				t.Fatal(err)
			}
			for i := 1; i < n; i++ {
				name := fmt.Sprintf("lev%02d", i)
				if err := os.Rename(filepath.Join(drive, name), filepath.Join(drive, "archief", name)); err != nil {
					t.Fatal(err)
				}
			}
		}, removed: n},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			drive := makeDrive(t, n)
			ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
			update(t, ix, UpdateOptions{}, drive)
			tc.change(t, drive)
			u, err := ix.Update(context.Background(), []string{drive}, tc.opts)
			var mass *MassRemovalError
			if tc.wantErr != "" {
				if !errors.As(err, &mass) || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasSuffix(err.Error(), "nothing was changed") {
					t.Fatalf("Update: %v, want a MassRemovalError saying %q", err, tc.wantErr)
				}
				if res, err := ix.Search(context.Background(), "*", SearchOptions{}); err != nil || res.Total != n {
					t.Errorf("after the refused update: %v, %d documents, want %d", err, res.Total, n)
				}
				return
			}
			if err != nil {
				t.Fatalf("Update: %v", err)
			}
			sum, err := u.Finish()
			if err != nil {
				t.Fatal(err)
			}
			// A moved document stays: its old paths are gone, not removed.
			if sum.Removed+sum.Gone != tc.removed || len(sum.RemovedPaths) != tc.removed || !sort.StringsAreSorted(sum.RemovedPaths) {
				t.Errorf("removed %d, gone %d: %q, want %d sorted paths", sum.Removed, sum.Gone, sum.RemovedPaths, tc.removed)
			}
		})
	}
}

// emptyDrive deletes everything under drive, leaving the folder itself
// (the mount point of a drive that is not mounted).
func emptyDrive(t *testing.T, drive string) {
	entries, err := os.ReadDir(drive)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(drive, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

// deleteDocs returns a change that deletes the first k documents of a makeDrive drive.
func deleteDocs(k int) func(t *testing.T, drive string) {
	return func(t *testing.T, drive string) {
		for i := 0; i < k; i++ {
			if err := os.Remove(filepath.Join(drive, fmt.Sprintf("lev%02d/doc%04d.txt", i%17, i))); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestRecordAndPages(t *testing.T) {
	drive := t.TempDir()
	writeFiles(t, drive, map[string]string{"x.txt": "supplier: Een B.V.\n\f\nsub: Wolk Inc. | US\n"})
	dir := filepath.Join(t.TempDir(), "idx")
	ix := openWriter(t, dir)
	update(t, ix, UpdateOptions{}, drive)
	ix.Close()
	ro, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	res, err := ro.Search(context.Background(), "supplier:een", SearchOptions{})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %+v", err, res)
	}
	id := res.Hits[0].ID
	rec, err := ro.Record(id)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := ro.PageTexts(id)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"supplier: Een B.V.\n", "sub: Wolk Inc. | US\n"}
	if !reflect.DeepEqual(pages, want) {
		t.Errorf("PageTexts = %q, want %q", pages, want)
	}
	text, err := ro.Text(id)
	if err != nil {
		t.Fatal(err)
	}
	for path, evs := range rec.Evidence {
		for _, ev := range evs {
			if text[ev.Start:ev.End] != ev.Quote {
				t.Errorf("%s: quote %q != text %q", path, ev.Quote, text[ev.Start:ev.End])
			}
			if pages[ev.Page-1] == "" {
				t.Errorf("%s: page %d empty", path, ev.Page)
			}
		}
	}
	p, err := ro.Path(id)
	if err != nil || p != filepath.Join(drive, "x.txt") {
		t.Errorf("Path = %q, %v", p, err)
	}
	if _, err := ro.Record("nope"); err == nil {
		t.Error("Record of an unknown id: no error")
	}
}

// TestUpdateUnchangedWritesNothing checks that a re-run over an unchanged
// drive commits no batch.
func TestUpdateUnchangedWritesNothing(t *testing.T) {
	drive := makeDrive(t, 20)
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	update(t, ix, UpdateOptions{}, drive)
	u, err := ix.Update(context.Background(), []string{drive}, UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Files()) != 0 || len(u.dirty) != 0 || u.changed {
		t.Errorf("unchanged drive: %d files to read, %d documents to rewrite, manifest changed %v", len(u.Files()), len(u.dirty), u.changed)
	}
}

// TestRebuildOnNewSchema checks that a reader refuses an index made with
// another mapping and a writer rebuilds it, reading every file again.
func TestRebuildOnNewSchema(t *testing.T) {
	drive := makeDrive(t, 3)
	dir := filepath.Join(t.TempDir(), "idx")
	w := openWriter(t, dir)
	update(t, w, UpdateOptions{}, drive)
	if err := w.with(func(bi bleve.Index) error { return bi.SetInternal(keySchema, []byte("0")) }); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrSchema) {
		t.Errorf("reader on an old index: %v, want ErrSchema", err)
	}
	w = openWriter(t, dir)
	if sum := update(t, w, UpdateOptions{}, drive); sum.Added != 3 || sum.Documents != 3 {
		t.Errorf("after rebuild: %+v, want 3 added", sum)
	}
}

// TestRereadOnNewExtractor checks that documents an older extractor read
// are read again, and count as re-read.
func TestRereadOnNewExtractor(t *testing.T) {
	drive := makeDrive(t, 4)
	w := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	update(t, w, UpdateOptions{}, drive)
	err := w.with(func(bi bleve.Index) error {
		m, err := loadManifest(bi)
		if err != nil {
			return err
		}
		for id := range m.Docs {
			m.Docs[id] = docEntry{Version: "0.0.0-old"}
		}
		b, _ := json.Marshal(m)
		return bi.SetInternal(keyManifest, b)
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum := update(t, w, UpdateOptions{}, drive); sum.Reread != 4 || sum.Unchanged != 0 {
		t.Errorf("after an extractor upgrade: %+v, want 4 re-read", sum)
	}
	if sum := update(t, w, UpdateOptions{}, drive); sum.Unchanged != 4 {
		t.Errorf("the run after: %+v, want 4 unchanged", sum)
	}
}

// TestTimeoutRetried checks that a file that timed out is read again on
// the next run, while one that failed for good is not.
func TestTimeoutRetried(t *testing.T) {
	drive := t.TempDir()
	w := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	tests := []struct {
		name  string
		err   error
		retry bool
	}{
		{"timeout", &corpus.FileError{Kind: corpus.Timeout, Err: context.DeadlineExceeded}, true},
		{"damaged", &corpus.FileError{Kind: corpus.Damaged}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			writeFiles(t, drive, map[string]string{"x.txt": "supplier: " + tc.name + "\n"})
			u, err := w.Update(context.Background(), []string{drive}, UpdateOptions{})
			if err != nil || len(u.Files()) != 1 {
				t.Fatalf("Update: %v, %d files to read, want 1", err, len(u.Files()))
			}
			u.Fail(u.Files()[0], tc.err)
			if _, err := u.Finish(); err != nil {
				t.Fatal(err)
			}
			u, err = w.Update(context.Background(), []string{drive}, UpdateOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(u.Files()) == 1; got != tc.retry {
				t.Errorf("read again: %v, want %v", got, tc.retry)
			}
			u.Finish()
		})
	}
}

// TestCommitDue checks that CommitDue writes what came in once the batch
// interval has passed, and not before, with no further Add.
func TestCommitDue(t *testing.T) {
	drive := makeDrive(t, 3)
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	u, err := ix.Update(context.Background(), []string{drive}, UpdateOptions{BatchInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	f := u.Files()[0]
	doc, rec, err := fakeRead(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Add(f, doc, rec); err != nil {
		t.Fatal(err)
	}
	visible := func() uint64 {
		res, err := ix.Search(context.Background(), "*", SearchOptions{FacetSize: -1})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if err := u.CommitDue(); err != nil || visible() != 0 {
		t.Fatalf("CommitDue within the interval: %v, %d documents visible, want 0", err, visible())
	}
	u.lastCommit = time.Now().Add(-2 * time.Hour)
	if err := u.CommitDue(); err != nil || visible() != 1 {
		t.Fatalf("CommitDue after the interval: %v, %d documents visible, want 1", err, visible())
	}
	if _, err := u.Finish(); err != nil {
		t.Fatal(err)
	}
}

// TestUpdateReportsUnreadable checks that a file that can no longer be
// read, though its size and time did not change (chmod 000), or that was
// replaced by a link to a device, is reported as failed with its last good
// version kept, not counted unchanged or silently removed.
func TestUpdateReportsUnreadable(t *testing.T) {
	if os.Getuid() == 0 {
		// root opens any file: judge by the permission bits instead.
		defer func(f func(string) error) { readable = f }(readable)
		readable = func(path string) error {
			if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o444 == 0 {
				return &os.PathError{Op: "open", Path: path, Err: os.ErrPermission}
			}
			return nil
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, path string)
		reason string
	}{
		{"permissions taken away", func(t *testing.T, path string) {
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, 0); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(path, 0o644) })
		}, "could not be read: permission denied"},
		{"replaced by a link to a device", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Skip(err)
			}
		}, "skipped: a link to a character device"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			drive := makeDrive(t, 6)
			ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
			update(t, ix, UpdateOptions{}, drive)
			path := filepath.Join(drive, "lev00", "doc0000.txt")
			tc.change(t, path)
			for run := 1; run <= 2; run++ {
				sum := update(t, ix, UpdateOptions{}, drive)
				if sum.Unchanged != 5 || sum.Removed != 0 || sum.Failed != 1 || len(sum.Failures) != 1 {
					t.Fatalf("run %d: %+v, want 5 unchanged, 1 failed, none removed", run, sum)
				}
				f := sum.Failures[0]
				if f.Path != path || !f.Kept || !strings.Contains(f.Reason, tc.reason) {
					t.Errorf("run %d: failure %+v, want %s kept, saying %q", run, f, path, tc.reason)
				}
				res, err := ix.Search(context.Background(), "supplier:\"Leverancier 0 B.V.\"", SearchOptions{})
				if err != nil || len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Error, tc.reason) {
					t.Errorf("run %d: the last good version is not shown marked: %v %+v", run, err, res)
				}
			}
		})
	}
}

// TestUpdateTooLargeNotHashed checks that a file over the reader's size
// limit is reported too large from its size alone, not hashed first.
func TestUpdateTooLargeNotHashed(t *testing.T) {
	drive := makeDrive(t, 2)
	big := filepath.Join(drive, "groot.pdf")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, corpus.DefaultMaxBytes+1); err != nil { // sparse
		t.Fatal(err)
	}
	defer func(f func(string) error) { readable = f }(readable)
	readable = func(path string) error {
		if path == big {
			t.Errorf("%s opened", path)
		}
		return nil
	}
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	sum := update(t, ix, UpdateOptions{}, drive)
	if sum.Added != 2 || len(sum.Failures) != 1 || sum.Failures[0].Reason != big+": too large: 536870913 bytes, limit 536870912" {
		t.Errorf("summary %+v, want 2 added and %s too large", sum, big)
	}
}

// TestUpdateNameNotUTF8 checks that a file whose name is not UTF-8 is
// unchanged on the next run (JSON text cannot hold its bytes as they are:
// it churned, moved and removed, every run) and keeps its exact path.
func TestUpdateNameNotUTF8(t *testing.T) {
	drive := t.TempDir()
	path := filepath.Join(drive, "caf\xe9 \xff.txt")
	if err := os.WriteFile(path, []byte("supplier: Koffie B.V.\n"), 0o644); err != nil {
		t.Skipf("this file system refuses names that are not UTF-8: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "idx")
	ix := openWriter(t, dir)
	if sum := update(t, ix, UpdateOptions{}, drive); sum.Added != 1 {
		t.Fatalf("first run: %+v", sum)
	}
	for run := 2; run <= 3; run++ {
		sum := update(t, ix, UpdateOptions{}, drive)
		if sum.Unchanged != 1 || sum.Moved != 0 || sum.Removed != 0 || sum.Failed != 0 {
			t.Errorf("run %d: %+v, want 1 unchanged and nothing else", run, sum)
		}
	}
	res, err := ix.Search(context.Background(), "*", SearchOptions{})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %+v", err, res)
	}
	if paths, err := ix.Paths(res.Hits[0].ID); err != nil || len(paths) != 1 || paths[0] != path {
		t.Errorf("Paths = %q, %v, want [%q]", paths, err, path)
	}
}
