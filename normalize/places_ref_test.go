package normalize

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// locationsRef is Locations as it was written before it read tokens
// lazily and folded ASCII tokens without allocating: every token of the
// text first, then each looked up with Fold. The fast Locations must give
// exactly its mentions.
func locationsRef(text string) []Mention {
	type tok struct {
		start, end int
		join       bool
	}
	var toks []tok
	start, gapStart := -1, 0
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			toks = append(toks, tok{start, i, joinable(text[gapStart:start])})
			gapStart, start = i, -1
		}
	}
	if start >= 0 {
		toks = append(toks, tok{start, len(text), joinable(text[gapStart:start])})
	}
	longestMatch := func(i int) (int, entry, bool) {
		longest, ok := firstWords()[Fold(text[toks[i].start:toks[i].end])]
		if !ok {
			s := text[toks[i].start:toks[i].end]
			if strings.HasPrefix(s, "l") && len(s) > 3 {
				if e, ok := gazetteer()[Fold("I"+s[1:])]; ok && e.rule == capitalised {
					return 1, e, true
				}
			}
			return 0, entry{}, false
		}
		for n := min(longest, len(toks)-i); n >= 1; n-- {
			joined := true
			for k := i + 1; k < i+n; k++ {
				joined = joined && toks[k].join
			}
			if !joined {
				continue
			}
			s := text[toks[i].start:toks[i+n-1].end]
			e, ok := gazetteer()[Fold(s)]
			if ok && caseMatches(s, e) {
				return n, e, true
			}
		}
		return 0, entry{}, false
	}
	nounFollows := func(next []tok) bool {
		for k := 0; k < len(next) && k < 2; k++ {
			w := strings.ToLower(text[next[k].start:next[k].end])
			for _, stem := range entityNouns {
				if strings.HasPrefix(w, stem) {
					return true
				}
			}
		}
		return false
	}
	var out []Mention
	for i := 0; i < len(toks); {
		n, e, ok := longestMatch(i)
		if !ok {
			i++
			continue
		}
		m := Mention{Start: toks[i].start, End: toks[i+n-1].end, Country: e.country, Kind: e.kind}
		m.Text = text[m.Start:m.End]
		if e.kind == KindAdjective && !nounFollows(toks[i+n:]) {
			i++
			continue
		}
		out = append(out, m)
		i += n
	}
	return out
}

// TestLocationsMatchesReference holds Locations to locationsRef on every
// text file under testdata/ (and the corpus texts when DPA_CORPUS is set),
// line by line and whole, and on texts made to hit the edges: names across
// gaps of every kind, accents, OCR's small l, invalid UTF-8, adjectives at
// the end of a text.
func TestLocationsMatchesReference(t *testing.T) {
	texts := []string{
		"", "a", "Nederland", "Verenigde  Staten", "Verenigde-Staten", "Verenigde.Staten", "Verenigde & Staten",
		"Verenigde\nStaten", "Verenigde\u00a0Staten", "Verenigde’Staten", "Verenigde\u2010Staten",
		"een Amerikaans", "een Amerikaans\nbedrijf", "Ierse , datacenters", "Ierse x datacenters", "Ierse x y datacenters",
		"lerland lerse bedrijf lerse", "Zürich, Genève en Köln", "ZÜRICH", "Curaçao", "São Tomé en Principe",
		"Bosnië en Herzegovina", "Bosnia and Herzegovina", "St. Lucia", "Saint Lucia", "’s-Gravenhage", "'s-Gravenhage",
		"U.S.A. en V.S.", "U.S.A", "eu-west-1, EU-WEST-1", "europe-west4", "East US 2", "Frankfurt am Main",
		"Nederland\xffIerland", "\xff\xfeNederland", "Neder\u0301land", "\u0301Nederland", "Nederland\u0301",
		"Nederlands recht; Nederlandse organisatie", "ﬁnland Finland", "VS vs Vs", "UK U.K. uk",
		"Democratic Republic of the Congo", "Republic of the Congo", "the Congo", "Verenigde Staten van Amerika",
	}
	var files []string
	filepath.WalkDir("../testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md") ||
			strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".blocks")) {
			files = append(files, p)
		}
		return nil
	})
	if dir := os.Getenv("DPA_CORPUS"); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "txt", "*"))
		files = append(files, more...)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d test files found", len(files))
	}
	mentions := 0
	for _, s := range texts {
		got, want := Locations(s), locationsRef(s)
		mentions += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Locations(%.80q…) = %v,\nreference gives %v", s, got, want)
		}
	}
	if mentions < 100 {
		t.Errorf("only %d mentions in the texts: the comparison tests little", mentions)
	}
}

