package layoutgen

import (
	"fmt"
	"html"
	"strings"
)

// HTML renders d as a web page: head with styles and a script, a hidden
// cookie banner, headings, <ol>/<ul> lists, <table>s (with <thead> and a
// print page break where a table is split), bold labels and <pre> for
// tab-aligned text. A Web document also gets a site navigation bar and a
// footer. The output is deterministic.
func HTML(d Doc) []byte {
	var b strings.Builder
	name := html.EscapeString(d.Name)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + name + "</title>\n" +
		"<style>body{font-family:sans-serif;max-width:50em} table{border-collapse:collapse} td,th{border:1px solid #999;padding:.2em} table.narrow{font-size:8pt} table.narrow td,table.narrow th{border:none;padding:0 0 0 1.5px;text-align:left}</style>\n" +
		"<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>\n</head>\n<body>\n" +
		"<div class=\"cookie-banner\" hidden>Wij gebruiken cookies.</div>\n")
	if d.Web {
		b.WriteString("<nav><ul class=\"menu\"><li><a href=\"/\">Home</a></li><li><a href=\"/product\">Product</a></li><li><a href=\"/contact\">Contact</a></li></ul></nav>\n")
	}
	b.WriteString("<main>\n")
	list, _ := listInfo(d.Blocks)
	for i := 0; i < len(d.Blocks); i++ {
		bl := d.Blocks[i]
		t := html.EscapeString(bl.Text)
		switch bl.Kind {
		case Title:
			b.WriteString("<h1>" + t + "</h1>\n")
		case Heading:
			if bl.Level >= 3 {
				b.WriteString("<h3>" + t + "</h3>\n")
				break
			}
			if bl.Article > 0 {
				t = fmt.Sprintf("Artikel %d: %s", bl.Article, t)
			}
			b.WriteString("<h2>" + t + "</h2>\n")
		case Paragraph:
			b.WriteString("<p>" + t + "</p>\n")
		case Label:
			b.WriteString("<p><strong>" + html.EscapeString(bl.Label) + ":</strong> " + t + "</p>\n")
		case Tabbed:
			b.WriteString("<pre>")
			for _, line := range bl.Lines {
				b.WriteString(html.EscapeString(strings.Join(line, "\t")) + "\n")
			}
			b.WriteString("</pre>\n")
		case Item:
			tag, attrs := "ol", ""
			switch bl.Format {
			case "bullet":
				tag = "ul"
			case "lowerLetter":
				attrs = ` type="a"`
			}
			if bl.Number != 1 && tag == "ol" {
				attrs += fmt.Sprintf(` start="%d"`, bl.Number)
			}
			b.WriteString("<" + tag + attrs + ">\n")
			for j := i; j < len(d.Blocks) && d.Blocks[j].Kind == Item && list[j] == list[i]; j++ {
				b.WriteString("  <li>" + html.EscapeString(d.Blocks[j].Text) + "</li>\n")
				i = j
			}
			b.WriteString("</" + tag + ">\n")
		case Table:
			if bl.Narrow {
				b.WriteString(`<table class="narrow">` + "\n")
			} else {
				b.WriteString("<table>\n")
			}
			sections := bl.BreakBefore > 0 && bl.HeaderRows > 0
			for j, r := range bl.Rows {
				cell, attrs := "td", ""
				if j < bl.HeaderRows {
					cell = "th"
				}
				if sections && j == 0 {
					b.WriteString("<thead>\n")
				}
				if sections && j == bl.HeaderRows {
					b.WriteString("</thead>\n<tbody>\n")
				}
				if bl.BreakBefore > 0 && j == bl.BreakBefore {
					attrs = ` style="break-before:page"`
				}
				b.WriteString("  <tr" + attrs + ">")
				for _, c := range r {
					b.WriteString("<" + cell + ">" + html.EscapeString(c) + "</" + cell + ">")
				}
				b.WriteString("</tr>\n")
			}
			if sections {
				b.WriteString("</tbody>\n")
			}
			b.WriteString("</table>\n")
		}
	}
	b.WriteString("</main>\n<footer><p>&copy; 2024 " + name + "</p></footer>\n" +
		"<script>gtag('js', new Date());</script>\n</body>\n</html>\n")
	return []byte(b.String())
}
