package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// pdfFile builds small PDF files for tests: numbered objects, a correct
// cross-reference table and a trailer.
type pdfFile struct {
	objs    []string // object i+1
	trailer string   // extra trailer entries
}

func (f *pdfFile) add(obj string) int {
	f.objs = append(f.objs, obj)
	return len(f.objs)
}

// stream returns a stream object with data, deflated when flate is true.
func stream(data string, flate bool) string {
	if flate {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		w.Write([]byte(data))
		w.Close()
		return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", b.Len(), b.String())
	}
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
}

func (f *pdfFile) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(f.objs))
	for i, o := range f.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(f.objs)+1, f.trailer, xref)
	return b.Bytes()
}

// simpleDoc builds a document with one Helvetica-like font (/F1, WinAnsi,
// width 500 for every glyph, 250 for the space) and one page per content string.
func simpleDoc(contents ...string) []byte {
	return simpleDocFlate(false, contents...)
}

func simpleDocFlate(flate bool, contents ...string) []byte {
	f := &pdfFile{}
	f.add("<< /Type /Catalog /Pages 2 0 R >>")
	f.add("") // page tree, filled in below
	widths := strings.TrimSpace(strings.Repeat("500 ", 224))
	widths = "250" + widths[3:]
	font := f.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [%s] >>", widths))
	var kids []string
	for _, c := range contents {
		cs := f.add(stream(c, flate))
		p := f.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>", cs, font))
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	f.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return f.bytes()
}

// onePage builds a one-page document: catalog 1, page tree 2, page 3 with
// content stream content and resources (the inside of the dictionary), then
// objects 4, 5, … from more.
func onePage(content, resources string, more ...string) []byte {
	return onePageWith("", content, resources, more...)
}

// onePageWith is onePage with more entries (pageExtra) in the page dictionary.
func onePageWith(pageExtra, content, resources string, more ...string) []byte {
	f := &pdfFile{}
	f.add("<< /Type /Catalog /Pages 2 0 R >>")
	f.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	f.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << %s >> %s >>", 4+len(more), resources, pageExtra))
	for _, o := range more {
		f.add(o)
	}
	f.add(stream(content, false))
	return f.bytes()
}
