package opensearch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index"
)

// wantType is the OpenSearch type of each schema type.
var wantType = map[index.FieldType]string{
	index.TypeText: "text", index.TypeKeyword: "keyword", index.TypeName: "keyword", index.TypeBool: "boolean",
	index.TypeNumber: "double", index.TypeDate: "date", index.TypeJSON: "object", index.TypeStored: "text",
	index.TypeNested: "nested",
}

// templateMapping returns the template's mappings after a JSON round trip,
// as a cluster reads it.
func templateMapping(t *testing.T) (mappings, settings map[string]interface{}) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	var tpl struct {
		Patterns []string `json:"index_patterns"`
		Template struct {
			Settings map[string]interface{} `json:"settings"`
			Mappings map[string]interface{} `json:"mappings"`
		} `json:"template"`
	}
	if err := json.Unmarshal(buf.Bytes(), &tpl); err != nil {
		t.Fatalf("the template is not JSON: %v", err)
	}
	if len(tpl.Patterns) != 1 || tpl.Patterns[0] != DefaultPattern {
		t.Errorf("index_patterns = %v", tpl.Patterns)
	}
	return tpl.Template.Mappings, tpl.Template.Settings
}

// TestTemplateMatchesSchema checks the template against the field table:
// every field of index.Schema() but bleve's devices is mapped with the
// type of its kind, nothing else is, names carry their words with the
// analyzer the settings define, text the Dutch analyzer, and the mapping
// is strict.
func TestTemplateMatchesSchema(t *testing.T) {
	m, settings := templateMapping(t)
	if m["dynamic"] != "strict" {
		t.Errorf("dynamic = %v, want strict", m["dynamic"])
	}
	analyzers := settings["analysis"].(map[string]interface{})["analyzer"].(map[string]interface{})
	if _, ok := analyzers[NameAnalyzer]; !ok {
		t.Fatalf("settings define no %s analyzer", NameAnalyzer)
	}
	props := m["properties"].(map[string]interface{})
	checkFields(t, "", index.Schema(), props, analyzers)
}

func checkFields(t *testing.T, at string, fields []index.Field, props map[string]interface{}, analyzers map[string]interface{}) {
	t.Helper()
	mapped := 0
	objects := map[string]bool{}
	for _, f := range fields {
		if f.Engine == index.BleveOnly {
			if _, ok := props[f.Name]; ok {
				t.Errorf("%s%s is bleve's own, yet in the template", at, f.Name)
			}
			continue
		}
		p := props
		name := f.Name
		if parent, child, ok := strings.Cut(f.Name, "."); ok {
			obj, _ := props[parent].(map[string]interface{})
			if obj == nil || obj["properties"] == nil {
				t.Errorf("%s%s: no object %s", at, f.Name, parent)
				continue
			}
			if !objects[parent] {
				objects[parent] = true
				mapped++
			}
			p, name = obj["properties"].(map[string]interface{}), child
		} else {
			mapped++
		}
		fm, _ := p[name].(map[string]interface{})
		if fm == nil {
			t.Errorf("%s%s is not in the template", at, f.Name)
			continue
		}
		if fm["type"] != wantType[f.Type] {
			t.Errorf("%s%s: type %v, want %s", at, f.Name, fm["type"], wantType[f.Type])
		}
		switch f.Type {
		case index.TypeText:
			if fm["analyzer"] != DutchAnalyzer {
				t.Errorf("%s%s: analyzer %v, want %s", at, f.Name, fm["analyzer"], DutchAnalyzer)
			}
		case index.TypeName:
			words, _ := fm["fields"].(map[string]interface{})["words"].(map[string]interface{})
			if words == nil || words["type"] != "text" || analyzers[words["analyzer"].(string)] == nil {
				t.Errorf("%s%s: want a words sub-field with a defined analyzer, got %v", at, f.Name, fm["fields"])
			}
		case index.TypeJSON:
			if fm["enabled"] != false {
				t.Errorf("%s%s: a JSON field must not be indexed", at, f.Name)
			}
		case index.TypeNested:
			checkFields(t, at+f.Name+".", f.Fields, fm["properties"].(map[string]interface{}), analyzers)
		}
	}
	if mapped != len(props) {
		t.Errorf("%s: the template maps %d fields, the schema %d", at, len(props), mapped)
	}
}

