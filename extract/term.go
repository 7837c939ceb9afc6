package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/normalize"
)

// Term is how long the agreement runs: dates in ISO 8601 (YYYY-MM-DD),
// periods as ISO 8601 durations. A field the document does not state is
// nil, so that "expires before" can be asked of End.
type Term struct {
	// Start is the date the agreement takes effect.
	Start *string `json:"start"`
	// Duration is the period it is entered into ("voor de duur van twee
	// jaar" is P2Y).
	Duration *string `json:"duration"`
	// End is the date it ends: as written, or Start plus Duration (then
	// EndComputed is true).
	End         *string `json:"end"`
	EndComputed bool    `json:"end_computed,omitempty"`
	// Notice is the notice period for ending it (opzegtermijn).
	Notice *string `json:"notice_period"`
	// AutoRenewal is true when it is renewed tacitly (stilzwijgend verlengd).
	AutoRenewal *bool `json:"auto_renewal"`
	// Follows names the agreement whose term it shares ("Onderliggende
	// Overeenkomst", "licentieovereenkomst"): it runs as long as that one.
	Follows *string `json:"follows"`
}

// termDate is a date as the term rules capture it.
const termDate = `(\d{1,2}\s*[\p{L}]+\.?\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{1,2}-\d{1,2})`

// termPeriod is a period as the term rules capture it ("twee jaar", "12
// maanden", "3 (drie) maanden").
const termPeriod = `((?:\S+\s+){0,2}?(?:uur|dagen|dag|weken|week|maanden|maand|jaren|jaar|schooljaren|schooljaar|months?|years?|weeks?|days?))\b`

