package pdf

import (
	"context"
	"fmt"
	"testing"
)

// cidDoc builds a one-page document with a Type0 (Identity-H) font whose
// ToUnicode CMap is cmapBody, showing the hex string show.
func cidDoc(cmapBody, widths, show string) []byte {
	f := &pdfFile{}
	f.add("<< /Type /Catalog /Pages 2 0 R >>")
	f.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	f.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	f.add(stream(fmt.Sprintf("BT /F1 10 Tf 72 700 Td <%s> Tj ET", show), true))
	f.add("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>")
	f.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /DW 1000 /W %s >>", widths))
	f.add(stream(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test def
1 begincodespacerange <0000> <FFFF> endcodespacerange
`+cmapBody+`
endcmap CMapName currentdict /CMap defineresource pop end end`, true))
	return f.bytes()
}

func TestCIDFonts(t *testing.T) {
	const cmap = `3 beginbfchar <0001> <0048> <0005> <FB01> <0006> <05D9> endbfchar
2 beginbfrange <0002> <0004> <0061> <0010> <0011> [<0078> <0079>] endbfrange
1 beginbfchar <0007> <05DF> endbfchar`
	tests := []struct {
		name, widths, show, want string
	}{
		{"bfchar and bfrange", "[1 [600 500 500 500]]", "0001000200030004", "Habc\n"},
		{"range as array", "[16 17 500]", "00100011", "xy\n"},
		{"ligature written out", "[5 [500]]", "00050002", "fia\n"},
		{"unmapped code", "[1 [600]]", "00010099", "H\uFFFD\n"},
		{"right-to-left run in logical order", "[1 [500] 6 7 500]", "000100070006", "H\u05d9\u05df\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ReadBytes(context.Background(), cidDoc(cmap, tc.widths, tc.show), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Pages[0].Text; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
