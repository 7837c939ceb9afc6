package corpus_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/testdata/layoutgen"
)

// TestBlocksAcrossLayouts renders every layout of the layout generator as
// text, HTML and DOCX and checks that the three give the same table rows
// (cell texts) and the same numbered headings.
func TestBlocksAcrossLayouts(t *testing.T) {
	dir := t.TempDir()
	for _, l := range layoutgen.Layouts {
		doc, _ := l.Render()
		paths := map[string]string{}
		for ext, data := range map[string][]byte{l.TextExt(): layoutgen.Text(doc), "html": layoutgen.HTML(doc), "docx": layoutgen.DOCX(doc)} {
			paths[ext] = filepath.Join(dir, l.FileName(ext))
			if err := os.WriteFile(paths[ext], data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		wantTables, wantHeads := tablesAndHeadings(open(t, paths[l.TextExt()]))
		for _, ext := range []string{"html", "docx"} {
			t.Run(l.Name+"/"+ext, func(t *testing.T) {
				tables, heads := tablesAndHeadings(open(t, paths[ext]))
				if got, want := strings.Join(tables, "\n"), strings.Join(wantTables, "\n"); got != want {
					t.Errorf("tables differ from the text rendering's:\n%s", lineDiff(want, got))
				}
				if got, want := strings.Join(heads, "\n"), strings.Join(wantHeads, "\n"); got != want {
					t.Errorf("headings differ from the text rendering's:\n%s", lineDiff(want, got))
				}
			})
		}
	}
}
