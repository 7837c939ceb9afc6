package extract

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// Retention rules. A retention period is a length ("vier weken", "13
// maanden", "anderhalf jaar") or a moment ("tot het einde van het
// schooljaar") in a passage about keeping or deleting personal data: a
// cell of a Bewaartermijn column or row, a table row under a retention
// heading, or a sentence with a retention verb. Each distinct (duration,
// bound, trigger) is one item.
//
// Left out on purpose: objection, notice and breach periods; the retention
// of invoices and other fiscal records (the supplier keeps those as
// controller under tax law, not on the school's instruction); data kept in
// anonymised form; placeholders ("XXX maanden"); and the model article
// "bij de beëindiging … te (doen) vernietigen", which has no length.
var (
	// retentionNotRe marks a passage about something else than keeping the
	// school's personal data: objections, notice, breaches, invoices.
	retentionNotRe = mustCued(`(?i)financi\S*\s+administratie|financial\s+records|bezwaar|opzegtermijn|opzeggings?termijn|opzeggen|datalek|inbreuk|beveiligingsincident|\bmeld|factu|fiscal|fiscaal|belastingdienst|boekhoud|verjaring|geanonimiseerde|anonieme|anonymi[sz]ed data|objection|notice period|invoice`)
	// backReferenceRe ends the text before a length that only refers back to
	// a period stated elsewhere ("ook na de termijn van 12 maanden").
	backReferenceRe = mustCued(`(?i)\bna\s+(?:afloop\s+van\s+|het\s+verstrijken\s+van\s+)?(?:de|deze)\s+(?:bewaar)?termijn\s+van\s+$`)

	// boundBeforeRe is a qualifier shortly before the length; the last one wins.
	boundBeforeRe = mustCued(`(?i)\b(uiterlijk|maximaal|maximum|max\.|binnen|(?:niet|nooit)\s+langer\s+dan|korter\s+dan|ten\s+hoogste|hoogstens|hooguit|tot|within|up\s+to|no\s+longer\s+than|at\s+most|minimaal|minimum|min\.|ten\s+minste|tenminste|minstens|at\s+least)\b`)
	boundAfterRe  = mustCued(`(?i)^[\s,]*(?:\(?(of|or)\s+(korter|minder|less|shorter|langer|meer|more|longer))`)
	// triggerAfterRe opens the text after a length that says what it counts from.
	// terseBeforeRe ends the text before a period that starts a table
	// cell run into prose: nothing, or a capitalised bound.
	terseBeforeRe = mustCued(`(?:^|\n)[\s•\-–]*$|\b(?:Maximaal|Uiterlijk|Minimaal|Minstens|Ten\s+minste|Tenminste|Tot|Binnen|Hooguit|Maximum|Minimum)\s+$`)
	terseRe       = mustCued(`^[\s•\-–]*(?:(?i:` + normalize.NumberPattern + `)|Tot\s)|\b(?:Maximaal|Uiterlijk|Minimaal|Minstens|Ten\s+minste|Tenminste|Tot|Binnen|Hooguit|Maximum|Minimum)\s`)
	// afterNaRe ends the text before a length that follows "na" ("na 90 dagen").
	afterNaRe      = mustCued(`(?i)\b(?:na|after)\s+$`)
	triggerAfterRe = mustCued(`(?i)^[\s,]*(?:\(|gerekend\s+|te\s+rekenen\s+)?(?:na|nadat|vanaf|sinds|volgend\s+op|volgende\s+op|after|from|following)\b`)
)

// retentionCues are the (lower-case) word parts that make a sentence
// about retention; matched with strings.Contains, which is much cheaper
// than a case-insensitive regular expression on every sentence.
var retentionCues = []string{"bewaar", "verwijder", "vernietig", "gewist", "wissen", "anonimiseer",
	"opgeslagen", "overschreven", "opgeschoond", "retain", "retention", "deleted", "erased", "destroy", "purged"}

// containsAny reports whether s contains one of the words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// holdsAny is containsAny(strings.ToLower(s), words), words in lower-case
// ASCII, without a lower-case copy of s when s lies inside a document
// being extracted: it is read in the document's lower-case text (ASCII
// letters lowered). strings.ToLower makes ASCII of two other runes, the
// Kelvin sign and İ; a text with one is lowered as before.
func holdsAny(s string, words []string) bool {
	if x, off := liveIndex(s); x != nil && !x.odd && !strings.Contains(s, "\u0130") {
		return containsAny(x.lower()[off:off+len(s)], words)
	}
	return containsAny(strings.ToLower(s), words)
}

