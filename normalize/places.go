package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// places is the gazetteer of data-centre sites, cities that agreements give
// as the seat of a sub-processor or the place of storage, and the cloud
// regions of the large providers, each with its country (ISO 3166-1
// alpha-2). A name in lower case matches in any case (cloud region codes
// such as "eu-west-1"); others must start with a capital.
//
// Azure's region names are geographic-looking but name one country: "West
// Europe" (West-Europa) is the Netherlands, "North Europe" (Noord-Europa)
// is Ireland.
var places = []struct{ Name, Country string }{
	// Netherlands: data-centre sites and the cities agreements name
	{"Eemshaven", "NL"}, {"Middenmeer", "NL"}, {"Wieringermeer", "NL"}, {"Agriport", "NL"},
	{"Amsterdam", "NL"}, {"Amsterdam-Zuidoost", "NL"}, {"Schiphol", "NL"}, {"Schiphol-Rijk", "NL"},
	{"Haarlem", "NL"}, {"Hoofddorp", "NL"}, {"Almere", "NL"}, {"Zaandam", "NL"}, {"Alkmaar", "NL"},
	{"Rotterdam", "NL"}, {"Den Haag", "NL"}, {"'s-Gravenhage", "NL"}, {"Delft", "NL"}, {"Leiden", "NL"},
	{"Zoetermeer", "NL"}, {"Dordrecht", "NL"}, {"Gouda", "NL"}, {"Naaldwijk", "NL"},
	{"Utrecht", "NL"}, {"Amersfoort", "NL"}, {"Hilversum", "NL"}, {"Nieuwegein", "NL"}, {"Houten", "NL"},
	{"Groningen", "NL"}, {"Leeuwarden", "NL"}, {"Assen", "NL"}, {"Zwolle", "NL"}, {"Deventer", "NL"},
	{"Enschede", "NL"}, {"Hengelo", "NL"}, {"Almelo", "NL"}, {"Apeldoorn", "NL"}, {"Arnhem", "NL"},
	{"Nijmegen", "NL"}, {"Ede", "NL"}, {"Wageningen", "NL"}, {"Lelystad", "NL"}, {"Dronten", "NL"},
	{"Eindhoven", "NL"}, {"Tilburg", "NL"}, {"Breda", "NL"}, {"'s-Hertogenbosch", "NL"}, {"Den Bosch", "NL"},
	{"Helmond", "NL"}, {"Venlo", "NL"}, {"Roermond", "NL"}, {"Maastricht", "NL"}, {"Heerlen", "NL"},
	{"Middelburg", "NL"}, {"Vlissingen", "NL"},
	// Ireland
	{"Dublin", "IE"}, {"Clonee", "IE"}, {"Grange Castle", "IE"}, {"Tallaght", "IE"}, {"Cork", "IE"},
	// Germany
	{"Frankfurt", "DE"}, {"Frankfurt am Main", "DE"}, {"Berlijn", "DE"}, {"Berlin", "DE"},
	{"München", "DE"}, {"Munich", "DE"}, {"Hamburg", "DE"}, {"Keulen", "DE"}, {"Köln", "DE"},
	{"Cologne", "DE"}, {"Düsseldorf", "DE"}, {"Neurenberg", "DE"}, {"Nürnberg", "DE"},
	{"Nuremberg", "DE"}, {"Falkenstein", "DE"},
	// Belgium, Luxembourg, France
	{"Brussel", "BE"}, {"Brussels", "BE"}, {"Bruxelles", "BE"}, {"Antwerpen", "BE"}, {"Gent", "BE"},
	{"Saint-Ghislain", "BE"}, {"St. Ghislain", "BE"}, {"Mechelen", "BE"},
	{"Parijs", "FR"}, {"Paris", "FR"}, {"Roubaix", "FR"}, {"Gravelines", "FR"}, {"Straatsburg", "FR"},
	{"Strasbourg", "FR"}, {"Marseille", "FR"},
	// Nordics
	{"Kopenhagen", "DK"}, {"Copenhagen", "DK"}, {"Fredericia", "DK"}, {"Odense", "DK"},
	{"Stockholm", "SE"}, {"Helsinki", "FI"}, {"Hamina", "FI"}, {"Oslo", "NO"}, {"Stavanger", "NO"},
	// rest of Europe
	{"Wenen", "AT"}, {"Vienna", "AT"}, {"Warschau", "PL"}, {"Warsaw", "PL"}, {"Milaan", "IT"},
	{"Milan", "IT"}, {"Madrid", "ES"}, {"Lissabon", "PT"}, {"Zürich", "CH"}, {"Genève", "CH"},
	{"Geneva", "CH"},
	// United Kingdom
	{"Londen", "GB"}, {"London", "GB"}, {"Manchester", "GB"}, {"Slough", "GB"}, {"Cardiff", "GB"},
	{"Edinburgh", "GB"},
	// United States
	{"Ashburn", "US"}, {"Virginia", "US"}, {"Noord-Virginia", "US"}, {"Northern Virginia", "US"},
	{"Oregon", "US"}, {"Ohio", "US"}, {"Iowa", "US"}, {"Californië", "US"}, {"California", "US"},
	{"Texas", "US"}, {"Seattle", "US"}, {"Redmond", "US"}, {"San Francisco", "US"}, {"Atlanta", "US"},
	{"New York", "US"}, {"Chicago", "US"}, {"Dallas", "US"}, {"Mountain View", "US"},
	{"Council Bluffs", "US"}, {"Boston", "US"}, {"Silicon Valley", "US"},
	// elsewhere
	{"Toronto", "CA"}, {"Montreal", "CA"}, {"Sydney", "AU"}, {"Tokio", "JP"}, {"Tokyo", "JP"},
	{"Mumbai", "IN"}, {"Bangalore", "IN"}, {"Tel Aviv", "IL"},
	// Amazon Web Services regions
	{"eu-west-1", "IE"}, {"eu-west-2", "GB"}, {"eu-west-3", "FR"}, {"eu-central-1", "DE"},
	{"eu-central-2", "CH"}, {"eu-north-1", "SE"}, {"eu-south-1", "IT"}, {"eu-south-2", "ES"},
	{"us-east-1", "US"}, {"us-east-2", "US"}, {"us-west-1", "US"}, {"us-west-2", "US"},
	{"ca-central-1", "CA"},
	// Microsoft Azure regions, in English, Dutch and as API names
	{"West Europe", "NL"}, {"West-Europa", "NL"}, {"Europe West", "NL"}, {"westeurope", "NL"},
	{"North Europe", "IE"}, {"Noord-Europa", "IE"}, {"Europe North", "IE"}, {"northeurope", "IE"},
	{"Germany West Central", "DE"}, {"germanywestcentral", "DE"}, {"France Central", "FR"},
	{"francecentral", "FR"}, {"Sweden Central", "SE"}, {"swedencentral", "SE"}, {"Norway East", "NO"},
	{"norwayeast", "NO"}, {"Switzerland North", "CH"}, {"switzerlandnorth", "CH"}, {"UK South", "GB"},
	{"uksouth", "GB"}, {"UK West", "GB"}, {"ukwest", "GB"}, {"East US", "US"}, {"eastus", "US"},
	{"East US 2", "US"}, {"eastus2", "US"}, {"West US", "US"}, {"westus", "US"},
	{"Central US", "US"}, {"centralus", "US"},
	// Google Cloud regions
	{"europe-west1", "BE"}, {"europe-west2", "GB"}, {"europe-west3", "DE"}, {"europe-west4", "NL"},
	{"europe-west6", "CH"}, {"europe-west8", "IT"}, {"europe-west9", "FR"}, {"europe-west10", "DE"},
	{"europe-west12", "IT"}, {"europe-north1", "FI"}, {"europe-central2", "PL"},
	{"europe-southwest1", "ES"}, {"us-central1", "US"}, {"us-east1", "US"}, {"us-east4", "US"},
	{"us-west1", "US"},
}

