package docx

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/corpus/internal/flow"
	"github.com/dpa-nl/dpa/corpus/text"
)

// paragraphs holds what the list numbering of a document needs across its
// parts: the list definitions, the styles that number paragraphs, and the
// running counters of each list.
type paragraphs struct {
	abstract  map[string]map[int]*level // abstractNumId → level → definition
	styleLink map[string]string         // abstractNumId → style whose list it uses (numStyleLink)
	nums      map[string]*list          // numId → list instance
	styles    map[string]*style         // styleId → style
	shared    map[string]*counters      // abstractNumId → counters of the lists that do not restart
}

// level is one level of a list definition.
type level struct {
	start  int
	format string // numFmt: decimal, lowerLetter, bullet, none, …
	text   string // lvlText: "%1.", "(%1)", "%1.%2", "•"
	suffix string // tab, space or nothing
	legal  bool   // isLgl: numbers of all levels as decimals
}

// list is one list instance (w:num).
type list struct {
	abstract string
	starts   map[int]int // startOverride per level
	own      *counters   // set when the list restarts (has start overrides)
}

// counters are the running numbers of a list's levels. As in Word, the
// lists (w:num) of one definition (w:abstractNum) continue one another's
// numbers unless they restart with a start override.
type counters struct {
	values [9]int
	used   [9]bool
}

// style is a paragraph style's numbering, parent and heading level.
type style struct {
	basedOn string
	numID   string
	ilvl    int
	hasNum  bool
	name    string // w:name ("heading 2", "Title")
	outline int    // w:outlineLvl + 1; 0 when none
}

func newParagraphs() *paragraphs {
	return &paragraphs{abstract: map[string]map[int]*level{}, styleLink: map[string]string{}, nums: map[string]*list{},
		styles: map[string]*style{}, shared: map[string]*counters{}}
}

func attrVal(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func attrInt(se xml.StartElement, local string) (int, bool) {
	v, ok := attrVal(se, local)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

// onOff reads a WordprocessingML on/off property: present means on unless
// its val says false.
func onOff(se xml.StartElement) bool {
	v, ok := attrVal(se, "val")
	return !ok || !(v == "0" || v == "false" || v == "off")
}

// numberingReader reads numbering.xml.
type numberingReader struct {
	p        *paragraphs
	abstract string // current w:abstractNum
	lvl      *level
	num      *list
	override int // ilvl of the current w:lvlOverride, -1 outside one
}

func (r *numberingReader) token(_ *xml.Decoder, t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "abstractNum":
			r.abstract, _ = attrVal(t, "abstractNumId")
			if r.p.abstract[r.abstract] == nil {
				r.p.abstract[r.abstract] = map[int]*level{}
			}
		case "numStyleLink":
			if r.abstract != "" {
				r.p.styleLink[r.abstract], _ = attrVal(t, "val")
			}
		case "lvl":
			if r.num != nil {
				return nil // level overrides inside w:num: the start override is enough
			}
			ilvl, _ := attrInt(t, "ilvl")
			r.lvl = &level{start: 1, format: "decimal", suffix: "tab"}
			if r.abstract != "" && ilvl >= 0 && ilvl < 9 {
				r.p.abstract[r.abstract][ilvl] = r.lvl
			}
		case "start":
			if r.lvl != nil && r.num == nil {
				if v, ok := attrInt(t, "val"); ok {
					r.lvl.start = v
				}
			}
		case "numFmt":
			if r.lvl != nil && r.num == nil {
				r.lvl.format, _ = attrVal(t, "val")
			}
		case "lvlText":
			if r.lvl != nil && r.num == nil {
				r.lvl.text, _ = attrVal(t, "val")
			}
		case "suff":
			if r.lvl != nil && r.num == nil {
				r.lvl.suffix, _ = attrVal(t, "val")
			}
		case "isLgl":
			if r.lvl != nil && r.num == nil {
				r.lvl.legal = onOff(t)
			}
		case "num":
			id, _ := attrVal(t, "numId")
			r.num = &list{starts: map[int]int{}}
			r.p.nums[id] = r.num
		case "abstractNumId":
			if r.num != nil {
				r.num.abstract, _ = attrVal(t, "val")
			}
		case "lvlOverride":
			r.override, _ = attrInt(t, "ilvl")
		case "startOverride":
			if r.num != nil && r.override >= 0 {
				if v, ok := attrInt(t, "val"); ok {
					r.num.starts[r.override] = v
				}
			}
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "abstractNum":
			r.abstract = ""
		case "lvl":
			if r.num == nil {
				r.lvl = nil
			}
		case "num":
			r.num = nil
		case "lvlOverride":
			r.override = -1
		}
	}
	return nil
}

// stylesReader reads the numbering of paragraph styles from styles.xml.
type stylesReader struct {
	p   *paragraphs
	cur *style
}

