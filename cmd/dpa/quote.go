package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus"
)

// quote returns a path for a line a person reads: as it is, or quoted
// when it holds a newline, an escape or bytes that are not UTF-8 (a file
// name must not forge a line of output or reach the terminal as a command).
func quote(path string) string { return corpus.QuotePath(path) }

// printable returns s with every character that is not printable written
// as a Go escape (\n, \x1b, \xe9 for a byte that is not UTF-8), for text
// from files and errors shown to a person. keepNewlines leaves newlines in
// a message meant to span lines (a query error with its caret).
func printable(s string, keepNewlines bool) string {
	if corpus.Printable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && keepNewlines, unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}
