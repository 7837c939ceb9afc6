package ocr

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// CellSeparator separates table cells on one line of OCR text, as
// corpus/pdf does for text layers, so that the extractors' table rules
// read scans and text PDFs alike.
const CellSeparator = " | "

// word is one word of tesseract's TSV output.
type word struct {
	page                     int // page_num: the page of a multi-page image
	block, par, line         int
	left, top, width, height int
	conf                     float64
	text                     string
}

// parseTSV returns the words of tesseract's TSV output (rows of level 5
// with text) in reading order.
func parseTSV(tsv []byte) []word {
	words, _, _ := parseTSVPage(tsv)
	return words
}

// parseTSVPage returns the words of tesseract's TSV output in reading
// order and the size of the page image in pixels (its row of level 1; 0
// when missing).
func parseTSVPage(tsv []byte) (words []word, width, height int) {
	for i, row := range strings.Split(string(tsv), "\n") {
		f := strings.Split(row, "\t")
		if i == 0 || len(f) < 12 {
			continue
		}
		n := make([]int, 10)
		for j := range n {
			n[j], _ = strconv.Atoi(f[j])
		}
		if f[0] == "1" {
			width, height = n[8], n[9]
		}
		if f[0] != "5" || strings.TrimSpace(f[11]) == "" {
			continue
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		words = append(words, word{page: n[1], block: n[2], par: n[3], line: n[4], left: n[6], top: n[7], width: n[8], height: n[9], conf: conf, text: strings.TrimSpace(f[11])})
	}
	return words, width, height
}

// Cell gaps. Measured on the scanned corpus (35 pages, 190 gaps found):
// a gap between two words of a line is a gap between table cells when it
// is wider than cellGapHeight word heights and cellGapRatio times the
// usual gap (the line's other gaps, which widen together in justified
// text, or the page's for a line of two or three words). Justified prose
// reaches 1.4 heights and 1.2 times its line's gaps; table cells start at
// 1.5 heights and 3.7 times.
const (
	cellGapHeight = 1.5
	cellGapRatio  = 2.5
)

// listMarker matches a first word that is a list marker, not a table
// cell, as tesseract reads bullets and numbers: "•", "e" or "«" for a
// round bullet, "a.", "1.", "2.3", "(b)".
var listMarker = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[•·«»*„°e-]|[–—]|\(?[a-z]\)|[a-z]\.|\(?\d+(?:\.\d+)*[.)]?)$`)
})

// bulletMisreads are the characters tesseract reads a round bullet as.
var bulletMisreads = map[string]bool{"•": true, "·": true, "«": true, "»": true, "*": true, "„": true, "°": true, "e": true}

// layoutText writes the words as tesseract's text output does (a line
// per line, a blank line between paragraphs) with table cells separated
// by CellSeparator and round bullets written as "•".
func layoutText(words []word) string {
	text, _ := layout(words)
	return text
}

// textLine is one line layoutText wrote, with where its words went.
type textLine struct {
	start, end int // byte range of the line in the text
	words      []placed
}

// placed is one word of a line and where its text went; sep is true when
// a CellSeparator, not a space, stands before it.
type placed struct {
	w          word
	start, end int
	sep        bool
}

// layout is layoutText, also returning the lines it wrote.
func layout(words []word) (string, []textLine) {
	words = dropSpecks(words)
	if len(words) == 0 {
		return "", nil
	}
	var heights, gaps []float64
	for i, w := range words {
		heights = append(heights, float64(w.height))
		if i > 0 && sameLine(words[i-1], w) {
			gaps = append(gaps, float64(w.left-words[i-1].left-words[i-1].width))
		}
	}
	height, pageGap := median(heights), median(gaps)

	var b strings.Builder
	var lines []textLine
	for start := 0; start < len(words); {
		end := start + 1
		for end < len(words) && sameLine(words[end-1], words[end]) {
			end++
		}
		var l textLine
		if start > 0 {
			prev, w := words[start-1], words[start]
			if prev.block != w.block || prev.par != w.par {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		l.start = b.Len()
		l.words = writeLine(&b, words[start:end], height, pageGap)
		l.end = b.Len()
		lines = append(lines, l)
		start = end
	}
	return b.String(), lines
}

// writeLine writes one line's words and returns where each went.
func writeLine(b *strings.Builder, line []word, height, pageGap float64) []placed {
	out := make([]placed, len(line))
	gaps := make([]float64, len(line)-1)
	for i := range gaps {
		gaps[i] = float64(line[i+1].left - line[i].left - line[i].width)
	}
	for i, w := range line {
		out[i].w = w
		if i == 0 {
			out[i].start = b.Len()
			if len(line) > 1 && bulletMisreads[w.text] && gaps[0] > pageGap*cellGapRatio/2 {
				b.WriteString("•")
			} else {
				b.WriteString(w.text)
			}
			out[i].end = b.Len()
			continue
		}
		g := gaps[i-1]
		usual := pageGap
		if len(gaps) >= 3 {
			others := append(append([]float64{}, gaps[:i-1]...), gaps[i:]...)
			usual = median(others)
		}
		if g > cellGapHeight*height && g > cellGapRatio*usual && !(i == 1 && listMarker().MatchString(line[0].text)) {
			b.WriteString(CellSeparator)
			out[i].sep = true
		} else {
			b.WriteString(" ")
		}
		out[i].start = b.Len()
		b.WriteString(w.text)
		out[i].end = b.Len()
	}
	return out
}

// A speck is a "word" tesseract reads from dust or a table rule's end: a
// confidence below speckConf and a box less than speckSize of the page's
// usual word height both ways. On the scanned corpus such specks ("k",
// 4×4 pixels, confidence 0, at the right edge of a table row) stood in
// for table cells that did not line up with any column.
const (
	speckConf = 10
	speckSize = 0.3
)

// dropSpecks returns the words without the specks.
func dropSpecks(words []word) []word {
	var hs []float64
	for _, w := range words {
		hs = append(hs, float64(w.height))
	}
	small := speckSize * median(hs)
	out := words[:0:0]
	for _, w := range words {
		if w.conf >= 0 && w.conf < speckConf && float64(w.width) < small && float64(w.height) < small {
			continue
		}
		out = append(out, w)
	}
	return out
}

func sameLine(a, b word) bool {
	return a.block == b.block && a.par == b.par && a.line == b.line
}

// median returns the middle value of xs (the mean of the two middle ones
// for an even count), 0 for none. It does not change xs.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64{}, xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