var (
	// "De looptijd van deze Verwerkersovereenkomst is gelijk aan de
	// looptijd van de tussen Partijen gesloten Onderliggende Overeenkomst",
	// "loopt zolang de Onderliggende Overeenkomst loopt", "eindigt van
	// rechtswege wanneer de onderliggende licentieovereenkomst eindigt".
	termFollowsRe = []*cuedRe{
		cued(normalize.Pattern(`(?i)(?:looptijd|duur)\s+van\s+deze\s+\S*overeenkomst\s+is\s+gelijk\s+aan\s+(?:die\s+van|de\s+(?:looptijd|duur)\s+van)\s+de\s+(?:tussen\s+partijen\s+(?:gesloten|afgesloten|overeengekomen)\s+)?([\p{L}\- ]{0,40}?overeenkomst)`)),
		cued(normalize.Pattern(`(?i)(?:loopt|geldt|duurt)\s+(?:zolang|zo\s+lang\s+als)\s+de\s+([\p{L}\- ]{0,40}?overeenkomst)(?:\s+tussen\s+partijen)?\s+(?:loopt|duurt|van\s+kracht\s+is)`)),
	}
	// termEndsWithRe is the third: "… overeenkomst eindigt van rechtswege
	// wanneer de onderliggende licentieovereenkomst eindigt". It opens
	// with the word that ends in "overeenkomst", so it is found from the
	// word "eindigt" after it (see runOpened).
	termEndsWithRe = newRunOpened(normalize.Pattern(`(?i)\S*overeenkomst\s+eindigt\s+van\s+rechtswege\s+(?:bij\s+(?:de\s+)?(?:beëindiging|het\s+einde)\s+van|wanneer|zodra|op\s+het\s+moment\s+dat)\s+de\s+([\p{L}\- ]{0,40}?overeenkomst)`),
		"overeenkomst", "eindigt")
	termStartRe = []*cuedRe{
		cued(normalize.Pattern(`(?i)(?:treedt|gaat)\s+in\s+werking\s+(?:op|per|met\s+ingang\s+van)\s+` + termDate)),
		cued(normalize.Pattern(`(?i)(?:aangegaan|gesloten|ingaat|gaat\s+in)\s+(?:met\s+ingang\s+van|per|op)\s+` + termDate)),
		cued(normalize.Pattern(`(?i)\b(?:ingangsdatum|datum\s+van\s+inwerkingtreding|startdatum)\s*:?\s*` + termDate)),
		cued(normalize.Pattern(`(?i)(?:aangegaan|gesloten|geldt|loopt)\s+(?:\S+\s+){0,8}?met\s+ingang\s+van\s+` + termDate)),
	}
	termEndRe = []*cuedRe{
		cued(normalize.Pattern(`(?i)(?:overeenkomst|looptijd)\s+(?:eindigt|loopt\s+af|loopt|geldt|is\s+geldig)\s+(?:op|tot\s+en\s+met|tot)\s+`+termDate)).opens("eindigt", "loopt", "geldt", "is"),
		cued(normalize.Pattern(`(?i)\b(?:einddatum|vervaldatum)\s*:?\s*` + termDate)),
		cued(normalize.Pattern(`(?i)\beindigt\s+(?:van\s+rechtswege\s+)?(?:op|per)\s+` + termDate)),
	}
	termDurationRe = []*cuedRe{
		// (cuedShort: tried after each "is", "de", …, far cheaper than a
		// scan of the whole text; "(?:de\s+)?looptijd" spelled as two
		// alternatives, the longer first, to give the rule its cue words)
		cuedShort(normalize.Pattern(`(?i)(?:wordt|is|worden)\s+aangegaan\s+(?:voor|gedurende)\s+(?:de\s+duur\s+van\s+|een\s+(?:periode|termijn)\s+van\s+)?` + termPeriod)).opens("aangegaan"),
		cued(normalize.Pattern(`(?i)overeenkomst\s+(?:wordt\s+)?(?:is\s+)?(?:aangegaan|gesloten|loopt|geldt)\s+(?:voor|gedurende)\s+(?:de\s+duur\s+van\s+|een\s+(?:periode|termijn)\s+van\s+)?`+termPeriod)).opens("wordt", "is", "aangegaan", "gesloten", "loopt", "geldt"),
		cuedShort(normalize.Pattern(`(?i)\b(?:de\s+looptijd|looptijd)\s+(?:van\s+deze\s+\S*overeenkomst\s+)?(?:bedraagt|is|van)\s+` + termPeriod)).opens("looptijd"),
		cued(normalize.Pattern(`(?i)\blooptijd\s*:\s*` + termPeriod)),
	}
	termNoticeRe = []*cuedRe{
		cued(normalize.Pattern(`(?i)opzegtermijn\s+(?:van\s+|bedraagt\s+|:\s*)` + termPeriod)),
		cued(normalize.Pattern(`(?i)opzeggen\s+(?:\S+\s+){0,8}?(?:met\s+inachtneming\s+van\s+(?:een\s+termijn\s+van\s+)?|uiterlijk\s+)` + termPeriod)),
	}
	termRenewalRe = cued(normalize.Pattern(`(?i)stilzwijgend\s+(?:\S+\s+){0,4}?verlengd|automatisch\s+(?:\S+\s+){0,4}?verlengd`))
)

// extractTerm sets term: the first statement of each kind.
func extractTerm(d *doc, r *Record) {
	text := d.text
	first := func(res []*cuedRe) []int {
		var best []int
		for _, re := range res {
			if m := re.findLow(text, d.lower()); m != nil && (best == nil || m[0] < best[0]) {
				best = m
			}
		}
		return best
	}
	cite := func(path string, m []int) {
		d.cite(r, "term."+path, m[0], m[1], 0.8)
	}
	follows := first(termFollowsRe)
	if m := termEndsWithRe.find(text, d.lower()); m != nil && (follows == nil || m[0] < follows[0]) {
		follows = m
	}
	if m := follows; m != nil {
		name := strings.Join(strings.Fields(text[m[2]:m[3]]), " ")
		r.Term.Follows = &name
		cite("follows", m)
	}
	date := func(m []int) *string {
		iso, err := normalize.Date(text[m[2]:m[3]])
		if err != nil {
			return nil
		}
		return &iso
	}
	period := func(m []int) *string {
		ds := normalize.FindDurations(text[m[2]:m[3]])
		if len(ds) == 0 {
			return nil
		}
		iso := ds[0].Duration.String()
		return &iso
	}
	if m := first(termStartRe); m != nil {
		if r.Term.Start = date(m); r.Term.Start != nil {
			cite("start", m)
		}
	}
	if m := first(termEndRe); m != nil {
		if r.Term.End = date(m); r.Term.End != nil {
			cite("end", m)
		}
	}
	if m := first(termDurationRe); m != nil {
		if r.Term.Duration = period(m); r.Term.Duration != nil {
			cite("duration", m)
		}
	}
	if m := first(termNoticeRe); m != nil {
		if r.Term.Notice = period(m); r.Term.Notice != nil {
			cite("notice_period", m)
		}
	}
	if m := termRenewalRe.FindStringIndex(text); m != nil {
		yes := true
		r.Term.AutoRenewal = &yes
		d.cite(r, "term.auto_renewal", m[0], m[1], 0.8)
	}
	if r.Term.End == nil && r.Term.Start != nil && r.Term.Duration != nil {
		if end, ok := addDuration(*r.Term.Start, *r.Term.Duration); ok {
			r.Term.End, r.Term.EndComputed = &end, true
			r.Evidence["term.end"] = append(append([]Evidence{}, r.Evidence["term.start"]...), r.Evidence["term.duration"]...)
		}
	}
}

