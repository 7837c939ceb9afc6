package layouts

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/testdata/layoutgen"
)

// pdfDir holds the PDFs printed from each layout's HTML by headless
// Chromium (make layouts), with their SOURCES manifest.
const pdfDir = "../../testdata/layouts"

// formats are the formats every layout is rendered in.
var formats = []string{"text", "html", "docx", "pdf"}

// fields are the record fields checked for every layout and format.
var fields = []string{
	"kind", "model_version", "version_date",
	"processor.name", "processor.kvk", "processor.postcode", "processor.city",
	"products", "subprocessors", "outside_eea", "outside_eea_countries",
	"retention", "biv", "breach_notification_hours", "subject_groups", "data_categories",
}

// knownGaps lists the fields extraction does not recover yet, keyed
// "layout/format/field" (format "*" for every format), each with its
// reason. The test logs them and fails when one is recovered after all, so
// the list only shrinks. "go test ./extract/layouts -v -layouts.gaps"
// prints the list as it stands, reasons kept, to paste here.
var knownGaps = map[string]string{}

var (
	table = flag.Bool("layouts.table", false, "print the layout × format table of recovered fields")
	gaps  = flag.Bool("layouts.gaps", false, "print every failing layout/format/field as a knownGaps entry, reasons kept")
	seeds = flag.Int("layouts.seeds", 0, "also check this many other agreements per layout (text, HTML, DOCX)")
)

// result is the outcome of one field of one layout in one format.
type result struct {
	layout, format, field, diff string
}

// moreAgreements are agreements other seeds invented (the layout's seed
// plus n) that exposed a defect the layout's own agreement does not: they
// stay in the test, in the formats rendered in process, under the name
// "layout+n". -layouts.seeds finds more.
var moreAgreements = []struct {
	layout string
	n      int
}{
	{"prose", 5},          // an Indian "Pvt. Ltd." in a prose enumeration
	{"prose", 6},          // the same, beside a US "Inc."
	{"keyvalue-table", 4}, // a "Naam | …" row of a sub-processor table
	{"keyvalue-table", 6}, // a purpose "verzending van e-mail"
	{"heading-4", 2},      // the same under an English heading
}

// testCase is one agreement in one layout and the formats it is read in.
type testCase struct {
	name    string
	layout  layoutgen.Layout
	seed    uint64
	formats []string
}

// testCases are the layouts' own agreements in every format, then moreAgreements.
func testCases(t *testing.T) []testCase {
	var cases []testCase
	byName := map[string]layoutgen.Layout{}
	for _, l := range layoutgen.Layouts {
		cases = append(cases, testCase{l.Name, l, l.Seed(), formats})
		byName[l.Name] = l
	}
	for _, m := range moreAgreements {
		l, ok := byName[m.layout]
		if !ok {
			t.Fatalf("moreAgreements: no layout %q", m.layout)
		}
		cases = append(cases, testCase{fmt.Sprintf("%s+%d", l.Name, m.n), l, l.Seed() + uint64(m.n), formats[:3]})
	}
	return cases
}

// TestLayouts renders every layout in every format, extracts it, and
// compares each field with the record known by construction.
func TestLayouts(t *testing.T) {
	dir := t.TempDir()
	var results []result
	for _, c := range testCases(t) {
		doc, want := c.layout.RenderSeed(c.seed)
		wantMap, err := asMap(want)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{
			"text": filepath.Join(dir, c.name+"."+c.layout.TextExt()),
			"html": filepath.Join(dir, c.name+".html"),
			"docx": filepath.Join(dir, c.name+".docx"),
			"pdf":  filepath.Join(pdfDir, c.layout.FileName("pdf")),
		}
		for format, data := range map[string][]byte{"text": layoutgen.Text(doc), "html": layoutgen.HTML(doc), "docx": layoutgen.DOCX(doc)} {
			if err := os.WriteFile(files[format], data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, format := range c.formats {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				got, err := extractFile(files[format])
				if err != nil {
					for _, field := range fields {
						results = append(results, result{c.name, format, field, err.Error()})
					}
					t.Fatalf("%v (make layouts prints the PDFs)", err)
				}
				for _, field := range fields {
					diff := compareField(field, wantMap, got)
					results = append(results, result{c.name, format, field, diff})
					reason, gap := gapFor(c.name, format, field)
					switch {
					case gap && diff == "":
						t.Errorf("%s is recovered now: remove %q from knownGaps (%s)", field, gapKey(c.name, format, field), reason)
					case gap:
						t.Logf("known gap %s (%s): %s", field, reason, diff)
					case diff != "":
						t.Errorf("%s: %s", field, diff)
					}
				}
			})
		}
	}
	if *table {
		printTable(t, results)
	}
	if *gaps {
		printGaps(t, results)
	}
}

