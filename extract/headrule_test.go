package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// headRuleLines returns every line (raw, trimmed, and with its prefixes
// cut at each byte) of the text files under testdata, and odd cases: bytes
// that are not UTF-8, the runes that fold to k and s, markers and spaces.
func headRuleLines(t *testing.T) []string {
	t.Helper()
	var lines []string
	for _, dir := range []string{"../testdata", "testdata"} {
		filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !slices.Contains([]string{".txt", ".md", ".golden", ".json"}, filepath.Ext(p)) {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(b), "\n") {
				lines = append(lines, l, strings.TrimSpace(l))
			}
			return nil
		})
	}
	if len(lines) < 1000 {
		t.Fatalf("only %d lines under testdata", len(lines))
	}
	odd := []string{"", " ", "\t", "\xff", "\xff1", "\xe2\x80", "\u212a", "\u017f", "\u212aPagina 1", "Pagina 3 van 4",
		"PAGE 2 OF 9", "blz. 4", "p. 7", "- 3 -", "3/6", "12", "-12-", "\t3", "•\tpunt", "– Streep", "▪ item",
		"◦ item", "a) iets", "(iv) Iets", "4.\tBewaartermijn:", "4.2.1 Titel", "A. Algemeen", "H) Hoofd",
		"Artikel 3", "ARTIKEL 4 Slot", "Model Bijlage 2", "VARIANT BIJLAGE 1", "## Bijlage 1", "* Artikel 2",
		"Ä. Umlaut", "\u00a0Pagina 1", "\u00a0 1", "é) x", "1\u00a0/ 2"}
	for _, l := range odd {
		lines = append(lines, l, l+"\n", "x"+l, strings.ToUpper(l))
	}
	for _, l := range slices.Clone(lines[:2000]) {
		for i := 1; i < len(l) && i < 6; i++ {
			lines = append(lines, l[i:], l[:i])
		}
	}
	return lines
}

// TestHeadRuleIsTheRegexp holds each headRule to its plain regexp on every
// line: the first-byte test only skips lines the regexp cannot match.
func TestHeadRuleIsTheRegexp(t *testing.T) {
	lines := headRuleLines(t)
	rules := map[string]*headRule{"articleAnnexLineRe": articleAnnexLineRe, "letterLineRe": letterLineRe,
		"numberLineRe": numberLineRe, "pageNumberRe": pageNumberRe, "listItemRe": listItemRe, "markerTabRe": markerTabRe}
	for name, h := range rules {
		plain := regexp.MustCompile(h.Regexp.String())
		skipped := 0
		for _, l := range lines {
			if !h.may(l) {
				skipped++
			}
			if got, want := h.MatchString(l), plain.MatchString(l); got != want {
				t.Errorf("%s.MatchString(%q) = %v, the regexp says %v", name, l, got, want)
			}
			if got, want := h.FindStringSubmatchIndex(l), plain.FindStringSubmatchIndex(l); !slices.Equal(got, want) {
				t.Errorf("%s.FindStringSubmatchIndex(%q) = %v, the regexp says %v", name, l, got, want)
			}
		}
		if skipped == 0 && name != "markerTabRe" {
			t.Errorf("%s: the first-byte test skipped no line", name)
		}
	}
	// markerTabRe is tried only on lines with a tab
	for _, l := range lines {
		if markerTabRe.MatchString(l) && !strings.Contains(l, "\t") {
			t.Errorf("markerTabRe matches %q, which has no tab", l)
		}
	}
}

// TestByteSearchesAreContainsAny holds the byte searches that replaced
// strings.ContainsAny to what it said.
func TestByteSearchesAreContainsAny(t *testing.T) {
	lines := headRuleLines(t)
	for _, l := range []string{"a\u00a0b", "a\u202fb", "a\u2007b", "a\u212ab", "a\u017fb", "\xc2", "\xc2\xc2\xa0",
		"\xe2\x80\xe2\x80\xaf", "\xe2\x84", "\xc5\xbf", "a  b", "a    b", "a|b", "a\tb"} {
		lines = append(lines, l, "x"+l+"x")
	}
	for _, l := range lines {
		if got, want := mayHaveCells(l), strings.ContainsAny(l, "|\t\u00a0\u202f\u2007") || strings.Contains(l, "  "); got != want {
			t.Errorf("mayHaveCells(%q) = %v, want %v", l, got, want)
		}
		if got, want := hasOddRune(l), strings.ContainsAny(l, foldOddRunes); got != want {
			t.Errorf("hasOddRune(%q) = %v, want %v", l, got, want)
		}
		if got, want := isRowLine(l), strings.ContainsAny(l, "|\t") || strings.Contains(l, "    "); got != want {
			t.Errorf("isRowLine(%q) = %v, want %v", l, got, want)
		}
	}
}

// TestFieldsAtMost holds fieldsAtMost to strings.Fields.
func TestFieldsAtMost(t *testing.T) {
	lines := append(headRuleLines(t), "a\u00a0b c", "a\u0085b", "\xff \xff", "a\vb\fc", "  ", "a b c d e f g")
	for _, l := range lines {
		for _, n := range []int{0, 1, 4, 6} {
			if got, want := fieldsAtMost(l, n), len(strings.Fields(l)) <= n; got != want {
				t.Errorf("fieldsAtMost(%q, %d) = %v, want %v", l, n, got, want)
			}
		}
	}
}
