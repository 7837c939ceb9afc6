package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/ascii85"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// xrefFile builds a file whose cross-reference data is a stream: objects 1
// (catalog) and 2 (page tree) and the direct objects in direct, and the
// objects inStream says are in an object stream (object → stream).
type xrefFile struct {
	direct   map[int]string
	inStream map[int]int
	xrefType string // how /XRef is spelt; "" for "/XRef"
	filter   string // the cross-reference stream's filter; "" for none
}

func (f xrefFile) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	objs := map[int]string{1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"}
	for id, o := range f.direct {
		objs[id] = o
	}
	size := 0
	for id := range objs {
		size = max(size, id+1)
	}
	for id := range f.inStream {
		size = max(size, id+1)
	}
	offs := map[int]int{}
	for id := 1; id < size; id++ {
		if o, ok := objs[id]; ok {
			offs[id] = b.Len()
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", id, o)
		}
	}
	var rows []byte
	for id := 0; id <= size; id++ {
		typ, f2, f3 := 0, 0, 65535
		if s, ok := f.inStream[id]; ok {
			typ, f2, f3 = 2, s, 0 // even if the object is also defined in the file
		} else if off, ok := offs[id]; ok {
			typ, f2, f3 = 1, off, 0
		} else if id == size {
			typ, f2, f3 = 1, b.Len(), 0 // the cross-reference stream
		}
		rows = append(rows, byte(typ), byte(f2>>24), byte(f2>>16), byte(f2>>8), byte(f2), byte(f3>>8), byte(f3))
	}
	data, filter := encode(f.filter, rows)
	typ := f.xrefType
	if typ == "" {
		typ = "/XRef"
	}
	xref := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type %s /Size %d /W [1 4 2] /Root 1 0 R%s /Length %d >>\nstream\n", size, typ, size+1, filter, len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// encode applies filter to data and returns the /Filter entry.
func encode(filter string, data []byte) ([]byte, string) {
	var b bytes.Buffer
	switch filter {
	case "":
		return data, ""
	case "FlateDecode":
		w := zlib.NewWriter(&b)
		w.Write(data)
		w.Close()
	case "ASCII85Decode":
		w := ascii85.NewEncoder(&b)
		w.Write(data)
		w.Close()
		b.WriteString("~>")
	case "ASCIIHexDecode":
		b.WriteString(hex.EncodeToString(data) + ">")
	case "RunLengthDecode":
		for len(data) > 0 {
			n := min(len(data), 128)
			b.WriteByte(byte(n - 1))
			b.Write(data[:n])
			data = data[n:]
		}
		b.WriteByte(128)
	case "LZWDecode":
		// Literal 9-bit codes after a clear code, then end of data: valid
		// while the table stays under 512 entries.
		codes := append([]int{256}, make([]int, 0, len(data)+1)...)
		for _, c := range data {
			codes = append(codes, int(c))
		}
		codes = append(codes, 257)
		var acc uint64
		n := 0
		for _, c := range codes {
			acc = acc<<9 | uint64(c)
			for n += 9; n >= 8; n -= 8 {
				b.WriteByte(byte(acc >> (n - 8)))
			}
		}
		if n > 0 {
			b.WriteByte(byte(acc << (8 - n)))
		}
	case "ASCII85Decode+FlateDecode":
		z, _ := encode("FlateDecode", data)
		a, _ := encode("ASCII85Decode", z)
		return a, " /Filter [/ASCII85Decode /FlateDecode]"
	default:
		panic("unknown filter " + filter)
	}
	return b.Bytes(), " /Filter /" + filter
}

// objStmPage is the page (object 3) in the object streams of objStm.
const objStmPage = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"

// objStm is an object stream holding the page (object 3), with its
// dictionary's extra entries (default: its /Length) and /Type spelt typ.
func objStm(typ, extra string) string {
	header := "3 0 "
	body := header + objStmPage
	if extra == "" {
		extra = fmt.Sprintf("/Length %d", len(body))
	}
	return fmt.Sprintf("<< /Type %s /N 1 /First %d %s >>\nstream\n%s\nendstream", typ, len(header), extra, body)
}

var xrefFilters = []string{"", "FlateDecode", "ASCII85Decode", "ASCIIHexDecode", "RunLengthDecode", "LZWDecode", "ASCII85Decode+FlateDecode"}

func TestObjectStreamCycles(t *testing.T) {
	content := stream("BT /F1 10 Tf 72 700 Td (cyclus) Tj ET", false)
	type file struct {
		name string
		f    xrefFile
	}
	var files []file
	for _, filter := range xrefFilters {
		for _, spelling := range []struct{ xref, objstm string }{{"/XRef", "/ObjStm"}, {"/X#52ef", "/#4Fbj#53tm"}} {
			at := fmt.Sprintf(" (%s, %s, %s)", filter, spelling.xref, spelling.objstm)
			files = append(files,
				file{"object stream inside itself" + at, xrefFile{
					direct:   map[int]string{4: content, 5: objStm(spelling.objstm, "")},
					inStream: map[int]int{3: 5, 5: 5}, xrefType: spelling.xref, filter: filter}},
				file{"object stream length inside it" + at, xrefFile{
					direct:   map[int]string{4: content, 5: objStm(spelling.objstm, "/Length 6 0 R")},
					inStream: map[int]int{3: 5, 6: 5}, xrefType: spelling.xref, filter: filter}},
				file{"object streams inside each other" + at, xrefFile{
					direct:   map[int]string{4: content},
					inStream: map[int]int{3: 5, 5: 7, 7: 5}, xrefType: spelling.xref, filter: filter}},
				file{"decode parameters lead back" + at, xrefFile{
					direct: map[int]string{4: content, 5: objStm(spelling.objstm, "/Length 10 /DecodeParms 6 0 R"),
						6: "<< /Predictor 8 0 R >>"},
					inStream: map[int]int{3: 5, 8: 5}, xrefType: spelling.xref, filter: filter}},
				file{"extends loop" + at, xrefFile{
					direct: map[int]string{4: content,
						5: strings.Replace(objStm(spelling.objstm, ""), "/N 1", "/N 0 /Extends 6 0 R", 1),
						6: strings.Replace(objStm(spelling.objstm, ""), "/N 1", "/N 0 /Extends 5 0 R", 1)},
					inStream: map[int]int{3: 5}, xrefType: spelling.xref, filter: filter}},
			)
		}
	}
	for _, tc := range files {
		t.Run(tc.name, func(t *testing.T) {
			// A file the library would recurse on kills the test binary
			// (stack overflow); one it would loop on times out.
			_, err := ReadBytes(context.Background(), tc.f.bytes(), Limits{Timeout: 20 * time.Second})
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("got %v, want ErrDamaged", err)
			}
		})
	}
}

