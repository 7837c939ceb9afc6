package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	worddoc "github.com/dpa-nl/dpa/corpus/doc"
	"github.com/dpa-nl/dpa/corpus/docx"
	"github.com/dpa-nl/dpa/corpus/html"
	"github.com/dpa-nl/dpa/corpus/odt"
	"github.com/dpa-nl/dpa/corpus/pdf"
	"github.com/dpa-nl/dpa/corpus/rtf"
	"github.com/dpa-nl/dpa/corpus/text"
	"golang.org/x/text/unicode/norm"
)

// PageRecognizer reads the text of scanned pages by optical character
// recognition. RecognizePages returns one PageText per requested page, in
// the order of pages (1-based page numbers of the PDF at path), with OCR set
// and the engine's confidence; a page it cannot read comes back with empty
// Text. The ocr package implements it; corpus only defines what it needs.
type PageRecognizer interface {
	RecognizePages(ctx context.Context, path string, pages []int) ([]PageText, error)
}

// ImageRecognizer reads the text of an image file (a photo or scan saved
// as JPEG, PNG or TIFF) by optical character recognition: one PageText per
// page (a TIFF may have several), OCR set, with the engine's confidence.
// Its errors wrap ErrUnreadableImage or ErrOverLimit where they say so.
// An Options.OCR that implements it reads images too.
type ImageRecognizer interface {
	RecognizeImage(ctx context.Context, path string) ([]PageText, error)
}

// Options bound and configure the reading of one file.
type Options struct {
	// MaxBytes is the largest file read; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxTextBytes is the largest text, HTML or DOCX file read (these are
	// held in memory whole and expand when parsed); 0 means
	// DefaultMaxTextBytes.
	MaxTextBytes int64
	// OCR, when not nil, reads the pages of a PDF that have no text layer.
	// When nil, such pages stay empty and the Document says so in a warning.
	OCR PageRecognizer
}

// The default limits of Options.
const (
	DefaultMaxBytes     = 512 << 20
	DefaultMaxTextBytes = 64 << 20
)

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = DefaultMaxTextBytes
	}
	o.MaxTextBytes = min(o.MaxTextBytes, o.MaxBytes)
	return o
}

// expected maps a file name extension to the format a person expects to
// find behind it, in words for error messages ("not a PDF (PNG image)").
// The extension never decides how a file is read; content does.
var expected = map[string]string{
	".pdf":      "a PDF",
	".docx":     "a Word document (DOCX)",
	".docm":     "a Word document (DOCX)",
	".html":     "an HTML file",
	".htm":      "an HTML file",
	".xhtml":    "an HTML file",
	".txt":      "a text file",
	".text":     "a text file",
	".md":       "a text file",
	".markdown": "a text file",
	".odt":      "an OpenDocument text (ODT)",
	".rtf":      "an RTF document",
	".doc":      "a Word 97–2003 document (.doc)",
	".png":      "a PNG image",
	".jpg":      "a JPEG image",
	".jpeg":     "a JPEG image",
	".tif":      "a TIFF image",
	".tiff":     "a TIFF image",
}

// formatOfExt is the format an extension suggests, for warnings when the
// content says otherwise.
var formatOfExt = map[string]Format{
	".pdf": FormatPDF, ".docx": FormatDOCX, ".docm": FormatDOCX,
	".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML,
	".txt": FormatText, ".text": FormatText, ".md": FormatText, ".markdown": FormatText,
	".odt": FormatODT, ".rtf": FormatRTF, ".doc": FormatDOC,
	".png": FormatImage, ".jpg": FormatImage, ".jpeg": FormatImage, ".tif": FormatImage, ".tiff": FormatImage,
}

// notExpected describes content that is not what the file name promised:
// "not a PDF (PNG image)", or just "PNG image" for an unknown extension.
func notExpected(path, what string) error {
	if want, ok := expected[strings.ToLower(filepath.Ext(path))]; ok {
		return fmt.Errorf("not %s (%s)", want, what)
	}
	if what == text.ErrBinary.Error() {
		return fmt.Errorf("not a text file (%s)", what)
	}
	return errors.New(what)
}

