package rtf

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/dpa-nl/dpa/corpus/internal/flow"
)

// skippedDestinations are the groups that hold no text of the document.
var skippedDestinations = map[string]bool{
	"colortbl": true, "info": true, "pict": true, "object": true, "fldinst": true, "themedata": true,
	"colorschememapping": true, "datastore": true, "latentstyles": true, "xmlnstbl": true, "listtable": true,
	"listoverridetable": true, "revtbl": true, "rsidtbl": true, "generator": true, "filetbl": true,
	"pgdsctbl": true, "mmathPr": true, "xe": true, "tc": true, "txe": true, "bkmkstart": true, "bkmkend": true,
	"atnid": true, "atnauthor": true, "annotation": true, "atndate": true, "atnref": true, "protusertbl": true,
	"shpinst": true, "nonshppict": true, "blipuid": true, "template": true, "docvar": true, "userprops": true,
	"falt": true, "panose": true, "ftnsep": true, "ftnsepc": true, "aftnsep": true, "aftnsepc": true, "sp": true,
	"shppict": false,
}

// symbols are the control words that stand for one character.
var symbols = map[string]string{
	"emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“",
	"rdblquote": "”", "emspace": " ", "enspace": " ", "qmspace": " ", "zwj": "", "zwnj": "", "ltrmark": "", "rtlmark": "",
}

// charsets maps \fcharset numbers to their Windows code pages.
var charsets = map[int]int{0: 1252, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 238: 1250, 222: 874}

// codePages are the code pages \ansicpg and \fcharset may name.
var codePages = map[int]*charmap.Charmap{
	437: charmap.CodePage437, 850: charmap.CodePage850, 852: charmap.CodePage852, 858: charmap.CodePage858,
	866: charmap.CodePage866, 874: charmap.Windows874, 1250: charmap.Windows1250, 1251: charmap.Windows1251,
	1252: charmap.Windows1252, 1253: charmap.Windows1253, 1254: charmap.Windows1254, 1255: charmap.Windows1255,
	1256: charmap.Windows1256, 1257: charmap.Windows1257, 1258: charmap.Windows1258, 10000: charmap.Macintosh,
	28591: charmap.ISO8859_1, 28592: charmap.ISO8859_2, 28605: charmap.ISO8859_15,
}

func decoderFor(cp int) *encoding.Decoder {
	if m, ok := codePages[cp]; ok {
		return m.NewDecoder()
	}
	return nil
}

// control reads one control word or symbol at r.pos (a backslash).
func (r *reader) control() error {
	d := r.data
	i := r.pos + 1
	if i >= len(d) {
		r.pos = i
		return nil
	}
	c := d[i]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		// A control symbol.
		r.pos = i + 1
		switch c {
		case '\'':
			if i+2 < len(d) {
				if b, err := strconv.ParseUint(string(d[i+1:i+3]), 16, 8); err == nil {
					r.pos = i + 3
					if r.skipNext > 0 {
						r.skipNext--
						return nil
					}
					r.pendingRaw = append(r.pendingRaw, byte(b))
					return nil
				}
			}
		case '\\', '{', '}':
			r.flushRaw()
			r.text(string(c))
		case '~':
			r.flushRaw()
			r.text("\u00a0")
		case '_':
			r.flushRaw()
			r.text("-")
		case '-':
			// optional hyphen: nothing
		case '\r', '\n':
			r.flushRaw()
			r.par()
		case '*':
		case '\t':
			r.flushRaw()
			r.text("\t")
		}
		return nil
	}
	r.flushRaw()
	j := i
	for j < len(d) && (d[j] >= 'a' && d[j] <= 'z' || d[j] >= 'A' && d[j] <= 'Z') && j-i < 32 {
		j++
	}
	word := string(d[i:j])
	param, hasParam := 0, false
	if j < len(d) && (d[j] == '-' || d[j] >= '0' && d[j] <= '9') {
		k := j
		if d[k] == '-' {
			k++
		}
		for k < len(d) && d[k] >= '0' && d[k] <= '9' && k-j < 10 {
			k++
		}
		if n, err := strconv.Atoi(string(d[j:k])); err == nil {
			param, hasParam = n, true
		}
		j = k
	}
	if j < len(d) && d[j] == ' ' {
		j++
	}
	r.pos = j
	if word == "bin" && hasParam {
		// Binary data: skip its bytes.
		r.pos = min(len(d), r.pos+max(param, 0))
		return nil
	}
	if r.skipNext > 0 && word != "u" {
		r.skipNext--
		return nil
	}
	r.word(word, param, hasParam)
	return nil
}

