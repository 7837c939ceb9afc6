package main

import (
	"context"
	"encoding/gob"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/corpus"
)

// The test binary doubles as dpa's reader child (as os/exec's tests use
// their own binary as a helper process): started with readerMode it reads
// files, with faults injected by file name so that the supervisor can be
// tested against the crashes no hostile file should still cause.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == readerMode {
		os.Exit(runReader(os.Args[2:], os.Stdin, os.NewFile(3, "answers"), faultyOpen))
	}
	if os.Getenv("DPA_TEST_MAIN") != "" {
		os.Exit(runAsDPA())
	}
	if os.Getenv("DPA_TEST_CRASH") != "" {
		crashLoudly()
		go panic("a bug in dpa")
		select {}
	}
	// The other tests read in process, which is faster; the tests below
	// choose the children.
	if os.Getenv(readerEnv) == "" {
		os.Setenv(readerEnv, "inprocess")
	}
	os.Exit(m.Run())
}

// faultyOpen is corpus.Open, except for files whose name asks for a fault.
// A file named "together" is read together with another: the first time it
// is read it waits until a second such file has started, and then, unless
// its name asks for a fault, until it is killed; read again, it is read
// (or faults) at once.
func faultyOpen(ctx context.Context, f corpus.File, opts corpus.Options) (*corpus.Document, error) {
	if started := f.Path + ".started"; strings.Contains(filepath.Base(f.Path), "together") && !exists(started) {
		if err := os.WriteFile(started, nil, 0o644); err != nil {
			return nil, err
		}
		for {
			if m, _ := filepath.Glob(filepath.Join(filepath.Dir(f.Path), "*.started")); len(m) >= 2 {
				break
			}
			time.Sleep(time.Millisecond)
		}
		if !slices.ContainsFunc([]string{"overflow", "hog", "hang", "panic"}, func(fault string) bool {
			return strings.Contains(filepath.Base(f.Path), fault)
		}) {
			select {}
		}
	}
	switch name := filepath.Base(f.Path); {
	case strings.Contains(name, "overflow"):
		var recurse func(n int) int
		recurse = func(n int) int {
			var pad [256]byte
			pad[n%256] = byte(n)
			return recurse(n+1) + int(pad[0])
		}
		recurse(0)
	case strings.Contains(name, "hog"):
		var keep [][]byte
		for {
			b := make([]byte, 8<<20)
			for i := range b {
				b[i] = 1
			}
			keep = append(keep, b)
		}
	case strings.Contains(name, "hang"):
		select {}
	case strings.Contains(name, "panic"):
		go panic("a reader bug outside the per-file recover")
		select {}
	}
	return corpus.Open(ctx, f, opts)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// childReader makes the test read files in a reader child whose grace
// after a file's time runs out is short, for as long as the test runs.
func childReader(t *testing.T) {
	t.Helper()
	t.Setenv(readerEnv, "child")
	old := readGrace
	readGrace = 100 * time.Millisecond
	t.Cleanup(func() { readGrace = old })
}

// TestReaderChildFaults reads good files among files that crash, exhaust
// memory or hang the reader: each of those fails with its reason and the
// good files are all read, by extract and by index.
func TestReaderChildFaults(t *testing.T) {
	childReader(t)
	dir := t.TempDir()
	good := []string{"a-leerlijn.txt", "c-rekenroute.txt", "e-planbord.txt"}
	copyFile(t, "../../testdata/agreements/leerlijn-verwerkersovereenkomst.txt", dir, good[0])
	copyFile(t, "../../testdata/agreements/rekenroute-verwerkersovereenkomst.txt", dir, good[1])
	copyFile(t, "../../testdata/agreements/planbord-verwerkersovereenkomst.txt", dir, good[2])
	faults := map[string]string{
		"b-overflow.txt": "damaged file: reader crashed: stack overflow",
		"d-hog.txt":      "too large: out of memory: over 100 MB",
		"f-hang.txt":     "took too long",
		"g-panic.txt":    "damaged file: reader crashed: panic: a reader bug outside the per-file recover",
	}
	for name := range faults {
		// Each its own content: copies of one file are read once.
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Verwerkersovereenkomst "+name+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := run(t, "extract", "--json", "--ocr", "off", "--workers", "2", "--max-memory", "100", "--timeout", "2s", dir)
	if code != exitFailed {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailed, errOut)
	}
	recs := records(t, out)
	if len(recs) != len(good) {
		t.Fatalf("%d records, want %d (the good files); stderr:\n%s", len(recs), len(good), errOut)
	}
	for name, reason := range faults {
		want := "error: " + filepath.Join(dir, name) + ": " + reason
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if n := strings.Count(errOut, "error: "); n != len(faults) {
		t.Errorf("%d error lines, want %d:\n%s", n, len(faults), errOut)
	}

	// The index keeps every good file.
	ix := filepath.Join(t.TempDir(), "ix")
	code, _, errOut = run(t, "index", "--index", ix, "--ocr", "off", "--max-memory", "100", "--timeout", "2s", dir)
	if code != exitFailed {
		t.Errorf("index: exit %d, want %d; stderr:\n%s", code, exitFailed, errOut)
	}
	code, out, _ = run(t, "search", "--index", ix, "--json", "verwerker")
	if code != exitOK {
		t.Errorf("search after index: exit %d, output %q", code, out)
	}
	for _, g := range good {
		if !strings.Contains(out, g) {
			t.Errorf("%s not indexed", g)
		}
	}
}

// TestReaderChildSharedFault reads a good file and a faulty one together
// in one child: the fault kills the child while both are being read, so
// both are read again, each alone, and only the faulty file fails, with
// its own reason (were they read in two children, or not again, the good
// file would wait until its time is up and fail).
func TestReaderChildSharedFault(t *testing.T) {
	childReader(t)
	for _, tc := range []struct{ fault, reason string }{
		{"b-together-overflow.txt", "damaged file: reader crashed: stack overflow"},
		{"b-together-hog.txt", "too large: out of memory: over 100 MB"},
		{"b-together-panic.txt", "damaged file: reader crashed: panic: a reader bug outside the per-file recover"},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			dir := t.TempDir()
			copyFile(t, "../../testdata/agreements/leerlijn-verwerkersovereenkomst.txt", dir, "a-together.txt")
			if err := os.WriteFile(filepath.Join(dir, tc.fault), []byte("Verwerkersovereenkomst\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := run(t, "extract", "--json", "--ocr", "off", "--workers", "2", "--max-memory", "100", "--timeout", "2s", dir)
			if code != exitFailed {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailed, errOut)
			}
			if recs := records(t, out); len(recs) != 1 {
				t.Errorf("%d records, want 1 (the good file); stderr:\n%s", len(recs), errOut)
			}
			want := "error: " + filepath.Join(dir, tc.fault) + ": " + tc.reason
			if !strings.Contains(errOut, want) || strings.Count(errOut, "error: ") != 1 {
				t.Errorf("stderr does not say only %q:\n%s", want, errOut)
			}
		})
	}
}

// TestReaderChildSharedHang reads a good file and one that hangs the reader
// together in one child: the hanging file's time runs out first, its
// verdict is its own, and the good file is read again, alone, with its own
// time.
func TestReaderChildSharedHang(t *testing.T) {
	childReader(t)
	dir := t.TempDir()
	good := corpus.File{Path: copyFile(t, "../../testdata/agreements/leerlijn-verwerkersovereenkomst.txt", dir, "a-together.txt")}
	hang := corpus.File{Path: filepath.Join(dir, "b-together-hang.txt")}
	if err := os.WriteFile(hang.Path, []byte("Verwerkersovereenkomst\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pool, err := newReaderPool(ocrFlags{mode: "off"}, DefaultReaderMemory, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.close()
	hangErr := make(chan error, 1)
	go func() {
		_, _, err := pool.open(context.Background(), hang, 500*time.Millisecond)
		hangErr <- err
	}()
	doc, _, err := pool.open(context.Background(), good, time.Minute)
	if err != nil || doc == nil || !strings.Contains(doc.Text, "erwerker") {
		t.Errorf("the good file: %v", err)
	}
	if err := <-hangErr; corpus.KindOf(err) != corpus.Timeout {
		t.Errorf("the hanging file: %v, want a timeout", err)
	}
}

// TestReaderChildExitsAtOnce checks that a reader that ends before it
// answers (here it is given an option it does not know) fails the file with
// the reader's exit status, without waiting or starting readers forever.
func TestReaderChildExitsAtOnce(t *testing.T) {
	t.Setenv(readerEnv, "child")
	pool, err := newReaderPool(ocrFlags{mode: "off"}, DefaultReaderMemory, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.close()
	pool.args = append(pool.args, "--no-such-option")
	for range 3 {
		_, _, err := pool.open(context.Background(), corpus.File{Path: "../../testdata/agreements/muziekmeester-v3.txt"}, 0)
		if err == nil || !strings.Contains(err.Error(), "exit status 2") {
			t.Errorf("got %v, want the reader's exit status 2", err)
		}
	}
}

// TestReaderChildSameDocument checks that a document read in a child is the
// document read in process, every field (blocks included) across the pipe.
func TestReaderChildSameDocument(t *testing.T) {
	for _, path := range []string{"../../testdata/agreements/muziekmeester-v3.txt", "../../testdata/pdf/rc4-128-no-user-password.pdf", "../../testdata/formats/vakwerkplaats-model4.docx"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if _, err := os.Stat(path); err != nil {
				t.Skip(err)
			}
			f := corpus.File{Path: path}
			want, err := corpus.Open(context.Background(), f, corpus.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Setenv(readerEnv, "child")
			pool, err := newReaderPool(ocrFlags{mode: "off"}, DefaultReaderMemory, os.Stderr)
			if err != nil {
				t.Fatal(err)
			}
			defer pool.close()
			got, _, err := pool.open(context.Background(), f, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the child's document differs:\n got %+v\nwant %+v", got.Source, want.Source)
			}
		})
	}
}

// TestReaderChildLetGo checks that one child reads the files one after
// another, that a child that has read the last file the pool expects is
// let go at once, and that without expect a child waits, idle, for the
// next file until close.
func TestReaderChildLetGo(t *testing.T) {
	t.Setenv(readerEnv, "child")
	files := []corpus.File{{Path: "../../testdata/agreements/muziekmeester-v3.txt"}, {Path: "../../testdata/agreements/leerlijn-verwerkersovereenkomst.txt"}}
	for _, tc := range []struct {
		name   string
		expect int // -1: not called
		kept   []bool
	}{
		{"expected", len(files), []bool{true, false}},
		{"unknown", -1, []bool{true, true}},
		{"more expected", len(files) + 1, []bool{true, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pool, err := newReaderPool(ocrFlags{mode: "off"}, DefaultReaderMemory, os.Stderr)
			if err != nil {
				t.Fatal(err)
			}
			if tc.expect >= 0 {
				pool.expect(tc.expect)
			}
			var first *readerProc
			for i, f := range files {
				if _, _, err := pool.open(context.Background(), f, time.Minute); err != nil {
					t.Fatal(err)
				}
				pool.mu.Lock()
				kept := pool.shared
				pool.mu.Unlock()
				if i == 0 {
					first = kept
				}
				if (kept != nil) != tc.kept[i] {
					t.Errorf("after file %d: child kept %v, want %v", i+1, kept != nil, tc.kept[i])
				}
				if kept != nil && kept != first {
					t.Errorf("file %d was read in a second child", i+1)
				}
			}
			if !tc.kept[len(files)-1] {
				select {
				case <-first.exited:
				case <-time.After(10 * time.Second):
					t.Error("the child let go has not exited")
				}
			}
			pool.close()
			select {
			case <-first.exited:
			default:
				t.Error("a child outlives close")
			}
		})
	}
}

// TestWireDocument checks that every field of a Document, the block tree
// included, survives the pipe's encoding.
func TestWireDocument(t *testing.T) {
	doc := &corpus.Document{
		Source: corpus.Source{Path: "a.pdf", Paths: []string{"a.pdf", "b/a.pdf"}, SHA256: "ab", Format: corpus.FormatPDF,
			Pages: 2, Bytes: 10, Modified: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)},
		Text:  "Artikel 1\nNaam: X\f\nTabel",
		Pages: []corpus.Page{{Number: 1, Start: 0, End: 17}, {Number: 2, Start: 19, End: 24, OCR: true, Confidence: 91.5}},
		Blocks: []corpus.Block{
			{Kind: corpus.BlockHeading, Span: corpus.Span{Start: 0, End: 9}, Level: 2, Marker: "Artikel 1", Page: 1},
			{Kind: corpus.BlockLabel, Span: corpus.Span{Start: 10, End: 17}, Label: corpus.Span{Start: 10, End: 14}, Value: corpus.Span{Start: 16, End: 17}, Page: 1},
			{Kind: corpus.BlockTable, Span: corpus.Span{Start: 19, End: 24}, Page: 2, Table: &corpus.Table{HeaderRows: 1,
				Rows: []corpus.Row{{Span: corpus.Span{Start: 19, End: 24}, Cells: []corpus.Cell{{Span: corpus.Span{Start: 19, End: 24}, ColSpan: 1, RowSpan: 1,
					Nested: []corpus.Block{{Kind: corpus.BlockParagraph, Span: corpus.Span{Start: 19, End: 24}, Text: corpus.Span{Start: 19, End: 24}}}}}}}}},
		},
		Warnings: []string{"page 2: OCR"},
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		gob.NewEncoder(w).Encode(readResponse{Doc: doc, Err: toWire(&corpus.FileError{Path: "x", Page: 3, Kind: corpus.Encrypted, Err: errors.New("AES")})})
		w.Close()
	}()
	var got readResponse
	if err := gob.NewDecoder(r).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Doc, doc) {
		t.Errorf("document differs after the pipe:\n got %+v\nwant %+v", got.Doc, doc)
	}
	if e := got.Err.err(); e.Error() != "x: encrypted: a password is needed (page 3): AES" || corpus.KindOf(e) != corpus.Encrypted {
		t.Errorf("error after the pipe: %v", e)
	}
}

// TestCrashExitStatus checks that dpa crashing ends with SIGABRT, not with
// Go's exit status 2 that dpa uses for a usage error.
func TestCrashExitStatus(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DPA_TEST_CRASH=1")
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("got %v, want a crash", err)
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGABRT || ee.ExitCode() == exitUsage {
		t.Errorf("crash ended with %v, want SIGABRT (shell status %d)", ee, exitCrash)
	}
}
