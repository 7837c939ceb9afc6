package extract

import (
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/extract/internal/cue"
)

// A category or subject-group term used to be one case-insensitive
// alternation of its wordings, tried with Go's regexp over every line of a
// categories section (about forty of them per line). termMatcher finds the
// same matches by comparing the wordings at the start of each word: the
// leftmost-first match of
//
//	(?i)(?:^|[^\p{L}\p{N}])(W1|W2|…)
//
// where each wording Wi is its parts joined by [-\s]*, a compound wording
// opens with \p{L}* and a whole wording ends with (?:[^\p{L}\p{N}]|$)
// (see termPattern). TestTermMatcherIsTheRegexp holds it to that pattern.

// termWording is one wording of a term, as the matcher compares it.
type termWording struct {
	parts    [][]rune // literal parts; any run of spaces and hyphens (or none) joins them
	compound bool     // letters may come before it ("vakdocent" for "*docent")
	whole    bool     // it must end a word
	text     string   // the wording as written, "*" kept, "$" dropped
	// tail is set for a whole compound wording of one part, all ASCII
	// letters ("*docent"): it can only match as the end of a run of
	// letters, which endsRun checks without trying every split.
	tail bool
}

// termMatcher finds the wordings of one term, in their order of preference.
type termMatcher struct {
	wordings []termWording
	// byFirst lists, for each ASCII byte, the wordings (in order) that may
	// start with it; at a non-ASCII byte every wording is tried.
	byFirst [utf8.RuneSelf][]int
}

// newTermMatcher builds the matcher of wordings, already in their order
// of preference.
func newTermMatcher(wordings []termWording) *termMatcher {
	m := &termMatcher{wordings: wordings}
	for k, w := range wordings {
		var r rune = -1
		if len(w.parts) > 0 && len(w.parts[0]) > 0 {
			r = w.parts[0][0]
		}
		for c := 0; c < utf8.RuneSelf; c++ {
			// every ASCII byte that folds to r, or any for a compound
			if w.compound || r < 0 || r >= utf8.RuneSelf || foldEq(rune(c), r) {
				m.byFirst[c] = append(m.byFirst[c], k)
			}
		}
	}
	return m
}

// splitWording splits w at runs of spaces and hyphens, as the regexp
// [ -]+ would.
func splitWording(w string) [][]rune {
	var parts [][]rune
	cur := []rune{}
	sep := false
	for _, r := range w {
		if r == ' ' || r == '-' {
			sep = true
			continue
		}
		if sep {
			parts = append(parts, cur)
			cur, sep = []rune{}, false
		}
		cur = append(cur, r)
	}
	if sep {
		parts = append(parts, cur)
		cur = []rune{}
	}
	return append(parts, cur)
}

// find returns the leftmost-first match in s[pos:] (where ^ matches at
// pos): where it starts (with the character before the wording), where
// the wording starts, and where the match ends (after the character that
// ends a whole wording).
func (m *termMatcher) find(s string, pos int) (start, word, end int, ok bool) {
	for i := pos; i <= len(s); {
		// at i, first ^ (only at pos), then a character that is no
		// letter or number, then the wording
		if i == pos {
			if e, ok := m.at(s, i); ok {
				return i, i, e, true
			}
		}
		if i == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isLetterOrNumber(r) {
			if e, ok := m.at(s, i+size); ok {
				return i, i + size, e, true
			}
		}
		i += size
	}
	return 0, 0, 0, false
}

// at returns the end of the first wording that matches at i.
func (m *termMatcher) at(s string, i int) (int, bool) {
	if i >= len(s) {
		return 0, false
	}
	run := -1 // where the letters from i end, once a wording needs it
	try := func(w *termWording) (int, bool) {
		if !w.tail {
			return w.at(s, i)
		}
		if run < 0 {
			run = i
			for run < len(s) {
				r, size := utf8.DecodeRuneInString(s[run:])
				if !unicode.IsLetter(r) {
					break
				}
				run += size
			}
		}
		return w.endsRun(s, i, run)
	}
	if c := s[i]; c < utf8.RuneSelf {
		for _, k := range m.byFirst[c] {
			if e, ok := try(&m.wordings[k]); ok {
				return e, true
			}
		}
		return 0, false
	}
	for k := range m.wordings {
		if e, ok := try(&m.wordings[k]); ok {
			return e, true
		}
	}
	return 0, false
}

