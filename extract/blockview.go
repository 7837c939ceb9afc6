package extract

import (
	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/blocks"
)

// blocks returns the document's structure: the blocks its ingestor built,
// or, for a document whose ingestor builds none yet (PDF, OCR), the blocks
// the shared line reader (blocks.FromLines) finds on each page. Computed once.
func (d *doc) blocks() []corpus.Block {
	if d.blockCache != nil {
		return d.blockCache
	}
	if len(d.Blocks) > 0 {
		d.blockCache = d.Blocks
	} else {
		for _, p := range d.Pages {
			for _, b := range blocks.FromLines(d.text, blocks.SplitLines(d.text, p.Start, p.End)) {
				b.Page = p.Number
				d.blockCache = append(d.blockCache, b)
			}
		}
		d.blockCache = blocks.Tidy(d.text, d.blockCache)
		if d.blockCache == nil {
			d.blockCache = []corpus.Block{}
		}
	}
	return d.blockCache
}
