package review

import (
	"strings"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// Deviation is one item of an agreement's deviations annex (the overview
// of departures from the model that Model 4.0 art. 14 lid 2 asks for):
// where it is, the articles it names, the obligations it touches and
// whether it gives a reason.
type Deviation struct {
	Evidence
	Articles    []string `json:"articles,omitempty"`
	Obligations []string `json:"obligations,omitempty"`
	Motivated   bool     `json:"motivated"`
}

var (
	// deviationsHeadingRe titles an annex or section of deviations.
	deviationsHeadingRe = normalize.Pattern(`(?i)afwijking|aanvullingen\s+(?:op|bij)\s+(?:de\s+)?model`)
	// itemArticleRe is an article named in a deviation item.
	itemArticleRe = normalize.Pattern(`(?i)\bart(?:ikel|\.)?\s*(\d{1,2})\b`)
	// motivationRe is the wording of a reason.
	motivationRe = normalize.Pattern(`(?i)\b(?:omdat|vanwege|aangezien|doordat|reden|motivatie|motivering|gemotiveerd|toelichting|in\s+verband\s+met|want)\b`)
)

// findDeviations reads the items of the deviations annex: each line that
// names an article or an obligation's heading starts an item, the lines
// after it until the next item continue it.
func findDeviations(c *check) []Deviation {
	var out []Deviation
	for _, s := range c.sections {
		if s.Kind != extract.SectionAnnex || !deviationsHeadingRe.MatchString(s.Heading) {
			continue
		}
		body := s.Start + len(c.text[s.Start:s.End]) - len(strings.TrimLeft(c.text[s.Start:s.End], " \t#*"))
		if i := strings.IndexByte(c.text[body:s.End], '\n'); i >= 0 {
			body += i + 1
		} else {
			continue
		}
		var cur *Deviation
		end := 0
		flush := func() {
			if cur != nil {
				ev := c.evidence(cur.Start, end)
				cur.Evidence = ev
				cur.Motivated = motivationRe.MatchString(ev.Quote)
				out = append(out, *cur)
			}
			cur = nil
		}
		for off := body; off < s.End; {
			nl := strings.IndexByte(c.text[off:s.End], '\n')
			lineEnd := s.End
			if nl >= 0 {
				lineEnd = off + nl
			}
			line := c.text[off:lineEnd]
			if strings.TrimSpace(line) != "" {
				arts, obls := deviationLinks(c, off, lineEnd)
				if len(arts) > 0 || len(obls) > 0 {
					flush()
					cur = &Deviation{Evidence: Evidence{Start: off + len(line) - len(strings.TrimLeft(line, " \t-*•|"))}, Articles: arts, Obligations: obls}
				}
				if cur != nil {
					end = off + len(strings.TrimRight(line, " \t\r|"))
				}
			} else {
				flush()
			}
			off = lineEnd + 1
		}
		flush()
	}
	return out
}

// deviationLinks returns the articles a deviation item names and the
// obligations it touches: those of the named articles, or, when it names
// none, those whose heading words it uses. The line is c.text[start:end].
func deviationLinks(c *check, start, end int) (arts, obls []string) {
	line := c.text[start:end]
	seen := map[string]bool{}
	for _, m := range itemArticleRe.FindAllStringSubmatch(line, -1) {
		if !seen["art"+m[1]] {
			seen["art"+m[1]] = true
			arts = append(arts, m[1])
		}
	}
	for _, o := range Obligations() {
		for _, a := range arts {
			if o.Article == a && !seen[o.ID] {
				seen[o.ID] = true
				obls = append(obls, o.ID)
			}
		}
	}
	if len(arts) == 0 {
		for _, o := range Obligations() {
			if o.Scope == ScopeAgreement && o.section != nil && c.matches(o.section, start, line) && !seen[o.ID] {
				seen[o.ID] = true
				obls = append(obls, o.ID)
			}
		}
	}
	return arts, obls
}
