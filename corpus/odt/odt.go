// Package odt reads the text of OpenDocument text files (.odt, written by
// LibreOffice and OpenOffice): a ZIP archive like a DOCX, opened within
// the same limits (corpus/internal/ziparchive), whose content.xml is
// streamed through an encoding/xml decoder. The text has the layout of the
// DOCX reader's (corpus/internal/flow): paragraphs one per line, list items
// with their number as the list style writes it, table rows one per line
// with " | " between the cells; the headers and footers of the page styles
// come first and last, as page furniture.
package odt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/flow"
	"github.com/dpa-nl/dpa/corpus/internal/ziparchive"
	"github.com/dpa-nl/dpa/corpus/text"
)

// Limits bounds the work Read does for one file (entries, bytes of one
// part and of all parts); a zero field takes its default.
type Limits = ziparchive.Limits

// The reasons Read fails; test with errors.Is. An OpenDocument file that
// is not a text document gives a *NotODTError instead.
var (
	ErrDamaged  = errors.New("corrupt OpenDocument file")
	ErrTooLarge = ziparchive.ErrTooLarge
)

// NotODTError reports a ZIP archive that holds no OpenDocument text.
type NotODTError struct {
	// What names what the archive is instead ("OpenDocument spreadsheet").
	What string
}

// Error names what the archive is.
func (e *NotODTError) Error() string { return "not an OpenDocument text (" + e.What + ")" }

// Result is the text of one OpenDocument text file.
type Result struct {
	// Text is the document's text: headers, body, notes, footers.
	Text string
	// Warnings say what was skipped.
	Warnings []string
	// Blocks is the document's structure, with spans into Text.
	Blocks []blocks.Block
}

// MimeText is the media type of an OpenDocument text file.
const MimeText = "application/vnd.oasis.opendocument.text"

// mimeNames names the other OpenDocument kinds for error messages.
var mimeNames = map[string]string{
	"application/vnd.oasis.opendocument.spreadsheet":  "OpenDocument spreadsheet",
	"application/vnd.oasis.opendocument.presentation": "OpenDocument presentation",
	"application/vnd.oasis.opendocument.graphics":     "OpenDocument drawing",
}

// maxDepth bounds the nesting of lists, tables and text boxes followed.
const maxDepth = 64

