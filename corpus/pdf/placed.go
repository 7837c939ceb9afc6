package pdf

import "github.com/dpa-nl/dpa/corpus/blocks"

// PlacedLine is one line of a page's text whose words another reader
// placed on the page — an OCR engine — for LayoutBlocks. Coordinates are
// in points as in a PDF: x from the left edge, y from the bottom edge up.
type PlacedLine struct {
	// Start and End are the line's byte range in the page text.
	Start, End int
	// X0 and X1 are the left and right edges, Y the baseline.
	X0, X1, Y float64
	// Size is the type size in points; Chars the number of characters.
	Size  float64
	Chars int
	// Cells are the cells after the first: where the separator before
	// each stands (offset from Start, length) and the cell's left edge.
	Cells []PlacedCell
	// Words are where the words after the first that follow a space start.
	Words []PlacedWord
}

// PlacedCell is the start of a cell after the first of a PlacedLine.
type PlacedCell struct {
	Off, Len int
	X        float64
}

// PlacedWord is the start of a word of a PlacedLine: its offset from the
// line's Start and its left edge.
type PlacedWord struct {
	Off int
	X   float64
}

// LayoutBlocks builds the blocks of one page from lines placed by another
// reader, the way Read builds them from a text layer's glyphs: columns
// aligned across lines become tables, lines in larger type headings,
// indented runs lists, and the rest is read by blocks.FromLayoutLines.
// Spans point into text.
func LayoutBlocks(text string, lines []PlacedLine) []blocks.Block {
	infos := make([]lineInfo, len(lines))
	for i, l := range lines {
		info := lineInfo{start: l.Start, end: l.End, x0: l.X0, x1: l.X1, y: l.Y,
			chars: l.Chars, sizeSum: l.Size * float64(l.Chars)}
		for _, c := range l.Cells {
			info.seps = append(info.seps, c.Off)
			info.sepLen = append(info.sepLen, c.Len)
			info.cellX = append(info.cellX, c.X)
		}
		for _, w := range l.Words {
			info.words = append(info.words, wordStart{off: w.Off, x: w.X})
		}
		infos[i] = info
	}
	return pageBlocks(text, infos)
}
