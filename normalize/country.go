package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// notCountries are codes that x/text parses as countries but that are not
// assigned ISO 3166-1 alpha-2 codes of a country: exceptional
// reservations (Ascension, Canary Islands …) and groupings.
var notCountries = map[string]bool{
	"AC": true, "CP": true, "DG": true, "EA": true, "IC": true, "TA": true,
	"EU": true, "EZ": true, "UN": true, "QO": true, "ZZ": true,
}

// countryVariants are names of countries that CLDR's display names lack:
// short forms, abbreviations, older and colloquial names, in Dutch and
// English. Keys are written as they appear in agreements.
var countryVariants = map[string]string{
	"VS": "US", "USA": "US", "U.S.": "US", "U.S.A.": "US", "V.S.": "US",
	"Verenigde Staten van Amerika": "US", "United States of America": "US", "Amerika": "US", "America": "US",
	"UK": "GB", "U.K.": "GB", "VK": "GB", "Groot-Brittannië": "GB", "Great Britain": "GB", "Britain": "GB",
	"Engeland": "GB", "England": "GB", "Schotland": "GB", "Scotland": "GB", "Wales": "GB", "Noord-Ierland": "GB",
	"NL": "NL", "Holland": "NL", "The Netherlands": "NL", "Nederlanden": "NL",
	"Republiek Ierland": "IE", "Republic of Ireland": "IE",
	"Bondsrepubliek Duitsland": "DE", "Duitse Bondsrepubliek": "DE",
	"Tsjechische Republiek": "CZ", "Czech Republic": "CZ",
	"Noord-Macedonië": "MK", "North Macedonia": "MK", "Eswatini": "SZ",
	"Zuid Korea": "KR", "Korea": "KR", "Republic of Korea": "KR",
	"Zwitserse Bondsstaat": "CH", "Hong Kong": "HK", "Hongkong": "HK", "Macau": "MO",
	"Rusland": "RU", "Russische Federatie": "RU", "Russian Federation": "RU",
	"Vaticaan": "VA", "Vatican": "VA", "Ivory Coast": "CI", "Birma": "MM", "Burma": "MM",
	"Democratic Republic of the Congo": "CD", "Republic of the Congo": "CG",
}

// countryAdjectives are the adjectives of the countries that agreements
// name sub-processors by ("een Amerikaans bedrijf", "an Irish company"),
// Dutch in both inflections and English.
var countryAdjectives = map[string]string{
	"Amerikaans": "US", "Amerikaanse": "US", "American": "US",
	"Iers": "IE", "Ierse": "IE", "Irish": "IE",
	"Duits": "DE", "Duitse": "DE", "German": "DE",
	"Brits": "GB", "Britse": "GB", "British": "GB", "Engels": "GB", "Engelse": "GB", "English": "GB",
	"Schots": "GB", "Schotse": "GB", "Scottish": "GB",
	"Nederlands": "NL", "Nederlandse": "NL", "Hollands": "NL", "Hollandse": "NL", "Dutch": "NL",
	"Belgisch": "BE", "Belgische": "BE", "Belgian": "BE",
	"Frans": "FR", "Franse": "FR", "French": "FR",
	"Luxemburgs": "LU", "Luxemburgse": "LU", "Luxembourgish": "LU",
	"Zweeds": "SE", "Zweedse": "SE", "Swedish": "SE",
	"Deens": "DK", "Deense": "DK", "Danish": "DK",
	"Fins": "FI", "Finse": "FI", "Finnish": "FI",
	"Noors": "NO", "Noorse": "NO", "Norwegian": "NO",
	"IJslands": "IS", "IJslandse": "IS", "Icelandic": "IS",
	"Spaans": "ES", "Spaanse": "ES", "Spanish": "ES",
	"Portugees": "PT", "Portugese": "PT", "Portuguese": "PT",
	"Italiaans": "IT", "Italiaanse": "IT", "Italian": "IT",
	"Pools": "PL", "Poolse": "PL", "Polish": "PL",
	"Oostenrijks": "AT", "Oostenrijkse": "AT", "Austrian": "AT",
	"Zwitsers": "CH", "Zwitserse": "CH", "Swiss": "CH",
	"Tsjechisch": "CZ", "Tsjechische": "CZ", "Czech": "CZ",
	"Ests": "EE", "Estische": "EE", "Estlands": "EE", "Estlandse": "EE", "Estonian": "EE",
	"Canadees": "CA", "Canadese": "CA", "Canadian": "CA",
	"Australisch": "AU", "Australische": "AU", "Australian": "AU",
	"Indiaas": "IN", "Indiase": "IN", "Indian": "IN",
	"Israëlisch": "IL", "Israëlische": "IL", "Israeli": "IL",
	"Chinees": "CN", "Chinese": "CN",
	"Japans": "JP", "Japanse": "JP", "Japanese": "JP",
	"Russisch": "RU", "Russische": "RU", "Russian": "RU",
	"Oekraïens": "UA", "Oekraïense": "UA", "Ukrainian": "UA",
	"Singaporees": "SG", "Singaporese": "SG", "Singaporean": "SG",
}

