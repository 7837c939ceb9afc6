package index

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bdoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/normalize/normtest"
)

// TestDocBuilder holds docBuilder to bleve's MapDocument: the same fields
// (names, array positions, values, options, analyzers) for 300 synthetic
// records and their variants (failed, a member of an agreement, signed,
// with a term, with lists left empty), by the mapping newMapping makes
// and by the one an index reads back from its folder.
func TestDocBuilder(t *testing.T) {
	fresh, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	var stored mapping.IndexMapping
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	if err := ix.read(func(bi bleve.Index) error { stored = bi.Mapping(); return nil }); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(11))
	signed, date, end := true, "2024-02-29", "2027-08-01"
	for name, m := range map[string]mapping.IndexMapping{"new": fresh, "read back": stored} {
		b, err := newDocBuilder(m)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 100; i++ {
			f := corpus.File{Path: fmt.Sprintf("/drive/%03d.txt", i), SHA256: fmt.Sprintf("%064d", i)}
			f.Paths = []string{f.Path}
			src := corpus.Source{Path: f.Path, Paths: f.Paths, SHA256: f.SHA256, Format: corpus.FormatText}
			doc := corpus.NewDocument(src, []corpus.PageText{{Text: syntheticAgreement(r, i)}, {Text: "Bijlage 1"}})
			rec := fakeExtract(doc)
			s := storedFromDocument(doc, rec)
			switch i % 5 {
			case 1:
				s.Error = "unreadable: the file is damaged"
			case 2:
				s.MemberOf = "representative"
			case 3:
				rec.Signature.Signed, rec.Signature.SignedDate, rec.Term.End = &signed, &date, &end
			case 4:
				rec.Products, rec.Subprocessors, rec.BIV, rec.Retention = nil, nil, nil, nil
			}
			flat, err := newDocument(s)
			if err != nil {
				t.Fatal(err)
			}
			numberTerms(flat)
			want := bdoc.NewDocument(f.SHA256)
			if err := m.MapDocument(want, asStrings(flat)); err != nil {
				t.Fatal(err)
			}
			got, err := b.build(f.SHA256, flat)
			if err != nil {
				t.Fatal(err)
			}
			sortFields(want)
			sortFields(got)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s mapping, record %d:\n got %s\nwant %s", name, i, fieldList(got), fieldList(want))
			}
		}
	}
}

// asStrings is d with its raw JSON values as strings, the form bleve's
// MapDocument reads as one text value (a json.RawMessage is a list of
// numbers to it).
func asStrings(d document) document {
	out := document{}
	for k, v := range d {
		if raw, ok := v.(json.RawMessage); ok {
			v = string(raw)
		}
		out[k] = v
	}
	return out
}

func sortFields(d *bdoc.Document) {
	sort.Slice(d.Fields, func(i, j int) bool { return fieldKey(d.Fields[i]) < fieldKey(d.Fields[j]) })
}

func fieldKey(f bdoc.Field) string {
	return fmt.Sprintf("%s %v %q", f.Name(), f.ArrayPositions(), f.Value())
}

func fieldList(d *bdoc.Document) []string {
	var out []string
	for _, f := range d.Fields {
		out = append(out, fmt.Sprintf("%s(%T %v)", fieldKey(f), f, f.Options()))
	}
	return out
}

// TestAnalyzeAhead checks that a document analysed ahead gives bleve's
// batch (which calls Analyze on every indexed field) the same lengths and
// term frequencies as one it analyses itself, and that the stored-only
// fields are left as they are.
func TestAnalyzeAhead(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDocBuilder(m)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(12))
	for i := 0; i < 20; i++ {
		src := corpus.Source{Path: fmt.Sprintf("/drive/%03d.txt", i), SHA256: fmt.Sprintf("%064d", i)}
		doc := corpus.NewDocument(src, []corpus.PageText{{Text: syntheticAgreement(r, i)}})
		flat, err := newDocument(storedFromDocument(doc, fakeExtract(doc)))
		if err != nil {
			t.Fatal(err)
		}
		numberTerms(flat)
		plain, err := b.build(src.SHA256, flat)
		if err != nil {
			t.Fatal(err)
		}
		ahead, err := b.build(src.SHA256, flat)
		if err != nil {
			t.Fatal(err)
		}
		analyzeAhead(ahead)
		sortFields(plain)
		sortFields(ahead)
		if len(plain.Fields) != len(ahead.Fields) {
			t.Fatalf("record %d: %d fields ahead, %d plain", i, len(ahead.Fields), len(plain.Fields))
		}
		for j, f := range plain.Fields {
			g := ahead.Fields[j]
			if _, wrapped := g.(*analyzedField); wrapped != f.Options().IsIndexed() {
				t.Errorf("record %d, field %s: marked analysed %v, indexed %v", i, f.Name(), wrapped, f.Options().IsIndexed())
			}
			if !f.Options().IsIndexed() {
				continue
			}
			f.Analyze()
			g.Analyze() // as bleve's batch does
			if f.AnalyzedLength() != g.AnalyzedLength() || !reflect.DeepEqual(f.AnalyzedTokenFrequencies(), g.AnalyzedTokenFrequencies()) {
				t.Errorf("record %d, field %s: analysed ahead differently", i, f.Name())
			}
			if f.Size() != g.Size() {
				t.Errorf("record %d, field %s: size %d ahead, %d by bleve", i, f.Name(), g.Size(), f.Size())
			}
		}
	}
}

// TestTermFrequencies holds termFrequencies to bleve's TokenFrequency on
// the tokens of every line and paragraph of the fixtures (and of none),
// with and without term vectors, frequencies and array positions; and
// checks that appending to one term's locations leaves the others alone.
func TestTermFrequencies(t *testing.T) {
	texts := normtest.Texts(t, "../testdata/*/*.txt", "../testdata/*/*.md")
	texts = append(texts, "", "de de de de", "a b a b a")
	an, err := registry.NewCache().AnalyzerNamed(dutchAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		tokens := an.Analyze([]byte(s))
		for _, opts := range []bindex.FieldIndexingOptions{bindex.IndexField, bindex.IndexField | bindex.IncludeTermVectors, bindex.IndexField | bindex.IncludeTermVectors | bindex.SkipFreqNorm, bindex.IndexField | bindex.SkipFreqNorm} {
			for _, pos := range [][]uint64{nil, {3}} {
				got, want := termFrequencies(tokens, pos, opts), analysis.TokenFrequency(tokens, pos, opts)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%q, options %v: got %v, want %v", s, opts, got, want)
				}
			}
		}
	}
	freqs := termFrequencies(an.Analyze([]byte("verwerker gegevens verwerker gegevens")), nil, bindex.IndexField|bindex.IncludeTermVectors)
	for term, f := range freqs {
		f.Locations = append(f.Locations, &bindex.TokenLocation{Position: 99})
		for other, g := range freqs {
			for _, l := range g.Locations {
				if other != term && l.Position == 99 {
					t.Fatalf("appending to %s changed %s", term, other)
				}
			}
		}
		f.Locations = f.Locations[:len(f.Locations)-1]
	}
}
