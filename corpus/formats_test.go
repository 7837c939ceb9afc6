package corpus_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// goldFields are the record fields (GOLD.md) that must not depend on the
// format an agreement was read from.
var goldFields = []string{
	"kind", "model_version", "legal_basis", "processor", "controller_filled", "products",
	"subprocessors", "storage_locations", "outside_eea", "outside_eea_countries", "retention",
	"biv", "rosa", "subject_groups", "data_categories", "breach_notification_hours", "version_date",
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}]+`)

func words(s string) map[string]int {
	m := map[string]int{}
	for _, w := range wordRe.FindAllString(strings.ToLower(s), -1) {
		m[w]++
	}
	return m
}

// recall is the share of the words of want (with repeats) found in got.
func recall(want, got map[string]int) float64 {
	var hit, total int
	for w, n := range want {
		total += n
		hit += min(n, got[w])
	}
	if total == 0 {
		return 1
	}
	return float64(hit) / float64(total)
}

func open(t *testing.T, path string) *corpus.Document {
	t.Helper()
	files, errs := corpus.Discover([]string{path})
	if len(errs) > 0 || len(files) != 1 {
		t.Fatalf("Discover(%s) = %v, %v", path, files, errs)
	}
	doc, err := corpus.Open(context.Background(), files[0], corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func goldJSON(t *testing.T, r *extract.Record) map[string]string {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range goldFields {
		out[f] = string(all[f])
	}
	return out
}

// TestFormats reads the DOCX and HTML renderings of invented agreements in
// testdata/formats (made by testdata/formats/gen, and by LibreOffice from those: testdata/formats/gen/convert.sh) and checks that their text
// holds the words of the source text and that the records extracted from
// them equal the source's record on the GOLD fields.
func TestFormats(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "formats", "*.*"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no format fixtures: %v", err)
	}
	for _, path := range paths {
		ext := filepath.Ext(path)
		name := strings.TrimSuffix(filepath.Base(path), ext)
		t.Run(filepath.Base(path), func(t *testing.T) {
			src := filepath.Join("..", "testdata", "agreements", name+".txt")
			if _, err := os.Stat(src); err != nil {
				t.Fatalf("no source text for %s: %v", path, err)
			}
			txt := open(t, src)
			doc := open(t, path)
			want := map[string]corpus.Format{".docx": corpus.FormatDOCX, ".html": corpus.FormatHTML, ".odt": corpus.FormatODT, ".rtf": corpus.FormatRTF, ".doc": corpus.FormatDOC}[ext]
			if doc.Source.Format != want {
				t.Errorf("format %s, want %s", doc.Source.Format, want)
			}
			tw, dw := words(txt.Text), words(doc.Text)
			if r := recall(tw, dw); r < 0.98 {
				t.Errorf("word recall %.3f, want ≥ 0.98", r)
			}
			if r := recall(dw, tw); r < 0.95 {
				t.Errorf("word precision %.3f, want ≥ 0.95", r)
			}
			got, exp := goldJSON(t, extract.Extract(doc)), goldJSON(t, extract.Extract(txt))
			for _, f := range goldFields {
				if !reflect.DeepEqual(got[f], exp[f]) {
					t.Errorf("%s:\n got %s\nwant %s (from the txt)", f, got[f], exp[f])
				}
			}
		})
	}
}
