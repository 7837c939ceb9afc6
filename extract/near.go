package extract

import (
	"strings"
)

// Many rules only match where one of a few words stands ("AVG", "Wbp",
// "bewaartermijn"). Running such a rule over the whole text costs a full
// regexp scan of every byte (Go's regexp has no literal prefix to skip to
// when a rule starts with a case-insensitive alternation); findAllNear runs
// it only in windows around its words, which gives the same matches for a
// rule whose every match holds one of the words and stays within
// nearMargin of it or on its line: a match cannot start or end in the gap
// between two windows, and in a window the rule sees the same text as in
// the whole.

// nearMargin is how far in bytes a match of a word-cued rule may reach
// from its word; the windows stretch this far either side of each word.
const nearMargin = 512

// lower returns the text with ASCII letters in lower case, computed once;
// byte offsets are those of the text.
func (d *doc) lower() string {
	return d.index.lower()
}

// findAllNear returns re.FindAllStringSubmatchIndex(d.text, -1) for a
// rule whose every match contains one of words (lower-case ASCII, found in
// any case) and lies within nearMargin bytes of it or on its line. A text
// with a Kelvin sign or long s (which match k and s in any case) gets the
// whole scan. The rule must not use ^ or $ outside (?m) mode.
// The windows run from line start to line end, so \b and (?m)^ see the
// same neighbours as in the whole text.
func (d *doc) findAllNear(re matcher, words []string) [][]int {
	if c, ok := re.(*cuedRe); ok {
		return c.FindAllIn(d) // the same matches, found faster
	}
	low := d.lower()
	if hasOddRune(low) {
		return re.FindAllStringSubmatchIndex(d.text, -1) // words may be folded
	}
	at := occurrences(low, words)
	if len(at) == 0 {
		return nil
	}
	var out [][]int
	for i := 0; i < len(at); {
		from, to := d.lineStartAt(at[i]-nearMargin), d.lineEndAt(at[i]+nearMargin)
		for i++; i < len(at) && at[i]-nearMargin <= to; i++ {
			to = d.lineEndAt(at[i] + nearMargin)
		}
		for _, m := range re.FindAllStringSubmatchIndex(d.text[from:to], -1) {
			for k := range m {
				if m[k] >= 0 { // -1 is a group that took no part
					m[k] += from
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// lineStartAt returns the start of the line that holds offset i (clamped
// to the text).
func (d *doc) lineStartAt(i int) int {
	if i <= 0 {
		return 0
	}
	return strings.LastIndexByte(d.text[:min(i, len(d.text))], '\n') + 1
}

// lineEndAt returns the end of the line that holds offset i (clamped to
// the text), before its newline.
func (d *doc) lineEndAt(i int) int {
	if i >= len(d.text) {
		return len(d.text)
	}
	if j := strings.IndexByte(d.text[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(d.text)
}

// foldOddRunes are the runes that case-insensitive matching takes for k
// and s (the Kelvin sign and long s); a text with one gets no shortcut.
const foldOddRunes = "\u212a\u017f"

// mayHold reports whether [start, end) of the text holds one of words
// (lower-case ASCII, found in any case): a cheap test before a rule each
// of whose matches holds one of them.
func (d *doc) mayHold(start, end int, words []string) bool {
	s := d.lower()[start:end]
	if hasOddRune(s) {
		return true
	}
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
