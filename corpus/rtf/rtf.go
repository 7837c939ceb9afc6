// Package rtf reads the text of RTF documents (Rich Text Format, as Word,
// WordPad and LibreOffice write it) with a small byte-level tokenizer:
// paragraphs one per line, list items with the number the file carries
// for them (\listtext, \pntext), headings from \outlinelevel or a heading
// style of the style sheet, table rows (\trowd … \cell … \row) one per line
// with " | " between the cells and merged cells as spans, in the layout of
// the DOCX reader (corpus/internal/flow). Bytes written as \'hh are decoded
// in the document's code page (\ansicpg, or a font's \fcharset), \uN
// escapes replace their \ucN fallback characters, and the groups that
// hold no text of the document (font and colour tables, the style sheet,
// document info, pictures, objects, field instructions, \*\ destinations)
// are skipped. Headers and footers come first and last as furniture,
// footnotes after the body.
package rtf

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/flow"
)

// Limits bounds the work Read does for one file. A zero field takes its
// default.
type Limits struct {
	// MaxDepth is the deepest nesting of groups.
	MaxDepth int
	// MaxTextBytes is the longest text written.
	MaxTextBytes int
}

// The defaults of Limits.
const (
	DefaultMaxDepth     = 512
	DefaultMaxTextBytes = 64 << 20
)

// The reasons Read fails; test with errors.Is.
var (
	ErrNotRTF   = errors.New("not an RTF document")
	ErrDamaged  = errors.New("damaged RTF")
	ErrTooLarge = errors.New("too large")
)

// Result is the text of one RTF document.
type Result struct {
	Text     string
	Warnings []string
	Blocks   []blocks.Block
}

// destination is where the text of a group goes.
type destination uint8

const (
	destBody destination = iota
	destSkip
	destFontTable
	destStyleSheet
	destHeader
	destFooter
	destNote
	destListText
)

// state is what a group sets; a closing brace restores the state before it.
type state struct {
	dest   destination
	uc     int  // fallback characters after \uN
	hidden bool // \v
	font   int
	dec    *encoding.Decoder // code page of \'hh bytes
}

// cellDef is one cell of a row definition (\trowd … \cellx).
type cellDef struct {
	hMerge, hFirst, vMerge, vFirst bool
}

// reader holds the state of one document being read.
type reader struct {
	ctx      context.Context
	lim      Limits
	data     []byte
	pos      int
	stack    []state
	st       state
	skipNext int // fallback characters still to skip after \uN
	highSur  rune
	cpDec    *encoding.Decoder // \ansicpg
	fonts    map[int]*encoding.Decoder
	curFont  int
	// the style sheet: \sN → name and basis, outline level
	styles     map[int]*styleDef
	curStyle   *styleDef
	styleName  strings.Builder
	pendingRaw []byte // \'hh bytes waiting to be decoded together
	// paragraph properties (reset by \pard)
	style, outline, ilvl int
	inTable              bool
	headerRow            bool
	// the text being collected
	para      strings.Builder
	label     strings.Builder
	paraLabel string
	cell      strings.Builder
	cells     []string
	defs      []cellDef
	openDef   bool // the last of defs is not closed by \cellx yet
	rows      []rowRec
	w         *flow.Writer
	headers   []flow.Para
	footers   []flow.Para
	notes     []flow.Para
	sinkPara  map[destination]*strings.Builder
	textBytes int
	warnings  []string
	tokens    int
}

// rowRec is a finished table row: its cells' text and definitions.
type rowRec struct {
	cells  []string
	defs   []cellDef
	header bool
}

// styleDef is one paragraph style of the style sheet.
type styleDef struct {
	name    string
	basedOn int
	outline int // \outlinelevel + 1; 0 when none
}

