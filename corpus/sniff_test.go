package corpus

import (
	"testing"

	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name   string
		head   string
		format Format
		offset int
		binary bool
		what   string
	}{
		{"pdf", "%PDF-1.7\n%\xe2\xe3", FormatPDF, 0, false, "PDF document"},
		{"pdf after junk", "\r\n\x00junk%PDF-1.4", FormatPDF, 7, false, "PDF document"},
		{"zip", "PK\x03\x04\x14\x00", FormatDOCX, 0, false, "ZIP archive"},
		{"empty zip", "PK\x05\x06\x00\x00", FormatDOCX, 0, false, "empty ZIP archive"},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", FormatImage, 0, false, "PNG image"},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF", FormatImage, 0, false, "JPEG image"},
		{"tiff", "II*\x00\x08\x00", FormatImage, 0, false, "TIFF image"},
		{"old word", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "", 0, true, "old Microsoft Office document (.doc/.xls, Office 97–2003)"},
		{"webp", "RIFF\x10\x00\x00\x00WEBPVP8 ", "", 0, true, "WebP image"},
		{"heic", "\x00\x00\x00\x18ftypheic", "", 0, true, "HEIC/AVIF image"},
		{"text", "Verwerkersovereenkomst", "", 0, false, "text"},
		{"text mentioning a pdf late", string(make([]byte, 2000)) + "%PDF-", "", 0, false, "text"},
		{"empty", "", "", 0, false, "text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Sniff([]byte(tc.head))
			if got.Format != tc.format || got.Offset != tc.offset || got.Binary != tc.binary || got.What != tc.what {
				t.Errorf("Sniff = %+v, want format %q offset %d binary %v what %q", got, tc.format, tc.offset, tc.binary, tc.what)
			}
		})
	}
}

func TestLooksHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html><body>x</body></html>", true},
		{"\ufeff  \n<html lang=\"nl\">", true},
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">", true},
		{"<!-- export -->\n<HTML>", true},
		{"<p>Artikel 1</p>", true},
		{"<table><tr><td>a</td></tr></table>", true},
		{"<?xml version=\"1.0\"?><w:document/>", false},
		{"<!DOCTYPE note SYSTEM \"note.dtd\">", false},
		{"Artikel 1 <html> in tekst", false},
		{"# Verwerkersovereenkomst\n<p>", false},
		{"<!-- never closed", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := LooksHTML(tc.in); got != tc.want {
			t.Errorf("LooksHTML(%.40q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// FuzzSniff checks that sniffing any bytes, and checking them for HTML,
// never panics and that a PDF offset points at "%PDF-".
func FuzzSniff(f *testing.F) {
	f.Add([]byte("%PDF-1.7"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("<!-- x --><!DOCTYPE html>"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBP"))
	fuzzseed.Add(f, 128<<10, "bad/*")
	f.Fuzz(func(t *testing.T, head []byte) {
		c := Sniff(head)
		if c.Format == FormatPDF && string(head[c.Offset:c.Offset+5]) != "%PDF-" {
			t.Errorf("PDF offset %d does not point at %%PDF-", c.Offset)
		}
		LooksHTML(string(head))
	})
}
