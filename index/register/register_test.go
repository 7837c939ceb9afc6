package register

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

func ptr[T any](v T) *T { return &v }

// records are three suppliers: a Wbp agreement with a separate
// privacybijsluiter, a signed Model 4.0 agreement for two products, and an
// unsigned one with a US transfer without safeguard.
func records() []*extract.Record {
	base := func(path, name, kind string, products ...string) *extract.Record {
		return &extract.Record{Source: corpus.Source{Path: path, SHA256: path}, Kind: kind, Processor: extract.Party{Name: ptr(name)}, Products: products, Evidence: map[string][]extract.Evidence{}}
	}
	wbp := base("a.pdf", "Oud B.V.", "bewerkersovereenkomst", "Oudje")
	wbp.LegalBasis, wbp.ModelVersion, wbp.VersionDate = ptr("Wbp"), ptr("2.0"), ptr("2016-03-01")
	wbp.BreachHours = ptr(24)
	annex := base("a-bijsluiter.pdf", "Oud BV", "privacybijsluiter")
	annex.Purposes = []extract.Purpose{{Text: "het bijhouden van resultaten"}}
	signed := base("b.pdf", "Nieuw B.V.", "verwerkersovereenkomst", "Alfa", "Beta")
	signed.LegalBasis, signed.ModelVersion = ptr("AVG"), ptr("4.0")
	signed.Signature = extract.Signature{SignedDate: ptr("2024-09-02"), Signed: ptr(true), Reason: "every party's name and date filled in"}
	signed.BIV = &extract.BIV{Availability: [2]int{2, 2}, Integrity: [2]int{2, 2}, Confidentiality: [2]int{3, 3}}
	signed.BreachHours = ptr(48)
	signed.DataCategories = []string{"naam"}
	signed.OutsideEEA = ptr(false)
	us := base("c.pdf", "Verweg Inc.", "verwerkersovereenkomst", "Gamma")
	us.LegalBasis, us.ModelVersion, us.VersionDate = ptr("AVG"), ptr("3.0"), ptr("2019-05-01")
	us.OutsideEEA, us.OutsideEEACountries = ptr(true), []string{"US"}
	us.Transfers = []extract.Transfer{{Country: "US", Adequacy: "partial"}}
	us.Subprocessors = []extract.Subprocessor{{Name: "Mailer Inc.", Countries: []string{"US"}}}
	us.Evidence["subprocessors[0].countries"] = []extract.Evidence{{Quote: "Mailer Inc. (Verenigde Staten)"}}
	return []*extract.Record{wbp, annex, signed, us}
}

func items(recs []*extract.Record) []Item {
	var out []Item
	for _, r := range recs {
		out = append(out, Item{Record: r})
	}
	return out
}

func TestOverviewAndViews(t *testing.T) {
	rows := Overview(items(records()))
	var got []string
	for _, r := range rows {
		got = append(got, r.Supplier+"/"+r.Product)
	}
	want := []string{"Nieuw B.V./Alfa", "Nieuw B.V./Beta", "Oud B.V./Oudje", "Verweg Inc./Gamma"}
	if !slices.Equal(got, want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	if r := rows[2]; !r.Privacybijsluiter || r.Current.Record.Kind != "bewerkersovereenkomst" || len(r.Files()) != 2 {
		t.Errorf("Oud: bijsluiter %v, current %s, files %q; want the annex joined to the agreement", r.Privacybijsluiter, r.Current.Record.Kind, r.Files())
	}
	o := Options{Now: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), OlderThan: 5, MinOCRConfidence: 70}
	tests := map[string][]string{
		"wbp":                   {"Oud B.V./Oudje"},
		"old-model":             {"Oud B.V./Oudje", "Verweg Inc./Gamma"},
		"unsigned":              {"Oud B.V./Oudje", "Verweg Inc./Gamma"},
		"no-privacybijsluiter":  {"Verweg Inc./Gamma"},
		"no-biv":                {"Oud B.V./Oudje", "Verweg Inc./Gamma"},
		"no-breach-deadline":    {"Verweg Inc./Gamma"},
		"transfer-no-safeguard": {"Verweg Inc./Gamma"},
		"old":                   {"Oud B.V./Oudje", "Verweg Inc./Gamma"},
		"unreadable":            nil,
	}
	for name, want := range tests {
		v, err := LookupView(name)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range v.Filter(rows, o) {
			got = append(got, r.Supplier+"/"+r.Product)
		}
		if !slices.Equal(got, want) {
			t.Errorf("view %s: %q, want %q", name, got, want)
		}
	}
	if len(Views) != len(tests) {
		t.Errorf("%d views, %d tested", len(Views), len(tests))
	}
	if _, err := LookupView("nope"); err == nil {
		t.Error("unknown view accepted")
	}
}

func TestArt30FillShare(t *testing.T) {
	rows := Overview(items(records()))
	reg, notes := Art30(rows, "en")
	if reg.Columns[1] != "Processor" || len(notes.Rows) != 3 || len(reg.Rows) != len(rows) {
		t.Errorf("columns %q, %d notes, %d rows", reg.Columns, len(notes.Rows), len(reg.Rows))
	}
	filled, fillable, empty := FillShare(rows)
	if fillable != 10*len(rows) || filled == 0 || filled+len(empty) != fillable {
		t.Errorf("filled %d of %d, %d empty", filled, fillable, len(empty))
	}
}

func TestApply(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	rec := records()[3]
	if _, err := s.Add(Correction{Path: "c.pdf", Field: "subprocessors[0].countries", New: json.RawMessage(`["NL"]`), Who: "fg"}, rec); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(Correction{Field: "subprocessors[0].countries", New: json.RawMessage(`["NL"]`)}, rec); err == nil {
		t.Error("a correction without who accepted")
	}
	s2, err := OpenStore(dir) // read back from the log
	if err != nil || len(s2.Entries) != 1 {
		t.Fatalf("log: %v, %d entries", err, len(s2.Entries))
	}
	it := s2.Apply(rec, "")
	if got := it.Record.Subprocessors[0].Countries; !slices.Equal(got, []string{"NL"}) || len(it.Corrections) != 1 {
		t.Errorf("applied: %q, %d corrections", got, len(it.Corrections))
	}
	if r := it.Record; *r.OutsideEEA || len(r.OutsideEEACountries) != 0 || len(r.Transfers) != 0 {
		t.Errorf("outside EEA not recounted: %v %q %v", *r.OutsideEEA, r.OutsideEEACountries, r.Transfers)
	}
	if rec.Subprocessors[0].Countries[0] != "US" {
		t.Error("the extracted record was changed")
	}
	// a new version with the same value and evidence: applied
	same := *rec
	same.Source.SHA256 = "v2"
	if it := s2.Apply(&same, ""); len(it.Corrections) != 1 || len(it.Doubtful) != 0 {
		t.Errorf("new version, same evidence: %d applied, %d doubtful", len(it.Corrections), len(it.Doubtful))
	}
	// a new version whose evidence differs: flagged, not applied
	moved := same
	moved.Evidence = map[string][]extract.Evidence{"subprocessors[0].countries": {{Quote: "Mailer Inc. (Canada)"}}}
	if it := s2.Apply(&moved, ""); len(it.Corrections) != 0 || len(it.Doubtful) != 1 || CorrectedText(it) == "" {
		t.Errorf("new version, other evidence: %d applied, %d doubtful, %q", len(it.Corrections), len(it.Doubtful), CorrectedText(it))
	}
}
