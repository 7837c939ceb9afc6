package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestReadText(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    string
	}{
		{"one line", "BT /F1 10 Tf 72 700 Td (Hallo wereld) Tj ET", "Hallo wereld\n"},
		{"drawn bottom up, read top down",
			"BT /F1 10 Tf 72 100 Td (Onder) Tj ET BT /F1 10 Tf 72 700 Td (Boven) Tj ET", "Boven\nOnder\n"},
		{"word gap without space glyph",
			"BT /F1 10 Tf 72 700 Td (Hallo) Tj 28 0 Td (wereld) Tj ET", "Hallo wereld\n"},
		{"glyphs placed one by one",
			"BT /F1 10 Tf 72 700 Td (a) Tj 5 0 Td (b) Tj 5 0 Td (c) Tj ET", "abc\n"},
		{"table cells on one line",
			"BT /F1 10 Tf 72 700 Td (Naam) Tj 228 0 Td (Land) Tj ET", "Naam | Land\n"},
		{"list marker before a hanging indent",
			"BT /F1 10 Tf 72 700 Td (a.) Tj 28 0 Td (Betrokkene: de persoon) Tj ET", "a. Betrokkene: de persoon\n"},
		{"short first cell is still a cell",
			"BT /F1 10 Tf 72 700 Td (Land) Tj 228 0 Td (NL) Tj ET", "Land | NL\n"},
		{"cells drawn column by column",
			"BT /F1 10 Tf 300 700 Td (NL) Tj 0 -20 Td (DE) Tj ET BT /F1 10 Tf 72 700 Td (Amsterdam) Tj 0 -20 Td (Berlijn) Tj ET",
			"Amsterdam | NL\nBerlijn | DE\n"},
		{"TJ kerning inside a word", "BT /F1 10 Tf 72 700 Td [(Hal) -20 (lo)] TJ ET", "Hallo\n"},
		{"TJ adjustment as word space", "BT /F1 10 Tf 72 700 Td [(Hallo) -600 (wereld)] TJ ET", "Hallo wereld\n"},
		{"flipped matrices",
			".75 0 0 -.75 0 842 cm BT /F1 10 Tf 1 0 0 -1 100 500 Tm (Onder) Tj ET BT /F1 10 Tf 1 0 0 -1 100 100 Tm (Boven) Tj ET",
			"Boven\nOnder\n"},
		{"text drawn twice", "BT /F1 10 Tf 72 700 Td (Vet) Tj ET BT /F1 10 Tf 72.2 700 Td (Vet) Tj ET", "Vet\n"},
		{"T* and leading", "BT /F1 10 Tf 12 TL 72 700 Td (een) Tj T* (twee) Tj (drie) ' ET", "een\ntwee\ndrie\n"},
		{"\" sets word spacing and moves down", "BT /F1 10 Tf 12 TL 72 700 Td (een) Tj 5 0 (twee drie) \" ET", "een\ntwee drie\n"},
		{"rotated margin text after the lines",
			"BT /F1 10 Tf 0 1 -1 0 30 100 Tm (Getekend) Tj ET BT /F1 10 Tf 72 700 Td (regel een) Tj 0 -400 Td (regel twee) Tj ET",
			"regel een\nregel twee\nGetekend\n"},
		{"superscript stays on its line",
			"BT /F1 10 Tf 72 700 Td (noot) Tj 3 Ts (1) Tj ET", "noot1\n"},
		{"unterminated hex string", "BT /F1 10 Tf 72 700 Td (Hallo) Tj <48616c6c6f", "Hallo\n"},
		{"unknown operators and junk", "BT /F1 10 Tf 72 700 Td ) ] } xyz 1 2 3 (ok) Tj ET", "ok\n"},
		{"inline image skipped",
			"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xffEI x EI\nBT /F1 10 Tf 72 700 Td (na) Tj ET", "na\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ReadBytes(context.Background(), simpleDoc(tc.content), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != 1 {
				t.Fatalf("got %d pages, want 1", len(res.Pages))
			}
			if got := res.Pages[0].Text; got != tc.want {
				t.Errorf("text\n got %q\nwant %q", got, tc.want)
			}
			if !res.Pages[0].HasText {
				t.Errorf("HasText false")
			}
		})
	}
}

