package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/index"
)

// TestReadIntoCommitsAsDocumentsFinish reads a drive whose first file (in
// input order) is slow, as a long OCR is, and checks that the others are
// committed to the index while it is still being read: a run killed
// during the slow file keeps them.
func TestReadIntoCommitsAsDocumentsFinish(t *testing.T) {
	drive := copyFixtures(t, "agreements/cijferkaart-beveiligingsbijlage.txt", "agreements/klasgenoot-privacybijsluiter.txt",
		"agreements/leerlijn-verwerkersovereenkomst.txt", "agreements/leerlingstem-verwerkersovereenkomst.txt")
	slowPath := copyFile(t, "../../testdata/agreements/planbord-verwerkersovereenkomst.txt", filepath.Join(drive, "Leverancier"), "0-traag.txt") // sorted first
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	u, err := ix.Update(context.Background(), []string{drive}, index.UpdateOptions{BatchSize: 100, BatchInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	files := u.Files()
	if len(files) != 5 || files[0].Path != slowPath {
		t.Fatalf("files to read: %v, want 5 with %s first", files, slowPath)
	}
	release := make(chan struct{})
	p := &pipeline{workers: 2, log: zap.NewNop()}
	p.read = func(ctx context.Context, f corpus.File) result {
		if f.Path == slowPath {
			<-release
		}
		return p.readFile(ctx, f)
	}
	finished := make(chan error, 1)
	go func() { finished <- readInto(context.Background(), p, u, files, func(int) {}) }()

	// Wait (without a time limit of its own: go test's -timeout ends a
	// hang) until a reader sees the four fast documents.
	for committed(t, dir) < 4 {
		select {
		case err := <-finished:
			t.Fatalf("readInto ended before the slow file was released: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	close(release)
	if err := <-finished; err != nil {
		t.Fatal(err)
	}
	sum, err := u.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 5 || sum.Documents != 5 {
		t.Errorf("summary %+v, want 5 added", sum)
	}
}

// committed returns the number of documents a reader of the index at dir sees.
func committed(t *testing.T, dir string) int {
	t.Helper()
	ro, err := index.Open(dir, index.Options{ReadOnly: true, PerCall: true})
	if err != nil {
		if strings.Contains(err.Error(), "no dpa index") {
			return 0
		}
		t.Fatal(err)
	}
	defer ro.Close()
	n, err := ro.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}
