package extract

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// annexHeadRe is the heading of an annex the register asks about: Bijlage 1
// (the privacybijsluiter) or Bijlage 2 (the beveiligingsbijlage, "technische
// en organisatorische beveiligingsmaatregelen").
var annexHeadRe = normalize.Pattern(`(?i)^\W*(?:model\s+)?bijlage\s*\d+[a-z]?\b.{0,80}?(privacy\s*bijsluiter|beveiligings(?:bijlage|maatregelen))`)

// annexListRe is a line that starts an annex heading: one that follows
// another at once lists the annexes rather than opening one.
var annexListRe = normalize.Pattern(`(?i)^\W*(?:model\s+)?bijlage\s*\d+[a-z]?\b`)

// mayOpenAnnex reports whether t starts as every match of annexHeadRe and
// annexListRe starts (both are anchored at the start): after characters
// that are not ASCII word characters (\W), "model" or "bijlage" in any
// case. Most lines do not, and the loop asks the rules of every line.
func mayOpenAnnex(t string) bool {
	i := 0
	for i < len(t) && !isASCIIWord(t[i]) {
		i++ // a rune of several bytes is \W as a whole, and none of its bytes is an ASCII word byte
	}
	return hasPrefixFold(t[i:], "model", "bijlage")
}

// extractAnnexes sets annexes: the annexes the document holds (a heading
// with content under it, not a list of annexes), and the document itself
// when it is a stand-alone privacybijsluiter or beveiligingsbijlage.
func extractAnnexes(d *doc, r *Record) {
	found := map[string][2]int{}
	lines := d.lines(0, len(d.text))
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		if len(t) > 160 || !mayOpenAnnex(t) {
			continue
		}
		var after []string // the next two non-empty lines
		for _, n := range lines[i+1:] {
			if x := strings.TrimSpace(strings.Trim(n.Text, "\f")); x != "" {
				if after = append(after, x); len(after) == 2 {
					break
				}
			}
		}
		m := annexHeadRe.FindStringSubmatch(t)
		if m == nil && len(after) > 0 && annexListRe.MatchString(t) && !annexListRe.MatchString(after[0]) {
			// a heading a PDF wrapped over two lines
			if m = annexHeadRe.FindStringSubmatch(t + " " + after[0]); m != nil {
				after = after[1:]
			}
		}
		if m == nil {
			continue
		}
		next := ""
		if len(after) > 0 {
			next = after[0]
		}
		if next == "" || annexListRe.MatchString(next) {
			continue // a list of the annexes, or a heading with nothing under it
		}
		kind := "beveiligingsbijlage"
		if strings.Contains(strings.ToLower(m[1]), "privacy") {
			kind = "privacybijsluiter"
		}
		if _, ok := found[kind]; !ok {
			found[kind] = [2]int{l.Start, l.End}
		}
	}
	if r.Kind == "privacybijsluiter" || r.Kind == "beveiligingsbijlage" {
		if _, ok := found[r.Kind]; !ok {
			if ev := r.Evidence["kind"]; len(ev) > 0 {
				found[r.Kind] = [2]int{ev[0].Start, ev[0].End}
			} else {
				found[r.Kind] = [2]int{-1, -1}
			}
		}
	}
	for k := range found {
		r.Annexes = append(r.Annexes, k)
	}
	sort.Strings(r.Annexes)
	for i, k := range r.Annexes {
		if sp := found[k]; sp[0] >= 0 {
			d.cite(r, "annexes["+strconv.Itoa(i)+"]", sp[0], sp[1], 0.8)
		}
	}
}
