package corpus

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openPath discovers and opens one file.
func openPath(t *testing.T, ctx context.Context, path string, opts Options) (*Document, error) {
	t.Helper()
	files, errs := Discover([]string{path})
	if len(errs) > 0 || len(files) != 1 {
		t.Fatalf("Discover(%s) = %v, %v", path, files, errs)
	}
	return Open(ctx, files[0], opts)
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOpenBad(t *testing.T) {
	tests := []struct {
		file string
		kind Kind
		msg  string
	}{
		{"empty.pdf", Empty, "empty.pdf: empty file"},
		{"not-a-pdf.pdf", NeedsOCR, "not-a-pdf.pdf: scanned: needs OCR: a PNG image is read by OCR, and OCR is off (it needs tesseract-ocr and tesseract-ocr-nld)"},
		{"binary.txt", NotSupported, "binary.txt: not a supported document: not a text file (binary data)"},
		{"corrupt.docx", Damaged, "corrupt.docx: damaged file: corrupt DOCX (zip: not a valid zip file)"},
		{"spreadsheet.docx", NotSupported, "spreadsheet.docx: not a supported document: not a Word document (DOCX) (Excel workbook)"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("..", "testdata", "bad", tc.file)
			doc, err := openPath(t, context.Background(), path, Options{})
			if err == nil {
				t.Fatalf("Open = %q, want an error", doc.Text)
			}
			if KindOf(err) != tc.kind {
				t.Errorf("kind = %v, want %v (%v)", KindOf(err), tc.kind, err)
			}
			if !strings.HasSuffix(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), path) {
				t.Errorf("error = %q, want %q after the path", err, tc.msg)
			}
		})
	}
}