// Open reads f into a Document. The format is decided by content, not by
// the file name. Errors are *FileError values naming the file; a reader
// that panics is reported as a damaged file, never as a crash.
func Open(ctx context.Context, f File, opts Options) (doc *Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, &FileError{Path: f.Path, Kind: Damaged, Err: fmt.Errorf("reader crashed: %v", p)}
		}
	}()
	opts = opts.withDefaults()
	if err := ctx.Err(); err != nil {
		return nil, contextError(f.Path, err)
	}
	if file, part, ok := SplitPart(f.Path); ok {
		return openPart(ctx, f, file, part, opts)
	}
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, &FileError{Path: f.Path, Kind: Other, Err: err}
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, &FileError{Path: f.Path, Kind: Other, Err: err}
	}
	size := info.Size()
	switch {
	case size == 0:
		return nil, &FileError{Path: f.Path, Kind: Empty}
	case size > opts.MaxBytes:
		return nil, &FileError{Path: f.Path, Kind: TooLarge, Err: fmt.Errorf("%d bytes, limit %d", size, opts.MaxBytes)}
	}
	head := make([]byte, SniffLen)
	n, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, &FileError{Path: f.Path, Kind: Other, Err: err}
	}
	content := Sniff(head[:n])
	if content.Binary && bytes.HasPrefix(head, []byte(oleMagic)) && size <= opts.MaxTextBytes {
		data, err := readAll(fh, opts.MaxTextBytes)
		if err == nil && IsEncryptedOffice(data) {
			return nil, &FileError{Path: f.Path, Kind: Encrypted, Err: errors.New("password-protected Office document")}
		}
		if err == nil && worddoc.IsWord(data) {
			content = Content{Format: FormatDOC, What: "Word 97–2003 document"}
		}
	}
	if content.Binary {
		return nil, &FileError{Path: f.Path, Kind: NotSupported, Err: notExpected(f.Path, content.What)}
	}
	src := Source{Path: f.Path, Paths: f.Paths, SHA256: f.SHA256, Format: content.Format, Bytes: size, Modified: f.Modified}
	if len(src.Paths) == 0 {
		src.Paths = []string{f.Path}
	}
	var r read
	if content.Format == FormatPDF {
		r, err = readPDF(ctx, f.Path, opts)
	} else if content.Format == FormatImage {
		r, err = readImage(ctx, f.Path, content.What, opts)
	} else {
		var data []byte
		if size > opts.MaxTextBytes {
			return nil, &FileError{Path: f.Path, Kind: TooLarge, Err: fmt.Errorf("%d bytes, limit %d for %s", size, opts.MaxTextBytes, formatName(content.Format))}
		}
		data, err = readAll(fh, opts.MaxTextBytes)
		if err != nil {
			return nil, &FileError{Path: f.Path, Kind: Other, Err: err}
		}
		switch content.Format {
		case FormatDOCX:
			r, err = readDOCX(ctx, f.Path, data)
		case FormatRTF:
			r, err = readRTF(ctx, f.Path, data)
		case FormatDOC:
			r, err = readDOC(ctx, f.Path, data)
		default:
			r, err = readText(ctx, f.Path, data)
		}
	}
	if err != nil {
		return nil, err
	}
	src.Format = r.format
	if want, ok := formatOfExt[strings.ToLower(filepath.Ext(f.Path))]; ok && want != r.format {
		r.warnings = append([]string{fmt.Sprintf("named %s but holds %s; read by its content", filepath.Ext(f.Path), formatName(r.format))}, r.warnings...)
	}
	if r.format != FormatPDF && blank(r.pages) {
		return nil, &FileError{Path: f.Path, Kind: NoText, Err: fmt.Errorf("%s without any text", formatName(r.format))}
	}
	wrapped := 0
	for i := range r.pages {
		var n int
		r.pages[i].Text, n = WrapLongLines(r.cleanPage(i), MaxLineBytes)
		wrapped += n
	}
	if wrapped > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("%d lines longer than %d bytes were wrapped at spaces for reading", wrapped, MaxLineBytes))
	}
	doc = NewDocument(src, r.pages)
	doc.Warnings = r.warnings
	doc.Blocks = buildBlocks(doc, r.blocks)
	return doc, nil
}

