package pdf

import (
	"bytes"
	"context"
	"errors"
	"io"
	"iter"
	"strconv"
	"sync/atomic"

	lib "github.com/ledongthuc/pdf"
)

// doc is one file being read.
type doc struct {
	lim  Limits
	ctx  context.Context
	stop atomic.Bool // set when Read gave up: every file read fails from then on
	// abort is set when a page hit a limit: the file fails, so the other
	// pages stop.
	abort atomic.Bool
	file  *fileReader
	r     *lib.Reader

	fonts fontCache
	// encrypted is set when the file's trailer names an encryption
	// dictionary: the library decrypts its streams.
	encrypted bool
}

// fileReader serves the library's reads from memory. It presents a header the
// library accepts, fails every read once the read is stopped, and bounds the
// total bytes read so that a loop in the library that re-reads objects ends.
type fileReader struct {
	data     []byte
	head     []byte // replaces data[:len(head)]
	stop     *atomic.Bool
	read     atomic.Int64
	maxRead  int64
	overRead atomic.Bool
}

var errStopped = errors.New("reading stopped")

// ReadAt implements io.ReaderAt; it is safe for concurrent use.
func (f *fileReader) ReadAt(p []byte, off int64) (int, error) {
	if f.stop.Load() || f.overRead.Load() {
		return 0, errStopped
	}
	if f.read.Add(int64(len(p))) > f.maxRead {
		f.overRead.Store(true)
		return 0, errStopped
	}
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if off >= int64(len(f.data)) {
		return 0, io.EOF
	}
	n := copy(p, f.data[off:])
	if off < int64(len(f.head)) {
		copy(p, f.head[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// sniff names the kind of a file that is not a PDF, from its first bytes.
func sniff(data []byte) string {
	kinds := []struct{ magic, name string }{
		{"\x89PNG", "PNG image"},
		{"\xff\xd8\xff", "JPEG image"},
		{"GIF8", "GIF image"},
		{"PK\x03\x04", "ZIP archive or Office document"},
		{"\xd0\xcf\x11\xe0", "old Office document"},
		{"{\\rtf", "RTF document"},
		{"II*\x00", "TIFF image"},
		{"MM\x00*", "TIFF image"},
	}
	for _, k := range kinds {
		if bytes.HasPrefix(data, []byte(k.magic)) {
			return k.name
		}
	}
	return "no %PDF header"
}

// frame checks the file's frame (header, end marker, declared sizes) and
// returns the part of data that is the PDF.
func frame(data []byte, lim Limits) ([]byte, error) {
	start := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if start < 0 {
		return nil, fail(ErrNotPDF, "%s", sniff(data))
	}
	data = data[start:] // junk before the header: offsets count from it
	eof := bytes.LastIndex(data, []byte("%%EOF"))
	if eof < 0 {
		return nil, fail(ErrDamaged, "no end-of-file marker (truncated?)")
	}
	data = data[:eof+len("%%EOF")] // ignore junk after the last marker
	if err := checkSizes(data, lim); err != nil {
		return nil, err
	}
	if err := checkPrevChain(data); err != nil {
		return nil, err
	}
	return data, nil
}

// open opens the framed file with the library.
func (d *doc) open(data []byte) error {
	// The library accepts only "%PDF-1.0" to "%PDF-1.7" followed by an end of
	// line; later versions and a space read the same way.
	head := []byte("%PDF-1.7\n")
	if len(data) > 7 && data[7] >= '0' && data[7] <= '7' && data[5] == '1' {
		head[7] = data[7]
	}
	if len(data) < len(head)+2 {
		return fail(ErrDamaged, "file too short")
	}
	if err := checkObjectStreams(data, d.lim); err != nil {
		return err
	}
	d.file = &fileReader{data: data, head: head, stop: &d.stop, maxRead: 64<<20 + 200*int64(len(data))}
	r, err := lib.NewReader(d.file, int64(len(data)))
	if err != nil && d.file.overRead.Load() {
		return fail(ErrDamaged, "cross-reference sections loop or are too large (read more than %d bytes)", d.file.maxRead)
	}
	if err != nil {
		if errors.Is(err, lib.ErrInvalidPassword) || bytes.Contains(data, []byte("/Encrypt")) {
			return fail(ErrEncrypted, "%v", err)
		}
		return fail(ErrDamaged, "%v", err)
	}
	d.r = r
	d.encrypted = r.Trailer().Key("Encrypt").Kind() != lib.Null
	return nil
}

// checkSizes rejects files whose cross-reference data declares more objects
// than the limit, or stream parameters that make the library allocate without
// bound, before the library sees them.
func checkSizes(data []byte, lim Limits) error {
	for _, key := range []string{"/Size", "/N", "/Columns"} {
		for rest := range nameUses(data, key) {
			if n, ok := intAfter(rest); ok && n > lim.MaxObjects {
				return fail(ErrTooLarge, "%s %d exceeds the limit of %d", key, n, lim.MaxObjects)
			}
		}
	}
	for _, key := range []string{"/Index", "/W"} {
		for rest := range nameUses(data, key) {
			var sum int64
			for _, n := range intsAfter(rest[:min(len(rest), 4096)], "") {
				if n < 0 {
					break
				}
				sum += n
				if key == "/W" && sum > 1<<24 {
					// Cross-reference stream field widths (also CIDFont widths,
					// which never add up to this).
					return fail(ErrDamaged, "cross-reference stream fields %d bytes wide", sum)
				}
				if key == "/Index" && sum > 2*lim.MaxObjects {
					return fail(ErrTooLarge, "%s entry %d exceeds the limit of %d objects", key, n, lim.MaxObjects)
				}
			}
		}
	}
	// Subsection headers of classic cross-reference tables: "start count".
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("xref"))
		if j < 0 {
			break
		}
		i += j + 4
		if i-5 >= 0 && isRegular(data[i-5]) || i < len(data) && isRegular(data[i]) {
			continue // startxref, or part of a word
		}
		if err := checkXrefTable(data[i:], lim); err != nil {
			return err
		}
	}
	return nil
}

// nameUses yields, for each use of the name key in data (not a longer name
// it begins), the bytes after it.
func nameUses(data []byte, key string) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		for i := 0; ; {
			j := bytes.Index(data[i:], []byte(key))
			if j < 0 {
				return
			}
			i += j + len(key)
			if i < len(data) && isRegular(data[i]) {
				continue
			}
			if !yield(data[i:]) {
				return
			}
		}
	}
}