// endsRun matches a tail wording (see termWording.tail) at i, where the
// letters from i run to run: \p{L}* gives back letters until the wording
// is what remains, and the match is whole only if the wording ends the run
// (a wording that ends before it is followed by a letter).
func (w *termWording) endsRun(s string, i, run int) (int, bool) {
	end := run
	if run < len(s) {
		r, size := utf8.DecodeRuneInString(s[run:])
		if unicode.IsNumber(r) { // no letter either: the run ended
			return 0, false
		}
		end += size
	}
	j := run
	word := w.parts[0]
	for k := len(word) - 1; k >= 0; k-- {
		r, size := utf8.DecodeLastRuneInString(s[i:j])
		if size == 0 || !foldEq(r, word[k]) {
			return 0, false
		}
		j -= size
	}
	return end, true
}

// at returns where w, matched at i, ends.
func (w *termWording) at(s string, i int) (int, bool) {
	if !w.compound {
		return w.rest(s, i)
	}
	// \p{L}* takes every letter, then gives them back one by one
	var stops []int
	stops = append(stops, i)
	for j := i; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
		stops = append(stops, j)
	}
	for k := len(stops) - 1; k >= 0; k-- {
		if e, ok := w.rest(s, stops[k]); ok {
			return e, true
		}
	}
	return 0, false
}

// rest matches the parts of w, and the end of a word after a whole
// wording, at i.
func (w *termWording) rest(s string, i int) (int, bool) {
	for j, part := range w.parts {
		if j > 0 {
			for i < len(s) && isDashOrSpace(s[i]) {
				i++
			}
		}
		for _, p := range part {
			if i >= len(s) {
				return 0, false
			}
			r, size := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			if !foldEq(r, p) {
				return 0, false
			}
			i += size
		}
	}
	if !w.whole {
		return i, true
	}
	if i == len(s) {
		return i, true
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if isLetterOrNumber(r) {
		return 0, false
	}
	return i + size, true
}

// isDashOrSpace reports whether c is matched by [-\s].
func isDashOrSpace(c byte) bool {
	return c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isLetterOrNumber reports whether r is matched by [\p{L}\p{N}].
func isLetterOrNumber(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// foldEq reports whether text rune t matches pattern rune p in a
// case-insensitive regexp: t is p or in p's simple case-folding orbit
// (which holds the Kelvin sign for k and the long s for s).
func foldEq(t, p rune) bool {
	if t == p {
		return true
	}
	if t < utf8.RuneSelf && p < utf8.RuneSelf {
		return 'A' <= t && t <= 'Z' && t+'a'-'A' == p || 'A' <= p && p <= 'Z' && p+'a'-'A' == t
	}
	for r := unicode.SimpleFold(p); r != p; r = unicode.SimpleFold(r) {
		if r == t {
			return true
		}
	}
	return false
}

// termWordings turns whole and prefix wordings into the matcher's, longest
// first (as written, stably), so that the longest wins where several start
// at the same place.
func termWordings(whole, prefix []string) []termWording {
	var out []termWording
	add := func(w string, whole bool) {
		compound := strings.HasPrefix(w, "*")
		tw := termWording{parts: splitWording(strings.TrimPrefix(w, "*")), compound: compound, whole: whole, text: w}
		tw.tail = compound && whole && len(tw.parts) == 1 && len(tw.parts[0]) > 0
		for _, r := range tw.parts[0] {
			tw.tail = tw.tail && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
		}
		out = append(out, tw)
	}
	for _, w := range whole {
		add(w, true)
	}
	for _, w := range prefix {
		add(w, false)
	}
	// a stable insertion sort by length, longest first
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].text) > len(out[j-1].text); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// wordStarts are the places in a text where a term's wording may start
// (after a character that is no letter or number, and before the two
// bytes one of the set's terms may start with), found once for all the
// terms tried on it.
type wordStarts struct {
	s string
	// after holds, in order, each i+size where the character at i (of
	// that size) is no letter or number, and a term may start.
	after []int
	// terms holds, for each of after, the terms that may start there.
	terms []uint64
	set   *termSet
}

// newWordStarts finds the word starts of s; after and terms are buffers
// for them (they may be nil).
func newWordStarts(s string, set *termSet, after []int, terms []uint64) wordStarts {
	w := wordStarts{s: s, set: set, after: after[:0], terms: terms[:0]}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if !isLetterOrNumber(r) {
			if bits := set.at(s, i); bits != 0 {
				w.after = append(w.after, i)
				w.terms = append(w.terms, bits)
			}
		}
	}
	return w
}

// any reports whether a term may start somewhere in s.
func (w *wordStarts) any() bool {
	return len(w.after) > 0 || w.set.at(w.s, 0) != 0
}

// find is the word start and match end of the term t of the set:
// set.terms[t].m.find(w.s, pos).
func (w *wordStarts) find(t, pos int) (word, end int, ok bool) {
	m := w.set.terms[t].m
	if pos < len(w.s) && !utf8.RuneStart(w.s[pos]) {
		// pos may be inside a character (or on a stray continuation
		// byte): the word starts found from 0 may not be those from pos
		_, word, end, ok = m.find(w.s, pos)
		return word, end, ok
	}
	bit := uint64(1) << t
	if w.set.at(w.s, pos)&bit != 0 {
		if e, ok := m.at(w.s, pos); ok {
			return pos, e, true
		}
	}
	// the word starts after pos, in order
	lo, hi := 0, len(w.after)
	for lo < hi {
		mid := (lo + hi) / 2
		if w.after[mid] <= pos {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for k, g := range w.after[lo:] {
		if w.terms[lo+k]&bit == 0 {
			continue
		}
		if e, ok := m.at(w.s, g); ok {
			return g, e, true
		}
	}
	return 0, 0, false
}

// The category codes of the Model 4.0 table (CD1, CM12, CC12) and their
// ranges ("CD1-CD10", "CM20 t/m 24") are read by hand, not by a regexp
// over the whole document: catCodes and catCodeRanges find exactly the
// matches of
//
//	\bC[A-Z]{1,2}\d{1,3}\b
//	\b(C[A-Z]{1,2})(\d{1,3})\s*(?:-|–|t/m|tot\s+en\s+met)\s*(?:C[A-Z]{1,2})?(\d{1,3})\b
//
// (TestCatCodesAreTheRegexps holds them to these).

// catCodes returns where the category codes in s stand.
func catCodes(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], 'C')
		if j < 0 {
			break
		}
		i += j
		if e, ok := catCodeAt(s, i); ok {
			out = append(out, []int{i, e})
			i = e - 1
		}
	}
	return out
}

