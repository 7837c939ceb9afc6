package review

import (
	"encoding/binary"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/dpa-nl/dpa/extract/internal/cue"
	"github.com/dpa-nl/dpa/normalize"
)

// Go's regexp skips ahead to a match only when a pattern starts with a
// case-sensitive literal; the table's patterns are case-insensitive
// alternations of words ("(?i)Instructie|uitsluitend\s+in\s+opdracht|…"),
// which it tries at every byte of the text. A finder looks for the words
// that open every match first, in the text in ASCII lower case (all the
// finders' words at once, words.go), and tries the pattern only where one
// of them stands: anchored there, with the character before it as
// context, so that \b and ^ see what they see in a scan of the whole
// text; only over the stretch a match can span (up to the first byte no
// match holds); only when that stretch holds a needed word of each part
// of the pattern; and, for an alternation, alternative by alternative. It
// finds exactly the pattern's leftmost-first match.
//
// The words are read from the pattern's syntax tree, so they cannot drift
// from it. A pattern not every match of which opens with such a word, or a
// text holding the Kelvin sign or the long s (which a case-insensitive
// pattern takes for k and s), is matched by the plain regexp.

// finder is a pattern with the words that open its matches, read on
// first use.
type finder struct {
	re   *normalize.Regexp
	id   int // the finder's number, for a text's cache of positions (-1 for an alternative, which has none)
	once sync.Once
	cues []string // prefixes in ASCII lower case, one of which opens every match; nil for none
	// needs are lower-case ASCII words one of which every match holds
	// somewhere (nil for none known): a pattern without cue words is not
	// run over a text that holds none of them.
	needs []string
	// cueWords and needWords are cues and needs as the texts look them up.
	cueWords, needWords *words
	// needAll are sets of words every match holds one of each: those of
	// the parts of a concatenation (see partNeeds); matchAt tries the
	// pattern only over a stretch that holds them.
	needAll []*words
	// at0 is ^(?:re), a match at the start of the text; atN ^(?s:.)(?:re),
	// one character of context, then a match. Each is compiled on first
	// use: most alternatives are never tried at the start of a text, some
	// never at all.
	at0, atN func() *regexp.Regexp
	// lowAt0 and lowAtN are at0 and atN for the text in ASCII lower case
	// (see lowerPattern); they return nil for a pattern that needs the
	// text's cases.
	lowAt0, lowAtN func() *regexp.Regexp
	// held are the ASCII bytes a match may hold (see consumed): matchAt
	// runs the pattern up to the first byte after the cue that it may not.
	held [utf8.RuneSelf]bool
	// alts are, for a pattern that is an alternation, its alternatives,
	// each with its own cue words, needed words, held bytes and anchored
	// patterns (and no re): the match at a place is that of the first
	// alternative that matches there.
	alts []*finder
}

// minCue is the length of the shortest cue word worth looking for: a
// shorter one stands almost everywhere.
const minCue = 2

// newFinder returns the finder of re; it reads re's cue words on first
// use, so that declaring one costs nothing at start-up.
func newFinder(re *normalize.Regexp) *finder {
	return &finder{re: re, id: int(finders.Add(1) - 1)}
}

// finders counts the finders made, to number them.
var finders atomic.Int64

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
	kept := leadingWords(tree)
	if kept == nil {
		return
	}
	f.cues, f.cueWords = kept, newWords(kept)
	f.needAll = partNeeds(tree)
	consumed(tree, &f.held)
	f.at0, f.atN = anchored(re.String())
	f.lowAt0, f.lowAtN = anchoredLower(tree)
	for _, expr := range alternatives(re.String()) {
		sub, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			f.alts = nil
			return
		}
		a := &finder{id: -1, needs: cue.Required(sub), cues: leadingWords(sub)}
		a.needWords, a.needAll = newWords(a.needs), partNeeds(sub)
		consumed(sub, &a.held)
		a.at0, a.atN = anchored(expr)
		a.lowAt0, a.lowAtN = anchoredLower(sub)
		f.alts = append(f.alts, a)
	}
}

