package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/normalize"
)

// Sentence boundaries make evidence readable: a value is cited with the
// sentence it stands in, not a bare word. prose's Punkt segmenter (an
// English model) gets Dutch multi-dot abbreviations right ("o.a.", "B.V.",
// "t.b.v.", "d.w.z.") because it treats any "x.y." token as an
// abbreviation. It splits after single-word Dutch abbreviations it does not
// know ("art. 28", "bijv. in", "nr. 5"), misses a sentence that ends in an
// address ("help@voorbeeld.nl. Wij"), and does not know the layout of an
// agreement (headings, list items, table rows without a full stop). So its
// boundaries are corrected: a break after a word of dutchAbbreviations, or
// before a lower-case word or a number, is undone, and line layout adds
// hard breaks. sentences_test.go shows both on Dutch text. punkt.go
// builds prose's segmenter once per process.

// dutchAbbreviations are single-word abbreviations that end in a full
// stop in Dutch agreements and do not end a sentence.
var dutchAbbreviations = map[string]bool{
	"art": true, "artt": true, "bijv": true, "bv": true, "nr": true, "nrs": true, "blz": true, "pag": true,
	"wk": true, "mnd": true, "jr": true, "ca": true, "incl": true, "excl": true, "evt": true, "resp": true,
	"max": true, "min": true, "vgl": true, "zgn": true, "jl": true, "dhr": true, "mevr": true, "mr": true,
	"drs": true, "ing": true, "ir": true, "prof": true, "dr": true, "sub": true, "tel": true, "fax": true,
	"str": true, "vs": true, "afd": true, "mln": true, "mld": true, "ong": true,
	// the first word of a two-word legal form ("Pvt. Ltd.", "Pty. Ltd.", "Corp. Ltd.")
	"pvt": true, "pty": true, "corp": true,
}

// sentenceSpans splits text into sentence spans [start, end), trimmed of
// white space. It runs prose once over the whole text, maps its sentences
// back to offsets, then applies the Dutch and layout corrections.
func sentenceSpans(text string) [][2]int {
	soft := proseBreaks(text)
	hard := layoutBreaks(text)
	breaks := map[int]bool{}
	for _, b := range soft {
		if !abbreviationBefore(text, b) && !continuationAfter(text, b) {
			breaks[b] = true
		}
	}
	for _, b := range hard {
		breaks[b] = true
	}
	for _, m := range addressEnds(text) {
		breaks[m[2]] = true
	}
	cuts := make([]int, 0, len(breaks)+2)
	cuts = append(cuts, 0)
	for b := range breaks {
		cuts = append(cuts, b)
	}
	cuts = append(cuts, len(text))
	sort.Ints(cuts)
	var out [][2]int
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if s < e {
			out = append(out, [2]int{s, e})
		}
	}
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// proseBreaks returns the offsets where prose ends a sentence.
func proseBreaks(text string) []int {
	var out []int
	cursor := 0
	for _, s := range punktSentences(text) {
		if s == "" {
			continue
		}
		i := strings.Index(text[cursor:], s)
		if i < 0 {
			continue // prose normalised something; keep going from here
		}
		cursor += i + len(s)
		out = append(out, cursor)
	}
	return out
}

// addressEndRe is a web or e-mail address that ends a sentence ("via
// help@voorbeeld.nl. Wij …"): prose takes the address's last dot for an
// abbreviation and does not break there. Group 1 is where the break goes.
var addressEndRe = normalize.Lazy(`(?:\S+@\S+|www\.\S+|https?://\S+)\.()\s+\p{Lu}`)

// addressEnds returns addressEndRe.FindAllStringSubmatchIndex(text, -1),
// found without scanning the whole text: a match lies in one run of
// non-space characters that holds "@", "www." or "http" and ends in a full
// stop, plus the white space after it and the next character, so the rule
// runs on those runs alone. (\s and \S are ASCII white space and the rest;
// the rule has no \b or ^ that would look outside the run.)
func addressEnds(text string) [][]int {
	var at []int
	for _, w := range []string{"@", "www.", "http"} {
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			at = append(at, i+j)
			i += j + 1
		}
	}
	sort.Ints(at)
	var out [][]int
	prevEnd, lastRun := 0, -1
	for _, q := range at {
		start := strings.LastIndexAny(text[:q], asciiSpace) + 1
		if start == lastRun {
			continue // the run was tried already
		}
		lastRun = start
		end := q + strings.IndexAny(text[q:], asciiSpace)
		if end < q || text[end-1] != '.' {
			continue // no white space after the run, or it does not end a sentence
		}
		next := end
		for next < len(text) && strings.IndexByte(asciiSpace, text[next]) >= 0 {
			next++
		}
		if next == len(text) {
			continue
		}
		_, size := utf8.DecodeRuneInString(text[next:])
		from := max(start, prevEnd)
		m := addressEndRe.FindStringSubmatchIndex(text[from : next+size])
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += from
			}
		}
		out = append(out, m)
		prevEnd = m[1]
	}
	return out
}

// asciiSpace are the characters \s matches.
const asciiSpace = " \t\n\f\r"

