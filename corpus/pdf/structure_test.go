package pdf

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus/blocks"
)

// styledDoc builds pages with two fonts: /F1 (Helvetica) and /F2
// (Helvetica-Bold), every glyph 500 units wide and the space 250.
func styledDoc(contents ...string) []byte {
	f := &pdfFile{}
	f.add("<< /Type /Catalog /Pages 2 0 R >>")
	f.add("")
	widths := strings.TrimSpace(strings.Repeat("500 ", 224))
	widths = "250" + widths[3:]
	regular := f.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [%s] >>", widths))
	bold := f.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [%s] >>", widths))
	var kids []string
	for _, c := range contents {
		cs := f.add(stream(c, false))
		p := f.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>", cs, regular, bold))
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	f.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return f.bytes()
}

// show writes text at x, y in font font (F1 or F2) of size size.
func show(font string, size, x, y float64, text string) string {
	return fmt.Sprintf("BT /%s %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET\n", font, size, x, y, text)
}

// row writes cells at the columns x = 50, 250, 400 on baseline y.
func row(y float64, cells ...string) string {
	var b strings.Builder
	for i, c := range cells {
		if c != "" {
			b.WriteString(show("F1", 11, []float64{50, 250, 400}[i], y, c))
		}
	}
	return b.String()
}

func TestPageBlocks(t *testing.T) {
	page1 := show("F1", 18, 50, 800, "Verwerkersovereenkomst") +
		show("F1", 11, 50, 770, "Artikel 1 Definities") +
		show("F1", 11, 50, 755, "Verwerker verwerkt gegevens in opdracht van de school.") +
		show("F2", 11, 50, 725, "Subverwerkers") +
		row(705, "Naam", "Land", "Doel") +
		row(690, "Wolkdienst B.V.", "Ierland", "Hosting") +
		row(671, "Mailbode Cloud") + row(665, "", "VS", "E-mail") + row(659, "Services Inc.") +
		show("F1", 9, 50, 30, "Vertrouwelijk - pagina 1")
	page2 := row(800, "Naam", "Land", "Doel") +
		row(785, "Nordwolke NV", "Duitsland", "Back-ups") +
		show("F1", 11, 50, 750, "Product: Rekenroute") +
		show("F1", 11, 50, 720, "Wij schakelen in:") +
		show("F1", 11, 80, 705, "Wolkdienst B.V. (Ierland)") +
		show("F1", 11, 80, 690, "Mailbode Inc. (VS)") +
		row(660, "BIV", "Beschikbaarheid=H,") + row(647, "", "Integriteit=M") +
		show("F1", 11, 50, 610, "Naam leverancier") + show("F1", 11, 140, 610, "Cijfertuin B.V.") +
		show("F1", 11, 50, 595, "KvK") + show("F1", 11, 140, 595, "61712290") +
		show("F1", 9, 50, 30, "Vertrouwelijk - pagina 2")
	res, err := ReadBytes(context.Background(), styledDoc(page1, page2), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for i, p := range res.Pages {
		if err := blocks.Check(p.Text, p.Blocks); err != nil {
			t.Fatalf("page %d: %v\n%s", i+1, err, blocks.Dump(p.Text, p.Blocks))
		}
		got.WriteString(blocks.Dump(p.Text, p.Blocks))
	}
	want := `p0 heading h1 "Verwerkersovereenkomst"
p0 heading h2 [Artikel 1] "Definities"
p0 paragraph "Verwerker verwerkt gegevens in opdracht van de school."
p0 heading h4 "Subverwerkers"
p0 table 3 rows, 1 header
  row 0: "Naam" "Land" "Doel"
  row 1: "Wolkdienst B.V." "Ierland" "Hosting"
  row 2: "Mailbode Cloud Services Inc." "VS" "E-mail"
p0 paragraph "Vertrouwelijk - pagina 1"
p0 table 2 rows, 1 header
  row 0: "Naam" "Land" "Doel"
  row 1: "Nordwolke NV" "Duitsland" "Back-ups"
p0 label "Product" = "Rekenroute"
p0 paragraph "Wij schakelen in:"
p0 list-item depth=0 "Wolkdienst B.V. (Ierland)"
p0 list-item depth=0 "Mailbode Inc. (VS)"
p0 table 1 rows, 0 header
  row 0: "BIV" "Beschikbaarheid=H, Integriteit=M"
p0 table 2 rows, 0 header
  row 0: "Naam leverancier" "Cijfertuin B.V."
  row 1: "KvK" "61712290"
p0 paragraph "Vertrouwelijk - pagina 2"
`
	if got.String() != want {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want)
	}
}