// catCodeAt returns the end of the code at i, followed by a word break.
func catCodeAt(s string, i int) (int, bool) {
	_, n, ok := catCodeHead(s, i)
	if !ok || n < len(s) && isASCIIWord(s[n]) {
		return 0, false
	}
	return n, true
}

// catCodeHead reads C[A-Z]{1,2}\d{1,3} at i, after a word break, with no
// digit after it: it returns where the digits start and where they end.
func catCodeHead(s string, i int) (digits, end int, ok bool) {
	if i >= len(s) || s[i] != 'C' || i > 0 && isASCIIWord(s[i-1]) {
		return 0, 0, false
	}
	j := i + 1
	for j < len(s) && 'A' <= s[j] && s[j] <= 'Z' {
		j++
	}
	if n := j - i - 1; n < 1 || n > 2 {
		return 0, 0, false
	}
	return catDigits(s, j)
}

// catDigits reads \d{1,3} at j with no digit after it.
func catDigits(s string, j int) (digits, end int, ok bool) {
	k := j
	for k < len(s) && '0' <= s[k] && s[k] <= '9' {
		k++
	}
	if n := k - j; n < 1 || n > 3 {
		return 0, 0, false
	}
	return j, k, true
}

// catCodeRanges returns the ranges of codes in s: the prefix ("CD"), the
// first and the last number.
func catCodeRanges(s string) [][3]string {
	var out [][3]string
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], 'C')
		if j < 0 {
			break
		}
		i += j
		if m, e, ok := catCodeRangeAt(s, i); ok {
			out = append(out, m)
			i = e - 1
		}
	}
	return out
}

