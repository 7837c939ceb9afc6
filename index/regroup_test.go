package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

// TestCopiesNotRewritten: when one more copy of an agreement arrives, the
// batch writes the new copy and the agreement's representative (which
// lists every file), not every copy again — a drive holding the same
// agreement in each school's folder cost the square of its copies. The
// search still finds one agreement listing all files.
func TestCopiesNotRewritten(t *testing.T) {
	const copies = 6
	dir, drive := t.TempDir(), t.TempDir()
	core, logs := observer.New(zap.InfoLevel)
	ix, err := Open(dir, Options{Logger: zap.New(core)})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	files := map[string]string{}
	for i := range copies {
		files[fmt.Sprintf("school%d/vo.txt", i)] = fmt.Sprintf("supplier: Gamma B.V.\nproduct: Rekenwolk\n\nExemplaar van school %d.\n", i)
	}
	writeFiles(t, drive, files)
	update(t, ix, UpdateOptions{}, drive)

	// The new copy's content is chosen so that it sorts after the
	// representative: the representative stays, the members stay as written.
	writeFiles(t, drive, map[string]string{"school9/vo.txt": "supplier: Gamma B.V.\nproduct: Rekenwolk\n\nExemplaar van school 9.\n"})
	logs.TakeAll()
	update(t, ix, UpdateOptions{}, drive)
	written := 0
	for _, e := range logs.FilterMessage("batch written").All() {
		written += int(e.ContextMap()["documents"].(int64))
	}
	if written != 2 {
		t.Errorf("adding one copy wrote %d documents, want 2 (the copy and the representative)", written)
	}

	res, err := ix.Search(context.Background(), "supplier:Gamma", SearchOptions{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || len(res.Hits[0].Paths) != copies+1 {
		t.Fatalf("got %d hits (%+v), want one agreement listing %d files", len(res.Hits), res.Hits, copies+1)
	}
	if want := filepath.Join(drive, "school9", "vo.txt"); !slices.Contains(res.Hits[0].Paths, want) {
		t.Errorf("paths %v lack %s", res.Hits[0].Paths, want)
	}
}
