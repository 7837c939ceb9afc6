package index

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/extract/review"
	"github.com/dpa-nl/dpa/normalize"
)

// fieldKind says how a query field compares its value.
type fieldKind int

const (
	kindName    fieldKind = iota // words of a name: supplier:heutink
	kindKeyword                  // one exact value from a vocabulary: country:US
	kindBool                     // true or false
	kindNumber                   // a number, comparable with < <= > >=
	kindDate                     // a date (2019, 2019-05, 2019-05-01), comparable
	kindText                     // free text in the agreement
	kindPath                     // part of a file path
)

// fieldSpec is one field of the query syntax.
type fieldSpec struct {
	name    string   // as the syntax and the output call it
	aliases []string // other names accepted (Dutch, short)
	kind    fieldKind
	index   string // the bleve field compared
	words   string // for kindName: the analysed field matched word by word
	// record is the record path whose evidence a match shows (GOLD.md names).
	record string
	// norm normalises a keyword value; it returns an error for a value
	// outside the vocabulary.
	norm func(string) (string, error)
	// number parses a number for kindNumber; nil means a plain number.
	number func(string) (float64, error)
	// ordered, for a kindKeyword field whose values are numbers (model
	// versions), is the numeric bleve field that < <= > >= compare.
	ordered string
	help    string // value syntax, for errors
}

// fields is the table of query fields. Aliases are matched case-insensitively.
var fields = []*fieldSpec{
	{name: "supplier", aliases: []string{"processor", "leverancier", "verwerker"}, kind: kindName, index: fSupplier, words: fSupplierWords, record: "processor.name"},
	{name: "product", aliases: []string{"products", "dienst"}, kind: kindName, index: fProduct, words: fProductWords, record: "products"},
	{name: "subprocessor", aliases: []string{"sub", "subprocessors", "subverwerker"}, kind: kindName, index: fSub, words: fSubWords, record: "subprocessors"},
	{name: "country", aliases: []string{"land", "countries"}, kind: kindKeyword, index: fCountry, record: "subprocessors", norm: normCountry},
	{name: "headquarters", aliases: []string{"hq", "hoofdkantoor"}, kind: kindKeyword, index: fHeadquarters, record: "subprocessors", norm: normCountry},
	{name: "kind", aliases: []string{"soort", "type"}, kind: kindKeyword, index: fKind, record: "kind", norm: vocabulary(kinds)},
	{name: "model", aliases: []string{"model_version"}, kind: kindKeyword, index: fModel, record: "model_version", norm: normModel, ordered: fModelNum},
	{name: "legal_basis", aliases: []string{"wet", "basis"}, kind: kindKeyword, index: fLegalBasis, record: "legal_basis", norm: vocabulary([]string{"AVG", "Wbp"})},
	{name: "category", aliases: []string{"categorie", "data_category"}, kind: kindKeyword, index: fCategory, record: "data_categories", norm: lower},
	{name: "subject", aliases: []string{"subject_group", "betrokkene"}, kind: kindKeyword, index: fSubject, record: "subject_groups", norm: lower},
	{name: "format", kind: kindKeyword, index: fFormat, norm: lower},
	{name: "extractor", aliases: []string{"extractor_version"}, kind: kindKeyword, index: fExtractor, norm: same},
	{name: "path", aliases: []string{"file", "bestand"}, kind: kindPath, index: fPath},
	{name: "outside_eea", aliases: []string{"buiten_eer"}, kind: kindBool, index: fOutsideEEA, record: "outside_eea"},
	{name: "failed", kind: kindBool, index: fFailed},
	{name: "biv.availability", aliases: []string{"biv.a", "beschikbaarheid"}, kind: kindNumber, index: fBIVA, record: "biv.availability", number: level},
	{name: "biv.integrity", aliases: []string{"biv.i", "integriteit"}, kind: kindNumber, index: fBIVI, record: "biv.integrity", number: level},
	{name: "biv.confidentiality", aliases: []string{"biv.c", "vertrouwelijkheid"}, kind: kindNumber, index: fBIVC, record: "biv.confidentiality", number: level},
	{name: "retention", aliases: []string{"bewaartermijn"}, kind: kindNumber, index: fRetention, record: "retention", number: days,
		help: "a duration such as P2W, P13M, P1Y, \"18 maanden\", \"1 jaar\" or a number of days"},
	{name: "breach", aliases: []string{"breach_hours", "datalek"}, kind: kindNumber, index: fBreach, record: "breach_notification_hours", number: hours,
		help: "a number of hours such as 24, 48 or 72"},
	{name: "date", aliases: []string{"version_date", "datum"}, kind: kindDate, index: fVersionDate, record: "version_date"},
	{name: "signed", aliases: []string{"getekend"}, kind: kindBool, index: fSigned, record: "signature.signed"},
	{name: "signed_date", aliases: []string{"ondertekend"}, kind: kindDate, index: fSignedDate, record: "signature.signed_date"},
	{name: "term_end", aliases: []string{"einddatum", "expires"}, kind: kindDate, index: fTermEnd, record: "term.end"},
	{name: "text", aliases: []string{"tekst"}, kind: kindText, index: fText},
	{name: "missing", aliases: []string{"ontbreekt", "leeg"}, kind: kindKeyword, index: fMissing}, // norm: missingField, set in init
	{name: "review.high", aliases: []string{"review_high"}, kind: kindNumber, index: fReviewHigh, number: count},
	{name: "review.medium", aliases: []string{"review_medium"}, kind: kindNumber, index: fReviewMedium, number: count},
	{name: "review.low", aliases: []string{"review_low"}, kind: kindNumber, index: fReviewLow, number: count},
	{name: "review.missing", aliases: []string{"review_missing"}, kind: kindKeyword, index: fReviewMissing, norm: lazyVocabulary(obligationIDs)},
	{name: "review.deviating", aliases: []string{"review_deviating"}, kind: kindKeyword, index: fReviewDeviating, norm: lazyVocabulary(obligationIDs)},
	{name: "review.state", aliases: []string{"review"}, kind: kindKeyword, index: fReviewState, norm: vocabulary([]string{review.StateRed, review.StateAmber, review.StateGreen, review.StateNotApplicable})},
}