// catCodeRangeAt reads a range of codes at i and returns its parts and end.
func catCodeRangeAt(s string, i int) ([3]string, int, bool) {
	d, k, ok := catCodeHead(s, i)
	if !ok {
		return [3]string{}, 0, false
	}
	m := [3]string{s[i:d], s[d:k]}
	k = skipSpace(s, k)
	switch {
	case strings.HasPrefix(s[k:], "-"):
		k++
	case strings.HasPrefix(s[k:], "–"):
		k += len("–")
	case strings.HasPrefix(s[k:], "t/m"):
		k += len("t/m")
	case strings.HasPrefix(s[k:], "tot"):
		k += len("tot")
		for _, w := range []string{"en", "met"} {
			if n := skipSpace(s, k); n > k && strings.HasPrefix(s[n:], w) {
				k = n + len(w)
			} else {
				return [3]string{}, 0, false
			}
		}
	default:
		return [3]string{}, 0, false
	}
	k = skipSpace(s, k)
	if k < len(s) && s[k] == 'C' {
		// (?:C[A-Z]{1,2})? — the number must follow it
		j := k + 1
		for j < len(s) && 'A' <= s[j] && s[j] <= 'Z' {
			j++
		}
		if n := j - k - 1; n < 1 || n > 2 {
			return [3]string{}, 0, false
		}
		k = j
	}
	d, e, ok := catDigits(s, k)
	if !ok || e < len(s) && isASCIIWord(s[e]) {
		return [3]string{}, 0, false
	}
	m[2] = s[d:e]
	return m, e, true
}

// skipSpace skips \s* at i.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// isASCIIWord reports whether c is an ASCII word character (\w).
func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// ruleNeeds are the words (lower-case ASCII) one of which every match of a
// rule holds, read once from the rule's syntax: a line that holds none of
// them in the document's lower-case copy need not be tried. (A document
// holding a rune that case folding takes for k or s is not filtered; see
// foldOddRunes.)
type ruleNeeds struct {
	once  sync.Once
	re    *cuedRe
	words []string // nil: every line may match
}

// needsOf returns the needed words of re.
func needsOf(re *cuedRe) *ruleNeeds { return &ruleNeeds{re: re} }

