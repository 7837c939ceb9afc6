package normalize

import (
	"regexp"
	"sort"
	"strings"
)

// LegalFormEntry is one legal form: its canonical abbreviation, the ways an
// agreement abbreviates it and the words that spell it out.
type LegalFormEntry struct {
	Canonical string   // "B.V."
	Written   []string // "B.V.", "BV", "B.V"
	Long      []string // "besloten vennootschap"
}

// LegalForms lists the legal forms of Dutch and foreign companies seen in
// agreements. Abbreviations match case-sensitively (so "as" is not "AS")
// and on whole words; spelt-out forms match in any case.
var LegalForms = []LegalFormEntry{
	{"B.V.", []string{"B.V.", "B.V", "BV", "b.v.", "Bv"}, []string{"besloten vennootschap met beperkte aansprakelijkheid", "besloten vennootschap"}},
	{"N.V.", []string{"N.V.", "N.V", "NV", "n.v."}, []string{"naamloze vennootschap"}},
	{"v.o.f.", []string{"v.o.f.", "v.o.f", "V.O.F.", "VOF", "vof"}, []string{"vennootschap onder firma"}},
	{"C.V.", []string{"C.V.", "CV"}, []string{"commanditaire vennootschap"}},
	{"U.A.", []string{"U.A.", "U.A", "W.A.", "B.A."}, []string{"coöperatie", "cooperatie"}},
	{"stichting", []string{"Stichting"}, []string{"stichting"}},
	{"vereniging", []string{"Vereniging"}, []string{"vereniging"}},
	{"eenmanszaak", []string{"Eenmanszaak"}, []string{"eenmanszaak"}},
	{"B.V.B.A.", []string{"B.V.B.A.", "BVBA", "BV BA"}, []string{"besloten vennootschap met beperkte aansprakelijkheid naar Belgisch recht"}},
	{"Ltd", []string{"Ltd.", "Ltd", "Limited"}, []string{"private limited company"}},
	{"PLC", []string{"PLC", "plc"}, []string{"public limited company"}},
	{"LLC", []string{"LLC", "L.L.C."}, []string{"limited liability company"}},
	{"Inc.", []string{"Inc.", "Inc", "Incorporated"}, nil},
	{"Corp.", []string{"Corp.", "Corp", "Corporation"}, nil},
	{"GmbH", []string{"GmbH", "GmbH & Co. KG"}, []string{"Gesellschaft mit beschränkter Haftung"}},
	{"AG", []string{"AG"}, []string{"Aktiengesellschaft"}},
	{"S.A.", []string{"S.A.", "SA"}, []string{"société anonyme", "sociedad anónima"}},
	{"SAS", []string{"S.A.S.", "SAS"}, []string{"société par actions simplifiée"}},
	{"S.r.l.", []string{"S.r.l.", "SRL"}, nil},
	{"SE", []string{"SE"}, []string{"Societas Europaea"}},
	{"ApS", []string{"ApS", "A/S", "AB", "AS", "Oy"}, nil},
}

// legalFormSuffix matches an abbreviated legal form at the end of a name;
// stichting and vereniging are words, not suffixes, so they are left out.
var legalFormSuffix, legalFormAnywhere, legalFormLong = func() (*Regexp, *Regexp, *Regexp) {
	var abbr, long []string
	for _, e := range LegalForms {
		for _, w := range e.Written {
			if strings.ToLower(w) == strings.ToLower(e.Long0()) {
				continue
			}
			abbr = append(abbr, regexp.QuoteMeta(w))
		}
		for _, l := range e.Long {
			long = append(long, regexp.QuoteMeta(l))
		}
	}
	byLen := func(s []string) { sort.SliceStable(s, func(i, j int) bool { return len(s[i]) > len(s[j]) }) }
	byLen(abbr)
	byLen(long)
	alt := strings.Join(abbr, "|")
	// an abbreviation ends a word: no letter follows ("BV" must not match "BVBA" or "BVs").
	return Pattern(`[\s,]+(` + alt + `)(?:[^\p{L}\p{N}]*)$`),
		Pattern(`(?:^|[\s,(])(` + alt + `)(?:[^\p{L}\p{N}.]|\.?$|\.[^\p{L}])`),
		Pattern(`(?i)\b(` + strings.Join(long, "|") + `)\b`)
}()

// Long0 returns the first long form, "" when there is none.
func (e LegalFormEntry) Long0() string {
	if len(e.Long) == 0 {
		return ""
	}
	return e.Long[0]
}

// canonical returns the canonical form of a written or spelt-out form.
func canonical(w string) string {
	w = strings.ToLower(strings.TrimSpace(w))
	for _, e := range LegalForms {
		for _, x := range e.Written {
			if strings.ToLower(x) == w {
				return e.Canonical
			}
		}
		for _, x := range e.Long {
			if strings.ToLower(x) == w {
				return e.Canonical
			}
		}
	}
	return ""
}

// SplitLegalForm splits a company name into its base and the canonical
// legal form written at its end: "Oefenweb.nl B.V." gives ("Oefenweb.nl",
// "B.V."); a name without a legal-form suffix gives (name, "").
func SplitLegalForm(name string) (base, form string) {
	name = strings.TrimSpace(name)
	m := legalFormSuffix.FindStringSubmatchIndex(name)
	if m == nil {
		return name, ""
	}
	return strings.TrimRight(strings.TrimSpace(name[:m[0]]), ","), canonical(name[m[2]:m[3]])
}

// LegalFormAt reports the end (byte offset in s) of the first abbreviated
// legal form in s and its canonical form, or -1 and "" when there is none.
// "Acme Leren B.V., gevestigd te" gives the offset just after "B.V.".
func LegalFormAt(s string) (end int, form string) {
	m := legalFormAnywhere.FindStringSubmatchIndex(s)
	if m == nil {
		return -1, ""
	}
	end = m[3]
	if end < len(s) && s[end] == '.' {
		end++
	}
	return end, canonical(s[m[2]:m[3]])
}

// SpeltOutLegalForm finds a legal form spelt out in words ("de besloten
// vennootschap") and returns its byte range in s and its canonical form, or
// -1, -1, "" when there is none.
func SpeltOutLegalForm(s string) (start, end int, form string) {
	m := legalFormLong.FindStringSubmatchIndex(s)
	if m == nil {
		return -1, -1, ""
	}
	return m[2], m[3], canonical(s[m[2]:m[3]])
}
