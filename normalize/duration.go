package normalize

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Unit is the unit of a period as an agreement writes it.
type Unit int

// The units FindDurations recognises. WorkingDay is kept apart from Day
// because a working day is not a fixed number of hours.
const (
	Hour Unit = iota
	Day
	WorkingDay
	Week
	Month
	Year
)

// DaysPerMonth and DaysPerYear convert months and years to days, as the
// project's scorer does (P1M = 30.44 days).
const (
	DaysPerMonth = 30.44
	DaysPerYear  = 365.25
)

// durationUnits maps the Dutch and English words for a unit, singular and
// plural, to the Unit. A school year counts as a year.
var durationUnits = map[string]Unit{
	"uur": Hour, "uren": Hour, "hour": Hour, "hours": Hour,
	"dag": Day, "dagen": Day, "day": Day, "days": Day,
	"kalenderdag": Day, "kalenderdagen": Day, "calendar day": Day, "calendar days": Day,
	"werkdag": WorkingDay, "werkdagen": WorkingDay, "working day": WorkingDay,
	"working days": WorkingDay, "business day": WorkingDay, "business days": WorkingDay,
	"week": Week, "weken": Week, "weeks": Week,
	"maand": Month, "maanden": Month, "month": Month, "months": Month,
	"jaar": Year, "jaren": Year, "year": Year, "years": Year,
	"schooljaar": Year, "schooljaren": Year, "school year": Year, "school years": Year,
	"kalenderjaar": Year, "kalenderjaren": Year, "calendar year": Year, "calendar years": Year,
}

// Duration is an ISO 8601 duration split in its components.
type Duration struct {
	Years, Months, Weeks, Days, Hours float64
}

// DurationOf returns the Duration of n units, kept as written where ISO
// 8601 allows: 4 weeks is P4W, 13 months P13M, 1.5 years P18M (a whole
// number of months), half a week P0.5W.
func DurationOf(n float64, u Unit) Duration {
	whole := func(x float64) bool { return math.Abs(x-math.Round(x)) < 1e-9 }
	switch u {
	case Hour:
		return Duration{Hours: n}
	case Day, WorkingDay:
		return Duration{Days: n}
	case Week:
		return Duration{Weeks: n}
	case Month:
		return Duration{Months: n}
	default:
		if !whole(n) && whole(n*12) {
			return Duration{Months: math.Round(n * 12)}
		}
		return Duration{Years: n}
	}
}

// String returns the ISO 8601 form: "P4W", "P18M", "PT24H"; "P0D" for zero.
func (d Duration) String() string {
	var b strings.Builder
	b.WriteString("P")
	for _, c := range []struct {
		v      float64
		letter string
	}{{d.Years, "Y"}, {d.Months, "M"}, {d.Weeks, "W"}, {d.Days, "D"}} {
		if c.v != 0 {
			b.WriteString(strconv.FormatFloat(c.v, 'f', -1, 64) + c.letter)
		}
	}
	if d.Hours != 0 {
		b.WriteString("T" + strconv.FormatFloat(d.Hours, 'f', -1, 64) + "H")
	}
	if b.Len() == 1 {
		return "P0D"
	}
	return b.String()
}

// durationWords are the Dutch singular and plural of each component.
var durationWords = [5][2]string{{"jaar", "jaar"}, {"maand", "maanden"}, {"week", "weken"}, {"dag", "dagen"}, {"uur", "uur"}}

// Dutch returns the duration as a Dutch reader writes it: "18 maanden",
// "1 jaar en 6 maanden", "2 weken", "1,5 jaar", "48 uur"; "0 dagen" for zero.
func (d Duration) Dutch() string {
	var parts []string
	for i, v := range []float64{d.Years, d.Months, d.Weeks, d.Days, d.Hours} {
		if v == 0 {
			continue
		}
		w := durationWords[i][1]
		if v == 1 {
			w = durationWords[i][0]
		}
		parts = append(parts, strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)+" "+w)
	}
	switch len(parts) {
	case 0:
		return "0 dagen"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " en " + parts[len(parts)-1]
}

