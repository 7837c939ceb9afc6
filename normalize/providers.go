package normalize

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Provider is a service provider that Dutch educational software commonly
// uses as a sub-processor (cloud and hosting, CDN, e-mail and SMS,
// payments, analytics, support desks, AI APIs, identity), as public facts
// from the gazetteer table (providers.tsv). It is a cue for recognising a
// name, never the source of a document's countries: those come from what
// the document says.
type Provider struct {
	// Name is the provider's usual name ("Amazon Web Services").
	Name string
	// LegalName is the contracting legal entity where known ("Amazon Web Services EMEA SARL").
	LegalName string
	// Aliases are other names the provider goes by ("AWS").
	Aliases []string
	// Domains are the provider's web domains ("aws.amazon.com").
	Domains []string
	// Headquarters is the ISO 3166-1 alpha-2 code of the country of the
	// provider's own head office; for a product or brand of a company, that
	// company's ("Amazon Web Services EMEA SARL" is US: Amazon's head office).
	Headquarters string
	// Parent is the group the provider belongs to when it is a subsidiary
	// or an acquired brand ("Digital Realty Trust, Inc." for Interxion), and
	// ParentCountry that group's head office.
	Parent, ParentCountry string
	// Category says what the provider does ("cloud", "email", "payments", …).
	Category string
	// Source names where the facts come from.
	Source string
}

//go:embed providers.tsv
var providersTSV string

// providerForm is one way of writing a provider's name, as a key of the
// gazetteer's index.
type providerForm struct {
	idx int
	// exact is the form's words joined by single spaces, case and accents
	// kept: what a case-sensitive form must match.
	exact string
	// caseSensitive forms match only in the case written; weak forms are
	// also common words and match in running text only before a legal form.
	caseSensitive, weak bool
}

// providerTable is the parsed gazetteer table with its indexes.
type providerTable struct {
	list    []Provider
	keys    map[string]providerForm // folded words → form
	first   map[string]int          // first folded word of a key → most words of a key
	domains map[string]int          // domain → provider index
	// conflicts lists keys and domains that two providers claim; the first
	// provider in the table keeps them.
	conflicts []string
	err       error
	// forms are the keys of the written forms, in the order they were
	// met (what providerforms.go is written from)
	forms []formKey
}

//go:generate go test -run ^TestProviderForms$ -update-providerforms

// providers is the parsed table, parsed on first use.
var providers = sync.OnceValue(func() *providerTable { return parseProviders(providersTSV, providerForms) })

// Providers returns every provider in the gazetteer, in table order.
func Providers() []Provider {
	out := make([]Provider, len(providers().list))
	for i, p := range providers().list {
		out[i] = p.clone()
	}
	return out
}

func (p Provider) clone() Provider {
	p.Aliases = append([]string(nil), p.Aliases...)
	p.Domains = append([]string(nil), p.Domains...)
	return p
}

// providerColumns are the columns of providers.tsv, in order.
var providerColumns = []string{"name", "legal_name", "aliases", "domains", "country", "parent", "parent_country", "category", "source"}

// parseProviders reads the gazetteer table. A malformed line is reported
// in g.err (a test keeps the table clean) and skipped. known are the keys
// of the table's forms made ahead of time, in the order the table gives
// the forms (providerForms): a form whose key known does not hold at its
// place has its key made here.
func parseProviders(tsv string, known []formKey) *providerTable {
	// sized for the table: about two forms, and as many domains, a line
	lines := strings.Count(tsv, "\n") + 1
	g := &providerTable{
		list:    make([]Provider, 0, lines),
		forms:   make([]formKey, 0, 2*lines),
		keys:    make(map[string]providerForm, 2*lines),
		first:   make(map[string]int, 2*lines),
		domains: make(map[string]int, 2*lines),
	}
	var errs []string
	for n, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != len(providerColumns) {
			errs = append(errs, fmt.Sprintf("line %d: %d columns, want %d (%s)", n+1, len(f), len(providerColumns), strings.Join(providerColumns, ", ")))
			continue
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		name, nameMark := mark(f[0])
		if name == "" || f[4] == "" || f[8] == "" {
			errs = append(errs, fmt.Sprintf("line %d: name, country and source are required", n+1))
			continue
		}
		p := Provider{Name: name, LegalName: f[1], Headquarters: f[4], Parent: f[5], ParentCountry: f[6], Category: f[7], Source: f[8]}
		forms := []string{nameMark}
		for _, a := range splitList(f[2]) {
			al, _ := mark(a)
			p.Aliases = append(p.Aliases, al)
			forms = append(forms, a)
		}
		p.Domains = splitList(strings.ToLower(f[3]))
		idx := len(g.list)
		g.list = append(g.list, p)
		if p.LegalName != "" {
			forms = append(forms, p.LegalName)
		}
		for _, form := range forms {
			fk, n := formKey{}, len(g.forms)
			if n < len(known) && known[n].form == form {
				fk = known[n]
			} else {
				fk = newFormKey(form)
			}
			g.forms = append(g.forms, fk)
			g.addForm(idx, fk)
		}
		for _, d := range p.Domains {
			if j, ok := g.domains[d]; ok && j != idx {
				g.conflicts = append(g.conflicts, fmt.Sprintf("domain %q: %s and %s", d, g.list[j].Name, name))
				continue
			}
			g.domains[d] = idx
		}
	}
	if len(errs) > 0 {
		g.err = fmt.Errorf("providers.tsv: %s", strings.Join(errs, "; "))
	}
	return g
}