// regions are places that span several countries, all inside the European
// Economic Area. They name no country, but a location given only as "EU"
// or "binnen Europa" is inside the EEA. "EU-West" is in this list, not in
// places: providers use it for different countries (AWS for Ireland, others
// for the Netherlands or Germany).
var regions = []string{
	"EU", "Europese Unie", "European Union", "EER", "EEA", "Europese Economische Ruimte",
	"European Economic Area", "Europa", "Europe", "EU-West", "EU West",
	"EU-regio", "EU region", "Europese regio", "Benelux",
}

// entityNouns are the word stems that make a country adjective a
// location: "een Amerikaans bedrijf", "Ierse datacenters", "a German company".
var entityNouns = []string{
	"bedrij", "onderneming", "organisatie", "partij", "leverancier", "aanbieder", "dienstverlener",
	"provider", "moeder", "dochter", "vennootschap", "entiteit", "concern", "firma", "compan",
	"corporat", "entit", "firm", "datacent", "server", "cloud", "hosting", "bodem", "grondgebied",
	"rechtspersoon", "subverwerker", "subbewerker", "processor",
}

// LocationKind says how a Mention names a location.
type LocationKind string

// The kinds of location mention.
const (
	KindCountry   LocationKind = "country"   // a country name, variant or abbreviation
	KindAdjective LocationKind = "adjective" // a country adjective before an organisation or data centre
	KindPlace     LocationKind = "place"     // a city, data-centre site or cloud region of one country
	KindRegion    LocationKind = "region"    // a region of several EEA countries: EU, Europa, EER
)