func (r *stylesReader) token(_ *xml.Decoder, t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "style":
			id, _ := attrVal(t, "styleId")
			r.cur = &style{}
			r.p.styles[id] = r.cur
		case "basedOn":
			if r.cur != nil {
				r.cur.basedOn, _ = attrVal(t, "val")
			}
		case "name":
			if r.cur != nil {
				r.cur.name, _ = attrVal(t, "val")
			}
		case "outlineLvl":
			if v, ok := attrInt(t, "val"); ok && r.cur != nil && v >= 0 && v < 9 {
				r.cur.outline = v + 1
			}
		case "numId":
			if r.cur != nil {
				r.cur.numID, _ = attrVal(t, "val")
				r.cur.hasNum = true
			}
		case "ilvl":
			if r.cur != nil {
				r.cur.ilvl, _ = attrInt(t, "val")
			}
		}
	case xml.EndElement:
		if t.Name.Local == "style" {
			r.cur = nil
		}
	}
	return nil
}

// headingStyle returns the heading level (1–6) a paragraph style gives
// its paragraphs — by its outline level, or by its name ("heading 2",
// "Kop 2", "Title") — following the styles it is based on; 0 for none.
func (p *paragraphs) headingStyle(id string) int {
	for i := 0; i < 16 && id != ""; i++ {
		s := p.styles[id]
		name := id
		if s != nil && s.name != "" {
			name = s.name
		}
		if s != nil && s.outline > 0 {
			return min(s.outline, 6)
		}
		if n := flow.HeadingName(name); n > 0 {
			return n
		}
		if s == nil {
			return 0
		}
		id = s.basedOn
	}
	return 0
}

// styleNumbering returns the numbering a paragraph style (or the style it
// is based on) gives its paragraphs.
func (p *paragraphs) styleNumbering(id string) (numID string, ilvl int, ok bool) {
	for i := 0; i < 16 && id != ""; i++ {
		s := p.styles[id]
		if s == nil {
			return "", 0, false
		}
		if s.hasNum {
			return s.numID, s.ilvl, true
		}
		id = s.basedOn
	}
	return "", 0, false
}

// label advances the counter of list numID at level ilvl and returns the
// paragraph's label with its suffix ("a. ", "- "), or "" for no label.
func (p *paragraphs) label(numID string, ilvl int) string {
	l := p.nums[numID]
	if numID == "" || numID == "0" || l == nil || ilvl < 0 || ilvl > 8 {
		return ""
	}
	abstract := p.definition(l.abstract)
	levels := p.abstract[abstract]
	def := levels[ilvl]
	if def == nil {
		return ""
	}
	c := l.own
	if c == nil && len(l.starts) > 0 {
		c = &counters{}
		l.own = c
	}
	if c == nil {
		if p.shared[abstract] == nil {
			p.shared[abstract] = &counters{}
		}
		c = p.shared[abstract]
	}
	start := func(i int) int {
		if s, ok := l.starts[i]; ok {
			return s
		}
		if d := levels[i]; d != nil {
			return d.start
		}
		return 1
	}
	if c.used[ilvl] {
		c.values[ilvl]++
	} else {
		c.values[ilvl] = start(ilvl)
		c.used[ilvl] = true
	}
	for i := ilvl + 1; i < 9; i++ {
		c.used[i] = false
	}
	var lbl string
	switch def.format {
	case "none":
		lbl = ""
	case "bullet":
		lbl = "-"
	default:
		var b strings.Builder
		t := def.text
		for i := 0; i < len(t); i++ {
			if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
				k := int(t[i+1] - '1')
				if !c.used[k] && k != ilvl {
					c.values[k] = start(k)
					c.used[k] = true
				}
				f := "decimal"
				if d := levels[k]; d != nil && !def.legal {
					f = d.format
				}
				b.WriteString(formatNumber(c.values[k], f))
				i++
				continue
			}
			b.WriteByte(t[i])
		}
		lbl = strings.TrimSpace(b.String())
	}
	if lbl == "" {
		return ""
	}
	if def.suffix == "nothing" {
		return lbl
	}
	// Word's default suffix is a tab; as layout it says no more than a
	// space, and readers of the text (and other formats) expect "1. ".
	return lbl + " "
}

// definition follows a list definition that only points at a numbering
// style (numStyleLink) to the definition that style's list uses.
func (p *paragraphs) definition(abstract string) string {
	for range 8 {
		link, ok := p.styleLink[abstract]
		if !ok || len(p.abstract[abstract]) > 0 {
			return abstract
		}
		s := p.styles[link]
		if s == nil || p.nums[s.numID] == nil {
			return abstract
		}
		abstract = p.nums[s.numID].abstract
	}
	return abstract
}

// formatNumber writes n in a numFmt.
func formatNumber(n int, format string) string {
	switch format {
	case "lowerLetter":
		return text.Letters(n, false)
	case "upperLetter":
		return text.Letters(n, true)
	case "lowerRoman":
		return strings.ToLower(text.Roman(n))
	case "upperRoman":
		return text.Roman(n)
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}