// DutchDuration returns an ISO 8601 duration in Dutch words (see
// Duration.Dutch), or iso itself when it does not parse.
func DutchDuration(iso string) string {
	d, err := ParseDuration(iso)
	if err != nil {
		return iso
	}
	return d.Dutch()
}

// ParseDutchDuration parses a period as a person types it, in Dutch or
// English words ("1 jaar", "18 maanden", "2 weeks") or ISO 8601 ("P1Y").
// It returns an error naming the input for anything else.
func ParseDutchDuration(s string) (Duration, error) {
	if d, err := ParseDuration(s); err == nil {
		return d, nil
	}
	t := strings.TrimSpace(s)
	if ms := FindDurations(t); len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(t) {
		return ms[0].Duration, nil
	}
	return Duration{}, fmt.Errorf("duration %q: not a period such as \"1 jaar\", \"18 maanden\" or P1Y", s)
}

// InDays returns the length in days, with a month of DaysPerMonth and a
// year of DaysPerYear days.
func (d Duration) InDays() float64 {
	return d.Years*DaysPerYear + d.Months*DaysPerMonth + d.Weeks*7 + d.Days + d.Hours/24
}

var isoDurationRe = Lazy(`^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(\d+(?:[.,]\d+)?)H)?$`)

// ParseDuration parses an ISO 8601 duration of years, months, weeks, days
// and hours ("P4W", "P1Y6M", "P1,5Y", "PT48H"). It returns an error naming
// the input for anything else.
func ParseDuration(s string) (Duration, error) {
	m := isoDurationRe.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil || strings.Trim(strings.ToUpper(strings.TrimSpace(s)), "PT") == "" {
		return Duration{}, fmt.Errorf("duration %q: not an ISO 8601 duration such as P4W or P13M", s)
	}
	var v [5]float64
	for i := range v {
		if m[i+1] != "" {
			v[i], _ = strconv.ParseFloat(strings.Replace(m[i+1], ",", ".", 1), 64)
		}
	}
	return Duration{Years: v[0], Months: v[1], Weeks: v[2], Days: v[3], Hours: v[4]}, nil
}

// DurationDays returns the length in days of an ISO 8601 duration (P1M is
// 30.44 days), or an error naming the input.
func DurationDays(iso string) (float64, error) {
	d, err := ParseDuration(iso)
	if err != nil {
		return 0, err
	}
	return d.InDays(), nil
}

// DurationMatch is a period found in a text: the byte range [Start, End)
// of the phrase, the number and unit as written, and the Duration.
type DurationMatch struct {
	Start, End int
	Text       string
	Value      float64
	Unit       Unit
	Duration   Duration
}

// durationWordsOnce holds what numberBeforeUnit looks for: the first words
// of the units (lower case; one that another opens left out) and the words
// a number can end with (the last word of a number word, a tens word ending
// a Dutch compound, a unit word ending an English one).
var durationWordsOnce = sync.OnceValues(func() (starts, ends []string) {
	for u := range durationUnits {
		starts = append(starts, strings.Fields(u)[0])
	}
	for w := range numberWords {
		f := strings.Fields(w)
		ends = append(ends, f[len(f)-1])
	}
	ends = append(append(ends, mapKeys(tensWords)...), mapKeys(englishUnits)...)
	sort.Strings(starts)
	var kept []string
	for _, w := range starts {
		if len(kept) == 0 || !strings.HasPrefix(w, kept[len(kept)-1]) {
			kept = append(kept, w)
		}
	}
	sort.Strings(ends)
	return kept, slices.Compact(ends)
})

// numberBeforeUnit reports whether s may hold a period (see unitSpots).
func numberBeforeUnit(s string) bool {
	spots, all := unitSpots(s, true)
	return all || len(spots) > 0
}

