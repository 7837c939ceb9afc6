package ocr

import (
	"math"
	"strings"
	"unicode"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/pdf"
)

// recognised is what one page's word table gives: the text, its blocks
// and the words with their boxes, spans into the text.
type recognised struct {
	text   string
	blocks []blocks.Block
	words  []corpus.WordBox
}

// readPage lays out the words of a page image of w×h pixels scanned at
// ppi pixels per inch and builds its structure the way corpus/pdf builds
// a text layer's (pdf.LayoutBlocks): paragraphs from vertical gaps,
// lines ending short of the margin and first-line indents where
// tesseract's paragraph numbers change, headings from larger type (word
// heights), tables from cells aligned in columns. Every word keeps its
// box, in fractions of the image.
func readPage(words []word, w, h int, ppi float64) recognised {
	raw, lines := layout(words)
	text, at := cleanTextMap(raw)
	if text != cleanText(raw) {
		return recognised{text: cleanText(raw)} // cannot happen; the text comes first
	}
	out := recognised{text: text}
	if w <= 0 || h <= 0 || len(lines) == 0 {
		return out
	}
	if ppi <= 0 {
		ppi = DefaultDPI
	}
	pt := 72 / ppi // points per pixel
	var placed []pdf.PlacedLine
	for _, l := range lines {
		start, end := at(l.start), at(l.end)
		for start < end && text[start] == ' ' {
			start++
		}
		if start >= end {
			continue
		}
		pl := pdf.PlacedLine{Start: start, End: end}
		var ems, baselines []float64
		x0, x1 := l.words[0].w.left, 0
		rule := -1 // where the gap before a vertical rule starts
		for k, p := range l.words {
			x0, x1 = min(x0, p.w.left), max(x1, p.w.left+p.w.width)
			baselines = append(baselines, baseline(p.w))
			if f := heightShare(p.w.text); f > 0 {
				ems = append(ems, float64(p.w.height)/f)
			}
			pl.Chars += len([]rune(p.w.text))
			s, e := at(p.start), at(p.end)
			if s < e {
				out.words = append(out.words, corpus.WordBox{Start: s, End: e, Box: corpus.Box{
					X0: frac(p.w.left, w), Y0: frac(p.w.top, h), X1: frac(p.w.left+p.w.width, w), Y1: frac(p.w.top+p.w.height, h)}})
			}
			if k == 0 || s < start {
				continue
			}
			if isRule(p.w.text) {
				// A table's vertical rule, read as a word: a cell starts
				// after it, and the gap starts before it.
				if rule < 0 {
					rule = at(p.start - 1)
					if p.sep {
						rule = at(p.start - len(CellSeparator))
					}
				}
				continue
			}
			x := float64(p.w.left) * pt
			switch {
			case rule >= 0:
				pl.Cells = append(pl.Cells, pdf.PlacedCell{Off: rule - start, Len: s - rule, X: x})
			case p.sep:
				sep := at(p.start - len(CellSeparator))
				pl.Cells = append(pl.Cells, pdf.PlacedCell{Off: sep - start, Len: s - sep, X: x})
			default:
				pl.Words = append(pl.Words, pdf.PlacedWord{Off: s - start, X: x})
			}
			rule = -1
		}
		if len(pl.Cells) == 0 {
			// A line with no gap wide enough for a cell is prose: its word
			// starts, which OCR places with some jitter, would line up by
			// chance with a table's columns nearby (corpus/pdf adds a cell
			// gap where they do). A row with one cell gap may get another.
			pl.Words = nil
		}
		if len(ems) == 0 {
			ems = append(ems, float64(l.words[0].w.height)/0.73)
		}
		pl.Size = median(ems) * pt
		pl.X0, pl.X1 = float64(x0)*pt, float64(x1)*pt
		pl.Y = (float64(h) - median(baselines)) * pt
		placed = append(placed, pl)
	}
	body := snapSizes(placed)
	out.blocks = merge(text, pdf.LayoutBlocks(text, placed), placed, body)
	return out
}

