package blocks

import (
	"sort"
	"strings"
	"unicode"
)

// An OffsetMap maps byte offsets of a text to the offsets of an edited copy
// of it, for readers that build blocks before the text takes its final form
// (white space collapsed, characters replaced or normalised). It holds
// change points: old offset Old[i] maps to New[i], and offsets between two
// points move in step with them, clamped so that the map never decreases.
// The zero OffsetMap is the identity.
type OffsetMap struct {
	old, new []int
}

// Add records that old offset o maps to new offset n. Points must be added
// in increasing order of o.
func (m *OffsetMap) Add(o, n int) {
	if k := len(m.old); k > 0 && m.old[k-1] == o {
		m.new[k-1] = n
		return
	}
	m.old = append(m.old, o)
	m.new = append(m.new, n)
}

// Map returns the new offset of old offset o.
func (m *OffsetMap) Map(o int) int {
	if m == nil || len(m.old) == 0 {
		return o
	}
	i := sort.SearchInts(m.old, o+1) - 1
	if i < 0 {
		return o
	}
	r := m.new[i] + o - m.old[i]
	if i+1 < len(m.new) && r > m.new[i+1] {
		r = m.new[i+1]
	}
	return r
}

// Remap moves every span of bs (blocks, parts, rows, cells, captions and
// nested blocks) through f, in place.
func Remap(bs []Block, f func(int) int) {
	sp := func(s *Span) {
		if *s == (Span{}) {
			return
		}
		s.Start, s.End = f(s.Start), f(s.End)
		if s.End < s.Start {
			s.End = s.Start
		}
	}
	for i := range bs {
		b := &bs[i]
		sp(&b.Span)
		sp(&b.Text)
		sp(&b.Label)
		sp(&b.Value)
		if b.Table == nil {
			continue
		}
		sp(&b.Table.Caption)
		for ri := range b.Table.Rows {
			r := &b.Table.Rows[ri]
			sp(&r.Span)
			for ci := range r.Cells {
				sp(&r.Cells[ci].Span)
				for k := range r.Cells[ci].More {
					sp(&r.Cells[ci].More[k])
				}
				Remap(r.Cells[ci].Nested, f)
			}
		}
	}
}

// Retrim trims white space from the ends of every span of bs over text, in
// place: after a remap, a cell that began with a no-break space begins
// with a space. A span that was empty stays where it is.
func Retrim(text string, bs []Block) {
	tr := func(s *Span) {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			return
		}
		*s = trimSpan(text, *s)
	}
	for i := range bs {
		b := &bs[i]
		tr(&b.Span)
		if b.Text != (Span{}) {
			tr(&b.Text)
		}
		if b.Kind == Label {
			tr(&b.Label)
			tr(&b.Value)
		}
		if b.Table == nil {
			continue
		}
		if b.Table.Caption != (Span{}) {
			tr(&b.Table.Caption)
		}
		for ri := range b.Table.Rows {
			r := &b.Table.Rows[ri]
			tr(&r.Span)
			for ci := range r.Cells {
				tr(&r.Cells[ci].Span)
				for k := range r.Cells[ci].More {
					tr(&r.Cells[ci].More[k])
				}
				Retrim(text, r.Cells[ci].Nested)
			}
		}
	}
}

// Shift adds d to every span of bs, in place.
func Shift(bs []Block, d int) {
	if d != 0 {
		Remap(bs, func(o int) int { return o + d })
	}
}

// CollapseSpace returns s with every run of Unicode white space turned
// into one space and the ends trimmed, and the map from offsets of s to
// offsets of the result.
func CollapseSpace(s string) (string, *OffsetMap) {
	var b strings.Builder
	m := &OffsetMap{}
	space := false
	for i, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				m.Add(i, b.Len())
			}
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		if space || i == 0 {
			m.Add(i, b.Len())
		}
		space = false
		b.WriteRune(r)
	}
	m.Add(len(s), b.Len())
	return b.String(), m
}