// buildIndex indexes the bundled agreements with the real extractor.
func buildIndex(t *testing.T) *index.Index {
	t.Helper()
	ctx := context.Background()
	ix, err := index.Open(t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	u, err := ix.Update(ctx, []string{"../../testdata/agreements", "../../testdata/formats"}, index.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range u.Files() {
		doc, err := corpus.Open(ctx, f, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := u.Add(f, doc, extract.Extract(doc)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := u.Finish(); err != nil {
		t.Fatal(err)
	}
	return ix
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// TestBulkFitsTemplate writes the bulk NDJSON of an index of the bundled
// agreements and checks its structure: action and document lines in pairs,
// each action an index action whose _id is the content SHA-256 of the
// document's record, ids unique, and every document accepted by the
// template's strict mapping, value by value.
func TestBulkFitsTemplate(t *testing.T) {
	ix := buildIndex(t)
	var buf bytes.Buffer
	n, err := WriteBulk(context.Background(), &buf, ix, "")
	if err != nil {
		t.Fatal(err)
	}
	count, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 || n > count {
		t.Fatalf("%d documents written, the index holds %d", n, count)
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte("\n")) {
		t.Error("a bulk body must end with a newline")
	}
	m, _ := templateMapping(t)
	props := m["properties"].(map[string]interface{})
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 64<<20)
	var lines [][]byte
	for sc.Scan() {
		lines = append(lines, append([]byte(nil), sc.Bytes()...))
	}
	if len(lines) != 2*n {
		t.Fatalf("%d lines for %d documents, want %d", len(lines), n, 2*n)
	}
	ids := map[string]bool{}
	nested := 0
	for i := 0; i < len(lines); i += 2 {
		var action map[string]map[string]interface{}
		if err := json.Unmarshal(lines[i], &action); err != nil || len(action) != 1 || action["index"] == nil || len(action["index"]) != 1 {
			t.Fatalf("line %d is no index action: %s", i+1, lines[i])
		}
		id, _ := action["index"]["_id"].(string)
		if !sha256Hex.MatchString(id) || ids[id] {
			t.Fatalf("line %d: _id %q is no new SHA-256", i+1, id)
		}
		ids[id] = true
		var doc map[string]interface{}
		if err := json.Unmarshal(lines[i+1], &doc); err != nil {
			t.Fatalf("line %d is no document: %v", i+2, err)
		}
		rec := doc["record"].(map[string]interface{})
		if rec["source"].(map[string]interface{})["sha256"] != id {
			t.Errorf("line %d: _id %s is not the record's content SHA-256", i+1, id)
		}
		if s, _ := doc["text"].(string); len(s) < 100 {
			t.Errorf("line %d: no text", i+2)
		}
		if _, ok := doc["subprocessors"]; ok {
			nested++
		}
		fits(t, fmt.Sprintf("line %d:", i+2), doc, props)
	}
	if nested == 0 {
		t.Error("no document has nested sub-processors: the fixtures miss what the test checks")
	}
}

// fits checks that doc is accepted by a strict mapping with props.
func fits(t *testing.T, at string, doc map[string]interface{}, props map[string]interface{}) {
	t.Helper()
	for key, v := range doc {
		fm, _ := props[key].(map[string]interface{})
		if fm == nil {
			t.Errorf("%s %s is not in the strict mapping", at, key)
			continue
		}
		if sub, ok := fm["properties"].(map[string]interface{}); ok && fm["type"] == nil {
			o, ok := v.(map[string]interface{})
			if !ok {
				t.Errorf("%s %s: want an object, got %T", at, key, v)
				continue
			}
			fits(t, at+" "+key+".", o, sub)
			continue
		}
		values, ok := v.([]interface{})
		if !ok {
			values = []interface{}{v}
		}
		for _, x := range values {
			if x == nil {
				continue
			}
			ok := true
			switch fm["type"] {
			case "text", "keyword":
				_, ok = x.(string)
			case "boolean":
				_, ok = x.(bool)
			case "double":
				_, ok = x.(float64)
			case "date":
				s, isString := x.(string)
				_, err := time.Parse(time.RFC3339, s)
				ok = isString && err == nil
			case "object":
				// not indexed: any JSON
			case "nested":
				o, isObject := x.(map[string]interface{})
				ok = isObject
				if ok {
					fits(t, at+" "+key+"[].", o, fm["properties"].(map[string]interface{}))
				}
			default:
				ok = false
			}
			if !ok {
				t.Errorf("%s %s: %T %v does not fit type %v", at, key, x, x, fm["type"])
			}
		}
	}
}