// word acts on one control word.
func (r *reader) word(word string, param int, hasParam bool) {
	st := &r.st
	if st.dest == destSkip {
		return
	}
	switch word {
	case "fonttbl":
		st.dest = destFontTable
		return
	case "stylesheet":
		st.dest = destStyleSheet
		return
	case "header", "headerl", "headerr", "headerf":
		st.dest = destHeader
		r.sink(destHeader).Reset()
		return
	case "footer", "footerl", "footerr", "footerf":
		st.dest = destFooter
		r.sink(destFooter).Reset()
		return
	case "footnote":
		st.dest = destNote
		r.sink(destNote).Reset()
		return
	case "listtext", "pntext":
		st.dest = destListText
		r.label.Reset()
		return
	case "uc":
		if hasParam && param >= 0 && param < 16 {
			st.uc = param
		}
		return
	case "u":
		if hasParam {
			r.unicode(param)
		}
		return
	case "ansicpg":
		if dec := decoderFor(param); dec != nil {
			r.cpDec = dec
		}
		return
	case "f":
		if st.dest == destFontTable {
			r.curFont = param
			return
		}
		st.font = param
		st.dec = r.fonts[param]
		return
	case "fcharset":
		if st.dest == destFontTable {
			if cp, ok := charsets[param]; ok && param != 0 {
				if dec := decoderFor(cp); dec != nil {
					r.fonts[r.curFont] = dec
				}
			} else if param == 0 {
				delete(r.fonts, r.curFont)
			}
		}
		return
	case "cpg":
		if st.dest == destFontTable {
			if dec := decoderFor(param); dec != nil {
				r.fonts[r.curFont] = dec
			}
		}
		return
	}
	if skippedDestinations[word] {
		st.dest = destSkip
		return
	}
	if st.dest == destFontTable {
		return
	}
	if st.dest == destStyleSheet {
		if r.curStyle != nil {
			switch word {
			case "s":
				r.styles[param] = r.curStyle
			case "sbasedon":
				r.curStyle.basedOn = param
			case "outlinelevel":
				if param >= 0 && param < 9 {
					r.curStyle.outline = param + 1
				}
			case "cs", "ds", "ts", "tsrowd":
				r.curStyle = &styleDef{basedOn: -1} // not a paragraph style: collected, never used
			}
		}
		return
	}
	if st.dest != destBody {
		switch word {
		case "par", "sect", "page":
			r.par()
		case "line":
			r.text("\n")
		case "tab", "cell":
			r.text("\t")
		case "v":
			st.hidden = !hasParam || param != 0
		default:
			if s, ok := symbols[word]; ok {
				r.text(s)
			}
		}
		return
	}
	switch word {
	case "par":
		r.par()
	case "sect", "page":
		r.par()
	case "line":
		r.text("\n")
	case "tab":
		r.text("\t")
	case "cell", "nestcell":
		if word == "nestcell" {
			r.text(" ")
			return
		}
		r.endCell()
	case "row":
		r.endRow()
	case "trowd":
		r.defs, r.openDef = r.defs[:0], false
		r.headerRow = false
	case "trhdr":
		r.headerRow = true
	case "clmgf":
		r.curDef().hFirst = true
	case "clmrg":
		r.curDef().hMerge = true
	case "clvmgf":
		r.curDef().vFirst = true
	case "clvmrg":
		r.curDef().vMerge = true
	case "cellx":
		if !r.openDef {
			r.defs = append(r.defs, cellDef{})
		}
		r.openDef = false
	case "pard":
		r.style, r.outline, r.ilvl, r.inTable = 0, 0, 0, false
	case "plain":
		st.hidden = false
	case "intbl":
		r.inTable = true
	case "s":
		r.style = param
	case "outlinelevel":
		if param >= 0 && param < 9 {
			r.outline = param + 1
		}
	case "ilvl":
		r.ilvl = param
	case "v":
		st.hidden = !hasParam || param != 0
	default:
		if s, ok := symbols[word]; ok {
			r.text(s)
		}
	}
}

