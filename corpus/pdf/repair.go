package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
)

// rebuildXref returns data with a new cross-reference stream appended, built
// by scanning the file for "N G obj" headers (and the object streams they
// define), as PDF readers do for files whose cross-reference data is broken
// (wrong offsets after an edit, a bad startxref). It returns nil when no
// document catalog can be found.
func rebuildXref(data []byte, lim Limits) []byte {
	objs, maxID := scanObjects(data, lim)
	entries, top := objs.entries, objs.top
	// Objects stored in object streams, unless also defined directly.
	for _, sid := range objs.streams {
		for _, id := range objStmIDs(data, int(entries[sid].field2), lim) {
			if id > 0 && id <= maxID {
				if _, ok := entries[id]; !ok {
					entries[id] = objEntry{2, sid, 0}
					top = max(top, id)
				}
			}
		}
	}
	root := lastRef(data, "/Root")
	if root == "" {
		return nil
	}
	xrefID := top + 1
	var table bytes.Buffer
	row := make([]byte, 7)
	for id := int64(0); id < xrefID; id++ {
		e, ok := entries[id]
		switch {
		case id == 0 || !ok:
			row[0] = 0
			binary.BigEndian.PutUint32(row[1:], 0)
			binary.BigEndian.PutUint16(row[5:], 65535)
		default:
			row[0] = e.kind
			binary.BigEndian.PutUint32(row[1:], uint32(e.field2))
			binary.BigEndian.PutUint16(row[5:], uint16(e.gen))
		}
		table.Write(row)
	}
	out := make([]byte, 0, len(data)+table.Len()+256)
	out = append(out, data...)
	out = append(out, '\n')
	off := len(out)
	trailer := "/Root " + root
	if info := lastRef(data, "/Info"); info != "" {
		trailer += " /Info " + info
	}
	out = fmt.Appendf(out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] %s /Length %d >>\nstream\n",
		xrefID, xrefID, trailer, table.Len())
	out = append(out, table.Bytes()...)
	out = fmt.Appendf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off)
	return out
}

// objEntry is where an object is: kind 1 at offset field2, kind 2 in the
// object stream numbered field2.
type objEntry struct {
	kind   byte
	field2 int64
	gen    int64
}

// objectTable is what scanning a file for object headers finds.
type objectTable struct {
	entries map[int64]objEntry
	top     int64   // the largest object number
	streams []int64 // object streams
}

// scanObjects finds the "N G obj" headers of data; a later definition of an
// object wins, as in an incremental update. It also returns the largest
// object number it accepts.
func scanObjects(data []byte, lim Limits) (objectTable, int64) {
	maxID := min(lim.MaxObjects, int64(len(data)))
	t := objectTable{entries: map[int64]objEntry{}}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("obj"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		if i < len(data) && isRegular(data[i]) {
			continue // "objstm" and the like
		}
		id, gen, start, ok := objHeader(data, at)
		if !ok || id <= 0 || id > maxID || gen > 65535 {
			continue
		}
		t.entries[id] = objEntry{1, int64(start), gen}
		t.top = max(t.top, id)
		if head := data[i:min(len(data), i+512)]; bytes.Contains(head, []byte("/ObjStm")) {
			t.streams = append(t.streams, id)
		}
	}
	return t, maxID
}

// objHeader parses the "id gen " before the "obj" at data[at:] and returns
// the offset where the header starts.
func objHeader(data []byte, at int) (id, gen int64, start int, ok bool) {
	k := at
	back := func() (int64, bool) {
		for k > 0 && isWhite(data[k-1]) {
			k--
		}
		end := k
		for k > 0 && end-k < 10 && data[k-1] >= '0' && data[k-1] <= '9' {
			k--
		}
		if k == end {
			return 0, false
		}
		n, err := strconv.ParseInt(string(data[k:end]), 10, 64)
		return n, err == nil
	}
	if at == 0 || !isWhite(data[at-1]) {
		return 0, 0, 0, false
	}
	gen, ok1 := back()
	if !ok1 || k == 0 || !isWhite(data[k-1]) {
		return 0, 0, 0, false
	}
	id, ok2 := back()
	if !ok2 || k > 0 && isRegular(data[k-1]) {
		return 0, 0, 0, false
	}
	return id, gen, k, true
}

// objStmIDs returns the object numbers an object stream, whose object header
// starts at off, declares. Only unencrypted Flate streams are read.
func objStmIDs(data []byte, off int, lim Limits) []int64 {
	rest := data[off:]
	s := bytes.Index(rest, []byte("stream"))
	e := bytes.Index(rest, []byte("endstream"))
	if s < 0 || e < s {
		return nil
	}
	dict := rest[:s]
	n, ok := intAfter(afterKey(dict, "/N"))
	if !ok || n <= 0 || n > lim.MaxObjects {
		return nil
	}
	body := rest[s+len("stream") : e]
	body = bytes.TrimLeft(body, "\r\n")
	zr, err := zlib.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil
	}
	head, _ := io.ReadAll(io.LimitReader(zr, min(lim.MaxStreamBytes, 32*n+1024)))
	l := lexer{b: head}
	var ids []int64
	for i := int64(0); i < 2*n; i++ {
		tok, ok := l.next(0)
		if !ok || tok.kind != kNum {
			break
		}
		if i%2 == 0 {
			ids = append(ids, int64(tok.num))
		}
	}
	return ids
}

// afterKey returns the bytes after the last occurrence of key in b that is a
// whole name.
func afterKey(b []byte, key string) []byte {
	for i := len(b); ; {
		j := bytes.LastIndex(b[:i], []byte(key))
		if j < 0 {
			return nil
		}
		if end := j + len(key); end >= len(b) || !isRegular(b[end]) {
			return b[end:]
		}
		i = j
	}
}

// lastRef returns the reference ("12 0 R") after the last key in data.
func lastRef(data []byte, key string) string {
	for i := len(data); ; {
		j := bytes.LastIndex(data[:i], []byte(key))
		if j < 0 {
			return ""
		}
		i = j
		rest := data[j+len(key):]
		if len(rest) > 0 && isRegular(rest[0]) {
			continue
		}
		if ref := refAt(rest[:min(len(rest), 40)]); ref != "" {
			return ref
		}
	}
}

// refAt parses "N G R" (any white space) at the start of b.
func refAt(b []byte) string {
	fields := bytes.Fields(b)
	if len(fields) < 3 || !bytes.HasPrefix(fields[2], []byte("R")) || len(fields[2]) > 1 && isRegular(fields[2][1]) {
		return ""
	}
	id, err1 := strconv.ParseInt(string(fields[0]), 10, 64)
	gen, err2 := strconv.ParseInt(string(fields[1]), 10, 64)
	if err1 != nil || err2 != nil || id <= 0 || gen < 0 {
		return ""
	}
	return refString(id, gen)
}
