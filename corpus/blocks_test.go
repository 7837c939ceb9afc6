package corpus_test

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/blocks"
)

var update = flag.Bool("update", false, "rewrite the golden block dumps under testdata/blocks")

// fixtures lists the readable agreement files under testdata: every text,
// HTML, DOCX and PDF file outside the folders of bad input and generators.
func fixtures(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir("../testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "bad", "gen", "blocks", "golden":
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(p) {
		case ".txt", ".md", ".html", ".docx", ".pdf":
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// structured lists the formats whose reader builds blocks.
var structured = map[corpus.Format]bool{corpus.FormatText: true, corpus.FormatHTML: true, corpus.FormatDOCX: true, corpus.FormatPDF: true}

// openFixture opens a fixture, skipping the ones that are meant not to open.
func openFixture(t *testing.T, path string) *corpus.Document {
	t.Helper()
	files, errs := corpus.Discover([]string{path})
	if len(errs) > 0 || len(files) != 1 {
		t.Skipf("Discover(%s) = %v, %v", path, files, errs)
	}
	doc, err := corpus.Open(context.Background(), files[0], corpus.Options{})
	if err != nil {
		t.Skip(err)
	}
	return doc
}

// TestBlockInvariants reads every fixture and checks its blocks: spans
// inside the text, in order and not overlapping, parts inside their block,
// cells trimmed, each block on the page its start lies on.
func TestBlockInvariants(t *testing.T) {
	for _, p := range fixtures(t) {
		t.Run(strings.TrimPrefix(p, "../testdata/"), func(t *testing.T) {
			doc := openFixture(t, p)
			if err := blocks.Check(doc.Text, doc.Blocks); err != nil {
				t.Fatal(err)
			}
			for _, b := range doc.Blocks {
				if want := doc.PageAt(b.Start).Number; b.Page != want {
					t.Errorf("%s at %d: page %d, want %d", b.Kind, b.Start, b.Page, want)
				}
				if q := doc.Slice(b.Text); q != doc.Text[b.Text.Start:b.Text.End] {
					t.Errorf("%s: quote %q", b.Kind, q)
				}
			}
			if structured[doc.Source.Format] && len(doc.Blocks) == 0 && strings.TrimSpace(doc.Text) != "" {
				t.Errorf("%s: no blocks", doc.Source.Format)
			}
		})
	}
}

// TestBlockGolden compares the block dump of every fixture that has a
// golden file under testdata/blocks with it; -update writes them all.
func TestBlockGolden(t *testing.T) {
	for _, p := range fixtures(t) {
		rel := strings.TrimPrefix(p, "../testdata/")
		t.Run(rel, func(t *testing.T) {
			doc := openFixture(t, p)
			got := blocks.Dump(doc.Text, doc.Blocks)
			golden := filepath.Join("../testdata/blocks", strings.ReplaceAll(rel, "/", "_")+".blocks")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if errors.Is(err, fs.ErrNotExist) {
				// A fixture added since: TestBlockInvariants covers it;
				// -update gives it a golden dump.
				t.Skipf("no golden dump %s (go test ./corpus -run TestBlockGolden -update)", golden)
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("blocks of %s differ from %s:\n%s", rel, golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first lines where two dumps differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  - " + wl + "\n  + " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

// TestBlocksAcrossFormats reads the same invented agreements as text and
// in every other format that builds blocks, and checks that they give the
// same tables (the same cell texts) and the same heading titles.
func TestBlocksAcrossFormats(t *testing.T) {
	for _, name := range []string{"leerlijn-verwerkersovereenkomst", "vakwerkplaats-model4"} {
		txt := open(t, "../testdata/agreements/"+name+".txt")
		wantTables, wantHeads := tablesAndHeadings(txt)
		if len(wantTables) == 0 || len(wantHeads) == 0 {
			t.Fatalf("%s.txt: %d tables, %d headings", name, len(wantTables), len(wantHeads))
		}
		for _, ext := range []string{".html", ".docx"} {
			t.Run(name+ext, func(t *testing.T) {
				doc := open(t, "../testdata/formats/"+name+ext)
				if !structured[doc.Source.Format] {
					t.Skipf("%s builds no blocks yet", doc.Source.Format)
				}
				tables, heads := tablesAndHeadings(doc)
				if got, want := strings.Join(tables, "\n"), strings.Join(wantTables, "\n"); got != want {
					t.Errorf("tables differ from the text file's:\n%s", lineDiff(want, got))
				}
				if got, want := strings.Join(heads, "\n"), strings.Join(wantHeads, "\n"); got != want {
					t.Errorf("headings differ from the text file's:\n%s", lineDiff(want, got))
				}
			})
		}
	}
}

// tablesAndHeadings lists the rows of a document's tables (one line of cell
// texts per row) and its numbered headings (marker and title). Where one
// table ends and the next begins is not compared: the generator of
// testdata/formats joins tables that follow each other into one.
func tablesAndHeadings(doc *corpus.Document) (tables, heads []string) {
	for _, b := range doc.Blocks {
		switch b.Kind {
		case corpus.BlockTable:
			for _, r := range b.Table.Rows {
				var cells []string
				for _, c := range r.Cells {
					cells = append(cells, c.Text(doc.Text))
				}
				tables = append(tables, strings.Join(cells, " ¦ "))
			}
		case corpus.BlockHeading:
			if b.Marker != "" {
				heads = append(heads, b.Marker+" "+doc.Slice(b.Text))
			}
		}
	}
	return tables, heads
}
