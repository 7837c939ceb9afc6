//go:build ignore

// Command gen renders invented agreements of testdata/agreements as Word
// (DOCX) and HTML files in testdata/formats, the way a supplier's word
// processor or website would: real Word tables (w:tbl), numbered lists
// (numbering.xml, with "Artikel N" numbered by a heading style), a running
// header and a footer with a page field; HTML with head, styles, a script,
// headings, <ol>/<ul> lists and <table>s. Run it from the repository root:
//
//	go run testdata/formats/gen/main.go leerlijn-verwerkersovereenkomst vakwerkplaats-model4
//
// The output is deterministic.
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// blockKind is what one line of the source text becomes.
type blockKind int

const (
	paragraph blockKind = iota
	title
	heading // Artikel / Bijlage
	section // A. / B. section heading
	item    // list item
	row     // table row
)

type block struct {
	kind   blockKind
	text   string
	cells  []string
	format string // list: decimal, lowerLetter, bullet
	number int    // list: the item's number
	list   int    // list: the instance it belongs to (1-based)
	first  bool   // list: first item of its instance; row: first row of its table
	artNum int    // heading: the article number when "Artikel N: rest", else 0
}

var (
	headingRe  = regexp.MustCompile(`^(Artikel|Bijlage) \d+`)
	articleRe  = regexp.MustCompile(`^Artikel (\d+): (.+)$`)
	sectionRe  = regexp.MustCompile(`^[A-Z]\. \S`)
	decimalRe  = regexp.MustCompile(`^(\d+)\. (.*)$`)
	letterRe   = regexp.MustCompile(`^([a-z])\. (.*)$`)
	bulletRe   = regexp.MustCompile(`^- (.*)$`)
	mdSepRe    = regexp.MustCompile(`^\|?[\s:|-]*-{3,}[\s:|-]*$`)
	pipeCellRe = regexp.MustCompile(`\s*\|\s*`)
)

// parse turns the lines of an agreement into blocks.
func parse(src string) []block {
	var (
		out      []block
		lists    int
		articles int
		prev     *block // the previous non-blank block
	)
	for i, line := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
		line = strings.TrimRight(line, " ")
		if strings.TrimSpace(line) == "" {
			continue
		}
		var b block
		switch {
		case i == 0:
			b = block{kind: title, text: line}
		case mdSepRe.MatchString(line):
			continue
		case strings.Contains(line, "\t"):
			b = block{kind: row, cells: strings.Split(line, "\t")}
		case strings.Contains(line, " | ") || strings.HasPrefix(line, "|"):
			l := strings.TrimSpace(line)
			l = strings.TrimSuffix(strings.TrimPrefix(l, "|"), "|")
			b = block{kind: row, cells: pipeCellRe.Split(strings.TrimSpace(l), -1)}
		case headingRe.MatchString(line):
			b = block{kind: heading, text: line}
			if m := articleRe.FindStringSubmatch(line); m != nil {
				if n, _ := strconv.Atoi(m[1]); n == articles+1 {
					articles = n
					b.artNum, b.text = n, m[2]
				}
			}
		case sectionRe.MatchString(line):
			b = block{kind: section, text: line}
		default:
			if m := decimalRe.FindStringSubmatch(line); m != nil {
				n, _ := strconv.Atoi(m[1])
				b = block{kind: item, format: "decimal", number: n, text: m[2]}
			} else if m := letterRe.FindStringSubmatch(line); m != nil {
				b = block{kind: item, format: "lowerLetter", number: int(m[1][0]-'a') + 1, text: m[2]}
			} else if m := bulletRe.FindStringSubmatch(line); m != nil {
				b = block{kind: item, format: "bullet", number: 1, text: m[1]}
			} else {
				b = block{kind: paragraph, text: line}
			}
		}
		switch b.kind {
		case item:
			cont := prev != nil && prev.kind == item && prev.format == b.format &&
				(b.format == "bullet" || b.number == prev.number+1)
			if cont {
				b.list = prev.list
			} else {
				lists++
				b.list, b.first = lists, true
			}
		case row:
			b.first = prev == nil || prev.kind != row
		}
		out = append(out, b)
		prev = &out[len(out)-1]
	}
	return out
}

const wns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

func esc(s string) string {
	var b bytes.Buffer
	if err := xmlEscape(&b, s); err != nil {
		log.Fatal(err)
	}
	return b.String()
}

func xmlEscape(b *bytes.Buffer, s string) error {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	_, err := b.WriteString(r.Replace(s))
	return err
}

// run writes one text run, keeping spaces.
func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

