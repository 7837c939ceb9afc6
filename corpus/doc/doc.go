// Package doc reads the text of Word 97–2003 documents (.doc) in pure Go:
// the OLE compound file is opened with github.com/richardlehane/mscfb,
// and the text is taken from the WordDocument stream through the piece
// table (FIB → CLX → PlcPcd; pieces stored as 8-bit Windows-1252 or as
// UTF-16). Paragraph properties (the PAPX pages of PlcBtePapx) say which
// paragraphs are table cells and row ends, their outline level and style,
// so that tables come out as rows of cells and built-in heading styles as
// headings, in the layout of the DOCX reader (corpus/internal/flow).
// Fields keep their result and lose their code; pictures, note marks and
// other special characters are dropped. Headers, footers and footnotes
// are not read (Word keeps them in further stories of the same text).
package doc

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/flow"
)

// Limits bounds the work Read does for one file; a zero field takes its default.
type Limits struct {
	// MaxStreamBytes is the largest stream read.
	MaxStreamBytes int64
	// MaxChars is the most characters of text read.
	MaxChars int
}

// The defaults of Limits.
const (
	DefaultMaxStreamBytes = 128 << 20
	DefaultMaxChars       = 32 << 20
)

// The reasons Read fails; test with errors.Is. An OLE file that holds no
// Word document gives a *NotDocError.
var (
	ErrDamaged   = errors.New("damaged Word 97–2003 document")
	ErrEncrypted = errors.New("password-protected Word document")
	ErrTooLarge  = errors.New("too large")
)

// NotDocError reports an OLE compound file that is not a Word document.
type NotDocError struct {
	// What names what it is instead ("Excel 97–2003 workbook").
	What string
}

// Error names what the file is.
func (e *NotDocError) Error() string { return "not a Word document (" + e.What + ")" }

// Result is the text of one Word document.
type Result struct {
	Text     string
	Warnings []string
	Blocks   []blocks.Block
}

// streams are the OLE streams Read needs.
type streams struct {
	word, table0, table1 []byte
	names                []string
}

// Read returns the text of the Word 97–2003 document in r.
func Read(ctx context.Context, r io.ReaderAt, lim Limits) (res *Result, err error) {
	if lim.MaxStreamBytes <= 0 {
		lim.MaxStreamBytes = DefaultMaxStreamBytes
	}
	if lim.MaxChars <= 0 {
		lim.MaxChars = DefaultMaxChars
	}
	defer func() {
		// mscfb trusts the sector chains it is given; a damaged one can
		// index out of range.
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("%w: %v", ErrDamaged, p)
		}
	}()
	ole, err := mscfb.New(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	var s streams
	for n := 0; ; n++ {
		if n%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if n > 100000 {
			return nil, fmt.Errorf("%w: more than 100000 entries in the compound file", ErrTooLarge)
		}
		f, err := ole.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if len(f.Path) > 0 {
			continue
		}
		s.names = append(s.names, f.Name)
		var dst *[]byte
		switch f.Name {
		case "WordDocument":
			dst = &s.word
		case "0Table":
			dst = &s.table0
		case "1Table":
			dst = &s.table1
		default:
			continue
		}
		if f.Size > lim.MaxStreamBytes || f.Size < 0 {
			return nil, fmt.Errorf("%w: stream %s is %d bytes, limit %d", ErrTooLarge, f.Name, f.Size, lim.MaxStreamBytes)
		}
		data, err := io.ReadAll(io.LimitReader(f, f.Size))
		if err != nil {
			return nil, fmt.Errorf("%w: stream %s: %v", ErrDamaged, f.Name, err)
		}
		*dst = data
	}
	if s.word == nil {
		return nil, &NotDocError{What: what(s.names)}
	}
	return read(ctx, s, lim)
}

// what guesses what an OLE file without a WordDocument stream is.
func what(names []string) string {
	for _, n := range names {
		switch n {
		case "Workbook", "Book":
			return "Excel 97–2003 workbook"
		case "PowerPoint Document":
			return "PowerPoint 97–2003 presentation"
		case "EncryptedPackage":
			return "password-protected Office document"
		case "__substg1.0_0037001F", "__substg1.0_0037001E", "__properties_version1.0":
			return "Outlook message"
		}
	}
	return "OLE compound file"
}

