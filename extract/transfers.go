package extract

import (
	"regexp"
	"strconv"

	"github.com/dpa-nl/dpa/normalize"
)

// Transfer is what the record says about one country outside the EEA that
// personal data goes to: whether an adequacy decision covers it, and the
// transfer safeguards the document names.
type Transfer struct {
	// Country is an ISO 3166-1 alpha-2 code of outside_eea_countries.
	Country string `json:"country"`
	// Adequacy is "yes" when a European Commission adequacy decision covers
	// the country, "partial" when it covers only some recipients there
	// (the US: organisations certified under the Data Privacy Framework),
	// "no" otherwise. It comes from the decisions in force (normalize), not
	// from the document.
	Adequacy string `json:"adequacy"`
	// Safeguards are the transfer mechanisms the document names, each
	// with evidence under "transfers[i].safeguards": SCC (standard
	// contractual clauses), DPF (EU-US Data Privacy Framework), BCR
	// (binding corporate rules), adequacy (an adequacy decision).
	Safeguards []string `json:"safeguards"`
}

// safeguardPatterns find the transfer safeguards, in Dutch and English.
var safeguardPatterns = []struct {
	name string
	re   *regexp.Regexp
}{
	{"SCC", regexp.MustCompile(`(?i)\b(?:standaard ?contract(?:uele )?bepalingen|modelcontract(?:bepalingen|en)?|standard contractual clauses|SCCs?)\b`)},
	{"DPF", regexp.MustCompile(`(?i)\b(?:(?:EU[- ]U\.?S\.? )?Data Privacy Framework|DPF)\b`)},
	{"BCR", regexp.MustCompile(`(?i)\b(?:binding corporate rules|bindende bedrijfsvoorschriften|BCRs?)\b`)},
	{"adequacy", regexp.MustCompile(`(?i)\b(?:adequaatheidsbesluit(?:en)?|adequaatheidsbeslissing(?:en)?|adequacy decisions?)\b`)},
}

// privacyShield names the EU-US Privacy Shield, which the Court of Justice
// struck down in 2020 (Schrems II): no safeguard any more.
var privacyShield = regexp.MustCompile(`(?i)\bprivacy ?shield\b`)

// extractTransfers runs after the sub-processors (which decide
// outside_eea_countries): each country outside the EEA gets its adequacy
// and the safeguards the document names, with evidence. The safeguards are
// the document's: an agreement seldom ties one to one country.
func extractTransfers(d *doc, r *Record) {
	if len(r.OutsideEEACountries) == 0 {
		return
	}
	var names []string
	var found [][2]int
	for _, p := range safeguardPatterns {
		if m := p.re.FindStringIndex(d.text); m != nil {
			names = append(names, p.name)
			found = append(found, [2]int{m[0], m[1]})
		}
	}
	if privacyShield.MatchString(d.text) {
		r.Warnings = append(r.Warnings, "names the EU-US Privacy Shield, which is no transfer safeguard since 2020 (Schrems II)")
	}
	for i, c := range r.OutsideEEACountries {
		t := Transfer{Country: c, Adequacy: normalize.Adequacy(c), Safeguards: append([]string{}, names...)}
		r.Transfers = append(r.Transfers, t)
		for j := range names {
			s, e := d.sentenceAround(found[j][0], found[j][1])
			d.cite(r, transferPath(i), s, e, 0.7)
		}
	}
}

func transferPath(i int) string {
	return "transfers[" + strconv.Itoa(i) + "].safeguards"
}
