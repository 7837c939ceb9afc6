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
	"io"
	"path"
	"sort"
	"strings"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/ziparchive"
)

// Limits bounds the work Read does for one file: the number of entries of
// the archive and the uncompressed size of one part and of all parts. A
// zero field takes its default.
type Limits = ziparchive.Limits

// The defaults of Limits.
const (
	DefaultMaxEntries    = ziparchive.DefaultMaxEntries
	DefaultMaxPartBytes  = ziparchive.DefaultMaxPartBytes
	DefaultMaxTotalBytes = ziparchive.DefaultMaxTotalBytes
)

// The reasons Read fails; test with errors.Is. A ZIP archive that is not a
// Word document gives a *NotDOCXError instead.
var (
	ErrDamaged  = errors.New("corrupt DOCX")
	ErrTooLarge = ziparchive.ErrTooLarge
)

// NotDOCXError reports a valid ZIP archive that holds no Word document.
type NotDOCXError struct {
	// What names what the archive is instead ("Excel workbook", "ZIP archive").
	What string
}

// OpenDocument is NotDOCXError.What for an OpenDocument file (ODT, ODS, …),
// which corpus/odt reads.
const OpenDocument = "OpenDocument file"

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
	za, err := ziparchive.Open(ctx, r, size, lim, ErrDamaged)
	if err != nil {
		return nil, err
	}
	a := &archive{Archive: za, files: za.Files}
	main := "word/document.xml"
	if rels, err := a.rels("_rels/.rels", ""); err == nil {
		for _, rel := range rels {
			if rel.kind == relOfficeDocument && a.files[rel.target] != nil {
				main = rel.target
				break
			}
		}
	} else if ziparchive.IsFatal(err) {
		return nil, err
	}
	if a.files[main] == nil {
		return nil, &NotDOCXError{What: a.what()}
	}
	return a.read(main)
}

// archive is one open DOCX.
type archive struct {
	*ziparchive.Archive
	files map[string]*zip.File // by normalised name
	warn  []string
}

// what guesses what a ZIP archive without a Word document is.
func (a *archive) what() string {
	switch {
	case a.files["xl/workbook.xml"] != nil:
		return "Excel workbook"
	case a.files["ppt/presentation.xml"] != nil:
		return "PowerPoint presentation"
	case a.files["content.xml"] != nil && (a.files["mimetype"] != nil || a.files["meta-inf/manifest.xml"] != nil):
		return OpenDocument
	case a.files["[content_types].xml"] != nil:
		return "Office document without a Word part"
	}
	return "ZIP archive"
}

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
	err := a.Decode(name, func(d *xml.Decoder, t xml.Token) error {
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
			rel.target = ziparchive.NormName(rel.target)
		} else {
			rel.target = ziparchive.NormName(path.Join(base, rel.target))
		}
		out = append(out, rel)
		return nil
	})
	return out, err
}

// read reads the main document part and the parts it refers to.
func (a *archive) read(main string) (*Result, error) {
	base := path.Dir(main)
	relsName := path.Join(base, "_rels", path.Base(main)+".rels")
	var rels []relationship
	if a.files[relsName] != nil {
		var err error
		rels, err = a.rels(relsName, base)
		if ziparchive.IsFatal(err) {
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
		if err := a.optional(parts[0], "list styles", func(n string) error { return a.Decode(n, r.token) }); err != nil {
			return nil, err
		}
	}
	if parts := byKind[relNumbering]; len(parts) > 0 {
		r := &numberingReader{p: p, override: -1}
		if err := a.optional(parts[0], "list numbers", func(n string) error { return a.Decode(n, r.token) }); err != nil {
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
	if ziparchive.IsFatal(err) {
		return err
	}
	a.warn = append(a.warn, fmt.Sprintf("%s skipped (%s): %v", what, name, err))
	return nil
}
