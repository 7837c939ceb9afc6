package html

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
)

func init() { checkBlocks = true }

func TestReadBlocks(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"headings and paragraphs", `<h1>Verwerkersovereenkomst</h1><h2>Artikel 3: Rolverdeling</h2><p>Tekst   van
			het artikel.</p><p><b>Product:</b> Rekenroute</p><div>Dienst: Leerlingvolgsysteem</div>`,
			`p0 heading h1 "Verwerkersovereenkomst"
p0 heading h2 [Artikel 3] "Rolverdeling"
p0 paragraph "Tekst van het artikel."
p0 label "Product" = "Rekenroute"
p0 label "Dienst" = "Leerlingvolgsysteem"
`},
		{"nested lists", `<ol type="a"><li>eerste<ul><li><p>genest</p></li></ul></li><li>tweede</li></ol>`,
			`p0 list-item depth=0 [a.] "eerste"
p0 list-item depth=1 [-] "genest"
p0 list-item depth=0 [b.] "tweede"
`},
		{"table with spans and caption", `<table><caption>Tabel 5: Subverwerkers</caption><thead><tr><th>Naam</th><th colspan="2">Locatie</th></tr></thead>
			<tbody><tr><td rowspan="2">Wolkdienst&nbsp;B.V.</td><td>Ierland</td><td>Dublin</td></tr><tr><td>Nederland</td><td>Amsterdam</td></tr></tbody></table>`,
			`p0 table 3 rows, 1 header, caption "Tabel 5: Subverwerkers"
  row 0: "Naam" "Locatie"(2×1)
  row 1: "Wolkdienst B.V."(1×2) "Ierland" "Dublin"
  row 2: "Nederland" "Amsterdam"
`},
		{"nested table", `<table><tr><td>Subverwerkers</td><td><table><tr><td>A B.V.</td><td>NL</td></tr></table></td></tr></table>`,
			`p0 table 1 rows, 0 header
  row 0: "Subverwerkers" "A B.V. | NL"
    nested in col 1:
      p0 table 1 rows, 0 header
        row 0: "A B.V." "NL"
`},
		{"definition list", `<dl><dt>Verwerker:</dt><dd>Voorbeeld B.V.</dd><dt>Land</dt><dd>Nederland</dd></dl>`,
			`p0 label "Verwerker" = "Voorbeeld B.V."
p0 label "Land" = "Nederland"
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Read(context.Background(), tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if err := blocks.Check(r.Text, r.Blocks); err != nil {
				t.Fatalf("%v\n%s", err, blocks.Dump(r.Text, r.Blocks))
			}
			if got := blocks.Dump(r.Text, r.Blocks); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s\ntext %q", got, tc.want, r.Text)
			}
		})
	}
}

// TestReadColumns checks the columns cells get under row and column spans.
func TestReadColumns(t *testing.T) {
	r, err := Read(context.Background(), `<table><tr><td rowspan="3">a</td><td colspan="2">b</td></tr><tr><td>c</td><td>d</td></tr><tr><td>e</td><td>f</td></tr><tr><td>g</td><td>h</td></tr></table>`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range r.Blocks[0].Table.Rows {
		var cols []string
		for _, c := range row.Cells {
			cols = append(cols, c.In(r.Text)+":"+string(rune('0'+c.Col)))
		}
		got = append(got, strings.Join(cols, " "))
	}
	if want := "a:0 b:1/c:1 d:2/e:1 f:2/g:0 h:1"; strings.Join(got, "/") != want {
		t.Errorf("columns %q, want %q", strings.Join(got, "/"), want)
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{"<h1>a</h1><table><tr><td rowspan=2>x<td>y</table>", "<ol><li>a<ol><li>b</ol></ol><dl><dt>k<dd>v</dl>", "<p>a&nbsp; b</p>"} {
		f.Add(s)
	}
	fuzzseed.AddString(f, 128<<10, "html/*")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // corpus decodes every file to UTF-8 first
		}
		r, err := Read(context.Background(), s)
		if err != nil {
			if strings.Contains(err.Error(), "block") {
				t.Fatal(err)
			}
			return
		}
		if err := blocks.Check(r.Text, r.Blocks); err != nil {
			t.Fatal(err)
		}
	})
}
