package extract

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/corpus"
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
	// Safeguards are the transfer mechanisms the document names for this
	// country, each with evidence under "transfers[i].safeguards": SCC
	// (standard contractual clauses), DPF (EU-US Data Privacy Framework),
	// BCR (binding corporate rules), adequacy (an adequacy decision). A
	// safeguard counts for a country when the document states it for that
	// country or for a sub-processor there, or for transfers outside the
	// EEA in general.
	Safeguards []string `json:"safeguards"`
}

// safeguardPatterns find the transfer safeguards, in Dutch and English.
var safeguardPatterns = []struct {
	name string
	re   *cuedRe
}{
	{"SCC", mustCued(`(?i)\b(?:standaard ?contract(?:uele )?bepalingen|modelcontract(?:bepalingen|en)?|standard contractual clauses|SCCs?)\b`)},
	// (the optional "EU-US " spelled as two alternatives, the longer first,
	// so that every match opens with a word the cued rule can look for)
	{"DPF", mustCued(`(?i)\b(?:EU[- ]U\.?S\.? Data Privacy Framework|Data Privacy Framework|DPF)\b`)},
	{"BCR", mustCued(`(?i)\b(?:binding corporate rules|bindende bedrijfsvoorschriften|BCRs?)\b`)},
	{"adequacy", mustCued(`(?i)\b(?:adequaatheidsbesluit(?:en)?|adequaatheidsbeslissing(?:en)?|adequacy decisions?)\b`)},
}

// privacyShield names the EU-US Privacy Shield, which the Court of Justice
// struck down in 2020 (Schrems II): no safeguard any more.
var privacyShield = mustCued(`(?i)\bprivacy ?shield\b`)

// generalTransfer is the vocabulary of a statement about transfers in
// general ("voor doorgifte buiten de EER gelden …", "transfers to third
// countries"): a safeguard stated so holds for every country outside the EEA.
var generalTransfer = normalize.Lazy(`(?i)\b(?:buiten (?:de )?(?:EER|EU|Europese (?:Economische Ruimte|Unie))|derde land(?:en)?|doorgifte|doorgeven|doorgegeven|outside (?:the )?(?:EEA|EU|European)|third countr(?:y|ies)|transfers?|transferred|internationale? (?:doorgifte|overdracht))\b`)

// clauseBreak splits a sentence into its clauses, for a sentence that
// pairs different safeguards with different countries ("voor het VK geldt
// een adequaatheidsbesluit, voor de VS de standaardcontractbepalingen").
var clauseBreak = normalize.Lazy(`[,;:–—]\s`)

// safeguardMention is one place the document names a safeguard, with the
// countries it is stated for.
type safeguardMention struct {
	name       string
	start, end int // the passage that is its evidence
	general    bool
	countries  []string // the countries it is stated for (general: none)
}

// extractTransfers runs after the sub-processors (which decide
// outside_eea_countries): each country outside the EEA gets its adequacy
// and the safeguards the document states for it, with evidence. A
// safeguard is stated for a country when the clause, sentence or table row
// that names it names the country or a sub-processor there, or else the
// sentences before it in its paragraph do; a statement that names no country or
// sub-processor, or speaks of transfers in general, holds for all.
func extractTransfers(d *doc, r *Record) {
	if len(r.OutsideEEACountries) == 0 {
		return
	}
	if privacyShield.findLow(d.text, d.lower()) != nil {
		r.Warnings = append(r.Warnings, "names the EU-US Privacy Shield, which is no transfer safeguard since 2020 (Schrems II)")
	}
	ms := d.safeguardMentions(r)
	for i, c := range r.OutsideEEACountries {
		t := Transfer{Country: c, Adequacy: normalize.Adequacy(c), Safeguards: []string{}}
		for _, p := range safeguardPatterns {
			m, ok := mentionFor(ms, p.name, c)
			if !ok {
				continue
			}
			t.Safeguards = append(t.Safeguards, p.name)
			confidence := 0.8
			if m.general {
				confidence = 0.7
			}
			d.cite(r, transferPath(i), m.start, m.end, confidence)
		}
		r.Transfers = append(r.Transfers, t)
	}
}

// mentionFor returns the mention of safeguard name that holds for country
// c: the first stated for c itself, else the first general one.
func mentionFor(ms []safeguardMention, name, c string) (safeguardMention, bool) {
	var general *safeguardMention
	for i, m := range ms {
		if m.name != name {
			continue
		}
		if slices.Contains(m.countries, c) {
			return m, true
		}
		if m.general && general == nil {
			general = &ms[i]
		}
	}
	if general != nil {
		return *general, true
	}
	return safeguardMention{}, false
}

