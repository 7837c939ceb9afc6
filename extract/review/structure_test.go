package review

import (
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/testdata/modelgen"
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

// TestLowerCaseChangesLength reviews agreements holding a letter whose
// lower case is shorter or longer in UTF-8 (the Kelvin sign, İ, ẞ): the
// review of the weakening phrases looks in the lower-cased text, whose
// offsets are no longer the text's. It must still review, find what the
// plain agreement has and flag the weakened obligation.
func TestLowerCaseChangesLength(t *testing.T) {
	for _, c := range []modelgen.Case{{}, {Obligation: "subprocessor_consent", Mode: modelgen.Weakened}, {Obligation: "liability", Mode: modelgen.Weakened}} {
		text := string(modelgen.Text(modelgen.Render(1, c, modelgen.Options{})))
		plain := reviewText(t, modelgen.Describe(1, c), text)
		for _, odd := range []string{"\u212a", "İ", "ẞ"} {
			name := modelgen.Describe(1, c) + " " + odd
			rep := reviewText(t, name, odd+" "+text)
			for i, f := range rep.Findings {
				if p := plain.Findings[i]; f.Status != p.Status || f.Reason != p.Reason {
					t.Errorf("%s: %s is %s (%s), without %s %s (%s)", name, f.Obligation, f.Status, f.Reason, odd, p.Status, p.Reason)
				}
			}
		}
	}
}

// reviewText reviews text as one page, after extracting its record.
func reviewText(t *testing.T, name, text string) *Report {
	t.Helper()
	doc := corpus.NewDocument(corpus.Source{Path: name + ".txt"}, []corpus.PageText{{Text: text}})
	rep := Review(doc, extract.Extract(doc))
	checkEvidence(t, name, doc.Text, rep)
	return rep
}
