package doc

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/dpa-nl/dpa/corpus/internal/flow"
	"github.com/dpa-nl/dpa/corpus/text"
)

// style is one paragraph style of the style sheet (STSH).
type style struct {
	sti, base int
	name      string
}

// readStyles reads the style sheet at fcStshf of the table stream.
func readStyles(word, table []byte) []style {
	fc, lcb := binary.LittleEndian.Uint32(word[0xA2:]), binary.LittleEndian.Uint32(word[0xA6:])
	if lcb < 4 || uint64(fc)+uint64(lcb) > uint64(len(table)) {
		return nil
	}
	st := table[fc : fc+lcb]
	cb := int(binary.LittleEndian.Uint16(st))
	if cb < 4 || 2+cb > len(st) {
		return nil
	}
	cstd := int(binary.LittleEndian.Uint16(st[2:]))
	baseSize := int(binary.LittleEndian.Uint16(st[4:]))
	out := make([]style, 0, min(cstd, 4096))
	for i, off := 0, 2+cb; i < cstd && i < 4096 && off+2 <= len(st); i++ {
		n := int(binary.LittleEndian.Uint16(st[off:]))
		off += 2
		if off+n > len(st) {
			break
		}
		s := style{sti: -1, base: 0xFFF}
		if n >= 10 {
			std := st[off : off+n]
			s.sti = int(binary.LittleEndian.Uint16(std) & 0x0FFF)
			s.base = int(binary.LittleEndian.Uint16(std[2:]) >> 4)
			if at := baseSize; at > 0 && at+2 <= len(std) {
				cch := int(binary.LittleEndian.Uint16(std[at:]))
				if at+2+2*cch <= len(std) {
					u := make([]uint16, cch)
					for k := range u {
						u[k] = binary.LittleEndian.Uint16(std[at+2+2*k:])
					}
					s.name = string(utf16.Decode(u))
				}
			}
		}
		out = append(out, s)
		off += n
	}
	return out
}

// headingLevel returns the heading level style istd gives: built-in
// heading styles (sti 1–9), a heading-like name, or the style it is
// based on; 0 for none.
func headingLevel(styles []style, istd int) int {
	for range 16 {
		if istd < 0 || istd >= len(styles) {
			return 0
		}
		s := styles[istd]
		if s.sti >= 1 && s.sti <= 9 {
			return s.sti
		}
		if n := flow.HeadingName(s.name); n > 0 {
			return n
		}
		if s.base == 0xFFF || s.base == istd {
			return 0
		}
		istd = s.base
	}
	return 0
}

// list is one list definition (LSTF and its levels).
type list struct {
	levels []level
	values [9]int
	used   [9]bool
}

// level is one level of a list (LVL).
type level struct {
	start  int
	nfc    int
	text   []uint16 // the number text; characters 0–8 stand for the numbers of those levels
	follow int      // 0 tab, 1 space, 2 nothing
}

// readLists reads the list definitions (PlfLst) and the list overrides
// (PlfLfo) and returns the list of each 1-based ilfo.
func readLists(word, table []byte) []*list {
	get := func(at int) []byte {
		fc, lcb := binary.LittleEndian.Uint32(word[at:]), binary.LittleEndian.Uint32(word[at+4:])
		if lcb == 0 || uint64(fc)+uint64(lcb) > uint64(len(table)) {
			return nil
		}
		return table[fc : fc+lcb]
	}
	if len(word) < 0x2F2 {
		return nil
	}
	lst, lfo := get(0x2E2), get(0x2EA)
	if len(lst) < 2 || len(lfo) < 4 {
		return nil
	}
	// The levels (LVLs) follow the PlfLst in the table stream, outside
	// its declared size.
	fcLst := binary.LittleEndian.Uint32(word[0x2E2:])
	lst = table[fcLst:]
	n := int(binary.LittleEndian.Uint16(lst))
	if 2+28*n > len(lst) || n > 10000 {
		return nil
	}
	byID := map[uint32]*list{}
	ids := make([]uint32, n)
	simple := make([]bool, n)
	for i := 0; i < n; i++ {
		e := lst[2+28*i:]
		ids[i] = binary.LittleEndian.Uint32(e)
		simple[i] = e[26]&1 != 0
	}
	off := 2 + 28*n
	for i := 0; i < n; i++ {
		l := &list{}
		count := 9
		if simple[i] {
			count = 1
		}
		for k := 0; k < count; k++ {
			if off+28 > len(lst) {
				return nil
			}
			f := lst[off:]
			lv := level{start: int(int32(binary.LittleEndian.Uint32(f))), nfc: int(f[4]), follow: int(f[15])}
			cbChpx, cbPapx := int(f[24]), int(f[25])
			off += 28 + cbPapx + cbChpx
			if off+2 > len(lst) {
				return nil
			}
			cch := int(binary.LittleEndian.Uint16(lst[off:]))
			off += 2
			if off+2*cch > len(lst) {
				return nil
			}
			for c := 0; c < cch; c++ {
				lv.text = append(lv.text, binary.LittleEndian.Uint16(lst[off+2*c:]))
			}
			off += 2 * cch
			l.levels = append(l.levels, lv)
		}
		byID[ids[i]] = l
	}
	m := int(binary.LittleEndian.Uint32(lfo))
	if 4+16*m > len(lfo) || m > 10000 {
		return nil
	}
	out := make([]*list, m)
	for i := 0; i < m; i++ {
		out[i] = byID[binary.LittleEndian.Uint32(lfo[4+16*i:])]
	}
	return out
}

// label advances list l at level ilvl and returns the item's label; "-"
// for a bullet, "" for none.
func (l *list) label(ilvl int) string {
	if ilvl < 0 || ilvl >= len(l.levels) || ilvl > 8 {
		return ""
	}
	lv := l.levels[ilvl]
	if l.used[ilvl] {
		l.values[ilvl]++
	} else {
		l.values[ilvl], l.used[ilvl] = lv.start, true
	}
	for k := ilvl + 1; k < 9; k++ {
		l.used[k] = false
	}
	switch lv.nfc {
	case 23:
		return "-"
	case 255:
		return ""
	}
	var b strings.Builder
	for _, c := range lv.text {
		if c < 9 {
			k := int(c)
			if !l.used[k] && k < len(l.levels) {
				l.values[k], l.used[k] = l.levels[k].start, true
			}
			nfc := 0
			if k < len(l.levels) {
				nfc = l.levels[k].nfc
			}
			b.WriteString(formatNumber(l.values[k], nfc))
			continue
		}
		b.WriteRune(rune(c))
	}
	return strings.TrimSpace(b.String())
}

// formatNumber writes n in a Word number format (nfc).
func formatNumber(n, nfc int) string {
	switch nfc {
	case 1:
		return text.Roman(n)
	case 2:
		return strings.ToLower(text.Roman(n))
	case 3:
		return text.Letters(n, true)
	case 4:
		return text.Letters(n, false)
	case 22:
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}
