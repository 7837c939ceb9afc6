package extract

import (
	"slices"
	"sort"
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

// TestParagraphSentences holds the sentences split paragraph by paragraph
// to those of the whole text, on the fixtures and corpus texts, their
// concatenation and texts with blank lines in odd places; and
// sentenceAround to the same search over the whole text's sentences.
func TestParagraphSentences(t *testing.T) {
	texts := []string{"", "\n\n", "Een.\n\nTwee", "a\r\n\r\nB. C.\n \t\n\nD e.f.\n\n", "Zie art.\n\n28 AVG. Mail a@b.nl.\n\nWij",
		"Kop\n\n- item een\n\n- item twee. En.", "De lijst...\n\nEn dan? Zo.\n\n\"Klaar.\"\n\nDaarna",
		// page breaks as dpa's documents hold them ("\f\n" between pages)
		"Acme B.V.\n\f\nDe verwerker. Zie art.\n\f\n28 AVG.\f\nVerder\n \f \n\f\nx", "Mail a@b.nl.\n\f\nWij. Eén\n\f\n\f\n\n- item\n\f\nArtikel 2"}
	var all strings.Builder
	for _, p := range fixturesAndCorpus(t) {
		text := fixtureDocument(t, p).Text
		texts = append(texts, text)
		all.WriteString(text + "\f\n")
	}
	texts = append(texts, all.String())
	for _, text := range texts {
		whole := sentenceSpans(text)
		d := textDoc(text)
		d.text = text // the text as given, whatever NewDocument makes of it
		var got [][2]int
		d.sentenceAround(0, 0)
		for k := range d.paras {
			got = append(got, d.paragraphSentences(k)...)
		}
		if !slices.Equal(got, whole) {
			for i := range min(len(got), len(whole)) {
				if got[i] != whole[i] {
					t.Fatalf("%q: sentence %d is %q, want %q", clip(text), i, text[got[i][0]:got[i][1]], text[whole[i][0]:whole[i][1]])
				}
			}
			t.Fatalf("%q: %d sentences, want %d", clip(text), len(got), len(whole))
		}
		for at := 0; at < len(text); at += 1 + len(text)/500 {
			for _, n := range []int{0, 5, 400} {
				end := min(at+n, len(text))
				s, e := d.sentenceAround(at, end)
				ws, we := aroundIn(whole, at, end)
				if s != ws || e != we {
					t.Fatalf("%q: sentenceAround(%d, %d) = %d, %d; want %d, %d", clip(text), at, end, s, e, ws, we)
				}
			}
		}
		d.release()
	}
}

// aroundIn is sentenceAround over the sentences ss of the whole text.
func aroundIn(ss [][2]int, start, end int) (int, int) {
	i := sort.Search(len(ss), func(i int) bool { return ss[i][1] > start })
	if i == len(ss) || ss[i][0] > start {
		return start, end
	}
	s, e := ss[i][0], ss[i][1]
	for j := i + 1; j < len(ss) && e < end; j++ {
		e = ss[j][1]
	}
	return s, max(e, end)
}