// MaxLineBytes is the longest line the extractors are given: many of their
// rules look back to the start of a line, which costs time that grows with
// the square of a line's length.
const MaxLineBytes = 4096

// WrapLongLines breaks every line of s longer than max bytes by turning
// spaces into line breaks, preferring a space after a sentence end, so
// that no line is much longer than max. Byte offsets are unchanged (a
// space and a newline are one byte each). It returns the text and the
// number of lines it broke.
func WrapLongLines(s string, max int) (string, int) {
	var b []byte // copied on the first change
	lineStart, lastSpace, lastSentence, broken := 0, -1, -1, 0
	counted := false // this line of s is already counted as broken
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
			lineStart, lastSpace, lastSentence, counted = i+1, -1, -1, false
			continue
		case c == ' ':
			lastSpace = i
			if i > 0 && strings.IndexByte(".;:!?", s[i-1]) >= 0 {
				lastSentence = i
			}
		}
		if i-lineStart < max || lastSpace < 0 {
			continue
		}
		cut := lastSpace
		if lastSentence >= 0 && lastSentence-lineStart >= max/2 {
			cut = lastSentence
		}
		if b == nil {
			b = []byte(s)
		}
		if !counted {
			broken, counted = broken+1, true
		}
		b[cut] = '\n'
		lineStart, lastSpace, lastSentence = cut+1, -1, -1
		if i > cut && s[i] == ' ' {
			lastSpace = i
		}
	}
	if b == nil {
		return s, 0
	}
	return string(b), broken
}

// spaceFixes turns the characters that look like a space, or like nothing,
// into what rules written for plain text expect: no-break and figure
// spaces become spaces (Go's \s does not match U+00A0), soft hyphens,
// zero-width spaces and stray byte order marks go, and ligatures are
// written out.
var spaceFixes = strings.NewReplacer(
	"\u00a0", " ", "\u2007", " ", "\u202f", " ", "\u2009", " ", "\u200a", " ",
	"\u00ad", "", "\u200b", "", "\u2060", "", "\ufeff", "",
	"\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st",
)

// CleanText puts the text of a page in the form the extractors read:
// Unicode NFC (an "ë" typed as "e" and a combining diaeresis becomes one
// character), no-break spaces as spaces, invisible characters removed and
// ligatures written out. Open applies it to every page of every format.
func CleanText(s string) string {
	return norm.NFC.String(spaceFixes.Replace(s))
}

// read is what one format's reader returns.
type read struct {
	format   Format
	pages    []PageText
	warnings []string
	// blocks holds each page's blocks, with spans into that page's text
	// as the reader wrote it; nil when the reader builds none.
	blocks [][]Block
}

// formatName names a format in words.
func formatName(f Format) string {
	switch f {
	case FormatPDF:
		return "a PDF"
	case FormatDOCX:
		return "a Word document (DOCX)"
	case FormatHTML:
		return "an HTML file"
	case FormatODT:
		return "an OpenDocument text (ODT)"
	case FormatRTF:
		return "an RTF document"
	case FormatImage:
		return "an image"
	case FormatDOC:
		return "a Word 97–2003 document (.doc)"
	}
	return "a text file"
}

// readAll reads the rest of the file (the head included: it seeks back)
// up to limit bytes.
func readAll(fh *os.File, limit int64) ([]byte, error) {
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file grew over %d bytes while being read", limit)
	}
	return data, nil
}

// readText decodes a text or HTML file. A plain text file is split into
// pages at form feeds, as pdftotext writes them.
func readText(ctx context.Context, path string, data []byte) (read, error) {
	s, _, err := text.Decode(data)
	if errors.Is(err, text.ErrBinary) {
		return read{}, &FileError{Path: path, Kind: NotSupported, Err: notExpected(path, err.Error())}
	}
	if err != nil {
		return read{}, &FileError{Path: path, Kind: Damaged, Err: err}
	}
	if LooksHTML(s) {
		res, err := html.Read(ctx, s)
		if err != nil {
			return read{}, readerError(path, err, Damaged)
		}
		return read{format: FormatHTML, pages: []PageText{{Text: res.Text}}, blocks: [][]Block{res.Blocks}}, nil
	}
	return read{format: FormatText, pages: splitPages(s)}, nil
}

