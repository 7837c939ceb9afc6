package index

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// packsOf returns the packs of the published generation of ix, and its folder.
func packsOf(t *testing.T, ix *Index) ([]string, string) {
	t.Helper()
	gen, err := currentGen(ix.dir)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(ix.genPath(gen), historyDir)
	packs, err := listPacks(dir)
	if err != nil {
		t.Fatal(err)
	}
	return packs, dir
}

// TestHistoryPacks checks that the records of the versions lie in packs,
// one written by each commit that read files, hard-linked (not copied)
// into the next generation, and none in the bleve index; and that a
// damaged record is an error that names the version and its pack.
func TestHistoryPacks(t *testing.T) {
	drive := t.TempDir()
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	writeFiles(t, drive, map[string]string{"lesrijk.txt": lesrijkV1, "toetsveld.txt": toetsveld})
	update(t, ix, UpdateOptions{}, drive)
	first, firstDir := packsOf(t, ix)
	if len(first) != 1 {
		t.Fatalf("after the first update: packs %v, want 1", first)
	}
	a, err := os.Stat(filepath.Join(firstDir, first[0])) // its inode outlives the generation
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, drive, map[string]string{"lesrijk.txt": lesrijkV2})
	update(t, ix, UpdateOptions{}, drive)
	update(t, ix, UpdateOptions{}, drive) // nothing read: no pack
	packs, dir := packsOf(t, ix)
	if len(packs) != 2 || packs[0] != first[0] {
		t.Fatalf("after a change: packs %v, want %s and one more", packs, first[0])
	}
	b, err := os.Stat(filepath.Join(dir, first[0]))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(a, b) {
		t.Error("the next generation copied the pack instead of linking it")
	}
	versions, err := ix.History()
	if err != nil || len(versions) != 3 {
		t.Fatalf("History: %d versions, %v; want 3", len(versions), err)
	}
	err = ix.view(func(bi bleve.Index) error {
		for _, v := range versions {
			if data, err := bi.GetInternal(historyRecordKey(v.SHA256)); err != nil || len(data) > 0 {
				t.Errorf("version %s: record in the bleve index (%d bytes, %v)", v.SHA256[:8], len(data), err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range versions {
		rec, err := ix.VersionRecord(v.SHA256)
		if err != nil || rec.Source.SHA256 != v.SHA256 {
			t.Errorf("VersionRecord(%s): %v", v.SHA256[:8], err)
		}
	}
	if _, cs, err := ix.Changes(nil); err != nil || len(cs) != 3 {
		t.Errorf("Changes: %v, %v; want 3", changeKeys(cs), err)
	}

	// a flipped byte in the pack of the newest version
	last := filepath.Join(dir, packs[1])
	data, err := os.ReadFile(last)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	os.Remove(last) // a link: write a new file, the older generation keeps its own
	if err := os.WriteFile(last, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ix.VersionRecord(sha256Of(lesrijkV2))
	if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), packs[1]) {
		t.Errorf("a damaged record: %v; want an error naming the pack and the damage", err)
	}
	os.Remove(last)
	if _, err = ix.VersionRecord(sha256Of(lesrijkV2)); err == nil || !strings.Contains(err.Error(), packs[1]) {
		t.Errorf("a missing pack: %v; want an error naming it", err)
	}
}

// TestHistoryPacksCompact checks that once a generation holds more than
// maxPacks packs, a commit gathers the live records into its own pack and
// the others leave its generation, with every record still the same.
func TestHistoryPacksCompact(t *testing.T) {
	defer func(n int) { maxPacks = n }(maxPacks)
	maxPacks = 2
	drive := t.TempDir()
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	contents := []string{lesrijkV1, lesrijkV2, lesrijkV1Copy, toetsveld, lesrijkV1 + "\n", lesrijkV2 + "\n"}
	var most int
	for _, c := range contents {
		writeFiles(t, drive, map[string]string{"lesrijk.txt": c})
		update(t, ix, UpdateOptions{}, drive)
		packs, _ := packsOf(t, ix)
		most = max(most, len(packs))
	}
	if most > maxPacks+1 {
		t.Errorf("up to %d packs, want at most %d", most, maxPacks+1)
	}
	versions, err := ix.History()
	if err != nil || len(versions) != len(contents) {
		t.Fatalf("History: %d versions, %v; want %d", len(versions), err, len(contents))
	}
	for _, v := range versions {
		rec, err := ix.VersionRecord(v.SHA256)
		if err != nil || rec.Source.SHA256 != v.SHA256 {
			t.Errorf("VersionRecord(%s): %+v, %v", v.SHA256[:8], rec, err)
		}
	}
}

// TestSchemaRebuildKeepsHistory checks that an index made with another
// mapping, its records kept as internal values as schema 11 kept them, is
// rebuilt with its whole history: the versions no file shows any more
// too, with their records.
func TestSchemaRebuildKeepsHistory(t *testing.T) {
	drive, dir := t.TempDir(), filepath.Join(t.TempDir(), "idx")
	ix := openWriter(t, dir)
	writeFiles(t, drive, map[string]string{"lesrijk.txt": lesrijkV1})
	update(t, ix, UpdateOptions{}, drive)
	writeFiles(t, drive, map[string]string{"lesrijk.txt": lesrijkV2})
	update(t, ix, UpdateOptions{}, drive)
	before, err := ix.History()
	if err != nil || len(before) != 2 {
		t.Fatalf("History: %d versions, %v", len(before), err)
	}
	_, changesBefore, err := ix.Changes(nil)
	if err != nil {
		t.Fatal(err)
	}
	// as schema 11 left it: another schema, the records in internal values
	err = ix.with(func(bi bleve.Index) error {
		h, _, err := loadHistory(bi)
		if err != nil {
			return err
		}
		r := newRecordReader(bi, h)
		defer r.close()
		b := bi.NewBatch()
		for sha := range h.Versions {
			data, err := r.stored(sha)
			if err != nil {
				return err
			}
			b.SetInternal(historyRecordKey(sha), data)
		}
		h.Records = nil
		data, err := json.Marshal(h)
		if err != nil {
			return err
		}
		b.SetInternal(keyHistory, data)
		b.SetInternal(keySchema, []byte("11"))
		return bi.Batch(b)
	})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()

	ix = openWriter(t, dir)
	if n, err := ix.Count(); err != nil || n != 0 {
		t.Errorf("rebuilt index: %d documents, %v; want none until the next update", n, err)
	}
	after, err := ix.History()
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Fatalf("history after the rebuild:\n%+v, %v\nwant\n%+v", after, err, before)
	}
	update(t, ix, UpdateOptions{}, drive)
	_, changesAfter, err := ix.Changes(nil)
	if err != nil || !reflect.DeepEqual(changeKeys(changesAfter), changeKeys(changesBefore)) {
		t.Errorf("changes after the rebuild: %v, %v; want %v", changeKeys(changesAfter), err, changeKeys(changesBefore))
	}
	if _, err := ix.VersionRecord(sha256Of(lesrijkV1)); err != nil {
		t.Errorf("the version no file shows: %v", err)
	}
	if _, err := ix.VersionRecord(strings.Repeat("0", 64)); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown version: %v, want ErrNotFound", err)
	}
}
