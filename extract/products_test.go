package extract

import (
	"reflect"
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
