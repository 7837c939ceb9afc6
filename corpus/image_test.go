package corpus

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// fakeImages is an OCR engine that reads PDFs and images from a table.
type fakeImages struct {
	pages []PageText
	err   error
}

func (f fakeImages) RecognizePages(context.Context, string, []int) ([]PageText, error) {
	return nil, errors.New("no PDFs here")
}

func (f fakeImages) RecognizeImage(context.Context, string) ([]PageText, error) {
	return f.pages, f.err
}

// TestOpenImage checks how Open reads an image through the OCR engine:
// one page per recognised page, marked OCR with its confidence, blocks
// from its lines, and one clear error per way it can fail.
func TestOpenImage(t *testing.T) {
	dir := t.TempDir()
	png := writeFile(t, dir, "scan.png", []byte("\x89PNG\r\n\x1a\nrest of the image"))
	two := []PageText{{Text: "Artikel 1 Onderwerp\nDe Verwerker verwerkt.", OCR: true, Confidence: 91}, {Text: "Artikel 2 Duur\nEen jaar.", OCR: true, Confidence: 88}}
	doc, err := openPath(t, context.Background(), png, Options{OCR: fakeImages{pages: two}})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Source.Format != FormatImage || len(doc.Pages) != 2 || !doc.Pages[1].OCR || doc.Pages[1].Confidence != 88 {
		t.Errorf("document: %+v, pages %+v", doc.Source, doc.Pages)
	}
	if len(doc.Blocks) == 0 || doc.Blocks[len(doc.Blocks)-1].Page != 2 {
		t.Errorf("blocks: %+v", doc.Blocks)
	}
	tests := []struct {
		name string
		opts Options
		kind Kind
		msg  string
	}{
		{"OCR off", Options{}, NeedsOCR, "a PNG image is read by OCR, and OCR is off"},
		{"engine missing", Options{OCR: fakeImages{err: errors.New("tesseract not found")}}, NeedsOCR, "a PNG image: tesseract not found"},
		{"damaged", Options{OCR: fakeImages{err: fmt.Errorf("%w: bad header", ErrUnreadableImage)}}, Damaged, "damaged file: PNG image: unreadable image: bad header"},
		{"too large", Options{OCR: fakeImages{err: fmt.Errorf("%w: 9 pixels", ErrOverLimit)}}, TooLarge, "too large: PNG image"},
		{"no text", Options{OCR: fakeImages{pages: []PageText{{OCR: true}}}}, NoText, "OCR found no text in this PNG image"},
		{"a PDF engine only", Options{OCR: pdfOnly{}}, NeedsOCR, "OCR is off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := openPath(t, context.Background(), png, tt.opts)
			if KindOf(err) != tt.kind || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "scan.png") {
				t.Errorf("error %v, want kind %v with %q", err, tt.kind, tt.msg)
			}
		})
	}
}

// pdfOnly is an OCR engine that cannot read images.
type pdfOnly struct{}

func (pdfOnly) RecognizePages(context.Context, string, []int) ([]PageText, error) { return nil, nil }