// may reports whether low, a text in ASCII lower case, may hold a match.
func (n *ruleNeeds) may(low string) bool {
	n.once.Do(func() {
		if tree, err := syntax.Parse(n.re.String(), syntax.Perl); err == nil {
			n.words = usable(cue.Required(tree), minCue)
		}
	})
	if n.words == nil {
		return true
	}
	for _, w := range n.words {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// termSet is the terms of one vocabulary (the categories, or the groups),
// with an index of the two bytes each may start with.
type termSet struct {
	terms []categoryTerm
	// starts maps the first byte (ASCII, lower case) and the second (ASCII
	// lower case, or 128 for any other byte and the end of the text) to
	// the terms that may start with them, one bit each.
	starts [utf8.RuneSelf][utf8.RuneSelf + 1]uint64
}

// newTermSet indexes terms (at most 64). A wording's first rune stands
// in the rows of its ASCII case forms; its second, when ASCII, in the
// columns of its case forms and of 128 (a non-ASCII byte or the end of
// the text, which the index does not tell apart); otherwise in every
// column. TestTermSetIsByteByByte holds it to trying every pair of bytes
// against foldEq.
func newTermSet(terms []categoryTerm) *termSet {
	if len(terms) > 64 {
		panic("newTermSet: more than 64 terms")
	}
	ts := &termSet{terms: terms}
	var all uint64                      // terms one of whose wordings may start anywhere
	var anySecond [utf8.RuneSelf]uint64 // by first byte: terms whose second byte may be any
	for t, term := range terms {
		bit := uint64(1) << t
		for _, w := range term.m.wordings {
			var first []rune
			if len(w.parts) > 0 {
				first = w.parts[0]
			}
			if w.compound || len(first) == 0 || first[0] >= utf8.RuneSelf {
				all |= bit
				continue
			}
			c1s, n1 := asciiCases(byte(first[0]))
			if len(first) < 2 || first[1] >= utf8.RuneSelf {
				for _, c1 := range c1s[:n1] {
					anySecond[c1] |= bit
				}
				continue
			}
			c2s, n2 := asciiCases(byte(first[1]))
			for _, c1 := range c1s[:n1] {
				for _, c2 := range c2s[:n2] {
					ts.starts[c1][c2] |= bit
				}
				ts.starts[c1][utf8.RuneSelf] |= bit
			}
		}
	}
	for c1 := range ts.starts {
		for c2 := range ts.starts[c1] {
			ts.starts[c1][c2] |= all | anySecond[c1]
		}
	}
	return ts
}

// asciiCases returns the n ASCII bytes foldEq takes for c: c, and its
// other case for a letter.
func asciiCases(c byte) (cs [2]byte, n int) {
	switch {
	case 'a' <= c && c <= 'z':
		return [2]byte{c, c - 'a' + 'A'}, 2
	case 'A' <= c && c <= 'Z':
		return [2]byte{c, c - 'A' + 'a'}, 2
	}
	return [2]byte{c}, 1
}

// at returns the terms that may start at i of s, one bit each.
func (ts *termSet) at(s string, i int) uint64 {
	if i >= len(s) {
		return 0
	}
	c1 := s[i]
	if c1 >= utf8.RuneSelf {
		return ^uint64(0)
	}
	c2 := byte(utf8.RuneSelf)
	if i+1 < len(s) && s[i+1] < utf8.RuneSelf {
		c2 = s[i+1]
	}
	return ts.starts[c1|0x20*b2u(c1 >= 'A' && c1 <= 'Z')][c2|0x20*b2u(c2 >= 'A' && c2 <= 'Z')]
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// catFilter tries a rule on a line of a document only where the line
// holds one of the rule's needed words; a nil catFilter tries every line.
type catFilter struct {
	low string // the document's text in ASCII lower case
	odd bool   // the text holds a rune that folds to k or s (foldOddRunes): no filtering
}

func newCatFilter(d *doc) *catFilter {
	return &catFilter{low: d.lower(), odd: strings.Contains(d.text, "\u212a") || strings.Contains(d.text, "\u017f")}
}

// may reports whether l may hold a match of the rule whose needed words
// are n.
func (f *catFilter) may(n *ruleNeeds, l Line) bool {
	return f == nil || f.odd || n.may(f.low[l.Start:l.End])
}

// catSentenceEnds returns up to n (all when n < 0) sentence ends in s: a
// full stop, !, ? or ; before white space or at the end of s, or a
// bullet. They are the matches of [.!?;]\s|[.!?;]$|• (see
// TestCatSentenceEndsAreTheRegexp).
func catSentenceEnds(s string, n int) [][2]int {
	var out [][2]int
	for i := 0; i < len(s) && (n < 0 || len(out) < n); {
		switch c := s[i]; {
		case c == '.' || c == '!' || c == '?' || c == ';':
			if i+1 == len(s) {
				out = append(out, [2]int{i, i + 1})
				i++
				continue
			}
			if isSpaceByte(s[i+1]) {
				out = append(out, [2]int{i, i + 2})
				i += 2
				continue
			}
		case c == 0xE2 && strings.HasPrefix(s[i:], "•"):
			out = append(out, [2]int{i, i + len("•")})
			i += len("•")
			continue
		}
		i++
	}
	return out
}

// catMayBox reports whether s may hold a checkbox (catBoxRe): each of its
// forms opens with "[", "<" or a symbol whose UTF-8 encoding opens with
// the byte 0xE2 (☒☑✓✔✅☐□❑).
func catMayBox(s string) bool {
	return strings.IndexByte(s, '[') >= 0 || strings.IndexByte(s, '<') >= 0 || strings.IndexByte(s, 0xE2) >= 0
}

// needWords are ruleNeeds given by hand, for a rule whose words the
// syntax does not tell (one of them is too short to be read as needed).
func needWords(words ...string) *ruleNeeds {
	n := &ruleNeeds{words: words}
	n.once.Do(func() {})
	return n
}

// catNegNeeds are the words one of which every match of catNegRe holds.
var catNegNeeds = needWords("geen", "niet", "nooit", "not", "never", "none")

// mayGroupClause reports whether [start, end) of the text may hold a
// match of catGroupClauseRe: every match holds "gegevens", white space,
// and "van" or "over".
func (f *catFilter) mayGroupClause(start, end int) bool {
	if f == nil || f.odd {
		return true
	}
	return catMayGroupClause(f.low[start:end])
}

// catMayGroupClause is mayGroupClause on a text in ASCII lower case.
func catMayGroupClause(low string) bool {
	for i := 0; ; {
		j := strings.Index(low[i:], "gegevens")
		if j < 0 {
			return false
		}
		i += j + len("gegevens")
		if k := skipSpace(low, i); k > i && (strings.HasPrefix(low[k:], "van") || strings.HasPrefix(low[k:], "over")) {
			return true
		}
	}
}
