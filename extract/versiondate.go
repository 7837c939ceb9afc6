package extract

import (
	"slices"
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// versionCueRe marks a line as stating the document's version: "Versie 8
// januari 2018", "Versie: 1-5-2022", "Versienummer en versiedatum",
// "Documentversie" (but not "conversie"),
// "laatst aangepast op", "bijgewerkt op", "Datum versie", a version
// number such as "v3.2" in a footer ("… v3.2 — 12 december 2023").
var versionCueRe = cued(normalize.Pattern(`(?i)(?:\b|document|bijsluiter|bijlage)versie(?:datum|nummer)?\b|laatst\s+(?:aangepast|gewijzigd|bijgewerkt)|bijgewerkt\s+op|datum\s+(?:van\s+)?(?:deze\s+)?versie|\bversion\b|\bv\.?\s?\d+(?:\.\d+)+\b`))

// versionCueWords are words every match of versionCueRe holds (a cheap
// test first, see mayHold); "v1" … "v9" start a version number ("v3.2").
var versionCueWords = []string{"versie", "laatst", "bijgewerkt", "datum", "version", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v."}

// mayVersionCue reports whether a line (low: in ASCII lower case) holds
// what every match of versionCueRe holds: "versie", "laatst",
// "bijgewerkt", "version", or a v before a number (v, a full stop, white
// space, a digit, the last two optional). "datum" alone, the most common
// of versionCueWords, does not do: its match goes on to "versie". A line
// with a rune that (?i) takes for k or s goes to the rule.
func mayVersionCue(line, low string) bool {
	if hasOddRune(line) {
		return true
	}
	for _, w := range []string{"versie", "laatst", "bijgewerkt", "version"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	for i := 0; ; i++ {
		j := strings.IndexByte(low[i:], 'v')
		if j < 0 {
			return false
		}
		i += j
		k := i + 1
		if k < len(low) && low[k] == '.' {
			k++
		}
		k += ruleSpace(low[k:])
		if k < len(low) && '0' <= low[k] && low[k] <= '9' {
			return true
		}
	}
}

// notVersionRe marks a date that is not a version date even on a version
// line: when a check was done or an agreement signed ("uitgevoerd op",
// "ondertekend", "Datum:" of a signature block).
var notVersionRe = cued(normalize.Pattern(`(?i)uitgevoerd\s+op|ondertekend|getekend|handtekening|toetsingskader|audit|datum\s+ingang|in\s+werking`))

// maxVersionGap is how far (in lines, blank ones not counted) a date may
// follow a line that is only a version cue ("Versie" then "8 januari 2018").
const maxVersionGap = 1

// otherDocumentRe names a document other than the agreement itself whose
// version a line may date ("versie 4.0 van het Convenant van 1 augustus 2022").
var otherDocumentRe = cued(normalize.Pattern(`(?i)convenant|model\s*(?:ver|be)werkersovereenkomst|toetsingskader|certificeringsschema`))

// ofConvenant reports whether the text before a date, from the last
// version cue on, names another document: the date is that document's.
func ofConvenant(before string) bool {
	cues := versionCueRe.FindAllStringIndex(before, -1)
	if len(cues) == 0 {
		return otherDocumentRe.MatchString(before)
	}
	return otherDocumentRe.MatchString(before[cues[len(cues)-1][0]:])
}

// maxCueLine is the longest line (bytes) whose version cue may take its
// date from the next line: a heading such as "Versie" or "H. Versie", not a
// sentence ("De meest actuele versie staat op …").
const maxCueLine = 60

// extractVersionDate sets version_date to the latest date stated as a
// version of the document (or of one of its annexes).
func extractVersionDate(d *doc, r *Record) {
	type cand struct {
		iso        string
		start, end int
	}
	var best *cand
	consider := func(l Line, conf float64) {
		for _, m := range normalize.DatePattern.FindAllStringIndex(l.Text, -1) {
			if notVersionRe.MatchString(l.Text[:m[0]]) || ofConvenant(l.Text[:m[0]]) {
				continue
			}
			iso, err := normalize.Date(l.Text[m[0]:m[1]])
			if err != nil {
				continue
			}
			if best == nil || iso > best.iso {
				best = &cand{iso, l.Start + m[0], l.Start + m[1]}
			}
		}
	}
	lines := d.lines(0, len(d.text))
	cue := d.linesHolding(lines, versionCueWords)
	for i, l := range lines {
		if !cue[i] || !mayVersionCue(l.Text, d.lower()[l.Start:l.End]) || versionCueRe.findLow(l.Text, d.lower()[l.Start:l.End]) == nil {
			continue
		}
		consider(l, 0.9)
		if normalize.DatePattern.MatchString(l.Text) || len(strings.TrimSpace(l.Text)) > maxCueLine {
			continue
		}
		// a heading "Versie" with the date on the next non-empty line
		seen := 0
		for _, n := range lines[i+1:] {
			if strings.TrimSpace(strings.Trim(n.Text, "\f")) == "" {
				continue
			}
			consider(n, 0.8)
			if seen++; seen >= maxVersionGap {
				break
			}
		}
	}
	if best == nil {
		return
	}
	r.VersionDate = &best.iso
	s, e := d.sentenceAround(best.start, best.end)
	if e-s > 300 {
		s, e = best.start, best.end
	}
	d.cite(r, "version_date", s, e, 0.85)
}

// linesHolding reports for each of lines whether it may hold one of words
// (lower-case ASCII, found in any case), as d.mayHold would for each line
// alone, finding the words in one pass over the lines' stretch of the
// text per word, and for words that share their first letter (most of
// versionCueWords start with v) one pass for them all.
func (d *doc) linesHolding(lines []Line, words []string) []bool {
	out := make([]bool, len(lines))
	low := d.lower()
	// (two Contains: ContainsAny steps rune by rune through the text)
	if strings.Contains(low, "\u212a") || strings.Contains(low, "\u017f") {
		for i, l := range lines {
			out[i] = d.mayHold(l.Start, l.End, words)
		}
		return out
	}
	if len(lines) == 0 {
		return out
	}
	from, to := lines[0].Start, lines[len(lines)-1].End // every hit lies in a line
	// a word the document's cue index knows is read from its list of
	// places; words sharing a first letter are looked for together, from
	// one IndexByte pass; any other word by strings.Index
	groups := map[byte][]string{}
	var firsts []byte
	for _, w := range words {
		if w == "" {
			continue
		}
		if hits, ok := d.index.wordHits(w); ok {
			k := -1 // the line that starts last at or before at
			i, _ := slices.BinarySearch(hits, int32(from))
			for ; i < len(hits) && int(hits[i]) < to; i++ {
				at := int(hits[i])
				for k+1 < len(lines) && lines[k+1].Start <= at {
					k++
				}
				if k >= 0 && at+len(w) <= lines[k].End {
					out[k] = true
				}
			}
			continue
		}
		if groups[w[0]] == nil {
			firsts = append(firsts, w[0])
		}
		groups[w[0]] = append(groups[w[0]], w)
	}
	for _, c := range firsts {
		group := groups[c]
		k := -1 // the line that starts last at or before at
		for at := from; at < to; at++ {
			var j int
			if len(group) == 1 {
				j = strings.Index(low[at:to], group[0])
			} else {
				j = strings.IndexByte(low[at:to], c)
			}
			if j < 0 {
				break
			}
			at += j
			for k+1 < len(lines) && lines[k+1].Start <= at {
				k++
			}
			if k < 0 || out[k] {
				continue
			}
			for _, w := range group {
				if strings.HasPrefix(low[at:], w) && at+len(w) <= lines[k].End {
					out[k] = true
					break
				}
			}
		}
	}
	return out
}
