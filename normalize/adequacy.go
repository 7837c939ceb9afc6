package normalize

// Adequacy says whether a European Commission adequacy decision (GDPR
// article 45) covers transfers of personal data to a country outside the
// EEA: "yes", "partial" (only some recipients there, see AdequacyScope),
// or "no". Codes are ISO 3166-1 alpha-2.
func Adequacy(code string) string {
	a, ok := adequacyDecisions[code]
	switch {
	case !ok:
		return "no"
	case a.scope != "":
		return "partial"
	}
	return "yes"
}

// AdequacyScope names the recipients a partial adequacy decision covers
// ("organisations certified under the EU-US Data Privacy Framework"), ""
// for a full decision or none.
func AdequacyScope(code string) string { return adequacyDecisions[code].scope }

// adequacyDecision is one adequacy decision of the European Commission.
type adequacyDecision struct {
	scope string // the recipients covered; "" for the whole country
}

// adequacyDecisions are the countries with an adequacy decision in force
// (https://commission.europa.eu, "Adequacy decisions"), as of 2026.
var adequacyDecisions = map[string]adequacyDecision{
	"AD": {}, "AR": {}, "CH": {}, "FO": {}, "GB": {}, "GG": {}, "IL": {}, "IM": {},
	"JE": {}, "JP": {}, "KR": {}, "NZ": {}, "UY": {},
	"CA": {scope: "commercial organisations subject to PIPEDA"},
	"US": {scope: "organisations certified under the EU-US Data Privacy Framework"},
}
