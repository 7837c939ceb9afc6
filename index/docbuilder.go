package index

import (
	"fmt"
	"sort"
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
				f := fieldMaker{name: joinPath(p), typ: fm.Type, options: fm.Options()}
				if fm.Name != "" {
					f.name = joinPath(append(p[:len(p)-1:len(p)-1], fm.Name))
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
				key := joinPath(p)
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

func joinPath(p []string) string {
	s := ""
	for i, e := range p {
		if i > 0 {
			s += "."
		}
		s += e
	}
	return s
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
// before it is built, on the core that building leaves idle.
func analyzeAhead(d *bdoc.Document) {
	for i, f := range d.Fields {
		if f.Options().IsIndexed() {
			f.Analyze()
			d.Fields[i] = analyzedField{f}
		}
	}
}

// analyzedField is a field analysed already: the Analyze bleve's batch
// calls does nothing. Every other method is the field's own.
type analyzedField struct{ bdoc.Field }

// Analyze does nothing: the field was analysed when its document was made.
func (analyzedField) Analyze() {}
