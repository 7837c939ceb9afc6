package pdf

import (
	"cmp"
	"context"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// The shared corpus (DPA_CORPUS, default ../shared/corpus beside the repository); benchmarks
// and corpus checks skip when it is absent.
var (
	corpusDir  = cmp.Or(os.Getenv("DPA_CORPUS"), "../../../shared/corpus")
	bundlePath = corpusDir + "/stress/bundle-1000p.pdf"
)

// BenchmarkBundle reads the 1000-page bundle and reports pages/s and the
// process's peak resident memory (MB).
func BenchmarkBundle(b *testing.B) {
	benchmarkFile(b, bundlePath, Limits{})
}

// BenchmarkBundleOneWorker is BenchmarkBundle on one core, to compare with
// single-threaded pdftotext.
func BenchmarkBundleOneWorker(b *testing.B) {
	benchmarkFile(b, bundlePath, Limits{Workers: 1})
}

func benchmarkFile(b *testing.B, path string, lim Limits) {
	if _, err := os.Stat(path); err != nil {
		b.Skipf("%s not present", path)
	}
	pages := 0
	b.ResetTimer()
	for b.Loop() {
		res, err := Read(context.Background(), path, lim)
		if err != nil {
			b.Fatal(err)
		}
		pages += len(res.Pages)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peakRSS-MB")
	}
}

// BenchmarkBundlePdftotext runs poppler's pdftotext on the bundle, the
// reference bench.sh compares BenchmarkBundle with.
func BenchmarkBundlePdftotext(b *testing.B) {
	if _, err := os.Stat(bundlePath); err != nil {
		b.Skipf("%s not present", bundlePath)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	b.ResetTimer()
	for b.Loop() {
		if err := exec.Command("pdftotext", bundlePath, os.DevNull).Run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(1000*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
