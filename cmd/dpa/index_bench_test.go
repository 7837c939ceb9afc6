package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/index"
)

// makeDriveScript builds a shared-drive tree of the test corpus; the
// drive benchmarks skip when it is absent.
var makeDriveScript = filepath.Join(cmp.Or(os.Getenv("DPA_CORPUS"), "../../../shared/corpus"), "stress", "make-drive.sh")

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
	b.Run("index", func(b *testing.B) {
		var sum index.Summary
		for i := 0; i < b.N; i++ {
			os.RemoveAll(dir)
			code, out, errOut := runQuiet("index", "--ocr", "off", "--json", "--index", dir, drive)
			if code == exitUsage || json.Unmarshal([]byte(out), &sum) != nil {
				b.Fatalf("dpa index: exit %d\n%s%s", code, out, errOut)
			}
		}
		// The drive's 500 files are copies of 16 sources: byte-identical
		// copies are one document with several paths.
		files := sum.Added + sum.Moved + sum.Failed
		b.ReportMetric(float64(files*b.N)/b.Elapsed().Seconds(), "files/s")
		b.ReportMetric(float64(sum.Documents), "documents")
		ix, err := index.Open(dir, index.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		size, err := ix.DiskSize()
		ix.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(size)/float64(sum.Documents), "index-bytes/doc")
		b.ReportMetric(float64(size)/float64(files), "index-bytes/file")
	})
	b.Run("unchanged", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if code, _, errOut := runQuiet("sync", "--ocr", "off", "--index", dir, drive); code == exitUsage {
				b.Fatalf("dpa sync: %s", errOut)
			}
			b.ReportMetric(time.Since(start).Seconds(), "s/rerun")
		}
	})
}

// runQuiet runs dpa and returns the exit status and both streams.
func runQuiet(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut}
	return m.Run(context.Background(), args), out.String(), errOut.String()
}