// wordSpots are the places in a document's text where some words stand,
// found once, so that many passages of it are tested for the words by a
// binary search instead of a scan of each.
type wordSpots struct {
	x     *docIndex
	words []string
	spans [][2]int // [start, end) of every occurrence, by start
}

// newWordSpots finds words (lower-case ASCII) in d's text: those the
// document's cue index knows in its lists (every occurrence, as
// strings.Index finds them), the others with strings.Index.
func newWordSpots(d *doc, words []string) *wordSpots {
	w := &wordSpots{x: d.index, words: words}
	low := d.lower()
	for _, word := range words {
		if hits, ok := d.index.wordHits(word); ok {
			for _, h := range hits {
				w.spans = append(w.spans, [2]int{int(h), int(h) + len(word)})
			}
			continue
		}
		for at := 0; ; {
			j := strings.Index(low[at:], word)
			if j < 0 {
				break
			}
			at += j
			w.spans = append(w.spans, [2]int{at, at + len(word)})
			at++
		}
	}
	slices.SortFunc(w.spans, func(a, b [2]int) int { return a[0] - b[0] })
	return w
}

// holds is holdsAny(s, w.words): for a string inside the document's text
// it looks the words up among the spots.
func (w *wordSpots) holds(s string) bool {
	x, off := liveIndex(s)
	if x == nil || x != w.x || x.odd || strings.Contains(s, "\u0130") {
		return holdsAny(s, w.words)
	}
	end := off + len(s)
	i, _ := slices.BinarySearchFunc(w.spans, off, func(a [2]int, t int) int { return a[0] - t })
	for ; i < len(w.spans) && w.spans[i][0] < end; i++ {
		if w.spans[i][1] <= end {
			return true
		}
	}
	return false
}

// retentionTriggers are the trigger vocabulary, in priority order for a
// sentence that does not say "na …" right after the length.
var retentionTriggers = []struct {
	trigger string
	re      *cuedRe
}{
	{"last_use", mustCued(`(?i)laatst\pL*\s+(?:\S+\s+){0,4}?(?:gebruik|log\s*-?\s*in|inlog|ingelogd|aanmeld|aangemeld|activiteit|actief)|inactiviteit|inactief|niet\s+(?:meer\s+)?(?:is\s+|zijn\s+)?(?:gebruikt|ingelogd|actief)|\blast\s+(?:use|used|login|log-in|activity|active)|inactivity|inactive`)},
	{"school_year_end", mustCued(`(?i)(?:einde|afloop|eind)\s+(?:van\s+)?(?:het\s+)?(?:lopende\s+)?(?:school|cursus|studie)jaar|(?:school|cursus|studie)jaar\s+(?:is\s+)?(?:afgelopen|beëindigd|eindigt)|end\s+of\s+the\s+(?:school|academic)\s+year`)},
	{"contract_end", mustCued(`(?i)beëindig|beeindig|(?:einde|afloop|verstrijken|verlopen|opheffen|stopzetten)\s+(?:van\s+)?(?:de\s+|het\s+|een\s+)?(?:\pL+\s+){0,2}?(?:overeenkomst|contract|licentie|abonnement|dienstverlening|klantrelatie|samenwerking|account)|(?:aflopen|afgelopen|verlopen|opgeheven|stopgezet|opgezegd)\s+(?:van\s+)?(?:de\s+|het\s+)?(?:overeenkomst|contract|licentie|abonnement|account)|(?:overeenkomst|contract|licentie|abonnement|account)\s+(?:\pL+\s+){0,2}?(?:afgelopen|verlopen|opgeheven|stopgezet|opgezegd|geëindigd|beëindigd)|opzegging|ontbinding|expir|terminat|end\s+of\s+the\s+(?:contract|agreement|subscription|licen[cs]e)`)},
	{"creation", mustCued(`(?i)totstandkoming|tot\s+stand\s+(?:is\s+)?gekomen|aanmaak|aangemaakt|aanmaken|vastlegging|(?:is|zijn|werden|worden)\s+(?:vastgelegd|ingevoerd|geüpload|geregistreerd)|(?:afname|afnemen)\s+van\s+(?:de|het|een)\s+(?:toets|test|examen)|\binvoer\b|\bna\s+(?:het\s+)?(?:opnemen|opname)\b|creation|created|collected|recorded`)},
	{"during_contract", mustCued(`(?i)(?:gedurende|tijdens)\s+(?:de|het|een)\s+(?:looptijd|licentie|overeenkomst|abonnement|contract|gebruiksperiode)|zolang\s+(?:de|het)\s+(?:overeenkomst|licentie|abonnement|contract|account)|during\s+the\s+(?:term|contract|subscription|licen[cs]e)`)},
	{"request", mustCued(`(?i)verzoek|verzocht|afmeld|uitschrijv|uitgeschreven|request|unsubscri`)},
}