// splitPages splits text at form feeds; the line end after a form feed
// belongs to the separator, and a blank last page (a trailing form feed)
// is dropped.
func splitPages(s string) []PageText {
	parts := strings.Split(s, "\f")
	if len(parts) > 1 && strings.TrimSpace(parts[len(parts)-1]) == "" {
		parts = parts[:len(parts)-1]
	}
	pages := make([]PageText, len(parts))
	for i, p := range parts {
		if i > 0 {
			p = strings.TrimPrefix(p, "\n")
		}
		pages[i] = PageText{Text: p}
	}
	return pages
}

// blank reports whether no page has any text.
func blank(pages []PageText) bool {
	for _, p := range pages {
		if strings.TrimSpace(p.Text) != "" {
			return false
		}
	}
	return true
}

// readerError turns an error of a format reader into a FileError: the
// context's errors become Timeout (or Other for cancellation), anything else
// gets kind.
func readerError(path string, err error, kind Kind) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return contextError(path, err)
	}
	return &FileError{Path: path, Kind: kind, Err: err}
}

// contextError reports a file abandoned because its context ended.
func contextError(path string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &FileError{Path: path, Kind: Timeout, Err: err}
	}
	return &FileError{Path: path, Kind: Other, Err: fmt.Errorf("stopped: %w", err)}
}

// readDOCX reads a Word document (or reports the ZIP archive that is not one).
func readDOCX(ctx context.Context, path string, data []byte) (read, error) {
	res, err := docx.Read(ctx, bytes.NewReader(data), int64(len(data)), docx.Limits{})
	var notDOCX *docx.NotDOCXError
	switch {
	case err == nil:
		return read{format: FormatDOCX, pages: []PageText{{Text: res.Text}}, warnings: res.Warnings, blocks: [][]Block{res.Blocks}}, nil
	case errors.As(err, &notDOCX) && notDOCX.What == docx.OpenDocument:
		return readODT(ctx, path, data)
	case errors.As(err, &notDOCX):
		return read{}, &FileError{Path: path, Kind: NotSupported, Err: notExpected(path, notDOCX.What)}
	case errors.Is(err, docx.ErrTooLarge):
		return read{}, &FileError{Path: path, Kind: TooLarge, Err: &reason{msg: strings.TrimPrefix(err.Error(), docx.ErrTooLarge.Error()+": "), err: err}}
	}
	return read{}, readerError(path, err, Damaged)
}

// readODT reads an OpenDocument text (or reports the OpenDocument file
// that is not one).
func readODT(ctx context.Context, path string, data []byte) (read, error) {
	res, err := odt.Read(ctx, bytes.NewReader(data), int64(len(data)), odt.Limits{})
	var notODT *odt.NotODTError
	switch {
	case err == nil:
		return read{format: FormatODT, pages: []PageText{{Text: res.Text}}, warnings: res.Warnings, blocks: [][]Block{res.Blocks}}, nil
	case errors.As(err, &notODT):
		return read{}, &FileError{Path: path, Kind: NotSupported, Err: notExpected(path, notODT.What)}
	case errors.Is(err, odt.ErrTooLarge):
		return read{}, &FileError{Path: path, Kind: TooLarge, Err: &reason{msg: strings.TrimPrefix(err.Error(), odt.ErrTooLarge.Error()+": "), err: err}}
	}
	return read{}, readerError(path, err, Damaged)
}

// readImage reads a photo or scan (what names its kind: "PNG image") by
// OCR, when opts.OCR can read images.
func readImage(ctx context.Context, path, what string, opts Options) (read, error) {
	ir, ok := opts.OCR.(ImageRecognizer)
	if !ok {
		return read{}, &FileError{Path: path, Kind: NeedsOCR, Err: fmt.Errorf("a %s is read by OCR, and OCR is off (it needs tesseract-ocr and tesseract-ocr-nld)", what)}
	}
	pages, err := ir.RecognizeImage(ctx, path)
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return read{}, contextError(path, ctx.Err())
	case errors.Is(err, ErrUnreadableImage):
		return read{}, &FileError{Path: path, Kind: Damaged, Err: fmt.Errorf("%s: %w", what, err)}
	case errors.Is(err, ErrOverLimit):
		return read{}, &FileError{Path: path, Kind: TooLarge, Err: fmt.Errorf("%s: %w", what, err)}
	default:
		return read{}, &FileError{Path: path, Kind: NeedsOCR, Err: fmt.Errorf("a %s: %w", what, err)}
	}
	var warnings []string
	for i, p := range pages {
		if strings.TrimSpace(p.Text) == "" {
			warnings = append(warnings, fmt.Sprintf("page %d: OCR found no text", i+1))
		}
	}
	if blank(pages) {
		return read{}, &FileError{Path: path, Kind: NoText, Err: fmt.Errorf("OCR found no text in this %s", what)}
	}
	return read{format: FormatImage, pages: pages, warnings: warnings}, nil
}

