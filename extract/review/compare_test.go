package review

import (
	"reflect"
	"testing"
)

// testModel is a model text made for the test, in the genre's shape.
const testModel = `Model Verwerkersovereenkomst (test)

Artikel 1: Vertrouwelijkheid
Verwerker houdt de Persoonsgegevens geheim.

Artikel 2: Datalekken
Verwerker meldt een Datalek binnen 24 uur aan Onderwijsinstelling.

Artikel 3: Medewerking
Verwerker helpt Onderwijsinstelling bij verzoeken van Betrokkenen.

Artikel 4: Aansprakelijkheid
Partijen regelen de aansprakelijkheid in de hoofdovereenkomst.
`

const testAgreement = `Bewerkersovereenkomst Oefenveld

Artikel 1: Vertrouwelijkheid
Verwerker houdt de Persoonsgegevens   geheim.

Artikel 2: Datalekken
Verwerker meldt een Datalek binnen 72 uur aan Onderwijsinstelling.

Artikel 3: Medewerking
Bewerker helpt de Onderwijsinstelling bij verzoeken van betrokkenen.

Artikel 4: Reclame
Verwerker stuurt geen reclame.
`

func TestCompare(t *testing.T) {
	got := map[string]Alignment{}
	var diffs = map[string][]Segment{}
	for _, d := range Compare(testModel, testAgreement, func(int) int { return 1 }) {
		got[d.Title] = d.Alignment
		diffs[d.Title] = d.Diff
	}
	want := map[string]Alignment{
		"Vertrouwelijkheid": Identical, "Datalekken": Substantive, "Medewerking": Editorial,
		"Aansprakelijkheid": MissingArticle, "Reclame": Added,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("alignments\n got %v\nwant %v", got, want)
	}
	wantDiff := []Segment{{"equal", "Verwerker meldt een Datalek binnen"}, {"delete", "24"}, {"insert", "72"}, {"equal", "uur aan Onderwijsinstelling."}}
	if !reflect.DeepEqual(diffs["Datalekken"], wantDiff) {
		t.Errorf("diff of Datalekken\n got %v\nwant %v", diffs["Datalekken"], wantDiff)
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want Alignment
	}{
		{"a b c", "a b c", Identical},
		{"zonder onredelijke vertraging", "*zonder onredelijke vertraging*", Editorial},
		{"De Verwerker meldt.", "de Verwerker meldt", Editorial},
		{"Verwerker meldt het", "Verwerker meldt het niet", Substantive},
		{"Verwerker informeert de school", "Verwerker licht de school in", Editorial},
		{"Verwerker mag dit", "Verwerker moet dit", Substantive},
		{"een twee drie", "vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien", Substantive},
	} {
		if got := classify(tc.a, tc.b, wordDiff(tc.a, tc.b)); got != tc.want {
			t.Errorf("%q → %q: %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}
