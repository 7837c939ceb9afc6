package ocr

import (
	"strconv"
	"strings"
)

// meanConfidence reads tesseract's TSV output and returns the mean
// confidence (0–100) of its words and their number. Rows of level 5 are
// words; rows with confidence -1 or empty text are layout, not words.
func meanConfidence(tsv []byte) (mean float64, words int) {
	var sum float64
	for i, line := range strings.Split(string(tsv), "\n") {
		if i == 0 {
			continue // header
		}
		f := strings.Split(line, "\t")
		if len(f) < 12 || f[0] != "5" || strings.TrimSpace(f[11]) == "" {
			continue
		}
		c, err := strconv.ParseFloat(f[10], 64)
		if err != nil || c < 0 {
			continue
		}
		sum += c
		words++
	}
	if words == 0 {
		return 0, 0
	}
	return sum / float64(words), words
}
