package docx

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus/blocks"
)

func tc(props, text string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + p(text) + `</w:tc>`
}

func TestReadBlocks(t *testing.T) {
	const head = `p0 furniture "Verwerkersovereenkomst Leerlab"` + "\n"
	const foot = `p0 paragraph "Zie de AVG."` + "\n" + `p0 furniture "Pagina 1"` + "\n"
	tests := []struct {
		name, body, want string
	}{
		{"headings by style and outline level", styled("Heading2", "Subverwerkers") +
			`<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>C. Bewaartermijnen</w:t></w:r></w:p>` +
			styled("Kop1", "Definities") + p("Product: Rekenroute"),
			`p0 heading h2 "Subverwerkers"
p0 heading h3 [C.] "Bewaartermijnen"
p0 heading h1 [Artikel 1] "Definities"
p0 label "Product" = "Rekenroute"
`},
		{"numbered lists", numbered(1, 0, "een") + numbered(1, 1, "sub a") + numbered(2, 0, "punt"),
			`p0 list-item depth=0 [1.] "een"
p0 list-item depth=1 [a.] "sub a"
p0 list-item depth=0 [-] "punt"
`},
		{"merged cells", `<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>` + tc("", "Naam") + tc(`<w:gridSpan w:val="2"/>`, "Locatie") + `</w:tr>` +
			`<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, "Wolkdienst B.V.") + tc("", "Ierland") + tc("", "Dublin") + `</w:tr>` +
			`<w:tr>` + tc(`<w:vMerge/>`, "") + tc("", "Nederland") + tc("", "Amsterdam") + `</w:tr></w:tbl>`,
			`p0 table 3 rows, 1 header
  row 0: "Naam" "Locatie"(2×1)
  row 1: "Wolkdienst B.V."(1×2) "Ierland" "Dublin"
  row 2: "Nederland" "Amsterdam"
`},
		{"nested table", `<w:tbl><w:tr>` + tc("", "Subverwerkers") + `<w:tc><w:tbl><w:tr>` + tc("", "A B.V.") + tc("", "NL") + `</w:tr><w:tr>` + tc("", "C Ltd") + tc("", "VS") + `</w:tr></w:tbl></w:tc></w:tr></w:tbl>`,
			`p0 table 1 rows, 0 header
  row 0: "Subverwerkers" "A B.V. | NL C Ltd | VS"
    nested in col 1:
      p0 table 2 rows, 0 header
        row 0: "A B.V." "NL"
        row 1: "C Ltd" "VS"
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := full(t, tt.body)
			res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if err := blocks.Check(res.Text, res.Blocks); err != nil {
				t.Fatalf("%v\n%s", err, blocks.Dump(res.Text, res.Blocks))
			}
			got := blocks.Dump(res.Text, res.Blocks)
			if !strings.HasPrefix(got, head) || !strings.HasSuffix(got, foot) {
				t.Fatalf("header and footer not furniture:\n%s", got)
			}
			if got = strings.TrimSuffix(strings.TrimPrefix(got, head), foot); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s\ntext %q", got, tt.want, res.Text)
			}
		})
	}
}

// TestReadColumnsUnderMerges checks the columns of cells after merged ones.
func TestReadColumnsUnderMerges(t *testing.T) {
	body := `<w:tbl><w:tr>` + tc(`<w:vMerge w:val="restart"/>`, "a") + tc(`<w:gridSpan w:val="2"/>`, "b") + `</w:tr>` +
		`<w:tr>` + tc(`<w:vMerge/>`, "") + tc("", "c") + tc("", "d") + `</w:tr>` +
		`<w:tr>` + tc("", "e") + tc("", "f") + tc("", "g") + `</w:tr></w:tbl>`
	data := full(t, body)
	res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var tab *blocks.TableData
	for _, b := range res.Blocks {
		if b.Kind == blocks.Table {
			tab = b.Table
		}
	}
	if tab == nil {
		t.Fatal("no table")
	}
	var got []string
	for _, r := range tab.Rows {
		var cs []string
		for _, c := range r.Cells {
			cs = append(cs, c.In(res.Text)+":"+string(rune('0'+c.Col))+"x"+string(rune('0'+c.RowSpan)))
		}
		got = append(got, strings.Join(cs, " "))
	}
	if want := "a:0x2 b:1x1/c:1x1 d:2x1/e:0x1 f:1x1 g:2x1"; strings.Join(got, "/") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "/"), want)
	}
}
