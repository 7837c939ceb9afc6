package changes

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/extract"
)

func ptr[T any](v T) *T { return &v }

// base is a small record every case starts from.
func base() *extract.Record {
	return &extract.Record{
		Kind:         "verwerkersovereenkomst",
		ModelVersion: ptr("3.0"),
		LegalBasis:   ptr("AVG"),
		Processor:    extract.Party{Name: ptr("Lesrijk B.V."), KvK: ptr("12345678"), Postcode: ptr("3511 AB"), City: ptr("Utrecht")},
		Products:     []string{"Rekenrijk"},
		Subprocessors: []extract.Subprocessor{
			{Name: "Wolkwerk Hosting B.V.", Countries: []string{"NL"}},
			{Name: "Datadijk Cloud Services Ltd", Countries: []string{"IE"}},
		},
		OutsideEEA: ptr(false),
		Retention: []extract.Retention{
			{Duration: ptr("P3M"), Bound: "max", Trigger: "contract_end", Days: 91.32},
			{Duration: ptr("P2Y"), Bound: "max", Trigger: "last_use", Days: 730.5},
		},
		BIV:            &extract.BIV{Availability: [2]int{2, 2}, Integrity: [2]int{2, 2}, Confidentiality: [2]int{3, 3}},
		ROSA:           extract.ROSA{Controls: &extract.Controls{Voldaan: 20, Gedeeltelijk: 2}},
		SubjectGroups:  []string{"leerling", "medewerker"},
		DataCategories: []string{"naam", "studievoortgang"},
		BreachHours:    ptr(24),
		Evidence: map[string][]extract.Evidence{
			"subprocessors[0].name":      {{Page: 3, Quote: "Wolkwerk Hosting B.V."}},
			"subprocessors[1].countries": {{Page: 3, Quote: "Ierland"}},
			"retention[0]":               {{Page: 2, Quote: "uiterlijk drie maanden na beëindiging"}},
			"breach_notification_hours":  {{Page: 1, Quote: "binnen 24 uur"}},
		},
	}
}

