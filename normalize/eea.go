package normalize

import "sync"

// EEA lists the member states of the European Economic Area: the 27 member
// states of the European Union and Iceland, Liechtenstein and Norway, as
// ISO 3166-1 alpha-2 codes. The United Kingdom left the EU (and so the
// EEA) on 31 January 2020; Switzerland is not a member.
var EEA = []string{
	// European Union
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
	// EFTA members of the EEA
	"IS", "LI", "NO",
}

// eeaSet is EEA as a set, built on first use.
var eeaSet = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(EEA))
	for _, c := range EEA {
		m[c] = true
	}
	return m
})

// InEEA reports whether the country with ISO 3166-1 alpha-2 code code is
// a member of the European Economic Area. Greece may be written "EL", the
// EU's own code for it.
func InEEA(code string) bool {
	if code == "EL" {
		return true
	}
	return eeaSet()[code]
}
