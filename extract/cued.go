package extract

import (
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/extract/internal/cue"
	"github.com/dpa-nl/dpa/normalize"
)

// Go's regexp skips ahead to a match only when a rule starts with a
// case-sensitive literal; a rule that starts with a case-insensitive word
// or an alternation of words is tried at every byte of the text. Most of
// the extractors' rules start with words ("(?i)\b(?:Model\s+…|Convenant…)"),
// so a cuedRe finds those words first, with strings.Index on the text in
// lower case, and tries the rule only where one of them stands: anchored
// there, with the character before it as context, so that \b, \B and (?m)^
// see what they see in a scan of the whole text. The matches are exactly
// the regexp's: the leftmost-first, non-overlapping matches, with the same
// groups.
//
// The cue words are read from the rule itself (its syntax tree), so they
// cannot drift from it: a rule each of whose matches starts with one of a
// few literal prefixes (in any case) gets the shortcut; any other rule, or
// a text holding the Kelvin sign or long s (which case-insensitive rules
// take for k and s), is matched by the plain regexp.

// cuedRe is a regexp that looks for its matches only where one of its
// leading words stands. Methods it does not override are the regexp's own.
type cuedRe struct {
	*normalize.Regexp
	once sync.Once         // prepares what follows on first use
	cues []string          // lower-case ASCII prefixes, one of which opens every match; nil for none
	at0  *normalize.Regexp // ^(?:rule): a match at the start of the text
	atN  *normalize.Regexp // ^(?s:.)(?:rule): one character of context, then a match
	// lineStart is set for a rule that starts with (?m)^: its matches
	// start at line starts, where it is tried as at a cue word.
	lineStart bool
	// head, for such a rule, tells the line starts where a match may
	// start (linehead.go); nil to try every line start.
	head *lineHead
	// short lets two-letter cue words count ("is", "de"): for a rule
	// whose only other way is a scan of the whole text.
	short bool
	// needs are lower-case ASCII words one of which every match holds
	// somewhere (nil for none known): a rule without cues is not run on a
	// text that holds none of them.
	needs []string
	// next, set by opens, are lower-case ASCII words one of which every
	// match starts with, or has after its first word and white space.
	next []string
}

// opens gives the rule a test matchAt makes before the pattern: the text
// at the cue, or after the word there and white space, starts with one of
// words (lower-case ASCII letters; any case in the text). It must hold for
// every match of the rule: for a rule whose cue words are common ("de",
// "is", "overeenkomst") and whose next word is not.
func (c *cuedRe) opens(words ...string) *cuedRe {
	c.next = words
	return c
}

// cueSpace returns the length of the white space of a rule's \s (which
// normalize.Pattern widens with NBSP, U+202F and U+2007) at s[i:], 0 for
// none.
func cueSpace(s string, i int) int {
	switch {
	case strings.IndexByte(" \t\n\f\r", s[i]) >= 0:
		return 1
	case strings.HasPrefix(s[i:], "\u00a0"):
		return 2
	case strings.HasPrefix(s[i:], "\u202f"), strings.HasPrefix(s[i:], "\u2007"):
		return 3
	}
	return 0
}

// opensWith reports whether s at p, or after the word at p and white
// space, starts with one of words in any case, as (?i) folds them: k
// also as the Kelvin sign, s as long s.
func opensWith(s string, p int, words []string) bool {
	if hasPrefixFold(s[p:], words...) {
		return true
	}
	i := p
	for i < len(s) && cueSpace(s, i) == 0 {
		i++
	}
	if i == len(s) {
		return false
	}
	for i < len(s) && cueSpace(s, i) > 0 {
		i += cueSpace(s, i)
	}
	return hasPrefixFold(s[i:], words...)
}

// minCue is the length of the shortest cue worth looking for: a shorter
// word stands almost everywhere, and trying the rule there costs more than
// a scan.
const minCue = 3

// cued wraps re with the cue words read from its syntax; a rule without
// them keeps the plain regexp.
func cued(re *normalize.Regexp) *cuedRe {
	c := newCued(re)
	cuedRules = append(cuedRules, c)
	return c
}

