package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"testing"
)

// objStmDoc is a document whose page and font live in a Flate object stream
// and whose cross-reference data is missing (startxref points nowhere).
func objStmDoc() []byte {
	objs := []string{
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	header := fmt.Sprintf("3 0 5 %d ", len(objs[0])+1)
	body := header + objs[0] + "\n" + objs[1]
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(body))
	w.Close()
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	b.WriteString("4 0 obj\n" + stream("BT /F1 10 Tf 72 700 Td (objectstroom) Tj ET", false) + "\nendobj\n")
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /ObjStm /N 2 /First %d /Length %d /Filter /FlateDecode >>\nstream\n", len(header), z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	b.WriteString("trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n999999\n%%EOF\n")
	return b.Bytes()
}

func TestRepairXref(t *testing.T) {
	good := simpleDoc("BT /F1 10 Tf 72 700 Td (hersteld) Tj ET")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"offsets shifted", bytes.Replace(good, []byte("%PDF-1.4\n"), []byte("%PDF-1.4\n% a line that moves every object\n"), 1), "hersteld\n"},
		{"startxref points nowhere", bytes.Replace(good, []byte("startxref\n"), []byte("startxref\n1"), 1), "hersteld\n"},
		{"objects in an object stream", objStmDoc(), "objectstroom\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ReadBytes(context.Background(), tc.data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != 1 || res.Pages[0].Text != tc.want {
				t.Fatalf("got %+v, want one page %q", res.Pages, tc.want)
			}
			if len(res.Warnings) == 0 {
				t.Error("no warning that the file was repaired")
			}
		})
	}
	// A file cut short is not repaired into a partial success.
	if _, err := ReadBytes(context.Background(), good[:len(good)-60], Limits{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("cut file: got %v, want ErrDamaged", err)
	}
}

// xrefStreamDoc builds a file whose cross-reference stream says object 3
// (the only page) is in object stream stm: 3 itself makes the library
// resolve it forever.
func xrefStreamDoc(stm uint32) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	off2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	off4 := b.Len()
	rows := [][3]uint32{{0, 0, 65535}, {1, uint32(off1), 0}, {1, uint32(off2), 0}, {2, stm, 0}, {1, uint32(off4), 0}}
	var data []byte
	for _, r := range rows {
		data = append(data, byte(r[0]), byte(r[1]>>24), byte(r[1]>>16), byte(r[1]>>8), byte(r[1]), byte(r[2]>>8), byte(r[2]))
	}
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off4)
	return b.Bytes()
}

func TestXrefStreamSelfReference(t *testing.T) {
	_, err := ReadBytes(context.Background(), xrefStreamDoc(3), Limits{})
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("object stream in itself: got %v, want ErrDamaged", err)
	}
	// The same file with object 3 in a (missing) object stream 9 is read as
	// far as it goes: it has no readable page.
	_, err = ReadBytes(context.Background(), xrefStreamDoc(9), Limits{})
	if err == nil {
		t.Fatal("no error for a page in a missing object stream")
	}
}