// count parses a number of findings.
func count(s string) (float64, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a number of findings", s)
	}
	return float64(n), nil
}

// obligationIDs are the ids of the review's obligations table, the values
// of review.missing and review.deviating.
func obligationIDs() []string {
	var ids []string
	for _, o := range review.Obligations() {
		ids = append(ids, o.ID)
	}
	return ids
}

// missingFields are the values of missing:FIELD, a query for the documents
// in which a field was not found: the record's fields (GOLD.md) by their
// query names.
var missingFields = []string{"supplier", "kvk", "product", "subprocessor", "country", "storage", "outside_eea",
	"retention", "biv", "rosa", "breach", "date", "model", "legal_basis", "category", "subject"}

func init() { lookupField("missing").norm = missingField }

// missingField normalises the value of missing:FIELD. FIELD is one of
// missingFields or any name the query syntax accepts for that field
// (missing:subprocessors, missing:bewaartermijn, missing:datalek), so that
// what one writes before a colon also works after missing:.
func missingField(s string) (string, error) {
	if f := lookupField(s); f != nil {
		name := f.name
		if strings.HasPrefix(name, "biv.") {
			name = "biv"
		}
		for _, m := range missingFields {
			if m == name {
				return m, nil
			}
		}
	}
	return vocabulary(missingFields)(s)
}

