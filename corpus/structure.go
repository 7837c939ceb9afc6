package corpus

import (
	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/markdown"
)

// buildBlocks fills the block model of a freshly read document from its
// final text, page by page. A text file is parsed as Markdown. A failure
// here costs the structure, never the document: the text stays as read.
func buildBlocks(doc *Document) (bs []Block) {
	defer func() {
		if recover() != nil {
			bs = nil
		}
	}()
	switch doc.Source.Format {
	case FormatText:
		for _, p := range doc.Pages {
			for _, b := range markdown.Blocks(doc.Text, p.Start, p.End) {
				b.Page = p.Number
				bs = append(bs, b)
			}
		}
	default:
		return nil
	}
	return blocks.Tidy(doc.Text, bs)
}