// anchored returns the patterns ^(?:expr) and ^(?s:.)(?:expr), each
// compiled on first use.
func anchored(expr string) (at0, atN func() *regexp.Regexp) {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:` + expr + `)`) }),
		sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?s:.)(?:` + expr + `)`) })
}

// anchoredLower is anchored for lowerPattern(tree), written and compiled
// on first use; each returns nil for a pattern that needs the text's
// cases.
func anchoredLower(tree *syntax.Regexp) (at0, atN func() *regexp.Regexp) {
	low := sync.OnceValues(func() (string, bool) { return lowerPattern(tree) })
	compile := func(prefix string) func() *regexp.Regexp {
		return sync.OnceValue(func() *regexp.Regexp {
			if expr, ok := low(); ok {
				return regexp.MustCompile(prefix + expr + `)`)
			}
			return nil
		})
	}
	return compile(`^(?:`), compile(`^(?s:.)(?:`)
}

// alternatives splits a pattern that is an alternation ("(?i)A|B|C") into
// its alternatives, each with the pattern's opening flags ("(?i)A",
// "(?i)B", "(?i)C"); nil for a pattern that is not, or that it cannot
// read (a \Q quote, flags set after the start). The match at a place of
// the alternation is that of the first alternative that matches there.
func alternatives(expr string) []string {
	flags := ""
	if strings.HasPrefix(expr, "(?") {
		if i := strings.IndexByte(expr, ')'); i > 2 && strings.Trim(expr[2:i], "imsU-") == "" {
			flags, expr = expr[:i+1], expr[i+1:]
		}
	}
	var parts []string
	depth, from := 0, 0
	for i := 0; i < len(expr); i++ {
		switch expr[i] {
		case '\\':
			if i+1 < len(expr) && expr[i+1] == 'Q' {
				return nil
			}
			i++
		case '[':
			// a class: up to its ], which may open it ("[]a]", "[^]a]")
			j := i + 1
			if j < len(expr) && expr[j] == '^' {
				j++
			}
			if j < len(expr) && expr[j] == ']' {
				j++
			}
			for ; j < len(expr) && expr[j] != ']'; j++ {
				switch {
				case expr[j] == '\\':
					j++
				case strings.HasPrefix(expr[j:], "[:"):
					k := strings.Index(expr[j+2:], ":]")
					if k < 0 {
						return nil
					}
					j += k + 3
				}
			}
			if j >= len(expr) {
				return nil
			}
			i = j
		case '(':
			if depth == 0 && strings.HasPrefix(expr[i:], "(?") && !strings.HasPrefix(expr[i:], "(?:") && !strings.HasPrefix(expr[i:], "(?P<") && !strings.HasPrefix(expr[i:], "(?<") {
				if k := strings.IndexAny(expr[i+2:], ":)"); k < 0 || expr[i+2+k] == ')' {
					return nil // flags set midway apply to the rest of every alternative
				}
			}
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				parts = append(parts, flags+expr[from:i])
				from = i + 1
			}
		}
	}
	if len(parts) == 0 || depth != 0 {
		return nil
	}
	return append(parts, flags+expr[from:])
}

// partNeeds returns the sets of needed words of a pattern's parts: for a
// concatenation, the words cue.Required reads from each of its parts, of
// which every match holds one of each set, as it holds each part's match;
// for another pattern, its own. A set with a word shorter than three
// letters (which stands almost everywhere) is left out.
func partNeeds(tree *syntax.Regexp) []*words {
	parts := []*syntax.Regexp{tree}
	if tree.Op == syntax.OpConcat {
		parts = tree.Sub
	}
	var out []*words
	for _, p := range parts {
		set := cue.Required(p)
		if set == nil || slices.ContainsFunc(set, func(w string) bool { return len(w) < 3 }) {
			continue
		}
		out = append(out, newWords(set))
	}
	return out
}

