package review

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/testdata/layoutgen"
	"github.com/dpa-nl/dpa/testdata/modelgen"
)

// reviewBytes reviews a document given as bytes, through a file as dpa reads it.
func reviewBytes(t *testing.T, name string, data []byte) *Report {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := corpus.Open(context.Background(), corpus.File{Path: path, Paths: []string{path}}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := Review(doc, extract.Extract(doc))
	checkEvidence(t, name, doc.Text, rep)
	return rep
}

// checkEvidence checks that every quote of rep is the text at its place.
func checkEvidence(t *testing.T, name, text string, rep *Report) {
	t.Helper()
	var evs []Evidence
	for _, f := range rep.Findings {
		evs = append(evs, f.Evidence...)
	}
	for _, d := range rep.Deviations {
		evs = append(evs, d.Evidence)
	}
	for _, e := range evs {
		if e.Start < 0 || e.End > len(text) || e.Start > e.End || text[e.Start:e.End] != e.Quote || e.Page < 1 {
			t.Errorf("%s: evidence %+v is not the text at its place", name, e)
		}
	}
}

func flagged(f Finding) bool { return f.Status == Missing || f.Status == Deviating }

// seeds is how many invented agreements each case is applied to; the
// default keeps make test quick, -review.seeds=6 tries more.
var seeds = flag.Int("review.seeds", 2, "invented agreements per generated case")

// TestGeneratedCases is the property the review must have: in an invented
// model-style agreement with one obligation removed or weakened, that
// obligation is flagged, and at most one other finding per ten agreements
// is raised; the full agreements raise none.
func TestGeneratedCases(t *testing.T) {
	cases := modelgen.Cases()
	generatedSeeds := make([]uint64, *seeds)
	for i := range generatedSeeds {
		generatedSeeds[i] = uint64(i + 1)
	}
	if n := len(cases) * len(generatedSeeds); n < 40 {
		t.Fatalf("%d generated cases, want at least 40", n)
	}
	agreements, falseFindings := 0, 0
	var missed []string
	for _, seed := range generatedSeeds {
		for _, c := range append([]modelgen.Case{{}}, cases...) {
			opt := modelgen.Options{Deviations: seed%2 == 0, Markdown: seed%2 == 1}
			rep := reviewBytes(t, modelgen.Describe(seed, c)+".txt", modelgen.Text(modelgen.Render(seed, c, opt)))
			agreements++
			hit := c.Mode == "" || c.Mode == modelgen.Full
			var others []string
			for _, f := range rep.Findings {
				switch {
				case f.Obligation == c.Obligation:
					hit = flagged(f)
					if c.Mode == modelgen.Weakened && opt.Deviations && articleOfCase(c) && !f.Motivated {
						t.Errorf("%s: the deviations annex motivates it, the finding does not say so: %+v", modelgen.Describe(seed, c), f)
					}
				case flagged(f):
					others = append(others, fmt.Sprintf("%s (%s: %s)", f.Obligation, f.Status, f.Reason))
				}
			}
			falseFindings += len(others)
			result := "flagged"
			if !hit {
				result = "MISSED"
				missed = append(missed, modelgen.Describe(seed, c))
			}
			if c.Obligation == "" {
				result = "full agreement"
			}
			t.Logf("%-40s %-14s false findings: %d %s", modelgen.Describe(seed, c), result, len(others), strings.Join(others, "; "))
		}
	}
	t.Logf("%d agreements, %d cases missed, %d false findings", agreements, len(missed), falseFindings)
	if len(missed) > 0 {
		t.Errorf("cases not flagged: %s", strings.Join(missed, ", "))
	}
	if falseFindings*10 > agreements {
		t.Errorf("%d false findings in %d agreements, want at most 1 per 10", falseFindings, agreements)
	}
}

// articleOfCase reports whether the generator writes a deviations item for c.
func articleOfCase(c modelgen.Case) bool {
	o := Lookup(c.Obligation)
	return o != nil && o.Scope == ScopeAgreement && o.ID != "transfer_safeguard" && o.ID != "deviations_motivated"
}

// TestGeneratedFormats reviews the full agreement and a few cases as DOCX
// and HTML: the same obligation flagged, nothing else.
func TestGeneratedFormats(t *testing.T) {
	for _, c := range []modelgen.Case{{}, {Obligation: "breach_notification", Mode: modelgen.Weakened},
		{Obligation: "liability", Mode: modelgen.Removed}, {Obligation: "subprocessor_consent", Mode: modelgen.Weakened}} {
		d := modelgen.Render(3, c, modelgen.Options{})
		for ext, data := range map[string][]byte{".docx": layoutgen.DOCX(d), ".html": layoutgen.HTML(d)} {
			rep := reviewBytes(t, modelgen.Describe(3, c)+ext, data)
			for _, f := range rep.Findings {
				if flagged(f) != (f.Obligation == c.Obligation) {
					t.Errorf("%s%s: %s is %s (%s)", modelgen.Describe(3, c), ext, f.Obligation, f.Status, f.Reason)
				}
			}
		}
	}
}