// missingOf returns the missingFields that r has no value for.
func missingOf(r *extract.Record) []string {
	empty := map[string]bool{
		"supplier":     r.Processor.Name == nil,
		"kvk":          r.Processor.KvK == nil,
		"product":      len(r.Products) == 0,
		"subprocessor": len(r.Subprocessors) == 0,
		"storage":      len(r.StorageLocations) == 0,
		"outside_eea":  r.OutsideEEA == nil,
		"retention":    len(r.Retention) == 0,
		"biv":          r.BIV == nil,
		"rosa":         r.ROSA.Assessment == nil && r.ROSA.Controls == nil,
		"breach":       r.BreachHours == nil,
		"date":         r.VersionDate == nil,
		"model":        r.ModelVersion == nil,
		"legal_basis":  r.LegalBasis == nil,
		"category":     len(r.DataCategories) == 0,
		"subject":      len(r.SubjectGroups) == 0,
	}
	countries := len(r.OutsideEEACountries) > 0
	for _, s := range r.Subprocessors {
		countries = countries || len(s.Countries) > 0
	}
	for _, l := range r.StorageLocations {
		countries = countries || l.Country != ""
	}
	empty["country"] = !countries
	var out []string
	for _, f := range missingFields {
		if empty[f] {
			out = append(out, f)
		}
	}
	return out
}

// kinds is the vocabulary of Record.Kind (GOLD.md).
var kinds = []string{"verwerkersovereenkomst", "bewerkersovereenkomst", "privacybijsluiter", "beveiligingsbijlage", "other"}

func lookupField(name string) *fieldSpec {
	name = strings.ToLower(name)
	for _, f := range fields {
		if f.name == name {
			return f
		}
		for _, a := range f.aliases {
			if a == name {
				return f
			}
		}
	}
	return nil
}

func fieldNames() string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// check validates t's operator and value for the field and keeps the
// parsed value in t.
func (f *fieldSpec) check(t *Term) error {
	v := strings.TrimSpace(t.Value)
	if v == "" {
		return fmt.Errorf("empty value")
	}
	switch {
	case f.kind == kindNumber, f.kind == kindDate:
	case f.ordered != "" && t.Op != ":" && t.Op != "=":
		n, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimPrefix(strings.ToLower(v), "v"), ",", "."), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number to compare %s with", v, f.name)
		}
		t.num, t.ordered = interval{lo: n, hi: n}.compare(t.Op), true
		return nil
	default:
		if t.Op != ":" && t.Op != "=" {
			return fmt.Errorf("%s cannot be compared with %s; use %s:value", f.name, t.Op, f.name)
		}
	}
	switch f.kind {
	case kindKeyword:
		k, err := f.norm(v)
		if err != nil {
			return err
		}
		t.key = k
	case kindBool:
		switch strings.ToLower(v) {
		case "true", "ja", "yes", "1":
			t.bool_ = true
		case "false", "nee", "no", "0":
			t.bool_ = false
		default:
			return fmt.Errorf("%q is not true or false", v)
		}
	case kindNumber:
		parse := f.number
		n, err := parse(v)
		if err != nil {
			if f.help != "" {
				return fmt.Errorf("%v; want %s", err, f.help)
			}
			return err
		}
		t.num = interval{lo: n, hi: n}.compare(t.Op)
	case kindDate:
		iv, err := dateInterval(v)
		if err != nil {
			return err
		}
		t.num = iv.compare(t.Op)
	}
	return nil
}

// interval is a range of numbers (dates as Unix seconds) with inclusive
// ends; infinite ends are ±Inf. A date value is the half-open [lo, hi).
type interval struct {
	lo, hi       float64
	loInc, hiInc bool
	date         bool
}

// compare turns the value v of a comparison "field OP v" into the interval
// of field values that satisfy it.
func (v interval) compare(op string) interval {
	inf := math.Inf(1)
	exact := interval{lo: v.lo, hi: v.hi, loInc: true, hiInc: !v.date, date: v.date}
	switch op {
	case ">":
		if v.date {
			return interval{lo: v.hi, hi: inf, loInc: true, date: true}
		}
		return interval{lo: v.hi, hi: inf}
	case ">=":
		return interval{lo: v.lo, hi: inf, loInc: true, date: v.date}
	case "<":
		return interval{lo: -inf, hi: v.lo, date: v.date}
	case "<=":
		if v.date {
			return interval{lo: -inf, hi: v.hi, date: true}
		}
		return interval{lo: -inf, hi: v.hi, hiInc: true}
	}
	return exact
}

