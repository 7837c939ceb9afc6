package index

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"
)

// SearchDocument returns document id as another search engine (OpenSearch,
// Elasticsearch) indexes it: the fields of the schema that are not bleve's
// own devices, each under its schema name, with the record and the page
// ranges as JSON objects and the sub-processors as nested objects. Every
// key is a field of Schema(), so an index made from the template that
// index/opensearch builds accepts it under strict mapping.
func (ix *Index) SearchDocument(id string) (map[string]interface{}, error) {
	var s *stored
	member := false
	err := ix.with(func(bi bleve.Index) error {
		var err error
		if s, err = loadStored(bi, id); err != nil {
			return err
		}
		d, err := bi.Document(id)
		if err != nil || d == nil {
			return err
		}
		d.VisitFields(func(f bindex.Field) {
			if f.Name() == fMember {
				member = true // written only when true
			}
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if member {
		s.MemberOf = "?" // newDocument writes the flag only
	}
	return searchDocument(s)
}

// searchDocument flattens s for another search engine (see SearchDocument).
func searchDocument(s *stored) (map[string]interface{}, error) {
	d, err := newDocument(s)
	if err != nil {
		return nil, err
	}
	out := map[string]interface{}{}
	for _, f := range schema {
		top, _, _ := strings.Cut(f.Name, ".")
		v, ok := d[top]
		if f.Engine == BleveOnly || !ok {
			continue
		}
		if f.Type == TypeJSON {
			raw, ok := v.(json.RawMessage)
			if !ok || !json.Valid(raw) {
				return nil, fmt.Errorf("field %s: not JSON", f.Name)
			}
			v = raw
		}
		out[top] = v
	}
	type subprocessor struct {
		Name         string   `json:"name"`
		Countries    []string `json:"countries"`
		Headquarters []string `json:"headquarters,omitempty"`
	}
	var subs []subprocessor
	for _, sp := range s.Record.Subprocessors {
		o := subprocessor{Name: sp.Name, Countries: sp.Countries}
		if h := sp.Headquarters; h != nil {
			o.Headquarters = append(o.Headquarters, h.Country)
			if h.ParentCountry != "" && h.ParentCountry != h.Country {
				o.Headquarters = append(o.Headquarters, h.ParentCountry)
			}
		}
		subs = append(subs, o)
	}
	if len(subs) > 0 {
		out[fSubprocessors] = subs
	}
	return out, nil
}
