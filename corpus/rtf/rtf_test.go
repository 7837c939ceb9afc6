package rtf

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
)

const head = `{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times;}{\f1\fswiss\fcharset238 Arial CE;}}` +
	`{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}{\s2\sbasedon0 heading 2;}{\s7\sbasedon2 Artikelkop;}{\*\cs15 ListLabel;}}` +
	`{\info{\title Geheim}{\author Iemand}}`

func doc(body string) []byte { return []byte(head + body + `}`) }

func read(t *testing.T, data []byte) *Result {
	t.Helper()
	res, err := Read(context.Background(), data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if err := blocks.Check(res.Text, res.Blocks); err != nil {
		t.Fatalf("blocks: %v\n%s", err, blocks.Dump(res.Text, res.Blocks))
	}
	return res
}

func TestRead(t *testing.T) {
	tests := []struct {
		name, body, text, dump string
	}{
		{"paragraphs and code page", `\pard Verwerker verwerkt gegevens van de Onderwijsinstelling.\par\pard Co\'f6rdinatie en r\'e9gie\par`,
			"Verwerker verwerkt gegevens van de Onderwijsinstelling.\nCoördinatie en régie\n", `paragraph "Coördinatie en régie"`},
		{"a font's charset decodes its bytes", `\pard{\f1 Zd\'ecn\'eck}\par`, "Zděněk\n", `paragraph "Zděněk"`},
		{"unicode escapes skip their fallback", `\pard\uc1\u8364?\u8220"x\u8221"\uc2 \u-10179\u-8704??!\par`, "€“x”😀!\n", `paragraph "€“x”😀!"`},
		{"heading by outline level and by style", `\pard\outlinelevel0 Verwerkersovereenkomst\par\pard\s7 Subverwerkers\par`,
			"Verwerkersovereenkomst\nSubverwerkers\n", `heading h2 "Subverwerkers"`},
		{"list text is the item's label", `\pard\s0\ilvl1{\listtext\pard\plain a.\tab}Eerste lid\par`, "a. Eerste lid\n", `list-item depth=1 [a.] "Eerste lid"`},
		{"skipped groups and fields", `\pard{\*\bkmkstart x}Zie {\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt artikel 3}}{\v verborgen}.{\pict 0102}\par`,
			"Zie artikel 3.\n", `paragraph "Zie artikel 3."`},
		{"table with merged cells", `\pard Voor\par\trowd\clvmgf\cellx1000\cellx2000\pard\intbl Wolk B.V.\cell Nederland\cell\row` +
			`\trowd\clvmrg\cellx1000\cellx2000\pard\intbl\cell Ierland\cell\row` +
			`\trowd\clmgf\cellx1000\clmrg\cellx2000\pard\intbl Alles in de EER\cell\cell\row\pard Na\par`,
			"Voor\n\nWolk B.V. | Nederland\nIerland\nAlles in de EER\n\nNa\n", `row 0: "Wolk B.V."(1×2) "Nederland"`},
		{"headers first, notes and footers last", `{\header\pard Kopregel\par}\pard Tekst{\super\chftn}{\footnote\pard\plain De noot.}\par{\footer\pard Pagina 1\par}`,
			"Kopregel\nTekst\nDe noot.\nPagina 1\n", `furniture "Pagina 1"`},
		{"escaped braces and symbols", `\pard a\{b\}\\c\~d\emdash e\par`, "a{b}\\c\u00a0d—e\n", `paragraph`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, doc(tt.body))
			if res.Text != tt.text {
				t.Errorf("text\n got %q\nwant %q", res.Text, tt.text)
			}
			if d := blocks.Dump(res.Text, res.Blocks); !strings.Contains(d, tt.dump) {
				t.Errorf("blocks lack %q:\n%s", tt.dump, d)
			}
		})
	}
}

func TestTwoTablesApart(t *testing.T) {
	res := read(t, doc(`\trowd\cellx1\pard\intbl A\cell\row\pard\par\trowd\cellx1\pard\intbl B\cell\row\pard\par`))
	n := 0
	for _, b := range res.Blocks {
		if b.Kind == blocks.Table {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d tables, want 2:\n%s", n, blocks.Dump(res.Text, res.Blocks))
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		lim  Limits
		want error
	}{
		{"not rtf", "hello", Limits{}, ErrNotRTF},
		{"too deep", `{\rtf1` + strings.Repeat("{", 600), Limits{}, ErrTooLarge},
		{"too much text", `{\rtf1 ` + strings.Repeat("tekst ", 1000) + `}`, Limits{MaxTextBytes: 100}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Read(context.Background(), []byte(tt.data), tt.lim); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, doc(strings.Repeat(`\pard x\par`, 5000)), Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestTruncatedWarns(t *testing.T) {
	res, err := Read(context.Background(), []byte(`{\rtf1 {\b vet`), Limits{})
	if err != nil || len(res.Warnings) == 0 || !strings.Contains(res.Text, "vet") {
		t.Errorf("got %+v, %v; want the text and a warning", res, err)
	}
}

// FuzzRead checks that no input makes Read panic and that its blocks keep
// their invariants.
func FuzzRead(f *testing.F) {
	f.Add(doc(`\pard\outlinelevel1 Kop\par\trowd\clvmgf\cellx1\clmrg\cellx2\pard\intbl a\cell b\cell\row\pard{\listtext 1.\tab}x\u8364?\'e9\par`))
	f.Add(doc(`{\header x\par}\uc0\u-10179\u-8704{\footnote y}`))
	fuzzseed.Add(f, 128<<10, "rtf/*", "bad/*.rtf")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(context.Background(), data, Limits{MaxTextBytes: 1 << 20})
		if err != nil {
			return
		}
		if err := blocks.Check(res.Text, res.Blocks); err != nil {
			t.Fatal(err)
		}
	})
}
