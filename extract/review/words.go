package review

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// The finders look up some three hundred words in each text: the cue words
// that open their patterns' matches, the words one of which a match needs,
// the anchors of the weakening phrases. A wordSet finds every occurrence of
// all of them in one pass over the text (an Aho–Corasick automaton), where
// a search per word cost a third of the review. A word outside the set (a
// pattern of a table given to ParseTable, a test's pattern) is searched on
// its own, with strings.Index.

// wordSet is an automaton that finds every occurrence of a fixed set of
// words in a text, overlapping ones too.
type wordSet struct {
	words []string
	ids   map[string]int32
	// class maps a byte to its class: 0 for a byte no word holds.
	class [256]uint8
	// next is the transition table: the state after state s reads a byte
	// of class c is next[s<<shift|c], in 16 bits to keep the table small
	// in the cache. State 0 is the start; the states
	// from firstEnd on are those where words end.
	next     []uint16
	shift    uint
	firstEnd int32
	// ends lists, for state s >= firstEnd, the words that end when it is
	// reached: ends[endAt[s-firstEnd]:endAt[s-firstEnd+1]].
	endAt []int32
	ends  []int32
}

// newWordSet returns the automaton of words (duplicates and empty words
// are dropped).
func newWordSet(words []string) *wordSet {
	ws := &wordSet{ids: map[string]int32{}}
	for _, w := range words {
		if _, ok := ws.ids[w]; ok || w == "" {
			continue
		}
		ws.ids[w] = int32(len(ws.words))
		ws.words = append(ws.words, w)
	}
	// byte classes: one for each byte a word holds
	n := 1
	for _, w := range ws.words {
		for i := 0; i < len(w); i++ {
			if ws.class[w[i]] == 0 {
				ws.class[w[i]] = uint8(n)
				n++
			}
		}
	}
	ws.shift = uint(bits.Len(uint(n - 1)))
	// the trie: child[s*n+c] is the state after s and c, 0 for none
	child := make([]int32, n)
	own := [][]int32{nil} // words ending at each state
	for id, w := range ws.words {
		s := int32(0)
		for i := 0; i < len(w); i++ {
			c := int32(ws.class[w[i]])
			if child[int(s)*n+int(c)] == 0 {
				child[int(s)*n+int(c)] = int32(len(own))
				child = append(child, make([]int32, n)...)
				own = append(own, nil)
			}
			s = child[int(s)*n+int(c)]
		}
		own[s] = append(own[s], int32(id))
	}
	// failure links, breadth first: child becomes the full transition
	// table, and each state's words those ending there or at its failure
	states := len(own)
	fail := make([]int32, states)
	ends := make([][]int32, states)
	queue := make([]int32, 0, states)
	for c := 0; c < n; c++ {
		if t := child[c]; t != 0 {
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		ends[s] = append(slices.Clone(own[s]), ends[fail[s]]...)
		for c := 0; c < n; c++ {
			t := child[int(s)*n+c]
			f := child[int(fail[s])*n+c]
			if t == 0 {
				child[int(s)*n+c] = f
				continue
			}
			fail[t] = f
			queue = append(queue, t)
		}
	}
	// number the states where no word ends first, so that a scan tells
	// the others by their number
	order := make([]int32, 0, states) // old numbers in the new order
	for s := range states {
		if len(ends[s]) == 0 {
			order = append(order, int32(s))
		}
	}
	ws.firstEnd = int32(len(order))
	for s := range states {
		if len(ends[s]) > 0 {
			order = append(order, int32(s))
		}
	}
	renum := make([]int32, states)
	for i, s := range order {
		renum[s] = int32(i)
	}
	if states > 1<<16 {
		// the vocabulary is the package's own: its tests meet this first
		panic("review: the finders' vocabulary has more than 65536 states")
	}
	ws.next = make([]uint16, states<<ws.shift)
	ws.endAt = []int32{0}
	for i, s := range order {
		for c := 0; c < n; c++ {
			ws.next[i<<ws.shift|c] = uint16(renum[child[int(s)*n+c]])
		}
		if int32(i) >= ws.firstEnd {
			ws.ends = append(ws.ends, ends[s]...)
			ws.endAt = append(ws.endAt, int32(len(ws.ends)))
		}
	}
	return ws
}

// occurrences are the offsets of the words of a wordSet in one text.
type occurrences struct {
	first []int32 // word id's are at[first[id]:first[id+1]], in order
	at    []int32
}

// of returns the offsets of word id.
func (o *occurrences) of(id int32) []int32 { return o.at[o.first[id]:o.first[id+1]] }

// words are lower-case words the finders look up in texts, with their
// ids in the vocabulary, found on first use.
type words struct {
	list []string
	once sync.Once
	ids  []int32 // -1 for a word outside the vocabulary
}

// newWords returns the words of list, nil for none.
func newWords(list []string) *words {
	if list == nil {
		return nil
	}
	return &words{list: list}
}

// vocabularyIDs returns the ids of ws.list in the vocabulary.
func (ws *words) vocabularyIDs() []int32 {
	ws.once.Do(func() {
		v := theVocabulary()
		ws.ids = make([]int32, len(ws.list))
		for i, w := range ws.list {
			ws.ids[i] = -1
			if id, ok := v.ids[w]; ok {
				ws.ids[i] = id
			}
		}
	})
	return ws.ids
}

// hit is an occurrence of a word found by scan.
type hit struct{ id, at int32 }

// hitBuffers keeps scan's buffers of hits for the next text.
var hitBuffers = sync.Pool{New: func() any { return new([]hit) }}

// scan returns the occurrences of the set's words in s.
func (ws *wordSet) scan(s string) *occurrences {
	buf := hitBuffers.Get().(*[]hit)
	hits := (*buf)[:0]
	defer func() {
		*buf = hits
		hitBuffers.Put(buf)
	}()
	next, class, shift, firstEnd := ws.next, &ws.class, ws.shift, ws.firstEnd
	st := 0
	for i := 0; i < len(s); i++ {
		st = int(next[st<<shift|int(class[s[i]])])
		if st >= int(firstEnd) {
			e := int32(st) - firstEnd
			for _, id := range ws.ends[ws.endAt[e]:ws.endAt[e+1]] {
				hits = append(hits, hit{id, int32(i + 1 - len(ws.words[id]))})
			}
		}
	}
	offs := make([]int32, len(ws.words)+1+len(hits))
	o := &occurrences{first: offs[:len(ws.words)+1], at: offs[len(ws.words)+1:]}
	for _, h := range hits {
		o.first[h.id+1]++
	}
	for id := range ws.words {
		o.first[id+1] += o.first[id]
	}
	fill := slices.Clone(o.first[:len(ws.words)])
	for _, h := range hits {
		o.at[fill[h.id]] = h.at
		fill[h.id]++
	}
	return o
}

// offsetsOf returns the offsets in s of w, every one, overlapping ones too,
// in order: what a wordSet finds, one word at a time.
func offsetsOf(s, w string) []int32 {
	var out []int32
	if w == "" {
		return out
	}
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return out
		}
		out = append(out, int32(i+j))
		i += j + 1
	}
}

var (
	vocabularyOnce sync.Once
	vocabulary     *wordSet
)

// theVocabulary returns the wordSet of the words the finders of the
// obligations table and of this package look up, made on first use.
func theVocabulary() *wordSet {
	vocabularyOnce.Do(func() {
		var words []string
		add := func(f *finder) {
			if f == nil {
				return
			}
			f.prepare()
			words = append(words, f.cues...)
			words = append(words, f.needs...)
			for _, a := range append([]*finder{f}, f.alts...) {
				words = append(words, a.needs...)
				for _, ws := range a.needAll {
					words = append(words, ws.list...)
				}
			}
		}
		for _, o := range Obligations() {
			add(o.section)
			add(o.cues)
			add(o.require)
			add(o.weak)
			if o.weakAnchors != nil {
				for _, w := range o.weakAnchors.list {
					words = append(words, w, asciiPrefix(w))
				}
			}
		}
		add(termRe)
		for _, p := range privacyParts {
			add(p.re)
		}
		vocabulary = newWordSet(words)
	})
	return vocabulary
}

// asciiPrefix returns the ASCII bytes that open w.
func asciiPrefix(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return w[:i]
		}
	}
	return w
}
