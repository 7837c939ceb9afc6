package review

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/extract/internal/cue"
	"github.com/dpa-nl/dpa/normalize"
)

// Go's regexp skips ahead to a match only when a pattern starts with a
// case-sensitive literal; the table's patterns are case-insensitive
// alternations of words ("(?i)Instructie|uitsluitend\s+in\s+opdracht|…"),
// which it tries at every byte of the text. A finder looks for the words
// that open every match first, with strings.Index on the text in ASCII
// lower case, and tries the pattern only where one of them stands:
// anchored there, with the character before it as context, so that \b
// and ^ see what they see in a scan of the whole text. It finds exactly
// the pattern's leftmost-first match.
//
// The words are read from the pattern's syntax tree, so they cannot drift
// from it. A pattern not every match of which opens with such a word, or a
// text holding the Kelvin sign or the long s (which a case-insensitive
// pattern takes for k and s), is matched by the plain regexp.

// finder is a pattern with the words that open its matches, read on
// first use.
type finder struct {
	re   *normalize.Regexp
	once sync.Once
	cues []string // prefixes in ASCII lower case, one of which opens every match; nil for none
	// needs are lower-case ASCII words one of which every match holds
	// somewhere (nil for none known): a pattern without cue words is not
	// run over a text that holds none of them.
	needs []string
	// cueWords and needWords are cues and needs as the texts look them up.
	cueWords, needWords *words
	at0                 *regexp.Regexp // ^(?:re): a match at the start of the text
	atN                 *regexp.Regexp // ^(?s:.)(?:re): one character of context, then a match
}

// minCue is the length of the shortest cue word worth looking for: a
// shorter one stands almost everywhere.
const minCue = 2

// newFinder returns the finder of re; it reads re's cue words on first
// use, so that declaring one costs nothing at start-up.
func newFinder(re *normalize.Regexp) *finder { return &finder{re: re} }

// prepare reads the cue words and needed words of f's pattern, once.
func (f *finder) prepare() { f.once.Do(f.read) }

func (f *finder) read() {
	re := f.re
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return
	}
	f.needs = cue.Required(tree)
	f.needWords = newWords(f.needs)
	cues, _ := cue.Leading(tree, cue.Options{Folds: true, OptionalFirst: true})
	if len(cues) == 0 || len(cues) > cue.MaxWords {
		return
	}
	slices.Sort(cues)
	cues = slices.Compact(cues)
	var kept []string
	for _, w := range cues {
		if len(w) < minCue {
			return
		}
		if len(kept) > 0 && strings.HasPrefix(w, kept[len(kept)-1]) {
			continue // the shorter word finds its places already
		}
		kept = append(kept, w)
	}
	f.cues, f.cueWords = kept, newWords(kept)
	f.at0 = regexp.MustCompile(`^(?:` + re.String() + `)`)
	f.atN = regexp.MustCompile(`^(?s:.)(?:` + re.String() + `)`)
}

// lowerASCIIString returns s with ASCII letters in lower case; byte
// offsets stay those of s.
func lowerASCIIString(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = cue.LowerASCII(c)
	}
	return string(b)
}

// folded reports whether s holds a rune that case folding takes for an
// ASCII letter: the Kelvin sign (k) or the long s.
func folded(s string) bool {
	return strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f")
}

// text is a document's text as the finders search it.
type text struct {
	s     string
	low   string // s with ASCII letters in lower case
	plain bool   // folded(s): every pattern runs as a plain regexp
	// at caches, per finder, the offsets where its cue words stand.
	at map[*finder][]int32
	// occ are the offsets in low of the words of the vocabulary, and
	// other those of other words, each found on first use.
	occ   *occurrences
	other map[string][]int32
}

func newText(s string) *text {
	return &text{s: s, low: lowerASCIIString(s), plain: folded(s), at: map[*finder][]int32{}}
}

