package odt

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
)

const ns = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"`

// styles are the automatic styles of the test documents: a heading style
// by name, a numbered list ("Artikel 1:") and a lettered one, bullets.
const styles = `<office:automatic-styles>
<style:style style:name="Kop" style:family="paragraph" style:parent-style-name="Heading_20_2"/>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"/>
<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-prefix="Artikel " style:num-suffix=":" style:num-format="1"/><text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="1" text:display-levels="2"/></text:list-style>
<text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-suffix=")" style:num-format="a"/></text:list-style>
<text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
</office:automatic-styles>`

func content(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` + ns + `>` + styles + `<office:body><office:text>` + body + `</office:text></office:body></office:document-content>`
}

func build(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		m := zip.Deflate
		if parts[i] == "mimetype" {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: parts[i], Method: m})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func odt(t testing.TB, body string) []byte {
	return build(t, "mimetype", MimeText, "content.xml", content(body))
}

func read(t *testing.T, data []byte) *Result {
	t.Helper()
	res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
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
		{"heading and paragraph",
			`<text:h text:outline-level="1">Verwerkersovereenkomst</text:h><text:p>Partijen komen <text:span>het volgende</text:span>overeen:<text:s text:c="2"/>a<text:tab/>b</text:p>`,
			"Verwerkersovereenkomst\nPartijen komen het volgendeovereen:  a\tb\n",
			`heading h1 "Verwerkersovereenkomst"`},
		{"heading by style name",
			`<text:p text:style-name="Kop">Subverwerkers</text:p>`,
			"Subverwerkers\n", `heading h2 "Subverwerkers"`},
		{"numbered headings continue their list",
			`<text:list xml:id="a" text:style-name="L1"><text:list-item><text:p text:style-name="Kop">Onderwerp</text:p></text:list-item></text:list>` +
				`<text:p>Tekst.</text:p>` +
				`<text:list text:continue-list="a" text:style-name="L1"><text:list-item><text:p text:style-name="Kop">Beveiliging</text:p><text:list><text:list-item><text:p>Lid een.</text:p></text:list-item></text:list></text:list-item></text:list>`,
			"Artikel 1: Onderwerp\nTekst.\nArtikel 2: Beveiliging\n2.1. Lid een.\n",
			`heading h2 [Artikel 1] "Onderwerp"`},
		{"lettered and bullet lists",
			`<text:list text:style-name="L2"><text:list-item><text:p>een</text:p></text:list-item><text:list-item text:start-value="4"><text:p>vier</text:p></text:list-item></text:list><text:list text:style-name="B"><text:list-item><text:p>punt</text:p></text:list-item></text:list>`,
			"a) een\nd) vier\n- punt\n",
			`list-item depth=0 [d)] "vier"`},
		{"table with spans, header and covered cells",
			`<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Naam</text:p></table:table-cell><table:table-cell><text:p>Land</text:p></table:table-cell></table:table-row></table:table-header-rows>` +
				`<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>Wolk B.V.</text:p></table:table-cell><table:table-cell><text:p>Nederland</text:p></table:table-cell></table:table-row>` +
				`<table:table-row><table:covered-table-cell/><table:table-cell><text:p>Duitsland</text:p></table:table-cell></table:table-row>` +
				`<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Alles</text:p><text:p>in de EER</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>`,
			"Naam | Land\nWolk B.V. | Nederland\nDuitsland\nAlles in de EER\n\n",
			"row 2: \"Duitsland\"@1"},
		{"notes at the end, text boxes after their paragraph",
			`<text:p>Zie noot<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>De noot.</text:p></text:note-body></text:note>. <draw:frame><draw:text-box><text:p>In een kader</text:p></draw:text-box></draw:frame>Klaar.</text:p>`,
			"Zie noot. Klaar.\nIn een kader\nDe noot.\n", `paragraph "In een kader"`},
		{"deleted text and comments are not text",
			`<text:tracked-changes><text:changed-region><text:deletion><text:p>weg</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p>blijft<office:annotation><text:p>opmerking</text:p></office:annotation></text:p>`,
			"blijft\n", `paragraph "blijft"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, odt(t, tt.body))
			if res.Text != tt.text {
				t.Errorf("text\n got %q\nwant %q", res.Text, tt.text)
			}
			if d := dumpCols(res); !strings.Contains(d, tt.dump) {
				t.Errorf("blocks lack %q:\n%s", tt.dump, d)
			}
		})
	}
}

// dumpCols is blocks.Dump with each cell's column added to its row line
// for the last cell ("@1").
func dumpCols(res *Result) string {
	d := blocks.Dump(res.Text, res.Blocks)
	for _, b := range res.Blocks {
		if b.Table == nil {
			continue
		}
		for i, r := range b.Table.Rows {
			if len(r.Cells) == 1 {
				d += "\nrow " + string(rune('0'+i)) + ": \"" + r.Cells[0].In(res.Text) + "\"@" + string(rune('0'+r.Cells[0].Col))
			}
		}
	}
	return d
}