// addDuration returns the date a period after start, one day before the
// anniversary (a term of one year from 1 August 2024 ends on 31 July 2025).
func addDuration(start, iso string) (string, bool) {
	t, err := time.Parse("2006-01-02", start)
	if err != nil {
		return "", false
	}
	dur, err := normalize.ParseDuration(iso)
	if err != nil || dur.Hours != 0 || dur.Years != float64(int(dur.Years)) || dur.Months != float64(int(dur.Months)) ||
		dur.Weeks != float64(int(dur.Weeks)) || dur.Days != float64(int(dur.Days)) {
		return "", false
	}
	end := t.AddDate(int(dur.Years), int(dur.Months), int(dur.Weeks)*7+int(dur.Days)-1)
	return end.Format("2006-01-02"), true
}

// runOpened is a rule whose every match opens with a run of non-space
// characters that ends in word, followed by white space and next
// ("\S*overeenkomst\s+eindigt …"). A regexp tries such a rule at every
// byte of the text; runOpened tries it only at the start of the run before
// each next, where the leftmost match must start: a match that starts
// inside a run also matches from the run's start (\S* takes the rest), and
// the run ends where word does (white space follows it).
type runOpened struct {
	re         *normalize.Regexp // the rule
	at         *normalize.Regexp // ^(?:rule)
	word, next string            // lower-case ASCII, without k or s, which (?i) also folds from other runes
}

// newRunOpened returns the rule re, whose matches open with
// \S*word\s+next, written with normalize.Pattern's white space.
func newRunOpened(re *normalize.Regexp, word, next string) *runOpened {
	return &runOpened{re: re, at: normalize.Lazy(`^(?:` + re.String() + `)`), word: word, next: next}
}

// find returns the submatch indexes of the rule's leftmost match in text,
// like FindStringSubmatchIndex; low is text in ASCII lower case.
func (r *runOpened) find(text, low string) []int {
	if strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f") { // the runes of foldOddRunes
		return r.re.FindStringSubmatchIndex(text)
	}
	for i := 0; ; {
		j := strings.Index(low[i:], r.next)
		if j < 0 {
			return nil
		}
		k := i + j
		i = k + 1
		e := k // the end of the run: before the white space before next
		for e > 0 {
			c, n := utf8.DecodeLastRuneInString(text[:e])
			if !isPatternSpace(c) {
				break
			}
			e -= n
		}
		if e == k || !strings.HasSuffix(low[:e], r.word) {
			continue
		}
		p := e - len(r.word) // the start of the run
		for p > 0 {
			c, n := utf8.DecodeLastRuneInString(text[:p])
			if isPatternSpace(c) {
				break
			}
			p -= n
		}
		if m := r.at.FindStringSubmatchIndex(text[p:]); m != nil {
			for x := range m {
				if m[x] >= 0 {
					m[x] += p
				}
			}
			return m
		}
	}
}

// isPatternSpace reports whether c is white space to normalize.Pattern's
// \s: ASCII white space or a no-break space.
func isPatternSpace(c rune) bool {
	switch c {
	case ' ', '\t', '\n', '\f', '\r', '\u00a0', '\u202f', '\u2007':
		return true
	}
	return false
}
