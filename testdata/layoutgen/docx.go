package layoutgen

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"time"
)

const wns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// run writes one text run, keeping spaces.
func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + xmlEscaper.Replace(text) + `</w:t></w:r>`
}

// boldRun writes one bold text run.
func boldRun(text string) string {
	return `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + xmlEscaper.Replace(text) + `</w:t></w:r>`
}

// DOCX renders d as a Word document the way a supplier's word processor
// writes one: real tables (w:tbl with a repeated header row), numbered and
// bulleted lists (numbering.xml), "Artikel N:" numbered by a heading style,
// bold labels, tab stops, a running header with the document's name and a
// footer with a page field. The output is deterministic.
func DOCX(d Doc) []byte {
	var body strings.Builder
	var nums strings.Builder
	formats := map[string]int{"decimal": 1, "lowerLetter": 2, "bullet": 3}
	list, first := listInfo(d.Blocks)
	for i, b := range d.Blocks {
		switch b.Kind {
		case Title:
			body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Titel"/></w:pPr>` + run(b.Text) + `</w:p>`)
		case Heading:
			switch {
			case b.Level >= 3:
				body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Kop3"/></w:pPr>` + run(b.Text) + `</w:p>`)
			case b.Article > 0:
				body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Artikel"/></w:pPr>` + run(b.Text) + `</w:p>`)
			default:
				body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Kop2"/></w:pPr>` + run(b.Text) + `</w:p>`)
			}
		case Paragraph:
			body.WriteString(`<w:p>` + run(b.Text) + `</w:p>`)
		case Label:
			body.WriteString(`<w:p>` + boldRun(b.Label+":") + run(" "+b.Text) + `</w:p>`)
		case Tabbed:
			for _, line := range b.Lines {
				body.WriteString(`<w:p>`)
				for j, c := range line {
					if j > 0 {
						body.WriteString(`<w:r><w:tab/></w:r>`)
					}
					body.WriteString(run(c))
				}
				body.WriteString(`</w:p>`)
			}
		case Item:
			numID := list[i] + 10
			if first[i] {
				fmt.Fprintf(&nums, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="%d"/></w:lvlOverride></w:num>`,
					numID, formats[b.Format], b.Number)
			}
			fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="Lijstalinea"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr>%s</w:p>`, numID, run(b.Text))
		case Table:
			body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="Tabelraster"/><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>` +
				`<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>` +
				`<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>`)
			if len(b.Rows) > 0 {
				for range b.Rows[0] {
					body.WriteString(`<w:gridCol/>`)
				}
			}
			body.WriteString(`</w:tblGrid>`)
			for j, r := range b.Rows {
				body.WriteString(`<w:tr>`)
				if j < b.HeaderRows {
					body.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
				}
				for _, c := range r {
					body.WriteString(`<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr><w:p>` + run(c) + `</w:p></w:tc>`)
				}
				body.WriteString(`</w:tr>`)
			}
			body.WriteString(`</w:tbl><w:p/>`)
		}
	}
	document := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document ` + wns + `><w:body>` + body.String() +
		`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>` +
		`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`
	numbering := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:numbering ` + wns + `>` +
		`<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Artikel %1:"/><w:suff w:val="space"/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` + nums.String() + `</w:numbering>`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:styles ` + wns + `>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn w:val="Standaard"/><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Standaard"/><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Artikel"><w:name w:val="Artikelkop"/><w:basedOn w:val="Kop2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Kop3"><w:name w:val="heading 3"/><w:basedOn w:val="Standaard"/><w:rPr><w:b/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Lijstalinea"><w:name w:val="List Paragraph"/><w:basedOn w:val="Standaard"/></w:style>` +
		`<w:style w:type="table" w:styleId="Tabelraster"><w:name w:val="Table Grid"/></w:style></w:styles>`
	header := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:hdr ` + wns + `><w:p><w:pPr><w:jc w:val="right"/></w:pPr>` + run(d.Name) + `</w:p></w:hdr>`
	footer := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:ftr ` + wns + `><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + run("Pagina ") +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		run("1") + `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`
	rel := "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
			`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
			`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rIdStyles" Type="` + rel + `styles" Target="styles.xml"/>` +
			`<Relationship Id="rIdNumbering" Type="` + rel + `numbering" Target="numbering.xml"/>` +
			`<Relationship Id="rIdHeader" Type="` + rel + `header" Target="header1.xml"/>` +
			`<Relationship Id="rIdFooter" Type="` + rel + `footer" Target="footer1.xml"/></Relationships>`},
		{"word/document.xml", document},
		{"word/styles.xml", styles},
		{"word/numbering.xml", numbering},
		{"word/header1.xml", header},
		{"word/footer1.xml", footer},
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)})
		if err != nil {
			panic(err) // writing to a bytes.Buffer does not fail
		}
		w.Write([]byte(p.data))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return out.Bytes()
}