// untilRe is a moment without a length ("tot einde schooljaar", "tot
// opzegging"), with the trigger it stands for.
var untilRes = []struct {
	trigger string
	re      *cuedRe
}{
	{"school_year_end", mustCued(`(?i)\b(?:tot|until|aan|bij|at)\s+(?:aan\s+)?(?:het\s+)?(?:einde|eind|afloop|the\s+end)\s+(?:van\s+|of\s+)?(?:het\s+|the\s+)?(?:lopende\s+)?(?:schooljaar|school\s+year)`)},
	{"contract_end", mustCued(`(?i)\b(?:tot|until)\s+(?:aan\s+)?(?:de\s+|het\s+|the\s+)?(?:(?:einde|eind|afloop|beëindiging|end|termination)\s+(?:van\s+|of\s+)?(?:de\s+|het\s+|the\s+)?(?:\pL+\s+)?(?:overeenkomst|contract|licentie|abonnement|agreement|subscription)|opzegging)`)},
	{"during_contract", mustCued(`(?i)(?:\bzolang|voor\s+de\s+duur\s+van|gedurende\s+de\s+(?:looptijd|duur)\s+van|for\s+the\s+(?:term|duration)\s+of|as\s+long\s+as)\s+(?:de|het|een|the)\s+(?:\pL+\s+)?(?:overeenkomst|licentie|abonnement|account|contract|agreement|subscription|licen[cs]e)`)},
	{"request", mustCued(`(?i)\b(?:tot|until)\s+(?:een\s+|het\s+|a\s+)?(?:(?:schriftelijk|uitdrukkelijk|expliciet)e?\s+)?(?:verzoek|afmelding|uitschrijving|request)`)},
}

// deletionOnRequestRe is a sentence of a retention section that deletes
// data when the school or user asks ("In geval van afmelding of een
// verzoek daartoe, worden de contactgegevens verwijderd").
var (
	deletionVerbRe   = mustCued(`(?i)verwijder|vernietig|gewist|wissen|deleted|erased`)
	requestCueRe     = mustCued(`(?i)verzoek|afmeld|uitschrijv|uitgeschreven|request|unsubscri`)
	conditionalNotRe = mustCued(`(?i)\btenzij\b|\bunless\b|langer\s+bewaard|betrokkene|inzage`)
)

// retentionColumn reports whether a column header or row label names retention.
var retentionLabelRe = mustCued(`(?i)bewaartermijn|bewaarperiode|bewaren|retentie|retention|termijn`)

type retentionHit struct {
	item       Retention
	start, end int
	confidence float64
}

func extractRetention(d *doc, r *Record) {
	var hits []retentionHit
	cues := newWordSpots(d, retentionCues)
	for _, p := range d.passages() {
		hits = append(hits, retentionWith(p, cues.holds(p.text))...)
	}
	items, evidence := dedupeRetention(hits)
	for i, it := range items {
		r.Retention = append(r.Retention, it)
		for _, h := range evidence[i] {
			d.cite(r, fmt.Sprintf("retention[%d]", i), h.start, h.end, h.confidence)
		}
	}
}

// retentionIn returns the retention periods a passage states.
func retentionIn(p passage) []retentionHit {
	return retentionWith(p, holdsAny(p.text, retentionCues))
}