// countryCodes maps the folded name of every country (Dutch and English
// CLDR display names, the variants above) to its alpha-2 code.
func countryCodes() map[string]string { c, _ := countryTables(); return c }

// adjectiveCodes maps the folded country adjectives to their alpha-2 codes.
func adjectiveCodes() map[string]string { _, a := countryTables(); return a }

//go:generate go test -run ^TestCountryNames$ -update-countrynames

// countryTables builds countryCodes and adjectiveCodes on first use.
var countryTables = sync.OnceValues(buildCountryTables)

// buildCountryTables builds countryCodes and adjectiveCodes.
func buildCountryTables() (map[string]string, map[string]string) {
	names := make(map[string]string, 512) // 464 names today
	for _, c := range cldrCountries {
		if names[c.name] == "" {
			names[c.name] = c.code
		}
	}
	for n, code := range countryVariants {
		names[Fold(n)] = code
	}
	adjs := make(map[string]string, len(countryAdjectives))
	for n, code := range countryAdjectives {
		adjs[Fold(n)] = code
	}
	return names, adjs
}

// nameVariants spells a CLDR display name the ways agreements write it:
// "Bosnia & Herzegovina" also as "Bosnia and Herzegovina", "St. Lucia" also
// as "Saint Lucia", "Myanmar (Birma)" also as "Myanmar".
func nameVariants(n string) []string {
	out := []string{n}
	if strings.Contains(n, "&") {
		out = append(out, strings.ReplaceAll(n, "&", "and"), strings.ReplaceAll(n, "&", "en"))
	}
	if strings.HasPrefix(n, "St. ") {
		out = append(out, "Saint "+n[4:])
	}
	if i := strings.Index(n, " ("); i > 0 {
		out = append(out, n[:i])
	}
	if strings.HasSuffix(n, " SAR van China") || strings.HasSuffix(n, " SAR China") {
		out = append(out, n[:strings.Index(n, " SAR")])
	}
	return out
}

// Country returns the ISO 3166-1 alpha-2 code of a country written as a
// Dutch or English name ("Ierland", "Ireland", "Verenigde Staten"), a
// common variant or abbreviation ("VS", "UK", "Engeland"), an adjective
// ("Amerikaans", "Ierse", "Irish") or an alpha-2 code itself ("NL"). ok is
// false when s names no country.
func Country(s string) (code string, ok bool) {
	s = strings.TrimSpace(strings.Trim(s, " \t.,;:()"))
	if len(s) == 2 && strings.ToUpper(s) == s {
		if r, err := language.ParseRegion(s); err == nil && r.IsCountry() && !notCountries[s] {
			return r.Canonicalize().String(), true
		}
	}
	f := Fold(s)
	if c, ok := countryCodes()[f]; ok {
		return c, true
	}
	c, ok := adjectiveCodes()[f]
	return c, ok
}

// Fold is the key places and countries are looked up by: lower case,
// accents stripped, every run of characters other than letters and digits
// turned into one space ("’s-Gravenhage" and "s Gravenhage" fold alike).
func Fold(s string) string {
	if folded, ok := foldASCII(s); ok {
		return folded
	}
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

// foldASCII is Fold for an ASCII string, which needs no decomposition: s
// itself when it is folded already, else its lower case with every run of
// other characters one space. ok is false when s is not ASCII.
func foldASCII(s string) (string, bool) {
	folded := true // s is lower-case letters and digits, single spaces between them
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case c == ' ' && i > 0 && i+1 < len(s) && s[i-1] != ' ':
		default:
			folded = false
		}
	}
	if folded {
		return s, true
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return string(b), true
}
