package review

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// Standard is the model version agreements are reviewed against.
const Standard = "4.0"

// Status is what the review found for one obligation.
type Status string

// The statuses of a finding.
const (
	Present       Status = "present"
	Deviating     Status = "deviating"
	Missing       Status = "missing"
	NotApplicable Status = "not_applicable"
)

// Evidence is a passage of the agreement: its page, byte range [Start,
// End) of the document text and the quote, which is exactly that range.
type Evidence struct {
	Page  int    `json:"page"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
}

// Finding is the review of one obligation.
type Finding struct {
	Obligation string `json:"obligation"`
	Article    string `json:"article"`
	Status     Status `json:"status"`
	// Risk is empty for a present or not-applicable obligation.
	Risk   Risk   `json:"risk,omitempty"`
	Reason string `json:"reason"`
	// Evidence are the passages that show the obligation or its weakening.
	Evidence []Evidence `json:"evidence,omitempty"`
	// LookedIn names the sections searched when nothing was found.
	LookedIn string `json:"looked_in,omitempty"`
	// Deviations are the indexes in Report.Deviations of the afwijkingen
	// items that touch this obligation; Motivated says one of them
	// motivates a deviation or absence.
	Deviations []int `json:"deviations,omitempty"`
	Motivated  bool  `json:"motivated,omitempty"`
}

// Report is the review of one agreement.
type Report struct {
	Path         string `json:"path"`
	Kind         string `json:"kind"`
	ModelVersion string `json:"model_version,omitempty"`
	// Standard is the model version the agreement was reviewed against.
	Standard   string      `json:"standard"`
	Findings   []Finding   `json:"findings"`
	Deviations []Deviation `json:"deviations"`
	Summary    Summary     `json:"summary"`
	// Comparison aligns the agreement's articles with a model text the
	// user supplied (dpa review --model); nil without one.
	Comparison []ArticleDiff `json:"comparison,omitempty"`
}

// CompareWith fills r.Comparison: doc's articles against the model text.
func (r *Report) CompareWith(model string, doc *corpus.Document) {
	r.Comparison = Compare(model, doc.Text, func(off int) int { return doc.PageAt(off).Number })
}

// kinds says which scopes apply to each kind of document.
var kinds = map[string][]Scope{
	"verwerkersovereenkomst": {ScopeAgreement, ScopeAnnex1, ScopeAnnex2},
	"bewerkersovereenkomst":  {ScopeAgreement, ScopeAnnex1, ScopeAnnex2},
	"privacybijsluiter":      {ScopeAnnex1},
	"beveiligingsbijlage":    {ScopeAnnex2},
}

// Review reviews the agreement doc, whose record rec was extracted from
// it, against the obligations table.
func Review(doc *corpus.Document, rec *extract.Record) *Report {
	c := newCheck(doc, rec)
	rep := &Report{Path: rec.Source.Path, Kind: rec.Kind, Standard: Standard, Deviations: c.deviations,
		Findings: make([]Finding, 0, len(Obligations()))}
	if rec.ModelVersion != nil {
		rep.ModelVersion = *rec.ModelVersion
	}
	for _, o := range Obligations() {
		rep.Findings = append(rep.Findings, Finding{})
		f := &rep.Findings[len(rep.Findings)-1]
		c.review(o, f)
		if f.Status == Deviating || f.Status == Missing {
			if mv := rep.ModelVersion; mv != "" && mv != Standard && !o.InModel(mv) {
				f.Reason += fmt.Sprintf("; not in model %s, which this agreement follows", mv)
			}
		}
		for i, d := range c.deviations {
			for _, id := range d.Obligations {
				if id == o.ID {
					f.Deviations = append(f.Deviations, i)
					if d.Motivated && (f.Status == Deviating || f.Status == Missing) {
						f.Motivated = true
					}
				}
			}
		}
		if f.Motivated {
			f.Reason += "; motivated in the deviations annex"
		}
	}
	rep.Summary = Summarize(rep.Findings)
	return rep
}

// check holds what the review of one agreement needs.
type check struct {
	text     string
	doc      *corpus.Document
	rec      *extract.Record
	sections []extract.Section
	// bodyEnd is where the articles end: the first annex, or the text's end.
	bodyEnd    int
	scopes     map[Scope]bool
	deviations []Deviation
	// The anchors of weakening phrases are looked for in the text
	// lower-cased (strings.ToLower). keepsOffsets says lower-casing keeps
	// the text's offsets and its ASCII bytes where they are (see
	// newText), so that the lower-cased text holds a word where
	// t.low does; otherwise lower is the lower-cased text, made on first
	// use.
	keepsOffsets bool
	lower        string
	// t is the text as finders search it.
	t *text
	// heads are the sections obligations are looked for in (headings).
	heads []heading
}

func newCheck(doc *corpus.Document, rec *extract.Record) *check {
	c := &check{text: doc.Text, doc: doc, rec: rec, sections: extract.Outline(doc.Text), bodyEnd: len(doc.Text), scopes: map[Scope]bool{}, t: newText(doc.Text)}
	c.keepsOffsets = c.t.keepsOffsets
	// The articles end at the first annex after the last article: a line
	// that starts with "Bijlage 3." inside an article (a wrapped sentence
	// of a PDF) ends nothing.
	lastArticle := -1
	for _, s := range c.sections {
		if s.Kind == extract.SectionArticle {
			lastArticle = s.Start
		}
	}
	for _, s := range c.sections {
		if s.Kind == extract.SectionAnnex && s.Start > lastArticle {
			c.bodyEnd = s.Start
			break
		}
	}
	for _, s := range kinds[rec.Kind] {
		c.scopes[s] = true
	}
	c.deviations = findDeviations(c)
	return c
}

// evidence turns the byte range [start, end) into Evidence widened to its
// sentence, at most maxQuote bytes, on rune boundaries.
func (c *check) evidence(start, end int) Evidence {
	const maxQuote = 320
	t := c.text
	s := start
	for s > 0 && start-s < maxQuote/2 {
		if t[s-1] == '\n' || t[s-1] == '\f' || (s >= 2 && t[s-2] == '.' && t[s-1] == ' ') {
			break
		}
		s--
	}
	e := end
	for e < len(t) && e-s < maxQuote {
		if t[e] == '\n' || t[e] == '\f' {
			break
		}
		e++
		if t[e-1] == '.' && (e == len(t) || t[e] == ' ' || t[e] == '\n') {
			break
		}
	}
	if s > 0 && t[s-1] != '\n' && t[s-1] != '\f' && t[s-1] != ' ' {
		// cut short: start at a word
		if i := strings.IndexByte(t[s:start], ' '); i >= 0 {
			s += i + 1
		}
	}
	for s < start && !utf8.RuneStart(t[s]) {
		s++
	}
	for e > end && e < len(t) && !utf8.RuneStart(t[e]) {
		e--
	}
	for s < start && (t[s] == ' ' || t[s] == '\t') {
		s++
	}
	for e > end && (t[e-1] == ' ' || t[e-1] == '\t' || t[e-1] == '\r') {
		e--
	}
	return Evidence{Page: c.doc.PageAt(s).Number, Start: s, End: e, Quote: t[s:e]}
}

// line is the Evidence of the line that starts at start.
func (c *check) line(start int) Evidence {
	e := strings.IndexAny(c.text[start:], "\n\f")
	if e < 0 {
		e = len(c.text) - start
	}
	q := strings.TrimRight(c.text[start:start+e], " \t\r")
	return Evidence{Page: c.doc.PageAt(start).Number, Start: start, End: start + len(q), Quote: q}
}

// bodies returns the spans without their heading lines.
func bodies(text string, spans []span) []span {
	out := make([]span, 0, len(spans))
	for _, s := range spans {
		if i := strings.IndexByte(text[s.start:s.end], '\n'); i >= 0 {
			out = append(out, span{s.start + i + 1, s.end, s.heading})
		}
	}
	return out
}

// fieldEvidence is the record's evidence for a field path, as review evidence.
func (c *check) fieldEvidence(path string) []Evidence {
	var out []Evidence
	for _, e := range c.rec.Evidence[path] {
		out = append(out, Evidence{Page: e.Page, Start: e.Start, End: e.End, Quote: e.Quote})
	}
	return out
}

// span is a byte range of the text with the heading that names it.
type span struct {
	start, end int
	heading    string
}

// sectionsFor returns the sections whose heading matches o.Section,
// articles only for an obligation of the agreement's articles.
func (c *check) sectionsFor(o *Obligation) []span {
	if o.Section == nil {
		return nil
	}
	var out []span
	for _, h := range c.headings() {
		if o.Scope == ScopeAgreement && !h.inBody {
			continue
		}
		if c.matches(o.section, h.at, h.heading) {
			out = append(out, h.span)
		}
	}
	return out
}

// heading is a section an obligation may live in: its span, where its
// heading stands in the text (-1 when the heading is not the text's) and
// whether it is an article of the agreement's articles.
type heading struct {
	span
	at     int
	inBody bool
}

// headings returns the sections obligations are looked for in, made on
// first use: no title or party block, and no table-of-contents entry (a
// heading with nothing under it).
func (c *check) headings() []heading {
	if c.heads != nil {
		return c.heads
	}
	c.heads = []heading{}
	for _, s := range c.sections {
		if s.Kind == extract.SectionTitle || s.Kind == extract.SectionParties {
			continue
		}
		if blank(c.text[s.Start:s.End], s.Heading) {
			continue
		}
		at := strings.Index(c.text[s.Start:s.End], s.Heading)
		if at >= 0 {
			at += s.Start
		}
		c.heads = append(c.heads, heading{span{s.Start, s.End, s.Heading}, at, s.Kind == extract.SectionArticle && s.Start < c.bodyEnd})
	}
	return c.heads
}

// matches reports whether f's pattern matches s, which stands in the text
// at offset at (or nowhere, at < 0): like MatchString on s.
func (c *check) matches(f *finder, at int, s string) bool {
	if at < 0 {
		return f.matchString(s)
	}
	return c.t.find(f, at, at+len(s)) != nil
}

// blank reports whether a section holds nothing but its heading.
func blank(section, heading string) bool {
	i := strings.IndexByte(section, '\n')
	return i < 0 || strings.TrimSpace(section[i:]) == ""
}

// scopeSpan is the part of the text an obligation of scope s is looked for in.
func (c *check) scopeSpan(s Scope) span {
	if s == ScopeAgreement {
		return span{0, c.bodyEnd, "the articles"}
	}
	return span{0, len(c.text), "the whole text"}
}

// find returns the first match of f's pattern in the spans.
func (c *check) find(f *finder, spans []span) (loc []int, ok bool) {
	for _, sp := range spans {
		if m := c.t.find(f, sp.start, sp.end); m != nil {
			return m, true
		}
	}
	return nil, false
}

// negationRe is a negation that, before a weakening phrase in the same
// sentence, turns it into a promise ("Verwerker zal niet zonder
// toestemming …").
var negationRe = normalize.Pattern(`(?i)\b(?:niet|geen|nooit|nimmer)\b`)

// anonymousRe marks a sentence about anonymised or aggregated data, which
// is no personal data: keeping it without limit weakens nothing.
var anonymousRe = normalize.Pattern(`(?i)geanonimiseerd|anoniem|geaggregeerd`)

// findWeak returns the first match of f's pattern in the text that no
// negation earlier in its sentence undoes.
func (c *check) findWeak(f *finder, anchors *words) ([]int, bool) {
	if !c.mayMatch(anchors, 0, len(c.text)) {
		return nil, false
	}
	for _, m := range c.candidates(f, anchors) {
		s := m[0]
		for s > 0 && c.text[s-1] != '\n' && !(s >= 2 && c.text[s-2] == '.' && c.text[s-1] == ' ') {
			s--
		}
		e := m[1]
		for e < len(c.text) && c.text[e] != '\n' && !(c.text[e] == '.' && (e+1 == len(c.text) || c.text[e+1] == ' ')) {
			e++
		}
		if !negationRe.MatchString(c.text[s:m[0]]) && !anonymousRe.MatchString(c.text[s:e]) {
			return m, true
		}
	}
	return nil, false
}

// mayMatch is mayMatch(anchors, strings.ToLower(c.text)[start:end]),
// from the text's word offsets where lower-casing keeps its offsets.
// The whole text is the whole of the lower-cased text, which may be
// shorter or longer (the Kelvin sign becomes k, İ becomes i).
func (c *check) mayMatch(anchors *words, start, end int) bool {
	if c.keepsOffsets {
		return c.t.holdsLower(start, end, anchors)
	}
	if anchors == nil {
		return true
	}
	lower := c.lowerText()
	if start == 0 && end == len(c.text) {
		return mayMatch(anchors.list, lower)
	}
	return mayMatch(anchors.list, lower[start:end])
}

// lowerText returns the text lower-cased, made on first use.
func (c *check) lowerText() string {
	if c.lower == "" && c.text != "" {
		c.lower = strings.ToLower(c.text)
	}
	return c.lower
}

// candidates returns the matches of f's pattern: run only over the lines
// that hold one of its anchors when lower-casing kept the text's byte
// offsets, and of those only over the lines where one of its cue words
// stands (a line without one holds no match).
func (c *check) candidates(f *finder, anchors *words) [][]int {
	if anchors == nil || !c.keepsOffsets && len(c.lowerText()) != len(c.text) {
		return c.t.findAll(f, 0, len(c.text))
	}
	var out [][]int
	for start := 0; start < len(c.text); {
		next := c.t.next(f, start)
		if next < 0 {
			break
		}
		var end int
		start, end = c.t.line(next)
		if c.mayMatch(anchors, start, end) {
			out = append(out, c.t.findAll(f, start, end)...)
		}
		start = end + 1
	}
	return out
}

func headings(spans []span) string {
	var hs []string
	for _, s := range spans {
		hs = append(hs, printable(s.heading))
	}
	return strings.Join(hs, "; ")
}

// review reviews one obligation into f: the table's generic rule, then
// what the record's fields add.
func (c *check) review(o *Obligation, f *Finding) {
	*f = Finding{Obligation: o.ID, Article: o.Article}
	if !c.scopes[o.Scope] {
		f.Status, f.Reason = NotApplicable, fmt.Sprintf("a %s has no %s", kindName(c.rec.Kind), scopeName(o.Scope))
		return
	}
	secs := c.sectionsFor(o)
	where := secs
	if len(where) == 0 {
		where = []span{c.scopeSpan(o.Scope)}
	}
	looked := headings(where)
	if len(secs) == 0 && o.Section != nil {
		looked = "no heading like “" + o.sectionWords + "”; " + looked
	}
	f.Status, f.Risk, f.Reason, f.LookedIn = Missing, o.Risk, "not found", looked
	switch {
	case o.Cues != nil:
		loc, ok := c.find(o.cues, bodies(c.text, secs))
		if !ok {
			loc, ok = c.find(o.cues, secs)
		}
		if !ok {
			loc, ok = c.find(o.cues, []span{c.scopeSpan(o.Scope)})
		}
		if ok {
			f.Status, f.Risk, f.Reason, f.LookedIn = Present, RiskNone, "as the model asks", ""
			f.Evidence = []Evidence{c.evidence(loc[0], loc[1])}
		}
	case len(secs) > 0:
		f.Status, f.Risk, f.Reason, f.LookedIn = Present, RiskNone, "as the model asks", ""
		f.Evidence = []Evidence{c.line(secs[0].start)} // the heading
	}
	if f.Status == Present && o.Require != nil {
		req := secs
		if len(req) == 0 {
			req = []span{c.scopeSpan(o.Scope)}
		}
		if _, ok := c.find(o.require, req); !ok {
			f.Status, f.Risk, f.Reason = Deviating, o.WeakRisk, "lacks "+o.RequireWhat
			f.LookedIn = headings(req)
		}
	}
	if o.Weak != nil {
		if loc, ok := c.findWeak(o.weak, o.weakAnchors); ok {
			f.Status, f.Risk, f.Reason, f.LookedIn = Deviating, o.WeakRisk, o.WeakReason, ""
			f.Evidence = []Evidence{c.evidence(loc[0], loc[1])}
		}
	}
	if fn := fieldChecks[o.ID]; fn != nil {
		fn(c, o, f, secs)
	}
}

func kindName(k string) string {
	if k == "" || k == "other" {
		return "document that is not an agreement dpa recognises"
	}
	return k
}

func scopeName(s Scope) string {
	return map[Scope]string{ScopeAgreement: "articles of an agreement", ScopeAnnex1: "privacy annex", ScopeAnnex2: "security annex"}[s]
}

// printable keeps a heading from the document to one line of text.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	if len(s) > 80 {
		i := 80
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	return s
}

// readable writes a heading pattern of the table as words a reader
// follows: optional groups dropped, the first of alternatives in a group
// kept ("Toepasselijk\s+recht|Geschil" becomes "Toepasselijk recht /
// Geschil", "Sub(?:ver|be)werker" "Subverwerker").
func readable(p string) string {
	for {
		q := optionalRe.ReplaceAllString(p, "")
		if q == p {
			q = groupRe.ReplaceAllString(q, "$1")
		}
		if q == p {
			break
		}
		p = q
	}
	p = spaceRe.ReplaceAllString(p, " ")
	p = classRe.ReplaceAllString(p, "$1")
	return strings.ReplaceAll(p, "|", " / ")
}

var (
	optionalRe = normalize.Lazy(`\(\?:[^()]*\)\?|-\?`)
	groupRe    = normalize.Lazy(`\(\?:([^()|]*)(?:\|[^()]*)?\)`)
	spaceRe    = normalize.Lazy(`(?:\\s[+*]?)+`)
	classRe    = normalize.Lazy(`\[(\w)\w\]`)
)