// Mention is a location named in a text: its byte range [Start, End), the
// text, its country (ISO alpha-2, "" for a region) and how it was named.
type Mention struct {
	Start, End int
	Text       string
	Country    string
	Kind       LocationKind
}

// caseRule says how a gazetteer entry's case must match the text.
type caseRule uint8

const (
	capitalised caseRule = iota // first letter upper case ("Dublin", "DUBLIN")
	anyCase                     // cloud region codes ("eu-west-1", "EU-WEST-1")
	exactCase                   // abbreviations ("VS", "UK", "EU")
)

type entry struct {
	country string
	kind    LocationKind
	rule    caseRule
	exact   string // the spelling for exactCase
}

func ruleOf(name string) caseRule {
	hasUpper, hasLower := false, false
	for _, r := range name {
		hasUpper = hasUpper || unicode.IsUpper(r)
		hasLower = hasLower || unicode.IsLower(r)
	}
	switch {
	case !hasUpper:
		return anyCase
	case !hasLower:
		return exactCase
	}
	return capitalised
}

// gazetteer maps folded names to entries; it is built on first use.
var gazetteer = sync.OnceValue(buildGazetteer)

// buildGazetteer builds the gazetteer.
func buildGazetteer() map[string]entry {
	adjs, countries := adjectiveCodes(), countryCodes()
	g := make(map[string]entry, len(adjs)+len(places)+len(regions)+len(countries))
	add := func(name, country string, kind LocationKind) {
		f := Fold(name)
		rule := ruleOf(name)
		if old, ok := g[f]; ok && old.rule == exactCase && rule != exactCase {
			return // "NL" stays an abbreviation
		}
		g[f] = entry{country: country, kind: kind, rule: rule, exact: name}
	}
	for f, code := range adjs {
		g[f] = entry{country: code, kind: KindAdjective, rule: capitalised}
	}
	for _, p := range places {
		add(p.Name, p.Country, KindPlace)
	}
	for _, r := range regions {
		add(r, "", KindRegion)
	}
	// 2- and 3-letter abbreviations ("VS", "UK", "USA") only as written
	abbrevs := map[string][]string{} // folded → the variants written so
	for n := range countryVariants {
		if ruleOf(n) == exactCase {
			abbrevs[Fold(n)] = append(abbrevs[Fold(n)], n)
		}
	}
	for f, code := range countries {
		rule := capitalised
		for _, n := range abbrevs[f] {
			if countryVariants[n] == code {
				rule = exactCase
				g[f] = entry{country: code, kind: KindCountry, rule: rule, exact: n}
			}
		}
		if rule != exactCase {
			g[f] = entry{country: code, kind: KindCountry, rule: capitalised}
		}
	}
	return g
}

