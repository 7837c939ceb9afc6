package review

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestWordSet holds the one-pass search of a word set to strings.Index
// word by word (offsetsOf): every occurrence of every word, overlapping
// ones and words inside words too. It tries the vocabulary on the cue
// texts, the odd ones and random strings of its own bytes, and a set of
// words that overlap each other on random strings of two letters.
func TestWordSet(t *testing.T) {
	texts := cueTexts(t)
	for k, v := range oddTexts {
		texts["odd "+k] = v
	}
	v := theVocabulary()
	if len(v.words) < 100 {
		t.Errorf("the vocabulary has %d words", len(v.words))
	}
	r := rand.New(rand.NewPCG(1, 2))
	bytes := strings.Join(v.words, "") + " \n.É"
	for i := range 20 {
		var b strings.Builder
		for range 2000 {
			if r.IntN(8) == 0 {
				b.WriteString(v.words[r.IntN(len(v.words))])
				continue
			}
			b.WriteByte(bytes[r.IntN(len(bytes))])
		}
		texts["random "+string(rune('a'+i))] = b.String()
	}
	for name, s := range texts {
		low := lowerASCIIString(s)
		occ := v.scan(low)
		for id, w := range v.words {
			if got, want := occ.of(int32(id)), offsetsOf(low, w); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%s: %q at %v, strings.Index %v", name, w, got, want)
			}
		}
	}
	small := newWordSet([]string{"a", "aa", "aba", "b", "bab", "abab", "baa", "", "aa"})
	if len(small.words) != 7 {
		t.Errorf("words %q, want 7 without the empty and the repeated one", small.words)
	}
	for i := range 200 {
		var b strings.Builder
		for range i {
			b.WriteByte("abc"[r.IntN(3)])
		}
		occ := small.scan(b.String())
		for id, w := range small.words {
			if got, want := occ.of(int32(id)), offsetsOf(b.String(), w); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%q: %q at %v, strings.Index %v", b.String(), w, got, want)
			}
		}
	}
}
