package extract

import (
	"regexp"
	"strings"
)

// SectionKind says what kind of heading opens a Section.
type SectionKind string

// The kinds of section dpa recognises.
const (
	SectionTitle   SectionKind = "title"   // the document title
	SectionArticle SectionKind = "article" // Artikel N
	SectionAnnex   SectionKind = "annex"   // Bijlage N
	SectionLetter  SectionKind = "letter"  // A. Algemene informatie, C. Bewaartermijnen
)

// Section is one heading of the document and the text it governs: the byte
// range [Start, End) runs from the heading to the next heading of the same
// or a higher level.
type Section struct {
	Kind    SectionKind
	Number  string // "12", "1", "C"
	Heading string // the heading line as written
	Start   int
	End     int
	// Annex is the number of the Bijlage the section lies in, "" before the annexes.
	Annex string
}

var (
	articleRe = regexp.MustCompile(`(?im)^[ \t#*]*Artikel\s+(\d+)\b[ \t.:–-]*([^\n]*)$`)
	annexRe   = regexp.MustCompile(`(?im)^[ \t#*]*Bijlage\s+(\d+)\b[ \t.:–-]*([^\n]*)$`)
	letterRe  = regexp.MustCompile(`(?m)^[ \t#*]*([A-H])[.)]\s+([A-Z][^\n]{2,80})$`)
)

// Outline finds the headings of an agreement: Artikel N, Bijlage N and the
// lettered sections (A., B., …) of the annexes, in document order.
func Outline(text string) []Section {
	type hit struct {
		kind  SectionKind
		num   string
		start int
		line  string
	}
	var hits []hit
	for _, m := range articleRe.FindAllStringSubmatchIndex(text, -1) {
		hits = append(hits, hit{SectionArticle, text[m[2]:m[3]], m[0], strings.TrimSpace(text[m[0]:m[1]])})
	}
	for _, m := range annexRe.FindAllStringSubmatchIndex(text, -1) {
		hits = append(hits, hit{SectionAnnex, text[m[2]:m[3]], m[0], strings.TrimSpace(text[m[0]:m[1]])})
	}
	for _, m := range letterRe.FindAllStringSubmatchIndex(text, -1) {
		hits = append(hits, hit{SectionLetter, text[m[2]:m[3]], m[0], strings.TrimSpace(text[m[0]:m[1]])})
	}
	sortHits := func(a, b int) bool { return hits[a].start < hits[b].start }
	for i := 1; i < len(hits); i++ { // insertion sort: few headings
		for j := i; j > 0 && sortHits(j, j-1); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	level := map[SectionKind]int{SectionAnnex: 1, SectionArticle: 2, SectionLetter: 3}
	out := make([]Section, 0, len(hits))
	annex := ""
	for i, h := range hits {
		if h.kind == SectionAnnex {
			annex = h.num
		}
		end := len(text)
		for _, n := range hits[i+1:] {
			if level[n.kind] <= level[h.kind] {
				end = n.start
				break
			}
		}
		out = append(out, Section{Kind: h.kind, Number: h.num, Heading: h.line, Start: h.start, End: end, Annex: annex})
	}
	return out
}

// sections returns the sections whose heading matches re, in order.
func (d *doc) sections(kind SectionKind, re *regexp.Regexp) []Section {
	var out []Section
	for _, s := range d.outline {
		if s.Kind == kind && re.MatchString(s.Heading) {
			out = append(out, s)
		}
	}
	return out
}
