package index

import (
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/dpa-nl/dpa/corpus"
)

// richDocument is a stored document in which every field has a value.
func richDocument() *stored {
	text := "supplier: Voorbeeld Leermiddelen B.V.\nproduct: Rekenrace\nsub: Wolkdienst Inc. | US, IE | US\n" +
		"place: Frankfurt | DE\neea: true\nkind: verwerkersovereenkomst\nmodel: 4.0\nbreach: 48\nretention: P1Y\n" +
		"biv: 2 1-2 3\ndate: 2021-03-01\ncategory: naam\n"
	src := corpus.Source{Path: "/drive/a.txt", Paths: []string{"/drive/a.txt"}, SHA256: strings.Repeat("ab", 32), Format: corpus.FormatText, Bytes: int64(len(text))}
	doc := corpus.NewDocument(src, []corpus.PageText{{Text: text}})
	rec := fakeExtract(doc)
	basis := "AVG"
	rec.LegalBasis, rec.SubjectGroups = &basis, []string{"leerlingen"}
	rec.Source.Modified = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	yes, signed, end := true, "2021-03-02", "2024-02-29"
	rec.Signature.Signed, rec.Signature.SignedDate, rec.Term.End = &yes, &signed, &end
	s := storedFromDocument(doc, rec)
	s.Error, s.MemberOf = "damaged", "other"
	return s
}

// TestSchemaBuildsTheMapping checks the schema table against the bleve
// mapping and the documents: every field of the table is mapped, every
// value newDocument writes is a field of the table, and names are unique.
func TestSchemaBuildsTheMapping(t *testing.T) {
	im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	root := im.(*mapping.IndexMappingImpl).DefaultMapping
	seen := map[string]bool{}
	for _, f := range Schema() {
		if seen[f.Name] {
			t.Errorf("field %s twice in the schema", f.Name)
		}
		seen[f.Name] = true
		if f.Doc == "" {
			t.Errorf("field %s: no Doc", f.Name)
		}
		if f.Engine == SearchOnly {
			continue
		}
		dm, name := root, f.Name
		if parent, child, ok := strings.Cut(f.Name, "."); ok {
			dm, name = root.Properties[parent], child
		}
		var fms []*mapping.FieldMapping
		if dm != nil && dm.Properties[name] != nil {
			fms = dm.Properties[name].Fields
		}
		if len(fms) == 0 {
			t.Errorf("field %s of the schema is not in the bleve mapping", f.Name)
			continue
		}
		if f.Type == TypeName && (len(fms) != 2 || fms[1].Name != f.Words || fms[1].Analyzer != nameAnalyzer) {
			t.Errorf("name field %s: want its words in %s", f.Name, f.Words)
		}
	}
	d, err := newDocument(richDocument())
	if err != nil {
		t.Fatal(err)
	}
	for key, v := range d {
		if sub, ok := v.(map[string]interface{}); ok {
			for child := range sub {
				if !seen[key+"."+child] {
					t.Errorf("newDocument writes %s.%s, which the schema lacks", key, child)
				}
			}
			continue
		}
		if !seen[key] {
			t.Errorf("newDocument writes %s, which the schema lacks", key)
		}
	}
	for _, f := range Schema() {
		top, _, _ := strings.Cut(f.Name, ".")
		if _, ok := d[top]; !ok && f.Engine != SearchOnly {
			t.Errorf("the rich document has no %s: the test misses a field", f.Name)
		}
	}
}