// curDef returns the cell definition being written (the one the next
// \cellx closes).
func (r *reader) curDef() *cellDef {
	if len(r.pendingDefs()) == 0 {
		r.defs = append(r.defs, cellDef{})
		r.openDef = true
	}
	return &r.defs[len(r.defs)-1]
}

// pendingDefs returns the open cell definition, if any.
func (r *reader) pendingDefs() []cellDef {
	if r.openDef {
		return r.defs[len(r.defs)-1:]
	}
	return nil
}

// unicode writes the character of \uN and arranges to skip its fallback.
func (r *reader) unicode(n int) {
	if n < 0 {
		n += 65536
	}
	r.skipNext = r.st.uc
	c := rune(n)
	switch {
	case utf16.IsSurrogate(c) && c < 0xdc00:
		r.highSur = c
		return
	case utf16.IsSurrogate(c):
		if r.highSur != 0 {
			c = utf16.DecodeRune(r.highSur, c)
		}
		r.highSur = 0
	}
	r.text(string(c))
}

// plain writes literal text, skipping \uN fallback characters.
func (r *reader) plain(b []byte) {
	if r.st.dest == destStyleSheet {
		if r.curStyle != nil {
			r.styleName.Write(b)
		}
		return
	}
	if r.skipNext > 0 {
		n := min(r.skipNext, len(b))
		r.skipNext -= n
		b = b[n:]
	}
	if len(b) > 0 {
		r.text(string(b))
	}
}

// flushRaw decodes the \'hh bytes collected so far in the code page of the
// current font or the document.
func (r *reader) flushRaw() {
	if len(r.pendingRaw) == 0 {
		return
	}
	raw := r.pendingRaw
	r.pendingRaw = r.pendingRaw[:0]
	dec := r.st.dec
	if dec == nil {
		dec = r.cpDec
	}
	s, err := dec.Bytes(raw)
	if err != nil {
		s = []byte(strings.ToValidUTF8(string(raw), "\ufffd"))
	}
	if r.st.dest == destStyleSheet {
		if r.curStyle != nil {
			r.styleName.Write(s)
		}
		return
	}
	r.text(string(s))
}

// sink returns the paragraph being collected for a destination other than
// the body.
func (r *reader) sink(d destination) *strings.Builder {
	b := r.sinkPara[d]
	if b == nil {
		b = &strings.Builder{}
		r.sinkPara[d] = b
	}
	return b
}

// text writes s where the current group's text goes.
func (r *reader) text(s string) {
	st := &r.st
	if st.hidden {
		return
	}
	r.textBytes += len(s)
	switch st.dest {
	case destBody:
		if r.inTable {
			r.cell.WriteString(s)
		} else {
			r.para.WriteString(s)
		}
	case destListText:
		r.label.WriteString(s)
	case destHeader, destFooter, destNote:
		r.sink(st.dest).WriteString(s)
	}
}

// par ends a paragraph.
func (r *reader) par() {
	switch r.st.dest {
	case destBody:
		r.endParagraph(true)
	case destHeader, destFooter, destNote:
		r.endSink(r.st.dest)
	}
}

// endSink finishes the paragraph of a header, footer or footnote.
func (r *reader) endSink(d destination) {
	b := r.sink(d)
	t := strings.TrimSpace(b.String())
	b.Reset()
	if t == "" {
		return
	}
	switch d {
	case destHeader:
		r.headers = append(r.headers, flow.Para{Text: t})
	case destFooter:
		r.footers = append(r.footers, flow.Para{Text: t})
	case destNote:
		r.notes = append(r.notes, flow.Para{Text: t})
	}
}

