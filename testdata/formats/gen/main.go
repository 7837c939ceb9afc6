//go:build ignore

// Command gen renders invented agreements of testdata/agreements as Word
// (DOCX) and HTML files in testdata/formats, the way a supplier's word
// processor or website would: real Word tables (w:tbl), numbered lists
// (numbering.xml, with "Artikel N" numbered by a heading style), a running
// header and a footer with a page field; HTML with head, styles, a script,
// headings, <ol>/<ul> lists and <table>s. The writers are layoutgen's, which
// the layout tests use too. Run it from the repository root:
//
//	go run testdata/formats/gen/main.go leerlijn-verwerkersovereenkomst vakwerkplaats-model4
//
// The output is deterministic.
package main

import (
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/testdata/layoutgen"
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
	first  bool   // row: first row of its table
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
		case row:
			b.first = prev == nil || prev.kind != row
		}
		out = append(out, b)
		prev = &out[len(out)-1]
	}
	return out
}

// doc turns the parsed lines into a layoutgen document, whose writers
// render it: consecutive rows become one table with a header row.
func doc(blocks []block, name string) layoutgen.Doc {
	d := layoutgen.Doc{Name: name}
	for _, b := range blocks {
		switch b.kind {
		case title:
			d.Blocks = append(d.Blocks, layoutgen.Block{Kind: layoutgen.Title, Text: b.text})
		case heading:
			d.Blocks = append(d.Blocks, layoutgen.Block{Kind: layoutgen.Heading, Level: 2, Text: b.text, Article: b.artNum})
		case section:
			d.Blocks = append(d.Blocks, layoutgen.Block{Kind: layoutgen.Heading, Level: 3, Text: b.text})
		case paragraph:
			d.Blocks = append(d.Blocks, layoutgen.Block{Kind: layoutgen.Paragraph, Text: b.text})
		case item:
			d.Blocks = append(d.Blocks, layoutgen.Block{Kind: layoutgen.Item, Text: b.text, Format: b.format, Number: b.number})
		case row:
			if b.first {
				d.Blocks = append(d.Blocks, layoutgen.Block{Kind: layoutgen.Table, HeaderRows: 1})
			}
			t := &d.Blocks[len(d.Blocks)-1]
			t.Rows = append(t.Rows, b.cells)
		}
	}
	return d
}

func main() {
	for _, name := range os.Args[1:] {
		src, err := os.ReadFile(filepath.Join("testdata", "agreements", name+".txt"))
		if err != nil {
			log.Fatal(err)
		}
		first := strings.SplitN(string(src), "\n", 2)[0]
		d := doc(parse(string(src)), first)
		for file, data := range map[string][]byte{name + ".docx": layoutgen.DOCX(d), name + ".html": layoutgen.HTML(d)} {
			if err := os.WriteFile(filepath.Join("testdata", "formats", file), data, 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
}
