package normalize

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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

// legalAbbrevsAt holds, by their first byte, the abbreviated legal forms
// that SplitLegalForm and LegalFormAt look for, the longest first (and
// otherwise in the order of LegalForms); stichting and vereniging are
// words, not suffixes, so they are left out. A space in one matches a
// no-break space too. It is built on first use.
var legalAbbrevsAt = sync.OnceValue(func() *[256][]string {
	var abbr []string
	for _, e := range LegalForms {
		for _, w := range e.Written {
			if strings.ToLower(w) == strings.ToLower(e.Long0()) {
				continue
			}
			abbr = append(abbr, w)
		}
	}
	sort.SliceStable(abbr, func(i, j int) bool { return len(abbr[i]) > len(abbr[j]) })
	var at [256][]string
	for _, w := range abbr {
		at[w[0]] = append(at[w[0]], w)
	}
	return &at
})

// legalFormLong matches a legal form spelt out in words.
var legalFormLong = func() *Regexp {
	var long []string
	for _, e := range LegalForms {
		for _, l := range e.Long {
			long = append(long, regexp.QuoteMeta(l))
		}
	}
	sort.SliceStable(long, func(i, j int) bool { return len(long[i]) > len(long[j]) })
	return Pattern(`(?i)\b(` + strings.Join(long, "|") + `)\b`)
}()

// canonicalForms maps every written and spelt-out form, in lower case, to
// its canonical form (the first entry that has it).
var canonicalForms = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, e := range LegalForms {
		for _, x := range append(append([]string(nil), e.Written...), e.Long...) {
			if _, ok := m[strings.ToLower(x)]; !ok {
				m[strings.ToLower(x)] = e.Canonical
			}
		}
	}
	return m
})

// spaceAt returns the length of the white space (as Pattern widens \s: a
// tab, line end, form feed, space or no-break space) at s[i], 0 for none.
func spaceAt(s string, i int) int {
	switch s[i] {
	case '\t', '\n', '\f', '\r', ' ':
		return 1
	case 0xc2: // U+00A0
		if strings.HasPrefix(s[i:], "\u00a0") {
			return 2
		}
	case 0xe2: // U+202F, U+2007
		if strings.HasPrefix(s[i:], "\u202f") || strings.HasPrefix(s[i:], "\u2007") {
			return 3
		}
	}
	return 0
}

// abbrevAt returns the end of abbreviation w written at s[i:], or -1; a
// space in w matches any space of a name ("BV BA", "GmbH & Co. KG").
func abbrevAt(s string, i int, w string) int {
	for k := 0; k < len(w); k++ {
		if i >= len(s) {
			return -1
		}
		if w[k] == ' ' {
			n := spaceAt(s, i)
			if n == 0 || s[i] < ' ' {
				return -1 // only a space or a no-break space, not a tab or line end
			}
			i += n
			continue
		}
		if s[i] != w[k] {
			return -1
		}
		i++
	}
	return i
}

// letterOrNumberAt reports whether the character at s[i] is a letter or a
// number (invalid UTF-8 is neither).
func letterOrNumberAt(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// letterAt reports whether the character at s[i] is a letter.
func letterAt(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// endsWord reports whether an abbreviation ending at s[i] ends a word: no
// letter or number follows, nor a dot and a letter ("BV" is not "BVBA",
// "BVs" or "B.V.Z").
func endsWord(s string, i int) bool {
	switch {
	case i == len(s):
		return true
	case s[i] != '.':
		return !letterOrNumberAt(s, i)
	case i+1 == len(s):
		return true
	}
	return !letterAt(s, i+1)
}

// abbrevWordAt returns the range of the first abbreviation (in the order
// of legalAbbrevs) that is written at s[i:] and ends a word, or -1.
func abbrevWordAt(s string, i int) (int, int) {
	if i >= len(s) {
		return -1, -1
	}
	for _, w := range legalAbbrevsAt()[s[i]] {
		if e := abbrevAt(s, i, w); e >= 0 && endsWord(s, e) {
			return i, e
		}
	}
	return -1, -1
}

// legalFormAnywhere returns the range of the first abbreviated legal form
// in s that stands as a word: at the start of s or after a space, comma
// or opening parenthesis, with no letter or number after it.
func legalFormAnywhere(s string) (int, int) {
	if a, b := abbrevWordAt(s, 0); a >= 0 {
		return a, b
	}
	for i := 0; i < len(s); i++ {
		n := spaceAt(s, i)
		if n == 0 && (s[i] == ',' || s[i] == '(') {
			n = 1
		}
		if n == 0 {
			continue
		}
		if a, b := abbrevWordAt(s, i+n); a >= 0 {
			return a, b
		}
		i += n - 1
	}
	return -1, -1
}

// legalFormSuffix returns where the white space and commas before an
// abbreviated legal form at the end of s start, and the form's range:
// nothing but punctuation and spaces may follow the form.
func legalFormSuffix(s string) (sep, start, end int) {
	for i := 0; i < len(s); i++ {
		n := spaceAt(s, i)
		if n == 0 && s[i] == ',' {
			n = 1
		}
		if n == 0 {
			continue
		}
		// the whole run of spaces and commas, then the form
		j := i + n
		for j < len(s) {
			m := spaceAt(s, j)
			if m == 0 && s[j] == ',' {
				m = 1
			}
			if m == 0 {
				break
			}
			j += m
		}
		if j < len(s) {
			for _, w := range legalAbbrevsAt()[s[j]] {
				if e := abbrevAt(s, j, w); e >= 0 && onlyPunct(s[e:]) {
					return i, j, e
				}
			}
		}
		i = j - 1
	}
	return -1, -1, -1
}

// onlyPunct reports whether s holds no letter or number.
func onlyPunct(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return false
		}
		i += size
	}
	return true
}

// Long0 returns the first long form, "" when there is none.
func (e LegalFormEntry) Long0() string {
	if len(e.Long) == 0 {
		return ""
	}
	return e.Long[0]
}

// canonical returns the canonical form of a written or spelt-out form.
func canonical(w string) string {
	return canonicalForms()[strings.ToLower(strings.TrimSpace(w))]
}

// SplitLegalForm splits a company name into its base and the canonical
// legal form written at its end: "Oefenweb.nl B.V." gives ("Oefenweb.nl",
// "B.V."); a name without a legal-form suffix gives (name, "").
func SplitLegalForm(name string) (base, form string) {
	name = strings.TrimSpace(name)
	sep, start, end := legalFormSuffix(name)
	if sep < 0 {
		return name, ""
	}
	return strings.TrimRight(strings.TrimSpace(name[:sep]), ","), canonical(name[start:end])
}

// LegalFormAt reports the end (byte offset in s) of the first abbreviated
// legal form in s and its canonical form, or -1 and "" when there is none.
// "Acme Leren B.V., gevestigd te" gives the offset just after "B.V.".
func LegalFormAt(s string) (end int, form string) {
	start, end := legalFormAnywhere(s)
	if start < 0 {
		return -1, ""
	}
	form = canonical(s[start:end])
	if end < len(s) && s[end] == '.' {
		end++
	}
	return end, form
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