// checkXrefTable checks the subsection headers of a classic cross-reference
// table starting at data.
func checkXrefTable(data []byte, lim Limits) error {
	var fields [3][]byte
	for len(data) > 0 {
		// Read one line's fields.
		n := 0
		for n < 3 {
			for len(data) > 0 && (data[0] == ' ' || data[0] == '\t') {
				data = data[1:]
			}
			if len(data) == 0 || data[0] == '\r' || data[0] == '\n' {
				break
			}
			k := 0
			for k < len(data) && isRegular(data[k]) {
				k++
			}
			if k == 0 {
				return nil
			}
			fields[n], data = data[:k], data[k:]
			n++
		}
		for len(data) > 0 && isWhite(data[0]) {
			data = data[1:]
		}
		switch n {
		case 0:
			continue
		case 2:
			a, err1 := strconv.ParseInt(string(fields[0]), 10, 64)
			b, err2 := strconv.ParseInt(string(fields[1]), 10, 64)
			if err1 != nil || err2 != nil {
				return nil // "trailer" or junk: the library judges it
			}
			if a < 0 || b < 0 || a+b > lim.MaxObjects {
				return fail(ErrTooLarge, "cross-reference subsection %d %d exceeds the limit of %d objects", a, b, lim.MaxObjects)
			}
		case 3:
			// an entry
		default:
			return nil
		}
	}
	return nil
}

// intAfter parses the integer after optional white space at the start of b.
func intAfter(b []byte) (int64, bool) {
	i := 0
	for i < len(b) && isWhite(b[i]) {
		i++
	}
	j := i
	for j < len(b) && j-i < 19 && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	if j == i {
		return 0, false
	}
	if j < len(b) && b[j] >= '0' && b[j] <= '9' {
		return 1 << 62, true // more digits than an int64 holds
	}
	n, err := strconv.ParseInt(string(b[i:j]), 10, 64)
	return n, err == nil
}

func isWhite(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isWhite(c) && !isDelim(c) }

// refString formats an object reference as the library prints it.
func refString(id, gen int64) string {
	return strconv.FormatInt(id, 10) + " " + strconv.FormatInt(gen, 10) + " R"
}

// intsAfter parses the integer array after key in a dictionary (at its
// start for key ""); it stops at the first element that is not an integer.
func intsAfter(dict []byte, key string) []int64 {
	rest := dict
	if key != "" {
		rest = afterKey(dict, key)
	}
	rest = bytes.TrimLeft(rest, " \t\r\n")
	if len(rest) == 0 || rest[0] != '[' {
		return nil
	}
	end := bytes.IndexByte(rest, ']')
	if end < 0 {
		return nil
	}
	var out []int64
	for _, f := range bytes.Fields(rest[1:end]) {
		n, err := strconv.ParseInt(string(f), 10, 64)
		if err != nil {
			break
		}
		out = append(out, n)
	}
	return out
}

func beInt(b []byte) int64 {
	var x int64
	for _, c := range b {
		x = x<<8 | int64(c)
	}
	return x
}

// checkPrevChain follows the /Prev links between cross-reference sections
// from startxref and rejects a loop, which the library follows forever.
func checkPrevChain(data []byte) error {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil
	}
	off, ok := intAfter(data[i+len("startxref"):])
	seen := map[int64]bool{}
	for ok && off >= 0 && off < int64(len(data)) {
		if seen[off] {
			return fail(ErrDamaged, "cross-reference sections form a loop (/Prev %d)", off)
		}
		if len(seen) > 10000 {
			return fail(ErrTooLarge, "more than 10000 cross-reference sections")
		}
		seen[off] = true
		section := data[off:]
		end := len(section)
		for _, marker := range []string{"startxref", "stream"} {
			if k := bytes.Index(section, []byte(marker)); k >= 0 {
				end = min(end, k)
			}
		}
		rest := afterKey(section[:end], "/Prev")
		if rest == nil {
			return nil
		}
		off, ok = intAfter(rest)
	}
	return nil
}
