// Package text decodes the bytes of a plain-text file (TXT, Markdown, or
// the text of an HTML file) into UTF-8: UTF-8 with or without a byte order
// mark, UTF-16 little or big endian (with a byte order mark, or without one
// when the zero bytes give it away) and Windows-1252, the encoding of most
// older Dutch Windows documents. Data that is not text at all is refused
// with ErrBinary.
//
// Decoding works on whole buffers and never splits the input into lines, so
// a file with one 5 MiB line is no different from any other.
package text

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding names the character encoding Decode found.
type Encoding string

// The encodings Decode reads.
const (
	UTF8        Encoding = "UTF-8"
	UTF8BOM     Encoding = "UTF-8 with BOM"
	UTF16LE     Encoding = "UTF-16LE"
	UTF16BE     Encoding = "UTF-16BE"
	Windows1252 Encoding = "Windows-1252"
)

// ErrBinary is returned for data that is not text in any encoding Decode
// reads: too many control characters, zero bytes or undecodable bytes.
var ErrBinary = errors.New("binary data")

// MaxControlRatio is the largest share of control characters (other than
// tab, line feed, carriage return and form feed), zero bytes and undecodable
// bytes that decoded text may hold before Decode calls it binary data. Real
// text has none; random bytes have about one in six.
const MaxControlRatio = 0.01

// Decode returns data as UTF-8 text and the encoding it was in. Line ends
// are normalised to "\n"; form feeds are kept (callers may split pages on
// them). It returns ErrBinary for data that is not text.
func Decode(data []byte) (string, Encoding, error) {
	var (
		s   string
		enc Encoding
	)
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		s, enc = decodeMixed(data[3:]), UTF8BOM
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		s, enc = decodeUTF16(data[2:], false), UTF16LE
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s, enc = decodeUTF16(data[2:], true), UTF16BE
	default:
		if be, ok := looksUTF16(data); ok {
			enc = UTF16LE
			if be {
				enc = UTF16BE
			}
			s = decodeUTF16(data, be)
			break
		}
		if utf8.Valid(data) {
			s, enc = string(data), UTF8
		} else {
			s, enc = decodeMixed(data), Windows1252
		}
	}
	if isBinary(s) {
		return "", enc, ErrBinary
	}
	return normalizeNewlines(s), enc, nil
}

// decodeMixed keeps every valid UTF-8 sequence of data and reads every
// other byte as Windows-1252, so that pure Windows-1252 files, pure UTF-8
// files and files that mix both (text pasted together) all come out right.
func decodeMixed(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			b.WriteRune(cp1252[data[0]])
			data = data[1:]
			continue
		}
		b.Write(data[:n])
		data = data[n:]
	}
	return b.String()
}

// cp1252 maps every byte to its Windows-1252 character; the five bytes the
// code page leaves undefined map to U+FFFD.
var cp1252 = func() (t [256]rune) {
	for i := range t {
		t[i] = charmap.Windows1252.DecodeByte(byte(i))
	}
	return t
}()

// decodeUTF16 decodes UTF-16 code units; an odd trailing byte is dropped
// and unpaired surrogates become U+FFFD.
func decodeUTF16(data []byte, bigEndian bool) string {
	units := make([]uint16, len(data)/2)
	for i := range units {
		a, b := uint16(data[2*i]), uint16(data[2*i+1])
		if bigEndian {
			units[i] = a<<8 | b
		} else {
			units[i] = b<<8 | a
		}
	}
	return string(utf16.Decode(units))
}

// looksUTF16 reports whether data without a byte order mark is UTF-16 text
// of mostly Latin script: most of its even (big endian) or odd (little
// endian) bytes are zero and hardly any of the others.
func looksUTF16(data []byte) (bigEndian, ok bool) {
	sample := data
	if len(sample) > 4096 {
		sample = sample[:4096]
	}
	if len(sample) < 4 {
		return false, false
	}
	var zeros [2]int
	for i, c := range sample {
		if c == 0 {
			zeros[i%2]++
		}
	}
	half := len(sample) / 2
	switch {
	case zeros[1] > half*7/10 && zeros[0] < half/20:
		return false, true
	case zeros[0] > half*7/10 && zeros[1] < half/20:
		return true, true
	}
	return false, false
}

// isBinary reports whether more than MaxControlRatio of the characters of s
// (plus one, so that a stray control character in a short text is
// forgiven) are control characters or U+FFFD.
func isBinary(s string) bool {
	var n, bad int
	for _, r := range s {
		n++
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
		case r < 0x20, r == 0x7F, r >= 0x80 && r < 0xA0, r == utf8.RuneError:
			bad++
		}
	}
	return float64(bad) > MaxControlRatio*float64(n)+1
}

// newlines turns "\r\n", a lone "\r" and a vertical tab (Word's manual
// line break in pasted text) into "\n".
var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\v", "\n")

// normalizeNewlines turns every line end into "\n".
func normalizeNewlines(s string) string {
	if !strings.ContainsAny(s, "\r\v") {
		return s
	}
	return newlines.Replace(s)
}