// readDOC reads a Word 97–2003 document.
func readDOC(ctx context.Context, path string, data []byte) (read, error) {
	res, err := worddoc.Read(ctx, bytes.NewReader(data), worddoc.Limits{})
	var notDoc *worddoc.NotDocError
	switch {
	case err == nil:
		return read{format: FormatDOC, pages: []PageText{{Text: res.Text}}, warnings: res.Warnings, blocks: [][]Block{res.Blocks}}, nil
	case errors.As(err, &notDoc):
		return read{}, &FileError{Path: path, Kind: NotSupported, Err: notExpected(path, notDoc.What)}
	case errors.Is(err, worddoc.ErrEncrypted):
		return read{}, &FileError{Path: path, Kind: Encrypted, Err: errors.New("password-protected Word 97–2003 document")}
	case errors.Is(err, worddoc.ErrTooLarge):
		return read{}, &FileError{Path: path, Kind: TooLarge, Err: &reason{msg: strings.TrimPrefix(err.Error(), worddoc.ErrTooLarge.Error()+": "), err: err}}
	}
	return read{}, readerError(path, err, Damaged)
}

// readRTF reads an RTF document.
func readRTF(ctx context.Context, path string, data []byte) (read, error) {
	res, err := rtf.Read(ctx, data, rtf.Limits{})
	switch {
	case err == nil:
		return read{format: FormatRTF, pages: []PageText{{Text: res.Text}}, warnings: res.Warnings, blocks: [][]Block{res.Blocks}}, nil
	case errors.Is(err, rtf.ErrTooLarge):
		return read{}, &FileError{Path: path, Kind: TooLarge, Err: &reason{msg: strings.TrimPrefix(err.Error(), rtf.ErrTooLarge.Error()+": "), err: err}}
	case errors.Is(err, rtf.ErrNotRTF):
		return read{}, &FileError{Path: path, Kind: NotSupported, Err: notExpected(path, err.Error())}
	}
	return read{}, readerError(path, err, Damaged)
}

// rawPage is a PDF page as the PDF reader returns it.
type rawPage struct {
	text    string
	hasText bool
}

// pdfKinds maps the reasons of the PDF reader to the kinds of FileError.
var pdfKinds = []struct {
	reason error
	kind   Kind
}{
	{pdf.ErrEmpty, Empty},
	{pdf.ErrNotPDF, NotSupported},
	{pdf.ErrEncrypted, Encrypted},
	{pdf.ErrTooLarge, TooLarge},
	{pdf.ErrTimeout, Timeout},
	{pdf.ErrDamaged, Damaged},
	{pdf.ErrCyclic, Damaged},
	{pdf.ErrNoPages, NoText},
}

// readPDF reads a PDF file: its text layer, and OCR (opts.OCR) for the
// pages that have none.
func readPDF(ctx context.Context, path string, opts Options) (read, error) {
	res, err := pdf.Read(ctx, path, pdf.Limits{MaxFileBytes: opts.MaxBytes})
	if err != nil {
		return read{}, pdfError(ctx, path, err)
	}
	raw := make([]rawPage, len(res.Pages))
	for i, p := range res.Pages {
		raw[i] = rawPage{text: p.Text, hasText: p.HasText}
	}
	pages, warnings := recognize(ctx, path, raw, opts.OCR)
	if blank(pages) {
		if err := unreadScan(path, raw, opts.OCR, warnings); err != nil {
			return read{}, err
		}
	}
	// The text layer's blocks hold for the pages whose text is the text
	// layer; a page read by OCR brings its own from the word boxes, or
	// gets them from its lines later.
	bs := make([][]Block, len(pages))
	for i := range pages {
		if pages[i].OCR {
			bs[i] = pages[i].Blocks
		} else if i < len(res.Pages) && res.Pages[i].HasText && pages[i].Text == res.Pages[i].Text {
			bs[i] = res.Pages[i].Blocks
		}
	}
	return read{format: FormatPDF, pages: pages, warnings: append(res.Warnings, warnings...), blocks: bs}, nil
}