// safeguardMentions finds every safeguard the document names and decides
// whom each is stated for.
func (d *doc) safeguardMentions(r *Record) []safeguardMention {
	type hit struct {
		name       string
		start, end int
	}
	var hits []hit
	for _, p := range safeguardPatterns {
		for _, m := range p.re.FindAllIn(d) {
			hits = append(hits, hit{p.name, m[0], m[1]})
		}
	}
	var out []safeguardMention
	for _, h := range hits {
		m := safeguardMention{name: h.name}
		if row, ok := d.rowAt(h.start); ok {
			// A table row: the row is the statement.
			m.start, m.end = row.Start, row.End
			named, cs := d.statedFor(r, row.Start, row.End)
			m.countries, m.general = cs, !named
			out = append(out, m)
			continue
		}
		s, e := d.sentenceAround(h.start, h.end)
		m.start, m.end = s, e
		// A sentence that pairs other safeguards with other countries:
		// the clause decides, when it names a country.
		if mixedSafeguards(d.text[s:e], h.name) {
			cs, ce := clauseAround(d.text, s, e, h.start)
			if named, cs := d.statedFor(r, cs, ce); named {
				m.countries = cs
				out = append(out, m)
				continue
			}
		}
		if named, cs := d.statedFor(r, s, e); named && (len(cs) > 0 || !generalTransfer.MatchString(d.text[s:e])) {
			m.countries = cs
		} else if named || generalTransfer.MatchString(d.text[s:e]) {
			m.general = true
		} else if b, ok := d.passageAt(h.start); ok && b.Start < s {
			// The sentence names nobody ("het bedrijf"): the sentences
			// before it in its paragraph may.
			named, cs := d.statedFor(r, b.Start, s)
			m.countries, m.general = cs, !named
		} else {
			m.general = true
		}
		out = append(out, m)
	}
	return out
}

// mixedSafeguards reports whether sentence names a safeguard other than name.
func mixedSafeguards(sentence, name string) bool {
	for _, p := range safeguardPatterns {
		if p.name != name && p.re.MatchString(sentence) {
			return true
		}
	}
	return false
}

// clauseAround returns the clause of the sentence [s, e) of text that
// holds offset at.
func clauseAround(text string, s, e, at int) (int, int) {
	cs, ce := s, e
	for _, b := range clauseBreak.FindAllStringIndex(text[s:e], -1) {
		if s+b[0] < at {
			cs = s + b[1]
		} else {
			ce = s + b[0]
			break
		}
	}
	return cs, ce
}

// statedFor reports whether text[s:e] names a country or place, or one of
// the record's sub-processors, and the countries outside the EEA it names
// (those of the sub-processors it names included), in order.
func (d *doc) statedFor(r *Record, s, e int) (named bool, countries []string) {
	add := func(c string) {
		if c != "" && !normalize.InEEA(c) && !slices.Contains(countries, c) {
			countries = append(countries, c)
		}
	}
	text := d.text[s:e]
	for _, m := range normalize.Locations(text) {
		if m.Country != "" {
			named = true
			add(m.Country)
		}
	}
	lower := strings.ToLower(text)
	for _, sp := range r.Subprocessors {
		base, _ := normalize.SplitLegalForm(sp.Name)
		if len(base) < 3 || !containsWord(lower, strings.ToLower(base)) {
			continue
		}
		named = true
		for _, c := range sp.Countries {
			add(c)
		}
	}
	return named, countries
}

// containsWord reports whether word occurs in s and is not part of a
// longer word.
func containsWord(s, word string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(word)
		if (a == 0 || !isWordByte(s[a-1])) && (b == len(s) || !isWordByte(s[b])) {
			return true
		}
		i = a + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// rowAt returns the table row that holds offset at, if any.
func (d *doc) rowAt(at int) (corpus.Row, bool) {
	for _, b := range d.blocks() {
		if b.Kind != corpus.BlockTable || at < b.Start || at >= b.End {
			continue
		}
		for _, row := range b.Table.Rows {
			if row.Start <= at && at < row.End {
				return row, true
			}
		}
	}
	return corpus.Row{}, false
}

// passageAt returns the paragraph, list item or label block that holds
// offset at, if any.
func (d *doc) passageAt(at int) (corpus.Block, bool) {
	for _, b := range d.blocks() {
		if b.Start <= at && at < b.End && (b.Kind == corpus.BlockParagraph || b.Kind == corpus.BlockListItem || b.Kind == corpus.BlockLabel) {
			return b, true
		}
	}
	return corpus.Block{}, false
}

func transferPath(i int) string {
	return "transfers[" + strconv.Itoa(i) + "].safeguards"
}