// abbreviationBefore reports whether the break at off follows a known
// single-word Dutch abbreviation ("art.").
func abbreviationBefore(text string, off int) bool {
	t := strings.TrimRight(text[:off], " \t")
	if !strings.HasSuffix(t, ".") {
		return false
	}
	t = t[:len(t)-1]
	i := strings.LastIndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	return dutchAbbreviations[strings.ToLower(t[i+1:])]
}

// continuationAfter reports whether the text after a break at off goes on
// with a lower-case word or a number on the same line, which a new sentence
// does not.
func continuationAfter(text string, off int) bool {
	rest := text[off:]
	j := strings.IndexFunc(rest, func(r rune) bool { return r != ' ' && r != '\t' })
	if j < 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[j:])
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// layoutLineRe is a line that starts a new unit whatever precedes it: a
// list item, a heading, a table row.
var layoutLineRe = normalize.Lazy(`^[ \t]*(?:[-•*–]\s|[a-z]\.\s|\d{1,2}[.)]\s|[A-H][.)]\s|Artikel\s+\d|Bijlage\s+\d|\|)`)

// layoutBreaks returns hard sentence breaks from the layout: blank lines,
// page breaks, the start of a list item, heading or table row (and the end
// of a row), and the end of a short line without final punctuation (a
// heading or label). A long line that does not end a sentence runs on into
// the next, as a wrapped sentence does.
func layoutBreaks(text string) []int {
	var out []int
	lines := splitLines(text, 0, len(text))
	for i, l := range lines {
		trimmed := strings.TrimSpace(l.Text)
		if trimmed == "" || strings.Contains(l.Text, "\f") {
			out = append(out, l.Start)
			continue
		}
		if layoutLineRe.MatchString(l.Text) || strings.Contains(l.Text, "\t") {
			out = append(out, l.Start)
			if strings.Contains(l.Text, "\t") || strings.Contains(l.Text, " | ") {
				out = append(out, l.End) // a table row is one unit
			}
		}
		// a short line without final punctuation (a heading, a label) ends there
		if i+1 < len(lines) && utf8.RuneCountInString(trimmed) < 80 && !strings.ContainsAny(trimmed[len(trimmed)-1:], ".,;:(-") {
			out = append(out, l.End)
		}
	}
	return out
}

// Sentences are split paragraph by paragraph, when a caller asks for one
// that holds a given offset, not over the whole text at once: most
// documents need the sentences around a few values only. A paragraph
// ends where a blank line follows, or a page break on a line of its own
// (a PDF's pages are rarely separated by blank lines: without it a
// 1000-page bundle is one paragraph, split whole for one sentence); the
// split there is the same as in the whole text (TestParagraphSentences):
// that line is a hard break (layoutBreaks) in any case, Punkt decides a
// break from a token and the one after it, and the layout and address
// rules read a line or a run of characters.

// paragraphStarts returns the offsets where the paragraphs of text start:
// 0 and the line feed that ends each line followed by a blank one (white
// space alone, a page break included).
func paragraphStarts(text string) []int {
	at := []int{0}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return at
		}
		nl := i + j
		k := nl + 1
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\f') {
			k++
		}
		if k < len(text) && text[k] == '\n' && nl > at[len(at)-1] {
			at = append(at, nl)
		}
		i = nl + 1
	}
}

// paragraphSentences returns the sentence spans of paragraph k of the
// text, computed once.
func (d *doc) paragraphSentences(k int) [][2]int {
	if d.paras == nil {
		d.paras = paragraphStarts(d.text)
		d.paraSents = make([][][2]int, len(d.paras))
	}
	if d.paraSents[k] == nil {
		start, end := d.paras[k], len(d.text)
		if k+1 < len(d.paras) {
			end = d.paras[k+1]
		}
		ss := sentenceSpans(d.text[start:end])
		for i := range ss {
			ss[i][0] += start
			ss[i][1] += start
		}
		if ss == nil {
			ss = [][2]int{}
		}
		d.paraSents[k] = ss
	}
	return d.paraSents[k]
}

// sentenceAround returns the span of the sentence(s) that hold [start,
// end); for a span outside any sentence it returns the span itself.
func (d *doc) sentenceAround(start, end int) (int, int) {
	if d.paras == nil {
		d.paragraphSentences(0)
	}
	// the sentences in order from the paragraph that holds start
	k := max(sort.SearchInts(d.paras, start+1)-1, 0)
	i := -1
	var ss [][2]int
	next := func() ([2]int, bool) {
		for i+1 >= len(ss) {
			if k >= len(d.paras) {
				return [2]int{}, false
			}
			ss, i = d.paragraphSentences(k), -1
			k++
		}
		i++
		return ss[i], true
	}
	sp, ok := next()
	for ok && sp[1] <= start {
		sp, ok = next()
	}
	if !ok || sp[0] > start {
		return start, end
	}
	s, e := sp[0], sp[1]
	for e < end {
		if sp, ok = next(); !ok {
			break
		}
		e = sp[1]
	}
	return s, max(e, end)
}