func TestReadPagesInOrder(t *testing.T) {
	var contents []string
	for i := 1; i <= 7; i++ {
		contents = append(contents, fmt.Sprintf("BT /F1 10 Tf 72 700 Td (pagina %d) Tj ET", i))
	}
	for _, workers := range []int{1, 3} {
		res, err := ReadBytes(context.Background(), simpleDocFlate(true, contents...), Limits{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pages) != len(contents) {
			t.Fatalf("workers %d: got %d pages, want %d", workers, len(res.Pages), len(contents))
		}
		for i, p := range res.Pages {
			if want := fmt.Sprintf("pagina %d\n", i+1); p.Text != want {
				t.Errorf("workers %d: page %d: got %q, want %q", workers, i+1, p.Text, want)
			}
		}
	}
}

// hostile returns the small hostile and odd files the tests use.
func hostile() map[string][]byte {
	good := simpleDoc("BT /F1 10 Tf 72 700 Td (tekst) Tj ET")
	m := map[string][]byte{
		"empty":                {},
		"blank":                []byte(" \n\t"),
		"png":                  append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 100)...),
		"truncated":            good[:len(good)*2/3],
		"no xref":              []byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"),
		"huge size":            bytes.Replace(good, []byte("/Size 6"), []byte("/Size 99999999999999"), 1),
		"huge xref subsection": bytes.Replace(good, []byte("xref\n0 6"), []byte("xref\n4000000000 6"), 1),
		"pdf 2.0":              bytes.Replace(good, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1),
		"junk after eof":       append(append([]byte{}, good...), bytes.Repeat([]byte("junk "), 100)...),
	}

	// A cross-reference table whose /Prev is itself.
	prev := regexp.MustCompile(`startxref\n(\d+)`).FindSubmatch(good)
	m["xref prev loop"] = bytes.Replace(good, []byte("/Root 1 0 R "), []byte("/Root 1 0 R /Prev "+string(prev[1])+" "), 1)

	loop := &pdfFile{}
	loop.add("<< /Type /Catalog /Pages 2 0 R >>")
	loop.add("<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>")
	loop.add("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	loop.add(stream("BT /F1 12 Tf 72 700 Td (lus) Tj ET", false))
	loop.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	m["page tree loop"] = loop.bytes()

	self := &pdfFile{}
	self.add("<< /Type /Catalog /Pages 2 0 R >>")
	self.add("<< /Type /Pages /Kids [2 0 R] /Count 1 >>")
	m["page tree only loop"] = self.bytes()

	enc := &pdfFile{trailer: "/Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"}
	enc.add("<< /Type /Catalog /Pages 2 0 R >>")
	enc.add("<< /Type /Pages /Kids [] /Count 0 >>")
	enc.add("<< /Filter /Standard /V 5 /R 6 /Length 256 /O <00> /U <00> /P -4 >>")
	m["encrypted"] = enc.bytes()

	m["bomb"] = simpleDocFlate(true, "BT /F1 10 Tf 72 700 Td (bom) Tj ET"+strings.Repeat(" ", 3<<20))

	m["many operators"] = simpleDocFlate(true, "BT /F1 10 Tf 72 700 Td (veel) Tj ET"+strings.Repeat(" q Q", 10000))

	m["scanned"] = onePage("q 595 0 0 842 0 0 cm /Im1 Do Q", "/XObject << /Im1 4 0 R >>",
		"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
	m["glyphs without characters"] = onePage("BT /F1 10 Tf 72 700 Td <0012001300140015> Tj ET", "/Font << /F1 4 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 500 >>] >>")
	form := onePage("/X1 Do", "/XObject << /X1 4 0 R >> /Font << /F1 5 0 R >>",
		strings.Replace(stream("BT /F1 10 Tf 72 700 Td (formulier) Tj ET /X1 Do", false), "<<", "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842]", 1),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	m["form drawing itself"] = form
	const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
	appearance := func(text string) string {
		return strings.Replace(stream("BT /F1 10 Tf 2 5 Td ("+text+") Tj ET", false), "<<", "<< /Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 4 0 R >> >>", 1)
	}
	widget := func(ft, ap string, flags int) string {
		return fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /%s /F %d /Rect [150 600 350 620] /AP << /N %s >> >>", ft, flags, ap)
	}
	m["filled-in form"] = onePageWith("/Annots [8 0 R 9 0 R 10 0 R]", "BT /F1 10 Tf 72 605 Td (Naam:) Tj ET", "/Font << /F1 4 0 R >>",
		helvetica, appearance("Voorbeeld B.V."), appearance("Ja"), appearance("verborgen"),
		widget("Tx", "5 0 R", 4), widget("Btn", "6 0 R", 4), widget("Tx", "7 0 R", 2))
	return m
}

func TestReadHostile(t *testing.T) {
	files := hostile()
	tests := []struct {
		file    string
		lim     Limits
		wantErr error
		want    []string // page texts when no error
		hasText bool
		warn    bool
	}{
		{file: "empty", wantErr: ErrEmpty},
		{file: "blank", wantErr: ErrEmpty},
		{file: "png", wantErr: ErrNotPDF},
		{file: "truncated", wantErr: ErrDamaged},
		{file: "no xref", wantErr: ErrDamaged},
		{file: "huge size", wantErr: ErrTooLarge},
		{file: "huge xref subsection", wantErr: ErrTooLarge},
		{file: "encrypted", wantErr: ErrEncrypted},
		{file: "page tree only loop", wantErr: ErrCyclic},
		{file: "xref prev loop", wantErr: ErrDamaged},
		{file: "bomb", lim: Limits{MaxStreamBytes: 1 << 20}, wantErr: ErrTooLarge},
		{file: "many operators", lim: Limits{MaxOps: 5000}, wantErr: ErrTooLarge},
		{file: "many operators", want: []string{"veel\n"}, hasText: true},
		{file: "pdf 2.0", want: []string{"tekst\n"}, hasText: true},
		{file: "junk after eof", want: []string{"tekst\n"}, hasText: true},
		{file: "page tree loop", want: []string{"lus\n"}, hasText: true, warn: true},
		{file: "scanned", want: []string{""}, hasText: false},
		{file: "glyphs without characters", want: []string{"\uFFFD\uFFFD\uFFFD\uFFFD\n"}, hasText: false},
		{file: "form drawing itself", want: []string{"formulier\n"}, hasText: true},
		{file: "filled-in form", want: []string{"Naam: | Voorbeeld B.V.\n"}, hasText: true},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, ok := files[tc.file]
			if !ok {
				t.Fatalf("no file %q", tc.file)
			}
			res, err := ReadBytes(context.Background(), data, tc.lim)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("got error %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range res.Pages {
				got = append(got, p.Text)
				if p.HasText != tc.hasText {
					t.Errorf("HasText %v, want %v", p.HasText, tc.hasText)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("pages %q, want %q", got, tc.want)
			}
			if (len(res.Warnings) > 0) != tc.warn {
				t.Errorf("warnings %q, want some: %v", res.Warnings, tc.warn)
			}
		})
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadBytes(ctx, simpleDoc("BT /F1 10 Tf 72 700 Td (x) Tj ET"), Limits{})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
}

func TestReadTooManyPages(t *testing.T) {
	_, err := ReadBytes(context.Background(), simpleDoc("", ""), Limits{MaxPages: 1})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(p, simpleDoc("BT /F1 10 Tf 72 700 Td (bestand) Tj ET"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), p, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || res.Pages[0].Text != "bestand\n" {
		t.Fatalf("got %+v", res.Pages)
	}
	if _, err := Read(context.Background(), filepath.Join(dir, "missing.pdf"), Limits{}); err == nil {
		t.Fatal("no error for a missing file")
	}
	if _, err := Read(context.Background(), p, Limits{MaxFileBytes: 10}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
}
