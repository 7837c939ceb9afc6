package extract

import (
	"cmp"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// benchCorpus is the shared corpus of real agreements; the benchmark uses
// its txt/ files when it is there and the fixtures alone otherwise.
var benchCorpus = filepath.Join(cmp.Or(os.Getenv("DPA_CORPUS"), "../../shared/corpus"), "txt")

// bytesPerPage converts text to pages for the benchmark. The corpus .txt
// files have no page breaks, so pages are counted the same way for every
// input: text bytes / 3000, about one A4 page of agreement prose (the five
// corpus texts give 69 pages this way against 81 in their PDFs, whose
// tables, running titles and footers take room).
const bytesPerPage = 3000

// benchDocuments reads the fixtures and, when present, the corpus texts,
// and returns them with their page count.
func benchDocuments(b *testing.B) ([]*corpus.Document, float64) {
	paths := fixtures(b)
	if extra, _ := filepath.Glob(filepath.Join(benchCorpus, "*.txt")); len(extra) > 0 {
		paths = append(paths, extra...)
	} else {
		b.Logf("%s not found: fixtures only", benchCorpus)
	}
	var docs []*corpus.Document
	var bytes int
	for _, p := range paths {
		d := fixtureDocument(b, p)
		docs = append(docs, d)
		bytes += len(d.Text)
	}
	return docs, float64(bytes) / bytesPerPage
}

// reportPages reports ms per page (wall clock) and pages per second for a
// benchmark that processed pages pages per iteration.
func reportPages(b *testing.B, pages float64) {
	perIter := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(perIter*1000/pages, "ms/page")
	b.ReportMetric(pages/perIter, "pages/s")
}

// BenchmarkExtract measures Extract over the fixture agreements and, when
// present, the corpus texts, and reports ms per page (wall clock and CPU)
// and pages per second.
func BenchmarkExtract(b *testing.B) {
	docs, pages := benchDocuments(b)
	for _, d := range docs {
		Extract(d) // rules and the sentence model are prepared on first use
	}
	cpu0 := processCPU()
	for b.Loop() {
		for _, d := range docs {
			Extract(d)
		}
	}
	b.StopTimer()
	reportPages(b, pages)
	// CPU time holds on a busy machine, where the wall clock does not
	b.ReportMetric((processCPU()-cpu0).Seconds()*1000/float64(b.N)/pages, "cpu-ms/page")
}

// BenchmarkFields measures each field extractor alone (after the ones it
// depends on), on a fresh doc each time so that shared work (sentence
// spans, passages) is charged to the first field that needs it.
func BenchmarkFields(b *testing.B) {
	docs, pages := benchDocuments(b)
	for i, f := range fields {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				var ds []*doc
				var rs []*Record
				for _, d := range docs {
					dd, r := newDoc(d), &Record{Evidence: map[string][]Evidence{}}
					for _, g := range fields[:i] {
						runField(g, dd, r)
					}
					ds, rs = append(ds, dd), append(rs, r)
				}
				b.StartTimer()
				for j := range ds {
					runField(f, ds[j], rs[j])
				}
			}
			reportPages(b, pages)
		})
	}
}
