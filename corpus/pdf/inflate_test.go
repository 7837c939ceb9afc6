package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestInflateLikeLibrary checks that a Flate content stream inflated from
// the file's bytes reads exactly as through the library, also when it is
// damaged (the library's reading, kept for those, keeps what came before
// the damage).
func TestInflateLikeLibrary(t *testing.T) {
	var cb strings.Builder
	cb.WriteString("BT /F1 10 Tf 12 TL 72 800 Td\n")
	for i := range 60 {
		fmt.Fprintf(&cb, "T* (Artikel %d: de verwerker meldt een datalek binnen %d uur) Tj\n", i+1, 24+i)
	}
	cb.WriteString("ET\n")
	content := cb.String()
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(content))
	w.Close()
	full := z.Bytes()
	flip := func(b []byte, i int) []byte {
		b = bytes.Clone(b)
		b[i] ^= 0xff
		return b
	}
	tests := []struct {
		name, extra string
		data        []byte
		length      int
	}{
		{"whole", "", full, len(full)},
		{"no checksum", "", full[:len(full)-4], len(full) - 4},
		{"bad checksum", "", flip(full, len(full)-1), len(full)},
		{"cut short", "", full[:len(full)/2], len(full) / 2},
		{"corrupt", "", flip(full, len(full)/3), len(full)},
		{"bad header", "", flip(full, 0), len(full)},
		{"length past the end", "", full, len(full) + 5000},
		{"length zero", "", full, 0},
		{"predictor", " /DecodeParms << /Predictor 12 /Columns 4 >>", full, len(full)},
		{"empty parameters", " /DecodeParms << >>", full, len(full)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := fmt.Sprintf("<< /Length %d /Filter /FlateDecode%s >>\nstream\n%s\nendstream", tt.length, tt.extra, tt.data)
			f := &pdfFile{}
			f.add("<< /Type /Catalog /Pages 2 0 R >>")
			f.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
			f.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>")
			f.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
			f.add(cs)
			data := f.bytes()
			read := func(lib bool) (*Result, error) {
				viaLibrary = lib
				defer func() { viaLibrary = false }()
				return ReadBytes(context.Background(), data, Limits{})
			}
			want, werr := read(true)
			got, gerr := read(false)
			if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
				t.Errorf("read from the file's bytes: %v, %v\nthrough the library: %v, %v", got, gerr, want, werr)
			}
			if tt.name == "whole" && (gerr != nil || strings.Count(got.Pages[0].Text, "datalek") != 60) {
				t.Errorf("whole stream: %v, %v", got, gerr)
			}
			// The streams the library reads alone: damaged ones only
			// after the decompressor met their damage.
			d := &doc{lim: Limits{}.withDefaults(), ctx: context.Background()}
			if err := d.open(data); err != nil {
				t.Fatal(err)
			}
			refs, _, err := d.pages()
			if err != nil {
				t.Fatal(err)
			}
			raw, direct := d.rawFlate(refs[0].v.Key("Contents"))
			if wantDirect := !strings.HasPrefix(tt.name, "length") && tt.name != "predictor"; direct != wantDirect || direct && !bytes.Equal(raw, tt.data) {
				t.Errorf("rawFlate: %q, %v; want the stream's bytes: %v", raw, direct, wantDirect)
			}
		})
	}
}