// endParagraph finishes a body paragraph: inside a table it is a line of
// the current cell, else a paragraph of its own (the table before it, if
// any, ends first).
func (r *reader) endParagraph(explicit bool) {
	if r.inTable && explicit {
		if r.cell.Len() > 0 {
			r.cell.WriteByte(' ')
		}
		r.paraLabel = ""
		return
	}
	text := r.para.String()
	r.para.Reset()
	label := r.paraLabel
	r.paraLabel = ""
	if strings.TrimSpace(text) == "" && !explicit {
		return
	}
	r.flushTable()
	if strings.TrimSpace(text) == "" {
		return
	}
	level := r.outline
	if level == 0 {
		level = r.headingStyle(r.style)
	}
	r.w.Paragraph(flow.Para{Text: text, Heading: min(level, 6), Label: label, Level: max(r.ilvl, 0)})
}

// headingStyle returns the heading level a paragraph style gives, by its
// outline level or its name, following the styles it is based on.
func (r *reader) headingStyle(id int) int {
	for range 16 {
		s := r.styles[id]
		if s == nil {
			return 0
		}
		if s.outline > 0 {
			return s.outline
		}
		if n := flow.HeadingName(s.name); n > 0 {
			return n
		}
		if s.basedOn < 0 || s.basedOn == id {
			return 0
		}
		id = s.basedOn
	}
	return 0
}

// endCell finishes a table cell.
func (r *reader) endCell() {
	r.cells = append(r.cells, strings.TrimSpace(r.cell.String()))
	r.cell.Reset()
	r.paraLabel = ""
}

// endRow finishes a table row.
func (r *reader) endRow() {
	if r.cell.Len() > 0 && strings.TrimSpace(r.cell.String()) != "" {
		r.endCell()
	}
	r.cell.Reset()
	defs := append([]cellDef(nil), r.defs...)
	r.rows = append(r.rows, rowRec{cells: r.cells, defs: defs, header: r.headerRow})
	r.cells = nil
	r.openDef = false
	if len(r.rows) > maxRows {
		r.flushTable()
	}
}

// maxRows is the most rows one table collects before it is written.
const maxRows = 10000

// flushTable writes the rows collected as one table: horizontally merged
// cells (\clmgf, \clmrg) become column spans, vertically merged ones
// (\clvmgf, \clvmrg) row spans.
func (r *reader) flushTable() {
	if len(r.rows) == 0 {
		return
	}
	rows := make([]flow.Row, len(r.rows))
	type pos struct{ row, cell int }
	above := map[int]pos{} // cell-definition index → the cell a vertical merge continues
	for ri, rec := range r.rows {
		row := flow.Row{Header: rec.header}
		for ci, text := range rec.cells {
			var def cellDef
			if ci < len(rec.defs) {
				def = rec.defs[ci]
			}
			c := flow.Cell{Text: text, ColSpan: 1, RowSpan: 1}
			switch {
			case def.hMerge && !def.hFirst && len(row.Cells) > 0:
				row.Cells[lastReal(row.Cells)].ColSpan++
				c.Covered = true
			case def.vMerge && !def.vFirst && text == "":
				if p, ok := above[ci]; ok {
					rows[p.row].Cells[p.cell].RowSpan++
					c.Covered = true
				}
			case def.vFirst:
				above[ci] = pos{ri, len(row.Cells)}
			default:
				delete(above, ci)
			}
			row.Cells = append(row.Cells, c)
		}
		rows[ri] = row
	}
	r.rows = r.rows[:0]
	r.w.Table(rows)
}

// lastReal returns the index of the last cell that is not covered.
func lastReal(cells []flow.Cell) int {
	for i := len(cells) - 1; i >= 0; i-- {
		if !cells[i].Covered {
			return i
		}
	}
	return 0
}