// offsets returns the offsets at which ws.list[i] stands in t.low, every
// one, overlapping ones too, in order.
func (t *text) offsets(ws *words, i int) []int32 {
	if id := ws.vocabularyIDs()[i]; id >= 0 {
		return t.vocabularyOffsets(id)
	}
	return t.wordOffsets(ws.list[i])
}

// vocabularyOffsets returns the offsets of the vocabulary's word id.
func (t *text) vocabularyOffsets(id int32) []int32 {
	if t.occ == nil {
		t.occ = theVocabulary().scan(t.low)
	}
	return t.occ.of(id)
}

// wordOffsets returns the offsets of w, like offsets, for any word.
func (t *text) wordOffsets(w string) []int32 {
	if id, ok := theVocabulary().ids[w]; ok {
		return t.vocabularyOffsets(id)
	}
	if at, ok := t.other[w]; ok {
		return at
	}
	if t.other == nil {
		t.other = map[string][]int32{}
	}
	at := offsetsOf(t.low, w)
	t.other[w] = at
	return at
}

// holds reports whether t.low[start:end] holds one of the words (lower
// case); true without words (nil). Like holds(t.low[start:end], ws.list).
func (t *text) holds(start, end int, ws *words) bool {
	if ws == nil {
		return true
	}
	for i := range ws.list {
		if t.holdsWord(start, end, ws, i) {
			return true
		}
	}
	return false
}

// holdsWord reports whether t.low[start:end] holds ws.list[i].
func (t *text) holdsWord(start, end int, ws *words, i int) bool {
	w := ws.list[i]
	if w == "" {
		return true
	}
	at := t.offsets(ws, i)
	k, _ := slices.BinarySearch(at, int32(start))
	return k < len(at) && int(at[k])+len(w) <= end
}

// holdsLower reports whether strings.ToLower(t.s)[start:end] holds one
// of the words (lower case); true without words (nil). It holds only
// where lowerKeepsOffsets(t.s): then an ASCII word stands in the
// lower-cased text where it stands in t.low, and a word with other runes
// where the text's runes, each lower-cased, spell it.
func (t *text) holdsLower(start, end int, ws *words) bool {
	if ws == nil {
		return true
	}
	for i, w := range ws.list {
		switch p := asciiPrefix(w); {
		case p == w:
			if t.holdsWord(start, end, ws, i) {
				return true
			}
		case p != "":
			at := t.wordOffsets(p)
			k, _ := slices.BinarySearch(at, int32(start))
			for _, j := range at[k:] {
				if int(j)+len(w) > end {
					break
				}
				if lowerIs(t.s[j:int(j)+len(w)], w) {
					return true
				}
			}
		default:
			for j := start; j+len(w) <= end; j++ {
				if utf8.RuneStart(t.s[j]) && lowerIs(t.s[j:j+len(w)], w) {
					return true
				}
			}
		}
	}
	return false
}

// lowerIs reports whether s, each rune lower-cased (unicode.ToLower), is w.
func lowerIs(s, w string) bool {
	for s != "" && w != "" {
		r, n := utf8.DecodeRuneInString(s)
		q, m := utf8.DecodeRuneInString(w)
		if r == utf8.RuneError && n == 1 || unicode.ToLower(r) != q {
			return false
		}
		s, w = s[n:], w[m:]
	}
	return s == "" && w == ""
}

// lowerKeepsOffsets reports whether strings.ToLower keeps every offset of
// s and its ASCII bytes where they are: s is valid UTF-8 and each of its
// runes lower-cases to a rune of the same length (so ASCII to ASCII and
// others to others). The Kelvin sign (k), İ (i) and ẞ (ß) do not.
func lowerKeepsOffsets(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if utf8.RuneLen(unicode.ToLower(r)) != n { // an ASCII lower case is shorter
			return false
		}
		i += n
	}
	return true
}