// fib holds what Read uses of the File Information Block.
type fib struct {
	table              []byte
	ccpText            int
	fcClx, lcbClx      uint32
	fcBtePapx, lcbPapx uint32
}

func readFIB(s streams) (*fib, error) {
	w := s.word
	if len(w) < 0x1AA || binary.LittleEndian.Uint16(w) != 0xA5EC {
		return nil, fmt.Errorf("%w: no Word file information block", ErrDamaged)
	}
	flags := binary.LittleEndian.Uint16(w[0x0A:])
	if flags&0x0100 != 0 {
		return nil, ErrEncrypted
	}
	f := &fib{table: s.table0}
	if flags&0x0200 != 0 {
		f.table = s.table1
	}
	if f.table == nil {
		return nil, fmt.Errorf("%w: table stream missing", ErrDamaged)
	}
	f.ccpText = int(int32(binary.LittleEndian.Uint32(w[0x4C:])))
	f.fcBtePapx, f.lcbPapx = binary.LittleEndian.Uint32(w[0x102:]), binary.LittleEndian.Uint32(w[0x106:])
	f.fcClx, f.lcbClx = binary.LittleEndian.Uint32(w[0x1A2:]), binary.LittleEndian.Uint32(w[0x1A6:])
	if f.ccpText < 0 || uint64(f.fcClx)+uint64(f.lcbClx) > uint64(len(f.table)) || f.lcbClx == 0 {
		return nil, fmt.Errorf("%w: piece table outside the table stream", ErrDamaged)
	}
	return f, nil
}

// piece is one piece of the piece table: characters [cp, cpEnd) stored
// from byte fc of the WordDocument stream, 8-bit or UTF-16.
type piece struct {
	cp, cpEnd  int
	fc         int
	compressed bool
}

// pieces reads the PlcPcd of the CLX.
func pieces(f *fib) ([]piece, error) {
	clx := f.table[f.fcClx : f.fcClx+f.lcbClx]
	for i := 0; i < len(clx); {
		switch clx[i] {
		case 0x01: // Prc: skip its grpprl
			if i+3 > len(clx) {
				return nil, fmt.Errorf("%w: truncated CLX", ErrDamaged)
			}
			i += 3 + int(binary.LittleEndian.Uint16(clx[i+1:]))
		case 0x02:
			if i+5 > len(clx) {
				return nil, fmt.Errorf("%w: truncated CLX", ErrDamaged)
			}
			lcb := int(binary.LittleEndian.Uint32(clx[i+1:]))
			plc := clx[i+5:]
			if lcb < 4 || lcb > len(plc) || (lcb-4)%12 != 0 {
				return nil, fmt.Errorf("%w: bad piece table", ErrDamaged)
			}
			n := (lcb - 4) / 12
			out := make([]piece, 0, n)
			for k := 0; k < n; k++ {
				cp := int(binary.LittleEndian.Uint32(plc[4*k:]))
				end := int(binary.LittleEndian.Uint32(plc[4*(k+1):]))
				pcd := plc[4*(n+1)+8*k:]
				fc := binary.LittleEndian.Uint32(pcd[2:])
				p := piece{cp: cp, cpEnd: end, compressed: fc&0x40000000 != 0, fc: int(fc & 0x3FFFFFFF)}
				if p.compressed {
					p.fc /= 2
				}
				if end < cp {
					return nil, fmt.Errorf("%w: piece table out of order", ErrDamaged)
				}
				out = append(out, p)
			}
			return out, nil
		default:
			return nil, fmt.Errorf("%w: bad CLX entry %#x", ErrDamaged, clx[i])
		}
	}
	return nil, fmt.Errorf("%w: no piece table", ErrDamaged)
}

// char is one character of the main text with the byte position it is
// stored at (to find its paragraph's properties).
type char struct {
	r  rune
	fc int
}

