package extract

import (
	"strings"
	"testing"
)

// TestSentenceSpans shows where prose's segmenter serves Dutch text (multi-dot
// abbreviations such as o.a., B.V., t.b.v.) and where dpa's corrections are
// needed (art. 28, bijv., layout without full stops).
func TestSentenceSpans(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"o.a. is no break (prose)", "Verwerker verwerkt o.a. naam en e-mailadres. De school blijft verantwoordelijk.",
			[]string{"Verwerker verwerkt o.a. naam en e-mailadres.", "De school blijft verantwoordelijk."}},
		{"B.V. is no break (prose)", "Wolkenfabriek B.V. is gevestigd te Zwolle. Zij levert Rekenreus.",
			[]string{"Wolkenfabriek B.V. is gevestigd te Zwolle.", "Zij levert Rekenreus."}},
		{"t.b.v. and d.w.z. (prose)", "De gegevens worden bewaard t.b.v. de dienst, d.w.z. zo kort mogelijk. Daarna volgt verwijdering.",
			[]string{"De gegevens worden bewaard t.b.v. de dienst, d.w.z. zo kort mogelijk.", "Daarna volgt verwijdering."}},
		{"art. 28 (corrected)", "Zie art. 28 AVG voor de plichten van de verwerker. Daarnaast geldt art. 32 AVG.",
			[]string{"Zie art. 28 AVG voor de plichten van de verwerker.", "Daarnaast geldt art. 32 AVG."}},
		{"Pvt. Ltd. (corrected)", "Wij schakelen Rekenhuis Pvt. Ltd. in India in. Daarnaast Wolk B.V.",
			[]string{"Wij schakelen Rekenhuis Pvt. Ltd. in India in.", "Daarnaast Wolk B.V."}},
		{"bijv. (corrected)", "Dit geldt voor alle leerlingen, bijv. in groep 8. Het tweede lid geldt ook.",
			[]string{"Dit geldt voor alle leerlingen, bijv. in groep 8.", "Het tweede lid geldt ook."}},
		{"address ends a sentence (corrected)", "Neem contact op via help@voorbeeld.nl. Wij reageren binnen 24 uur.",
			[]string{"Neem contact op via help@voorbeeld.nl.", "Wij reageren binnen 24 uur."}},
		{"heading without full stop (layout)", "Artikel 3: Rolverdeling\nDe school is verantwoordelijk. Verwerker volgt instructies.",
			[]string{"Artikel 3: Rolverdeling", "De school is verantwoordelijk.", "Verwerker volgt instructies."}},
		{"list items (layout)", "De gegevens zijn:\n- naam\n- klas\nMeer niet.",
			[]string{"De gegevens zijn:", "- naam", "- klas", "Meer niet."}},
		{"table row (layout)", "Naam product en/of dienst\tRekenreus\nBeknopte uitleg\tEen app.",
			[]string{"Naam product en/of dienst\tRekenreus", "Beknopte uitleg\tEen app."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range sentenceSpans(tc.text) {
				got = append(got, tc.text[s[0]:s[1]])
			}
			if strings.Join(got, "¦") != strings.Join(tc.want, "¦") {
				t.Errorf("sentences:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
}

func TestSentenceAround(t *testing.T) {
	text := "Eerste zin over iets. Partijen wensen, gelet op art. 28 AVG, afspraken vast te leggen. Laatste zin."
	d := textDoc(text)
	at := strings.Index(text, "AVG")
	s, e := d.sentenceAround(at, at+3)
	if got := text[s:e]; got != "Partijen wensen, gelet op art. 28 AVG, afspraken vast te leggen." {
		t.Errorf("sentenceAround = %q", got)
	}
}