// docx renders the blocks as a Word document.
func docx(blocks []block, name string) []byte {
	var body strings.Builder
	var nums strings.Builder
	formats := map[string]int{"decimal": 1, "lowerLetter": 2, "bullet": 3}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.kind {
		case title:
			body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Titel"/></w:pPr>` + run(b.text) + `</w:p>`)
		case heading:
			if b.artNum > 0 {
				body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Artikel"/></w:pPr>` + run(b.text) + `</w:p>`)
			} else {
				body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Kop2"/></w:pPr>` + run(b.text) + `</w:p>`)
			}
		case section:
			body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Kop3"/></w:pPr>` + run(b.text) + `</w:p>`)
		case paragraph:
			body.WriteString(`<w:p>` + run(b.text) + `</w:p>`)
		case item:
			numID := b.list + 10
			if b.first {
				fmt.Fprintf(&nums, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="%d"/></w:lvlOverride></w:num>`,
					numID, formats[b.format], b.number)
			}
			fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="Lijstalinea"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr>%s</w:p>`, numID, run(b.text))
		case row:
			body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="Tabelraster"/><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>` +
				`<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>` +
				`<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>`)
			for range b.cells {
				body.WriteString(`<w:gridCol/>`)
			}
			body.WriteString(`</w:tblGrid>`)
			for j := i; j < len(blocks) && blocks[j].kind == row && (j == i || !blocks[j].first); j++ {
				body.WriteString(`<w:tr>`)
				if j == i {
					body.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
				}
				for _, c := range blocks[j].cells {
					body.WriteString(`<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr><w:p>` + run(c) + `</w:p></w:tc>`)
				}
				body.WriteString(`</w:tr>`)
				i = j
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
	header := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:hdr ` + wns + `><w:p><w:pPr><w:jc w:val="right"/></w:pPr>` + run(name) + `</w:p></w:hdr>`
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
			log.Fatal(err)
		}
		w.Write([]byte(p.data))
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return out.Bytes()
}

// htmlPage renders the blocks as a web page.
func htmlPage(blocks []block, name string) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html.EscapeString(name) + "</title>\n" +
		"<style>body{font-family:sans-serif;max-width:50em} table{border-collapse:collapse} td,th{border:1px solid #999;padding:.2em}</style>\n" +
		"<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>\n</head>\n<body>\n" +
		"<div class=\"cookie-banner\" hidden>Wij gebruiken cookies.</div>\n<main>\n")
	for i := 0; i < len(blocks); i++ {
		bl := blocks[i]
		t := html.EscapeString(bl.text)
		switch bl.kind {
		case title:
			b.WriteString("<h1>" + t + "</h1>\n")
		case heading:
			if bl.artNum > 0 {
				t = fmt.Sprintf("Artikel %d: %s", bl.artNum, t)
			}
			b.WriteString("<h2>" + t + "</h2>\n")
		case section:
			b.WriteString("<h3>" + t + "</h3>\n")
		case paragraph:
			b.WriteString("<p>" + t + "</p>\n")
		case item:
			tag, attrs := "ol", ""
			switch bl.format {
			case "bullet":
				tag = "ul"
			case "lowerLetter":
				attrs = ` type="a"`
			}
			if bl.number != 1 && tag == "ol" {
				attrs += fmt.Sprintf(` start="%d"`, bl.number)
			}
			b.WriteString("<" + tag + attrs + ">\n")
			for j := i; j < len(blocks) && blocks[j].kind == item && blocks[j].list == bl.list; j++ {
				b.WriteString("  <li>" + html.EscapeString(blocks[j].text) + "</li>\n")
				i = j
			}
			b.WriteString("</" + tag + ">\n")
		case row:
			b.WriteString("<table>\n")
			for j := i; j < len(blocks) && blocks[j].kind == row && (j == i || !blocks[j].first); j++ {
				cell := "td"
				if j == i {
					cell = "th"
				}
				b.WriteString("  <tr>")
				for _, c := range blocks[j].cells {
					b.WriteString("<" + cell + ">" + html.EscapeString(c) + "</" + cell + ">")
				}
				b.WriteString("</tr>\n")
				i = j
			}
			b.WriteString("</table>\n")
		}
	}
	b.WriteString("</main>\n<footer><p>&copy; 2024 " + html.EscapeString(name) + "</p></footer>\n" +
		"<script>gtag('js', new Date());</script>\n</body>\n</html>\n")
	return []byte(b.String())
}

func main() {
	for _, name := range os.Args[1:] {
		src, err := os.ReadFile(filepath.Join("testdata", "agreements", name+".txt"))
		if err != nil {
			log.Fatal(err)
		}
		blocks := parse(string(src))
		first := strings.SplitN(string(src), "\n", 2)[0]
		for file, data := range map[string][]byte{name + ".docx": docx(blocks, first), name + ".html": htmlPage(blocks, first)} {
			if err := os.WriteFile(filepath.Join("testdata", "formats", file), data, 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
}
