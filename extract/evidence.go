package extract

import (
	"strings"

	"github.com/dpa-nl/dpa/corpus"
)

// doc is the document as the field extractors see it: the text, its
// outline, and the means to cite a passage as Evidence.
type doc struct {
	*corpus.Document
	text    string
	outline []Section
	// paras are the offsets where paragraphs start, and paraSents their
	// sentence spans, computed on first use (sentences.go)
	paras     []int
	paraSents [][][2]int
	// passageCache holds the passages, computed on first use (passages.go)
	passageCache []passage
	// index is what the cued rules share about the text: its lower-case
	// copy and where their words stand (cueindex.go)
	index       *docIndex
	blockCache  []corpus.Block // the blocks, computed on first use (blockview.go)
	allLines    []Line         // the lines of the whole text, split on first use (lines)
	linesDone   bool
	clauseHeads []int      // offsets of the clause headings, computed on first use (subprocessors.go)
	blockCtxs   []blockCtx // the blocks with their sections, computed on first use (subscored.go)
	// tables are the classified tables, set by the sub-processor extractor (tableroles.go)
	classified []tableInfo
	// explain collects the candidates the scored extractors weighed, for
	// dpa extract --explain; nil when nobody asked.
	explain *Explanation
}

// newDoc returns the doc of d, live (see liveDocs) until release.
func newDoc(d *corpus.Document) *doc {
	x := newDocIndex(d.Text)
	addLive(x)
	return &doc{Document: d, text: d.Text, index: x, outline: Outline(d.Text)}
}

// release lets the document go from liveDocs: its text no longer gets
// the index's shortcut.
func (d *doc) release() {
	dropLive(d.index)
}

// span returns Evidence for the byte range [start, end) of the text,
// trimmed of surrounding white space, with the rule's confidence.
func (d *doc) span(start, end int, confidence float64) Evidence {
	if start < 0 {
		start = 0
	}
	if end > len(d.text) {
		end = len(d.text)
	}
	for start < end && strings.ContainsRune(" \t\r\n\f", rune(d.text[start])) {
		start++
	}
	for end > start && strings.ContainsRune(" \t\r\n\f", rune(d.text[end-1])) {
		end--
	}
	p := d.PageAt(start)
	ev := Evidence{Page: p.Number, Start: start, End: end, Quote: d.text[start:end], Confidence: confidence}
	if p.OCR {
		ev.OCR = true
		ev.OCRConfidence = p.Confidence
		if b, ok := p.BoxOf(start, end); ok {
			ev.Box = &b
		}
	}
	return ev
}

// cite records the passage [start, end) as evidence for the field at path.
func (d *doc) cite(r *Record, path string, start, end int, confidence float64) {
	r.Evidence[path] = append(r.Evidence[path], d.span(start, end, confidence))
}