// merge keeps of the blocks the geometry gives (geo) those only geometry
// can see — tables (cells aligned in columns) and headings set in larger
// type — and reads the text between them line by line as
// blocks.FromLines reads text: paragraphs end at the blank lines where
// tesseract's paragraph numbers change, and list items, numbered
// headings and "Label: value" lines are told by their words. Measured on
// the scanned corpus, tesseract's paragraphs and FromLines read running
// text and lists more faithfully than line geometry does, whose
// thresholds were set for a text layer's exact sizes and positions.
func merge(text string, geo []blocks.Block, lines []pdf.PlacedLine, body float64) []blocks.Block {
	var out []blocks.Block
	from := 0 // the text not yet covered
	keep := func(b blocks.Block) bool {
		switch b.Kind {
		case blocks.Table:
			return true
		case blocks.Heading:
			for _, l := range lines {
				if l.Start >= b.Start && l.Start < b.End {
					return l.Size >= headingSize*body
				}
			}
		}
		return false
	}
	for _, b := range geo {
		if !keep(b) || b.Start < from {
			continue
		}
		out = append(out, blocks.FromLines(text, blocks.SplitLines(text, from, b.Start))...)
		out = append(out, b)
		from = b.End
	}
	return append(out, blocks.FromLines(text, blocks.SplitLines(text, from, len(text)))...)
}

// headingSize is how much larger than the body a line's type must be for
// corpus/pdf to make it a heading by its size.
const headingSize = 1.15

// isRule reports whether a word is a table's vertical rule as tesseract
// reads it.
func isRule(s string) bool { return s == "|" || s == "||" }

// frac returns v/of rounded to four decimals (a quarter pixel on an A4
// page at 300 dpi), which keeps the evidence in a record short.
func frac(v, of int) float64 {
	return math.Round(float64(v)/float64(of)*1e4) / 1e4
}

// bodyTolerance is how far (a fraction) the type size measured from a
// line's word heights may be from the page's body size and still be the
// body size: ink heights vary a little from line to line, where a text
// layer's sizes are exact, and lines of one paragraph must compare equal
// (corpus/pdf joins wrapped lines only in the same size). Headings set
// larger start at 1.15 times the body.
const bodyTolerance = 0.1

// leading is the usual distance between the baselines of a paragraph's
// lines in type sizes (single line spacing); maxScale bounds the change
// the line spacing may make to the sizes measured from ink heights (the
// line spacing of a document may be wider than single).
const (
	leading  = 1.15
	maxScale = 1.08
)

// snapSizes sets the size of every line within bodyTolerance of the body
// size (the median over the characters) to the body size, and scales all
// sizes so that the body size is the one the line spacing of the body
// text gives (its median divided by leading), when there are enough
// lines to measure it. Ink heights say how large a line is set compared
// with others, but their scale depends on the typeface (a font's x-height
// and ascenders), where corpus/pdf's rules measure gaps between lines in
// type sizes.
func snapSizes(lines []pdf.PlacedLine) (body float64) {
	var sizes []float64
	for _, l := range lines {
		for range min(l.Chars, 200) {
			sizes = append(sizes, l.Size)
		}
	}
	body = median(sizes)
	for i := range lines {
		if d := lines[i].Size/body - 1; d > -bodyTolerance && d < bodyTolerance {
			lines[i].Size = body
		}
	}
	var pitches []float64
	for i := 1; i < len(lines); i++ {
		a, b := lines[i-1], lines[i]
		if p := a.Y - b.Y; a.Size == body && b.Size == body && p > 0.9*body && p < 2*body {
			pitches = append(pitches, p)
		}
	}
	if len(pitches) < 3 || body <= 0 {
		return body
	}
	scale := min(max(median(pitches)/leading/body, 1/maxScale), maxScale)
	for i := range lines {
		lines[i].Size *= scale
	}
	return body * scale
}

// baseline returns the y of a word's baseline on the image: the bottom of
// its box, raised by its descenders' depth when it has any.
func baseline(w word) float64 {
	bottom := float64(w.top + w.height)
	switch heightShare(w.text) {
	case 0.95: // ascenders and descenders: 0.22 of 0.95 below the line
		return bottom - float64(w.height)*0.22/0.95
	case 0.71: // x-height and descenders
		return bottom - float64(w.height)*0.21/0.71
	}
	return bottom
}

// heightShare is the part of the type size (the em) that the ink of a
// word is high, from the letters in it: ascenders or capitals and
// descenders together span nearly all of it, the x-height alone half.
// It is 0 for a word of punctuation only, whose height says nothing.
func heightShare(s string) float64 {
	asc, desc, letters := false, false, false
	for _, r := range s {
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("bdfhiklt", r) || r > 0x7f && unicode.IsLetter(r):
			asc, letters = true, true
		case strings.ContainsRune("gjpqy", r):
			desc, letters = true, true
		case unicode.IsLetter(r):
			letters = true
		case strings.ContainsRune("()[]{}|/", r):
			asc, desc = true, true
		}
	}
	switch {
	case !letters:
		return 0
	case asc && desc:
		return 0.95
	case asc:
		return 0.73
	case desc:
		return 0.71
	}
	return 0.5
}
