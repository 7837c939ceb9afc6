package extract

import (
	"fmt"
	"math"
	"strconv"

	"github.com/dpa-nl/dpa/normalize"
)

// Breach rules. The deadline is a number of hours in a sentence about a
// data breach ("Datalek", "inbreuk", "beveiligingsincident") or under a
// heading about one. A deadline
// in a clause about the supervisory authority is the school's own legal
// deadline (art. 33 AVG: 72 hours), not the supplier's promise, and is
// skipped. "onverwijld" alone gives no number; a deadline in days or
// working days counts 24 hours a day ("binnen twee werkdagen" is 48), with
// a warning saying so, when no deadline in hours is stated.
var (
	// authorityRe names the supervisory authority or its legal deadline.
	authorityRe = mustCued(`(?i)autoriteit|toezichthoud|\bAP\b|supervisory|artikel\s+33|art\.\s*33|\bCBP\b`)
	// clauseSplitRe separates clauses whose subjects may differ.
	clauseSplitRe = mustCued(`(?i)[,;:()]|\s(?:zodat|opdat|waarna|teneinde|so\s+that)\s`)
	// roundTheClockRe is availability, not a deadline ("24 uur per dag", "24/7").
	// clockTimeRe is a time of day ("17.00 uur"), not a number of hours.
	clockTimeRe = mustCued(`^\d{1,2}[.:]\d{2}\b`)
	// timesRe ends the text before "24 uur" in "2 x 24 uur".
	timesRe         = mustCued(`(\d)\s*[x×*]\s*$`)
	roundTheClockRe = mustCued(`(?i)^\s*(?:per\s+(?:dag|etmaal|week|day)\b|a\s+day\b|/|,?\s*(?:7|zeven)\s+dagen)`)
)

// breachCues are the (lower-case) word parts of a sentence about a breach.
var breachCues = []string{"datalek", "data lek", "inbreuk", "incident", "breach"}

func extractBreach(d *doc, r *Record) {
	type found struct {
		hours      int
		start, end int
	}
	var hours, days []found
	heading, headingCue := "", false // the last heading seen, and whether it is about a breach
	cues := newWordSpots(d, breachCues)
	for _, p := range d.passages() {
		if p.heading != heading {
			heading, headingCue = p.heading, cues.holds(p.heading)
		}
		if !headingCue && !cues.holds(p.text) {
			continue
		}
		for _, m := range normalize.FindDurations(p.text) {
			if m.Unit != normalize.Hour && m.Unit != normalize.Day && m.Unit != normalize.WorkingDay {
				continue
			}
			if roundTheClockRe.MatchString(p.text[m.End:]) || clockTimeRe.MatchString(m.Text) ||
				authorityRe.MatchString(clauseAt(p.text, m.Start)) {
				continue
			}
			h := m.Value
			if m.Unit != normalize.Hour {
				if d := m.Value * 24; d >= 1 && d <= 24*14 && d == math.Trunc(d) {
					days = append(days, found{int(d), p.start, p.end})
				}
				continue
			}
			if x := timesRe.FindStringSubmatch(p.text[:m.Start]); x != nil {
				n, _ := strconv.Atoi(x[1])
				h *= float64(n) // "2 x 24 uur"
			}
			if h >= 1 && h <= 24*14 && h == math.Trunc(h) {
				hours = append(hours, found{int(h), p.start, p.end})
			}
		}
	}
	converted := false
	if len(hours) == 0 && len(days) > 0 {
		hours, converted = days, true
	}
	if len(hours) > 0 {
		h := hours[0].hours
		if converted {
			r.Warnings = append(r.Warnings, fmt.Sprintf("breach notification deadline stated in days: counted as %d hours", h))
		}
		r.BreachHours = &h
		d.cite(r, "breach_notification_hours", hours[0].start, hours[0].end, 0.8)
		for _, o := range hours[1:] {
			if o.hours != h {
				r.Warnings = append(r.Warnings, fmt.Sprintf("breach notification: several deadlines (%d and %d hours); the first is reported", h, o.hours))
				break
			}
		}
	}
}

// clauseAt returns the clause of text around offset off.
func clauseAt(text string, off int) string {
	start, end := 0, len(text)
	for _, l := range clauseSplitRe.FindAllStringIndex(text, -1) {
		if l[1] <= off {
			start = l[1]
		} else if l[0] >= off {
			end = l[0]
			break
		}
	}
	return text[start:end]
}
