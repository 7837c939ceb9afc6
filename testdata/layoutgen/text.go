package layoutgen

import (
	"fmt"
	"strings"
)

// Text renders d as a text file: plain lines the way a text export of an
// agreement looks ("Artikel 3: Datalekken", "a | b" table rows, tabs), or,
// for a Markdown document, with #-headings, **bold** labels and pipe tables.
// Blocks are separated by a blank line; the lines of one list, table or
// label block follow each other.
func Text(d Doc) []byte {
	var b strings.Builder
	for i, bl := range d.Blocks {
		if i > 0 {
			prev := d.Blocks[i-1]
			if !(prev.Kind == bl.Kind && (bl.Kind == Item || bl.Kind == Label) && !bl.NewGroup) {
				b.WriteString("\n")
			}
		}
		switch bl.Kind {
		case Title:
			if d.Markdown {
				b.WriteString("# ")
			}
			b.WriteString(bl.Text + "\n")
		case Heading:
			if d.Markdown {
				b.WriteString(strings.Repeat("#", bl.Level) + " ")
			}
			if bl.Article > 0 {
				fmt.Fprintf(&b, "Artikel %d: ", bl.Article)
			}
			b.WriteString(bl.Text + "\n")
		case Paragraph:
			b.WriteString(bl.Text + "\n")
		case Label:
			if d.Markdown {
				b.WriteString("**" + bl.Label + ":** " + bl.Text + "\n")
			} else {
				b.WriteString(bl.Label + ": " + bl.Text + "\n")
			}
		case Item:
			switch bl.Format {
			case "bullet":
				b.WriteString("- ")
			case "lowerLetter":
				fmt.Fprintf(&b, "%c. ", 'a'+bl.Number-1)
			default:
				fmt.Fprintf(&b, "%d. ", bl.Number)
			}
			b.WriteString(bl.Text + "\n")
		case Tabbed:
			for _, line := range bl.Lines {
				b.WriteString(strings.Join(line, "\t") + "\n")
			}
		case Table:
			for j, r := range bl.Rows {
				if bl.Bars {
					b.WriteString(strings.Join(r, " | ") + "\n")
					continue
				}
				b.WriteString("| " + strings.Join(r, " | ") + " |\n")
				if j == bl.HeaderRows-1 {
					b.WriteString("|" + strings.Repeat("---|", len(r)) + "\n")
				}
			}
		}
	}
	return []byte(b.String())
}