// mark splits the "^" (case-sensitive) or "~" (weak) marker off a form and
// returns the bare name and the form with its marker.
func mark(s string) (bare, marked string) {
	return strings.TrimLeft(s, "^~"), s
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// formKey is what a written form of a provider's name is indexed by: its
// words, legal forms and parenthetical remarks left out (nameWords).
type formKey struct {
	form  string // the form as written, marker included
	key   string // the words folded, joined by single spaces ("" for none)
	exact string // the words as written, joined by single spaces
	first string // the first word, folded
	words int    // the number of words
	short bool   // the form is one word of at most four characters
}

// newFormKey makes the key of one written form.
func newFormKey(form string) formKey {
	fk := formKey{form: form}
	words := nameWords(strings.TrimLeft(form, "^~"))
	if len(words) == 0 {
		return fk
	}
	fk.key, fk.exact = joinFolded(words), joinRaw(words)
	fk.first, fk.words = words[0].fold, len(words)
	fk.short = len(words) == 1 && utf8.RuneCountInString(words[0].raw) <= 4
	return fk
}

// addForm indexes one written form of provider idx under its key.
func (g *providerTable) addForm(idx int, fk formKey) {
	pf := providerForm{idx: idx}
	switch {
	case strings.HasPrefix(fk.form, "^"):
		pf.caseSensitive = true
	case strings.HasPrefix(fk.form, "~"):
		pf.caseSensitive, pf.weak = true, true
	}
	if utf8.RuneCountInString(fk.key) < 2 {
		return
	}
	if fk.short {
		pf.caseSensitive = true
	}
	pf.exact = fk.exact
	if old, ok := g.keys[fk.key]; ok {
		if old.idx != idx {
			g.conflicts = append(g.conflicts, fmt.Sprintf("name %q: %s and %s", fk.key, g.list[old.idx].Name, g.list[idx].Name))
		}
		return
	}
	g.keys[fk.key] = pf
	if g.first[fk.first] < fk.words {
		g.first[fk.first] = fk.words
	}
}

// word is one run of letters and digits in a name or text: its byte range,
// as written, and folded (lower case, accents stripped).
type word struct {
	start, end int
	raw, fold  string
}

// splitWords cuts s into runs of letters and digits.
func splitWords(s string) []word {
	out := make([]word, 0, 4) // most names and legal forms have at most four
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && unicode.Is(unicode.Mn, r))
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, newWord(s, start, i))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, newWord(s, start, len(s)))
	}
	return out
}

func newWord(s string, start, end int) word {
	raw := s[start:end]
	return word{start: start, end: end, raw: raw, fold: foldWord(raw)}
}

// foldWord lower-cases a word and strips its accents.
func foldWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func joinFolded(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.fold
	}
	return strings.Join(parts, " ")
}

func joinRaw(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.raw
	}
	return strings.Join(parts, " ")
}

// parenRe matches a parenthetical remark in a name ("PayPal (Europe)").
var parenRe = Lazy(`\s*\([^()]*\)`)

// nameWords gives the words of a name without parenthetical remarks, the
// legal forms at its end and the legal-entity words at its start
// ("Stichting", "Coöperatie").
func nameWords(name string) []word {
	if strings.Contains(name, "(") { // parenRe needs one
		name = parenRe.ReplaceAllString(name, " ")
	}
	return trimLegal(splitWords(name))
}

