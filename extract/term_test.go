package extract

import (
	"reflect"
	"testing"
)

// TestRunOpenedSameAsRegexp holds the rule found from the word after its
// opening run to its plain regexp, on the fixtures (and corpus texts when
// present) and on texts made to trip the shortcut.
func TestRunOpenedSameAsRegexp(t *testing.T) {
	texts := []string{
		"",
		"eindigt",
		"De overeenkomst eindigt van rechtswege wanneer de licentieovereenkomst eindigt.",
		"(Verwerkersovereenkomst)\u00a0 EINDIGT van rechtswege zodra de Hoofdovereenkomst eindigt.",
		"x-overeenkomst eindigt niet. De overeenkomst\neindigt van rechtswege bij de beëindiging van de Dienstenovereenkomst.",
		"overeenkomsteindigt van rechtswege wanneer de overeenkomst",
		"é\xe2\x80overeenkomst eindigt van rechtswege wanneer de overeenkomst",
		"overeen\u212aomst eindigt van rechtswege wanneer de overeenkomst",
		"overeenkomst overeenkomst eindigt eindigt van rechtswege op het moment dat de Licentieovereenkomst",
		"overeenkomst-overeenkomst eindigt van rechtswege wanneer de overeenkomst",
	}
	for _, p := range fixturesAndCorpus(t) {
		texts = append(texts, fixtureDocument(t, p).Text)
	}
	for _, s := range texts {
		got, want := termEndsWithRe.find(s, lowerString(s)), termEndsWithRe.re.FindStringSubmatchIndex(s)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("on %q: %v, want %v", clip(s), got, want)
		}
	}
}