// unitSpots returns, in order, the starts of the unit words in s that have
// before them (across the white space and hyphen durationRe allows there)
// a digit or the end of a number word. Every match of durationRe has its
// unit at one of them, so that the costly pattern runs only where one may
// stand. all is true, and spots nil, for a text with a rune that case
// folding takes for k or s (the Kelvin sign, long s): such a text is
// tried whole. With first, unitSpots stops at the first spot.
func unitSpots(s string, first bool) (spots []int, all bool) {
	if strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f") {
		return nil, true
	}
	starts, ends := durationWordsOnce()
	low := []byte(nil)
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			if low == nil {
				low = []byte(s)
			}
			low[i] = c + 'a' - 'A'
		}
	}
	l := s
	if low != nil {
		l = string(low)
	}
	space := func(e int) int { // the start of the white space ending at e
		for e > 0 {
			switch {
			case strings.ContainsRune(" \t\n\f\r", rune(s[e-1])):
				e--
			case e >= 2 && s[e-2:e] == "\u00a0":
				e -= 2
			default:
				return e
			}
		}
		return e
	}
	numberEnds := func(e int) bool {
		if c := s[e-1]; '0' <= c && c <= '9' {
			return true
		}
		for _, t := range ends {
			if e >= len(t) && strings.EqualFold(s[e-len(t):e], t) {
				return true
			}
		}
		return false
	}
	for _, w := range starts {
		for at := 0; ; {
			j := strings.Index(l[at:], w)
			if j < 0 {
				break
			}
			u := at + j
			at = u + 1
			e := space(u)
			if e > 0 && s[e-1] == '-' {
				e = space(e - 1)
			}
			if e > 0 && numberEnds(e) {
				if first {
					return []int{u}, false
				}
				spots = append(spots, u)
			}
		}
	}
	slices.Sort(spots)
	return spots, false
}

// durationCut reports whether s[i] is a byte no match of durationRe holds
// past its first byte: ASCII other than letters, digits, the white space
// of \s and the hyphen, and a point or comma that does not stand between
// two digits. A match either starts at a cut or holds none, so the
// pattern finds the same matches in the stretch from one cut to the next
// as in the whole text.
func durationCut(s string, i int) bool {
	c := s[i]
	switch {
	case c >= 0x80, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return false
	case c == ' ', c == '\t', c == '\n', c == '\f', c == '\r', c == '-':
		return false
	case c == '.' || c == ',':
		digit := func(j int) bool { return 0 <= j && j < len(s) && '0' <= s[j] && s[j] <= '9' }
		return !digit(i-1) || !digit(i+1)
	}
	return true
}

// durationRe matches "<number> <unit>"; the leading group keeps a number
// word from matching inside another word ("twee" in "tweede").
var durationRe = func() *Regexp {
	units := make([]string, 0, len(durationUnits))
	for u := range durationUnits {
		units = append(units, strings.ReplaceAll(u, " ", `\s+`))
	}
	return Lazy(`(?i)(?:^|[^\p{L}\p{N}])((` + NumberPattern + `)[\s\x{00A0}]*-?[\s\x{00A0}]*(` + alternation(units) + `))`)
}()

// FindDurations returns the periods written in s ("vier weken", "13
// maanden", "anderhalf jaar", "1,5 jaar", "een half jaar", "twee
// schooljaren", "binnen 24 uur"), in order. A unit must end its word:
// "12 maandelijkse" is no period.
func FindDurations(s string) []DurationMatch {
	spots, all := unitSpots(s, false)
	if all {
		return durationsIn(s, 0, len(s), nil)
	}
	windows := make([][2]int, len(spots))
	for i, u := range spots {
		windows[i][0], windows[i][1] = durationWindow(s, u)
	}
	slices.SortFunc(windows, func(x, y [2]int) int { return x[0] - y[0] })
	var out []DurationMatch
	wa, wb := -1, -1 // the windows merged so far
	for _, w := range windows {
		if wb >= 0 && w[0] >= wb {
			out = durationsIn(s, wa, wb, out)
			wa = -1
		}
		if wa < 0 {
			wa = w[0]
		}
		wb = max(wb, w[1])
	}
	if wa >= 0 {
		out = durationsIn(s, wa, wb, out)
	}
	return out
}

