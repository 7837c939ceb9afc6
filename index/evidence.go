package index

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// evidenceFor returns the values of record r that satisfy the field
// condition t, each with the evidence the record holds for it: for
// outside_eea:true, the sub-processors and places outside the EEA and the
// passages that name their countries.
func evidenceFor(r *extract.Record, t *Term, failure string) []Match {
	f := t.Field
	var ms []Match
	add := func(value string, ev *extract.Evidence) {
		ms = append(ms, Match{Field: f.name, Value: value, Evidence: ev})
	}
	switch f.name {
	case "supplier":
		if r.Processor.Name != nil && nameMatches(t, *r.Processor.Name) {
			add(*r.Processor.Name, evidence(r, "processor.name", "processor"))
		}
	case "product":
		for i, p := range r.Products {
			if nameMatches(t, p) {
				add(p, evidence(r, fmt.Sprintf("products[%d]", i), "products"))
			}
		}
	case "subprocessor":
		for i, s := range r.Subprocessors {
			if nameMatches(t, s.Name) {
				add(subLabel(s, nil), evidence(r, fmt.Sprintf("subprocessors[%d].name", i), fmt.Sprintf("subprocessors[%d]", i)))
			}
		}
	case "country":
		ms = append(ms, whereIn(r, f.name, map[string]bool{t.key: true})...)
	case "headquarters":
		// the passage naming the sub-processor; the head office itself is
		// the gazetteer's, which the value says
		for i, s := range r.Subprocessors {
			if h := s.Headquarters; h != nil && (h.Country == t.key || h.ParentCountry == t.key) {
				add(hqLabel(s), evidence(r, fmt.Sprintf("subprocessors[%d].name", i), fmt.Sprintf("subprocessors[%d]", i)))
			}
		}
	case "outside_eea":
		if r.OutsideEEA == nil {
			break
		}
		if *r.OutsideEEA && t.bool_ {
			set := map[string]bool{}
			for _, c := range r.OutsideEEACountries {
				set[c] = true
			}
			ms = append(ms, whereIn(r, f.name, set)...)
			if len(ms) == 0 {
				add(strings.Join(r.OutsideEEACountries, ", "), evidence(r, "outside_eea", "outside_eea_countries"))
			}
		} else if !*r.OutsideEEA && !t.bool_ {
			add("false", evidence(r, "outside_eea", "storage_locations", "subprocessors"))
		}
	case "kind":
		add(r.Kind, evidence(r, "kind"))
	case "model", "legal_basis":
		v := r.ModelVersion
		if f.name == "legal_basis" {
			v = r.LegalBasis
		}
		if v != nil {
			add(*v, evidence(r, f.record))
		}
	case "category", "subject":
		list := r.DataCategories
		if f.name == "subject" {
			list = r.SubjectGroups
		}
		for i, v := range list {
			if v == t.key {
				add(v, evidence(r, fmt.Sprintf("%s[%d]", f.record, i), f.record))
			}
		}
	case "biv.availability", "biv.integrity", "biv.confidentiality":
		if r.BIV == nil {
			break
		}
		lv := map[string][2]int{"biv.availability": r.BIV.Availability, "biv.integrity": r.BIV.Integrity, "biv.confidentiality": r.BIV.Confidentiality}[f.name]
		if t.num.contains(float64(lv[0])) || t.num.contains(float64(lv[1])) {
			v := strconv.Itoa(lv[0])
			if lv[1] != lv[0] {
				v += "–" + strconv.Itoa(lv[1])
			}
			add(v, evidence(r, f.record, "biv"))
		}
	case "retention":
		for i, ret := range r.Retention {
			if ret.Duration == nil {
				continue
			}
			if d, err := durationDays(*ret.Duration); err == nil && t.num.contains(d) {
				// Dutch, as a person reads it, the ISO duration beside it
				add(fmt.Sprintf("%s (%s)", normalize.DutchRetention(ret.Bound, *ret.Duration, ret.Trigger), *ret.Duration), evidence(r, fmt.Sprintf("retention[%d]", i), "retention"))
			}
		}
	case "breach":
		if r.BreachHours != nil {
			add(fmt.Sprintf("%d hours", *r.BreachHours), evidence(r, f.record))
		}
	case "date":
		if r.VersionDate != nil {
			add(*r.VersionDate, evidence(r, f.record))
		}
	case "failed":
		if failure != "" && t.bool_ {
			add(failure, nil)
		}
	case "path":
		for _, p := range r.Source.Paths {
			if strings.Contains(fold(p), fold(t.Value)) {
				add(p, nil)
			}
		}
	case "format":
		add(string(r.Source.Format), nil)
	case "extractor":
		add(r.ExtractorVersion, nil)
	}
	return ms
}

