package normalize

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// extraSpaces are the no-break spaces that Word, HTML (&nbsp;) and PDF
// text put between words where a plain space is meant.
const extraSpaces = `\x{a0}\x{202f}\x{2007}`

// Pattern is a regular expression in which every white-space match also
// matches a no-break space: \s, \S and a literal space are widened, in and
// outside character classes. Rules written with plain spaces then hold on
// text from DOCX and HTML sources. Like Lazy, it is compiled on first use
// and panics then on a bad pattern, like regexp.MustCompile.
func Pattern(p string) *Regexp {
	return register(&Regexp{src: p, wide: true})
}

// widen returns p with \s, \S and literal spaces widened to no-break
// spaces.
func widen(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			switch {
			case p[i+1] == 's' && inClass:
				b.WriteString(`\s` + extraSpaces)
			case p[i+1] == 's':
				b.WriteString(`[\s` + extraSpaces + `]`)
			case p[i+1] == 'S' && !inClass:
				b.WriteString(`[^\s` + extraSpaces + `]`)
			default:
				b.WriteByte(c)
				b.WriteByte(p[i+1])
			}
			i++
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
			// a ']' right after '[' or '[^' is a literal
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		case c == ' ' && inClass:
			b.WriteString(` ` + extraSpaces)
		case c == ' ':
			b.WriteString(`[ ` + extraSpaces + `]`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Regexp is a regular expression compiled on its first use rather than
// when it is declared: a program (or a dpa reader process) that never
// runs a rule does not pay for compiling it, and package initialisation
// stays cheap. Its methods are those of regexp.Regexp; it is safe for
// concurrent use.
type Regexp struct {
	src  string // the expression as given
	wide bool   // src is widened (Pattern) when first needed
	// needs, read on first use from the table SetNeeds gives, are
	// words one of which every match holds; a text holding none of
	// them is not matched, nor the expression compiled for it
	needsOnce sync.Once
	needs     *Needs
	// expr is the expression, src widened, made on first use: package
	// initialisation, which every dpa process (reader children too)
	// pays, declares a few hundred rules and uses few
	exprOnce sync.Once
	expr     string
	once     sync.Once
	re       *regexp.Regexp
}

// expressions are the Regexps made by Lazy and Pattern, for CompileAll.
var expressions struct {
	sync.Mutex
	all []*Regexp
}

// register adds r to expressions and returns it.
func register(r *Regexp) *Regexp {
	expressions.Lock()
	expressions.all = append(expressions.all, r)
	expressions.Unlock()
	return r
}

// Lazy returns expr as a Regexp compiled on first use. A bad expression
// panics then, like regexp.MustCompile; CompileAll lets a test compile
// every expression declared so far. Make one per expression, as a
// package-level variable: each Regexp is compiled on its own first use,
// so one made per call is compiled per call.
func Lazy(expr string) *Regexp {
	return register(&Regexp{src: expr})
}

// Expressions returns the distinct expressions given to Lazy or Pattern so
// far (a Pattern's as widened), sorted.
func Expressions() []string {
	expressions.Lock()
	all := slices.Clone(expressions.all)
	expressions.Unlock()
	exprs := make([]string, 0, len(all))
	for _, r := range all {
		exprs = append(exprs, r.String())
	}
	slices.Sort(exprs)
	return slices.Compact(exprs)
}

// CompileAll compiles every distinct expression given to Lazy or Pattern
// so far and returns an error naming those that do not compile.
func CompileAll() error {
	exprs := Expressions()
	var bad []string
	for _, e := range exprs {
		if _, err := regexp.Compile(e); err != nil {
			bad = append(bad, err.Error())
		}
	}
	if bad != nil {
		return fmt.Errorf("%d expressions do not compile: %s", len(bad), strings.Join(bad, "; "))
	}
	return nil
}

// Needs are what every match of an expression holds, read from its
// syntax ahead of time (see SetNeeds).
type Needs struct {
	// Words are lower-case ASCII words one of which every match holds
	// (in any case; a case-insensitive k or s may also be the Kelvin sign
	// or long s).
	Words []string
	// Anchored says that every match starts at the start of the text:
	// the words are then looked for only in short texts, where looking
	// costs less than the failed match it saves.
	Anchored bool
}

// maxAnchoredScan is the longest text an anchored expression's words are
// looked for in.
const maxAnchoredScan = 512

// needsOf is the table SetNeeds gives.
var needsOf atomic.Pointer[func(expr string) *Needs]

// SetNeeds gives Regexp a table of what every match of an expression
// holds (nil for an expression it does not know). An expression whose
// needed words a text lacks then reports no match in that text without
// being compiled or run: in a fresh process most rules are tried on a
// few texts only, and compiling them was a fifth of its CPU time. The
// table must be right (a package's test holds it to the expressions'
// syntax); a Regexp reads it once, on its first use.
func SetNeeds(table func(expr string) *Needs) {
	needsOf.Store(&table)
}

// mayMatch reports whether s may hold a match: false only when s lacks
// every word the expression needs.
func (r *Regexp) mayMatch(s string) bool {
	r.needsOnce.Do(func() {
		if t := needsOf.Load(); t != nil {
			r.needs = (*t)(r.String())
		}
	})
	n := r.needs
	if n == nil || n.Anchored && len(s) > maxAnchoredScan {
		return true
	}
	for _, w := range n.Words {
		if containsFoldASCII(s, w) {
			return true
		}
	}
	// the Kelvin sign and long s fold to k and s
	return strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f")
}

// containsFoldASCII reports whether s holds w (lower-case ASCII, not
// empty) with its ASCII letters in any case.
func containsFoldASCII(s, w string) bool {
	c0, c1 := w[0], w[0]
	if 'a' <= c0 && c0 <= 'z' {
		c1 = c0 - 'a' + 'A'
	}
	for i := 0; i+len(w) <= len(s); i++ {
		if j := indexEither(s[i:len(s)-len(w)+1], c0, c1); j < 0 {
			return false
		} else {
			i += j
		}
		k := 1
		for k < len(w) && (s[i+k] == w[k] || 'A' <= s[i+k] && s[i+k] <= 'Z' && s[i+k]+'a'-'A' == w[k]) {
			k++
		}
		if k == len(w) {
			return true
		}
	}
	return false
}

// indexEither returns the index of the first a or b in s, -1 for none.
func indexEither(s string, a, b byte) int {
	i := strings.IndexByte(s, a)
	if a == b {
		return i
	}
	if i >= 0 {
		s = s[:i] // b counts only before the first a
	}
	if j := strings.IndexByte(s, b); j >= 0 {
		return j
	}
	return i
}

// Regexp returns the compiled expression, compiling it on first use.
func (r *Regexp) Regexp() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.String()) })
	return r.re
}

