package ocr

import (
	"fmt"
	"math"
	"strings"

	"github.com/dpa-nl/dpa/corpus"
)

// Summary is the warning a document carries about its OCR'd pages, such
// as "pages 1–13 read by OCR (tesseract nld, mean confidence 91)", with
// the mean of the pages' confidences. It returns "" when no page was
// read by OCR.
func Summary(engine string, pages []corpus.Page) string {
	var read []int
	var sum float64
	for _, p := range pages {
		if p.OCR {
			read = append(read, p.Number)
			sum += p.Confidence
		}
	}
	if len(read) == 0 {
		return ""
	}
	return fmt.Sprintf("%s read by OCR (%s, mean confidence %d)", PageList(read), engine, int(math.Round(sum/float64(len(read)))))
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
