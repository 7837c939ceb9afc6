package ocr

import (
	"regexp"
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/corpus/blocks"
)

// folds are characters tesseract writes that carry no information the
// page had, replaced by the plain characters a text layer would hold, so
// that the extractors' rules see the same text in scans and text PDFs.
// Earlier entries win where two could apply.
// Measured on the scanned corpus against the text layer: "iĳ" for "ij" in
// "verantwoordelijke", curly quotes where the page had straight ones
// (24 of 24), bullets read as „.
var folds = []struct{ from, to, why string }{
	{"iĳ", "ij", "tesseract's nld model read 'lijke' as l, i, ĳ, k, e"},
	{"ĳ", "ij", "ligature: Dutch ij is two letters in text layers and rules"},
	{"Ĳ", "IJ", "ligature"},
	{"ﬁ", "fi", "ligature"},
	{"ﬂ", "fl", "ligature"},
	{"ﬀ", "ff", "ligature"},
	{"ﬃ", "ffi", "ligature"},
	{"ﬄ", "ffl", "ligature"},
	{"‘", "'", "OCR cannot tell curly from straight quotes"},
	{"’", "'", "idem"},
	{"“", `"`, "idem"},
	{"”", `"`, "idem"},
}

var folder = func() *strings.Replacer {
	var pairs []string
	for _, f := range folds {
		pairs = append(pairs, f.from, f.to)
	}
	return strings.NewReplacer(pairs...)
}()

// bulletRe matches a „ that opens a line: tesseract's reading of a round
// list bullet (•), not a Dutch opening quote, which stands inside text.
var bulletRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^(\s*)„\s?`) })

// Specks before a word: tesseract reads dust, underlines and bullet
// remnants at a word's start as one or two underscores, sometimes after a
// quote or «: "_Onderwijsmiddel", "__School-", "“_3. De Rolf groep",
// "«_o Nederland"; alone they stand as "_". A run of three or more is a
// line to fill in and is kept, as is an underscore inside a word
// (jan_de_vries@…).
var (
	speckBeforeWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(^|[ \t\n])[«»"'*·°~]?_{1,2}([\pL\pN])`) })
	speckAlone      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)(^|[ \t])_{1,2}( |$)`) })
)

// fold replaces the characters of folds, bullets read as „ and specks
// read as underscores.
func fold(s string) string {
	s = bulletRe().ReplaceAllString(folder.Replace(s), "${1}• ")
	s = speckBeforeWord().ReplaceAllString(s, "$1$2")
	return speckAlone().ReplaceAllString(s, "$1")
}

// cleanTextMap returns cleanText(s) and the map from byte offsets of s to
// offsets of the cleaned text, so that the words' places in the text that
// layout wrote follow the text into the page. It makes the same changes
// as cleanText, step by step, recording each replacement.
func cleanTextMap(s string) (string, func(int) int) {
	var maps []*blocks.OffsetMap
	step := func(out string, m *blocks.OffsetMap) {
		s = out
		maps = append(maps, m)
	}
	step(replaceMapped(s, literalMatches(s, []string{"\f"}), func([]int) string { return "" }))
	froms := make([]string, len(folds))
	to := map[string]string{}
	for i, f := range folds {
		froms[i] = f.from
		if _, dup := to[f.from]; !dup {
			to[f.from] = f.to
		}
	}
	step(replaceMapped(s, literalMatches(s, froms), func(m []int) string { return to[s[m[0]:m[1]]] }))
	for _, r := range []struct {
		re       *regexp.Regexp
		template string
	}{{bulletRe(), "${1}• "}, {speckBeforeWord(), "$1$2"}, {speckAlone(), "$1"}} {
		cur := s
		step(replaceMapped(cur, r.re.FindAllStringSubmatchIndex(cur, -1), func(m []int) string {
			return string(r.re.ExpandString(nil, r.template, cur, m))
		}))
	}
	trimmed := strings.TrimRight(s, " \n")
	n := len(trimmed)
	return trimmed, func(o int) int {
		for _, m := range maps {
			o = m.Map(o)
		}
		return min(o, n)
	}
}

// literalMatches returns the places in s of the strings of olds, as
// strings.Replacer finds them: left to right, at each place the first of
// olds that matches, without overlaps.
func literalMatches(s string, olds []string) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		hit := false
		for _, o := range olds {
			if strings.HasPrefix(s[i:], o) {
				out = append(out, []int{i, i + len(o)})
				i += len(o)
				hit = true
				break
			}
		}
		if !hit {
			i++
		}
	}
	return out
}

// replaceMapped replaces each match [m[0], m[1]) of s (in order, without
// overlaps) with repl(m) and returns the result and the offset map.
func replaceMapped(s string, matches [][]int, repl func(m []int) string) (string, *blocks.OffsetMap) {
	if len(matches) == 0 {
		return s, nil
	}
	var b strings.Builder
	m := &blocks.OffsetMap{}
	last := 0
	for _, mt := range matches {
		b.WriteString(s[last:mt[0]])
		m.Add(mt[0], b.Len())
		b.WriteString(repl(mt))
		m.Add(mt[1], b.Len())
		last = mt[1]
	}
	b.WriteString(s[last:])
	return b.String(), m
}