// Read returns the text of the RTF document data.
func Read(ctx context.Context, data []byte, lim Limits) (*Result, error) {
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = DefaultMaxDepth
	}
	if lim.MaxTextBytes <= 0 {
		lim.MaxTextBytes = DefaultMaxTextBytes
	}
	i := 0
	for i < len(data) && (data[i] == ' ' || data[i] == '\r' || data[i] == '\n' || data[i] == '\t') {
		i++
	}
	if !strings.HasPrefix(string(data[i:min(len(data), i+5)]), "{\\rtf") {
		return nil, ErrNotRTF
	}
	r := &reader{ctx: ctx, lim: lim, data: data, pos: i, fonts: map[int]*encoding.Decoder{}, styles: map[int]*styleDef{},
		w: &flow.Writer{MaxBytes: lim.MaxTextBytes}, sinkPara: map[destination]*strings.Builder{}}
	r.st.uc = 1
	r.cpDec = charmap.Windows1252.NewDecoder()
	if err := r.run(); err != nil {
		return nil, err
	}
	r.endParagraph(false)
	r.flushTable()
	var hw flow.Writer
	for _, p := range flow.Dedupe(r.headers) {
		p.Furniture = true
		hw.Paragraph(p)
	}
	hText, hBlocks := hw.Finish()
	body, bodyBlocks := r.w.Finish()
	var fw flow.Writer
	for _, p := range r.notes {
		fw.Paragraph(p)
	}
	for _, p := range flow.Dedupe(r.footers) {
		p.Furniture = true
		fw.Paragraph(p)
	}
	fText, fBlocks := fw.Finish()
	blocks.Shift(bodyBlocks, len(hText))
	blocks.Shift(fBlocks, len(hText)+len(body))
	all := append(append(hBlocks, bodyBlocks...), fBlocks...)
	out := hText + body + fText
	if len(out) > lim.MaxTextBytes {
		return nil, fmt.Errorf("%w: text over %d bytes", ErrTooLarge, lim.MaxTextBytes)
	}
	return &Result{Text: out, Warnings: r.warnings, Blocks: all}, nil
}

// run reads the tokens of the whole document.
func (r *reader) run() error {
	d := r.data
	for r.pos < len(d) {
		r.tokens++
		if r.tokens%8192 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		c := d[r.pos]
		switch c {
		case '{':
			r.flushRaw()
			if len(r.stack) >= r.lim.MaxDepth {
				return fmt.Errorf("%w: groups nested more than %d deep", ErrTooLarge, r.lim.MaxDepth)
			}
			r.stack = append(r.stack, r.st)
			r.pos++
			r.groupStart()
		case '}':
			r.flushRaw()
			if len(r.stack) == 0 {
				r.pos = len(d) // text after the document's closing brace
				return nil
			}
			r.groupEnd()
			r.st = r.stack[len(r.stack)-1]
			r.stack = r.stack[:len(r.stack)-1]
			r.pos++
		case '\\':
			if err := r.control(); err != nil {
				return err
			}
		case '\r', '\n':
			r.pos++
		default:
			j := r.pos
			for j < len(d) && d[j] != '{' && d[j] != '}' && d[j] != '\\' && d[j] != '\r' && d[j] != '\n' {
				j++
			}
			r.flushRaw()
			r.plain(d[r.pos:j])
			r.pos = j
		}
		if r.textBytes > r.lim.MaxTextBytes {
			return fmt.Errorf("%w: text over %d bytes", ErrTooLarge, r.lim.MaxTextBytes)
		}
	}
	if len(r.stack) > 0 {
		r.warnings = append(r.warnings, "the file ends inside a group (truncated?)")
	}
	return nil
}

// groupStart looks at the control word that opens a group to decide its
// destination.
func (r *reader) groupStart() {
	d := r.data
	if r.st.dest == destSkip {
		return
	}
	if r.pos+1 < len(d) && d[r.pos] == '\\' && d[r.pos+1] == '*' {
		// An optional destination: skipped, unless it is one we read.
		word, _, _ := peekWord(d, r.pos+2)
		switch word {
		case "":
		default:
			r.st.dest = destSkip
		}
		return
	}
	if r.st.dest == destStyleSheet && r.pos < len(d) {
		r.curStyle = &styleDef{basedOn: -1}
		r.styleName.Reset()
	}
}

// groupEnd finishes what a group's destination collected.
func (r *reader) groupEnd() {
	switch {
	case r.st.dest == destListText:
		if r.stack[len(r.stack)-1].dest != destListText {
			r.paraLabel = strings.TrimSpace(r.label.String())
			r.label.Reset()
		}
	case r.st.dest == destStyleSheet && r.curStyle != nil && len(r.stack) > 0 && r.stack[len(r.stack)-1].dest == destStyleSheet:
		name := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(r.styleName.String()), ";"))
		r.curStyle.name = name
		r.curStyle = nil
	case (r.st.dest == destHeader || r.st.dest == destFooter || r.st.dest == destNote) && len(r.stack) > 0 && r.stack[len(r.stack)-1].dest != r.st.dest:
		r.endSink(r.st.dest)
	}
}

// peekWord reads the control word starting at i (after the backslash).
func peekWord(d []byte, i int) (word string, param int, hasParam bool) {
	j := i
	for j < len(d) && (d[j] >= 'a' && d[j] <= 'z' || d[j] >= 'A' && d[j] <= 'Z') && j-i < 32 {
		j++
	}
	return string(d[i:j]), 0, false
}
