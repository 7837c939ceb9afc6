package index

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
	"go.uber.org/zap/zapcore"
)

// makeDrive writes n small invented agreements under a new folder.
func makeDrive(t testing.TB, n int) string {
	t.Helper()
	drive := t.TempDir()
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("lev%02d/doc%04d.txt", i%17, i)] = fmt.Sprintf("supplier: Leverancier %d B.V.\nsub: Wolk %d Inc. | US\neea: true\n", i, i%5)
	}
	writeFiles(t, drive, files)
	return drive
}

// TestKill9 indexes a drive in a child process, kills it with SIGKILL in
// the middle, and checks that the index opens and holds every batch the
// child had committed, and that the next run finishes the rest.
func TestKill9(t *testing.T) {
	if dir := os.Getenv("DPA_KILL9_INDEX"); dir != "" {
		kill9Child(t, dir, os.Getenv("DPA_KILL9_DRIVE"))
		return
	}
	if testing.Short() {
		t.Skip("re-runs the test binary")
	}
	const n = 400
	drive := makeDrive(t, n)
	dir := filepath.Join(t.TempDir(), "idx")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKill9$", "-test.v")
	cmd.Env = append(os.Environ(), "DPA_KILL9_INDEX="+dir, "DPA_KILL9_DRIVE="+drive)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed, batches := 0, 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var entry struct {
			Msg       string `json:"msg"`
			Documents int    `json:"documents"`
		}
		if json.Unmarshal(sc.Bytes(), &entry) != nil || entry.Msg != "batch written" {
			continue
		}
		committed += entry.Documents
		if batches++; batches == 5 {
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	cmd.Wait()
	if batches < 5 {
		t.Fatalf("child committed %d batches before it ended; want to kill it after 5", batches)
	}

	ix, err := Open(dir, Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("index after kill -9 does not open: %v", err)
	}
	defer ix.Close()
	got, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	if got < committed || got >= n {
		t.Errorf("after kill -9: %d documents, want at least the %d committed and fewer than %d", got, committed, n)
	}
	if versions, err := ix.History(); err != nil || len(versions) != got {
		t.Errorf("history after kill -9: %d versions (%v), want one for each of the %d documents", len(versions), err, got)
	}
	res, err := ix.Search(context.Background(), "outside_eea:true", SearchOptions{Limit: 1})
	if err != nil || int(res.Total) != got {
		t.Errorf("search after kill -9: %v, total %v, want %d", err, res, got)
	}
	sum := update(t, ix, UpdateOptions{}, drive)
	if sum.Added != n-got || sum.Unchanged != got || sum.Documents != n {
		t.Errorf("run after kill -9: %+v, want %d added, %d unchanged, %d documents", sum, n-got, got, n)
	}
}

// kill9Child indexes slowly, logging each committed batch as JSON on stdout.
func kill9Child(t *testing.T, dir, drive string) {
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	log := zap.New(zapcore.NewCore(enc, zapcore.AddSync(os.Stdout), zapcore.InfoLevel))
	ix, err := Open(dir, Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	u, err := ix.Update(context.Background(), []string{drive}, UpdateOptions{BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range u.Files() {
		doc, rec, err := fakeRead(f)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
		if err := u.Add(f, doc, rec); err != nil {
			t.Fatal(err)
		}
	}
	u.Finish()
	t.Fatal("child was not killed")
}

// TestSecondWriter checks that a second writer waits a bounded time and
// then fails with ErrBusy, and gets in once the first one is done.
func TestSecondWriter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	first := openWriter(t, dir)
	start := time.Now()
	_, err := Open(dir, Options{Timeout: 300 * time.Millisecond})
	waited := time.Since(start)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("second writer: %v, want ErrBusy", err)
	}
	if waited < 300*time.Millisecond || waited > 3*time.Second {
		t.Errorf("second writer waited %s, want about 300ms", waited)
	}
	first.Close()
	second, err := Open(dir, Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("after the first writer closed: %v", err)
	}
	second.Close()
}

// TestSearchWhileUpdating checks that a reader that holds the index open
// sees the committed batches while an update is running, never blocks the
// writer's commits, and switches to each generation the writer publishes.
func TestSearchWhileUpdating(t *testing.T) {
	drive := makeDrive(t, 30)
	dir := filepath.Join(t.TempDir(), "idx")
	w := openWriter(t, dir)
	u, err := w.Update(context.Background(), []string{drive}, UpdateOptions{BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	files := u.Files()
	add := func(fs []corpus.File) {
		for _, f := range fs {
			doc, rec, err := fakeRead(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := u.Add(f, doc, rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(files[:15]) // one batch of 10 committed, 5 pending

	r, err := Open(dir, Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("search during update: %v", err)
	}
	defer r.Close()
	waitCount(t, r, 10) // the batch is written in the background
	res, err := r.Search(context.Background(), "*", SearchOptions{})
	if err != nil || res.Total != 10 {
		t.Fatalf("search during update: %v, %d hits, want the 10 committed", err, res.Total)
	}
	held := r.Generation()

	// The reader holds its generation open; the writer commits anyway.
	w.opts.Timeout = 200 * time.Millisecond
	add(files[15:])
	sum, err := u.Finish()
	if err != nil || sum.Documents != 30 {
		t.Fatalf("finish while a reader holds the index: %v, %+v", err, sum)
	}
	if _, err := os.Stat(filepath.Join(dir, held)); err != nil {
		t.Errorf("the generation a reader holds was removed: %v", err)
	}
	waitCount(t, r, 30)
	if g := r.Generation(); g == held {
		t.Errorf("reader still on generation %s after the writer published", g)
	}
}

// waitCount waits until r sees n documents: a reader looks for a newly
// published generation every refreshEvery.
func waitCount(t *testing.T, r *Index, n int) {
	t.Helper()
	var got int
	var err error
	for i := 0; i < 100; i++ {
		if got, err = r.Count(); err == nil && got == n {
			return
		}
		time.Sleep(refreshEvery / 2)
	}
	t.Fatalf("reader sees %d documents (%v), want %d", got, err, n)
}

// TestStaleGenerationsRemoved checks that what a killed writer left (an
// unpublished generation) and generations no reader holds any more are
// removed, and that the published one always answers.
func TestStaleGenerationsRemoved(t *testing.T) {
	drive := makeDrive(t, 4)
	dir := filepath.Join(t.TempDir(), "idx")
	w := openWriter(t, dir)
	update(t, w, UpdateOptions{}, drive)
	w.Close()
	// A writer killed mid-batch leaves a half-made generation behind.
	if err := os.MkdirAll(filepath.Join(dir, "gen-000099", "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	w = openWriter(t, dir)
	writeFiles(t, drive, map[string]string{"extra.txt": "supplier: Nog Een B.V.\n"})
	update(t, w, UpdateOptions{}, drive)
	w.Close()
	gens, err := generations(dir)
	if err != nil || len(gens) != 1 {
		t.Fatalf("generations after the update: %v (%v), want only the published one", gens, err)
	}
	if cur, _ := currentGen(dir); cur != gens[0] {
		t.Errorf("current is %s, the only generation %s", cur, gens[0])
	}
	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, err := r.Count(); err != nil || n != 5 {
		t.Errorf("count %d (%v), want 5", n, err)
	}
}

// TestPerCallReader checks that a long-lived PerCall reader does not keep
// a writer out, and sees what the writer committed.
func TestPerCallReader(t *testing.T) {
	drive := makeDrive(t, 5)
	dir := filepath.Join(t.TempDir(), "idx")
	w := openWriter(t, dir)
	update(t, w, UpdateOptions{}, drive)
	r, err := Open(dir, Options{ReadOnly: true, PerCall: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	writeFiles(t, drive, map[string]string{"extra.txt": "supplier: Nog Een B.V.\n"})
	w.opts.Timeout = 500 * time.Millisecond
	if sum := update(t, w, UpdateOptions{}, drive); sum.Added != 1 {
		t.Fatalf("update beside a PerCall reader: %+v", sum)
	}
	if n, err := r.Count(); err != nil || n != 6 {
		t.Errorf("PerCall reader sees %d documents (%v), want 6", n, err)
	}
}
