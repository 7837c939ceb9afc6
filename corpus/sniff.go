package corpus

import (
	"bytes"
	"strings"
)

// SniffLen is the number of leading bytes Sniff looks at.
const SniffLen = 1024

// Content is what the first bytes of a file say it is.
type Content struct {
	// Format is the format to read the file as; empty when dpa does not
	// read this kind of file, or when only decoding it can tell (text).
	Format Format
	// Offset is where the format's data starts: junk bytes may precede
	// "%PDF-" (mail gateways and some scanners add them).
	Offset int
	// What names the content in words ("PNG image", "ZIP archive").
	What string
	// Binary is true when the content is a known binary format that is not
	// a document dpa reads; false means "try to read it as text".
	Binary bool
}

// magic is one known file signature.
type magic struct {
	prefix string
	what   string
	format Format
}

// magics are the signatures Sniff knows, tried in order at the start of
// the file. The ZIP signatures map to FormatDOCX: whether the archive is a
// Word document is decided by its contents (word/document.xml).
var magics = []magic{
	{"PK\x03\x04", "ZIP archive", FormatDOCX},
	{"PK\x05\x06", "empty ZIP archive", FormatDOCX},
	{"PK\x07\x08", "ZIP archive", FormatDOCX},
	{"\x89PNG\r\n\x1a\n", "PNG image", FormatImage},
	{"\xff\xd8\xff", "JPEG image", FormatImage},
	{"GIF87a", "GIF image", ""},
	{"GIF89a", "GIF image", ""},
	{"II*\x00", "TIFF image", FormatImage},
	{"MM\x00*", "TIFF image", FormatImage},
	{"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG 2000 image", ""},
	{oleMagic, "old Microsoft Office document (.doc/.xls, Office 97–2003)", ""},
	{"{\\rtf", "RTF document", FormatRTF},
	{"\x1f\x8b", "gzip archive", ""},
	{"7z\xbc\xaf\x27\x1c", "7-Zip archive", ""},
	{"Rar!\x1a\x07", "RAR archive", ""},
	{"\xfd7zXZ\x00", "xz archive", ""},
	{"\x7fELF", "program (ELF executable)", ""},
	{"OggS", "Ogg audio/video", ""},
	{"fLaC", "FLAC audio", ""},
	{"SQLite format 3\x00", "SQLite database", ""},
	{"AT&TFORM", "DjVu document", ""},
	{"\x00\x00\x01\x00", "icon image", ""},
	{"%!PS", "PostScript document", ""},
	{"BEGIN:VCARD", "vCard contact", ""},
}

// oleMagic starts an OLE2 compound file: an Office 97–2003 document, or a
// password-protected DOCX (Office wraps the encrypted package in one).
const oleMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

// encryptedPackage is the UTF-16LE name of the stream that holds the
// encrypted package of a password-protected Office Open XML document.
var encryptedPackage = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")

// IsEncryptedOffice reports whether data, an OLE2 compound file, is a
// password-protected Office Open XML document (DOCX, XLSX, …).
func IsEncryptedOffice(data []byte) bool {
	return bytes.HasPrefix(data, []byte(oleMagic)) && bytes.Contains(data, encryptedPackage)
}

// pdfSearchLen is how far into a file "%PDF-" is looked for: the PDF
// specification lets readers accept a header within the first 1024 bytes.
const pdfSearchLen = 1024

// Sniff tells from the first bytes of a file (SniffLen are enough) what
// it holds. It never trusts a file name. Content that is not a known
// binary signature comes back with an empty Format: decode it as text and
// ask LooksHTML.
func Sniff(head []byte) Content {
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return Content{Format: m.format, What: m.what, Binary: m.format == ""}
		}
	}
	if len(head) >= 12 && string(head[0:4]) == "RIFF" {
		what := "RIFF media file"
		switch string(head[8:12]) {
		case "WEBP":
			what = "WebP image"
		case "WAVE":
			what = "WAV audio"
		case "AVI ":
			what = "AVI video"
		}
		return Content{What: what, Binary: true}
	}
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		what := "MP4/QuickTime video"
		if b := string(head[8:12]); b == "heic" || b == "heix" || b == "mif1" || b == "avif" {
			what = "HEIC/AVIF image"
		}
		return Content{What: what, Binary: true}
	}
	search := head
	if len(search) > pdfSearchLen {
		search = search[:pdfSearchLen]
	}
	if i := bytes.Index(search, []byte("%PDF-")); i >= 0 {
		return Content{Format: FormatPDF, Offset: i, What: "PDF document"}
	}
	return Content{What: "text"}
}

// htmlStarts are the openings (lower case, after white space, a byte order
// mark, an XML declaration and comments) that make a text an HTML document.
var htmlStarts = []string{
	"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<style",
	"<script", "<table", "<div", "<p>", "<p ", "<h1", "<h2", "<h3", "<br",
	"<font", "<center", "<section", "<article", "<main", "<header", "<link",
}

// LooksHTML reports whether the decoded text s is an HTML (or XHTML)
// document: it starts, after white space, an XML declaration and comments,
// with an HTML tag.
func LooksHTML(s string) bool {
	if len(s) > SniffLen*4 {
		s = s[:SniffLen*4]
	}
	for {
		s = strings.TrimLeft(s, " \t\r\n\f\ufeff")
		switch {
		case strings.HasPrefix(s, "<?xml"):
			i := strings.Index(s, "?>")
			if i < 0 {
				return false
			}
			s = s[i+2:]
			continue
		case strings.HasPrefix(s, "<!--"):
			i := strings.Index(s, "-->")
			if i < 0 {
				return false
			}
			s = s[i+3:]
			continue
		case strings.HasPrefix(strings.ToLower(s), "<!doctype"):
			// An XHTML doctype names html too; any other doctype is not HTML.
			end := strings.IndexByte(s, '>')
			return end > 0 && strings.Contains(strings.ToLower(s[:end]), "html")
		}
		break
	}
	low := strings.ToLower(s[:min(len(s), 16)])
	for _, p := range htmlStarts {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}