// positions returns the offsets in t where one of f's cue words stands,
// in order, each once.
func (t *text) positions(f *finder) []int32 {
	f.prepare()
	if at, ok := t.at[f]; ok {
		return at
	}
	var at []int32
	if len(f.cues) == 1 {
		at = t.offsets(f.cueWords, 0)
	} else {
		for i := range f.cues {
			at = append(at, t.offsets(f.cueWords, i)...)
		}
		slices.Sort(at)
		at = slices.Compact(at)
	}
	t.at[f] = at
	return at
}

// findAll returns the leftmost-first, non-overlapping matches of f's
// pattern in t.s[start:end], as offsets into t.s, like FindAllStringIndex
// on that slice.
func (t *text) findAll(f *finder, start, end int) [][]int {
	f.prepare()
	if t.plain || f.cues == nil {
		if !t.plain && !t.holds(start, end, f.needWords) {
			return nil
		}
		ms := f.re.FindAllStringIndex(t.s[start:end], -1)
		for _, m := range ms {
			m[0], m[1] = m[0]+start, m[1]+start
		}
		return ms
	}
	s := t.s[start:end]
	var out [][]int
	at := t.positions(f)
	i, _ := slices.BinarySearch(at, int32(start))
	for ; i < len(at) && int(at[i]) < end; i++ {
		if len(out) > 0 && int(at[i]) < out[len(out)-1][1] {
			continue // inside the last match
		}
		if m := f.matchAt(s, int(at[i])-start); m != nil {
			out = append(out, []int{start + m[0], start + m[1]})
		}
	}
	return out
}

// find returns the leftmost-first match of f's pattern in t.s[start:end],
// as offsets into t.s, like FindStringIndex on that slice.
func (t *text) find(f *finder, start, end int) []int {
	f.prepare()
	s := t.s[start:end]
	if t.plain || f.cues == nil {
		if !t.plain && !t.holds(start, end, f.needWords) {
			return nil
		}
		m := f.re.FindStringIndex(s)
		if m == nil {
			return nil
		}
		return []int{start + m[0], start + m[1]}
	}
	at := t.positions(f)
	i, _ := slices.BinarySearch(at, int32(start))
	for ; i < len(at) && int(at[i]) < end; i++ {
		if m := f.matchAt(s, int(at[i])-start); m != nil {
			return []int{start + m[0], start + m[1]}
		}
	}
	return nil
}

// matchString reports whether the pattern matches s, like MatchString.
func (f *finder) matchString(s string) bool {
	f.prepare()
	if folded(s) {
		return f.re.MatchString(s)
	}
	low := lowerASCIIString(s)
	if f.cues == nil {
		return holds(low, f.needs) && f.re.MatchString(s)
	}
	var at []int
	for _, w := range f.cues {
		for i := 0; ; {
			j := strings.Index(low[i:], w)
			if j < 0 {
				break
			}
			at = append(at, i+j)
			i += j + 1
		}
	}
	for _, p := range at {
		if f.matchAt(s, p) != nil {
			return true
		}
	}
	return false
}

// matchAt returns the match of the pattern in s that starts at p, nil when
// none starts there.
func (f *finder) matchAt(s string, p int) []int {
	if p == 0 {
		return f.at0.FindStringIndex(s)
	}
	_, k := utf8.DecodeLastRuneInString(s[:p])
	m := f.atN.FindStringIndex(s[p-k:])
	if m == nil {
		return nil
	}
	return []int{p, m[1] + p - k}
}

// holds reports whether low holds one of the words; true without words.
func holds(low string, words []string) bool {
	if words == nil {
		return true
	}
	for _, w := range words {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// next returns the first offset at or after from where the pattern of f
// may start a match: where one of its cue words stands, or from itself
// for a pattern without cue words; -1 when there is none.
func (t *text) next(f *finder, from int) int {
	f.prepare()
	if t.plain || f.cues == nil {
		return from
	}
	at := t.positions(f)
	if i, _ := slices.BinarySearch(at, int32(from)); i < len(at) {
		return int(at[i])
	}
	return -1
}

// lineStart returns the offset of the start of the line that holds off.
func (t *text) lineStart(off int) int {
	return strings.LastIndexByte(t.s[:off], '\n') + 1
}