// trimLegal drops legal-form words from the end of ws and legal-entity
// words from its start, keeping at least one word.
func trimLegal(ws []word) []word {
	for len(ws) > 1 {
		n := legalSuffixLen(ws)
		if n == 0 || n >= len(ws) || (n == len(ws)-1 && utf8.RuneCountInString(ws[0].raw) < 2) {
			break
		}
		ws = ws[:len(ws)-n]
	}
	for len(ws) > 1 && legalPrefixWords[ws[0].fold] {
		ws = ws[1:]
	}
	return ws
}

// legalSuffixLen returns how many words at the end of ws spell a legal form.
func legalSuffixLen(ws []word) int {
	best := 0
	if len(ws) == 0 {
		return 0
	}
	for _, seq := range legalSeqsByLast()[ws[len(ws)-1].fold] {
		if len(seq) > len(ws) || len(seq) <= best {
			continue
		}
		ok := true
		for i, s := range seq {
			if ws[len(ws)-len(seq)+i].fold != s {
				ok = false
				break
			}
		}
		if ok {
			best = len(seq)
		}
	}
	return best
}

// legalPrefixWords are legal-entity words that open a name.
var legalPrefixWords = map[string]bool{"stichting": true, "cooperatie": true, "vereniging": true}

// extraLegalForms are legal forms of foreign companies that providers'
// legal names end in, beyond LegalForms, written as the companies write them.
var extraLegalForms = []string{
	"SARL", "S.à r.l.", "S.à.r.l.", "S.a.r.l.", "S.à r.l", "et Cie", "S.C.A.", "SCA", "PBC", "OÜ", "Oyj", "ASA",
	"d.o.o.", "sp. z o.o.", "sp. z o. o.", "s.r.o.", "Pty Ltd", "Pty. Ltd.", "Pty", "Pte. Ltd.", "Pte Ltd",
	"Pvt. Ltd.", "Pvt Ltd", "Private Limited", "Unlimited Company", "ULC", "LP", "L.P.", "UG", "S.L.", "SL",
	"S.p.A.", "SpA", "Co.", "& Co. KG", "KG", "Company", "Co., Ltd.", "LLP",
}

// legalWritten are the legal forms as written after a name, longest first
// (for extending a mention over them); legalWordSeqs the same folded into
// words (for stripping them from names). They are built on first use.
var legalTables = sync.OnceValues(func() ([]string, [][]string) {
	seen := map[string]bool{}
	var written []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			written = append(written, s)
		}
	}
	for _, e := range LegalForms {
		for _, w := range e.Written {
			add(w)
		}
	}
	for _, w := range extraLegalForms {
		add(w)
	}
	sort.SliceStable(written, func(i, j int) bool { return len(written[i]) > len(written[j]) })
	var seqs [][]string
	seenSeq := map[string]bool{}
	for _, w := range written {
		ws := splitWords(w)
		if len(ws) == 0 {
			continue
		}
		k := joinFolded(ws)
		if seenSeq[k] || legalPrefixWords[k] {
			continue
		}
		seenSeq[k] = true
		seq := make([]string, len(ws))
		for i, x := range ws {
			seq[i] = x.fold
		}
		seqs = append(seqs, seq)
	}
	return written, seqs
})

// legalWritten returns the legal forms as written, longest first.
func legalWritten() []string { w, _ := legalTables(); return w }

// legalWordSeqs returns the legal forms folded into words.
func legalWordSeqs() [][]string { _, s := legalTables(); return s }

// legalSeqsByLast holds legalWordSeqs by their last word (in their
// order), for legalSuffixLen: only those can end a name.
var legalSeqsByLast = sync.OnceValue(func() map[string][][]string {
	m := map[string][][]string{}
	for _, seq := range legalWordSeqs() {
		last := seq[len(seq)-1]
		m[last] = append(m[last], seq)
	}
	return m
})

// qualifierWords are words that follow a provider's name in the name of
// one of its regional companies ("Zendesk International", "Microsoft
// Nederland", "Google Cloud EMEA"); country names are qualifiers too.
var qualifierWords = map[string]bool{
	"emea": true, "europe": true, "european": true, "europa": true, "eu": true, "international": true, "intl": true,
	"operations": true, "holding": true, "holdings": true, "group": true, "groep": true, "global": true,
	"worldwide": true, "benelux": true, "nordics": true, "dach": true,
}