// cuedShort is cued for a rule that opens with a two-letter word
// ("(?:wordt|is|worden) aangegaan", "(?:de )?looptijd"): trying it after
// each of those words costs less than a scan of the whole text.
func cuedShort(re *normalize.Regexp) *cuedRe {
	c := cued(re)
	c.short = true
	return c
}

// newCued is cued without keeping the rule in cuedRules.
func newCued(re *normalize.Regexp) *cuedRe {
	return &cuedRe{Regexp: re}
}

// prepare reads the cue words and needed words from the rule's syntax,
// once, on first use (dpa's reader processes never use them).
func (c *cuedRe) prepare() {
	c.once.Do(func() {
		c.cues, c.needs, c.lineStart, c.head = cachedRuleWords(c.Regexp.String(), c.short)
		if c.cues != nil || c.lineStart {
			// each compiled when first needed: many rules never have a
			// cue word at the very start of the text they are run on
			c.at0 = normalize.Lazy(`^(?:` + c.Regexp.String() + `)`)
			c.atN = normalize.Lazy(`^(?s:.)(?:` + c.Regexp.String() + `)`)
		}
	})
}

//go:generate go test -run ^TestCueTable$ -update-cuetable .

// cueTableEntry is ruleWords(expr, short), as cuetable.go keeps it.
type cueTableEntry struct {
	expr        string
	short       bool
	cues, needs []string
	lineStart   bool
	head        *lineHead
}

// cueKey names a rule's entry in cueTable.
type cueKey struct {
	expr  string
	short bool
}

// cueTableIndex is cueTable by rule, made on first use.
var cueTableIndex = sync.OnceValue(func() map[cueKey]*cueTableEntry {
	m := make(map[cueKey]*cueTableEntry, len(cueTable))
	for i := range cueTable {
		e := &cueTable[i]
		m[cueKey{e.expr, e.short}] = e
	}
	return m
})

// cachedRuleWords is ruleWords, read from cueTable when it holds the
// rule: reading the syntax of every cued rule cost a fresh process about
// a tenth of the CPU time of its first small document. A rule the table
// does not hold (one made outside the package's rule set, or added since
// the table was made, which TestCueTable reports) is read from its
// syntax.
func cachedRuleWords(expr string, short bool) (cues, needs []string, lineStart bool, head *lineHead) {
	if e, ok := cueTableIndex()[cueKey{expr, short}]; ok {
		return e.cues, e.needs, e.lineStart, e.head
	}
	return ruleWords(expr, short)
}

// ruleWords reads from a rule's syntax its cue words, its needed words,
// whether it is tried at line starts and at which (see cuedRe); short
// lets two-letter cue words count.
func ruleWords(expr string, short bool) (cues, needs []string, lineStart bool, head *lineHead) {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, nil, false, nil
	}
	if startsWith(tree, syntax.OpBeginText) {
		return nil, nil, false, nil // tried at the start of the text alone: fast already
	}
	needs = usable(cue.Required(tree), minCue)
	if words, _ := cue.Leading(tree, cue.Options{}); len(words) <= cue.MaxWords {
		cues = usable(words, minCue)
		if short {
			cues = usable(words, 2)
		}
	}
	// at line starts: those its opening allows, or every line start when
	// a needed word keeps the rule from matching most lines quickly anyway
	if cues == nil {
		head = ruleHead(tree)
		lineStart = head != nil || needs != nil && startsWith(tree, syntax.OpBeginLine)
	}
	return cues, needs, lineStart, head
}

// startsWith reports whether every match of re starts with the empty-width
// assertion op ((?m)^ or ^).
func startsWith(re *syntax.Regexp, op syntax.Op) bool {
	switch re.Op {
	case op:
		return true
	case syntax.OpCapture:
		return startsWith(re.Sub[0], op)
	case syntax.OpConcat:
		return len(re.Sub) > 0 && startsWith(re.Sub[0], op)
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !startsWith(s, op) {
				return false
			}
		}
		return true
	}
	return false
}

