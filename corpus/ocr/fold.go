package ocr

import (
	"regexp"
	"strings"
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
var bulletRe = regexp.MustCompile(`(?m)^(\s*)„\s?`)

// Specks before a word: tesseract reads dust, underlines and bullet
// remnants at a word's start as one or two underscores, sometimes after a
// quote or «: "_Onderwijsmiddel", "__School-", "“_3. De Rolf groep",
// "«_o Nederland"; alone they stand as "_". A run of three or more is a
// line to fill in and is kept, as is an underscore inside a word
// (jan_de_vries@…).
var (
	speckBeforeWord = regexp.MustCompile(`(^|[ \t\n])[«»"'*·°~]?_{1,2}([\pL\pN])`)
	speckAlone      = regexp.MustCompile(`(?m)(^|[ \t])_{1,2}( |$)`)
)

// fold replaces the characters of folds, bullets read as „ and specks
// read as underscores.
func fold(s string) string {
	s = bulletRe.ReplaceAllString(folder.Replace(s), "${1}• ")
	s = speckBeforeWord.ReplaceAllString(s, "$1$2")
	return speckAlone.ReplaceAllString(s, "$1")
}