// retentionWith is retentionIn, given whether the passage holds a
// retention cue word.
func retentionWith(p passage, cue bool) []retentionHit {
	tableCell := p.cell && (retentionLabelRe.MatchString(p.column) || retentionLabelRe.MatchString(p.label) || p.retentionBlock)
	// terse is a retention section's table that lost its cell separators
	// (OCR, some PDFs): a period then opens its sentence or follows a
	// capitalised bound ("… leerkrachten en Maximaal 1,5 jaar na …");
	// only asked of a passage that is neither a retention cell nor cued.
	terse := func() bool { return p.retentionBlock && !p.article && !p.cell && terseRe.MatchString(p.text) }
	if !tableCell && !cue && !terse() || retentionNotRe.MatchString(p.text) {
		return nil
	}
	if p.cell && p.col > 0 && retentionNotRe.MatchString(strings.Join(p.rowCells, " ")) {
		return nil // a row about invoices or objections ("Facturen | 7 jaar | Fiscale bewaarplicht")
	}
	start, end := p.start, p.end
	confidence := 0.7
	switch {
	case tableCell:
		confidence = 0.9
	case p.retentionBlock:
		confidence = 0.8
	}
	var out []retentionHit
	durations := normalize.FindDurations(p.text)
	for _, m := range durations {
		if m.Unit == normalize.Hour || m.Unit == normalize.WorkingDay {
			continue // hours and working days are deadlines, not retention periods
		}
		before := p.text[:m.Start]
		if !tableCell && !cue && !terseBeforeRe.MatchString(before) {
			continue
		}
		if !tableCell && cue && !periodOfRetention(p.text, m.Start, m.End) {
			continue
		}
		if backReferenceRe.MatchString(before) {
			continue
		}
		iso := m.Duration.String()
		trigger := retentionTrigger(p.text, m.Start, m.End)
		if trigger == "unspecified" && p.cell {
			trigger = siblingTrigger(p)
		}
		out = append(out, retentionHit{
			item:  Retention{Duration: &iso, Bound: retentionBound(before, p.text[m.End:]), Trigger: trigger, Days: math.Round(m.Duration.InDays()*100) / 100},
			start: start, end: end, confidence: confidence,
		})
	}
	if len(durations) > 0 {
		return out
	}
	for _, u := range untilRes {
		if u.trigger == "during_contract" && !tableCell && !p.retentionBlock {
			continue // "zolang de overeenkomst loopt" is everywhere in the articles
		}
		if l := u.re.FindStringIndex(p.text); l != nil && (tableCell || cue || terseBeforeRe.MatchString(p.text[:l[0]]) || strings.HasPrefix(p.text[l[0]:], "Tot")) {
			return []retentionHit{{item: Retention{Bound: "until", Trigger: u.trigger}, start: start, end: end, confidence: confidence - 0.1}}
		}
	}
	if p.retentionBlock && !p.article && !p.cell && deletionVerbRe.MatchString(p.text) &&
		requestCueRe.MatchString(p.text) && !conditionalNotRe.MatchString(p.text) {
		return []retentionHit{{item: Retention{Bound: "until", Trigger: "request"}, start: start, end: end, confidence: 0.6}}
	}
	return nil
}

// actionWords are (lower-case) word parts of other things a supplier does
// within a period: provide, inform, answer, repair, let the school export.
var actionWords = []string{"verstrek", "verstuur", "stuurt", "zendt", "informeer", "informeert", "meldt",
	"reageer", "reageert", "beantwoord", "herstel", "export", "download", "ophalen", "opvragen", "terugkijken",
	"inzien", "ter beschikking", "overleg", "factureer", "betaal", "provide", "respond", "notify", "export"}

// continuationRe opens a clause that sharpens the clause before it ("en in
// ieder geval", "doch uiterlijk") rather than saying something new.
var continuationRe = mustCued(`(?i)^\s*(?:(?:en|maar|doch|of|but|and)\s+)?(?:in\s+(?:ieder|elk|alle)\s+geval|uiterlijk|althans|dan\s+wel|in\s+any\s+case|at\s+the\s+latest)\b`)

// periodOfRetention reports whether the period at [start, end) of a
// sentence is about keeping or deleting data: its clause (up to a comma
// or semicolon; a label such as "Bewaartermijn:" stays in) holds a retention word, and no other action stands
// closer to it ("bewaart de rapporten … en verstrekt deze binnen 14 dagen").
func periodOfRetention(text string, start, end int) bool {
	cs, ce := 0, len(text)
	if i := strings.LastIndexAny(text[:start], ",;"); i >= 0 {
		cs = i + 1
		// "…verwijderd, en in ieder geval binnen 7 dagen": a clause that
		// only sharpens the one before it belongs to it
		if continuationRe.MatchString(text[cs:start]) {
			if j := strings.LastIndexAny(text[:i], ",;"); j >= 0 {
				cs = j + 1
			} else {
				cs = 0
			}
		}
	}
	if i := strings.IndexAny(text[end:], ",;"); i >= 0 {
		ce = end + i
	}
	clause := strings.ToLower(text[cs:ce])
	s, e := start-cs, end-cs
	distance := func(words []string) int {
		best := -1
		for _, w := range words {
			for off := 0; ; {
				i := strings.Index(clause[off:], w)
				if i < 0 {
					break
				}
				i += off
				d := s - (i + len(w))
				if i >= e {
					d = i - e
				}
				if d < 0 {
					d = 0
				}
				if best < 0 || d < best {
					best = d
				}
				off = i + len(w)
			}
		}
		return best
	}
	cue := distance(retentionCues)
	if cue < 0 {
		return false
	}
	action := distance(actionWords)
	return action < 0 || cue <= action
}