// Read returns the text of the OpenDocument text file in r (size bytes).
func Read(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (*Result, error) {
	a, err := ziparchive.Open(ctx, r, size, lim, ErrDamaged)
	if err != nil {
		return nil, err
	}
	if a.Files["content.xml"] == nil {
		return nil, &NotODTError{What: "ZIP archive without content.xml"}
	}
	if a.Files["mimetype"] != nil {
		mt, err := a.ReadPart("mimetype")
		if err != nil {
			return nil, err
		}
		m := strings.TrimSpace(string(mt))
		if m != MimeText && m != MimeText+"-template" && m != "application/vnd.oasis.opendocument.text-master" {
			what := mimeNames[m]
			if what == "" {
				what = "OpenDocument file of type " + strconv.Quote(m)
			}
			return nil, &NotODTError{What: what}
		}
	}
	d := &doc{styles: map[string]*style{}, listStyles: map[string]*listStyle{}, lists: map[string]*counters{}, lastOfStyle: map[string]*counters{}}
	var warn []string
	if a.Files["styles.xml"] != nil {
		sr := &reader{d: d, styles: true}
		if err := a.Decode("styles.xml", sr.token); err != nil {
			if ziparchive.IsFatal(err) {
				return nil, err
			}
			warn = append(warn, fmt.Sprintf("styles, headers and footers skipped (styles.xml): %v", err))
			sr = &reader{d: d}
		}
		d.headers, d.footers = sr.headers, sr.footers
	}
	cr := &reader{d: d}
	if err := a.Decode("content.xml", cr.token); err != nil {
		return nil, err
	}
	w := &flow.Writer{}
	for _, p := range flow.Dedupe(d.headers) {
		p.Furniture = true
		w.Paragraph(p)
	}
	cr.flush(w)
	for _, p := range cr.notes {
		w.Paragraph(p)
	}
	for _, p := range flow.Dedupe(d.footers) {
		p.Furniture = true
		w.Paragraph(p)
	}
	text, bs := w.Finish()
	return &Result{Text: text, Warnings: warn, Blocks: bs}, nil
}

// doc is what the parts of one document share: styles and list counters.
type doc struct {
	styles      map[string]*style
	listStyles  map[string]*listStyle
	outline     *listStyle
	outlineC    counters
	lists       map[string]*counters // by xml:id of a list
	lastOfStyle map[string]*counters // the last list of each list style
	headers     []flow.Para
	footers     []flow.Para
}

// style is a paragraph style: its parent, list style and heading level.
type style struct {
	parent, list, name string
	outline            int
}

// listStyle is a list style's levels (1–10).
type listStyle struct {
	levels [11]*listLevel
}

// listLevel is one level of a list style.
type listLevel struct {
	bullet                 bool
	format, prefix, suffix string
	display                int    // text:display-levels
	listFormat             string // loext:num-list-format ("Artikel %1%:")
	start                  int
}

// counters are the running numbers of a list's levels.
type counters struct {
	values [11]int
	used   [11]bool
}

// headingLevel returns the heading level a paragraph style gives, following
// its parents; 0 for none.
func (d *doc) headingLevel(name string) int {
	for i := 0; i < 16 && name != ""; i++ {
		s := d.styles[name]
		if s == nil {
			return flow.HeadingName(name)
		}
		if s.outline > 0 {
			return s.outline
		}
		if n := flow.HeadingName(s.name); n > 0 {
			return n
		}
		if n := flow.HeadingName(name); n > 0 {
			return n
		}
		name = s.parent
	}
	return 0
}

// listOf returns the list style a paragraph style numbers its paragraphs
// with, following its parents.
func (d *doc) listOf(name string) string {
	for i := 0; i < 16 && name != ""; i++ {
		s := d.styles[name]
		if s == nil {
			return ""
		}
		if s.list != "" {
			return s.list
		}
		name = s.parent
	}
	return ""
}

// label advances counter c at level (1-based) of list style ls and
// returns the item's label; "" when the level has none.
func label(ls *listStyle, c *counters, level, restart int) string {
	if ls == nil || level < 1 || level > 10 || c == nil {
		return ""
	}
	def := ls.levels[level]
	if def == nil {
		return ""
	}
	if def.bullet {
		return "-"
	}
	start := func(l int) int {
		if d := ls.levels[l]; d != nil && d.start > 0 {
			return d.start
		}
		return 1
	}
	switch {
	case restart > 0:
		c.values[level] = restart
	case c.used[level]:
		c.values[level]++
	default:
		c.values[level] = start(level)
	}
	c.used[level] = true
	for l := level + 1; l <= 10; l++ {
		c.used[l] = false
	}
	if def.format == "" {
		return ""
	}
	num := func(l int) string {
		if !c.used[l] {
			c.values[l], c.used[l] = start(l), true
		}
		f := "1"
		if d := ls.levels[l]; d != nil && d.format != "" {
			f = d.format
		}
		return formatNumber(c.values[l], f)
	}
	if def.listFormat != "" {
		var b strings.Builder
		t := def.listFormat
		for i := 0; i < len(t); i++ {
			if t[i] == '%' {
				j := i + 1
				for j < len(t) && t[j] >= '0' && t[j] <= '9' {
					j++
				}
				if j > i+1 && j < len(t) && t[j] == '%' {
					if l, err := strconv.Atoi(t[i+1 : j]); err == nil && l >= 1 && l <= level {
						b.WriteString(num(l))
					}
					i = j
					continue
				}
			}
			b.WriteByte(t[i])
		}
		return strings.TrimSpace(b.String())
	}
	var parts []string
	for l := max(1, level-max(def.display, 1)+1); l <= level; l++ {
		parts = append(parts, num(l))
	}
	return strings.TrimSpace(def.prefix + strings.Join(parts, ".") + def.suffix)
}

// formatNumber writes n in an OpenDocument number format ("1", "a", "A",
// "i", "I").
func formatNumber(n int, format string) string {
	switch format {
	case "a":
		return text.Letters(n, false)
	case "A":
		return text.Letters(n, true)
	case "i":
		return strings.ToLower(text.Roman(n))
	case "I":
		return text.Roman(n)
	}
	return strconv.Itoa(n)
}