// foldRef is Fold without its ASCII shortcut.
func foldRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// TestFoldMatchesReference holds Fold to foldRef on strings made to hit
// the ASCII shortcut's edges and on every line and word of the test files.
func TestFoldMatchesReference(t *testing.T) {
	texts := []string{"", " ", "a", "A", "a b", "a  b", " a", "a ", "a-b", "a\tb", "ab1 c2", "AB", "a\x00b", "\x7f",
		"s-Gravenhage", "’s-Gravenhage", "Zürich", "Ω", "a b c", "a b-", "-a"}
	filepath.WalkDir("../testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
			b, _ := os.ReadFile(p)
			for _, l := range strings.Split(string(b), "\n") {
				texts = append(texts, l)
				texts = append(texts, strings.Fields(l)...)
			}
		}
		return nil
	})
	for _, s := range texts {
		if got, want := Fold(s), foldRef(s); got != want {
			t.Errorf("Fold(%q) = %q, reference gives %q", s, got, want)
		}
	}
}

// TestLocationsWithin holds LocationsWithin, from every line start of the
// test files to a few offsets after it, to the mentions of Locations over
// the whole text that start there.
func TestLocationsWithin(t *testing.T) {
	var files []string
	filepath.WalkDir("../testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
			files = append(files, p)
		}
		return nil
	})
	texts := []string{"een Amerikaans\n\n\nbedrijf in Ierland\nVerenigde\nStaten", "Ierse\nx\ndatacenters"}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	compared := 0
	for _, text := range texts {
		all := Locations(text)
		for from := 0; from < len(text); from = strings.IndexByte(text[from:], '\n') + from + 1 {
			for _, to := range []int{from, from + 1, from + 40, from + 200, len(text)} {
				to = min(to, len(text))
				var want []Mention
				for _, m := range all {
					if m.Start >= from && m.Start < to {
						want = append(want, m)
					}
				}
				got := LocationsWithin(text, from, to)
				compared += len(want)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("LocationsWithin(%.60q…, %d, %d) = %v, want %v", text, from, to, got, want)
				}
			}
			if strings.IndexByte(text[from:], '\n') < 0 {
				break
			}
		}
	}
	if compared < 100 {
		t.Errorf("only %d mentions compared", compared)
	}
}

// TestHostShaped checks that hostShaped is only a shortcut: a string it
// turns away is never all of a match of domainRe.
func TestHostShaped(t *testing.T) {
	texts := []string{"acme.nl", "www.acme.co.uk", "acme", "acme .nl", "acme.nl/x", "a_b.nl", "\u212aelvin.nl", "é.nl", "-.nl", "acme b.v."}
	filepath.WalkDir("../testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
			b, _ := os.ReadFile(p)
			for _, w := range strings.Fields(string(b)) {
				texts = append(texts, strings.ToLower(strings.Trim(w, "()<>,;:\"'")))
			}
		}
		return nil
	})
	for d := range providers().domains {
		texts = append(texts, d, "www."+d, d+".", "x@"+d)
	}
	hosts := 0
	for _, s := range texts {
		s = strings.ToLower(s) // as lookupDomain has it
		whole := domainRe.FindString(s) == s && s != ""
		if whole {
			hosts++
		}
		if whole && !hostShaped(s) {
			t.Errorf("hostShaped(%q) = false, but domainRe matches all of it", s)
		}
	}
	if hosts < 10 {
		t.Errorf("only %d host names in the texts", hosts)
	}
}

// TestGazetteerMatchesReference holds the gazetteer to the way it was
// first built: each country name's abbreviations found by folding every
// variant again for every name (quadratic, a few milliseconds of every
// fresh process).
func TestGazetteerMatchesReference(t *testing.T) {
	want := map[string]entry{}
	add := func(name, country string, kind LocationKind) {
		f := Fold(name)
		rule := ruleOf(name)
		if old, ok := want[f]; ok && old.rule == exactCase && rule != exactCase {
			return
		}
		want[f] = entry{country: country, kind: kind, rule: rule, exact: name}
	}
	for f, code := range adjectiveCodes() {
		want[f] = entry{country: code, kind: KindAdjective, rule: capitalised}
	}
	for _, p := range places {
		add(p.Name, p.Country, KindPlace)
	}
	for _, r := range regions {
		add(r, "", KindRegion)
	}
	for f, code := range countryCodes() {
		rule := capitalised
		for n, c := range countryVariants {
			if Fold(n) == f && c == code && ruleOf(n) == exactCase {
				rule = exactCase
				want[f] = entry{country: code, kind: KindCountry, rule: rule, exact: n}
			}
		}
		if rule != exactCase {
			want[f] = entry{country: code, kind: KindCountry, rule: capitalised}
		}
	}
	got := buildGazetteer()
	if len(got) != len(want) {
		t.Errorf("%d entries, want %d", len(got), len(want))
	}
	for f, w := range want {
		if g, ok := got[f]; !ok || g != w {
			t.Errorf("%q: %+v (%v), want %+v", f, g, ok, w)
		}
	}
	if got["vs"].rule != exactCase || got["vs"].exact != "VS" {
		t.Errorf("vs: %+v, want the abbreviation VS", got["vs"])
	}
}
