package normalize

import (
	"sort"
	"strconv"
	"strings"
)

// numberWords maps Dutch (and a few English) number words and fractions,
// as agreements write them, to their value. Accented and unaccented
// spellings are both listed; compounds such as "vierentwintig" and
// "tweeënzeventig" are built from unitWords and tensWords by Number.
var numberWords = map[string]float64{
	// Dutch
	"een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
	"zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11,
	"twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
	"zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20,
	"dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
	"tachtig": 80, "negentig": 90, "honderd": 100,
	"half": 0.5, "halve": 0.5, "een half": 0.5, "een halve": 0.5, "één half": 0.5,
	"anderhalf": 1.5, "anderhalve": 1.5, "driekwart": 0.75, "kwart": 0.25,
	// English
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100,
	"one and a half": 1.5,
}

// unitWords and tensWords make the Dutch compounds "eenentwintig" …
// "negenennegentig" (unit + "en"/"ën" + tens) and the English ones
// "twenty-one" … "ninety-nine" (tens + "-" + unit).
var (
	unitWords = map[string]float64{"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4,
		"vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
	tensWords = map[string]float64{"twintig": 20, "dertig": 30, "veertig": 40,
		"vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90}
	englishUnits = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4,
		"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
	englishTens = map[string]float64{"twenty": 20, "thirty": 30, "forty": 40,
		"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
)

// NumberPattern is a regular expression fragment (no capture groups,
// case-insensitive with (?i)) that matches a number as agreements write
// it: digits with an optional decimal comma or point ("12", "1,5"), a
// number word ("vier", "anderhalf", "een half"), a compound
// ("vierentwintig", "twenty-four") or "X en een half". Number parses a match.
var NumberPattern = func() string {
	words := make([]string, 0, len(numberWords))
	for w := range numberWords {
		words = append(words, strings.ReplaceAll(w, " ", `\s+`))
	}
	compound := `(?:` + alternation(mapKeys(unitWords)) + `)(?:en|ën)(?:` + alternation(mapKeys(tensWords)) + `)`
	english := `(?:` + alternation(mapKeys(englishTens)) + `)[-\s](?:` + alternation(mapKeys(englishUnits)) + `)`
	single := `(?:\d+(?:[.,]\d+)?|` + compound + `|` + english + `|` + alternation(words) + `)`
	return single + `(?:\s+en\s+een\s+half)?`
}()

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// alternation joins words into a regular expression alternation, longest
// first so that "een half" wins over "een" and "achttien" over "acht".
func alternation(words []string) string {
	sort.Slice(words, func(i, j int) bool {
		if len(words[i]) != len(words[j]) {
			return len(words[i]) > len(words[j])
		}
		return words[i] < words[j]
	})
	return strings.Join(words, "|")
}

// Number returns the value of a number as written: "12", "1,5", "1.5",
// "vier", "één", "anderhalf", "een half", "vierentwintig", "tweeënzeventig",
// "twee en een half", "twenty-four". ok is false for anything else.
func Number(s string) (v float64, ok bool) {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if rest, found := strings.CutSuffix(s, " en een half"); found {
		v, ok := Number(rest)
		return v + 0.5, ok
	}
	if v, ok := numberWords[s]; ok {
		return v, true
	}
	if f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err == nil && f >= 0 {
		return f, true
	}
	for _, sep := range []string{"ën", "en"} {
		for u, uv := range unitWords {
			if rest, found := strings.CutPrefix(s, u+sep); found {
				if tv, ok := tensWords[rest]; ok {
					return tv + uv, true
				}
			}
		}
	}
	if t, u, found := strings.Cut(strings.ReplaceAll(s, " ", "-"), "-"); found {
		tv, ok1 := englishTens[t]
		uv, ok2 := englishUnits[u]
		if ok1 && ok2 {
			return tv + uv, true
		}
	}
	return 0, false
}