// extractFile reads a file the way dpa extract does and returns its record.
func extractFile(path string) (map[string]any, error) {
	doc, err := corpus.Open(context.Background(), corpus.File{Path: path, Paths: []string{path}}, corpus.Options{})
	if err != nil {
		return nil, err
	}
	return asMap(extract.Extract(doc))
}

func gapKey(layout, format, field string) string { return layout + "/" + format + "/" + field }

// gapFor returns the known gap covering field of layout in format.
func gapFor(layout, format, field string) (string, bool) {
	if r, ok := knownGaps[gapKey(layout, format, field)]; ok {
		return r, true
	}
	r, ok := knownGaps[gapKey(layout, "*", field)]
	return r, ok
}

// TestKnownGapsAreValid keeps the gap list honest: every entry names a
// layout, a format and a field that exist, and gives a reason.
func TestKnownGapsAreValid(t *testing.T) {
	var names []string
	for _, c := range testCases(t) {
		names = append(names, c.name)
	}
	for key, reason := range knownGaps {
		parts := strings.Split(key, "/")
		switch {
		case len(parts) != 3:
			t.Errorf("%q: want layout/format/field", key)
		case !slices.Contains(names, parts[0]):
			t.Errorf("%q: no layout %q", key, parts[0])
		case parts[1] != "*" && !slices.Contains(formats, parts[1]):
			t.Errorf("%q: no format %q", key, parts[1])
		case !slices.Contains(fields, parts[2]):
			t.Errorf("%q: no checked field %q", key, parts[2])
		case strings.TrimSpace(reason) == "":
			t.Errorf("%q: no reason given", key)
		}
	}
}

// printTable logs a Markdown table: one row per layout and format, one
// column per field, ✓ where the field is recovered.
func printTable(t *testing.T, results []result) {
	var b strings.Builder
	b.WriteString("\n| layout | format | " + strings.Join(fields, " | ") + " |\n|---|---|" + strings.Repeat("---|", len(fields)) + "\n")
	pass, total := 0, 0
	for i := 0; i < len(results); i += len(fields) {
		row := results[i : i+len(fields)]
		fmt.Fprintf(&b, "| %s | %s |", row[0].layout, row[0].format)
		for _, r := range row {
			total++
			if r.diff == "" {
				pass++
				b.WriteString(" ✓ |")
			} else {
				b.WriteString(" ✗ |")
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\n%d of %d fields recovered\n", pass, total)
	t.Log(b.String())
}

// printGaps logs knownGaps as Go source for what fails now, keeping the
// reasons of entries that stay (a starting point when extraction changes).
func printGaps(t *testing.T, results []result) {
	var b strings.Builder
	b.WriteString("\nvar knownGaps = map[string]string{\n")
	failing := map[string]int{} // layout/*/field: formats failing
	for _, r := range results {
		if r.diff != "" {
			failing[gapKey(r.layout, "*", r.field)]++
		}
	}
	for _, r := range results {
		key := gapKey(r.layout, r.format, r.field)
		if failing[gapKey(r.layout, "*", r.field)] == len(formats) {
			if r.format != formats[0] {
				continue
			}
			key = gapKey(r.layout, "*", r.field)
		}
		if r.diff == "" {
			continue
		}
		reason, _ := gapFor(r.layout, r.format, r.field)
		fmt.Fprintf(&b, "\t%q: %q,\n", key, reason)
	}
	b.WriteString("}\n")
	t.Log(b.String())
}
