package review

import (
	"fmt"
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// MaxBreachHours is the longest breach-notification deadline the review
// accepts without comment. Model 4.0 asks for notice "without undue
// delay"; the school itself must report to the Autoriteit Persoonsgegevens
// within 72 hours, so a processor's deadline beyond a day eats into that.
const MaxBreachHours = 24

// fieldCheck refines the table's generic finding with the record's fields.
// secs are the sections whose heading matched the obligation.
type fieldCheck func(c *check, o *Obligation, f *Finding, secs []span)

var fieldChecks = map[string]fieldCheck{
	"breach_notification": checkBreach,
	"transfer_safeguard":  checkSafeguards,
	"processing_location": checkLocation,
	"subprocessor_list":   checkSubprocessorList,
	"retention":           checkRetention,
	"deletion_at_end":     checkDeletionTerm,
	"biv_classification":  checkBIV,
	"security_annex":      checkSecurityAnnex,
	"privacybijsluiter":   checkPrivacyAnnex,
}

func present(f *Finding, ev []Evidence) {
	f.Status, f.Risk, f.Reason, f.LookedIn, f.Evidence = Present, RiskNone, "as the model asks", "", ev
}

func checkBreach(c *check, o *Obligation, f *Finding, _ []span) {
	h := c.rec.BreachHours
	if h == nil {
		return
	}
	ev := c.fieldEvidence("breach_notification_hours")
	switch {
	case *h <= MaxBreachHours:
		if f.Status != Deviating {
			present(f, ev)
			f.Reason = fmt.Sprintf("breach deadline %d h", *h)
		}
	default:
		f.Status, f.Evidence, f.LookedIn = Deviating, ev, ""
		f.Risk = RiskMedium
		if *h > 2*MaxBreachHours {
			f.Risk = RiskHigh
		}
		f.Reason = fmt.Sprintf("breach deadline %d h, the review asks %d h at most (the school has 72 h to report)", *h, MaxBreachHours)
	}
}

func checkSafeguards(c *check, o *Obligation, f *Finding, _ []span) {
	r := c.rec
	if r.OutsideEEA == nil || !*r.OutsideEEA {
		f.Status, f.Risk, f.LookedIn, f.Evidence = NotApplicable, RiskNone, "", nil
		f.Reason = "no transfer outside the EEA is stated"
		return
	}
	var bare, covered []string
	var ev []Evidence
	for i, t := range r.Transfers {
		switch {
		case t.Adequacy == "yes":
			covered = append(covered, t.Country+" (adequacy decision)")
		case len(t.Safeguards) > 0:
			covered = append(covered, t.Country+" ("+strings.Join(t.Safeguards, ", ")+")")
			ev = append(ev, c.fieldEvidence(fmt.Sprintf("transfers[%d].safeguards", i))...)
		default:
			bare = append(bare, t.Country)
		}
	}
	if len(r.Transfers) == 0 {
		bare = r.OutsideEEACountries
	}
	if len(bare) == 0 && len(r.Transfers) > 0 {
		present(f, ev)
		f.Reason = "transfers to " + strings.Join(covered, ", ")
		return
	}
	f.Status, f.Risk, f.LookedIn = Deviating, RiskHigh, ""
	f.Evidence = c.fieldEvidence("outside_eea_countries")
	if len(f.Evidence) == 0 {
		f.Evidence = c.fieldEvidence("outside_eea")
	}
	if len(bare) == 0 {
		f.Reason = "a transfer outside the EEA is stated without naming the country or a safeguard"
	} else {
		f.Reason = "transfer to " + strings.Join(bare, ", ") + " named without a safeguard"
	}
	for _, w := range r.Warnings {
		if strings.Contains(w, "Privacy Shield") {
			f.Reason += " (the Privacy Shield it names is void since 2020)"
		}
	}
}

func checkLocation(c *check, o *Obligation, f *Finding, _ []span) {
	r := c.rec
	switch {
	case len(r.StorageLocations) > 0:
		present(f, c.fieldEvidence("storage_locations[0]"))
		var ps []string
		for _, l := range r.StorageLocations {
			ps = append(ps, l.Place)
		}
		f.Reason = "stored in " + strings.Join(ps, ", ")
	case r.OutsideEEA != nil:
		present(f, c.fieldEvidence("outside_eea"))
	default:
		for i, s := range r.Subprocessors {
			if len(s.Countries) > 0 {
				present(f, c.fieldEvidence(fmt.Sprintf("subprocessors[%d].countries", i)))
				f.Reason = "located through its sub-processors only"
				return
			}
		}
	}
}

func checkSubprocessorList(c *check, o *Obligation, f *Finding, _ []span) {
	if n := len(c.rec.Subprocessors); n > 0 {
		present(f, c.fieldEvidence("subprocessors[0].name"))
		f.Reason = plural(n, "sub-processor") + " named"
	}
}

func checkRetention(c *check, o *Obligation, f *Finding, _ []span) {
	if len(c.rec.Retention) > 0 {
		if f.Status != Deviating {
			present(f, c.fieldEvidence("retention[0]"))
			f.Reason = plural(len(c.rec.Retention), "retention period")
		}
		return
	}
	if f.Status == Present {
		f.Status, f.Risk, f.Reason = Deviating, RiskMedium, "retention is mentioned but no period is filled in"
	}
}

// termRe is a term for deletion in the text: the model's agreed term or a
// stated number of days, weeks or months.
var termRe = newFinder(normalize.Pattern(`(?i)overeengekomen\s+termijn|binnen\s+(?:\d+|een|één|twee|drie|vier|zes|acht|dertig|zestig|negentig)\s+(?:\(\d+\)\s+)?(?:dagen|weken|maanden|werkdagen)`))

func checkDeletionTerm(c *check, o *Obligation, f *Finding, secs []span) {
	if f.Status != Present {
		return
	}
	for i, r := range c.rec.Retention {
		if r.Trigger == "contract_end" && r.Duration != nil {
			f.Evidence = append(f.Evidence, c.fieldEvidence(fmt.Sprintf("retention[%d]", i))...)
			return
		}
	}
	where := secs
	if len(where) == 0 {
		where = []span{c.scopeSpan(o.Scope)}
	}
	if loc, ok := c.find(termRe, where); ok {
		f.Evidence = append(f.Evidence, c.evidence(loc[0], loc[1]))
		return
	}
	f.Status, f.Risk, f.Reason, f.LookedIn = Deviating, RiskMedium, "deletion at the end without a term", headings(where)
}

func checkBIV(c *check, o *Obligation, f *Finding, _ []span) {
	if b := c.rec.BIV; b != nil {
		present(f, c.fieldEvidence("biv.availability"))
		f.Reason = fmt.Sprintf("B %d, I %d, V %d", b.Availability[1], b.Integrity[1], b.Confidentiality[1])
	} else if f.Status == Present {
		f.Status, f.Risk, f.Reason = Deviating, o.WeakRisk, o.WeakReason
	}
}

func checkSecurityAnnex(c *check, o *Obligation, f *Finding, _ []span) {
	if f.Status == Present {
		return
	}
	if c.rec.Kind == "beveiligingsbijlage" {
		present(f, c.fieldEvidence("kind"))
		return
	}
	if c.rec.ROSA.Assessment != nil || c.rec.ROSA.Controls != nil {
		present(f, c.fieldEvidence("rosa.assessment"))
		f.Reason = "a ROSA assessment of the measures"
	}
}

// privacyParts are the parts a privacy annex must have and the words that
// show each; its retention periods, locations and sub-processors are
// obligations of their own.
var privacyParts = []struct {
	name string
	re   *finder
}{
	{"purposes", newFinder(normalize.Pattern(`(?i)doeleinden|doel\s+van\s+de\s+verwerking|doelen`))},
	{"categories of data", newFinder(normalize.Pattern(`(?i)categorie|soorten\s+persoonsgegevens`))},
	{"security", newFinder(normalize.Pattern(`(?i)beveilig`))},
	{"contact details", newFinder(normalize.Pattern(`(?i)contact`))},
}

func checkPrivacyAnnex(c *check, o *Obligation, f *Finding, secs []span) {
	var body span
	switch {
	case c.rec.Kind == "privacybijsluiter":
		body = span{0, len(c.text), "the document"}
		if f.Status != Present {
			present(f, c.fieldEvidence("kind"))
		}
	case len(secs) > 0:
		body = span{secs[0].start, secs[0].end, secs[0].heading}
		for _, s := range secs[1:] {
			body.end = max(body.end, s.end)
		}
	default:
		return
	}
	var lacks []string
	for _, p := range privacyParts {
		if c.t.find(p.re, body.start, body.end) == nil {
			lacks = append(lacks, p.name)
		}
	}
	if len(lacks) > 0 {
		f.Status, f.Risk, f.LookedIn = Deviating, o.WeakRisk, headings([]span{body})
		f.Reason = "the privacy annex lacks " + strings.Join(lacks, ", ")
	} else if f.Status == Present {
		f.Reason = "with purposes, data, security and contacts"
	}
}

// plural writes n and a noun, with an s for more than one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