// TestObjectStreamValid checks that the check rejects no valid object
// stream, whatever the cross-reference stream's filter and spelling.
func TestObjectStreamValid(t *testing.T) {
	content := stream("BT /F1 10 Tf 72 700 Td (geldig) Tj ET", false)
	for _, filter := range []string{"", "FlateDecode", "ASCII85Decode", "ASCII85Decode+FlateDecode"} {
		for _, spelling := range []struct{ xref, objstm string }{{"/XRef", "/ObjStm"}, {"/X#52ef", "/#4Fbj#53tm"}} {
			name := fmt.Sprintf("%s %s %s", filter, spelling.xref, spelling.objstm)
			t.Run(name, func(t *testing.T) {
				f := xrefFile{
					direct:   map[int]string{4: content, 5: objStm(spelling.objstm, "/Length 6 0 R"), 6: fmt.Sprint(len("3 0 " + objStmPage))},
					inStream: map[int]int{3: 5}, xrefType: spelling.xref, filter: filter,
				}
				data := f.bytes()
				if err := checkObjectStreams(data, Limits{}.withDefaults()); err != nil {
					t.Fatalf("check: %v", err)
				}
				res, err := ReadBytes(context.Background(), data, Limits{})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Pages) != 1 || res.Pages[0].Text != "geldig\n" {
					t.Fatalf("got %+v", res.Pages)
				}
			})
		}
	}
}

func TestDecodeFilters(t *testing.T) {
	want := []byte("0123456789 cross-reference rows \x00\x01\x02\xff")
	for _, filter := range xrefFilters[1:] {
		t.Run(filter, func(t *testing.T) {
			data, entry := encode(filter, want)
			p := objParser{l: lexer{b: []byte("<<" + entry + ">>")}}
			d, _ := p.value(0)
			got, err := decodeStream(d.(pdfDict), data, 1<<20)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("got %q, %v; want %q", got, err, want)
			}
		})
	}
}
