package review

import (
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/testdata/modelgen"
)

// BenchmarkReview reviews one generated model-style agreement; compare
// with BenchmarkExtract, the extraction of the same document, measured
// in the same run (go test -bench . -cpu 1).
func BenchmarkReview(b *testing.B) {
	doc, rec := benchDoc(b)
	b.ResetTimer()
	for b.Loop() {
		Review(doc, rec)
	}
}

// BenchmarkExtract is the reference for BenchmarkReview.
func BenchmarkExtract(b *testing.B) {
	doc, _ := benchDoc(b)
	b.ResetTimer()
	for b.Loop() {
		extract.Extract(doc)
	}
}

func benchDoc(b *testing.B) (*corpus.Document, *extract.Record) {
	text := string(modelgen.Text(modelgen.Render(1, modelgen.Case{}, modelgen.Options{})))
	doc := corpus.NewDocument(corpus.Source{Path: "bench.txt"}, []corpus.PageText{{Text: text}})
	return doc, extract.Extract(doc)
}