// isQualifier reports whether w may follow a provider's name in the name
// of one of its regional companies.
func isQualifier(w word) bool {
	if qualifierWords[w.fold] {
		return true
	}
	if utf8.RuneCountInString(w.raw) < 3 && strings.ToUpper(w.raw) != w.raw {
		return false
	}
	_, ok := Country(w.raw)
	return ok
}

// match looks up ws as a whole name: case-sensitive forms must be written
// as in the table; weak forms only when allowWeak.
func (g *providerTable) match(ws []word, allowWeak bool) (providerForm, bool) {
	pf, ok := g.keys[joinFolded(ws)]
	if !ok || (pf.weak && !allowWeak) || (pf.caseSensitive && joinRaw(ws) != pf.exact) {
		return providerForm{}, false
	}
	return pf, true
}

// LookupProvider returns the provider that name (a name as written in a
// document, legal form and case as they come) refers to. It knows the
// provider's name, aliases and legal name in any case, without legal form
// ("Amazon Web Services EMEA SARL", "AWS", "amazon web services, inc."),
// followed by a region or country ("Zendesk International Ltd.",
// "Microsoft Nederland B.V."), and its web domains ("amazon.com",
// "https://www.mollie.com/nl", "privacy@mollie.com"). Names that are also
// common words ("True", "Box") and short ones ("AWS") match only in the
// case the provider writes them.
func LookupProvider(name string) (Provider, bool) {
	g := providers()
	name = strings.TrimSpace(name)
	if name == "" {
		return Provider{}, false
	}
	if i, ok := g.lookupDomain(name); ok {
		return g.list[i].clone(), true
	}
	ws := nameWords(name)
	if len(ws) == 0 {
		return Provider{}, false
	}
	if pf, ok := g.match(ws, true); ok {
		return g.list[pf.idx].clone(), true
	}
	for len(ws) > 1 && isQualifier(ws[len(ws)-1]) {
		ws = trimLegal(ws[:len(ws)-1])
		if pf, ok := g.match(ws, false); ok {
			return g.list[pf.idx].clone(), true
		}
	}
	return Provider{}, false
}

// domainRe matches a host name with at least two labels and a letter TLD.
var domainRe = Lazy(`(?i)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}`)

// lookupDomain finds the provider of a URL, e-mail address or host name
// written as the whole of s.
func (g *providerTable) lookupDomain(s string) (int, bool) {
	s = strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		s = strings.TrimPrefix(s, p)
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexAny(s, "/:?#"); i >= 0 {
		s = s[:i]
	}
	if !hostShaped(s) {
		return 0, false // cheap test first: most names hold a space
	}
	if m := domainRe.FindString(s); m == "" || m != s {
		return 0, false
	}
	return g.host(s)
}

// hostShaped reports whether s (in lower case) could be all of a match of
// domainRe: it holds a dot, and no ASCII character but letters, digits,
// hyphens and dots.
func hostShaped(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return strings.IndexByte(s, '.') >= 0
}

