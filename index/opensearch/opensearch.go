// Package opensearch writes what an OpenSearch (or Elasticsearch) cluster
// needs to hold dpa's index: an index template whose mapping is built from
// the same schema table as dpa's own bleve mapping (index.Schema), and the
// documents in the bulk API's NDJSON form.
//
// A cluster is set up once with the template and fed with the bulk file:
//
//	curl -XPUT  "$OS/_index_template/dpa" -H 'Content-Type: application/json' --data-binary @template.json
//	curl -XPOST "$OS/dpa-agreements/_bulk" -H 'Content-Type: application/x-ndjson' --data-binary @bulk.ndjson
//
// Each document's _id is the SHA-256 of its file's content: the identity
// of one version of an agreement, as dpa's history and dpa changes name it.
// Loading a newer export again overwrites each version in place (a newer
// extractor's record replaces the older one) and adds the new versions;
// byte-identical copies under other paths are one document.
package opensearch

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/index"
)

// DefaultPattern is the index pattern the template applies to.
const DefaultPattern = "dpa-*"

// DutchAnalyzer is OpenSearch's built-in analyzer for Dutch text
// (stemming, stop words), the counterpart of bleve's nl analyzer.
const DutchAnalyzer = "dutch"

// NameAnalyzer is the analyzer of the words of names (the sub-field
// NAME.words): case and accents folded, as dpa's dpa_name analyzer does.
const NameAnalyzer = "dpa_name"

// nameInitials drops the dot after a one-letter word ("B.V." is "BV"),
// nameDots turns the other dots into spaces: NameAnalyzer's char filters,
// as in dpa's dpa_name.
const (
	nameInitials = "dpa_name_initials"
	nameDots     = "dpa_name_dots"
)

// Template returns the index template for indices matching patterns
// (DefaultPattern when none): settings with the name analyzer and a strict
// mapping of every field of index.Schema() that is not a device of bleve's.
func Template(patterns ...string) map[string]interface{} {
	if len(patterns) == 0 {
		patterns = []string{DefaultPattern}
	}
	return map[string]interface{}{
		"index_patterns": patterns,
		"template": map[string]interface{}{
			"settings": map[string]interface{}{
				"analysis": map[string]interface{}{
					// "B.V." is "BV" and other dots split a name's words,
					// as in dpa's dpa_name: supplier:oefenweb finds
					// "Oefenweb.nl B.V.".
					"char_filter": map[string]interface{}{
						nameInitials: map[string]interface{}{
							"type":        "pattern_replace",
							"pattern":     index.NameInitialsPattern,
							"replacement": "$1",
						},
						nameDots: map[string]interface{}{
							"type":        "pattern_replace",
							"pattern":     `\.`,
							"replacement": " ",
						},
					},
					"analyzer": map[string]interface{}{
						NameAnalyzer: map[string]interface{}{
							"type":        "custom",
							"char_filter": []string{nameInitials, nameDots},
							"tokenizer":   "standard",
							"filter":      []string{"lowercase", "asciifolding"},
						},
					},
				},
			},
			"mappings": Mapping(index.Schema()),
		},
		"version": version,
	}
}

// version is the template's version: dpa's schema version, so that a
// cluster shows which dpa a template came from.
var version, _ = strconv.Atoi(index.SchemaVersion)

// Mapping returns the strict mapping of fields: unknown fields are refused,
// so a document that does not fit the schema fails loudly.
func Mapping(fields []index.Field) map[string]interface{} {
	return map[string]interface{}{"dynamic": "strict", "properties": properties(fields)}
}

// properties maps fields, a dotted name becoming an object's property.
func properties(fields []index.Field) map[string]interface{} {
	props := map[string]interface{}{}
	for _, f := range fields {
		if f.Engine == index.BleveOnly {
			continue
		}
		parent, child, dotted := strings.Cut(f.Name, ".")
		if !dotted {
			props[f.Name] = fieldMapping(f)
			continue
		}
		obj, _ := props[parent].(map[string]interface{})
		if obj == nil {
			obj = map[string]interface{}{"properties": map[string]interface{}{}}
			props[parent] = obj
		}
		f.Name = child
		obj["properties"].(map[string]interface{})[child] = fieldMapping(f)
	}
	return props
}

// fieldMapping is the OpenSearch mapping of one field.
func fieldMapping(f index.Field) map[string]interface{} {
	switch f.Type {
	case index.TypeText:
		return map[string]interface{}{"type": "text", "analyzer": DutchAnalyzer}
	case index.TypeKeyword:
		return map[string]interface{}{"type": "keyword"}
	case index.TypeName:
		return map[string]interface{}{"type": "keyword",
			"fields": map[string]interface{}{"words": map[string]interface{}{"type": "text", "analyzer": NameAnalyzer}}}
	case index.TypeBool:
		return map[string]interface{}{"type": "boolean"}
	case index.TypeNumber:
		return map[string]interface{}{"type": "double"}
	case index.TypeDate:
		return map[string]interface{}{"type": "date"}
	case index.TypeJSON:
		return map[string]interface{}{"type": "object", "enabled": false}
	case index.TypeStored:
		return map[string]interface{}{"type": "text", "index": false}
	case index.TypeNested:
		return map[string]interface{}{"type": "nested", "dynamic": "strict", "properties": properties(f.Fields)}
	}
	panic(fmt.Sprintf("opensearch: field %s has type %q, which has no mapping", f.Name, f.Type))
}

// WriteTemplate writes the template (Template) as indented JSON.
func WriteTemplate(w io.Writer) error {
	b, err := json.MarshalIndent(Template(), "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Action is the action line of a bulk request that (re)indexes a document.
type Action struct {
	Index struct {
		ID string `json:"_id"`
	} `json:"index"`
}

// pageSize is the number of hits read per Search call.
const pageSize = 500

// WriteBulk writes, for every document query q matches (all for ""), an
// index action line and the document line, in the NDJSON form of the bulk
// API, and returns the number of documents. The output is streamed: there
// is no limit on its size.
func WriteBulk(ctx context.Context, w io.Writer, ix *index.Index, q string) (int, error) {
	if strings.TrimSpace(q) == "" {
		q = "*"
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	for off := 0; ; off += pageSize {
		res, err := ix.Search(ctx, q, index.SearchOptions{Limit: pageSize, Offset: off, FacetSize: -1, WithRecord: true, Sort: "path"})
		if err != nil {
			return n, err
		}
		for _, h := range res.Hits {
			if h.Record == nil {
				continue
			}
			doc, err := ix.SearchDocument(h.ID)
			if err != nil {
				return n, err
			}
			var a Action
			a.Index.ID = h.Record.Source.SHA256
			if err := enc.Encode(a); err != nil {
				return n, err
			}
			if err := enc.Encode(doc); err != nil {
				return n, err
			}
			n++
		}
		if len(res.Hits) < pageSize || uint64(off+pageSize) >= res.Total {
			return n, nil
		}
	}
}