// mainText returns the characters of the main document (the first
// ccpText characters), piece by piece.
func mainText(ctx context.Context, f *fib, ps []piece, word []byte, lim Limits) ([]char, error) {
	dec := charmap.Windows1252
	var out []char
	want := min(f.ccpText, lim.MaxChars+1)
	for _, p := range ps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for cp := p.cp; cp < p.cpEnd && len(out) < want; cp++ {
			k := cp - p.cp
			if p.compressed {
				at := p.fc + k
				if at >= len(word) {
					return nil, fmt.Errorf("%w: text outside the document stream", ErrDamaged)
				}
				out = append(out, char{r: dec.DecodeByte(word[at]), fc: at})
				continue
			}
			at := p.fc + 2*k
			if at+2 > len(word) {
				return nil, fmt.Errorf("%w: text outside the document stream", ErrDamaged)
			}
			out = append(out, char{r: rune(binary.LittleEndian.Uint16(word[at:])), fc: at})
		}
		if len(out) >= want {
			break
		}
	}
	if len(out) > lim.MaxChars {
		return nil, fmt.Errorf("%w: more than %d characters", ErrTooLarge, lim.MaxChars)
	}
	// Join surrogate pairs of UTF-16 pieces.
	for i := 0; i+1 < len(out); i++ {
		if utf16.IsSurrogate(out[i].r) && out[i].r < 0xdc00 && out[i+1].r >= 0xdc00 && out[i+1].r <= 0xdfff {
			out[i].r = utf16.DecodeRune(out[i].r, out[i+1].r)
			out = append(out[:i+1], out[i+2:]...)
		}
	}
	return out, nil
}

// papx is the properties of the paragraphs whose marks lie in [fc, fcEnd).
type papx struct {
	fc, fcEnd int
	istd      int
	inTable   bool
	ttp       bool // the mark ends a table row
	outline   int  // outline level + 1; 0 for body text
	ilfo      int  // the list (1-based index of the list overrides); 0 for none
	ilvl      int
}

// paragraphProps reads the PAPX pages named by PlcBtePapx.
func paragraphProps(f *fib, word []byte) []papx {
	if f.lcbPapx < 12 || uint64(f.fcBtePapx)+uint64(f.lcbPapx) > uint64(len(f.table)) {
		return nil
	}
	plc := f.table[f.fcBtePapx : f.fcBtePapx+f.lcbPapx]
	n := (len(plc) - 4) / 8
	var out []papx
	for k := 0; k < n && k < 100000; k++ {
		pn := int(binary.LittleEndian.Uint32(plc[4*(n+1)+4*k:]) & 0x3FFFFF)
		if (pn+1)*512 > len(word) {
			continue
		}
		page := word[pn*512 : (pn+1)*512]
		crun := int(page[511])
		if 4*(crun+1)+13*crun > 511 {
			continue
		}
		for i := 0; i < crun; i++ {
			p := papx{fc: int(binary.LittleEndian.Uint32(page[4*i:])), fcEnd: int(binary.LittleEndian.Uint32(page[4*(i+1):]))}
			off := 2 * int(page[4*(crun+1)+13*i])
			if off > 0 && off < 511 {
				readPapx(page, off, &p)
			}
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].fc < out[j].fc })
	return out
}

// readPapx reads one PapxInFkp at off of an FKP page: the style and the
// sprms Read uses.
func readPapx(page []byte, off int, p *papx) {
	cb := int(page[off])
	start := off + 1
	size := 2*cb - 1
	if cb == 0 {
		if off+1 >= len(page) {
			return
		}
		size = 2 * int(page[off+1])
		start = off + 2
	}
	if size < 2 || start+size > len(page) {
		return
	}
	g := page[start : start+size]
	p.istd = int(binary.LittleEndian.Uint16(g))
	for i := 2; i+2 <= len(g); {
		op := binary.LittleEndian.Uint16(g[i:])
		i += 2
		var n int
		switch op >> 13 {
		case 0, 1:
			n = 1
		case 2, 4, 5:
			n = 2
		case 3:
			n = 4
		case 7:
			n = 3
		case 6:
			if i >= len(g) {
				return
			}
			if op == 0xC615 { // sprmPChgTabs
				n = 1 + int(g[i])
			} else {
				n = 1 + int(g[i])
			}
		}
		if i+n > len(g) {
			return
		}
		v := g[i : i+n]
		switch op {
		case 0x2416: // sprmPFInTable
			p.inTable = v[0] != 0
		case 0x2417: // sprmPFTtp
			p.ttp = v[0] != 0
		case 0x6649: // sprmPItap: table depth
			if binary.LittleEndian.Uint32(v) > 0 {
				p.inTable = true
			}
		case 0x244C: // sprmPFInnerTtp
			p.ttp = v[0] != 0
		case 0x2640: // sprmPOutLvl
			if v[0] < 9 {
				p.outline = int(v[0]) + 1
			}
		case 0x460B: // sprmPIlfo
			p.ilfo = int(int16(binary.LittleEndian.Uint16(v)))
		case 0x260A: // sprmPIlvl
			p.ilvl = int(v[0])
		}
		i += n
	}
}

