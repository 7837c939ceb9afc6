package review

import (
	"reflect"
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

// reviewText reviews text as one page of an agreement whose record says
// only its kind (the fields' checks aside, the review reads the text).
func reviewText(t *testing.T, name, text string) *Report {
	t.Helper()
	doc := corpus.NewDocument(corpus.Source{Path: name + ".txt"}, []corpus.PageText{{Text: text}})
	rep := Review(doc, &extract.Record{Kind: "verwerkersovereenkomst", Source: doc.Source})
	checkEvidence(t, name, doc.Text, rep)
	return rep
}

// TestSectionsFor holds sectionsFor, which looks up the heading patterns
// in the text's cue index, to the plain rule: the sections other than the
// title and the party block, not empty, whose heading matches the
// obligation's Section pattern, articles of the agreement only for an
// obligation of its articles.
func TestSectionsFor(t *testing.T) {
	texts := cueTexts(t)
	for k, v := range oddTexts {
		texts["odd "+k] = v
	}
	texts["toc"] = "Inhoud\nArtikel 2: Onderwerp\nArtikel 12: Bewaartermijn\n\nArtikel 2: Onderwerp\nDe Verwerker \u212aent de opdracht.\nArtikel 12: BEËINDIGING en Bewaartermijn\nNa afloop.\nBijlage 1: Privacy-bijsluiter\nDoeleinden."
	for name, s := range texts {
		doc := corpus.NewDocument(corpus.Source{Path: name}, []corpus.PageText{{Text: s}})
		c := newCheck(doc, &extract.Record{})
		for _, o := range Obligations() {
			var want []span
			for _, sec := range c.sections {
				if sec.Kind == extract.SectionTitle || sec.Kind == extract.SectionParties || o.Section == nil {
					continue
				}
				if o.Scope == ScopeAgreement && (sec.Kind != extract.SectionArticle || sec.Start >= c.bodyEnd) {
					continue
				}
				if blank(s[sec.Start:sec.End], sec.Heading) || !o.Section.MatchString(sec.Heading) {
					continue
				}
				want = append(want, span{sec.Start, sec.End, sec.Heading})
			}
			if got := c.sectionsFor(o); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s: sections %v, want %v", name, o.ID, got, want)
			}
		}
	}
}
