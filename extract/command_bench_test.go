package extract

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkCommand measures what a user runs: the whole `dpa extract --json
// --ocr=off` command (start-up, reader processes, PDF text, structure, the
// extractors, JSON), built from ../cmd/dpa, against poppler's pdftotext in
// the same run, as CPU time (user + system, children included) so that the
// ratio holds on a busy machine. Two inputs: the 1000-page corpus bundle,
// and the five text PDFs of the corpus in one command (pdftotext once per
// file). Each is run three times, alternating, and the medians are
// reported: seconds of CPU for each, their ratio (dpa / pdftotext; lower is
// better) and dpa's peak resident memory. Skips without the corpus or
// pdftotext.
func BenchmarkCommand(b *testing.B) {
	corpusDir := filepath.Dir(benchCorpus)
	bundle := filepath.Join(corpusDir, "stress", "bundle-1000p.pdf")
	pdfs, _ := filepath.Glob(filepath.Join(corpusDir, "pdf", "*.pdf"))
	pdfs = slices.DeleteFunc(pdfs, func(p string) bool { return strings.HasSuffix(p, ".scanned.pdf") })
	if _, err := os.Stat(bundle); err != nil || len(pdfs) == 0 {
		b.Skipf("no corpus at %s", corpusDir)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	dpa := filepath.Join(b.TempDir(), "dpa")
	if out, err := exec.Command("go", "build", "-o", dpa, "../cmd/dpa").CombinedOutput(); err != nil {
		b.Fatalf("building dpa: %v\n%s", err, out)
	}
	for _, in := range []struct {
		name  string
		files []string
	}{{"bundle", []string{bundle}}, {"corpus-pdfs", pdfs}} {
		b.Run(in.name, func(b *testing.B) {
			for b.Loop() {
				var ours, ref, rss []float64
				for range 3 {
					cpu, maxRSS := runCPU(b, dpa, append([]string{"extract", "--json", "--ocr=off"}, in.files...)...)
					ours, rss = append(ours, cpu), append(rss, maxRSS)
					total := 0.0
					for _, f := range in.files {
						cpu, _ := runCPU(b, "pdftotext", f, "-")
						total += cpu
					}
					ref = append(ref, total)
				}
				o, r := median(ours), median(ref)
				b.ReportMetric(o, "dpa-cpu-s")
				b.ReportMetric(r, "pdftotext-cpu-s")
				b.ReportMetric(o/r, "ratio")
				b.ReportMetric(slices.Max(rss), "peakRSS-MB")
			}
		})
	}
}

// runCPU runs name with args, its output discarded, and returns its CPU
// seconds (user + system, its children included) and peak resident memory
// in MB.
func runCPU(b *testing.B, name string, args ...string) (cpu, rssMB float64) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	ps := cmd.ProcessState
	cpu = (ps.UserTime() + ps.SystemTime()).Seconds()
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		rssMB = float64(ru.Maxrss) / 1024
	}
	return cpu, rssMB
}

// processCPU returns the CPU time (user + system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkExtractLength shows that extraction costs the same per page
// whatever the length: one document of 10, 100 and 1000 pages (pages of
// bytesPerPage bytes), made of the fixture agreements and, when present,
// the corpus texts, one after the other as in a bundle, repeated to length.
func BenchmarkExtractLength(b *testing.B) {
	docs, _ := benchDocuments(b)
	for _, pages := range []int{10, 100, 1000} {
		var text strings.Builder
		for i := 0; text.Len() < pages*bytesPerPage; i++ {
			if i > 0 {
				text.WriteString("\f")
			}
			text.WriteString(docs[i%len(docs)].Text)
		}
		s := text.String()[:pages*bytesPerPage]
		s = s[:strings.LastIndexByte(s, '\n')+1] // whole lines
		path := filepath.Join(b.TempDir(), "bundle.txt")
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
		doc := fixtureDocument(b, path)
		b.Run(fmt.Sprintf("%dpages", pages), func(b *testing.B) {
			Extract(doc) // rules and the sentence model are prepared on first use
			cpu0 := processCPU()
			for b.Loop() {
				Extract(doc)
			}
			b.StopTimer()
			cpu := (processCPU() - cpu0).Seconds() / float64(b.N)
			b.ReportMetric(cpu*1000/(float64(len(doc.Text))/bytesPerPage), "cpu-ms/page")
		})
	}
}
