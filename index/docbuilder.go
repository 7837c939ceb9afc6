package index

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	bdoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// docBuilder makes the bleve document of a flattened document as bleve's
// MapDocument does for dpa's static mapping, without its reflective walk
// of the map (which asked the mapping for every value's field, analyzer
// and options anew): those are looked up once, when the builder is made.
// TestDocBuilder holds it to MapDocument.
type docBuilder struct {
	fields map[string][]fieldMaker // by the document's key, "biv.availability" for a sub-document's
}

// fieldMaker makes the bleve fields of one field mapping.
type fieldMaker struct {
	name     string // the bleve field's name
	typ      string // the mapping's type: text, number, datetime, boolean
	options  bindex.FieldIndexingOptions
	analyzer analysis.Analyzer // for text
}

// newDocBuilder reads the field mappings of m, an index mapping of
// newMapping's making (one static default document mapping, no dynamic
// fields, no _all).
func newDocBuilder(m mapping.IndexMapping) (*docBuilder, error) {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil {
		return nil, fmt.Errorf("index mapping %T: not a static mapping", m)
	}
	b := &docBuilder{fields: map[string][]fieldMaker{}}
	var walk func(dm *mapping.DocumentMapping, path []string) error
	walk = func(dm *mapping.DocumentMapping, path []string) error {
		names := make([]string, 0, len(dm.Properties))
		for name := range dm.Properties {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			sub := dm.Properties[name]
			p := append(append([]string{}, path...), name)
			if !sub.Enabled {
				continue
			}
			for _, fm := range sub.Fields {
				f := fieldMaker{name: strings.Join(p, "."), typ: fm.Type, options: fm.Options()}
				if fm.Name != "" {
					f.name = strings.Join(append(p[:len(p)-1:len(p)-1], fm.Name), ".")
				}
				if fm.Type == "text" {
					an := fm.Analyzer
					if an == "" {
						an = im.DefaultMapping.DefaultAnalyzer
					}
					if an == "" {
						an = im.DefaultAnalyzer
					}
					if f.analyzer = im.AnalyzerNamed(an); f.analyzer == nil {
						return fmt.Errorf("field %s: no analyzer %q", f.name, an)
					}
				}
				key := strings.Join(p, ".")
				b.fields[key] = append(b.fields[key], f)
			}
			if err := walk(sub, p); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(im.DefaultMapping, nil); err != nil {
		return nil, err
	}
	return b, nil
}

// build returns the bleve document id of d.
func (b *docBuilder) build(id string, d document) (*bdoc.Document, error) {
	doc := bdoc.NewDocument(id)
	if err := b.add(doc, "", d); err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	doc.SetIndexed()
	return doc, nil
}

// add adds the fields of the values of d, whose keys are under prefix.
func (b *docBuilder) add(doc *bdoc.Document, prefix string, d map[string]interface{}) error {
	for k, v := range d {
		key := prefix + k
		if sub, ok := v.(map[string]interface{}); ok {
			if err := b.add(doc, key+".", sub); err != nil {
				return err
			}
			continue
		}
		for _, f := range b.fields[key] {
			if err := f.add(doc, v); err != nil {
				return fmt.Errorf("field %s: %w", key, err)
			}
		}
	}
	return nil
}

// noPositions is the array positions of a value that is not in a list.
var noPositions = []uint64{}

// add adds the fields of value v (a list: one per element, at its position).
func (f fieldMaker) add(doc *bdoc.Document, v interface{}) error {
	switch v := v.(type) {
	case []string:
		for i, s := range v {
			if err := f.one(doc, s, []uint64{uint64(i)}); err != nil {
				return err
			}
		}
		return nil
	case []float64:
		for i, x := range v {
			if err := f.one(doc, x, []uint64{uint64(i)}); err != nil {
				return err
			}
		}
		return nil
	}
	return f.one(doc, v, noPositions)
}

// one adds the field of one value at array positions pos.
func (f fieldMaker) one(doc *bdoc.Document, v interface{}, pos []uint64) error {
	switch v := v.(type) {
	case string:
		if f.typ == "text" {
			doc.AddField(bdoc.NewTextFieldCustom(f.name, pos, []byte(v), f.options, f.analyzer))
			return nil
		}
	case json.RawMessage: // the record's JSON, made for this document: stored without a copy
		if f.typ == "text" {
			doc.AddField(bdoc.NewTextFieldCustom(f.name, pos, v, f.options, f.analyzer))
			return nil
		}
	case float64:
		if f.typ == "number" {
			doc.AddField(bdoc.NewNumericFieldWithIndexingOptions(f.name, pos, v, f.options))
			return nil
		}
	case bool:
		if f.typ == "boolean" {
			doc.AddField(bdoc.NewBooleanFieldWithIndexingOptions(f.name, pos, v, f.options))
			return nil
		}
	case time.Time:
		if f.typ == "datetime" {
			field, err := bdoc.NewDateTimeFieldWithIndexingOptions(f.name, pos, v, time.RFC3339, f.options)
			if err != nil {
				return err
			}
			doc.AddField(field)
			return nil
		}
	}
	return fmt.Errorf("a %T value for a %s field", v, f.typ)
}

// analyzeAhead analyses the indexed fields of d now, on the worker that
// made it, and marks them analysed. bleve analyses a batch's documents
// when the batch is written, and then builds its segment on one core;
// analysed ahead, the next batch's documents are analysed while the batch
// before it is built, on the core that building leaves idle. A text
// field's terms are counted by termFrequencies.
func analyzeAhead(d *bdoc.Document) {
	for i, f := range d.Fields {
		if !f.Options().IsIndexed() {
			continue
		}
		a := &analyzedField{Field: f}
		if t, ok := f.(*bdoc.TextField); ok {
			tokens := analyzeText(t)
			a.length, a.freqs = len(tokens), termFrequencies(tokens, t.ArrayPositions(), t.Options())
		} else {
			f.Analyze() // the field keeps what it found
		}
		d.Fields[i] = a
	}
}

// analyzeText returns the tokens of a text field, as its Analyze makes
// them.
func analyzeText(t *bdoc.TextField) analysis.TokenStream {
	value := t.Value()
	if t.Analyzer() == nil {
		return analysis.TokenStream{&analysis.Token{Start: 0, End: len(value), Term: value, Position: 1, Type: analysis.AlphaNumeric}}
	}
	if t.Options().IsStored() {
		value = append([]byte(nil), value...) // the stored value stays as it was
	}
	return t.Analyzer().Analyze(value)
}

// termFrequencies is bleve's analysis.TokenFrequency made in fewer
// allocations: one count of the distinct terms first, then every term's
// entry and every location from one slab each (bleve made an entry and
// grew a list for each term). The result is the same (TestTermFrequencies);
// each term's list of locations is capped at its length, so that a later
// append cannot reach into the next term's.
func termFrequencies(tokens analysis.TokenStream, arrayPositions []uint64, options bindex.FieldIndexingOptions) bindex.TokenFrequencies {
	index := make(map[string]int32, len(tokens)/3+1)
	terms := make([]int32, len(tokens)) // each token's term
	var counts []int32
	for i, t := range tokens {
		n, ok := index[string(t.Term)]
		if !ok {
			n = int32(len(counts))
			index[string(t.Term)] = n
			counts = append(counts, 0)
		}
		counts[n]++
		terms[i] = n
	}
	freqs := make([]bindex.TokenFreq, len(counts))
	rv := make(bindex.TokenFrequencies, len(counts))
	for term, n := range index { // the keys made once serve both maps
		rv[term] = &freqs[n]
	}
	for i, t := range tokens {
		if f := &freqs[terms[i]]; f.Term == nil {
			f.Term = t.Term // the first token's bytes, as bleve keeps them
		}
	}
	if options.IncludeTermVectors() {
		locs := make([]bindex.TokenLocation, len(tokens))
		ptrs := make([]*bindex.TokenLocation, len(tokens))
		at := 0
		for n := range freqs { // each term's share of ptrs, in term order
			freqs[n].Locations = ptrs[at : at : at+int(counts[n])]
			at += int(counts[n])
		}
		for i, t := range tokens {
			locs[i] = bindex.TokenLocation{ArrayPositions: arrayPositions, Start: t.Start, End: t.End, Position: t.Position}
			f := &freqs[terms[i]]
			f.Locations = append(f.Locations, &locs[i])
		}
	}
	if !options.SkipFreqNorm() {
		for n := range freqs {
			freqs[n].SetFrequency(int(counts[n]))
		}
	}
	return rv
}

// analyzedField is a field analysed already: the Analyze bleve's batch
// calls does nothing. A text field's length and term frequencies are
// those analyzeAhead found (freqs is not nil); another field keeps its
// own. Every other method is the field's own.
type analyzedField struct {
	bdoc.Field
	length int
	freqs  bindex.TokenFrequencies
}

// Analyze does nothing: the field was analysed when its document was made.
func (*analyzedField) Analyze() {}

// AnalyzedLength is the number of tokens of the field.
func (f *analyzedField) AnalyzedLength() int {
	if f.freqs == nil {
		return f.Field.AnalyzedLength()
	}
	return f.length
}

// AnalyzedTokenFrequencies are the field's terms with their locations.
func (f *analyzedField) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	if f.freqs == nil {
		return f.Field.AnalyzedTokenFrequencies()
	}
	return f.freqs
}

// Size is the field's size with its term frequencies, as bleve counts it.
func (f *analyzedField) Size() int {
	if f.freqs == nil {
		return f.Field.Size()
	}
	return f.Field.Size() + f.freqs.Size()
}