// unreadScan is the error for a PDF left without any text because its
// pages are scans that OCR did not read (it is off, missing or failed):
// an empty record would look like an agreement that says nothing.
func unreadScan(path string, raw []rawPage, ocr PageRecognizer, warnings []string) error {
	scanned := 0
	for _, p := range raw {
		if !p.hasText {
			scanned++
		}
	}
	if scanned == 0 {
		return nil
	}
	why := "OCR is off (it needs tesseract-ocr and tesseract-ocr-nld)"
	if ocr != nil {
		why = "OCR read nothing"
		for _, w := range warnings {
			if i := strings.Index(w, "OCR failed: "); i >= 0 {
				why = w[i:]
			}
		}
	}
	return &FileError{Path: path, Kind: NeedsOCR, Err: fmt.Errorf("%d of %d pages are scans without a text layer, and %s", scanned, len(raw), why)}
}

// pdfError turns an error of the PDF reader into a FileError. The reason
// the kind already says ("encrypted") is not repeated; its detail is kept.
func pdfError(ctx context.Context, path string, err error) error {
	if ctx.Err() != nil {
		return contextError(path, ctx.Err())
	}
	var pe *pdf.Error
	if !errors.As(err, &pe) {
		return readerError(path, err, Other)
	}
	fe := &FileError{Path: path, Page: pe.Page, Kind: Damaged, Err: err}
	for _, k := range pdfKinds {
		if errors.Is(err, k.reason) {
			fe.Kind = k.kind
			break
		}
	}
	switch fe.Kind {
	case Empty, Encrypted, TooLarge, Timeout:
		fe.Err = nil
		if pe.Detail != "" {
			fe.Err = &reason{msg: pe.Detail, err: err}
		}
	default:
		// The page is in the FileError already.
		fe.Err = &reason{msg: (&pdf.Error{Err: pe.Err, Detail: pe.Detail}).Error(), err: err}
	}
	return fe
}

// reason is an error whose message leaves out what the FileError's kind
// says already, and which still unwraps to the reader's error.
type reason struct {
	msg string
	err error
}

func (r *reason) Error() string { return r.msg }
func (r *reason) Unwrap() error { return r.err }

// recognize turns the pages of a PDF into PageTexts: pages without a text
// layer are read by ocr when it is set, and otherwise stay empty with the
// warning "page N: no text layer (scanned)".
func recognize(ctx context.Context, path string, raw []rawPage, ocr PageRecognizer) ([]PageText, []string) {
	pages := make([]PageText, len(raw))
	var scanned []int
	for i, p := range raw {
		if p.hasText {
			pages[i] = PageText{Text: p.text}
			continue
		}
		scanned = append(scanned, i+1)
	}
	if len(scanned) == 0 {
		return pages, nil
	}
	var warnings []string
	if ocr == nil {
		for _, n := range scanned {
			warnings = append(warnings, fmt.Sprintf("page %d: no text layer (scanned)", n))
		}
		return pages, warnings
	}
	got, err := ocr.RecognizePages(ctx, path, scanned)
	if err != nil {
		return pages, []string{fmt.Sprintf("pages %s: no text layer and OCR failed: %v", pageList(scanned), err)}
	}
	for i, n := range scanned {
		if i >= len(got) || strings.TrimSpace(got[i].Text) == "" {
			warnings = append(warnings, fmt.Sprintf("page %d: no text layer and OCR found no text", n))
			continue
		}
		p := got[i]
		p.OCR = true
		pages[n-1] = p
	}
	return pages, warnings
}

// pageList writes page numbers as "1, 2, 5".
func pageList(pages []int) string {
	s := make([]string, len(pages))
	for i, n := range pages {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}
