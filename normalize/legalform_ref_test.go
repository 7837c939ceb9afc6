package normalize

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// legalFormRefs are the patterns SplitLegalForm and LegalFormAt used
// before they matched the abbreviations by hand; they must agree.
var legalFormSuffixRef, legalFormAnywhereRef = func() (*Regexp, *Regexp) {
	var abbr []string
	for _, e := range LegalForms {
		for _, w := range e.Written {
			if strings.ToLower(w) == strings.ToLower(e.Long0()) {
				continue
			}
			abbr = append(abbr, regexp.QuoteMeta(w))
		}
	}
	sort.SliceStable(abbr, func(i, j int) bool { return len(abbr[i]) > len(abbr[j]) })
	alt := strings.Join(abbr, "|")
	return Pattern(`[\s,]+(` + alt + `)(?:[^\p{L}\p{N}]*)$`),
		Pattern(`(?:^|[\s,(])(` + alt + `)(?:[^\p{L}\p{N}.]|\.?$|\.[^\p{L}])`)
}()

func splitLegalFormRef(name string) (string, string) {
	name = strings.TrimSpace(name)
	m := legalFormSuffixRef.FindStringSubmatchIndex(name)
	if m == nil {
		return name, ""
	}
	return strings.TrimRight(strings.TrimSpace(name[:m[0]]), ","), canonical(name[m[2]:m[3]])
}

func legalFormAtRef(s string) (int, string) {
	m := legalFormAnywhereRef.FindStringSubmatchIndex(s)
	if m == nil {
		return -1, ""
	}
	end := m[3]
	if end < len(s) && s[end] == '.' {
		end++
	}
	return end, canonical(s[m[2]:m[3]])
}

// TestLegalFormsMatchReference holds SplitLegalForm and LegalFormAt to the
// patterns they replace, on names made to hit the edges (no-break spaces,
// dots, commas, a letter after the form, invalid UTF-8) and on every line
// of the test files and every rest of a line after a space or comma.
func TestLegalFormsMatchReference(t *testing.T) {
	texts := []string{"", "BV", " BV", "Acme BV", "Acme BV.", "Acme B.V", "Acme B.V.", "Acme B.V.Z", "Acme B.V.,", "Acme BVs",
		"Acme, Inc.", "Acme,, Inc. ", "Acme ,Inc", "Acme\u00a0B.V.", "Acme\u202fGmbH", "Acme\u2007Ltd", "Acme BV\u00a0BA",
		"Acme BV BA", "Acme BV\tBA", "Acme GmbH & Co. KG", "Acme GmbH\u00a0&\u00a0Co.\u00a0KG", "Acme (BV)", "(BV) Acme",
		"Acme BV1", "Acme BV²", "Acme BVé", "Acme BV\xff", "Acme B.V.\xff", "Acme B.\xff", "Acme BV.é", "Acme BV.1", "Acme AS",
		"zo as gezegd", "Acme Oy, Helsinki", "Acme A/S", "Acme S.A.S.", "Acme SAS", "Acme S.A.", "Acme, SA", "x\nBV", "x\rBV\r",
		"Stichting Acme", "Acme Stichting", "Acme Limited (UK)", "Acme Ltd.)", "Acme Ltd.-", "Acme, B.V., Delft", "Acme PLC plc",
		"Acme , , BV", "Acme ,\u00a0BV", "Acme Corp.Inc", "Acme Inc.Corp.", "Acme L.L.C.", "Acme U.A", "Acme W.A.", "Acme b.v.",
		"BV\u00a0", "\u00a0BV", "\u00a0\u00a0BV.", "Acme\u2028BV", "Acme\u00a0\u00a0BV",
	}
	var files []string
	filepath.WalkDir("../testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".html")) {
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
		for _, l := range strings.Split(string(b), "\n") {
			texts = append(texts, l)
			for i := 0; i < len(l) && len(l) < 160; i++ {
				if l[i] == ' ' && i > 0 && l[i-1] == ',' || l[i] == '|' || l[i] == '(' {
					texts = append(texts, l[i:], l[:i])
				}
			}
		}
	}
	found := 0
	for _, s := range texts {
		gotEnd, gotForm := LegalFormAt(s)
		wantEnd, wantForm := legalFormAtRef(s)
		if gotEnd != wantEnd || gotForm != wantForm {
			t.Errorf("LegalFormAt(%q) = %d, %q; reference gives %d, %q", s, gotEnd, gotForm, wantEnd, wantForm)
		}
		gotBase, gotForm := SplitLegalForm(s)
		wantBase, wantForm := splitLegalFormRef(s)
		if gotBase != wantBase || gotForm != wantForm {
			t.Errorf("SplitLegalForm(%q) = %q, %q; reference gives %q, %q", s, gotBase, gotForm, wantBase, wantForm)
		}
		if wantForm != "" {
			found++
		}
	}
	if found < 100 {
		t.Errorf("only %d legal forms in the texts: the comparison tests little", found)
	}
}