// usable returns words sorted, without duplicates and without a word that
// another one opens (it adds no position), or nil when a word is shorter
// than min.
func usable(words []string, min int) []string {
	if len(words) == 0 {
		return nil
	}
	words = slices.Clone(words)
	slices.Sort(words)
	words = slices.Compact(words)
	var kept []string
	for _, w := range words {
		if len(w) < min && !isPunct(w[0]) {
			return nil
		}
		if len(kept) > 0 && strings.HasPrefix(w, kept[len(kept)-1]) {
			continue
		}
		kept = append(kept, w)
	}
	return kept
}

// isPunct reports whether c is ASCII punctuation: a rarer cue than a
// letter, worth looking for alone ("." opens a sentence-end rule).
func isPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9')
}

// cuedRules are every rule wrapped by cued, for the test that holds each
// to its plain regexp.
var cuedRules []*cuedRe

// mustCued wraps p, compiled on first use like normalize.Lazy.
func mustCued(p string) *cuedRe { return cued(normalize.Lazy(p)) }

// lowerString returns s with ASCII letters in lower case; byte offsets
// stay those of s.
func lowerString(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = cue.LowerASCII(b[j])
			}
			return string(b)
		}
	}
	return s
}

// find returns up to n (all when n < 0) leftmost-first matches of the
// rule in s as submatch indexes, like FindAllStringSubmatchIndex. low is
// s in ASCII lower case (lowerString(s)), or "" when the caller does not
// have it. A string inside the text of a document being extracted is
// looked up in the document's index (cueindex.go).
func (c *cuedRe) find(s, low string, n int) [][]int {
	c.prepare()
	if c.cues == nil && c.needs == nil && !c.lineStart || n == 0 {
		return c.Regexp.FindAllStringSubmatchIndex(s, n)
	}
	x, off := liveIndex(s)
	switch {
	case x != nil && x.odd, x == nil && hasOddRune(s):
		// a rune that case folding takes for k or s: no shortcut
		return c.Regexp.FindAllStringSubmatchIndex(s, n)
	case x != nil:
		low = x.lower()[off : off+len(s)]
	case low == "" && s != "":
		low = lowerString(s)
	}
	return c.matches(s, low, n, x, off)
}

// matches is find for a rule with cue or needed words, given low. x is
// the index of the document whose text holds s at offset off, nil to scan
// s for the words.
func (c *cuedRe) matches(s, low string, n int, x *docIndex, off int) [][]int {
	if c.lineStart {
		if !c.mayHold(s, low, x, off) {
			return nil
		}
		if c.head != nil {
			return c.fromPositions(s, c.head.starts(s), n)
		}
		return c.fromPositions(s, lineStarts(s), n)
	}
	if c.cues == nil {
		if !c.mayHold(s, low, x, off) {
			return nil
		}
		return c.Regexp.FindAllStringSubmatchIndex(s, n)
	}
	var ws *wordSet
	if x != nil && worthIndex(s, c.cues) {
		ws = x.wordSet(c, false)
	}
	var at []int
	if ws != nil {
		at = ws.occurrences(off, off+len(s))
	} else {
		at = occurrences(low, c.cues)
	}
	if len(at) == 0 {
		return nil
	}
	return c.fromPositions(s, at, n)
}

// mayHold reports whether s holds one of the rule's needed words, or the
// rule has none.
func (c *cuedRe) mayHold(s, low string, x *docIndex, off int) bool {
	if x != nil && c.needs != nil && worthIndex(s, c.needs) {
		if ws := x.wordSet(c, true); ws != nil {
			return ws.holds(off, off+len(s))
		}
	}
	for _, w := range c.needs {
		if strings.Contains(low, w) {
			return true
		}
	}
	return c.needs == nil
}

// hasOddRune reports whether s holds one of foldOddRunes.
func hasOddRune(s string) bool {
	return strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f")
}

// occurrences returns the offsets in low where any of words starts, in
// order and each once.
func occurrences(low string, words []string) []int {
	var at []int
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(low[i:], w)
			if j < 0 {
				break
			}
			at = append(at, i+j)
			i += j + 1
		}
	}
	if len(words) > 1 {
		slices.Sort(at)
		at = slices.Compact(at)
	}
	return at
}

