package review

import (
	"reflect"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// TestDeviations reads the items of a deviations annex: the articles they
// name, the obligations they touch, whether they give a reason.
func TestDeviations(t *testing.T) {
	text := `Verwerkersovereenkomst Oefenveld

Artikel 8: Datalekken
1. Verwerker meldt een Datalek zonder onredelijke vertraging.

Bijlage 3: Afwijkingen van de Model Verwerkersovereenkomst
Artikel 8 lid 1: de meldtermijn is 48 uur, omdat de meldkamer alleen op werkdagen bemand is.
Artikel 16: Engels recht is van toepassing.
Subverwerkers worden per kwartaal gemeld
  in een nieuwsbrief, vanwege het aantal scholen.
`
	doc := corpus.NewDocument(corpus.Source{Path: "oefenveld.txt"}, []corpus.PageText{{Text: text}})
	rec := &extract.Record{Kind: "verwerkersovereenkomst", Source: doc.Source}
	rep := Review(doc, rec)
	checkEvidence(t, "oefenveld", doc.Text, rep)
	type item struct {
		arts, obls []string
		motivated  bool
	}
	var got []item
	for _, d := range rep.Deviations {
		got = append(got, item{d.Articles, d.Obligations, d.Motivated})
	}
	want := []item{
		{[]string{"8"}, []string{"breach_notification"}, true},
		{[]string{"16"}, []string{"applicable_law"}, false},
		{nil, []string{"subprocessor_consent", "subprocessor_flowdown"}, true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deviations\n got %+v\nwant %+v", got, want)
	}
	for _, f := range rep.Findings {
		if f.Obligation == "applicable_law" && (f.Motivated || len(f.Deviations) != 1) {
			t.Errorf("applicable_law: %+v, want one unmotivated deviation", f)
		}
		if f.Obligation == "subprocessor_consent" && (f.Status == Present || !f.Motivated) {
			t.Errorf("subprocessor_consent: %+v, want flagged and motivated", f)
		}
	}
}
