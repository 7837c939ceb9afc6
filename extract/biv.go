package extract

import (
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// bivAspect names the three BIV aspects in the order of the acronym:
// Beschikbaarheid, Integriteit, Vertrouwelijkheid.
type bivAspect int

const (
	bivAvailability bivAspect = iota
	bivIntegrity
	bivConfidentiality
)

// bivPaths are the record paths of the aspects, in bivAspect order.
var bivPaths = [3]string{"biv.availability", "biv.integrity", "biv.confidentiality"}

// bivAspectWords maps the (lower-case) words for an aspect to the aspect.
var bivAspectWords = map[string]bivAspect{
	"beschikbaarheid": bivAvailability, "availability": bivAvailability,
	"integriteit": bivIntegrity, "integrity": bivIntegrity,
	"vertrouwelijkheid": bivConfidentiality, "confidentiality": bivConfidentiality,
}

// bivLevel is a level or a range as written: words, letters or digits
// joined by /, -, "tot" or "t/m". Three levels joined ("Laag/Midden/Hoog")
// match too, so that normalize.BIVLevel can reject an unfilled choice.
const bivLevel = `(?:laag|midden|middel|gemiddelde?|hoog|low|medium|high|[lmh123])`
const bivLevelExpr = bivLevel + `(?:[ \t]*(?:t/m|tot(?:[ \t]+en[ \t]+met)?|/|-|–)[ \t]*` + bivLevel + `){0,2}`

var (
	// bivAspectRe is an aspect followed by its level on the same line (or
	// the next, where a PDF wraps around the "=": "Integriteit =⏎Hoog"):
	// "Beschikbaarheid=Midden", "Integriteit | M", "Vertrouwelijkheid: 2",
	// "de beschikbaarheid is ingeschaald als hoog". A few connecting words
	// are allowed, nothing else, so "beschikbaarheid is belangrijk" is no level.
	bivAspectRe = mustCued(`(?i)\b(beschikbaarheid|integriteit|vertrouwelijkheid|availability|integrity|confidentiality)\b` +
		`(?:[ \t]*\((?:[biv]|[aic])\))?` +
		`(?:[ \t]*\n?[ \t]*[:=][ \t]*\n?[ \t]*|[ \t]*(?:[|\t]|[ \t][–-][ \t]|\b(?:is|wordt|als|op|niveau|geclassificeerd|ingeschaald|classificatie|score|level)\b)[ \t]*|[ \t]+){0,4}` +
		`(` + bivLevelExpr + `)` + `(?:[^\p{L}\p{N}/]|$)`)
	// bivCompactRe is the compact classification "BIV-classificatie:
	// Hoog/Hoog/Midden" (B, I and V in that order) or "BIV: 3-2-2".
	bivCompactRe = mustCued(`(?i)\bBIV(?:[- ]?(?:classificatie|score|niveau|waarde|indeling))?\b(?:[ \t]*(?:[:=|\t][ \t|]*)+|[ \t]+(?:is[ \t]+)?)([^\n]{1,80})`)
	// bivLetterRe is an aspect by its letter on a classification line:
	// "B=2, I=2, V=3", "B: Midden", "B2 I2 V3".
	bivLetterRe = mustCued(`(?i)(?:^|[^\p{L}\p{N}])([BIV])(?:[ \t]*[:=][ \t]*|[ \t]*)(` + bivLevelExpr + `)(?:[^\p{L}\p{N}/]|$)`)
	// bivContextRe marks a line as the classification itself.
	bivContextRe = mustCued(`(?i)\bBIV\b|classificatie|classification`)
	// bivContextWords are the words of bivContextRe, for d.linesHolding.
	bivContextWords = []string{"biv", "classificatie", "classification"}
	// bivCompactSplit separates the three values of a compact classification.
	bivListSplit   = mustCued(`\s*[,;|]\s*`)
	bivSingleSplit = mustCued(`\s*[/–-]\s*|\s+`)
)

// bivMention is one aspect level found in the text.
type bivMention struct {
	aspect     bivAspect
	level      [2]int
	start, end int
	context    bool // on a line that names the classification
}

// extractBIV reads the ROSA BIV classification: each aspect's level or
// range. The record's BIV stays nil unless all three aspects are found.
func extractBIV(d *doc, r *Record) {
	if v, ev, ok := bivCompact(d); ok {
		r.BIV = &BIV{Availability: v[0], Integrity: v[1], Confidentiality: v[2]}
		for _, p := range bivPaths {
			d.cite(r, p, ev[0], ev[1], 0.85)
		}
		return
	}
	var found [3]*bivMention
	mentions, template := bivMentions(d)
	// First the mentions on a classification line, then the others.
	for _, wantContext := range []bool{true, false} {
		for i := range mentions {
			m := &mentions[i]
			if m.context == wantContext && found[m.aspect] == nil {
				found[m.aspect] = m
			}
		}
		if found[0] != nil && found[1] != nil && found[2] != nil {
			break
		}
	}
	if found[0] == nil || found[1] == nil || found[2] == nil {
		if template {
			r.Warnings = append(r.Warnings, "BIV classification left unfilled (all levels listed as a choice)")
		}
		return
	}
	r.BIV = &BIV{Availability: found[0].level, Integrity: found[1].level, Confidentiality: found[2].level}
	for i, m := range found {
		conf := 0.9
		if !m.context {
			conf = 0.7
		}
		d.cite(r, bivPaths[i], m.start, m.end, conf)
	}
}

// bivAspectNear are words every match of bivAspectRe holds (findAllNear):
// a piece of each aspect word without k or s.
var bivAspectNear = []string{"baarheid", "integrit", "vertrouwelij", "availabilit", "confidentialit"}

// bivMentions returns every aspect written with a level, in text order;
// template reports an aspect followed by an unfilled choice of all levels.
func bivMentions(d *doc) (out []bivMention, template bool) {
	for _, m := range d.findAllNear(bivAspectRe, bivAspectNear) {
		aspect := bivAspectWords[strings.ToLower(d.text[m[2]:m[3]])]
		lv, err := normalize.BIVLevel(d.text[m[4]:m[5]])
		if err != nil {
			template = true
			continue
		}
		// the classification's label may stand on the line before
		from := strings.LastIndexByte(d.text[:m[2]], '\n')
		if from > 0 {
			from = strings.LastIndexByte(d.text[:from], '\n')
		}
		context := bivContextRe.MatchString(d.text[from+1 : m[5]])
		// Away from the classification, a bare letter or digit after a
		// word ("vertrouwelijkheid op 1 januari") is no level.
		if !context && !strings.ContainsAny(d.text[m[3]:m[4]], ":=|\t") && len(strings.TrimSpace(d.text[m[4]:m[5]])) <= 3 {
			continue
		}
		out = append(out, bivMention{aspect: aspect, level: lv, start: m[0], end: m[5], context: context})
	}
	return append(append(out, bivColumns(d)...), bivLetters(d)...), template
}

// bivLetters reads the aspects by their letters on a line that names the
// classification: "BIV-classificatie: B=2, I=2, V=3".
func bivLetters(d *doc) []bivMention {
	letters := map[string]bivAspect{"b": bivAvailability, "i": bivIntegrity, "v": bivConfidentiality}
	lines := d.lines(0, len(d.text))
	context := d.linesHolding(lines, bivContextWords)
	for i, l := range lines {
		if !context[i] || !mayHoldBIVLetter(l.Text) || bivContextRe.findLow(l.Text, d.lower()[l.Start:l.End]) == nil {
			continue
		}
		var out []bivMention
		seen := map[bivAspect]bool{}
		// step from the end of each level, so that the separator after
		// it can open the next match ("B2 I2 V3")
		for pos := 0; pos < len(l.Text); {
			m := bivLetterRe.FindStringSubmatchIndex(l.Text[pos:])
			if m == nil {
				break
			}
			for k := range m {
				m[k] += pos
			}
			pos = m[5]
			a := letters[strings.ToLower(l.Text[m[2]:m[3]])]
			lv, err := normalize.BIVLevel(l.Text[m[4]:m[5]])
			if err != nil || seen[a] {
				continue
			}
			seen[a] = true
			out = append(out, bivMention{aspect: a, level: lv, start: l.Start + m[2], end: l.Start + m[5], context: true})
		}
		if len(out) == 3 {
			return out
		}
	}
	return nil
}

// bivColumns reads a table whose header row names the three aspects and
// whose next row gives their levels:
//
//	| Beschikbaarheid | Integriteit | Vertrouwelijkheid |
//	| Midden          | Hoog        | Laag              |
func bivColumns(d *doc) []bivMention {
	lines := d.lines(0, len(d.text))
	header := d.linesHolding(lines, bivAspectNear) // a header row names the aspects
	for i, l := range lines {
		// (strings.ToLower below makes "i" of "İ", which the test does not)
		if !header[i] && !strings.Contains(l.Text, "\u0130") {
			continue
		}
		cells := splitRow(l)
		if len(cells) < 3 {
			continue
		}
		var aspects []bivAspect
		for _, c := range cells {
			if a, ok := bivAspectWords[strings.ToLower(strings.TrimSpace(trimCell(c).Text))]; ok {
				aspects = append(aspects, a)
			}
		}
		if len(aspects) != 3 || aspects[0] == aspects[1] || aspects[1] == aspects[2] || aspects[0] == aspects[2] {
			continue
		}
		for _, n := range lines[i+1:] {
			if strings.TrimSpace(n.Text) == "" {
				continue
			}
			if strings.Trim(n.Text, "-:| \t") == "" {
				continue // a separator row "|---|---|"
			}
			vals := splitRow(n)
			if len(vals) < 3 {
				break
			}
			vals = vals[len(vals)-3:]
			var out []bivMention
			for j, v := range vals {
				lv, err := normalize.BIVLevel(trimCell(v).Text)
				if err != nil {
					return nil
				}
				out = append(out, bivMention{aspect: aspects[j], level: lv, start: v.Start, end: v.End, context: true})
			}
			return out
		}
	}
	return nil
}

// bivCompact reads "BIV-classificatie: Hoog/Hoog/Midden" or "BIV: 2, 2/3,
// 1": three values after the label, in B, I, V order. It returns the
// levels and the evidence span.
func bivCompact(d *doc) (levels [3][2]int, span [2]int, ok bool) {
	for _, m := range bivCompactRe.FindAllIn(d) {
		value := d.text[m[2]:m[3]]
		if bivAspectRe.MatchString(value) || strings.ContainsAny(value, "[…") {
			continue // the aspect form, or an unfilled template
		}
		// Cut the value at the first thing that is not part of it.
		if i := strings.IndexAny(value, "(.\t"); i > 0 {
			value = value[:i]
		}
		value = strings.Trim(value, " |")
		var parts []string
		if ps := bivListSplit.Split(value, -1); len(ps) == 3 {
			parts = ps
		} else if ps := bivSingleSplit.Split(value, -1); len(ps) == 3 {
			parts = ps
			// "Laag/Midden/Hoog" in that order is the list of options.
			a, _ := normalize.BIVWord(ps[0])
			b, _ := normalize.BIVWord(ps[1])
			c, _ := normalize.BIVWord(ps[2])
			if a == 1 && b == 2 && c == 3 {
				continue
			}
		} else {
			continue
		}
		good := true
		for i, p := range parts {
			lv, err := normalize.BIVLevel(p)
			if err != nil {
				good = false
				break
			}
			levels[i] = lv
		}
		if good {
			return levels, [2]int{m[0], m[2] + strings.Index(d.text[m[2]:m[3]], value) + len(value)}, true
		}
	}
	return levels, span, false
}

// mayHoldBIVLetter reports whether s may hold a match of bivLetterRe: a
// b, i or v (any case) not after an ASCII letter or digit, then spaces or
// tabs, at most one ':' or '=' among them, and the first letter or digit
// of a level (bivLevel). It is what every match holds, read off the
// rule, and costs a scan of the line where the rule costs its compiling
// (the costliest of the package) on the few lines that name the
// classification without the letters; TestMayHoldBIVLetter holds it to
// the rule.
func mayHoldBIVLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'b', 'B', 'i', 'I', 'v', 'V':
		default:
			continue
		}
		if i > 0 && isASCIIAlnum(s[i-1]) {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && (s[j] == ':' || s[j] == '=') {
			j++
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
		}
		if j < len(s) && strings.IndexByte("lLmMhHgG123", s[j]) >= 0 {
			return true
		}
	}
	return false
}

// isASCIIAlnum reports whether c is an ASCII letter or digit.
func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
