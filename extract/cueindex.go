package extract

import (
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A cued rule looks for its cue words before it runs (cued.go). Looking
// for them with strings.Index, word by word and rule by rule, reads a long
// document a hundred times over. A docIndex reads it once: an Aho–Corasick
// automaton over the cue and needed words of every cued rule finds, in one
// pass over the lower-case text, every place where each of them stands, in
// order. A rule then gets its candidate positions in any stretch of the
// text by binary search in the lists of its words.
//
// The index gives the positions strings.Index would give, word for word
// (every occurrence, overlapping ones and those inside a word included), so
// a rule tried there finds the same matches. A word the automaton does not
// know (a rule made outside the package's rule set) is looked for with
// strings.Index as before.
//
// The rules receive strings, not documents: the text, a line, a cell. A
// string that lies inside the text of a document being extracted (its
// bytes are part of that text's memory: a substring of it) is matched with
// that document's index and lower-case copy; any other string as before.
// liveDocs lists the documents being extracted.

// cueDict is the automaton over every cued rule's cue and needed words.
type cueDict struct {
	ids    map[string]int32 // word → its number
	words  []string         // by number
	class  [256]uint8       // byte → its class; 0 for a byte no word holds
	nclass int
	next   []int32   // state*nclass + class → next state (a complete automaton)
	out    [][]int32 // state → numbers of the words that end there
}

// cueWords returns the automaton, built on first use from the rules of
// cuedRules.
var cueWords = sync.OnceValue(func() *cueDict {
	var words []string
	for _, c := range cuedRules {
		cues, needs, _, _ := cachedRuleWords(c.Regexp.String(), c.short)
		words = append(words, cues...)
		words = append(words, needs...)
	}
	return newCueDict(words)
})

// newCueDict builds the automaton over words (non-empty, lower-case ASCII).
func newCueDict(words []string) *cueDict {
	words = slices.Clone(words)
	slices.Sort(words)
	words = slices.Compact(words)
	if len(words) > 0 && words[0] == "" {
		words = words[1:]
	}
	d := &cueDict{ids: make(map[string]int32, len(words)), words: words, nclass: 1}
	for i, w := range words {
		d.ids[w] = int32(i)
		for j := 0; j < len(w); j++ {
			if d.class[w[j]] == 0 {
				d.class[w[j]] = uint8(d.nclass)
				d.nclass++
			}
		}
	}
	// the trie: goto[state*nclass+class], -1 for none; at most one state
	// per letter of the words, and the root
	states := 1
	for _, w := range words {
		states += len(w)
	}
	trie := make([]int32, 0, states*d.nclass)
	d.out = make([][]int32, 0, states)
	addState := func() int32 {
		n := len(trie)
		trie = trie[:n+d.nclass]
		for k := n; k < len(trie); k++ {
			trie[k] = -1
		}
		d.out = append(d.out, nil)
		return int32(len(d.out) - 1)
	}
	addState()
	for i, w := range words {
		s := int32(0)
		for j := 0; j < len(w); j++ {
			k := int(s)*d.nclass + int(d.class[w[j]])
			if trie[k] < 0 {
				n := addState()
				trie[k] = n
			}
			s = trie[k]
		}
		d.out[s] = append(d.out[s], int32(i))
	}
	// breadth first: failure links, outputs of the failure state, and the
	// complete transition table, made in place of the trie (a state's row
	// is read as trie before it is rewritten, and its failure state, less
	// deep, is rewritten before it)
	d.next = trie
	fail := make([]int32, len(d.out))
	queue := make([]int32, 0, len(d.out))
	for c := range d.nclass {
		if t := trie[c]; t > 0 {
			queue = append(queue, t)
		} else {
			d.next[c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := range d.nclass {
			k := int(s)*d.nclass + c
			f := d.next[int(fail[s])*d.nclass+c]
			if t := trie[k]; t >= 0 {
				fail[t] = f
				if len(d.out[f]) > 0 {
					d.out[t] = append(d.out[t], d.out[f]...)
				}
				queue = append(queue, t)
			} else {
				d.next[k] = f
			}
		}
	}
	return d
}

// docIndex is what the cued rules share about one document's text.
type docIndex struct {
	text string
	// odd is true when the text holds a rune that case folding takes for
	// an ASCII letter (foldOddRunes): its rules run as plain regexps.
	odd bool

	lowOnce sync.Once
	low     string // the text in ASCII lower case

	hitsOnce sync.Once
	dict     *cueDict
	hits     [][]int32 // word number → offsets where the word starts, in order

	// sets holds, for a rule's cue or needed words, where any of them
	// stands (wordSet), made on first use
	setsMu sync.Mutex
	sets   map[wordSetKey]*wordSet
}

// wordSetKey names the cue words (needs false) or the needed words of a
// rule.
type wordSetKey struct {
	rule  *cuedRe
	needs bool
}

// wordSet is where any word of a set stands in the text: the offsets
// where one starts, in order and each once, and for each the end of the
// shortest word that starts there.
type wordSet struct {
	start, end []int32
}

// wordSet returns the places of the rule's cue words (or needed words),
// nil when the index does not know one of them.
func (x *docIndex) wordSet(c *cuedRe, needs bool) *wordSet {
	key := wordSetKey{c, needs}
	x.setsMu.Lock()
	defer x.setsMu.Unlock()
	if ws, ok := x.sets[key]; ok {
		return ws
	}
	words := c.cues
	if needs {
		words = c.needs
	}
	var ws *wordSet
	var all []uint64 // start<<32 | end: in order of start, then end
	known := true
	for _, w := range words {
		hits, ok := x.wordHits(w)
		if !ok {
			known = false
			break
		}
		for _, h := range hits {
			all = append(all, uint64(h)<<32|uint64(int(h)+len(w)))
		}
	}
	if known {
		if len(words) > 1 {
			slices.Sort(all)
		}
		ws = &wordSet{start: make([]int32, 0, len(all)), end: make([]int32, 0, len(all))}
		for i, p := range all {
			if i > 0 && all[i-1]>>32 == p>>32 {
				continue // the shorter word comes first
			}
			ws.start = append(ws.start, int32(p>>32))
			ws.end = append(ws.end, int32(uint32(p)))
		}
	}
	if x.sets == nil {
		x.sets = map[wordSetKey]*wordSet{}
	}
	x.sets[key] = ws
	return ws
}

// occurrences returns the offsets relative to from where a word of the
// set starts and ends before to, in order.
func (ws *wordSet) occurrences(from, to int) []int {
	var at []int
	i, _ := slices.BinarySearch(ws.start, int32(from))
	for ; i < len(ws.start) && int(ws.start[i]) < to; i++ {
		if int(ws.end[i]) <= to {
			at = append(at, int(ws.start[i])-from)
		}
	}
	return at
}

// holds reports whether a word of the set stands in [from, to).
func (ws *wordSet) holds(from, to int) bool {
	i, _ := slices.BinarySearch(ws.start, int32(from))
	for ; i < len(ws.start) && int(ws.start[i]) < to; i++ {
		if int(ws.end[i]) <= to {
			return true
		}
	}
	return false
}

// newDocIndex returns the index of text; nothing is computed before it is
// needed.
func newDocIndex(text string) *docIndex {
	return &docIndex{text: text, odd: hasOddRune(text)}
}

// lower returns the text with ASCII letters in lower case.
func (x *docIndex) lower() string {
	x.lowOnce.Do(func() { x.low = lowerString(x.text) })
	return x.low
}

// wordHits returns the offsets in the text where word w starts, in order,
// and whether the index knows w.
func (x *docIndex) wordHits(w string) ([]int32, bool) {
	x.hitsOnce.Do(x.find)
	id, ok := x.dict.ids[w]
	if !ok {
		return nil, false
	}
	return x.hits[id], true
}

// find runs the automaton of cueWords over the lower-case text.
func (x *docIndex) find() {
	x.findWith(cueWords())
}

// findWith runs the automaton d over the lower-case text.
func (x *docIndex) findWith(d *cueDict) {
	x.dict = d
	x.hits = make([][]int32, len(d.words))
	low := x.lower()
	if len(low) > 1<<31-1 {
		x.dict = newCueDict(nil) // offsets would not fit: every word is unknown
		return
	}
	next, class, nclass := d.next, &d.class, d.nclass
	s := int32(0)
	for i := 0; i < len(low); i++ {
		s = next[int(s)*nclass+int(class[low[i]])]
		for _, w := range d.out[s] {
			x.hits[w] = append(x.hits[w], int32(i+1-len(d.words[w])))
		}
	}
}

// occurrences returns occurrences(x.lower()[from:to], words): the offsets
// relative to from where one of words starts and ends before to, in order
// and each once; ok is false when the index does not know a word.
func (x *docIndex) occurrences(from, to int, words []string) (at []int, ok bool) {
	for _, w := range words {
		hits, known := x.wordHits(w)
		if !known {
			return nil, false
		}
		i, _ := slices.BinarySearch(hits, int32(from))
		for _, h := range hits[i:] {
			if int(h)+len(w) > to {
				break
			}
			at = append(at, int(h)-from)
		}
	}
	if len(words) > 1 {
		slices.Sort(at)
		at = slices.Compact(at)
	}
	return at, true
}

// worthIndex reports whether the words are looked up in the index of the
// document s lies in rather than scanned for in s: a scan of a short
// string for a few words costs less than the lookup.
func worthIndex(s string, words []string) bool {
	return len(s) >= minIndexed
}

// minIndexed is the length of the shortest string for which the index
// pays.
const minIndexed = 1024

// liveDocs are the indexes of the documents being extracted, for rules
// given a string that lies inside one of their texts. Readers load the
// list without a lock; writers replace it under liveMu.
var (
	liveDocs atomic.Pointer[[]*docIndex]
	liveMu   sync.Mutex
)

// maxLive bounds liveDocs: a document that is never let go (a test's)
// drops out when newer ones come, and then merely loses the shortcut.
const maxLive = 64

// addLive adds x to liveDocs.
func addLive(x *docIndex) {
	liveMu.Lock()
	defer liveMu.Unlock()
	var list []*docIndex
	if old := liveDocs.Load(); old != nil {
		list = append(list, *old...)
	}
	if len(list) >= maxLive {
		list = list[1:]
	}
	list = append(list, x)
	liveDocs.Store(&list)
}

// dropLive removes x from liveDocs.
func dropLive(x *docIndex) {
	liveMu.Lock()
	defer liveMu.Unlock()
	old := liveDocs.Load()
	if old == nil {
		return
	}
	list := slices.DeleteFunc(slices.Clone(*old), func(y *docIndex) bool { return y == x })
	liveDocs.Store(&list)
}

// liveIndex returns the index of the live document whose text holds s
// (shares its bytes) and the offset of s in that text; nil when none does.
func liveIndex(s string) (*docIndex, int) {
	list := liveDocs.Load()
	if list == nil || len(s) == 0 {
		return nil, 0
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	for _, x := range *list {
		base := uintptr(unsafe.Pointer(unsafe.StringData(x.text)))
		if p >= base && p+uintptr(len(s)) <= base+uintptr(len(x.text)) {
			return x, int(p - base)
		}
	}
	return nil, 0
}
