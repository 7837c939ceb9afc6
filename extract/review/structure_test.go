package review

import (
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// TestPDFShapes reviews the shapes a PDF's text takes: a table of
// contents whose entries look like article headings, and a sentence
// wrapped so that a line starts with "Bijlage 3." inside an article. The
// articles after that line are still articles.
func TestPDFShapes(t *testing.T) {
	text := `Verwerkersovereenkomst Oefenveld
Artikel 7: Beveiliging en controle | 10
Artikel 11: Inschakeling Subverwerker | 16

Artikel 7: Beveiliging en controle
1. Wat Partijen afspreken over maatregelen staat in
Bijlage 3.
2. Onderwijsinstelling mag een audit laten uitvoeren.

Artikel 11: Inschakeling Subverwerker
1. Verwerker licht Onderwijsinstelling in over een voorgenomen nieuwe Subverwerker; zij kan bezwaar maken.

Bijlage 1: Privacybijsluiter
Subverwerkers: zie de lijst.
`
	doc := corpus.NewDocument(corpus.Source{Path: "oefenveld.pdf"}, []corpus.PageText{{Text: text}})
	rep := Review(doc, &extract.Record{Kind: "verwerkersovereenkomst", Source: doc.Source})
	checkEvidence(t, "oefenveld", doc.Text, rep)
	for _, f := range rep.Findings {
		if (f.Obligation == "audit" || f.Obligation == "subprocessor_consent") && f.Status != Present {
			t.Errorf("%s: %s (%s; looked in %s), want present", f.Obligation, f.Status, f.Reason, f.LookedIn)
		}
	}
}
