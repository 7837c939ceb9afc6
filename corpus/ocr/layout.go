package ocr

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// CellSeparator separates table cells on one line of OCR text, as
// corpus/pdf does for text layers, so that the extractors' table rules
// read scans and text PDFs alike.
const CellSeparator = " | "

// word is one word of tesseract's TSV output.
type word struct {
	page                int // page_num: the page of a multi-page image
	block, par, line    int
	left, width, height int
	conf                float64
	text                string
}

// parseTSV returns the words of tesseract's TSV output (rows of level 5
// with text) in reading order.
func parseTSV(tsv []byte) []word {
	var words []word
	for i, row := range strings.Split(string(tsv), "\n") {
		f := strings.Split(row, "\t")
		if i == 0 || len(f) < 12 || f[0] != "5" || strings.TrimSpace(f[11]) == "" {
			continue
		}
		n := make([]int, 10)
		for j := range n {
			n[j], _ = strconv.Atoi(f[j])
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		words = append(words, word{page: n[1], block: n[2], par: n[3], line: n[4], left: n[6], width: n[8], height: n[9], conf: conf, text: strings.TrimSpace(f[11])})
	}
	return words
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
var listMarker = regexp.MustCompile(`^(?:[•·«»*„°e-]|[–—]|\(?[a-z]\)|[a-z]\.|\(?\d+(?:\.\d+)*[.)]?)$`)

// bulletMisreads are the characters tesseract reads a round bullet as.
var bulletMisreads = map[string]bool{"•": true, "·": true, "«": true, "»": true, "*": true, "„": true, "°": true, "e": true}

// layoutText writes the words as tesseract's text output does (a line
// per line, a blank line between paragraphs) with table cells separated
// by CellSeparator and round bullets written as "•".
func layoutText(words []word) string {
	if len(words) == 0 {
		return ""
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
	for start := 0; start < len(words); {
		end := start + 1
		for end < len(words) && sameLine(words[end-1], words[end]) {
			end++
		}
		if start > 0 {
			prev, w := words[start-1], words[start]
			if prev.block != w.block || prev.par != w.par {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		writeLine(&b, words[start:end], height, pageGap)
		start = end
	}
	return b.String()
}

// writeLine writes one line's words.
func writeLine(b *strings.Builder, line []word, height, pageGap float64) {
	gaps := make([]float64, len(line)-1)
	for i := range gaps {
		gaps[i] = float64(line[i+1].left - line[i].left - line[i].width)
	}
	for i, w := range line {
		if i == 0 {
			if len(line) > 1 && bulletMisreads[w.text] && gaps[0] > pageGap*cellGapRatio/2 {
				b.WriteString("•")
			} else {
				b.WriteString(w.text)
			}
			continue
		}
		g := gaps[i-1]
		usual := pageGap
		if len(gaps) >= 3 {
			others := append(append([]float64{}, gaps[:i-1]...), gaps[i:]...)
			usual = median(others)
		}
		if g > cellGapHeight*height && g > cellGapRatio*usual && !(i == 1 && listMarker.MatchString(line[0].text)) {
			b.WriteString(CellSeparator)
		} else {
			b.WriteString(" ")
		}
		b.WriteString(w.text)
	}
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