// contains reports whether x lies in the interval.
func (v interval) contains(x float64) bool {
	if x < v.lo || x == v.lo && !v.loInc {
		return false
	}
	if x > v.hi || x == v.hi && !v.hiInc {
		return false
	}
	return true
}

// dateInterval parses 2019, 2019-05 or 2019-05-01 into the days it covers.
func dateInterval(s string) (interval, error) {
	for _, layout := range []struct {
		f    string
		next func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if t, err := time.Parse(layout.f, s); err == nil {
			return interval{lo: float64(t.Unix()), hi: float64(layout.next(t).Unix()), date: true}, nil
		}
	}
	return interval{}, fmt.Errorf("%q is not a date; want 2019, 2019-05 or 2019-05-01", s)
}

func lower(s string) (string, error) { return strings.ToLower(s), nil }
func same(s string) (string, error)  { return s, nil }

// normCountry accepts an ISO 3166-1 alpha-2 code in any case.
func normCountry(s string) (string, error) {
	if len(s) != 2 || !isLetters(s) {
		return "", fmt.Errorf("%q is not a country code; want two letters such as US, IE, NL", s)
	}
	return strings.ToUpper(s), nil
}

func isLetters(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// normModel accepts "4", "4.0" or "v4.0" for model version 4.0.
func normModel(s string) (string, error) {
	s = strings.TrimPrefix(strings.ToLower(s), "v")
	n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || n <= 0 {
		return "", fmt.Errorf("%q is not a model version; want 2.0, 3.0 or 4.0", s)
	}
	return strconv.FormatFloat(n, 'f', 1, 64), nil
}

// lazyVocabulary is vocabulary of the list that list returns, asked for
// on first use: the obligations table is read only when a query needs it.
func lazyVocabulary(list func() []string) func(string) (string, error) {
	norm := sync.OnceValue(func() func(string) (string, error) { return vocabulary(list()) })
	return func(s string) (string, error) { return norm()(s) }
}

// vocabulary returns a norm that accepts the words of vocab in any case,
// or an unambiguous prefix of one.
func vocabulary(vocab []string) func(string) (string, error) {
	return func(s string) (string, error) {
		var hits []string
		for _, w := range vocab {
			if strings.EqualFold(w, s) {
				return w, nil
			}
			if strings.HasPrefix(strings.ToLower(w), strings.ToLower(s)) {
				hits = append(hits, w)
			}
		}
		if len(hits) == 1 {
			return hits[0], nil
		}
		sort.Strings(hits)
		if len(hits) > 1 {
			return "", fmt.Errorf("%q could be %s", s, strings.Join(hits, " or "))
		}
		return "", fmt.Errorf("%q is not one of %s", s, strings.Join(vocab, ", "))
	}
}

// level parses a BIV level: 1–3, L/M/H or laag/midden/hoog.
func level(s string) (float64, error) {
	switch strings.ToLower(s) {
	case "1", "l", "laag", "low":
		return 1, nil
	case "2", "m", "midden", "medium":
		return 2, nil
	case "3", "h", "hoog", "high":
		return 3, nil
	}
	return 0, fmt.Errorf("%q is not a BIV level; want 1, 2 or 3 (laag, midden, hoog)", s)
}

// days parses an ISO 8601 duration or a number of days.
func days(s string) (float64, error) {
	if n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64); err == nil {
		return n, nil
	}
	if n, err := durationDays(s); err == nil {
		return n, nil
	}
	if d, err := normalize.ParseDutchDuration(s); err == nil {
		return durationDays(d.String()) // as the ISO form counts: "1 jaar" is P1Y
	}
	return 0, fmt.Errorf("%q is not a period in ISO 8601 (P2W, P13M, P1Y) or in words (\"2 weken\", \"1 jaar\")", s)
}

// hours parses a number of hours, optionally followed by h or uur.
func hours(s string) (float64, error) {
	t := strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(s), "uur"), "h")
	n, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number of hours", s)
	}
	return n, nil
}
