package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden records under testdata/golden")

// fixtureDocument reads an invented agreement from testdata/agreements as a
// text Document; a form feed splits it into pages.
func fixtureDocument(t testing.TB, path string) *corpus.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pages []corpus.PageText
	for _, p := range strings.Split(string(data), "\f") {
		pages = append(pages, corpus.PageText{Text: strings.TrimPrefix(p, "\n")})
	}
	name := filepath.Base(path)
	src := corpus.Source{Path: name, Paths: []string{name}, Format: corpus.FormatText, Bytes: int64(len(data)), Modified: time.Time{}}
	doc := corpus.NewDocument(src, pages)
	// the block model as dpa's text reader builds it (corpus.Open)
	for _, p := range doc.Pages {
		for _, b := range markdown.Blocks(doc.Text, p.Start, p.End) {
			b.Page = p.Number
			doc.Blocks = append(doc.Blocks, b)
		}
	}
	doc.Blocks = blocks.Tidy(doc.Text, doc.Blocks)
	return doc
}

func fixtures(t testing.TB) []string {
	paths, err := filepath.Glob("../testdata/agreements/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestGolden extracts every fixture agreement and compares the record with
// its golden file; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, path := range fixtures(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			rec := Extract(fixtureDocument(t, path))
			got, err := json.MarshalIndent(rec, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("../testdata/golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("record differs from %s (go test ./extract -update rewrites it):\n%s", golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// TestEvidenceQuotes checks, for every fixture, that every evidence quote is
// the document text at its offsets and lies on the page it names.
func TestEvidenceQuotes(t *testing.T) {
	for _, path := range fixtures(t) {
		doc := fixtureDocument(t, path)
		rec := Extract(doc)
		for field, evs := range rec.Evidence {
			for _, ev := range evs {
				if ev.Start < 0 || ev.End > len(doc.Text) || ev.Start > ev.End {
					t.Errorf("%s: %s: span [%d,%d) outside the text", path, field, ev.Start, ev.End)
					continue
				}
				if doc.Text[ev.Start:ev.End] != ev.Quote {
					t.Errorf("%s: %s: quote %q is not the text at [%d,%d)", path, field, ev.Quote, ev.Start, ev.End)
				}
				if p := doc.PageAt(ev.Start); p.Number != ev.Page {
					t.Errorf("%s: %s: evidence says page %d, text is on page %d", path, field, ev.Page, p.Number)
				}
			}
		}
	}
}

// lineDiff shows the lines of want and got that differ, in order.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := max(len(w), len(g))
	shown := 0
	for i := 0; i < n && shown < 40; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("- " + wl + "\n+ " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