// leadingWords returns the cue words of a pattern: prefixes in ASCII
// lower case one of which opens every match, none a prefix of another;
// nil when it has none or one shorter than minCue.
func leadingWords(tree *syntax.Regexp) []string {
	cues, _ := cue.Leading(tree, cue.Options{Folds: true, OptionalFirst: true})
	if len(cues) == 0 || len(cues) > cue.MaxWords {
		return nil
	}
	slices.Sort(cues)
	cues = slices.Compact(cues)
	var kept []string
	for _, w := range cues {
		if len(w) < minCue {
			return nil
		}
		if len(kept) > 0 && strings.HasPrefix(w, kept[len(kept)-1]) {
			continue // the shorter word finds its places already
		}
		kept = append(kept, w)
	}
	return kept
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
	// at caches, by finder id, the offsets where its cue words stand (nil
	// for not yet known).
	at [][]int32
	// keepsOffsets says lower-casing keeps the offsets of s (newText).
	keepsOffsets bool
	// occ are the offsets in low of the words of the vocabulary, and
	// other those of other words, each found on first use.
	occ   *occurrences
	other map[string][]int32
	// newlines are the offsets of the newlines of s, found on first use.
	newlines []int32
}

// newText returns the text of s: in one pass over it, s in ASCII lower
// case, whether it holds the Kelvin sign or the long s (folded) and
// whether strings.ToLower keeps every offset of s and its ASCII bytes
// where they are: s is valid UTF-8 and each of its runes lower-cases to a
// rune of the same length (so ASCII to ASCII and others to others; the
// Kelvin sign, İ and ẞ do not).
func newText(s string) *text {
	t := &text{s: s, keepsOffsets: true}
	b := []byte(s)
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			// eight ASCII bytes at a time: each of A-Z gets 0x20
			w := binary.LittleEndian.Uint64(b[i:])
			if w&0x8080808080808080 == 0 {
				upper := (w + 0x3f3f3f3f3f3f3f3f) &^ (w + 0x2525252525252525) & 0x8080808080808080
				binary.LittleEndian.PutUint64(b[i:], w|upper>>2)
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			b[i] = cue.LowerASCII(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\u212a' || r == '\u017f' {
			t.plain = true
		}
		if utf8.RuneLen(unicode.ToLower(r)) != n {
			t.keepsOffsets = false // also for a byte that is no UTF-8: it becomes U+FFFD
		}
		i += n
	}
	t.low = unsafe.String(unsafe.SliceData(b), len(b)) // b is not written again
	return t
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
// where t.keepsOffsets: then an ASCII word stands in the
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

// positions returns the offsets in t where one of f's cue words stands,
// in order, each once.
func (t *text) positions(f *finder) []int32 {
	f.prepare()
	if f.id < len(t.at) && t.at[f.id] != nil {
		return t.at[f.id]
	}
	var at []int32
	if len(f.cues) == 1 {
		at = t.offsets(f.cueWords, 0)
	} else {
		n := 0
		for i := range f.cues {
			n += len(t.offsets(f.cueWords, i))
		}
		at = make([]int32, 0, n)
		for i := range f.cues {
			at = append(at, t.offsets(f.cueWords, i)...)
		}
		slices.Sort(at)
		at = slices.Compact(at)
	}
	if at == nil {
		at = []int32{}
	}
	if f.id >= len(t.at) {
		t.at = append(t.at, make([][]int32, max(f.id+1, int(finders.Load()))-len(t.at))...)
	}
	t.at[f.id] = at
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
	var out [][]int
	at := t.positions(f)
	i, _ := slices.BinarySearch(at, int32(start))
	for ; i < len(at) && int(at[i]) < end; i++ {
		if len(out) > 0 && int(at[i]) < out[len(out)-1][1] {
			continue // inside the last match
		}
		if m := t.matchAt(f, start, end, int(at[i])); m != nil {
			out = append(out, m)
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
		if m := t.matchAt(f, start, end, int(at[i])); m != nil {
			return m
		}
	}
	return nil
}

// matchAt returns the match of f's pattern in t.s[start:end] that starts
// at p, as offsets into t.s, nil when none starts there: f.matchAt on that
// slice, tried only when the stretch a match from p may span (up to the
// first byte no match holds) holds a needed word of each part of the
// pattern, and for an alternation, alternative by alternative where the
// alternative's own cue word stands.
func (t *text) matchAt(f *finder, start, end, p int) []int {
	if f.alts == nil {
		return t.matchOne(f, start, end, p)
	}
	for _, a := range f.alts {
		if !a.opensAt(t.low[p:end]) {
			continue
		}
		if m := t.matchOne(a, start, end, p); m != nil {
			return m
		}
	}
	return nil
}

// opensAt reports whether low opens with one of f's cue words, or f has
// none.
func (f *finder) opensAt(low string) bool {
	if f.cues == nil {
		return true
	}
	for _, w := range f.cues {
		if strings.HasPrefix(low, w) {
			return true
		}
	}
	return false
}

// matchOne is matchAt for the whole of f's pattern.
func (t *text) matchOne(f *finder, start, end, p int) []int {
	q := f.reach(t.s[:end], p)
	for _, ws := range f.needAll {
		if !t.holds(p, q, ws) {
			return nil
		}
	}
	if q < end {
		end = q + 1
	}
	var m []int
	if f.lowAtN() != nil {
		m = matchIn(t.low[start:end], p-start, f.lowAt0, f.lowAtN)
	} else {
		m = matchIn(t.s[start:end], p-start, f.at0, f.atN)
	}
	if m == nil {
		return nil
	}
	m[0], m[1] = start+m[0], start+m[1]
	return m
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
//
// A match that starts at p ends before the first ASCII byte after p that
// no match holds (not in f.held: a full stop for most patterns), so the
// pattern is run only up to that byte and over it: no path of the match
// gets past it, and an assertion there (\b, $) sees it as in the whole of
// s. The input stays a sentence or so, not the rest of the text.
func (f *finder) matchAt(s string, p int) []int {
	if q := f.reach(s, p); q < len(s) {
		s = s[:q+1]
	}
	return matchIn(s, p, f.at0, f.atN)
}

// matchIn returns the match that starts at p in s of the pattern whose
// anchored forms are at0 and atN (see finder), nil when none starts there.
func matchIn(s string, p int, at0, atN func() *regexp.Regexp) []int {
	if p == 0 {
		return at0().FindStringIndex(s)
	}
	_, k := utf8.DecodeLastRuneInString(s[:p])
	m := atN().FindStringIndex(s[p-k:])
	if m == nil {
		return nil
	}
	m[0], m[1] = p, m[1]+p-k
	return m
}

// reach returns the offset of the first ASCII byte of s from p on that no
// match of f's pattern holds, len(s) for none: a match that starts at p
// ends by it.
func (f *finder) reach(s string, p int) int {
	for i := p; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && !f.held[c] {
			return i
		}
	}
	return len(s)
}

// consumed marks in held the ASCII bytes a match of re may hold: those of
// its literals (in every case, for a case-insensitive one), of its
// character classes and, for . and (?s:.), every byte (but a newline).
func consumed(re *syntax.Regexp, held *[utf8.RuneSelf]bool) {
	mark := func(lo, hi rune) {
		for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
			held[r] = true
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			mark(r, r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					mark(f, f)
				}
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			mark(re.Rune[i], re.Rune[i+1])
		}
	case syntax.OpAnyCharNotNL:
		mark(0, '\n'-1)
		mark('\n'+1, utf8.RuneSelf-1)
	case syntax.OpAnyChar:
		mark(0, utf8.RuneSelf-1)
	}
	for _, sub := range re.Sub {
		consumed(sub, held)
	}
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

// line returns the start and end of the line that holds off (the end is
// that of the text or a newline), from the offsets of the newlines, found
// on first use.
func (t *text) line(off int) (start, end int) {
	if t.newlines == nil {
		t.newlines = []int32{}
		for i := 0; ; {
			j := strings.IndexByte(t.s[i:], '\n')
			if j < 0 {
				break
			}
			t.newlines = append(t.newlines, int32(i+j))
			i += j + 1
		}
	}
	k, _ := slices.BinarySearch(t.newlines, int32(off))
	// t.newlines[k] is the first newline at or after off
	if k > 0 {
		start = int(t.newlines[k-1]) + 1
	}
	end = len(t.s)
	if k < len(t.newlines) {
		end = int(t.newlines[k])
	}
	return start, end
}
