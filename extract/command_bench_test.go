package extract

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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
// file). Each is run several times, alternating with pdftotext, and the
// medians are reported (three runs of the bundle; nine of the five PDFs,
// whose runs are short enough that the kernel's accounting of CPU time
// per process, and the machine's moment, move single runs by a tenth): seconds of CPU for each, their ratio (dpa / pdftotext; lower is
// better) and dpa's peak resident memory, two ways: peakRSS-MB is the peak
// of the largest process (dpa itself or one of its reader children, as the
// kernel reports it for the command), peakRSS-sum-MB the largest sum of
// dpa's and its children's resident memory seen, sampled every 10 ms. Skips
// without the corpus or pdftotext.
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
		runs  int
	}{{"bundle", []string{bundle}, 3}, {"corpus-pdfs", pdfs, 9}} {
		b.Run(in.name, func(b *testing.B) {
			for b.Loop() {
				var ours, ref, rss, sum []float64
				for range in.runs {
					cpu, maxRSS, sumRSS := runCPU(b, dpa, append([]string{"extract", "--json", "--ocr=off"}, in.files...)...)
					ours, rss, sum = append(ours, cpu), append(rss, maxRSS), append(sum, sumRSS)
					total := 0.0
					for _, f := range in.files {
						cpu, _, _ := runCPU(b, "pdftotext", f, "-")
						total += cpu
					}
					ref = append(ref, total)
				}
				o, r := median(ours), median(ref)
				b.ReportMetric(o, "dpa-cpu-s")
				b.ReportMetric(r, "pdftotext-cpu-s")
				b.ReportMetric(o/r, "ratio")
				b.ReportMetric(slices.Max(rss), "peakRSS-MB")
				b.ReportMetric(slices.Max(sum), "peakRSS-sum-MB")
			}
		})
	}
}

// runCPU runs name with args, its output discarded, and returns its CPU
// seconds (user + system, its children included), the peak resident memory
// of the largest of the process and its children, and the largest sum of
// their resident memory sampled while it ran, both in MB.
func runCPU(b *testing.B, name string, args ...string) (cpu, rssMB, sumMB float64) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	done := make(chan struct{})
	sampled := make(chan float64)
	go func() { sampled <- sampleRSS(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	close(done)
	sumMB = <-sampled
	if err != nil {
		b.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	ps := cmd.ProcessState
	cpu = (ps.UserTime() + ps.SystemTime()).Seconds()
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		rssMB = float64(ru.Maxrss) / 1024
	}
	return cpu, rssMB, sumMB
}

// sampleRSS returns the largest sum of the resident memory of process pid
// and its children seen every 10 ms until done is closed, in MB (0 where
// /proc cannot tell).
func sampleRSS(pid int, done <-chan struct{}) float64 {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	peak := 0.0
	for {
		select {
		case <-done:
			return peak
		case <-tick.C:
			sum := 0.0
			for _, p := range append(childPIDs(pid), strconv.Itoa(pid)) {
				sum += residentMB(p)
			}
			peak = max(peak, sum)
		}
	}
}

// childPIDs returns the process ids of pid's children, as /proc lists them
// per thread.
func childPIDs(pid int) []string {
	var out []string
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, t := range tasks {
		b, _ := os.ReadFile(t)
		out = append(out, strings.Fields(string(b))...)
	}
	return out
}

// residentMB returns the VmRSS of process pid in MB, 0 when it is gone.
func residentMB(pid string) float64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
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
