package layouts

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/testdata/layoutgen"
)

var printRegister = flag.Bool("register.print", false, "print the register agreement's PDF with Chromium into testdata/register")

// registerDoc is an invented agreement with what the register reads beyond
// the contract's fields: purposes per product, a filled two-column
// signature block and a term with start, duration, renewal and notice.
func registerDoc() layoutgen.Doc {
	var bs []layoutgen.Block
	h2 := func(s string) { bs = append(bs, layoutgen.Block{Kind: layoutgen.Heading, Level: 2, Text: s}) }
	h3 := func(s string) { bs = append(bs, layoutgen.Block{Kind: layoutgen.Heading, Level: 3, Text: s}) }
	p := func(s string) { bs = append(bs, layoutgen.Block{Kind: layoutgen.Paragraph, Text: s}) }
	item := func(n int, s string) {
		bs = append(bs, layoutgen.Block{Kind: layoutgen.Item, Format: "bullet", Number: n, Text: s})
	}
	bs = append(bs, layoutgen.Block{Kind: layoutgen.Title, Text: "Verwerkersovereenkomst Klokwerk"})
	p("(conform Model Verwerkersovereenkomst 4.0 behorend bij het Convenant Digitale Onderwijsmiddelen en Privacy 4.0)")
	p("Partijen:")
	bs = append(bs, layoutgen.Block{Kind: layoutgen.Item, Format: "decimal", Number: 1, Text: "Het bevoegd gezag van Stichting Scholengroep Rivierenland, hierna te noemen: 'Onderwijsinstelling',"})
	bs = append(bs, layoutgen.Block{Kind: layoutgen.Item, Format: "decimal", Number: 2, Text: "Klokwerk Leermiddelen B.V., ingeschreven bij de Kamer van Koophandel onder nummer 71234598, gevestigd en kantoorhoudende aan de Wijzerplaat 4, te 8011 AB Zwolle, hierna te noemen: 'Verwerker',"})
	bs = append(bs, layoutgen.Block{Kind: layoutgen.Heading, Level: 2, Article: 1, Text: "Duur en beëindiging"})
	p("Deze Verwerkersovereenkomst treedt in werking op 1 augustus 2024 en wordt aangegaan voor de duur van twee jaar. Daarna wordt zij stilzwijgend verlengd met telkens een jaar.")
	p("Elke Partij kan de Verwerkersovereenkomst opzeggen met inachtneming van een opzegtermijn van drie maanden.")
	p("Aldus overeengekomen en in tweevoud ondertekend,")
	bs = append(bs, layoutgen.Block{Kind: layoutgen.Table, Rows: [][]string{
		{"Onderwijsinstelling", "Verwerker"},
		{"Naam: A. de Wit", "Naam: B. Kok"},
		{"Functie: bestuurder", "Functie: directeur"},
		{"Plaats: Tiel", "Plaats: Zwolle"},
		{"Datum: 2 september 2024", "Datum: 28 augustus 2024"},
	}, HeaderRows: 1})
	h2("Bijlage 1: Privacybijsluiter Klokwerk")
	h3("B. Doeleinden van de verwerking")
	item(1, "het bijhouden van leer- en toetsresultaten;")
	item(2, "het verlenen van toegang aan leerlingen en docenten;")
	h3("C. Categorieën Persoonsgegevens")
	p("Van leerlingen: voornaam, achternaam, groep en toetsresultaten.")
	return layoutgen.Doc{Name: "Verwerkersovereenkomst Klokwerk", Blocks: bs}
}

// registerPDF is the register agreement printed by Chromium (-register.print).
var registerPDF = "../../testdata/register/signature-term.pdf"

// TestRegisterFields reads the register agreement in every format and
// checks purposes, signature and term.
func TestRegisterFields(t *testing.T) {
	doc := registerDoc()
	dir := t.TempDir()
	files := map[string]string{"text": filepath.Join(dir, "r.txt"), "html": filepath.Join(dir, "r.html"), "docx": filepath.Join(dir, "r.docx"), "pdf": registerPDF}
	for format, data := range map[string][]byte{"text": layoutgen.Text(doc), "html": layoutgen.HTML(doc), "docx": layoutgen.DOCX(doc)} {
		if err := os.WriteFile(files[format], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *printRegister {
		chromium := layoutgen.Chromium()
		if chromium == "" {
			t.Fatal("no Chromium to print the PDF with")
		}
		if err := layoutgen.PrintPDF(context.Background(), chromium, files["html"], registerPDF); err != nil {
			t.Fatal(err)
		}
	}
	str := func(s string) *string { return &s }
	yes := true
	wantTerm := extract.Term{Start: str("2024-08-01"), Duration: str("P2Y"), End: str("2026-07-31"), EndComputed: true, Notice: str("P3M"), AutoRenewal: &yes}
	wantParties := []extract.SignatureParty{
		{Role: "Onderwijsinstelling", Name: str("A. de Wit"), Function: str("bestuurder"), Place: str("Tiel"), Date: str("2024-09-02"), Filled: true},
		{Role: "Verwerker", Name: str("B. Kok"), Function: str("directeur"), Place: str("Zwolle"), Date: str("2024-08-28"), Filled: true},
	}
	wantPurposes := []string{"het bijhouden van leer- en toetsresultaten", "het verlenen van toegang aan leerlingen en docenten"}
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			d, err := corpus.Open(context.Background(), corpus.File{Path: files[format], Paths: []string{files[format]}}, corpus.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := extract.Extract(d)
			if !reflect.DeepEqual(r.Term, wantTerm) {
				t.Errorf("term: got %+v, want %+v", show(r.Term), show(wantTerm))
			}
			if !reflect.DeepEqual(r.Signature.Parties, wantParties) {
				t.Errorf("signature parties: got %v, want %v", show(r.Signature.Parties), show(wantParties))
			}
			if r.Signature.Signed == nil || !*r.Signature.Signed || r.Signature.SignedDate == nil || *r.Signature.SignedDate != "2024-09-02" {
				t.Errorf("signed %v on %v (%s), want true on 2024-09-02", show(r.Signature.Signed), show(r.Signature.SignedDate), r.Signature.Reason)
			}
			var got []string
			for _, p := range r.Purposes {
				got = append(got, p.Text)
			}
			if !reflect.DeepEqual(got, wantPurposes) {
				t.Errorf("purposes: got %q, want %q", got, wantPurposes)
			}
			for path, evs := range r.Evidence {
				for _, ev := range evs {
					if d.Text[ev.Start:ev.End] != ev.Quote {
						t.Errorf("%s: quote %q is not the text at [%d, %d)", path, ev.Quote, ev.Start, ev.End)
					}
				}
			}
		})
	}
}

// show renders a value as JSON, pointers followed, for a failure message.
func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(data)
}
