package blocks

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Check verifies the invariants every reader's blocks keep over text:
// every span lies within text and within its block's Span; top-level blocks
// are in order and do not overlap; a cell's span is trimmed (no white space
// at either end); rows lie within their table and cells within their row
// (for formats whose rows are lines). It returns the first violation.
func Check(text string, bs []Block) error {
	prevEnd := 0
	for i, b := range bs {
		where := fmt.Sprintf("block %d (%s)", i, b.Kind)
		if err := inside(text, b.Span, where); err != nil {
			return err
		}
		if b.Start < prevEnd {
			return fmt.Errorf("%s: starts at %d, before the end %d of the block before it", where, b.Start, prevEnd)
		}
		prevEnd = b.End
		if err := checkBlock(text, b, where); err != nil {
			return err
		}
	}
	return nil
}

func checkBlock(text string, b Block, where string) error {
	if b.Kind < Paragraph || b.Kind > Furniture {
		return fmt.Errorf("%s: unknown kind %d", where, b.Kind)
	}
	for _, sp := range []Span{b.Text, b.Label, b.Value} {
		if sp == (Span{}) {
			continue
		}
		if err := inside(text, sp, where); err != nil {
			return err
		}
		if !b.Span.Contains(sp) {
			return fmt.Errorf("%s: part %v outside the block's span %v", where, sp, b.Span)
		}
	}
	if b.Kind == Label && (b.Label.Empty() || b.Value.Empty() || b.Label.End > b.Value.Start) {
		return fmt.Errorf("%s: label %v and value %v", where, b.Label, b.Value)
	}
	if (b.Kind == Table) != (b.Table != nil) {
		return fmt.Errorf("%s: table data does not match the kind", where)
	}
	if b.Table == nil {
		return nil
	}
	t := b.Table
	if t.HeaderRows < 0 || t.HeaderRows > len(t.Rows) {
		return fmt.Errorf("%s: %d header rows of %d", where, t.HeaderRows, len(t.Rows))
	}
	if t.Caption != (Span{}) {
		if err := inside(text, t.Caption, where+": caption"); err != nil {
			return err
		}
	}
	for ri, r := range t.Rows {
		rw := fmt.Sprintf("%s: row %d", where, ri)
		if err := inside(text, r.Span, rw); err != nil {
			return err
		}
		if !b.Span.Contains(r.Span) {
			return fmt.Errorf("%s: %v outside the table %v", rw, r.Span, b.Span)
		}
		for ci, c := range r.Cells {
			cw := fmt.Sprintf("%s: cell %d", rw, ci)
			if err := inside(text, c.Span, cw); err != nil {
				return err
			}
			if !b.Span.Contains(c.Span) {
				return fmt.Errorf("%s: %v outside the table %v", cw, c.Span, b.Span)
			}
			if s := c.In(text); s != strings.TrimSpace(s) {
				return fmt.Errorf("%s: %q is not trimmed", cw, s)
			}
			for _, m := range c.More {
				if err := inside(text, m, cw+": piece"); err != nil {
					return err
				}
				if !r.Span.Contains(m) || m.Empty() || m.In(text) != strings.TrimSpace(m.In(text)) {
					return fmt.Errorf("%s: piece %v outside the row %v, empty or untrimmed", cw, m, r.Span)
				}
			}
			if c.ColSpan < 1 || c.RowSpan < 1 || c.Col < 0 {
				return fmt.Errorf("%s: col %d span %d×%d", cw, c.Col, c.ColSpan, c.RowSpan)
			}
			for ni, n := range c.Nested {
				if err := checkBlock(text, n, fmt.Sprintf("%s: nested %d", cw, ni)); err != nil {
					return err
				}
				if !c.Span.Contains(n.Span) {
					return fmt.Errorf("%s: nested block %v outside the cell %v", cw, n.Span, c.Span)
				}
			}
		}
	}
	return nil
}

func inside(text string, sp Span, where string) error {
	if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
		return fmt.Errorf("%s: span %v outside the text (%d bytes)", where, sp, len(text))
	}
	if sp.Start < len(text) && !utf8.RuneStart(text[sp.Start]) || sp.End < len(text) && !utf8.RuneStart(text[sp.End]) {
		return fmt.Errorf("%s: span %v splits a character", where, sp)
	}
	return nil
}

// Dump writes the blocks as indented plain text, one line per block, row
// and cell, for golden files and debugging.
func Dump(text string, bs []Block) string {
	var b strings.Builder
	dump(&b, text, bs, "")
	return b.String()
}

func dump(b *strings.Builder, text string, bs []Block, indent string) {
	for _, bl := range bs {
		fmt.Fprintf(b, "%sp%d %s", indent, bl.Page, bl.Kind)
		switch bl.Kind {
		case Heading:
			fmt.Fprintf(b, " h%d", bl.Level)
		case ListItem:
			fmt.Fprintf(b, " depth=%d", bl.Level)
		}
		if bl.Marker != "" {
			fmt.Fprintf(b, " [%s]", bl.Marker)
		}
		switch bl.Kind {
		case Label:
			fmt.Fprintf(b, " %s = %s\n", quote(bl.Label.In(text)), quote(bl.Value.In(text)))
		case Table:
			t := bl.Table
			fmt.Fprintf(b, " %d rows, %d header", len(t.Rows), t.HeaderRows)
			if !t.Caption.Empty() {
				fmt.Fprintf(b, ", caption %s", quote(t.Caption.In(text)))
			}
			b.WriteString("\n")
			for ri, r := range t.Rows {
				fmt.Fprintf(b, "%s  row %d:", indent, ri)
				for _, c := range r.Cells {
					fmt.Fprintf(b, " %s", quote(c.Text(text)))
					if c.ColSpan > 1 || c.RowSpan > 1 {
						fmt.Fprintf(b, "(%d×%d)", c.ColSpan, c.RowSpan)
					}
				}
				b.WriteString("\n")
				for _, c := range r.Cells {
					if len(c.Nested) > 0 {
						fmt.Fprintf(b, "%s    nested in col %d:\n", indent, c.Col)
						dump(b, text, c.Nested, indent+"      ")
					}
				}
			}
		default:
			fmt.Fprintf(b, " %s\n", quote(bl.Text.In(text)))
		}
	}
}

// quote quotes s, shortened to 70 characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 70 {
		r := []rune(s)
		s = string(r[:60]) + "…" + string(r[len(r)-8:])
	}
	return fmt.Sprintf("%q", s)
}