// Place returns the country of a data-centre site, city or cloud region
// ("Middenmeer", "Dublin", "eu-west-1", "Noord-Europa"). For a region of
// several EEA countries ("EU", "Europa") it returns "" and ok true.
func Place(s string) (country string, ok bool) {
	e, ok := gazetteer()[Fold(s)]
	if !ok || (e.kind != KindPlace && e.kind != KindRegion) {
		return "", false
	}
	return e.country, true
}

// token is a run of letters and digits in a text; join says whether only
// spaces, hyphens, dots, apostrophes or "&" separate it from the token before.
// ascii says that the token is ASCII, so that its folded form is its lower case.
type token struct {
	start, end int
	join       bool
	ascii      bool
}

// isWordRune reports whether r belongs to a token: a letter, a digit or a
// combining mark.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isWordByte reports whether the ASCII byte c belongs to a token.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// nextToken returns the first token of text at or after pos; its join is
// read from the gap between pos (the end of the token before) and its
// start. ok is false when no token follows. Invalid UTF-8 separates words,
// as it does in a range over the string.
func nextToken(text string, pos int) (t token, ok bool) {
	i := pos
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if isWordByte(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	if i >= len(text) {
		return token{}, false
	}
	start, ascii := i, true
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isWordByte(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		ascii = false
		i += size
	}
	return token{start: start, end: i, join: joinable(text[pos:start]), ascii: ascii}, true
}

func joinable(gap string) bool {
	return len(gap) <= 4 && strings.Trim(gap, " -‐‑.'’&") == ""
}

// maxNameWords is room for the words of a gazetteer name, read ahead of a
// possible match without allocating (a longer name would still be read).
const maxNameWords = 8

// Locations finds the countries, country adjectives, places and regions
// named in text, in order and without overlaps, the longest name first
// ("Verenigde Staten" before "Staten"). A country adjective counts only
// when an organisation or data-centre noun follows it within two words
// ("een Amerikaans bedrijf", "Ierse datacenters"); "Nederlands recht" is
// not a location.
//
// The text is read token by token, and a token is looked up (folded into a
// buffer, without allocating, when it is ASCII) among the first words of
// the gazetteer's names; only where one stands are the tokens after it read.
func Locations(text string) []Mention {
	return LocationsWithin(text, 0, len(text))
}

// LocationsWithin returns the mentions of Locations(text) that start in
// [from, to), reading only from from on (and a few words past to, for the
// noun after an adjective). from must be 0 or the start of a line: no name
// runs across a line end, so the mentions of a line do not depend on the
// lines before it.
func LocationsWithin(text string, from, to int) []Mention {
	var out []Mention
	var buf [64]byte
	var ahead [maxNameWords]token
	for pos := from; ; {
		t, ok := nextToken(text, pos)
		if !ok || t.start >= to {
			break
		}
		longest, ok := firstWordLongest(text, t, buf[:0])
		if !ok {
			// OCR reads a capital I as a small l: "lerland", "lerse"
			if s := text[t.start:t.end]; strings.HasPrefix(s, "l") && len(s) > 3 {
				if e, ok := gazetteer()[Fold("I"+s[1:])]; ok && e.rule == capitalised {
					if m, ok := mention(text, e, t.start, t.end); ok {
						out = append(out, m)
						pos = t.end
						continue
					}
				}
			}
			pos = t.end
			continue
		}
		// the tokens a name starting at t may span
		toks := append(ahead[:0], t)
		for len(toks) < longest {
			n, ok := nextToken(text, toks[len(toks)-1].end)
			if !ok {
				break
			}
			toks = append(toks, n)
		}
		n, e, ok := longestMatch(text, toks, longest, buf[:0])
		if !ok {
			pos = t.end
			continue
		}
		m, ok := mention(text, e, t.start, toks[n-1].end)
		if !ok {
			pos = t.end
			continue
		}
		out = append(out, m)
		pos = toks[n-1].end
	}
	return out
}

// mention is the Mention of gazetteer entry e at [start, end); a country
// adjective is one only when a noun follows it.
func mention(text string, e entry, start, end int) (Mention, bool) {
	if e.kind == KindAdjective && !nounFollows(text, end) {
		return Mention{}, false
	}
	return Mention{Start: start, End: end, Text: text[start:end], Country: e.country, Kind: e.kind}, true
}

// firstWordLongest looks the folded token up among the first words of the
// gazetteer's names and returns the most words such a name has.
func firstWordLongest(text string, t token, buf []byte) (int, bool) {
	if t.ascii {
		buf = appendLowerASCII(buf, text[t.start:t.end])
		n, ok := firstWords()[string(buf)]
		return n, ok
	}
	n, ok := firstWords()[Fold(text[t.start:t.end])]
	return n, ok
}

// appendLowerASCII appends the ASCII string s in lower case.
func appendLowerASCII(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// longestMatch returns the most tokens of toks (at most longest), joined,
// that name a gazetteer entry in the case its rule asks for.
func longestMatch(text string, toks []token, longest int, buf []byte) (int, entry, bool) {
	for n := min(longest, len(toks)); n >= 1; n-- {
		joined, ascii := true, true
		for k := 1; k < n; k++ {
			joined = joined && toks[k].join
		}
		if !joined {
			continue
		}
		s := text[toks[0].start:toks[n-1].end]
		for k := 0; k < len(s) && ascii; k++ {
			ascii = s[k] < utf8.RuneSelf
		}
		var e entry
		var ok bool
		if ascii {
			// the fold of ASCII tokens joined by spaces, dots, hyphens, '
			// and &: their lower case, one space between them
			b := buf[:0]
			for k := 0; k < n; k++ {
				if k > 0 {
					b = append(b, ' ')
				}
				b = appendLowerASCII(b, text[toks[k].start:toks[k].end])
			}
			e, ok = gazetteer()[string(b)]
		} else {
			e, ok = gazetteer()[Fold(s)]
		}
		if ok && caseMatches(s, e) {
			return n, e, true
		}
	}
	return 0, entry{}, false
}

// firstWords maps the first word of every gazetteer name to the most
// words a name starting with it has, so that a text is scanned word by
// word without trying every phrase length. It is built on first use.
var firstWords = sync.OnceValue(func() map[string]int { return buildFirstWords(gazetteer()) })

// buildFirstWords builds firstWords from the gazetteer g.
func buildFirstWords(g map[string]entry) map[string]int {
	m := make(map[string]int, len(g))
	for f := range g {
		first, _, _ := strings.Cut(f, " ")
		m[first] = max(m[first], strings.Count(f, " ")+1)
	}
	return m
}

func caseMatches(s string, e entry) bool {
	switch e.rule {
	case anyCase:
		return true
	case exactCase:
		return strings.ReplaceAll(s, " ", "") == strings.ReplaceAll(e.exact, " ", "") ||
			strings.TrimSuffix(s, ".") == strings.TrimSuffix(e.exact, ".")
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func nounFollows(text string, pos int) bool {
	for k := 0; k < 2; k++ {
		t, ok := nextToken(text, pos)
		if !ok {
			return false
		}
		w := strings.ToLower(text[t.start:t.end])
		for _, stem := range entityNouns {
			if strings.HasPrefix(w, stem) {
				return true
			}
		}
		pos = t.end
	}
	return false
}