func TestTableSpans(t *testing.T) {
	res := read(t, odt(t, `<table:table><table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>A</text:p></table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell></table:table-row><table:table-row><table:covered-table-cell/><table:table-cell><text:p>C</text:p></table:table-cell></table:table-row></table:table>`))
	tb := res.Blocks[0].Table
	if tb == nil || len(tb.Rows) != 2 {
		t.Fatalf("table: %s", blocks.Dump(res.Text, res.Blocks))
	}
	if a := tb.Rows[0].Cells[0]; a.RowSpan != 2 || a.Col != 0 {
		t.Errorf("A: %+v", a)
	}
	if c := tb.Rows[1].Cells[0]; c.Col != 1 || c.In(res.Text) != "C" {
		t.Errorf("C: %+v", c)
	}
}

func TestHeadersAndFooters(t *testing.T) {
	st := `<?xml version="1.0"?><office:document-styles ` + ns + `><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Kopregel</text:p></style:header><style:header-first><text:p>Kopregel</text:p></style:header-first><style:footer><text:p>Pagina <text:page-number>1</text:page-number></text:p></style:footer></style:master-page></office:master-styles></office:document-styles>`
	res := read(t, build(t, "mimetype", MimeText, "content.xml", content(`<text:p>Romp</text:p>`), "styles.xml", st))
	if res.Text != "Kopregel\nRomp\nPagina 1\n" {
		t.Errorf("text %q", res.Text)
	}
	if res.Blocks[0].Kind != blocks.Furniture || res.Blocks[2].Kind != blocks.Furniture {
		t.Errorf("blocks:\n%s", blocks.Dump(res.Text, res.Blocks))
	}
}

func TestErrors(t *testing.T) {
	big := []byte(content(strings.Repeat(`<text:p>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</text:p>`, 40000)))
	deep := strings.Repeat(`<text:list><text:list-item>`, maxDepth+1)
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want error
		not  string
	}{
		{"not a zip", []byte("PK\x03\x04 no"), Limits{}, ErrDamaged, ""},
		{"spreadsheet", build(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>"), Limits{}, nil, "OpenDocument spreadsheet"},
		{"no content", build(t, "mimetype", MimeText), Limits{}, nil, "without content.xml"},
		{"bad xml", build(t, "mimetype", MimeText, "content.xml", "<office:document-content"), Limits{}, ErrDamaged, ""},
		{"over the part limit", build(t, "mimetype", MimeText, "content.xml", string(big)), Limits{MaxPartBytes: 1 << 20}, ErrTooLarge, ""},
		{"too many entries", build(t, "a", "", "b", "", "c", ""), Limits{MaxEntries: 2}, ErrTooLarge, ""},
		{"lists too deep", odt(t, deep), Limits{}, ErrTooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)), tt.lim)
			var not *NotODTError
			switch {
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("error %v, want %v", err, tt.want)
			case tt.not != "" && (!errors.As(err, &not) || !strings.Contains(not.What, tt.not)):
				t.Errorf("error %v, want NotODTError %q", err, tt.not)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := odt(t, `<text:p>x</text:p>`)
	if _, err := Read(ctx, bytes.NewReader(data), int64(len(data)), Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// FuzzRead checks that no archive makes Read panic and that the blocks of
// what it reads keep their invariants.
func FuzzRead(f *testing.F) {
	f.Add(odt(f, `<text:h>Kop</text:h><text:list text:style-name="L1"><text:list-item><text:p>a</text:p></text:list-item></text:list>`))
	f.Add(odt(f, `<table:table><table:table-row><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="2"><text:p>a</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="9"><table:covered-table-cell table:number-columns-repeated="5"/><table:table-cell/></table:table-row></table:table>`))
	fuzzseed.Add(f, 128<<10, "odt/*", "bad/*.odt")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{MaxPartBytes: 1 << 20, MaxTotalBytes: 4 << 20})
		if err != nil {
			return
		}
		if err := blocks.Check(res.Text, res.Blocks); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzBody feeds arbitrary XML to the body reader through a valid archive.
func FuzzBody(f *testing.F) {
	f.Add(`<text:list text:style-name="L1"><text:list-item><text:p>a</text:p><text:list><text:list-item><text:p>b</text:p></text:list-item></text:list></text:list-item></text:list>`)
	f.Add(`<table:table><table:table-row><table:table-cell><table:table><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table></table:table-cell></table:table-row></table:table>`)
	f.Add(`<text:p><text:p>x</text:p><table:table><table:table-row><table:table-cell><text:p>y</text:p></table:table-cell></table:table-row></table:table></text:p>`)
	f.Fuzz(func(t *testing.T, body string) {
		data := odt(t, body)
		res, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
		if err != nil {
			return
		}
		if err := blocks.Check(res.Text, res.Blocks); err != nil {
			t.Fatal(err)
		}
	})
}
