package review

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// TestTable checks the obligations table: it parses, every obligation the
// issue names is in it, and every record field it names is a field of the
// record's JSON.
func TestTable(t *testing.T) {
	os := Obligations()
	if len(os) < 20 {
		t.Fatalf("%d obligations, want at least 20", len(os))
	}
	for _, id := range []string{"instructions", "confidentiality", "security_measures", "security_annex",
		"biv_classification", "subprocessor_consent", "subprocessor_list", "subprocessor_flowdown",
		"processing_location", "transfer_consent", "transfer_safeguard", "breach_notification",
		"data_subject_rights", "audit", "retention", "deletion_at_end", "return_of_data", "liability",
		"term_termination", "privacybijsluiter", "changes"} {
		if Lookup(id) == nil {
			t.Errorf("obligation %s missing from the table", id)
		}
	}
	b, err := json.Marshal(extract.Record{})
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(b, &fields); err != nil {
		t.Fatal(err)
	}
	for _, o := range os {
		if o.Requirement == "" || !strings.HasSuffix(o.Requirement, ".") {
			t.Errorf("%s: the requirement must be one sentence", o.ID)
		}
		if o.Cues == nil && o.Section == nil && len(o.Fields) == 0 {
			t.Errorf("%s: nothing to recognise it by", o.ID)
		}
		for _, f := range o.Fields {
			if _, ok := fields[f]; !ok {
				t.Errorf("%s: %q is not a field of the record", o.ID, f)
			}
		}
		if !o.InModel(Standard) {
			t.Errorf("%s: not in model %s", o.ID, Standard)
		}
		if (o.Weak != nil || o.Require != nil) && o.WeakReason == "" {
			t.Errorf("%s: a weakening without a reason", o.ID)
		}
	}
}

// TestParseTableErrors checks that a malformed table is refused with the line named.
func TestParseTableErrors(t *testing.T) {
	header := strings.Join(tableColumns, "\t") + "\n"
	row := func(cells ...string) string { return strings.Join(cells, "\t") + "\n" }
	good := row("x", "1", "4.0", "agreement", "A rule.", "-", "-", "a", "-", "-", "-", "low", "low", "-", "-")
	for _, tc := range []struct{ name, tsv, want string }{
		{"header", "id\tarticle\n", "header"},
		{"columns", header + "x\t1\n", "line 2: 2 columns"},
		{"scope", header + strings.Replace(good, "agreement", "elsewhere", 1), "unknown scope"},
		{"risk", header + strings.Replace(good, "low\tlow", "grave\tlow", 1), "risk"},
		{"regexp", header + strings.Replace(good, "\ta\t", "\t(a\t", 1), "column cues"},
		{"repeat", header + good + good, "repeated id"},
		{"require", header + strings.Replace(good, "\ta\t-\t", "\ta\tb\t", 1), "go together"},
	} {
		if _, err := ParseTable(tc.tsv); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	got, err := ParseTable(header + good)
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0].Models, []string{"4.0"}) {
		t.Errorf("good table: %v, %v", got, err)
	}
}

func TestReadable(t *testing.T) {
	for in, want := range map[string]string{
		`Toepasselijk\s+recht|Geschil`:                         "Toepasselijk recht / Geschil",
		`Privacy\s*-?\s*bijsluiter`:                            "Privacy bijsluiter",
		`[Ww]ijziging|Afwijking`:                               "Wijziging / Afwijking",
		`Gebruik\s+(?:van\s+(?:de\s+)?)?Persoonsgegevens|Doel`: "Gebruik Persoonsgegevens / Doel",
		`Sub(?:ver|be)werker`:                                  "Subverwerker",
	} {
		if got := readable(in); got != want {
			t.Errorf("readable(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAnchors checks the words a weakening phrase cannot match without.
func TestAnchors(t *testing.T) {
	for p, want := range map[string][]string{
		`(?i)geen\s+recht\s+op\s+(?:een\s+)?(?:audit|controle)`:                {"recht"},
		`(?i)zonder\s+(?:voorafgaande\s+)?kennisgeving|naar\s+eigen\s+inzicht`: {"kennisgeving", "inzicht"},
		`(?i)(?:mag|kan)\s+x`: {"mag", "kan"},
		`(?i)(?:ja|kan)\s+x`:  nil,
		`(?i)a.*b`:            nil,
	} {
		if got := anchors(normalize.Lazy(p)); !reflect.DeepEqual(got, want) {
			t.Errorf("anchors(%q) = %q, want %q", p, got, want)
		}
	}
	// Every weakening of the table keeps matching where it matched:
	// its anchors stand in the phrase the generator weakens with.
	for _, o := range Obligations() {
		if o.Weak != nil && o.weakAnchors == nil {
			t.Logf("%s: weakening without anchors (always run)", o.ID)
		}
	}
}
