// Package docx reads the text of Word documents (Office Open XML, .docx)
// with archive/zip and a streaming encoding/xml decoder: paragraphs one per
// line, list items with their number or letter ("a. ", "1. "; "- " for
// bullets), table rows one per line with " | " between the cells, and the
// text of headers, footnotes and footers.
//
// A DOCX is a ZIP archive, so a hostile one can be a zip bomb. Read checks
// the number of entries and the uncompressed size each part declares before
// inflating it, and never inflates more than the limits allow even if the
// declared sizes lie.
package docx

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/dpa-nl/dpa/corpus/blocks"
	"io"
	"path"
	"sort"
	"strings"
)

// Limits bounds the work Read does for one file. A zero field takes its default.
type Limits struct {
	// MaxEntries is the largest number of entries the archive may have.
	MaxEntries int
	// MaxPartBytes is the largest uncompressed size of one XML part read.
	MaxPartBytes int64
	// MaxTotalBytes is the largest uncompressed size of all parts read.
	MaxTotalBytes int64
}

// The defaults of Limits.
const (
	DefaultMaxEntries    = 10000
	DefaultMaxPartBytes  = 64 << 20
	DefaultMaxTotalBytes = 256 << 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxPartBytes <= 0 {
		l.MaxPartBytes = DefaultMaxPartBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = DefaultMaxTotalBytes
	}
	return l
}

// The reasons Read fails; test with errors.Is. A ZIP archive that is not a
// Word document gives a *NotDOCXError instead.
var (
	ErrDamaged  = errors.New("corrupt DOCX")
	ErrTooLarge = errors.New("too large")
)

// NotDOCXError reports a valid ZIP archive that holds no Word document.
type NotDOCXError struct {
	// What names what the archive is instead ("Excel workbook", "ZIP archive").
	What string
}

// Error names what the archive is.
func (e *NotDOCXError) Error() string { return "not a Word document (" + e.What + ")" }

// Result is the text of one Word document.
type Result struct {
	// Text is the document's text, one paragraph or table row per line:
	// headers first, then the body, footnotes and endnotes, footers last.
	Text string
	// Warnings say what was skipped.
	Warnings []string
	// Blocks is the document's structure, with spans into Text: headings
	// (heading styles, outline levels), list items (w:numPr, marker as
	// numbered), tables (gridSpan, vMerge, w:tblHeader, nested tables),
	// other paragraphs read line by line, and the text of headers and
	// footers as page furniture.
	Blocks []blocks.Block
}

// CellSeparator separates the cells of a table row.
const CellSeparator = " | "

// Relationship types (the last element of the type URI) that Read follows.
const (
	relOfficeDocument = "officeDocument"
	relHeader         = "header"
	relFooter         = "footer"
	relFootnotes      = "footnotes"
	relEndnotes       = "endnotes"
	relNumbering      = "numbering"
	relStyles         = "styles"
)

// Read returns the text of the Word document in r (size bytes).
func Read(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%w (%v)", ErrDamaged, err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("%w: %d entries in the archive, limit %d (zip bomb?)", ErrTooLarge, len(zr.File), lim.MaxEntries)
	}
	a := &archive{ctx: ctx, files: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		a.files[normName(f.Name)] = f
	}
	main := "word/document.xml"
	if rels, err := a.rels("_rels/.rels", ""); err == nil {
		for _, rel := range rels {
			if rel.kind == relOfficeDocument && a.files[rel.target] != nil {
				main = rel.target
				break
			}
		}
	} else if isFatal(err) {
		return nil, err
	}
	if a.files[main] == nil {
		return nil, &NotDOCXError{What: a.what()}
	}
	return a.read(main)
}

// archive is one open DOCX.
type archive struct {
	ctx   context.Context
	files map[string]*zip.File // by normalised name
	lim   Limits
	total int64 // uncompressed bytes opened so far
	warn  []string
}

// normName normalises a part name: forward slashes, no leading slash,
// lower case (part names are case-insensitive).
func normName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	return strings.ToLower(strings.TrimPrefix(path.Clean("/"+name), "/"))
}

// what guesses what a ZIP archive without a Word document is.
func (a *archive) what() string {
	switch {
	case a.files["xl/workbook.xml"] != nil:
		return "Excel workbook"
	case a.files["ppt/presentation.xml"] != nil:
		return "PowerPoint presentation"
	case a.files["mimetype"] != nil && a.files["content.xml"] != nil:
		return "OpenDocument file"
	case a.files["[content_types].xml"] != nil:
		return "Office document without a Word part"
	}
	return "ZIP archive"
}

// isFatal reports whether an error reading an optional part must fail the
// whole file (limits and cancellation) rather than only skip that part.
func isFatal(err error) bool {
	return errors.Is(err, ErrTooLarge) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// open opens a part for reading after checking its declared size against
// the limits; the reader it returns fails with ErrTooLarge past the limit
// whatever the archive declared.
func (a *archive) open(name string) (io.ReadCloser, error) {
	f := a.files[name]
	if f == nil {
		return nil, fmt.Errorf("%w: %s missing", ErrDamaged, name)
	}
	declared := int64(f.UncompressedSize64)
	if f.UncompressedSize64 > uint64(a.lim.MaxPartBytes) {
		return nil, fmt.Errorf("%w: %s is %d bytes uncompressed, limit %d%s", ErrTooLarge, name, f.UncompressedSize64, a.lim.MaxPartBytes, bombHint(f))
	}
	if a.total+declared > a.lim.MaxTotalBytes {
		return nil, fmt.Errorf("%w: parts over %d bytes uncompressed in all (zip bomb?)", ErrTooLarge, a.lim.MaxTotalBytes)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w (%s: %v)", ErrDamaged, name, err)
	}
	budget := min(a.lim.MaxPartBytes, a.lim.MaxTotalBytes-a.total)
	a.total += declared
	return &limitedReader{rc: rc, n: budget, name: name}, nil
}

// bombHint adds "(zip bomb?)" when a part compresses suspiciously well.
func bombHint(f *zip.File) string {
	if f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > 100 {
		return " (zip bomb?)"
	}
	return ""
}

// limitedReader fails with ErrTooLarge once more than n bytes are read.
type limitedReader struct {
	rc   io.ReadCloser
	n    int64
	name string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, fmt.Errorf("%w: %s inflates past its limit (zip bomb?)", ErrTooLarge, l.name)
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.rc.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, fmt.Errorf("%w: %s inflates past its limit (zip bomb?)", ErrTooLarge, l.name)
	}
	return n, err
}

