package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/normalize"
)

// scanTexts are the fixture agreements, the layout texts and texts made to
// hit the edges of the shortcuts storageHits and sectionEnd take.
func scanTexts(t *testing.T) []string {
	texts := []string{
		"", "\n", "1. Doel\n", "  # 12 BEWAARTERMIJN\n", "\u00a03. Beveiliging\n", "\t*4.\tDoel en middelen", "x 5. Doel\n",
		"1. Doel\r\n2. Looptijd\n", "LOCATİE van opslag: Nederland\n", "Locatie van opslag: Ierland\r\nPlaats: Dublin",
		"De gegevens worden in Nederland\nopgeslagen.", "in de Verenigde Staten bewaard", "binnen de EU verwerkt",
		"Gegevens worden in Duitsland en lange tekst die meer dan veertig tekens telt opgeslagen",
		"Het \u212aelvin-teken: in Nederland opgeslagen", "in Ierland verwerkt\nin Frankrijk gehost\n\nin Spanje bewaard",
		"12. Doel-en Middelen\n1.2 Doel\n3 Doel, en\n123 Doel\n4.\u00a0Beveiliging\n5. Geheimhouding & Privacy\n6 Looptijd\u00a0\n7. Dóel\n",
	}
	paths, _ := filepath.Glob("../testdata/agreements/*.txt")
	more, _ := filepath.Glob("../testdata/layouts/*.txt")
	for _, p := range append(paths, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if len(texts) < 30 {
		t.Fatalf("only %d texts", len(texts))
	}
	return texts
}

// TestClauseHeadsMatchRule holds clauseHeads, which tries the rule only on
// lines that open with a number, to the rule run over the whole text.
func TestClauseHeadsMatchRule(t *testing.T) {
	found := 0
	for _, text := range scanTexts(t) {
		want := []int{}
		for _, m := range clauseHeadingRe.FindAllStringIndex(text, -1) {
			if isClauseHeading(text[m[0]:m[1]]) {
				want = append(want, m[0])
			}
		}
		found += len(want)
		if got := clauseHeads(text); !reflect.DeepEqual(got, want) {
			t.Errorf("clauseHeads(%.60q…) = %v, the rule gives %v", text, got, want)
		}
	}
	if found < 20 {
		t.Errorf("only %d clause headings in the texts", found)
	}
}

// TestStoreLabelLines holds storeLabelLines to storeLabelCue tried on
// every line.
func TestStoreLabelLines(t *testing.T) {
	found := 0
	for _, text := range scanTexts(t) {
		d := newDoc(&corpus.Document{Text: text})
		var want []Line
		for _, l := range d.lines(0, len(text)) {
			if storeLabelCue(l.Text) {
				want = append(want, l)
			}
		}
		found += len(want)
		if got := d.storeLabelLines(); !reflect.DeepEqual(got, want) {
			t.Errorf("storeLabelLines(%.60q…) = %v, want %v", text, got, want)
		}
		d.release()
	}
	if found < 50 {
		t.Errorf("only %d lines with a storage label's word", found)
	}
}

// TestVerbLastLocations checks that verbLastLocations keeps, in order,
// every location of the whole text that a storage verb follows within 40
// bytes, and gives only locations of the whole text.
func TestVerbLastLocations(t *testing.T) {
	found := 0
	for _, text := range scanTexts(t) {
		d := newDoc(&corpus.Document{Text: text})
		all := normalize.Locations(text)
		got := d.verbLastLocations()
		var want []normalize.Mention
		for _, m := range all {
			if storeVerbAfterRe.MatchString(text[m.End:min(len(text), m.End+40)]) {
				want = append(want, m)
			}
		}
		var kept []normalize.Mention
		k := 0
		for _, m := range got {
			for k < len(all) && all[k] != m {
				k++
			}
			if k == len(all) {
				t.Fatalf("verbLastLocations(%.60q…) gives %v, not a location of the text in order", text, m)
			}
			if storeVerbAfterRe.MatchString(text[m.End:min(len(text), m.End+40)]) {
				kept = append(kept, m)
			}
		}
		found += len(want)
		if !reflect.DeepEqual(kept, want) {
			t.Errorf("verbLastLocations(%.60q…) keeps %v, want %v", text, kept, want)
		}
		d.release()
	}
	if found < 10 {
		t.Errorf("only %d locations before a storage verb", found)
	}
}

// subNameEndRe is the rule subNameEnd replaces; they must agree.
var subNameEndRe = normalize.Lazy(`\s*[,;:(\[]|\s+[–—-]\s|\s+(?:is|zijn|doet|verzorgt|levert|leveren|wordt|worden|biedt|gevestigd|te|uit|vanuit|voor|in|met|als|die|dat|welke|verwerkt|ten\s+behoeve|t\.b\.v\.|heeft|zorgt|host|hosts|houdt|beheert|stelt|maakt|ondersteunt|verstuurt|levert|provides|is|for|located|based)\s|\.\s*$|\.\s+[A-Z]`)

// TestSubNameEndMatchesRule holds subNameEnd to subNameEndRe on every line
// of the texts, every rest of a line after a space, and edge cases.
func TestSubNameEndMatchesRule(t *testing.T) {
	lines := []string{"", ".", ". ", ".  A", ".a", ". a", "Acme.", "Acme. ", "Acme.\tB", "Acme  ,x", "Acme -x", "Acme - x", "Acme -\tx",
		"Acme – x", "Acme —x", "Acme \u2013\u00a0x", "Acme ten behoeve van", "Acme ten  behoeve\tvan", "Acme tenbehoeve x",
		"Acme ten behoeven x", "Acme t.b.v. x", "Acme t.b.v.x", "Acme is", "Acme is ", "Acme Is x", "Acme iss x", "Acme\nlevert x",
		"Acme (NL)", "Acme[1]", "Acme\u00a0is x", "Acme is\u00a0x", "Acme hosts\rx", "Acme basedx y", "Acme B.V. Delft"}
	for _, w := range strings.Fields("is zijn doet verzorgt levert leveren wordt worden biedt gevestigd te uit vanuit voor in met als " +
		"die dat welke verwerkt ten behoeve t.b.v. heeft zorgt host hosts houdt beheert stelt maakt ondersteunt verstuurt " +
		"provides for located based") {
		lines = append(lines, "Acme "+w+" x", "Acme "+w+"x y", "Acme "+w)
	}
	for _, text := range scanTexts(t) {
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, l)
			for i := 0; i < len(l) && len(l) < 200; i++ {
				if l[i] == ' ' {
					lines = append(lines, l[i+1:])
				}
			}
		}
	}
	found := 0
	for _, l := range lines {
		want := -1
		if m := subNameEndRe.FindStringIndex(l); m != nil {
			want = m[0]
			found++
		}
		if got := subNameEnd(l); got != want {
			t.Errorf("subNameEnd(%q) = %d, the rule gives %d", l, got, want)
		}
	}
	if found < 1000 {
		t.Errorf("only %d names end in the texts", found)
	}
}