// retentionBound reads the bound from the qualifier closest before the
// length (within a few words) or an "of korter/langer" after it.
func retentionBound(before, after string) string {
	if m := boundAfterRe.FindStringSubmatch(after); m != nil {
		switch strings.ToLower(m[2]) {
		case "korter", "minder", "less", "shorter":
			return "max"
		default:
			return "min"
		}
	}
	window := before
	if len(window) > 60 {
		window = window[len(window)-60:]
	}
	locs := boundBeforeRe.FindAllStringIndex(window, -1)
	if len(locs) == 0 {
		return "exact"
	}
	last := locs[len(locs)-1]
	between := window[last[1]:]
	if strings.ContainsAny(between, ",;:") || len(strings.Fields(between)) > 4 {
		return "exact"
	}
	switch q := strings.ToLower(strings.Join(strings.Fields(window[last[0]:last[1]]), " ")); q {
	case "minimaal", "minimum", "min.", "ten minste", "tenminste", "minstens", "at least":
		return "min"
	default:
		return "max"
	}
}

// retentionTrigger reads what the period counts from: the text right
// after the length when it says "na …", else the whole sentence. A length
// that follows "na" without a stated start ("Logbestanden worden na 90
// dagen gewist") counts from when the data came into being: creation.
func retentionTrigger(text string, start, end int) string {
	after := text[end:]
	if loc := triggerAfterRe.FindStringIndex(after); loc != nil {
		best, bestAt := "", len(after)
		for _, t := range retentionTriggers {
			if l := t.re.FindStringIndex(after); l != nil && l[0] < bestAt {
				best, bestAt = t.trigger, l[0]
			}
		}
		if best != "" {
			return best
		}
	}
	for _, t := range retentionTriggers {
		if t.re.MatchString(text) {
			return t.trigger
		}
	}
	if afterNaRe.MatchString(text[:start]) {
		return "creation"
	}
	return "unspecified"
}

// siblingTrigger reads the trigger of a table cell's period from another
// cell of its row that says what it counts from ("2 jaar" | "na het
// einde van het schooljaar"); the row's first cell, which names the data
// ("datum laatste login"), is not read. It returns "unspecified" otherwise.
func siblingTrigger(p passage) string {
	for k, c := range p.rowCells {
		if k == 0 || k == p.col || triggerAfterRe.FindStringIndex(c) == nil {
			continue
		}
		if t := retentionTrigger(c, 0, 0); t != "unspecified" {
			return t
		}
	}
	return "unspecified"
}

// dedupeRetention keeps one item per (duration, bound, trigger), in order
// of first appearance, and drops an item without a trigger when another
// has the same duration and bound (the same period restated, its start
// cut off by the layout). It returns the items and their evidence.
func dedupeRetention(hits []retentionHit) ([]Retention, [][]retentionHit) {
	// lengths compare in whole days, so that P12M and P1Y are one period
	length := func(r Retention) string {
		if r.Duration == nil {
			return ""
		}
		return strconv.Itoa(int(math.Round(r.Days)))
	}
	key := func(r Retention) string { return length(r) + "|" + r.Bound + "|" + r.Trigger }
	specific := map[string]bool{}
	for _, h := range hits {
		if h.item.Trigger != "unspecified" && h.item.Duration != nil {
			specific[length(h.item)+"|"+h.item.Bound] = true
		}
	}
	var items []Retention
	var evidence [][]retentionHit
	index := map[string]int{}
	for _, h := range hits {
		if h.item.Trigger == "unspecified" && h.item.Duration != nil && specific[length(h.item)+"|"+h.item.Bound] {
			continue
		}
		k := key(h.item)
		i, ok := index[k]
		if !ok {
			i = len(items)
			index[k] = i
			items = append(items, h.item)
			evidence = append(evidence, nil)
		}
		evidence[i] = append(evidence[i], h)
	}
	return items, evidence
}
