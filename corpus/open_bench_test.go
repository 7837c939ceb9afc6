package corpus

import (
	"cmp"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// benchCorpus is the shared corpus (DPA_CORPUS, default ../shared/corpus
// beside the repository); the benchmarks skip when it is absent.
var benchCorpus = cmp.Or(os.Getenv("DPA_CORPUS"), "../../shared/corpus")

// BenchmarkOpenBundle is the whole reading of the 1000-page bundle into a
// Document, as a reader child does it: the PDF reader, cleaning, page
// structure and blocks. It reports the CPU time (user and system, all
// threads) per pass and the peak RSS; compare cpu-s/op with
// BenchmarkOpenPdftotext's in the same run.
func BenchmarkOpenBundle(b *testing.B) {
	benchmarkOpen(b, []string{filepath.Join(benchCorpus, "stress", "bundle-1000p.pdf")})
}

// BenchmarkOpenPDFs is BenchmarkOpenBundle for the corpus's text PDFs.
func BenchmarkOpenPDFs(b *testing.B) {
	benchmarkOpen(b, corpusTextPDFs(b))
}

// BenchmarkOpenPdftotext runs poppler's pdftotext on the bundle and reports
// its CPU time per pass, the reference for BenchmarkOpenBundle.
func BenchmarkOpenPdftotext(b *testing.B) {
	benchmarkPdftotext(b, []string{filepath.Join(benchCorpus, "stress", "bundle-1000p.pdf")})
}

// BenchmarkOpenPDFsPdftotext is BenchmarkOpenPdftotext for the corpus's text PDFs.
func BenchmarkOpenPDFsPdftotext(b *testing.B) {
	benchmarkPdftotext(b, corpusTextPDFs(b))
}

func corpusTextPDFs(b *testing.B) []string {
	all, _ := filepath.Glob(filepath.Join(benchCorpus, "pdf", "*.pdf"))
	var files []string
	for _, f := range all {
		if filepath.Ext(f[:len(f)-4]) != ".scanned" {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		b.Skip("no corpus PDFs (set DPA_CORPUS)")
	}
	return files
}

func benchmarkOpen(b *testing.B, files []string) {
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			b.Skipf("%s not present", f)
		}
	}
	start := cpuTime(syscall.RUSAGE_SELF)
	for b.Loop() {
		for _, f := range files {
			if _, err := Open(context.Background(), File{Path: f}, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric((cpuTime(syscall.RUSAGE_SELF)-start).Seconds()/float64(b.N), "cpu-s/op")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peakRSS-MB")
	}
}

func benchmarkPdftotext(b *testing.B, files []string) {
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			b.Skipf("%s not present", f)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	start := cpuTime(syscall.RUSAGE_CHILDREN)
	for b.Loop() {
		for _, f := range files {
			if err := exec.Command("pdftotext", f, os.DevNull).Run(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric((cpuTime(syscall.RUSAGE_CHILDREN)-start).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the user and system time of who (this process or its
// waited-for children).
func cpuTime(who int) time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(who, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
