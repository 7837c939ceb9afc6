package pdf

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// minWordMatch is the smallest fraction of pdftotext's words our text must
// have, per file.
const minWordMatch = 0.98

// wordMatch returns the fraction of the words of ref (as a multiset) that
// text has, and the words of ref it lacks (at most 20).
func wordMatch(text, ref string) (float64, []string) {
	have := map[string]int{}
	for _, w := range strings.Fields(text) {
		have[w]++
	}
	refWords := strings.Fields(ref)
	if len(refWords) == 0 {
		return 1, nil
	}
	matched := 0
	var missing []string
	for _, w := range refWords {
		if have[w] > 0 {
			have[w]--
			matched++
		} else if len(missing) < 20 {
			missing = append(missing, w)
		}
	}
	return float64(matched) / float64(len(refWords)), missing
}

func TestWordMatch(t *testing.T) {
	tests := []struct {
		text, ref string
		want      float64
	}{
		{"a b c", "a b c", 1},
		{"a | b", "a b c d", 0.5},
		{"a a", "a a a a", 0.5},
		{"", "", 1},
		{"x", "y", 0},
	}
	for _, tc := range tests {
		if got, _ := wordMatch(tc.text, tc.ref); got != tc.want {
			t.Errorf("wordMatch(%q, %q) = %v, want %v", tc.text, tc.ref, got, tc.want)
		}
	}
}

// TestCorpusWordMatch compares our text of each born-digital corpus PDF with
// pdftotext's (without -layout). It skips when the corpus or pdftotext is absent.
func TestCorpusWordMatch(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "pdf", "*[0-9a-f].pdf"))
	if len(files) == 0 {
		t.Skipf("no corpus PDFs in %s", corpusDir)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	for _, f := range files {
		if strings.Contains(f, ".scanned.") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			ref, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			res, err := Read(context.Background(), f, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, p := range res.Pages {
				b.WriteString(p.Text)
			}
			frac, missing := wordMatch(b.String(), string(ref))
			t.Logf("word match %.4f (%d pages); missing e.g. %q", frac, len(res.Pages), missing)
			if frac < minWordMatch {
				t.Errorf("word match %.4f < %.2f", frac, minWordMatch)
			}
		})
	}
}
