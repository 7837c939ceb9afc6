package corpus

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/markdown"
)

// cleanPage returns the cleaned text of page i (CleanText) and moves the
// page's blocks, if any, along with it.
func (r *read) cleanPage(i int) string {
	raw := r.pages[i].Text
	words := r.pages[i].Words
	if (i >= len(r.blocks) || r.blocks[i] == nil) && words == nil {
		return CleanText(raw)
	}
	clean, f, ok := cleanTextMap(raw)
	if !ok {
		if i < len(r.blocks) {
			r.blocks[i] = nil
		}
		r.pages[i].Words = nil
		return clean
	}
	if i < len(r.blocks) && r.blocks[i] != nil {
		blocks.Remap(r.blocks[i], f)
		blocks.Retrim(clean, r.blocks[i])
	}
	for k := range words {
		words[k].Start, words[k].End = f(words[k].Start), f(words[k].End)
	}
	return clean
}

// buildBlocks fills the block model of a freshly read document: a text
// file is parsed as Markdown from its final text, page by page; the other
// formats bring their blocks per page (pageBlocks, spans into each page's
// text), which are moved to the page's place in Document.Text. A failure
// here costs the structure, never the document: the text stays as read.
func buildBlocks(doc *Document, pageBlocks [][]Block) (bs []Block) {
	defer func() {
		if recover() != nil {
			bs = nil
		}
	}()
	n := 0 // the blocks the reader brought, all appended to bs below
	for i := range min(len(pageBlocks), len(doc.Pages)) {
		n += len(pageBlocks[i])
	}
	if n > 0 && doc.Source.Format != FormatText {
		bs = make([]Block, 0, n)
	}
	for i, p := range doc.Pages {
		var pb []Block
		if doc.Source.Format == FormatText {
			pb = markdown.Blocks(doc.Text, p.Start, p.End)
		} else if i < len(pageBlocks) && pageBlocks[i] != nil {
			pb = pageBlocks[i]
			blocks.Shift(pb, p.Start)
		} else if doc.Source.Format == FormatPDF || p.OCR {
			// A page read by OCR (or whose structure was lost): its lines.
			pb = blocks.FromLines(doc.Text, blocks.SplitLines(doc.Text, p.Start, p.End))
		}
		for _, b := range pb {
			b.Page = p.Number
			bs = append(bs, b)
		}
	}
	if len(doc.Pages) > 1 {
		bs = blocks.AcrossPages(doc.Text, pageSpans(doc.Pages), bs)
	}
	return blocks.Tidy(doc.Text, bs)
}

func pageSpans(pages []Page) []Span {
	out := make([]Span, len(pages))
	for i, p := range pages {
		out[i] = Span{Start: p.Start, End: p.End}
	}
	return out
}

// spaceFixMap is spaceFixes as a table, for cleanTextMap.
var spaceFixMap = map[rune]string{
	'\u00a0': " ", '\u2007': " ", '\u202f': " ", '\u2009': " ", '\u200a': " ",
	'\u00ad': "", '\u200b': "", '\u2060': "", '\ufeff': "",
	'\ufb00': "ff", '\ufb01': "fi", '\ufb02': "fl", '\ufb03': "ffi", '\ufb04': "ffl", '\ufb05': "st", '\ufb06': "st",
}

// cleanTextMap returns CleanText(s) and the map from offsets of s to
// offsets of the cleaned text, so that blocks a reader built over its own
// text can follow the text into the Document. It returns ok false when its
// piecewise cleaning does not give exactly CleanText(s) (then the blocks
// are dropped rather than pointing at the wrong bytes).
func cleanTextMap(s string) (string, func(int) int, bool) {
	want := CleanText(s)
	if want == s {
		return s, func(o int) int { return o }, true
	}
	// Step 1: the character replacements, rune by rune.
	var b strings.Builder
	m1 := &blocks.OffsetMap{}
	for i, r := range s {
		if rep, ok := spaceFixMap[r]; ok {
			m1.Add(i, b.Len())
			b.WriteString(rep)
			m1.Add(i+utf8.RuneLen(r), b.Len())
			continue
		}
		b.WriteRune(r)
	}
	fixed := b.String()
	// Step 2: NFC, one normalisation segment at a time.
	m2 := &blocks.OffsetMap{}
	var out strings.Builder
	out.Grow(len(fixed))
	for i := 0; i < len(fixed); {
		n := norm.NFC.NextBoundaryInString(fixed[i:], true)
		if n <= 0 {
			n = len(fixed) - i
		}
		seg := fixed[i : i+n]
		if norm.NFC.IsNormalString(seg) {
			out.WriteString(seg)
		} else {
			m2.Add(i, out.Len())
			out.WriteString(norm.NFC.String(seg))
			m2.Add(i+n, out.Len())
		}
		i += n
	}
	if out.String() != want {
		return want, nil, false
	}
	return want, func(o int) int { return m2.Map(m1.Map(o)) }, true
}
