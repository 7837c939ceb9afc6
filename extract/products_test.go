package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// TestInlineLabelProducts reads the product label out of label lines that
// an HTML paragraph ran together.
func TestInlineLabelProducts(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"last label", "Verwerker: Acme Leren B.V. Adres: Markt 1, 1234 AB Stad Producten: Rekenreis, Taalreis", []string{"Rekenreis", "Taalreis"}},
		{"label follows", "Verwerker: Acme Leren B.V. Product: Rekenreis KvK-nummer: 12345678", []string{"Rekenreis"}},
		{"no product label", "Verwerker: Acme Leren B.V. Adres: Markt 1", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := corpus.NewDocument(corpus.Source{Path: "x.html"}, []corpus.PageText{{Text: tc.text}})
			doc.Blocks = []corpus.Block{{Kind: corpus.BlockLabel, Span: corpus.Span{End: len(tc.text)}, Text: corpus.Span{End: len(tc.text)},
				Label: corpus.Span{End: len("Verwerker")}, Value: corpus.Span{Start: len("Verwerker: "), End: len(tc.text)}}}
			var got []string
			for _, c := range inlineLabelProducts(newDoc(doc), "Acme Leren") {
				if tc.text[c.Start:c.End] != c.Text {
					t.Errorf("evidence %q is not text[%d:%d]", c.Text, c.Start, c.End)
				}
				got = append(got, c.Text)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("inlineLabelProducts = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestFlatTableProducts reads a product table a PDF flattened into a
// header line and one paragraph per row.
func TestFlatTableProducts(t *testing.T) {
	lines := []string{
		"Product | Description",
		"Rekenreis adaptive sums for primary schools",
		"Taalreis Plus spoken dictations",
		"Processor processes personal data under the AVG.",
	}
	text := strings.Join(lines, "\n")
	doc := corpus.NewDocument(corpus.Source{Path: "x.pdf"}, []corpus.PageText{{Text: text}})
	off := 0
	for i, l := range lines {
		kind := corpus.BlockParagraph
		if i == 0 {
			kind = corpus.BlockLabel
		}
		doc.Blocks = append(doc.Blocks, corpus.Block{Kind: kind, Span: corpus.Span{Start: off, End: off + len(l)}, Text: corpus.Span{Start: off, End: off + len(l)}})
		off += len(l) + 1
	}
	var got []string
	for _, c := range flatTableProducts(newDoc(doc), "Acme") {
		if text[c.Start:c.End] != c.Text {
			t.Errorf("evidence %q is not text[%d:%d]", c.Text, c.Start, c.End)
		}
		got = append(got, c.Text)
	}
	if want := []string{"Rekenreis", "Taalreis Plus"}; !reflect.DeepEqual(got, want) {
		t.Errorf("flatTableProducts = %q, want %q", got, want)
	}
}

// TestEndsInColon holds the pre-check to productListIntroRe: a line it
// turns away has no match (fixtures' lines, generated cases).
func TestEndsInColon(t *testing.T) {
	pieces := []string{"producten", "Diensten", "modules", "leermiddelen", ":", " ", "\t", "\u00a0", "\u2003", "\n", "\r", "x", "é"}
	for _, l := range append(fixtureLines(t), oddStrings(pieces, 20000, 6)...) {
		if !endsInColon(l) && productListIntroRe.MatchString(l) {
			t.Errorf("endsInColon turns away %q, which productListIntroRe matches", l)
		}
	}
	if !endsInColon("Het betreft de volgende producten:\u00a0 ") || endsInColon("producten: Rekenreus") {
		t.Error("endsInColon: wrong on the examples")
	}
}

// TestDefinitionMatches holds the hand search to definitionRe on the
// fixture and corpus texts, their lines and generated odd cases.
func TestDefinitionMatches(t *testing.T) {
	texts := fixtureLines(t)
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	pieces := []string{"(", ")", "hierna", "HIERNA", "Hereinafter", " ", "\n", "\u00a0", "“", "”", "\"", "'", ":", ",",
		"de ", "Dienst", "app", "diensten", "genoemd", " te noemen", "*", "_", "x", "Rekenreus ", "é", "\xe2\x80"}
	texts = append(texts, oddStrings(pieces, 30000, 9)...)
	// and whole definitions, run together, split and with odd white space
	whole := []string{"Rekenreus ", "“", "\"", " ", "\n", "\u00a0", "(", ")", " (hierna: de Dienst)", "“(hierna “app”)",
		"(hereinafter called the Service)", " (hierna te noemen: het Product) ", "(Hierna:\n“Software”\n)", "hierna", ": ", "de ", "Dienst"}
	texts = append(texts, oddStrings(whole, 30000, 6)...)
	for _, s := range texts {
		got, want := definitionMatches(s, lowerString(s)), definitionRe.FindAllStringIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("definitionMatches(%q) = %v, want %v", clip(s), got, want)
		}
	}
}

// TestIsColumnWordIsTheRule holds isColumnWord to columnWordRe on the
// fixtures' lines and on generated ones, with the runes (?i) folds to an
// ASCII letter.
func TestIsColumnWordIsTheRule(t *testing.T) {
	pieces := []string{"Omschrijving", "naam", "NAAM", "opmerking", "en", "EN", "type", "\u017foort", "\u212a", "Prij", "s",
		"price", "Details", " ", ":", "x", "é", "version", "s", "categorie", "doel"}
	sameAsRule(t, pieces, isColumnWord, columnWordRe.MatchString)
}
