package extract

import (
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// An agreement has articles and a party block; a stand-alone annex has
// neither. minArticles is how many Artikel headings make an agreement.
const minArticles = 4

// minRoleWords is how often (Sub)verwerker or (Sub)bewerker must occur for
// a contract whose title does not say so to be a processing agreement.
const minRoleWords = 3

// agreementWords and annexWords tell the kind of a document from its title
// or an annex heading. An annex heading often names the agreement too
// ("privacy bijsluiter bij de verwerkersovereenkomst X"), so for a
// stand-alone annex the annex words are tried first.
var (
	agreementWords = []kindWord{
		{cued(normalize.Pattern(`(?i)bewerkers\s*overeenkomst`)), "bewerkersovereenkomst"},
		{cued(normalize.Pattern(`(?i)verwerkers\s*overeenkomst|data\s*processing\s*agreement|verwerkingsovereenkomst`)), "verwerkersovereenkomst"},
	}
	annexWords = []kindWord{
		{cued(normalize.Pattern(`(?i)privacy\s*-?\s*bijsluiter`)), "privacybijsluiter"},
		{cued(normalize.Pattern(`(?i)beveiligings\s*-?\s*bijlage|beveiligingsmaatregelen`)), "beveiligingsbijlage"},
	}
)

// kindWord is a wording that names a kind of document.
type kindWord struct {
	re   *cuedRe
	kind string
}

// wordKind returns the kind the first matching word of words names in s's
// heading, "" when none does or s is nil.
func wordKind(s *Section, words []kindWord) string {
	if s == nil {
		return ""
	}
	for _, w := range words {
		if w.re.MatchString(s.Heading) {
			return w.kind
		}
	}
	return ""
}

var (
	bewerkerRe  = cued(normalize.Pattern(`\b(?:[Bb]ewerker|[Ss]ubbewerker|Bewerkersovereenkomst)s?\b`))
	verwerkerRe = cued(normalize.Pattern(`\b(?:[Vv]erwerker|[Ss]ubverwerker|Verwerkersovereenkomst)s?\b`))
)

// extractKind sets kind, model_version and legal_basis.
func extractKind(d *doc, r *Record) {
	kind, start, end := documentKind(d)
	r.Kind = kind
	if end > start {
		d.cite(r, "kind", start, end, 0.8)
	}
	extractModelVersion(d, r)
	extractLegalBasis(d, r)
}

// documentKind decides the kind from the structure (articles, party
// block, annexes) and the words of the title, and returns the span that
// shows it.
func documentKind(d *doc) (kind string, start, end int) {
	articles := 0
	var title, parties, firstAnnex *Section
	for i := range d.outline {
		s := &d.outline[i]
		switch s.Kind {
		case SectionArticle:
			articles++
		case SectionTitle:
			title = s
		case SectionParties:
			if parties == nil {
				parties = s
			}
		case SectionAnnex:
			if firstAnnex == nil {
				firstAnnex = s
			}
		}
	}
	headingSpan := func(s *Section) (int, int) {
		return s.Start, s.Start + len(firstLine(d.text[s.Start:s.End]))
	}
	// An agreement has articles or parties (with a heading, or found by
	// their "hierna te noemen" roles when articles are numbered "1.").
	agreement := articles >= minArticles || parties != nil || len(partyItems(d)) >= 2
	if !agreement {
		// A stand-alone annex: its heading's words, else its number.
		for _, s := range []*Section{title, firstAnnex} {
			k := wordKind(s, annexWords)
			if k == "" && s != nil && s.Kind == SectionAnnex {
				k = map[string]string{"1": "privacybijsluiter", "2": "beveiligingsbijlage"}[s.Number]
			}
			if k == "" && s == title && firstAnnex != nil && firstAnnex.Start == title.Start {
				continue // the title is the annex heading, tried next
			}
			if k != "" {
				a, b := headingSpan(s)
				return k, a, b
			}
		}
		// No heading says it: the sections of a privacy annex (product,
		// categories of personal data) make it one.
		if len(d.sectionByTitle(normalize.Pattern(`(?i)categorie|algemene informatie`))) >= 2 {
			if s, ok := d.sectionOf(SectionLetter); ok {
				a, b := headingSpan(&s)
				return "privacybijsluiter", a, b
			}
		}
		if k := wordKind(title, agreementWords); k != "" {
			a, b := headingSpan(title)
			return k, a, b
		}
		return "other", 0, 0
	}
	k := wordKind(title, agreementWords)
	if k == "" {
		// The title does not say (Model …, a company name): the era words
		// decide; without them it is another kind of contract (general
		// terms and conditions have articles too).
		nb, nv := len(bewerkerRe.FindAllIn(d)), len(verwerkerRe.FindAllIn(d))
		switch {
		case nb+nv < minRoleWords:
			k = "other"
		case nb > nv:
			k = "bewerkersovereenkomst"
		default:
			k = "verwerkersovereenkomst"
		}
	}
	if title != nil {
		a, b := headingSpan(title)
		return k, a, b
	}
	return k, 0, 0
}

// firstLine returns s up to its first line break.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// modelVersionRe finds the version of the Model agreement or Convenant a
// document follows: "Model Verwerkersovereenkomst 4.0", "Verwerkersovereenkomst
// Versie 3.0", "Convenant Digitale Onderwijsmiddelen en Privacy 2.0",
// "Model Bewerkersovereenkomst versie 2.0". Group 1 is the document word,
// group 2 the version.
var modelVersionRe = cued(normalize.Pattern(`(?i)\b(Model\s+(?:Bewerkers|Verwerkers)overeenkomst|(?:Bewerkers|Verwerkers)overeenkomst|Privacy\s*convenant|Convenant(?:\s+Digitale\s+Onderwijsmiddelen\s+en\s+Privacy)?(?:\s*[-–]\s*Leermiddelen\s+en\s+Toetsen)?)[\s,]+(?:versie[.:]?\s+|v\.?\s*)?(\d{1,2}\.\d)\b`))

// versionFirstRe names the version before the document: "versie 4.0 van
// de Model Verwerkersovereenkomst". Group 1 is the version, group 2 the
// document word.
var versionFirstRe = cued(normalize.Pattern(`(?i)\bversie\s+(\d{1,2}\.\d)\s+van\s+(?:de|het)\s+((?:Model\s*)?(?:Bewerkers|Verwerkers)overeenkomst|(?:Privacy\s*)?[Cc]onvenant)`))

// modelNumberRe is the short form "Model 3.0 (van|bij) het Convenant":
// the number directly after the word Model, tied to the Convenant.
var modelNumberRe = cued(normalize.Pattern(`\b(Model)\s+(?:versie\s+)?(\d{1,2}\.\d)\s+(?:van|bij|behorend\s+bij|uit)\s+(?:het\s+)?(?:Privacy\s*)?[Cc]onvenant`))

// replacedVersionRe is the wording that names a version only as the one
// being replaced ("komt in de plaats van de Model Verwerkersovereenkomst
// 3.0", "eerdere … van het Convenant 2.0").
var replacedVersionRe = cued(normalize.Pattern(`(?i)(?:in\s+de\s+plaats\s+van|eerdere|vervangt|vorige|oude)\s[^.\n]{0,80}$`))

// extractModelVersion sets model_version to the version most mentioned
// (model agreement mentions weigh twice a Convenant mention), leaving out
// versions named only as replaced ones.
func extractModelVersion(d *doc, r *Record) {
	votes := map[string]int{}
	first := map[string][]int{}
	matches := modelVersionRe.FindAllIn(d)
	// "versie 4.0 van de Model Verwerkersovereenkomst": the version first
	for _, m := range versionFirstRe.FindAllIn(d) {
		matches = append(matches, []int{m[0], m[1], m[4], m[5], m[2], m[3]})
	}
	matches = append(matches, modelNumberRe.FindAllIn(d)...)
	for _, m := range matches {
		lineStart := strings.LastIndexByte(d.text[:m[0]], '\n') + 1
		if replacedVersionRe.MatchString(d.text[lineStart:m[0]]) {
			continue
		}
		v := d.text[m[4]:m[5]]
		w := 1
		if !strings.HasPrefix(strings.ToLower(d.text[m[2]:m[3]]), "convenant") {
			w = 2
		}
		votes[v] += w
		if first[v] == nil {
			first[v] = []int{m[0], m[1]}
		}
	}
	best := ""
	for v, n := range votes {
		if n > votes[best] || n == votes[best] && v > best {
			best = v
		}
	}
	if best == "" {
		return
	}
	r.ModelVersion = &best
	d.cite(r, "model_version", first[best][0], first[best][1], 0.85)
}

// lawCues vote for the privacy law an agreement is written under. A
// definition or the article that obliges the agreement weighs most; a
// bare mention counts once, so a leftover reference does not decide.
// words are what every match holds (see findAllNear).
var lawCues = []struct {
	law    string
	re     *cuedRe
	weight int
	words  []string
}{
	{"Wbp", cued(normalize.Pattern(`(?i)(?:gedefinieerd|omschreven|bedoeld)\s+in\s+(?:artikel\s+\d+\s+(?:van\s+)?)?(?:de\s+)?(?:Wbp|Wet\s+bescherming\s+persoonsgegevens)`)), 5, wbpWords},
	{"Wbp", cued(normalize.Pattern(`(?i)artikel\s+14\s+(?:van\s+de\s+)?(?:Wbp|Wet\s+bescherming\s+persoonsgegevens)`)), 5, wbpWords},
	{"Wbp", cued(normalize.Pattern(`\bWbp\b|(?i:Wet\s+bescherming\s+persoonsgegevens)`)), 1, wbpWords},
	{"AVG", cued(normalize.Pattern(`(?i)(?:gedefinieerd|omschreven|bedoeld)\s+in\s+(?:artikel\s+\d+\s+(?:van\s+)?)?(?:de\s+)?(?:AVG|GDPR|Algemene\s+Verordening\s+Gegevensbescherming)`)), 5, avgWords},
	{"AVG", cued(normalize.Pattern(`(?i)artikel\s+28(?:\s+lid\s+\d+)?\s+(?:van\s+de\s+)?(?:AVG|GDPR|Algemene\s+Verordening\s+Gegevensbescherming)`)), 5, avgWords},
	{"AVG", cued(normalize.Pattern(`\b(?:AVG|GDPR)\b|(?i:Algemene\s+Verordening\s+Gegevensbescherming|General\s+Data\s+Protection\s+Regulation)`)), 1, []string{"avg", "gdpr", "algemene", "general"}},
}

var (
	wbpWords = []string{"wbp", "wet"}
	avgWords = []string{"avg", "gdpr", "algemene"}
)

// extractLegalBasis sets legal_basis to the law with the most weighted
// votes; null when neither law is named.
func extractLegalBasis(d *doc, r *Record) {
	score := map[string]int{}
	best := map[string][2]int{} // strongest cue's span per law
	bestW := map[string]int{}   // its weight
	for _, c := range lawCues {
		for _, m := range d.findAllNear(c.re, c.words) {
			score[c.law] += c.weight
			if c.weight > bestW[c.law] {
				bestW[c.law] = c.weight
				best[c.law] = [2]int{m[0], m[1]}
			}
		}
	}
	law := ""
	switch {
	case score["AVG"] == 0 && score["Wbp"] == 0:
		legalBasisFromTerms(d, r)
		return
	case score["Wbp"] > score["AVG"]:
		law = "Wbp"
	default:
		law = "AVG"
	}
	r.LegalBasis = &law
	conf := 0.6
	if bestW[law] >= 5 {
		conf = 0.9
	}
	sp := best[law]
	// cite the sentence around the cue, not just the word
	s, e := d.sentenceAround(sp[0], sp[1])
	d.cite(r, "legal_basis", s, e, conf)
}

// legalBasisFromTerms infers the law when neither is named: Model 2.0 and
// the word Bewerker belong to the Wbp, Models 3.0/4.0 and the word
// Verwerker to the AVG, which introduced it. The confidence is low.
func legalBasisFromTerms(d *doc, r *Record) {
	law := ""
	if r.ModelVersion != nil {
		law = "AVG"
		if *r.ModelVersion == "2.0" {
			law = "Wbp"
		}
		ev := r.Evidence["model_version"]
		if len(ev) > 0 {
			r.LegalBasis = &law
			d.cite(r, "legal_basis", ev[0].Start, ev[0].End, 0.4)
		}
		return
	}
	// the role words, found once in the lower-case text
	bs, vs := bewerkerRe.FindAllIn(d), verwerkerRe.FindAllIn(d)
	var span []int
	switch {
	case len(vs) > len(bs):
		law, span = "AVG", vs[0]
	case len(bs) > len(vs):
		law, span = "Wbp", bs[0]
	default:
		return
	}
	r.LegalBasis = &law
	d.cite(r, "legal_basis", span[0], span[1], 0.3)
}