// propsAt returns the properties of the paragraph whose mark is at fc.
func propsAt(ps []papx, fc int) papx {
	i := sort.Search(len(ps), func(i int) bool { return ps[i].fcEnd > fc })
	if i < len(ps) && ps[i].fc <= fc {
		return ps[i]
	}
	return papx{}
}

func read(ctx context.Context, s streams, lim Limits) (*Result, error) {
	f, err := readFIB(s)
	if err != nil {
		return nil, err
	}
	ps, err := pieces(f)
	if err != nil {
		return nil, err
	}
	chars, err := mainText(ctx, f, ps, s.word, lim)
	if err != nil {
		return nil, err
	}
	props := paragraphProps(f, s.word)
	styles := readStyles(s.word, f.table)
	lists := readLists(s.word, f.table)
	w := &flow.Writer{}
	var para strings.Builder
	var cells []flow.Cell
	var rows []flow.Row
	var warn []string
	field := []int{} // open fields: 0 in code, 1 in result
	endTable := func() {
		if len(rows) > 0 {
			w.Table(rows)
			rows = nil
		}
	}
	for i, c := range chars {
		if i%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		switch c.r {
		case 0x13: // field begins: its code follows
			if len(field) < 64 {
				field = append(field, 0)
			}
			continue
		case 0x14: // field separator: the result follows
			if len(field) > 0 {
				field[len(field)-1] = 1
			}
			continue
		case 0x15:
			if len(field) > 0 {
				field = field[:len(field)-1]
			}
			continue
		}
		inCode := false
		for _, f := range field {
			if f == 0 {
				inCode = true
			}
		}
		if inCode {
			continue
		}
		switch c.r {
		case '\r', 0x07, 0x0C:
			p := propsAt(props, c.fc)
			text := para.String()
			para.Reset()
			switch {
			case c.r == 0x07 && (p.ttp || props == nil && text == "" && len(cells) > 0):
				rows = append(rows, flow.Row{Cells: cells})
				cells = nil
			case c.r == 0x07:
				cells = append(cells, flow.Cell{Text: text})
			case p.inTable && c.r == '\r':
				para.WriteString(text + " ") // a paragraph inside a cell
			default:
				endTable()
				level := p.outline
				if level == 0 {
					level = headingLevel(styles, p.istd)
				}
				label := ""
				if p.ilfo > 0 && p.ilfo <= len(lists) && lists[p.ilfo-1] != nil && strings.TrimSpace(text) != "" {
					label = lists[p.ilfo-1].label(p.ilvl)
				}
				w.Paragraph(flow.Para{Text: text, Heading: min(level, 6), Label: label, Level: p.ilvl})
			}
		case 0x0B:
			para.WriteByte('\n')
		case 0x09:
			para.WriteByte('\t')
		case 0x1E:
			para.WriteByte('-')
		case 0xA0:
			para.WriteByte(' ')
		case 0x1F, 0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x28 + 0x10000:
			// optional hyphen, picture, note mark, separators, annotation, drawing
		default:
			if c.r < 0x20 || c.r == 0xFFFD {
				continue
			}
			para.WriteRune(c.r)
		}
	}
	if len(cells) > 0 {
		rows = append(rows, flow.Row{Cells: cells})
	}
	endTable()
	if strings.TrimSpace(para.String()) != "" {
		w.Paragraph(flow.Para{Text: para.String()})
	}
	if props == nil {
		warn = append(warn, "paragraph properties unreadable: tables and headings guessed from the text")
	}
	text, bs := w.Finish()
	return &Result{Text: text, Warnings: warn, Blocks: bs}, nil
}

// IsWord reports whether data, an OLE compound file, holds a Word
// document (a WordDocument stream).
func IsWord(data []byte) bool {
	return bytes.Contains(data, []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"))
}
