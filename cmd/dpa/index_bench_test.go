package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/index"
)

// makeDriveScript builds a shared-drive tree of the test corpus; the
// drive benchmarks skip when it is absent.
const makeDriveScript = "/work/shared/corpus/stress/make-drive.sh"

// BenchmarkDrive500 indexes a 500-document drive made by make-drive.sh
// (dpa index --ocr off: OCR is measured by corpus/ocr), reporting
// documents per second and index bytes per document, then times the
// re-run on the unchanged drive (target: under 2 s).
func BenchmarkDrive500(b *testing.B) {
	if _, err := os.Stat(makeDriveScript); err != nil {
		b.Skip("skipping: no " + makeDriveScript)
	}
	drive := filepath.Join(b.TempDir(), "drive")
	if out, err := exec.Command("bash", makeDriveScript, drive, "500").CombinedOutput(); err != nil {
		b.Fatalf("make-drive.sh: %v\n%s", err, out)
	}
	dir := filepath.Join(b.TempDir(), "idx")
	var docs int
	b.Run("index", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			os.RemoveAll(dir)
			if code, errOut := runQuiet("index", "--ocr", "off", "--index", dir, drive); code == exitUsage {
				b.Fatalf("dpa index: %s", errOut)
			}
			docs = countDocs(b, dir)
		}
		b.ReportMetric(float64(docs*b.N)/b.Elapsed().Seconds(), "docs/s")
		b.ReportMetric(float64(dirBytes(dir))/float64(docs), "index-bytes/doc")
	})
	b.Run("unchanged", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if code, errOut := runQuiet("sync", "--ocr", "off", "--index", dir, drive); code == exitUsage {
				b.Fatalf("dpa sync: %s", errOut)
			}
			b.ReportMetric(time.Since(start).Seconds(), "s/rerun")
		}
	})
}

// runQuiet runs dpa, dropping its output, and returns the exit status and stderr.
func runQuiet(args ...string) (int, string) {
	var errOut bytes.Buffer
	m := &Main{Stdout: io.Discard, Stderr: &errOut}
	return m.Run(context.Background(), args), errOut.String()
}

func countDocs(tb testing.TB, dir string) int {
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func dirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if info, err := e.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
