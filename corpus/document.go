// Package corpus finds agreement files and turns each of them, whatever its
// format, into a Document: plain text with page boundaries, so that any span
// of text maps back to the page it came from.
package corpus

import (
	"sort"
	"strings"
	"time"
)

// Format names the kind of file a Document was read from.
type Format string

// The formats dpa reads.
const (
	FormatPDF  Format = "pdf"
	FormatDOCX Format = "docx"
	FormatHTML Format = "html"
	FormatText Format = "text"
	FormatODT  Format = "odt"
	FormatRTF  Format = "rtf"
	// FormatDOC is a Word 97–2003 document.
	FormatDOC Format = "doc"
	// FormatImage is a photo or scan saved as JPEG, PNG or TIFF, read by OCR.
	FormatImage Format = "image"
)

// PageSeparator separates the text of consecutive pages in Document.Text.
// It is a form feed on a line of its own, so line-based readers see an
// empty line and regular expressions see white space.
const PageSeparator = "\f\n"

// Page is one page of a Document: its 1-based number and the byte range
// [Start, End) of its text in Document.Text.
type Page struct {
	Number int `json:"page"`
	Start  int `json:"start"`
	End    int `json:"end"`
	// OCR is true when the page's text was recognised from an image.
	OCR bool `json:"ocr,omitempty"`
	// Confidence is the OCR engine's mean word confidence (0–100) for an OCR page.
	Confidence float64 `json:"confidence,omitempty"`
	// Words are the words of an OCR page with their boxes on the page
	// image, spans into Document.Text, in text order; nil for other pages.
	// They give evidence its rectangle on the scan and are not stored.
	Words []WordBox `json:"-"`
}

// WordBox is one word an OCR engine recognised: its byte range in the text
// and its box on the page image.
type WordBox struct {
	Start, End int
	Box
}

// Box is a rectangle on a page image, in fractions (0–1) of the image's
// width and height, measured from its top left corner.
type Box struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// BoxOf returns the smallest box around the words of p that overlap the
// byte range [start, end) of Document.Text, or false when none does.
func (p Page) BoxOf(start, end int) (Box, bool) {
	i := sort.Search(len(p.Words), func(i int) bool { return p.Words[i].End > start })
	var b Box
	found := false
	for ; i < len(p.Words) && p.Words[i].Start < end; i++ {
		w := p.Words[i].Box
		if !found {
			b, found = w, true
			continue
		}
		b.X0, b.Y0 = min(b.X0, w.X0), min(b.Y0, w.Y0)
		b.X1, b.Y1 = max(b.X1, w.X1), max(b.Y1, w.Y1)
	}
	return b, found
}

// Source describes the file (or files, for byte-identical copies) a Document was read from.
type Source struct {
	Path     string    `json:"path"`
	Paths    []string  `json:"paths"`
	SHA256   string    `json:"sha256"`
	Format   Format    `json:"format"`
	Pages    int       `json:"pages"`
	Bytes    int64     `json:"bytes"`
	Modified time.Time `json:"modified"`
	// Email is the provenance of a document read from an e-mail message
	// (an attachment, or the body): the message's file, sender, date and
	// subject; nil for a file of its own.
	Email *EmailSource `json:"email,omitempty"`
}

// Document is the text of one agreement with its page structure.
type Document struct {
	Source Source
	// Text is the whole text, pages joined by PageSeparator.
	Text string
	// Pages lists the pages in order; formats without pages (DOCX, HTML,
	// text) have a single page spanning the whole text.
	Pages []Page
	// Blocks is the document's structure in document order (see Block);
	// nil when the ingestor did not build it.
	Blocks []Block
	// Warnings are things a reader should know about how the text was
	// obtained ("page 3: no text layer (scanned)").
	Warnings []string
}

// PageText is the text of one page as an ingestor produced it.
type PageText struct {
	Text       string
	OCR        bool
	Confidence float64
	// Blocks are the page's blocks, spans into Text, for a reader that
	// builds them (OCR); nil otherwise.
	Blocks []Block
	// Words are an OCR page's words with their boxes, spans into Text.
	Words []WordBox
}

// NewDocument joins the pages' texts into one Document with page offsets.
func NewDocument(src Source, pages []PageText) *Document {
	// Sized once: grown by doubling, the text of a long document was
	// copied several times into memory a fresh process had to fault in.
	n := len(PageSeparator) * max(0, len(pages)-1)
	for _, p := range pages {
		n += len(p.Text)
	}
	var b strings.Builder
	b.Grow(n)
	doc := &Document{Source: src}
	if len(pages) > 0 {
		doc.Pages = make([]Page, 0, len(pages))
	}
	for i, p := range pages {
		if i > 0 {
			b.WriteString(PageSeparator)
		}
		start := b.Len()
		b.WriteString(p.Text)
		page := Page{Number: i + 1, Start: start, End: b.Len(), OCR: p.OCR, Confidence: p.Confidence}
		for _, w := range p.Words {
			w.Start, w.End = w.Start+start, w.End+start
			page.Words = append(page.Words, w)
		}
		doc.Pages = append(doc.Pages, page)
	}
	doc.Text = b.String()
	doc.Source.Pages = len(pages)
	return doc
}

// PageAt returns the page that holds byte offset off of Text; offsets in a
// separator belong to the page before it. It returns the zero Page for an
// empty document.
func (d *Document) PageAt(off int) Page {
	if len(d.Pages) == 0 {
		return Page{}
	}
	i := sort.Search(len(d.Pages), func(i int) bool { return d.Pages[i].End >= off })
	if i >= len(d.Pages) {
		i = len(d.Pages) - 1
	}
	return d.Pages[i]
}