func TestOpenEncodings(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "testdata", "bad", "agreement.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"agreement.txt", "windows-1252.txt", "utf16.txt"} {
		t.Run(name, func(t *testing.T) {
			doc, err := openPath(t, context.Background(), filepath.Join("..", "testdata", "bad", name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != string(want) {
				t.Errorf("text = %q, want %q", doc.Text, want)
			}
			if doc.Source.Format != FormatText || len(doc.Pages) != 1 {
				t.Errorf("format %s, %d pages; want text, 1 page", doc.Source.Format, len(doc.Pages))
			}
		})
	}
}

func TestOpenContent(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Repeat("Leerlab verwerkt gegevens. ", 5<<20/27)
	hugeWrapped, _ := WrapLongLines(huge, MaxLineBytes) // WrapLongLines has its own tests
	tests := []struct {
		name    string
		data    string
		format  Format
		pages   []string
		warning string
		kind    Kind // for an error
	}{
		{"a.txt", "Artikel 1\nLeerlab B.V.\n", FormatText, []string{"Artikel 1\nLeerlab B.V.\n"}, "", 0},
		{"pages.txt", "eerste\n\f\ntweede\n\f", FormatText, []string{"eerste\n", "tweede\n"}, "", 0},
		{"huge-line.txt", huge, FormatText, []string{hugeWrapped}, "1 lines longer than 4096 bytes were wrapped at spaces for reading", 0},
		{"page.html", "<!DOCTYPE html><html><head><title>T</title></head><body><p>Artikel&nbsp;1</p><p>Leerlab</p></body></html>", FormatHTML, []string{"Artikel 1\nLeerlab\n"}, "", 0},
		{"renamed.pdf", "Artikel 1 tekst", FormatText, []string{"Artikel 1 tekst"}, "named .pdf but holds a text file; read by its content", 0},
		{"page.txt", "<html><body>Leerlab</body></html>", FormatHTML, []string{"Leerlab\n"}, "named .txt but holds an HTML file; read by its content", 0},
		{"blank.txt", " \n\t\n", "", nil, "", NoText},
		{"scripts.html", "<html><script>x()</script></html>", "", nil, "", NoText},
		{"image", "\xff\xd8\xff\xe0", "", nil, "", NeedsOCR}, // without OCR
		{"old.doc", oleMagic + strings.Repeat("\x00", 600) + "W\x00o\x00r\x00d\x00D\x00o\x00c\x00", "", nil, "", NotSupported},
		{"protected.docx", oleMagic + strings.Repeat("\x00", 600) + string(encryptedPackage), "", nil, "", Encrypted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, tc.name, []byte(tc.data))
			doc, err := openPath(t, context.Background(), path, Options{})
			if tc.kind != 0 {
				if KindOf(err) != tc.kind {
					t.Fatalf("error %v, want kind %v", err, tc.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.Source.Format != tc.format {
				t.Errorf("format = %s, want %s", doc.Source.Format, tc.format)
			}
			var pages []string
			for _, p := range doc.Pages {
				pages = append(pages, doc.Text[p.Start:p.End])
			}
			if strings.Join(pages, "\x00") != strings.Join(tc.pages, "\x00") {
				t.Errorf("pages = %.200q, want %.200q", pages, tc.pages)
			}
			if got := strings.Join(doc.Warnings, "; "); got != tc.warning {
				t.Errorf("warnings = %q, want %q", got, tc.warning)
			}
			if doc.Source.Path != path || len(doc.Source.Paths) != 1 || doc.Source.SHA256 == "" {
				t.Errorf("source = %+v", doc.Source)
			}
		})
	}
}

func TestOpenLimits(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "a.txt", []byte(strings.Repeat("x", 2000)))
	if _, err := openPath(t, context.Background(), path, Options{MaxBytes: 1000}); KindOf(err) != TooLarge {
		t.Errorf("over MaxBytes: error %v, want TooLarge", err)
	}
	if _, err := openPath(t, context.Background(), path, Options{MaxTextBytes: 1000}); KindOf(err) != TooLarge {
		t.Errorf("over MaxTextBytes: error %v, want TooLarge", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if _, err := openPath(t, ctx, path, Options{}); KindOf(err) != Timeout {
		t.Errorf("after the deadline: error %v, want Timeout", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := openPath(t, ctx, path, Options{}); err == nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
}

// fakeOCR recognises every page as "ocr page N", except the pages in fail.
type fakeOCR struct {
	err   error
	empty map[int]bool
	asked []int
}

func (f *fakeOCR) RecognizePages(ctx context.Context, path string, pages []int) ([]PageText, error) {
	f.asked = append(f.asked, pages...)
	if f.err != nil {
		return nil, f.err
	}
	var out []PageText
	for _, n := range pages {
		if f.empty[n] {
			out = append(out, PageText{})
			continue
		}
		out = append(out, PageText{Text: "ocr page " + string(rune('0'+n)), Confidence: 90})
	}
	return out, nil
}

func TestRecognize(t *testing.T) {
	raw := []rawPage{{"tekst 1", true}, {"", false}, {"tekst 3", true}, {"  ", false}}
	tests := []struct {
		name     string
		ocr      *fakeOCR
		texts    []string
		ocrPages []bool
		warnings []string
	}{
		{"no ocr", nil, []string{"tekst 1", "", "tekst 3", ""}, []bool{false, false, false, false},
			[]string{"page 2: no text layer (scanned)", "page 4: no text layer (scanned)"}},
		{"ocr", &fakeOCR{}, []string{"tekst 1", "ocr page 2", "tekst 3", "ocr page 4"}, []bool{false, true, false, true}, nil},
		{"ocr finds nothing on a page", &fakeOCR{empty: map[int]bool{4: true}}, []string{"tekst 1", "ocr page 2", "tekst 3", ""}, []bool{false, true, false, false},
			[]string{"page 4: no text layer and OCR found no text"}},
		{"ocr fails", &fakeOCR{err: errors.New("tesseract not found")}, []string{"tekst 1", "", "tekst 3", ""}, []bool{false, false, false, false},
			[]string{"pages 2, 4: no text layer and OCR failed: tesseract not found"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ocr PageRecognizer
			if tc.ocr != nil {
				ocr = tc.ocr
			}
			pages, warnings := recognize(context.Background(), "x.pdf", raw, ocr)
			for i, p := range pages {
				if p.Text != tc.texts[i] || p.OCR != tc.ocrPages[i] {
					t.Errorf("page %d = %+v, want text %q OCR %v", i+1, p, tc.texts[i], tc.ocrPages[i])
				}
				if p.OCR && p.Confidence != 90 {
					t.Errorf("page %d confidence %v, want 90", i+1, p.Confidence)
				}
			}
			if strings.Join(warnings, "\n") != strings.Join(tc.warnings, "\n") {
				t.Errorf("warnings = %q, want %q", warnings, tc.warnings)
			}
			if tc.ocr != nil && (len(tc.ocr.asked) != 2 || tc.ocr.asked[0] != 2 || tc.ocr.asked[1] != 4) {
				t.Errorf("OCR asked for pages %v, want [2 4]", tc.ocr.asked)
			}
		})
	}
}

func TestOpenZipBomb(t *testing.T) {
	// A DOCX whose document.xml declares 1.2 GB, honestly compressed data
	// would take seconds to make, so the header declares it over a small
	// stream: Open must refuse on the declaration, before inflating.
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store, CompressedSize64: 5, UncompressedSize64: 1258291200})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<w:x>"))
	zw.Close()
	path := writeFile(t, t.TempDir(), "zipbomb.docx", b.Bytes())
	_, err = openPath(t, context.Background(), path, Options{})
	if KindOf(err) != TooLarge || !strings.Contains(err.Error(), "word/document.xml is 1258291200 bytes uncompressed") {
		t.Errorf("error %v, want too large for word/document.xml", err)
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"artikel\u00a028 AVG", "artikel 28 AVG"},
		{"6\u202fmaanden", "6 maanden"},
		{"verwer\u00adkers\u200bovereenkomst", "verwerkersovereenkomst"},
		{"categoriee\u0308n", "categorieën"},
		{"\ufb01nanciële gegevens", "financiële gegevens"},
		{"\ufeffStart", "Start"},
		{"gewone tekst\n\tmet tab", "gewone tekst\n\tmet tab"},
	}
	for _, tc := range tests {
		if got := CleanText(tc.in); got != tc.want {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWrapLongLines(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		max    int
		want   string
		broken int
	}{
		{"short lines untouched", "een twee\ndrie", 10, "een twee\ndrie", 0},
		{"long line broken at spaces", "aaaa bbbb cccc dddd", 8, "aaaa\nbbbb\ncccc\ndddd", 1},
		{"sentence end preferred", "aa. bb cc dd ee", 10, "aa. bb cc\ndd ee", 1},
		{"no space: left whole", "aaaaaaaaaaaaaaaa", 4, "aaaaaaaaaaaaaaaa", 0},
		{"two long lines", "aaaa bbbb cccc\nxxxx yyyy zzzz", 8, "aaaa\nbbbb\ncccc\nxxxx\nyyyy\nzzzz", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, n := WrapLongLines(tc.in, tc.max)
			if got != tc.want || n != tc.broken {
				t.Errorf("WrapLongLines(%q, %d) = %q, %d; want %q, %d", tc.in, tc.max, got, n, tc.want, tc.broken)
			}
			if len(got) != len(tc.in) {
				t.Errorf("length changed: %d → %d", len(tc.in), len(got))
			}
		})
	}
}
