package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
)

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

const relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

// build returns a ZIP archive of the given parts, in order.
func build(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		// Stored, not deflated: the fuzz targets build an archive per run.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: parts[i], Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// document wraps body XML in a document part.
func document(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`
}

func p(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func numbered(numID, ilvl int, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + string(rune('0'+ilvl)) + `"/><w:numId w:val="` + string(rune('0'+numID)) + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func styled(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

const numbering = `<w:numbering ` + ns + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/><w:suff w:val="space"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Artikel %1"/><w:suff w:val="space"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:abstractNum w:abstractNumId="4"><w:numStyleLink w:val="Lijststijl"/></w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>`

const styles = `<w:styles ` + ns + `>
<w:style w:type="paragraph" w:styleId="Kop1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Kop1Rood"><w:basedOn w:val="Kop1"/></w:style>
<w:style w:type="numbering" w:styleId="Lijststijl"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
</w:styles>`

const docRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="` + relBase + `numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="` + relBase + `styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="` + relBase + `header" Target="header1.xml"/>
<Relationship Id="rId4" Type="` + relBase + `footer" Target="footer1.xml"/>
<Relationship Id="rId5" Type="` + relBase + `footnotes" Target="footnotes.xml"/>
<Relationship Id="rId6" Type="` + relBase + `hyperlink" Target="https://leerlab.example" TargetMode="External"/>
</Relationships>`

const rootRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/></Relationships>`

// full builds a DOCX with numbering, styles, a header, a footer and footnotes.
func full(t testing.TB, body string) []byte {
	return build(t,
		"[Content_Types].xml", `<Types/>`,
		"_rels/.rels", rootRels,
		"word/document.xml", document(body),
		"word/_rels/document.xml.rels", docRels,
		"word/numbering.xml", numbering,
		"word/styles.xml", styles,
		"word/header1.xml", `<w:hdr `+ns+`>`+p("Verwerkersovereenkomst Leerlab")+`</w:hdr>`,
		"word/footer1.xml", `<w:ftr `+ns+`><w:p><w:r><w:t xml:space="preserve">Pagina </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`,
		"word/footnotes.xml", `<w:footnotes `+ns+`><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/><w:t>---</w:t></w:r></w:p></w:footnote><w:footnote w:id="1">`+p("Zie de AVG.")+`</w:footnote></w:footnotes>`,
	)
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"paragraphs", p("Artikel 1") + `<w:p/>` + p("Leerlab B.V. verwerkt."), "Artikel 1\nLeerlab B.V. verwerkt.\n"},
		{"runs tab and break", `<w:p><w:r><w:t>Naam</w:t></w:r><w:r><w:tab/><w:t>Leerlab</w:t><w:br/><w:t>Utrecht</w:t></w:r></w:p>`, "Naam\tLeerlab\nUtrecht\n"},
		{"numbered list", numbered(1, 0, "een") + numbered(1, 1, "sub a") + numbered(1, 1, "sub b") + numbered(1, 0, "twee") + numbered(1, 1, "sub opnieuw") + numbered(1, 2, "diep"),
			"1. een\na. sub a\nb. sub b\n2. twee\na. sub opnieuw\n2.1diep\n"},
		{"lists of one definition continue", numbered(1, 0, "een") + p("tussen") + numbered(5, 0, "twee") + numbered(6, 0, "opnieuw"), "1. een\ntussen\n2. twee\n1. opnieuw\n"},
		{"list through a numbering style", numbered(7, 0, "via stijl"), "(I) via stijl\n"},
		{"bullets", numbered(2, 0, "schoolnaam") + numbered(2, 0, "BRIN"), "- schoolnaam\n- BRIN\n"},
		{"start override roman", numbered(4, 0, "derde") + numbered(4, 0, "vierde"), "(III) derde\n(IV) vierde\n"},
		{"numbering from a style", styled("Kop1", "Definities") + styled("Kop1Rood", "Onderwerp") + styled("Normal", "tekst"), "Artikel 1 Definities\nArtikel 2 Onderwerp\ntekst\n"},
		{"table", p("Voor de tabel") + `<w:tbl><w:tr><w:tc>` + p("Naam") + `</w:tc><w:tc>` + p("Land") + `</w:tc></w:tr><w:tr><w:tc>` + p("Cloudbedrijf") + p("B.V.") + `</w:tc><w:tc>` + p("Ierland") + `</w:tc></w:tr></w:tbl>` + p("Na de tabel"),
			"Voor de tabel\n\nNaam | Land\nCloudbedrijf B.V. | Ierland\n\nNa de tabel\n"},
		{"nested table", `<w:tbl><w:tr><w:tc>` + p("buiten") + `</w:tc><w:tc><w:tbl><w:tr><w:tc>` + p("a") + `</w:tc><w:tc>` + p("b") + `</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`, "buiten | a | b\n\n"},
		{"empty row skipped", `<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc>` + p("x") + `</w:tc></w:tr></w:tbl>`, "x\n\n"},
		{"deleted and hidden text", `<w:p><w:del><w:r><w:delText>oud</w:delText></w:r></w:del><w:ins><w:r><w:t>nieuw</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>verborgen</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t> zichtbaar</w:t></w:r></w:p>`, "nieuw zichtbaar\n"},
		{"text box once", `<w:p><w:r><w:t>Anker</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>` + p("In het kader") + `</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>` + p("In het kader") + `</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			"Anker\nIn het kader\n"},
		{"checkbox symbol", `<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:t xml:space="preserve"> Ja</w:t></w:r></w:p>`, "☒ Ja\n"},
		{"moved text once", `<w:p><w:moveFrom><w:r><w:t>weg</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>hier</w:t></w:r></w:moveTo></w:p>`, "hier\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := full(t, tc.body)
			res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			want := "Verwerkersovereenkomst Leerlab\n" + tc.want + "Zie de AVG.\nPagina 1\n"
			if res.Text != want {
				t.Errorf("text =\n%q\nwant\n%q", res.Text, want)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %q", res.Warnings)
			}
		})
	}
}

func TestReadMinimal(t *testing.T) {
	// No relationships at all: word/document.xml is found by its name.
	data := build(t, "word/document.xml", document(p("Alleen tekst")))
	res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil || res.Text != "Alleen tekst\n" {
		t.Errorf("Read = %+v, %v", res, err)
	}
	// A damaged numbering part costs the labels, not the text.
	data = build(t, "word/document.xml", document(numbered(1, 0, "item")),
		"word/_rels/document.xml.rels", docRels, "word/numbering.xml", "<w:numbering><broken")
	res, err = Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil || res.Text != "item\n" || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "list numbers skipped") {
		t.Errorf("Read with damaged numbering = %+v, %v", res, err)
	}
}

// rawEntry writes a deflated entry whose header declares size bytes.
func rawEntry(t *testing.T, zw *zip.Writer, name string, content []byte, declared uint64) {
	t.Helper()
	var c bytes.Buffer
	fw, _ := flate.NewWriter(&c, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(c.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(c.Bytes())
}

func TestReadErrors(t *testing.T) {
	bomb := func(declared uint64, content []byte) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		rawEntry(t, zw, "word/document.xml", content, declared)
		zw.Close()
		return b.Bytes()
	}
	big := []byte(document(strings.Repeat(p(strings.Repeat("A", 1000)), 3000))) // 3 MB
	many := func(n int) []byte {
		var parts []string
		for i := range n {
			parts = append(parts, "f"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+"/"+string(rune('a'+i/26%26))+".xml", "")
		}
		return build(t, append(parts, "word/document.xml", document(p("x")))...)
	}
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want error
		what string
	}{
		{"not a zip", []byte("PK\x03\x04 but then nothing"), Limits{}, ErrDamaged, ""},
		{"truncated", full(t, p("x"))[:300], Limits{}, ErrDamaged, ""},
		{"bad xml", build(t, "word/document.xml", "<w:document><w:body>"), Limits{}, ErrDamaged, ""},
		{"declared too large", bomb(1258291200, []byte("<w:document/>")), Limits{}, ErrTooLarge, ""},
		{"over the part limit", bomb(uint64(len(big)), big), Limits{MaxPartBytes: 1 << 20}, ErrTooLarge, ""},
		{"lies about its size", bomb(100, big), Limits{MaxPartBytes: 1 << 20}, ErrDamaged, ""},
		{"too many entries", many(60), Limits{MaxEntries: 50}, ErrTooLarge, ""},
		{"spreadsheet", build(t, "xl/workbook.xml", "<workbook/>"), Limits{}, nil, "Excel workbook"},
		{"presentation", build(t, "ppt/presentation.xml", "<p/>"), Limits{}, nil, "PowerPoint presentation"},
		{"plain zip", build(t, "a.txt", "x"), Limits{}, nil, "ZIP archive"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), tc.lim)
			if err == nil {
				t.Fatalf("Read = %q, want an error", res.Text)
			}
			var nd *NotDOCXError
			if tc.what != "" {
				if !errors.As(err, &nd) || nd.What != tc.what {
					t.Errorf("error %v, want NotDOCXError{%q}", err, tc.what)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

func TestReadCancelled(t *testing.T) {
	data := full(t, strings.Repeat(p("tekst"), 10000))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, bytes.NewReader(data), int64(len(data)), Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// FuzzRead checks that no archive makes Read panic, and that the text it
// returns is valid.
func FuzzRead(f *testing.F) {
	f.Add(full(f, numbered(1, 0, "een")+`<w:tbl><w:tr><w:tc>`+p("a")+`</w:tc></w:tr></w:tbl>`))
	f.Add(build(f, "word/document.xml", document(p("x"))))
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	fuzzseed.Add(f, 128<<10, "docx/*", "bad/*.docx")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{MaxPartBytes: 1 << 20, MaxTotalBytes: 4 << 20})
		if err == nil && res == nil {
			t.Fatal("nil result without error")
		}
	})
}

// FuzzBody feeds arbitrary XML to the body reader through a valid archive,
// with the numbering and styles of the tests.
func FuzzBody(f *testing.F) {
	f.Add(numbered(1, 0, "een") + numbered(1, 2, "diep") + styled("Kop1", "x"))
	f.Add(`<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>` + p("a") + `</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`)
	f.Add(`<w:p><w:p><w:r><w:t>x</w:t></w:r></w:p></w:p>`)
	f.Add(`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/><w:gridSpan w:val="3"/></w:tcPr>` + p("a") + `</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>` + p("b") + `</w:tc></w:tr></w:tbl>`)
	f.Fuzz(func(t *testing.T, body string) {
		data := full(t, body)
		res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
		if err == nil && utf8.ValidString(res.Text) {
			if err := blocks.Check(res.Text, res.Blocks); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// BenchmarkRead reads a DOCX of about 1 MB of XML: paragraphs, numbered
// items and a table, as a long agreement has them.
func BenchmarkRead(b *testing.B) {
	var body strings.Builder
	for i := range 2000 {
		body.WriteString(numbered(1, i%2, "De Verwerker verwerkt de persoonsgegevens uitsluitend in opdracht van de Onderwijsinstelling."))
		if i%50 == 0 {
			body.WriteString(`<w:tbl><w:tr><w:tc>` + p("Naam") + `</w:tc><w:tc>` + p("Land") + `</w:tc></w:tr></w:tbl>`)
		}
	}
	data := full(b, body.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