// String returns the source text of the expression (for a Pattern, as
// widened); it does not compile it.
func (r *Regexp) String() string {
	if !r.wide {
		return r.src
	}
	r.exprOnce.Do(func() { r.expr = widen(r.src) })
	return r.expr
}

// NumSubexp is regexp.Regexp's.
func (r *Regexp) NumSubexp() int { return r.Regexp().NumSubexp() }

// SubexpNames is regexp.Regexp's.
func (r *Regexp) SubexpNames() []string { return r.Regexp().SubexpNames() }

// SubexpIndex is regexp.Regexp's.
func (r *Regexp) SubexpIndex(name string) int { return r.Regexp().SubexpIndex(name) }

// LiteralPrefix is regexp.Regexp's.
func (r *Regexp) LiteralPrefix() (prefix string, complete bool) { return r.Regexp().LiteralPrefix() }

// Match is regexp.Regexp's.
func (r *Regexp) Match(b []byte) bool { return r.Regexp().Match(b) }

// MatchString is regexp.Regexp's.
func (r *Regexp) MatchString(s string) bool {
	if !r.mayMatch(s) {
		return false
	}
	return r.Regexp().MatchString(s)
}

// MatchReader is regexp.Regexp's.
func (r *Regexp) MatchReader(rd io.RuneReader) bool { return r.Regexp().MatchReader(rd) }