// durationSpace reports whether s[i] is a byte durationRe allows between
// the words of a number and before its unit: ASCII white space, a hyphen
// or one of the two bytes of NBSP.
func durationSpace(s string, i int) bool {
	switch s[i] {
	case ' ', '\t', '\n', '\f', '\r', '-':
		return true
	case 0xc2:
		return i+1 < len(s) && s[i+1] == 0xa0
	case 0xa0:
		return i > 0 && s[i-1] == 0xc2
	}
	return false
}

// durationWindow returns the part [a, b) of s that holds every match of
// durationRe whose unit starts at u: it starts at the rune before the
// digits ahead of u, or at the space (or cut) before the eight words ahead
// of u (a number is at most seven: "one and a half en een half"), and ends
// after the two words from u (a unit is at most two: "calendar days"),
// within the cuts around u (see durationCut). No number can start at its
// first rune, so that ^ in the pattern means there what it means in s.
func durationWindow(s string, u int) (a, b int) {
	b = u
	for w := range 2 {
		if w > 0 {
			for b < len(s) && durationSpace(s, b) {
				b++
			}
		}
		for b < len(s) && !durationSpace(s, b) && !durationCut(s, b) {
			b++
		}
	}
	// a number that ends in a digit is digits alone ("12", "1,5"): the
	// window starts at the rune before them, which no number word of one
	// letter can open
	e := u
	for e > 0 && durationSpace(s, e-1) {
		e--
	}
	if e > 0 && '0' <= s[e-1] && s[e-1] <= '9' {
		a = e
		for a > 0 && ('0' <= s[a-1] && s[a-1] <= '9' || s[a-1] == '.' || s[a-1] == ',') {
			a--
		}
		if a > 0 {
			_, k := utf8.DecodeLastRuneInString(s[:a])
			a -= k
		}
		return a, b
	}
	a = u
	for range 8 {
		for a > 0 && durationSpace(s, a-1) {
			a--
		}
		for a > 0 && !durationSpace(s, a-1) && !durationCut(s, a-1) {
			a--
		}
		if a > 0 && durationCut(s, a-1) {
			break
		}
	}
	if a > 0 {
		a-- // the space or cut before the words
		if s[a] == 0xa0 {
			a--
		}
	}
	return a, b
}

// durationsIn appends to out the periods durationRe finds in s[a:b], a
// stretch between two cuts (see durationCut), with offsets in s.
func durationsIn(s string, a, b int, out []DurationMatch) []DurationMatch {
	for _, m := range durationRe.FindAllStringSubmatchIndex(s[a:b], -1) {
		for i := range m {
			if m[i] >= 0 {
				m[i] += a
			}
		}
		start, end := m[2], m[3]
		if r, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		n, ok := Number(s[m[4]:m[5]])
		if !ok {
			continue
		}
		u := durationUnits[strings.Join(strings.Fields(strings.ToLower(s[m[6]:m[7]])), " ")]
		out = append(out, DurationMatch{Start: start, End: end, Text: s[start:end], Value: n, Unit: u, Duration: DurationOf(n, u)})
	}
	return out
}

// DutchRetention renders a retention period in Dutch words: bound and
// trigger as the record contract names them (GOLD.md: max, min, exact,
// until; contract_end, last_use, …), iso an ISO 8601 duration or "" —
// "max. 18 maanden na einde overeenkomst". A bound or trigger outside the
// vocabulary is shown as it is.
func DutchRetention(bound, iso, trigger string) string {
	word := func(k string) string {
		if w, ok := retentionWords[k]; ok {
			return w
		}
		return k
	}
	parts := []string{word(bound)}
	if iso != "" {
		parts = append(parts, DutchDuration(iso))
	}
	parts = append(parts, word(trigger))
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// retentionWords are the Dutch words for the bounds and triggers of the
// record contract.
var retentionWords = map[string]string{
	"max": "max.", "min": "min.", "exact": "", "until": "tot",
	"contract_end": "na einde overeenkomst", "last_use": "na laatste gebruik", "creation": "na aanmaak",
	"school_year_end": "na einde schooljaar", "request": "na verzoek", "during_contract": "tijdens de overeenkomst",
	"unspecified": "",
}
