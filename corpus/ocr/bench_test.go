package ocr

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The benchmarks read the scanned PDFs of the shared corpus when it is
// there (DPA_CORPUS, default /work/shared/corpus) and the fixture otherwise.
//
//	go test ./corpus/ocr -run '^$' -bench OCR -benchtime 1x -count 3
//	go test ./corpus/ocr -run '^$' -bench Recall -benchtime 1x
//	DPA_OCR_SWEEP=1 go test ./corpus/ocr -run '^$' -bench Recall -benchtime 1x
func corpusPDFs(b *testing.B) string {
	dir := os.Getenv("DPA_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus"
	}
	return filepath.Join(dir, "pdf")
}

// pageCount returns the number of pages of a PDF by pdfinfo.
func pageCount(b *testing.B, path string) int {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		b.Fatalf("pdfinfo %s: %v", path, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		var n int
		if _, err := fmt.Sscanf(line, "Pages: %d", &n); err == nil {
			return n
		}
	}
	b.Fatalf("pdfinfo %s: no page count", path)
	return 0
}

// BenchmarkOCR compares, on the same pages in the same run, bare
// tesseract on the pages' images (extracted before timing), dpa one page
// at a time, and dpa on all cores. Each reports seconds per page; dpa's
// overhead is dpa-serial/tesseract − 1, the parallel speed-up
// dpa-parallel/dpa-serial.
func BenchmarkOCR(b *testing.B) {
	e := needEngines(b)
	path, pages := fixture, []int{1, 2}
	if scan := filepath.Join(corpusPDFs(b), "000_2bcb9043f8fceca1.scanned.pdf"); fileExists(scan) {
		path, pages = scan, nil
		for n := 1; n <= min(10, pageCount(b, scan)); n++ {
			pages = append(pages, n)
		}
	}
	b.Logf("%s, %d pages, %d cores", path, len(pages), runtime.NumCPU())

	b.Run("tesseract", func(b *testing.B) {
		dir := b.TempDir()
		var images []string
		for _, n := range pages {
			base := filepath.Join(dir, fmt.Sprintf("p%d", n))
			if err := run(context.Background(), e.pdfimages(), "-j", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), path, base); err != nil {
				b.Fatal(err)
			}
			images = append(images, base+"-000.jpg")
		}
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			for _, img := range images {
				cmd := exec.Command(e.tesseract(), img, filepath.Join(dir, "out"), "-l", e.lang(), "--psm", fmt.Sprint(e.psm()), "txt", "tsv")
				cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %s", err, out)
				}
			}
		}
		b.ReportMetric(time.Since(start).Seconds()/float64(b.N*len(pages)), "s/page")
	})
	for _, bc := range []struct {
		name    string
		workers int
	}{{"dpa-serial", 1}, {"dpa-parallel", runtime.NumCPU()}} {
		b.Run(bc.name, func(b *testing.B) {
			e := &Engine{Workers: bc.workers, TempDir: b.TempDir()}
			start := time.Now()
			for i := 0; i < b.N; i++ {
				if _, err := e.Recognize(context.Background(), path, pages); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(time.Since(start).Seconds()/float64(b.N*len(pages)), "s/page")
		})
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// BenchmarkRecall measures word recall of OCR on the corpus's scanned
// PDFs against pdftotext of the text PDFs they were scanned from, page
// by page, the way the corpus's ocrcheck.py does. With DPA_OCR_SWEEP=1 it
// compares page segmentation modes, resolutions and languages; this is
// how DefaultPSM and the use of embedded scans were chosen.
func BenchmarkRecall(b *testing.B) {
	needEngines(b)
	scans, _ := filepath.Glob(filepath.Join(corpusPDFs(b), "*.scanned.pdf"))
	if len(scans) == 0 {
		b.Skip("skipping: no scanned PDFs of the shared corpus (set DPA_CORPUS)")
	}
	type config struct {
		name string
		e    func() *Engine
	}
	configs := []config{{"default", func() *Engine { return &Engine{} }}}
	if os.Getenv("DPA_OCR_SWEEP") != "" {
		configs = []config{
			{"scan-psm3", func() *Engine { return &Engine{PSM: 3} }},
			{"scan-psm4", func() *Engine { return &Engine{PSM: 4} }},
			{"scan-psm6", func() *Engine { return &Engine{PSM: 6} }},
			{"scan-psm3-nld+eng", func() *Engine { return &Engine{PSM: 3, Lang: "nld+eng"} }},
			{"render200-psm3", func() *Engine { return &Engine{PSM: 3, DPI: 200, AlwaysRender: true} }},
			{"render300-psm3", func() *Engine { return &Engine{PSM: 3, DPI: 300, AlwaysRender: true} }},
			{"render300-psm4", func() *Engine { return &Engine{PSM: 4, DPI: 300, AlwaysRender: true} }},
		}
	}
	for _, c := range configs {
		b.Run(c.name, func(b *testing.B) {
			var hit, total, npages int
			var secs float64
			for i := 0; i < b.N; i++ {
				hit, total, npages, secs = 0, 0, 0, 0
				for _, scan := range scans {
					text := strings.TrimSuffix(scan, ".scanned.pdf") + ".pdf"
					n := pageCount(b, scan)
					pages := make([]int, n)
					for i := range pages {
						pages[i] = i + 1
					}
					e := c.e()
					e.TempDir = b.TempDir()
					start := time.Now()
					got, err := e.Recognize(context.Background(), scan, pages)
					secs += time.Since(start).Seconds()
					if err != nil {
						b.Fatal(err)
					}
					var fh, ft int
					for _, p := range got {
						ref, err := exec.Command("pdftotext", "-f", fmt.Sprint(p.Number), "-l", fmt.Sprint(p.Number), text, "-").Output()
						if err != nil {
							b.Fatalf("pdftotext %s: %v", text, err)
						}
						_, h, t := wordRecall(string(ref), p.Text)
						fh, ft = fh+h, ft+t
					}
					b.Logf("%s %s: recall %.4f (%d/%d)", c.name, filepath.Base(scan), float64(fh)/float64(ft), fh, ft)
					hit, total, npages = hit+fh, total+ft, npages+n
				}
			}
			b.ReportMetric(float64(hit)/float64(total), "recall")
			b.ReportMetric(secs/float64(npages), "s/page")
		})
	}
}