// clone deep-copies a record through JSON.
func clone(t *testing.T, r *extract.Record) *extract.Record {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out extract.Record
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *extract.Record)
		want   []string // Event.String of every event, in order
	}{
		{"nothing", func(r *extract.Record) {}, nil},
		{"same content in another spelling", func(r *extract.Record) {
			r.Processor.Name = ptr("LESRIJK BV")
			r.Processor.Postcode = ptr("3511AB")
			r.Processor.City = ptr("utrecht")
			r.Subprocessors[1].Name = "Datadijk Cloud-Services Limited"
			slices.Reverse(r.Subprocessors)
			r.Retention[0] = extract.Retention{Duration: ptr("P13W"), Bound: "max", Trigger: "contract_end", Days: 91}
			r.Evidence = map[string][]extract.Evidence{"retention[0]": {{Page: 7, Quote: "dertien weken"}}}
		}, nil},
		{"US sub-processor added", func(r *extract.Record) {
			r.Subprocessors = append(r.Subprocessors, extract.Subprocessor{Name: "Postduif Mail Inc.", Countries: []string{"US"}})
			r.OutsideEEA = ptr(true)
			r.OutsideEEACountries = []string{"US"}
		}, []string{
			`subprocessor_added Postduif Mail Inc.: "" → "US" (non-EEA)`,
			`outside_eea_changed: "false" → "true (US)" (non-EEA)`,
		}},
		{"sub-processor removed", func(r *extract.Record) { r.Subprocessors = r.Subprocessors[:1] },
			[]string{`subprocessor_removed Datadijk Cloud Services Ltd: "IE" → ""`}},
		{"sub-processor moves country", func(r *extract.Record) { r.Subprocessors[1].Countries = []string{"GB"} }, []string{
			`subprocessor_country_added Datadijk Cloud Services Ltd (GB): "IE" → "GB" (non-EEA)`,
			`subprocessor_country_removed Datadijk Cloud Services Ltd (IE): "IE" → "GB"`,
		}},
		{"retention lengthened", func(r *extract.Record) {
			r.Retention[0] = extract.Retention{Duration: ptr("P6M"), Bound: "max", Trigger: "contract_end", Days: 182.64}
		}, []string{`retention_changed contract_end: "P3M max contract_end" → "P6M max contract_end"`}},
		{"retention within 5 % is the same", func(r *extract.Record) {
			r.Retention[1] = extract.Retention{Duration: ptr("P24M"), Bound: "max", Trigger: "last_use", Days: 730.56}
		}, nil},
		{"retention added and removed", func(r *extract.Record) {
			r.Retention = []extract.Retention{r.Retention[0], {Duration: ptr("P14D"), Bound: "exact", Trigger: "creation", Days: 14}}
		}, []string{
			`retention_added creation: "" → "P14D exact creation"`,
			`retention_removed last_use: "P2Y max last_use" → ""`,
		}},
		{"breach, BIV, controls, model, basis", func(r *extract.Record) {
			r.BreachHours = ptr(72)
			r.BIV.Confidentiality = [2]int{2, 3}
			r.ROSA.Controls.Gedeeltelijk = 1
			r.ROSA.Controls.Voldaan = 21
			r.ModelVersion = ptr("4.0")
			r.LegalBasis = ptr("Wbp")
		}, []string{
			`model_version_changed: "3.0" → "4.0"`,
			`legal_basis_changed: "AVG" → "Wbp"`,
			`biv_changed: "B2 I2 V3" → "B2 I2 V2-3"`,
			`rosa_controls_changed: "voldaan 20, alternatief 0, gedeeltelijk 2, niet voldaan 0" → "voldaan 21, alternatief 0, gedeeltelijk 1, niet voldaan 0"`,
			`breach_deadline_changed: "24" → "72"`,
		}},
		{"categories, groups, products", func(r *extract.Record) {
			r.DataCategories = []string{"naam", "bsn"}
			r.SubjectGroups = []string{"leerling", "ouder", "medewerker"}
			r.Products = []string{"REKENRIJK", "Sommenstad"}
		}, []string{
			`product_added Sommenstad: "" → "Sommenstad"`,
			`subject_group_added ouder: "" → "ouder"`,
			`data_category_added bsn: "" → "bsn"`,
			`data_category_removed studievoortgang: "studievoortgang" → ""`,
		}},
		{"supplier renamed, new KvK and address", func(r *extract.Record) {
			r.Processor = extract.Party{Name: ptr("Toetsveld Educatief B.V."), KvK: ptr("8765 4321"), Postcode: ptr("8011 CD"), City: ptr("Zwolle")}
		}, []string{
			`supplier_name_changed: "Lesrijk B.V." → "Toetsveld Educatief B.V."`,
			`supplier_kvk_changed: "12345678" → "8765 4321"`,
			`supplier_address_changed: "3511 AB Utrecht" → "8011 CD Zwolle"`,
		}},
		{"BIV dropped", func(r *extract.Record) { r.BIV = nil }, []string{`biv_changed: "B2 I2 V3" → ""`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := base()
			new := clone(t, old)
			tc.change(new)
			var got []string
			for _, e := range Diff(old, new) {
				got = append(got, e.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Diff:\ngot  %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
		})
	}
}

// TestDiffEvidence checks that events carry the evidence of both versions.
func TestDiffEvidence(t *testing.T) {
	old := base()
	new := clone(t, old)
	new.BreachHours = ptr(48)
	new.Evidence["breach_notification_hours"] = []extract.Evidence{{Page: 2, Quote: "binnen 48 uur"}}
	new.Retention[0] = extract.Retention{Duration: ptr("P6M"), Bound: "max", Trigger: "contract_end", Days: 182.64}
	new.Evidence["retention[0]"] = []extract.Evidence{{Page: 4, Quote: "uiterlijk zes maanden na beëindiging"}}
	new.Subprocessors[1].Countries = []string{"IE", "US"}
	new.Evidence["subprocessors[1].countries"] = []extract.Evidence{{Page: 5, Quote: "Ierland en de Verenigde Staten"}}
	want := map[Type][2]string{
		BreachDeadlineChanged:    {"binnen 24 uur", "binnen 48 uur"},
		RetentionChanged:         {"uiterlijk drie maanden na beëindiging", "uiterlijk zes maanden na beëindiging"},
		SubprocessorCountryAdded: {"Ierland", "Ierland en de Verenigde Staten"},
	}
	events := Diff(old, new)
	if len(events) != len(want) {
		t.Fatalf("got %d events, want %d: %v", len(events), len(want), events)
	}
	for _, e := range events {
		w, ok := want[e.Type]
		switch {
		case !ok:
			t.Errorf("unexpected %v", e)
		case len(e.OldEvidence) != 1 || e.OldEvidence[0].Quote != w[0]:
			t.Errorf("%s: old evidence %v, want %q", e.Type, e.OldEvidence, w[0])
		case len(e.NewEvidence) != 1 || e.NewEvidence[0].Quote != w[1]:
			t.Errorf("%s: new evidence %v, want %q", e.Type, e.NewEvidence, w[1])
		}
	}
}

func TestDiffNil(t *testing.T) {
	if got := Diff(nil, base()); got != nil {
		t.Errorf("Diff(nil, r) = %v, want none", got)
	}
	if got := Diff(base(), nil); got != nil {
		t.Errorf("Diff(r, nil) = %v, want none", got)
	}
}
