package extract

import "strings"

// Cheap tests that a rule can match, made before the rule: each must hold
// wherever its rule matches (a test holds it to the rule on the fixtures'
// lines and on odd cases), so that turning a text away changes nothing.

// hasPrefixFold reports whether s starts with one of words (lower-case
// ASCII letters) in any case, as (?i) folds them: k also as the Kelvin
// sign, s also as long s.
func hasPrefixFold(s string, words ...string) bool {
	for _, w := range words {
		j := 0
		for k := 0; k < len(w) && j >= 0; k++ {
			switch c := w[k]; {
			case j < len(s) && s[j]|0x20 == c:
				j++
			case c == 's' && strings.HasPrefix(s[j:], "\u017f"):
				j += 2
			case c == 'k' && strings.HasPrefix(s[j:], "\u212a"):
				j += 3
			default:
				j = -1
			}
		}
		if j >= 0 {
			return true
		}
	}
	return false
}

// containsFold reports whether s holds word (lower-case ASCII letters
// without k or s, which (?i) also finds as other runes) in any ASCII case,
// without making a lower-case copy of s.
func containsFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 != word[0] {
			continue
		}
		j := 1
		for j < len(word) && s[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// mayOnBehalf reports whether onBehalfRe may match s: s opens with
// "namens", "voor", "for" or "on" and ends with a colon and white space
// at most. The lines of a signature block that hold "voor" or "for" were
// compiling the rule only to fail.
func mayOnBehalf(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, " \t\n\f\r\u00a0\u202f\u2007"), ":") &&
		hasPrefixFold(s, "namens", "voor", "for", "on")
}
