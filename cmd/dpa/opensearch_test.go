package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportOpenSearch runs dpa export in both OpenSearch formats: the
// template is JSON with a strict mapping and needs no index; the bulk file
// holds an action and a document line per document of the index, each
// document's fields in the template (the structure is checked field by
// field in index/opensearch).
func TestExportOpenSearch(t *testing.T) {
	code, out, stderr := run(t, "export", "--format", "opensearch-mapping", "--index", filepath.Join(t.TempDir(), "none"))
	var tpl struct {
		Template struct {
			Mappings struct {
				Dynamic    string                     `json:"dynamic"`
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"mappings"`
		} `json:"template"`
	}
	if code != exitOK || json.Unmarshal([]byte(out), &tpl) != nil || tpl.Template.Mappings.Dynamic != "strict" {
		t.Fatalf("opensearch-mapping: exit %d, %.200s %s", code, out, stderr)
	}
	dir := t.TempDir()
	ixDir := filepath.Join(dir, "ix")
	if code, _, stderr := run(t, "index", "--index", ixDir, "--ocr=off", "../../testdata/agreements"); code != exitOK {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	bulk := filepath.Join(dir, "bulk.ndjson")
	if code, _, stderr := run(t, "export", "--index", ixDir, "--format", "opensearch-bulk", "-o", bulk, "kind:verwerkersovereenkomst"); code != exitOK {
		t.Fatalf("opensearch-bulk: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(bulk)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) < 4 || len(lines)%2 != 0 {
		t.Fatalf("%d lines, want action/document pairs", len(lines))
	}
	for i := 0; i < len(lines); i += 2 {
		var action struct {
			Index struct {
				ID string `json:"_id"`
			} `json:"index"`
		}
		var doc map[string]json.RawMessage
		if json.Unmarshal([]byte(lines[i]), &action) != nil || len(action.Index.ID) != 64 {
			t.Fatalf("line %d: no index action: %.100s", i+1, lines[i])
		}
		if err := json.Unmarshal([]byte(lines[i+1]), &doc); err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		if string(doc["kind"]) != `"verwerkersovereenkomst"` {
			t.Errorf("line %d: kind %s, want only what the query matches", i+2, doc["kind"])
		}
		for key := range doc {
			if _, ok := tpl.Template.Mappings.Properties[key]; !ok {
				t.Errorf("line %d: field %s is not in the template", i+2, key)
			}
		}
	}
	if code, _, stderr := run(t, "export", "--index", ixDir, "--format", "opensearch-bulk", "kind:("); code != exitUsage {
		t.Errorf("a bad query: exit %d, want %d: %s", code, exitUsage, stderr)
	}
}
