package normalize

import (
	"fmt"
	"strings"
)

// KvKCues are the wordings that introduce a Chamber of Commerce number,
// as a regular expression alternation; matching ignores case.
var KvKCues = []string{
	`KvK[- ]?(?:nummer|nr\.?|no\.?)?`,
	`K\.v\.K\.?(?:[- ]?(?:nummer|nr\.?))?`,
	`Kamer\s+van\s+Koophandel(?:\s+(?:onder|met)\s+(?:het\s+)?(?:nummer|nr\.?|dossiernummer))?`,
	`(?:ingeschreven\s+)?in\s+het\s+(?:Handelsregister|handelsregister)(?:\s+van\s+de\s+Kamer\s+van\s+Koophandel)?(?:\s+onder\s+(?:het\s+)?(?:nummer|nr\.?|dossiernummer))?`,
	`[Hh]andelsregister(?:nummer|\s+(?:nr\.?|nummer|no\.?))`,
	`dossiernummer`,
	`Chamber\s+of\s+Commerce(?:\s+(?:number|no\.?))?`,
	`CoC(?:[- ]number)?`,
}

// KvKPattern matches a cue from KvKCues followed, within a few
// characters, by eight digits (spaces or dots between groups allowed).
// Group 1 is the number as written.
var KvKPattern = Pattern(`(?i)(?:` + strings.Join(KvKCues, "|") + `)[\s:.,#()*_|-]{0,12}(?:\w+[\s:.]+){0,2}?[\s:.,#()-]{0,4}(\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2})\b`)

// KvK returns the eight-digit Chamber of Commerce number that a KvK cue in
// s introduces ("KvK-nummer 53552431", "ingeschreven in het handelsregister
// onder nummer 1234 5678"). It returns an error naming the input when
// there is none.
func KvK(s string) (string, error) {
	m := KvKPattern.FindStringSubmatch(s)
	if m == nil {
		return "", fmt.Errorf("kvk %q: no Chamber of Commerce number (8 digits after a KvK cue) found", s)
	}
	digits := strings.NewReplacer(" ", "", ".", "").Replace(m[1])
	if len(digits) != 8 {
		return "", fmt.Errorf("kvk %q: %q is not 8 digits", s, m[1])
	}
	return digits, nil
}
