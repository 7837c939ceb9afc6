package corpus

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// QuotePath returns path as it is when it is UTF-8 whose every character
// is printable, and otherwise in Go's double-quoted form ("a\nb.txt",
// "caf\xe9.txt", "x\x1b[31m.pdf"), so that a file name can neither forge a
// line of output nor send escape sequences to a terminal. Messages meant
// for people show paths through it.
func QuotePath(path string) string {
	if Printable(path) {
		return path
	}
	return strconv.Quote(path)
}

// Printable reports whether s is UTF-8 whose every character is printable
// (a space is; a tab, a newline or an escape is not).
func Printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}
