package ocr

import (
	"fmt"
	"math"
	"strings"
)

// Summary is the warning a record carries about its OCR'd pages, such as
// "pages 1–13 read by OCR (tesseract nld, mean confidence 91)". The mean
// is over all words of the pages that were read; pages with Err set are
// listed apart. It returns "" when pages is empty.
func Summary(engine string, pages []Page) string {
	var read, failed []int
	var sum float64
	var words int
	for _, p := range pages {
		if p.Err != nil {
			failed = append(failed, p.Number)
			continue
		}
		read = append(read, p.Number)
		sum += p.Confidence * float64(p.Words)
		words += p.Words
	}
	var parts []string
	if len(read) > 0 {
		conf := 0.0
		if words > 0 {
			conf = sum / float64(words)
		}
		parts = append(parts, fmt.Sprintf("%s read by OCR (%s, mean confidence %d)", PageList(read), engine, int(math.Round(conf))))
	}
	if len(failed) > 0 {
		parts = append(parts, fmt.Sprintf("%s could not be read by OCR", PageList(failed)))
	}
	return strings.Join(parts, "; ")
}

// PageList writes page numbers (ascending) as "page 4" or "pages 1–3, 5, 7–9".
func PageList(pages []int) string {
	var runs []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		switch {
		case j == i:
			runs = append(runs, fmt.Sprint(pages[i]))
		default:
			runs = append(runs, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		}
		i = j + 1
	}
	if len(pages) == 1 {
		return "page " + runs[0]
	}
	return "pages " + strings.Join(runs, ", ")
}
