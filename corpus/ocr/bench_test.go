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
// there (DPA_CORPUS, default ../shared/corpus beside the repository) and the fixture otherwise.
//
//	go test ./corpus/ocr -run '^$' -bench OCR -benchtime 1x -count 3 -timeout 30m
//	go test ./corpus/ocr -run '^$' -bench Recall -benchtime 1x
//	DPA_OCR_SWEEP=1 go test ./corpus/ocr -run '^$' -bench Recall -benchtime 1x
func corpusPDFs(b *testing.B) string {
	dir := os.Getenv("DPA_CORPUS")
	if dir == "" {
		dir = "../../../shared/corpus"
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

// BenchmarkOCR measures dpa's OCR against bare tesseract on the same
// pages in the same run (DPA's overhead), and dpa on all cores against
// one (the parallel speed-up). The runs alternate page by page and round
// by round, so that load from other processes on a shared machine falls on
// both sides alike.
//
//   - overhead: per page, bare tesseract on the page's JPEG (extracted
//     before timing, same flags and OMP_THREAD_LIMIT=1), then dpa's
//     Recognize of that one page (listing, extraction, temp dir, TSV
//     parsing and layout).
//     Reports tesseract-s/page, dpa-s/page and overhead-% (dpa/bare − 1).
//   - parallel: all pages with Workers=1, then with one worker per core.
//     Reports serial-s, parallel-s and parallel/serial, and beside it
//     bare-parallel/serial, the same for bare tesseract: on a machine
//     whose cores others are using, the best speed-up there is.
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

	b.Run("overhead", func(b *testing.B) {
		dir := b.TempDir()
		images := extractImages(b, e, path, pages, dir)
		dpa := &Engine{Workers: 1, TempDir: dir}
		var bare, ours time.Duration
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, n := range pages {
				start := time.Now()
				cmd := exec.Command(e.tesseract(), images[n], filepath.Join(dir, "out"), "-l", e.lang(), "--psm", fmt.Sprint(e.psm()), "tsv")
				cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %s", err, out)
				}
				bare += time.Since(start)
				start = time.Now()
				if _, err := dpa.Recognize(context.Background(), path, []int{n}); err != nil {
					b.Fatal(err)
				}
				ours += time.Since(start)
			}
		}
		np := float64(b.N * len(pages))
		b.ReportMetric(bare.Seconds()/np, "tesseract-s/page")
		b.ReportMetric(ours.Seconds()/np, "dpa-s/page")
		b.ReportMetric(100*(ours.Seconds()/bare.Seconds()-1), "overhead-%")
	})
	b.Run("parallel", func(b *testing.B) {
		dir := b.TempDir()
		images := extractImages(b, e, path, pages, dir)
		serial := &Engine{Workers: 1, TempDir: b.TempDir()}
		parallel := &Engine{TempDir: b.TempDir()}
		var ts, tp, bs, bp time.Duration
		for i := 0; i < b.N; i++ {
			for _, c := range []struct {
				e   *Engine
				sum *time.Duration
			}{{serial, &ts}, {parallel, &tp}} {
				start := time.Now()
				if _, err := c.e.Recognize(context.Background(), path, pages); err != nil {
					b.Fatal(err)
				}
				*c.sum += time.Since(start)
			}
			// The same pages with bare tesseract, one and then one per
			// core at a time: what the machine allows at this moment.
			for _, c := range []struct {
				workers int
				sum     *time.Duration
			}{{1, &bs}, {runtime.NumCPU(), &bp}} {
				start := time.Now()
				bareTesseract(b, e, images, dir, c.workers)
				*c.sum += time.Since(start)
			}
		}
		b.ReportMetric(ts.Seconds()/float64(b.N), "serial-s")
		b.ReportMetric(tp.Seconds()/float64(b.N), "parallel-s")
		b.ReportMetric(tp.Seconds()/ts.Seconds(), "parallel/serial")
		b.ReportMetric(bp.Seconds()/bs.Seconds(), "bare-parallel/serial")
	})
}

// extractImages writes the pages' JPEGs into dir with pdfimages.
func extractImages(b *testing.B, e *Engine, path string, pages []int, dir string) map[int]string {
	images := map[int]string{}
	for _, n := range pages {
		base := filepath.Join(dir, fmt.Sprintf("p%d", n))
		if err := run(context.Background(), e.pdfimages(), "-j", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), path, base); err != nil {
			b.Fatal(err)
		}
		images[n] = base + "-000.jpg"
	}
	return images
}

// bareTesseract runs tesseract on each image, workers at a time, as dpa
// does (same flags, OMP_THREAD_LIMIT=1).
func bareTesseract(b *testing.B, e *Engine, images map[int]string, dir string, workers int) {
	sem := make(chan struct{}, workers)
	errs := make(chan error, len(images))
	for n, img := range images {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			cmd := exec.Command(e.tesseract(), img, filepath.Join(dir, fmt.Sprintf("out%d", n)), "-l", e.lang(), "--psm", fmt.Sprint(e.psm()), "tsv")
			cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("%v: %s", err, out)
			}
		}()
	}
	for range workers {
		sem <- struct{}{}
	}
	close(errs)
	for err := range errs {
		b.Fatal(err)
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
