package extract

import "strings"

// nextCellSep returns the first match of cellSepRe in s at or after pos,
// as cellSepRe.FindAllStringIndex finds them one after the other, without
// the regexp: white space around a pipe, a run of tabs, or a run of three
// or more spaces; a no-break space counts as a space. a is -1 when there
// is none.
func nextCellSep(s string, pos int) (a, b int) {
	for p := pos; p < len(s); p++ {
		c := s[p]
		if c != '|' && c != '\t' && c != ' ' && c != '\n' && c != '\f' && c != '\r' && c != 0xc2 && c != 0xe2 {
			continue
		}
		// white space up to a pipe, the pipe, white space after it
		q := p
		for n := sepSpaceAt(s, q, true); n > 0; n = sepSpaceAt(s, q, true) {
			q += n
		}
		if q < len(s) && s[q] == '|' {
			q++
			for n := sepSpaceAt(s, q, true); n > 0; n = sepSpaceAt(s, q, true) {
				q += n
			}
			return p, q
		}
		if c == '\t' {
			q = p
			for q < len(s) && s[q] == '\t' {
				q++
			}
			return p, q
		}
		// three or more spaces
		q, k := p, 0
		for n := sepSpaceAt(s, q, false); n > 0; n = sepSpaceAt(s, q, false) {
			q += n
			k++
		}
		if k >= 3 {
			return p, q
		}
	}
	return -1, -1
}

// sepSpaceAt returns the length of the space at s[i], 0 for none: with
// lineSpace, any white space as normalize.Pattern widens \s (tab, line
// end, form feed, space, no-break spaces); else only a space or a
// no-break space.
func sepSpaceAt(s string, i int, lineSpace bool) int {
	if i >= len(s) {
		return 0
	}
	switch s[i] {
	case ' ':
		return 1
	case '\t', '\n', '\f', '\r':
		if lineSpace {
			return 1
		}
	case 0xc2:
		if strings.HasPrefix(s[i:], "\u00a0") {
			return 2
		}
	case 0xe2:
		if strings.HasPrefix(s[i:], "\u202f") || strings.HasPrefix(s[i:], "\u2007") {
			return 3
		}
	}
	return 0
}
