package layouts

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The comparison follows the project's scorer (and extract/labels_test.go):
// names folded (case, accents, punctuation, legal forms) and paired when
// equal or one contains the other, lists compared as sets, retention
// periods paired by length within 5 %.

// compareField returns "" when got matches want on field, else what differs.
func compareField(field string, want, got map[string]any) string {
	w, g := lookup(want, field), lookup(got, field)
	switch field {
	case "processor.name", "processor.city", "kind":
		if fold(w) == fold(g) {
			return ""
		}
	case "processor.postcode", "processor.kvk":
		if w != nil && g != nil && strings.ReplaceAll(fmt.Sprint(w), " ", "") == strings.ReplaceAll(fmt.Sprint(g), " ", "") {
			return ""
		}
	case "products":
		return compareNamed(asList(w), asList(g), nil)
	case "subprocessors":
		return compareNamed(asList(w), asList(g), func(a, b any) string {
			wc, gc := sortedStrings(lookup(a, "countries")), sortedStrings(lookup(b, "countries"))
			if !reflect.DeepEqual(wc, gc) {
				return fmt.Sprintf("countries of %v: want %v, got %v", lookup(a, "name"), wc, gc)
			}
			return ""
		})
	case "retention":
		return compareRetention(asList(w), asList(g))
	case "subject_groups", "data_categories", "outside_eea_countries":
		if reflect.DeepEqual(sortedStrings(w), sortedStrings(g)) {
			return ""
		}
		return fmt.Sprintf("want %v, got %v", sortedStrings(w), sortedStrings(g))
	default:
		if reflect.DeepEqual(w, g) {
			return ""
		}
	}
	return fmt.Sprintf("want %v, got %v", jsonText(w), jsonText(g))
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// asMap turns a record into the generic JSON form both sides are compared in.
func asMap(v any) (map[string]any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	err = json.Unmarshal(data, &m)
	return m, err
}

// lookup follows a dotted path through nested maps.
func lookup(v any, path string) any {
	for _, part := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[part]
	}
	return v
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func sortedStrings(v any) []string {
	out := []string{}
	for _, x := range asList(v) {
		out = append(out, strings.ToUpper(strings.TrimSpace(fmt.Sprint(x))))
	}
	sort.Strings(out)
	return out
}

// compareNamed pairs want and got items by name and reports unpaired items
// and, through inner, differences between paired ones.
func compareNamed(want, got []any, inner func(w, g any) string) string {
	used := map[int]bool{}
	var problems []string
	for _, w := range want {
		found := false
		for i, g := range got {
			if !used[i] && nameMatch(name(w), name(g)) {
				used[i], found = true, true
				if inner != nil {
					if d := inner(w, g); d != "" {
						problems = append(problems, d)
					}
				}
				break
			}
		}
		if !found {
			problems = append(problems, fmt.Sprintf("missing %q", name(w)))
		}
	}
	for i, g := range got {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("unexpected %q", name(g)))
		}
	}
	return strings.Join(problems, "; ")
}

// name is a list item's name: the item itself or its "name" field.
func name(item any) string {
	if m, ok := item.(map[string]any); ok {
		return fmt.Sprint(m["name"])
	}
	return fmt.Sprint(item)
}

func compareRetention(want, got []any) string {
	used := map[int]bool{}
	var problems []string
	for _, w := range want {
		found := false
		for i, g := range got {
			if used[i] || !retentionMatch(w, g) {
				continue
			}
			used[i], found = true, true
			for _, k := range []string{"bound", "trigger"} {
				if lookup(w, k) != lookup(g, k) {
					problems = append(problems, fmt.Sprintf("%v: %s want %v, got %v", lookup(w, "duration"), k, lookup(w, k), lookup(g, k)))
				}
			}
			break
		}
		if !found {
			problems = append(problems, "missing "+jsonText(w))
		}
	}
	for i, g := range got {
		if !used[i] {
			problems = append(problems, "unexpected "+jsonText(map[string]any{
				"duration": lookup(g, "duration"), "bound": lookup(g, "bound"), "trigger": lookup(g, "trigger")}))
		}
	}
	return strings.Join(problems, "; ")
}

var isoDuration = regexp.MustCompile(`^P(?:([\d.,]+)Y)?(?:([\d.,]+)M)?(?:([\d.,]+)W)?(?:([\d.,]+)D)?$`)

// days converts an ISO 8601 duration to days as the scorer does (P1M = 30.44 days).
func days(v any) float64 {
	s, _ := v.(string)
	m := isoDuration.FindStringSubmatch(strings.ToUpper(s))
	if s == "" || m == nil {
		return -1
	}
	var total float64
	for i, per := range []float64{365.25, 30.44, 7, 1} {
		var x float64
		fmt.Sscan(strings.ReplaceAll(m[i+1], ",", "."), &x)
		total += x * per
	}
	return total
}

func retentionMatch(w, g any) bool {
	wd, gd := days(lookup(w, "duration")), days(lookup(g, "duration"))
	if wd < 0 && gd < 0 {
		return lookup(w, "trigger") == lookup(g, "trigger")
	}
	return wd >= 0 && gd >= 0 && math.Abs(wd-gd) <= 0.05*wd
}

var legalForms = map[string]bool{"bv": true, "nv": true, "vof": true, "ltd": true, "limited": true, "inc": true, "gmbh": true}

// fold lower-cases, strips accents and punctuation and drops legal forms.
func fold(v any) string {
	if v == nil {
		return ""
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(fmt.Sprint(v)) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.':
		case unicode.IsLetter(r) && r < unicode.MaxASCII, unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(' ')
		}
	}
	var toks []string
	for _, t := range strings.Fields(b.String()) {
		if !legalForms[t] {
			toks = append(toks, t)
		}
	}
	return strings.Join(toks, " ")
}

// nameMatch reports whether two names are equal after folding or one
// contains the other as whole words.
func nameMatch(a, b string) bool {
	a, b = fold(a), fold(b)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 4 && strings.Contains(" "+b+" ", " "+a+" ")
}