// Find is regexp.Regexp's.
func (r *Regexp) Find(b []byte) []byte { return r.Regexp().Find(b) }

// FindIndex is regexp.Regexp's.
func (r *Regexp) FindIndex(b []byte) []int { return r.Regexp().FindIndex(b) }

// FindSubmatch is regexp.Regexp's.
func (r *Regexp) FindSubmatch(b []byte) [][]byte { return r.Regexp().FindSubmatch(b) }

// FindSubmatchIndex is regexp.Regexp's.
func (r *Regexp) FindSubmatchIndex(b []byte) []int { return r.Regexp().FindSubmatchIndex(b) }

// FindAll is regexp.Regexp's.
func (r *Regexp) FindAll(b []byte, n int) [][]byte { return r.Regexp().FindAll(b, n) }

// FindAllIndex is regexp.Regexp's.
func (r *Regexp) FindAllIndex(b []byte, n int) [][]int { return r.Regexp().FindAllIndex(b, n) }

// FindAllSubmatch is regexp.Regexp's.
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte { return r.Regexp().FindAllSubmatch(b, n) }

// FindAllSubmatchIndex is regexp.Regexp's.
func (r *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	return r.Regexp().FindAllSubmatchIndex(b, n)
}

// FindString is regexp.Regexp's.
func (r *Regexp) FindString(s string) string {
	if !r.mayMatch(s) {
		return ""
	}
	return r.Regexp().FindString(s)
}

// FindStringIndex is regexp.Regexp's.
func (r *Regexp) FindStringIndex(s string) []int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp().FindStringIndex(s)
}

// FindStringSubmatch is regexp.Regexp's.
func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp().FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp.Regexp's.
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp().FindStringSubmatchIndex(s)
}

// FindAllString is regexp.Regexp's.
func (r *Regexp) FindAllString(s string, n int) []string {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp().FindAllString(s, n)
}

// FindAllStringIndex is regexp.Regexp's.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp().FindAllStringIndex(s, n)
}

// FindAllStringSubmatch is regexp.Regexp's.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp().FindAllStringSubmatch(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp's.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp().FindAllStringSubmatchIndex(s, n)
}

// ReplaceAll is regexp.Regexp's.
func (r *Regexp) ReplaceAll(src, repl []byte) []byte { return r.Regexp().ReplaceAll(src, repl) }

// ReplaceAllLiteral is regexp.Regexp's.
func (r *Regexp) ReplaceAllLiteral(src, repl []byte) []byte {
	return r.Regexp().ReplaceAllLiteral(src, repl)
}

// ReplaceAllFunc is regexp.Regexp's.
func (r *Regexp) ReplaceAllFunc(src []byte, repl func([]byte) []byte) []byte {
	return r.Regexp().ReplaceAllFunc(src, repl)
}

// ReplaceAllString is regexp.Regexp's.
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Regexp().ReplaceAllString(src, repl)
}

// ReplaceAllLiteralString is regexp.Regexp's.
func (r *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return r.Regexp().ReplaceAllLiteralString(src, repl)
}

// ReplaceAllStringFunc is regexp.Regexp's.
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.Regexp().ReplaceAllStringFunc(src, repl)
}

// Expand is regexp.Regexp's.
func (r *Regexp) Expand(dst, template, src []byte, match []int) []byte {
	return r.Regexp().Expand(dst, template, src, match)
}

// ExpandString is regexp.Regexp's.
func (r *Regexp) ExpandString(dst []byte, template, src string, match []int) []byte {
	return r.Regexp().ExpandString(dst, template, src, match)
}

// Split is regexp.Regexp's.
func (r *Regexp) Split(s string, n int) []string { return r.Regexp().Split(s, n) }