// whereIn lists the sub-processors and storage locations of r tied to a
// country in set, each with the evidence for its countries.
func whereIn(r *extract.Record, field string, set map[string]bool) []Match {
	var ms []Match
	for i, s := range r.Subprocessors {
		var hit []string
		for _, c := range s.Countries {
			if set[c] {
				hit = append(hit, c)
			}
		}
		if len(hit) > 0 {
			ev := evidence(r, fmt.Sprintf("subprocessors[%d].countries", i), fmt.Sprintf("subprocessors[%d].locations", i),
				fmt.Sprintf("subprocessors[%d]", i))
			ms = append(ms, Match{Field: field, Value: subLabel(s, hit), Evidence: ev})
		}
	}
	for i, l := range r.StorageLocations {
		if set[l.Country] {
			ev := evidence(r, fmt.Sprintf("storage_locations[%d]", i), "storage_locations")
			ms = append(ms, Match{Field: field, Value: fmt.Sprintf("%s (%s)", l.Place, l.Country), Evidence: ev})
		}
	}
	return ms
}

// subLabel names a sub-processor with the given countries (all when nil).
func subLabel(s extract.Subprocessor, countries []string) string {
	if countries == nil {
		countries = s.Countries
	}
	if len(countries) == 0 {
		return s.Name
	}
	return s.Name + " (" + strings.Join(countries, ", ") + ")"
}

// hqLabel names a sub-processor with the countries the document gives it
// and the head office the gazetteer gives its provider: "Amazon Web
// Services EMEA SARL (IE), head office US (gazetteer)".
func hqLabel(s extract.Subprocessor) string {
	h := s.Headquarters
	v := subLabel(s, nil) + ", head office " + h.Country
	if h.ParentCountry != "" && h.ParentCountry != h.Country {
		v += ", parent " + h.ParentCountry
	}
	return v + " (gazetteer)"
}

// evidence returns the first evidence r holds under the first of paths
// that has any: the path itself, or else a path below it.
func evidence(r *extract.Record, paths ...string) *extract.Evidence {
	for _, p := range paths {
		if ev := r.Evidence[p]; len(ev) > 0 {
			return &ev[0]
		}
		var below []string
		for k, ev := range r.Evidence {
			if len(ev) > 0 && (strings.HasPrefix(k, p+".") || strings.HasPrefix(k, p+"[")) {
				below = append(below, k)
			}
		}
		if len(below) > 0 {
			sort.Strings(below)
			return &r.Evidence[below[0]][0]
		}
	}
	return nil
}

// nameMatches reports whether name satisfies a name condition: every word
// of the value (or the phrase, or the prefix before a *) occurs in it.
func nameMatches(t *Term, name string) bool {
	n := fold(name)
	v := fold(t.Value)
	if t.Phrase {
		return strings.Contains(n, v)
	}
	if strings.HasSuffix(v, "*") {
		v = strings.TrimSuffix(v, "*")
		for _, w := range words(n) {
			if strings.HasPrefix(w, v) {
				return true
			}
		}
		return false
	}
	have := map[string]bool{}
	for _, w := range words(n) {
		have[w] = true
	}
	for _, w := range words(v) {
		if !have[w] {
			return false
		}
	}
	return true
}

func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// fold lower-cases s and strips its accents.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
