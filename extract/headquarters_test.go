package extract

import (
	"reflect"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

func TestHeadquartersOf(t *testing.T) {
	tests := []struct {
		name string
		want *Headquarters
	}{
		{"Amazon Web Services EMEA SARL", &Headquarters{Country: "US", Provider: "Amazon Web Services", Parent: "Amazon.com, Inc.", ParentCountry: "US",
			Source: "gazetteer: Wikipedia: Amazon Web Services; aws.amazon.com/compliance/gdpr-center"}},
		{"Mollie B.V.", &Headquarters{Country: "NL", Provider: "Mollie", Source: "gazetteer: Wikipedia: Mollie (bedrijf)"}},
		{"Interxion Nederland B.V.", &Headquarters{Country: "NL", Provider: "Interxion", Parent: "Digital Realty Trust, Inc.", ParentCountry: "US",
			Source: "gazetteer: Wikipedia: Interxion"}},
		{"Wolkwerk Hosting B.V.", nil},
		{"Postduif Mail Inc.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := headquartersOf(tc.name); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("headquartersOf(%q) = %+v, want %+v", tc.name, got, tc.want)
			}
		})
	}
}

// TestHeadquartersKeepsCountries checks that a provider's head office is
// reported beside the document's own statements and never changes them:
// an agreement that places a US provider in Ireland keeps IE and says no
// data leaves the EEA.
func TestHeadquartersKeepsCountries(t *testing.T) {
	text := "Verwerkersovereenkomst\n\nArtikel 6 Subverwerkers\n\nVerwerker maakt gebruik van de volgende subverwerkers:\n" +
		"- Amazon Web Services EMEA SARL, hosting in Dublin, Ierland\n" +
		"- Wolkwerk Hosting B.V., back-ups in Nederland\n\n" +
		"Persoonsgegevens worden uitsluitend verwerkt binnen de Europese Economische Ruimte.\n"
	doc := corpus.NewDocument(corpus.Source{Path: "hq.txt", Format: corpus.FormatText}, []corpus.PageText{{Text: text}})
	r := Extract(doc)
	if len(r.Subprocessors) != 2 {
		t.Fatalf("sub-processors = %+v, want two", r.Subprocessors)
	}
	aws, wolk := r.Subprocessors[0], r.Subprocessors[1]
	if aws.Headquarters == nil || aws.Headquarters.Country != "US" {
		t.Errorf("%s: headquarters %+v, want US", aws.Name, aws.Headquarters)
	}
	if !reflect.DeepEqual(aws.Countries, []string{"IE"}) {
		t.Errorf("%s: countries %v, want the document's [IE]", aws.Name, aws.Countries)
	}
	if wolk.Headquarters != nil {
		t.Errorf("%s: headquarters %+v, want none for a provider the gazetteer does not know", wolk.Name, wolk.Headquarters)
	}
	if r.OutsideEEA == nil || *r.OutsideEEA {
		t.Errorf("outside_eea = %v, want the document's false", r.OutsideEEA)
	}
	for _, c := range r.OutsideEEACountries {
		if c == "US" {
			t.Errorf("outside_eea_countries %v: the head office leaked into the document's answer", r.OutsideEEACountries)
		}
	}
}