// host finds the provider of a host name or of the nearest domain above it.
func (g *providerTable) host(h string) (int, bool) {
	h = strings.TrimPrefix(strings.ToLower(h), "www.")
	for {
		if i, ok := g.domains[h]; ok {
			return i, true
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 || strings.IndexByte(h[dot+1:], '.') < 0 {
			return 0, false
		}
		h = h[dot+1:]
	}
}

// ProviderMention is a provider named in a text: its byte range [Start,
// End) in the text (legal form and region included when written: "Amazon
// Web Services EMEA SARL", "Zendesk International Ltd.").
type ProviderMention struct {
	Provider   Provider
	Start, End int
}

// FindProviders returns the providers named in text, by name, alias,
// legal name or web domain, in text order and without overlaps. Names
// match on whole words only ("Bird" not in "Birdwatch"); case-sensitive
// names only in their case; a name that is also a common word ("True",
// "Box") only before a legal form ("True B.V.") or as the whole text.
func FindProviders(text string) []ProviderMention {
	g := providers()
	var out []ProviderMention
	// a name inside a domain is the domain's, not a mention of its own
	// ("mollie" in "mollie-leermiddelen.nl")
	var foreign [][2]int
	for _, m := range domainSpans(text) {
		if idx, ok := g.host(text[m[0]:m[1]]); ok {
			out = append(out, ProviderMention{Provider: g.list[idx].clone(), Start: m[0], End: m[1]})
		} else {
			foreign = append(foreign, m)
		}
	}
	inForeign := func(a, b int) bool {
		for _, f := range foreign {
			if a < f[1] && f[0] < b {
				return true
			}
		}
		return false
	}
	ws := splitWords(text)
	for i := 0; i < len(ws); i++ {
		max := g.first[ws[i].fold]
		if max == 0 {
			continue
		}
		if max > len(ws)-i {
			max = len(ws) - i
		}
		for n := max; n >= 1; n-- {
			if n > 1 && !nameGap(text, ws[i+n-2].end, ws[i+n-1].start) {
				continue
			}
			pf, ok := g.match(ws[i:i+n], true)
			if !ok {
				continue
			}
			end := extendMention(text, ws, i+n)
			whole := strings.TrimSpace(text) == strings.TrimSpace(text[ws[i].start:end])
			if pf.weak && end == ws[i+n-1].end && !whole || inForeign(ws[i].start, ws[i+n-1].end) {
				continue
			}
			out = append(out, ProviderMention{Provider: g.list[pf.idx].clone(), Start: ws[i].start, End: end})
			for i+1 < len(ws) && ws[i+1].start < end {
				i++
			}
			break
		}
	}
	return dropOverlaps(out)
}

// domainSpans finds the host names written in text (in URLs and e-mail
// addresses too): runs of ASCII letters, digits, dots and hyphens with a
// lower-case top-level domain, not glued to other letters.
func domainSpans(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		if !hostByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && hostByte(text[j]) {
			j++
		}
		a, b := i, j
		for a < b && (text[a] == '.' || text[a] == '-') {
			a++
		}
		for b > a && (text[b-1] == '.' || text[b-1] == '-') {
			b--
		}
		glued := false
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:i])
			glued = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
		}
		if j < len(text) {
			r, _ := utf8.DecodeRuneInString(text[j:])
			glued = glued || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
		}
		if dot := strings.LastIndexByte(text[a:b], '.'); dot > 0 && !glued {
			tld := text[a+dot+1 : b]
			if strings.ToLower(tld) == tld && domainRe.FindString(text[a:b]) == text[a:b] {
				out = append(out, [2]int{a, b})
			}
		}
		i = j
	}
	return out
}

func hostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// nameGap reports whether the gap text[a:b] between two words may sit
// inside one name: a few spaces, dots, hyphens or an ampersand, at most one
// line break, no cell border.
func nameGap(text string, a, b int) bool {
	if b-a > 4 || b <= a {
		return false
	}
	nl := 0
	for _, r := range text[a:b] {
		switch r {
		case ' ', '\t', '.', '-', '&', '\'', '’', '/':
		case '\n':
			nl++
		default:
			return false
		}
	}
	return nl <= 1
}

// extendMention extends a mention that ends with word k-1 over a legal
// form written after it, or over region or country words followed by a
// legal form ("Zendesk International Ltd."); it returns the new end.
func extendMention(text string, ws []word, k int) int {
	end := ws[k-1].end
	if e, ok := legalFormAfter(text, end); ok {
		return e
	}
	for j := k; j < len(ws) && j < k+3 && nameGap(text, ws[j-1].end, ws[j].start); j++ {
		if !isQualifier(ws[j]) || strings.ToLower(ws[j].raw) == ws[j].raw {
			break
		}
		if e, ok := legalFormAfter(text, ws[j].end); ok {
			return e
		}
	}
	return end
}

// legalFormAfter reports the end of the legal forms written at text[at:]
// after a space or comma ("Mollie B.V.", "Stripe, Inc."), as companies
// write them (case-sensitive).
func legalFormAfter(text string, at int) (int, bool) {
	end, found := at, false
	for {
		rest := text[end:]
		sep := len(rest) - len(strings.TrimLeft(rest, " ,"))
		if sep == 0 || sep > 2 {
			return end, found
		}
		rest = rest[sep:]
		next := -1
		for _, f := range legalWritten() {
			if !strings.HasPrefix(rest, f) {
				continue
			}
			after := rest[len(f):]
			if r, _ := utf8.DecodeRuneInString(after); after != "" && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				continue
			}
			next = end + sep + len(f)
			break
		}
		if next < 0 {
			return end, found
		}
		end, found = next, true
	}
}

// dropOverlaps sorts mentions by position and keeps, of overlapping ones,
// the longest.
func dropOverlaps(ms []ProviderMention) []ProviderMention {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
	var out []ProviderMention
	for _, m := range ms {
		if n := len(out); n > 0 && m.Start < out[n-1].End {
			if m.End-m.Start > out[n-1].End-out[n-1].Start {
				out[n-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}
