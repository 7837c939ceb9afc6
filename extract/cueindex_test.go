package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestCueDict holds the automaton to strings.Index on words that overlap,
// nest and share prefixes and suffixes.
func TestCueDict(t *testing.T) {
	words := []string{"he", "she", "his", "hers", "bewaar", "bewaartermijn", "termijn", "aar", ".", "a.b", "de "}
	texts := []string{"", "h", "ushers", "hishershe", "bewaartermijnen en bewaarplicht", "de termijn. a.b.c. de de",
		"aaar", "ééhe\x80she", "HE she"}
	for _, text := range texts {
		x := newDocIndex(text)
		low := x.lower()
		for _, w := range words {
			for _, r := range [][2]int{{0, len(text)}, {1, len(text)}, {0, len(text) - 1}, {2, len(text) - 2}} {
				from, to := r[0], r[1]
				if from > to || from < 0 || to > len(text) {
					continue
				}
				ws := x.index(words).wordSet(&cuedRe{cues: []string{w}}, false)
				if got, want := ws.occurrences(from, to), occurrences(low[from:to], []string{w}); !slices.Equal(got, want) {
					t.Errorf("%q in %q[%d:%d]: %v, want %v", w, text, from, to, got, want)
				}
			}
		}
	}
}

// index returns x with its hits found by the automaton over words alone.
func (x *docIndex) index(words []string) *docIndex {
	y := newDocIndex(x.text)
	y.hitsOnce.Do(func() { y.findWith(newCueDict(words)) })
	return y
}

// TestDocIndexSameAsScan holds the index to strings.Index for the cue
// and needed words of every cued rule on the fixtures and corpus texts,
// over the whole text and stretches of it.
func TestDocIndexSameAsScan(t *testing.T) {
	d := cueWords()
	if len(d.words) < 100 {
		t.Fatalf("only %d cue words", len(d.words))
	}
	for _, p := range fixturesAndCorpus(t) {
		text := fixtureDocument(t, p).Text
		x := newDocIndex(text)
		low := x.lower()
		ranges := [][2]int{{0, len(text)}}
		for from := 0; from+3000 < len(text); from += 7919 {
			ranges = append(ranges, [2]int{from, from + 3000}, [2]int{from + 1, from + 1030}, [2]int{from + 5, from + 90})
		}
		for _, c := range cuedRules {
			if c.prepare(); c.cues == nil && c.needs == nil {
				continue
			}
			cues, needs := x.wordSet(c, false), x.wordSet(c, true)
			if c.cues != nil && cues == nil || c.needs != nil && needs == nil {
				t.Fatalf("%s: words unknown to the index", c)
			}
			for _, r := range ranges {
				if cues != nil {
					if got, want := cues.occurrences(r[0], r[1]), occurrences(low[r[0]:r[1]], c.cues); !slices.Equal(got, want) {
						t.Fatalf("%s: %s in [%d:%d]: %d positions, want %d", p, c, r[0], r[1], len(got), len(want))
					}
				}
				if needs != nil {
					want := false
					for _, w := range c.needs {
						want = want || strings.Contains(low[r[0]:r[1]], w)
					}
					if got := needs.holds(r[0], r[1]); got != want {
						t.Fatalf("%s: %s in [%d:%d]: holds %v, want %v", p, c, r[0], r[1], got, want)
					}
				}
			}
		}
		for _, r := range ranges {
			words := d.words[:min(len(d.words), 40)]
			got, ok := x.occurrences(r[0], r[1], words)
			if want := occurrences(low[r[0]:r[1]], words); !ok || !slices.Equal(got, want) {
				t.Fatalf("%s: words in [%d:%d]: %d positions (%v), want %d", p, r[0], r[1], len(got), ok, len(want))
			}
		}
		if _, ok := x.occurrences(0, len(text), []string{"no such cue word"}); ok {
			t.Fatal("an unknown word was looked up in the index")
		}
		if x.wordSet(&cuedRe{cues: []string{"no such cue word"}}, false) != nil {
			t.Fatal("an unknown word was looked up in the index")
		}
	}
}

// TestLiveIndex finds a live document's index for its text and the
// strings inside it, and for nothing else.
func TestLiveIndex(t *testing.T) {
	d := textDoc(strings.Repeat("Artikel 1 Verwerker\n", 10))
	text := d.text
	if x, off := liveIndex(text[20:40]); x != d.index || off != 20 {
		t.Errorf("liveIndex(text[20:40]) = %p, %d; want %p, 20", x, off, d.index)
	}
	if x, _ := liveIndex(strings.Clone(text[20:40])); x != nil {
		t.Error("a copy of the text is taken for the text")
	}
	if x, _ := liveIndex(""); x != nil {
		t.Error("the empty string is taken for the text")
	}
	d.release()
	if x, _ := liveIndex(text); x != nil {
		t.Error("a released document is still live")
	}
}
