package ocr

// meanConfidence returns the mean confidence (0–100) of the words
// tesseract gave one (it gives -1 to rows that are layout, not words) and
// how many there were.
func meanConfidence(words []word) (mean float64, n int) {
	var sum float64
	for _, w := range words {
		if w.conf < 0 {
			continue
		}
		sum += w.conf
		n++
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}