func (l *limitedReader) Close() error { return l.rc.Close() }

// relationship is one entry of a .rels part.
type relationship struct {
	id, kind, target string
}

// rels reads a relationships part; targets are resolved against base, the
// folder of the part they belong to.
func (a *archive) rels(name, base string) ([]relationship, error) {
	if a.files[name] == nil {
		return nil, fmt.Errorf("%w: %s missing", ErrDamaged, name)
	}
	var out []relationship
	err := a.decode(name, func(d *xml.Decoder, t xml.Token) error {
		se, ok := t.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			return nil
		}
		var rel relationship
		var external bool
		for _, at := range se.Attr {
			switch at.Name.Local {
			case "Id":
				rel.id = at.Value
			case "Type":
				rel.kind = at.Value[strings.LastIndexByte(at.Value, '/')+1:]
			case "Target":
				rel.target = at.Value
			case "TargetMode":
				external = at.Value == "External"
			}
		}
		if external {
			return nil
		}
		if strings.HasPrefix(rel.target, "/") {
			rel.target = normName(rel.target)
		} else {
			rel.target = normName(path.Join(base, rel.target))
		}
		out = append(out, rel)
		return nil
	})
	return out, err
}

// decode streams the XML part name through fn, token by token, checking
// the context as it goes.
func (a *archive) decode(name string, fn func(*xml.Decoder, xml.Token) error) error {
	rc, err := a.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := a.ctx.Err(); err != nil {
				return err
			}
		}
		t, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if isFatal(err) {
				return err
			}
			return fmt.Errorf("%w (%s: %v)", ErrDamaged, name, err)
		}
		if err := fn(d, t); err != nil {
			return err
		}
	}
}

// read reads the main document part and the parts it refers to.
func (a *archive) read(main string) (*Result, error) {
	base := path.Dir(main)
	relsName := path.Join(base, "_rels", path.Base(main)+".rels")
	var rels []relationship
	if a.files[relsName] != nil {
		var err error
		rels, err = a.rels(relsName, base)
		if isFatal(err) {
			return nil, err
		}
		if err != nil {
			a.warn = append(a.warn, fmt.Sprintf("relationships unreadable, headers and footers skipped: %v", err))
		}
	}
	sort.SliceStable(rels, func(i, j int) bool { return rels[i].target < rels[j].target })
	byKind := map[string][]string{}
	for _, rel := range rels {
		if a.files[rel.target] != nil {
			byKind[rel.kind] = append(byKind[rel.kind], rel.target)
		}
	}
	p := newParagraphs()
	if parts := byKind[relStyles]; len(parts) > 0 {
		r := &stylesReader{p: p}
		if err := a.optional(parts[0], "list styles", func(n string) error { return a.decode(n, r.token) }); err != nil {
			return nil, err
		}
	}
	if parts := byKind[relNumbering]; len(parts) > 0 {
		r := &numberingReader{p: p, override: -1}
		if err := a.optional(parts[0], "list numbers", func(n string) error { return a.decode(n, r.token) }); err != nil {
			return nil, err
		}
	}
	var sections []string
	var sectionBlocks [][]blocks.Block
	addParts := func(kind, what string) error {
		seen := map[string]bool{}
		for _, name := range byKind[kind] {
			var text string
			var bs []blocks.Block
			err := a.optional(name, what, func(n string) error {
				var err error
				text, bs, err = a.body(n, p)
				return err
			})
			if err != nil {
				return err
			}
			if text != "" && !seen[text] {
				seen[text] = true
				sections = append(sections, text)
				if kind == relHeader || kind == relFooter {
					bs = furniture(bs)
				}
				sectionBlocks = append(sectionBlocks, bs)
			}
		}
		return nil
	}
	if err := addParts(relHeader, "header"); err != nil {
		return nil, err
	}
	body, bodyBlocks, err := a.body(main, p)
	if err != nil {
		return nil, err
	}
	sections = append(sections, body)
	sectionBlocks = append(sectionBlocks, bodyBlocks)
	for _, k := range []struct{ kind, what string }{{relFootnotes, "footnotes"}, {relEndnotes, "endnotes"}, {relFooter, "footer"}} {
		if err := addParts(k.kind, k.what); err != nil {
			return nil, err
		}
	}
	var text strings.Builder
	var all []blocks.Block
	for i, s := range sections {
		if s == "" {
			continue
		}
		bs := sectionBlocks[i]
		blocks.Shift(bs, text.Len())
		all = append(all, bs...)
		text.WriteString(s)
	}
	return &Result{Text: text.String(), Warnings: a.warn, Blocks: all}, nil
}

// optional reads a part that the text can do without: a damaged one is
// skipped with a warning; limits and cancellation still fail the file.
func (a *archive) optional(name, what string, read func(string) error) error {
	err := read(name)
	if err == nil {
		return nil
	}
	if isFatal(err) {
		return err
	}
	a.warn = append(a.warn, fmt.Sprintf("%s skipped (%s): %v", what, name, err))
	return nil
}