// lineStarts returns the offsets where the lines of s start.
func lineStarts(s string) []int {
	at := []int{0}
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			return at
		}
		i += j + 1
		at = append(at, i)
	}
}

// fromPositions returns up to n (all when n < 0) leftmost-first matches
// of the rule in s, given the sorted positions where a match may start.
func (c *cuedRe) fromPositions(s string, at []int, n int) [][]int {
	var out [][]int
	pos := 0
	for _, p := range at {
		if p < pos {
			continue
		}
		m := c.matchAt(s, p)
		if m == nil {
			continue
		}
		out = append(out, m)
		if n >= 0 && len(out) >= n {
			break
		}
		pos = m[1]
	}
	return out
}

// matchAt returns the submatch indexes of the rule's match starting at p,
// nil when none starts there.
func (c *cuedRe) matchAt(s string, p int) []int {
	if c.next != nil && !opensWith(s, p, c.next) {
		return nil
	}
	if p == 0 {
		return c.at0.FindStringSubmatchIndex(s)
	}
	_, k := utf8.DecodeLastRuneInString(s[:p])
	m := c.atN.FindStringSubmatchIndex(s[p-k:])
	if m == nil {
		return nil
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += p - k
		}
	}
	m[0] = p
	return m
}

// FindAllStringSubmatchIndex is the regexp's.
func (c *cuedRe) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return c.find(s, "", n)
}

// FindAllStringIndex is the regexp's.
func (c *cuedRe) FindAllStringIndex(s string, n int) [][]int {
	return fullOnly(c.find(s, "", n))
}

// FindStringSubmatchIndex is the regexp's.
func (c *cuedRe) FindStringSubmatchIndex(s string) []int {
	if m := c.find(s, "", 1); m != nil {
		return m[0]
	}
	return nil
}

// FindStringIndex is the regexp's.
func (c *cuedRe) FindStringIndex(s string) []int {
	if m := c.FindStringSubmatchIndex(s); m != nil {
		return m[:2:2]
	}
	return nil
}

// MatchString is the regexp's.
func (c *cuedRe) MatchString(s string) bool {
	return c.find(s, "", 1) != nil
}

// FindString is the regexp's.
func (c *cuedRe) FindString(s string) string {
	if m := c.FindStringSubmatchIndex(s); m != nil {
		return s[m[0]:m[1]]
	}
	return ""
}

// FindStringSubmatch is the regexp's.
func (c *cuedRe) FindStringSubmatch(s string) []string {
	if m := c.FindStringSubmatchIndex(s); m != nil {
		return submatches(s, m)
	}
	return nil
}

// FindAllString is the regexp's.
func (c *cuedRe) FindAllString(s string, n int) []string {
	var out []string
	for _, m := range c.FindAllStringSubmatchIndex(s, n) {
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

// FindAllStringSubmatch is the regexp's.
func (c *cuedRe) FindAllStringSubmatch(s string, n int) [][]string {
	var out [][]string
	for _, m := range c.FindAllStringSubmatchIndex(s, n) {
		out = append(out, submatches(s, m))
	}
	return out
}

// findLow is FindStringSubmatchIndex given low, s in ASCII lower case
// (lowerString(s)), so that a caller trying many rules on one text lowers
// it once.
func (c *cuedRe) findLow(s, low string) []int {
	if m := c.find(s, low, 1); m != nil {
		return m[0]
	}
	return nil
}

// FindAllIn is FindAllStringSubmatchIndex over the document's text.
func (c *cuedRe) FindAllIn(d *doc) [][]int {
	return c.find(d.text, d.lower(), -1)
}

func fullOnly(ms [][]int) [][]int {
	for i, m := range ms {
		ms[i] = m[:2:2]
	}
	return ms
}

func submatches(s string, m []int) []string {
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// matcher is a compiled rule: a *regexp.Regexp or a *cuedRe.
type matcher interface {
	MatchString(s string) bool
	FindStringIndex(s string) []int
	FindStringSubmatchIndex(s string) []int
	FindAllStringIndex(s string, n int) [][]int
	FindAllStringSubmatchIndex(s string, n int) [][]int
	String() string
}
