//go:build ignore

// Command gen writes the small bad-input fixtures of testdata/bad. Run it
// from the repository root: go run testdata/bad/gen/main.go. Its output is
// deterministic. Large hostile inputs (zip bombs, huge lines) are made by
// the tests themselves in temporary folders instead of being committed.
package main

import (
	"archive/zip"
	"bytes"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// agreement is an invented text with the characters that encodings get
// wrong: Dutch diacritics, curly quotes and an en dash.
const agreement = "Verwerkersovereenkomst Leerlab B.V.\n" +
	"Artikel 1 – Begripsbepalingen\n" +
	"De “Verwerker” verwerkt persoonsgegevens ten behoeve van de ‘Onderwijsinstelling’.\n" +
	"Categorieën: leerlingen, ouders, docenten; één keer per jaar geëvalueerd, ook in België.\n" +
	"Bewaartermijn: uiterlijk 6 maanden na beëindiging.\n"

func main() {
	dir := filepath.Join("testdata", "bad")
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("agreement.txt", []byte(agreement))
	write("empty.pdf", nil)

	cp, err := charmap.Windows1252.NewEncoder().Bytes([]byte(agreement))
	if err != nil {
		log.Fatal(err)
	}
	write("windows-1252.txt", cp)

	u := []byte{0xFF, 0xFE}
	for _, c := range utf16.Encode([]rune(agreement)) {
		u = append(u, byte(c), byte(c>>8))
	}
	write("utf16.txt", u)

	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
	write("not-a-pdf.pdf", png)

	r := rand.New(rand.NewPCG(1252, 1))
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(r.UintN(256))
	}
	write("binary.txt", bin)

	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Leerlab</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()
	write("corrupt.docx", zb.Bytes()[:zb.Len()/2])

	var xb bytes.Buffer
	zw = zip.NewWriter(&xb)
	w, _ = zw.Create("xl/workbook.xml")
	w.Write([]byte(`<workbook/>`))
	zw.Close()
	write("spreadsheet.docx", xb.Bytes())
}
