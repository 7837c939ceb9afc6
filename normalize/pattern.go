package normalize

import (
	"regexp"
	"strings"
)

// extraSpaces are the no-break spaces that Word, HTML (&nbsp;) and PDF
// text put between words where a plain space is meant.
const extraSpaces = `\x{a0}\x{202f}\x{2007}`

// Pattern compiles a regular expression in which every white-space match
// also matches a no-break space: \s, \S and a literal space are widened,
// in and outside character classes. Rules written with plain spaces then
// hold on text from DOCX and HTML sources. It panics on a bad pattern,
// like regexp.MustCompile.
func Pattern(p string) *regexp.Regexp {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			switch {
			case p[i+1] == 's' && inClass:
				b.WriteString(`\s` + extraSpaces)
			case p[i+1] == 's':
				b.WriteString(`[\s` + extraSpaces + `]`)
			case p[i+1] == 'S' && !inClass:
				b.WriteString(`[^\s` + extraSpaces + `]`)
			default:
				b.WriteByte(c)
				b.WriteByte(p[i+1])
			}
			i++
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
			// a ']' right after '[' or '[^' is a literal
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		case c == ' ' && inClass:
			b.WriteString(` ` + extraSpaces)
		case c == ' ':
			b.WriteString(`[ ` + extraSpaces + `]`)
		default:
			b.WriteByte(c)
		}
	}
	return regexp.MustCompile(b.String())
}
