package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/extract/review"
)

// runDPA runs dpa with args and returns stdout, stderr and the exit status.
func runDPA(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := (&Main{Stdout: &stdout, Stderr: &stderr}).Run(context.Background(), args)
	return stdout.String(), stderr.String(), code
}

func decodeReviews(t *testing.T, out string) []review.Report {
	t.Helper()
	var reps []review.Report
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var r review.Report
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		reps = append(reps, r)
	}
	return reps
}

// TestReviewCommand reviews a Wbp-era sample by path and through an
// index: the same findings either way, its gaps by the 4.0 standard named.
func TestReviewCommand(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "agreements", "rekenpad-bewerkersovereenkomst.txt")
	out, errOut, code := runDPA(t, "review", "--json", "--ocr=off", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	reps := decodeReviews(t, out)
	if len(reps) != 1 {
		t.Fatalf("%d reviews, want 1", len(reps))
	}
	r := reps[0]
	if r.Kind != "bewerkersovereenkomst" || r.Standard != "4.0" || r.Summary.State != review.StateRed {
		t.Errorf("review: kind %s, standard %s, state %s", r.Kind, r.Standard, r.Summary.State)
	}
	byID := map[string]review.Finding{}
	for _, f := range r.Findings {
		byID[f.Obligation] = f
		if (f.Status == review.Missing || f.Status == review.Deviating) && f.Risk == "" {
			t.Errorf("%s: %s without a risk", f.Obligation, f.Status)
		}
		if f.Status == review.Missing && f.LookedIn == "" {
			t.Errorf("%s: missing without saying where it was looked for", f.Obligation)
		}
	}
	if f := byID["liability"]; f.Status != review.Missing || !strings.Contains(f.Reason, "not in model 2.0") {
		t.Errorf("liability: %+v, want missing, not in model 2.0", f)
	}
	if f := byID["breach_notification"]; f.Status != review.Deviating || !strings.Contains(f.Reason, "48 h") || len(f.Evidence) == 0 {
		t.Errorf("breach_notification: %+v, want deviating at 48 h with evidence", f)
	}

	dir := t.TempDir()
	if _, errOut, code := runDPA(t, "index", "--index", dir, "--ocr=off", path); code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	out, errOut, code = runDPA(t, "review", "--index", dir, "--json")
	if code != 0 {
		t.Fatalf("review --index: exit %d: %s", code, errOut)
	}
	fromIndex := decodeReviews(t, out)
	if len(fromIndex) != 1 || !reflect.DeepEqual(fromIndex[0].Findings, r.Findings) {
		t.Errorf("review --index differs from the review of the file:\n%+v\n%+v", fromIndex, r.Findings)
	}

	out, errOut, code = runDPA(t, "export", "--index", dir, "--format", "csv")
	if code != 0 || !strings.Contains(out, "Toets model 4.0;Ontbrekende verplichtingen;Afwijkende verplichtingen") ||
		!strings.Contains(out, ";"+r.Summary.Label()+";") || !strings.Contains(out, "liability") {
		t.Errorf("export csv lacks the review columns (exit %d, %s):\n%s", code, errOut, out)
	}

	out, _, _ = runDPA(t, "review", "--problems", "--ocr=off", path)
	if !strings.Contains(out, "missing   medium liability") || strings.Contains(out, "present") {
		t.Errorf("table with --problems:\n%s", out)
	}
}

func TestReviewUsage(t *testing.T) {
	if _, errOut, code := runDPA(t, "review"); code != exitUsage || !strings.Contains(errOut, "--index DIR") {
		t.Errorf("review without paths: exit %d, %q", code, errOut)
	}
}

// TestReviewModel compares an agreement with a model text made for the
// test: one article changed in substance, one left out, one added.
func TestReviewModel(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model.txt")
	agreement := filepath.Join(dir, "verwerkersovereenkomst.txt")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(model, "Model Verwerkersovereenkomst\n\nArtikel 1: Datalekken\nVerwerker meldt een Datalek binnen 24 uur aan Onderwijsinstelling.\n\nArtikel 2: Aansprakelijkheid\nPartijen regelen de aansprakelijkheid in de hoofdovereenkomst.\n")
	write(agreement, "Verwerkersovereenkomst Oefenveld\n\nArtikel 1: Datalekken\nVerwerker meldt een Datalek binnen 72 uur aan Onderwijsinstelling.\n\nArtikel 2: Reclame\nVerwerker stuurt geen reclame.\n")
	out, errOut, code := runDPA(t, "review", "--model", model, "--problems", "--all", agreement)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"art. 1   Datalekken                               substantive",
		"model:     Verwerker meldt een Datalek binnen [-24-] uur aan Onderwijsinstelling.",
		"agreement: Verwerker meldt een Datalek binnen {+72+} uur aan Onderwijsinstelling.",
		"art. 2   Aansprakelijkheid                        missing",
		"art. 2   Reclame                                  added",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, errOut, code := runDPA(t, "review", "--model", filepath.Join(dir, "absent.txt"), agreement); code != exitFailed || !strings.Contains(errOut, "absent.txt") {
		t.Errorf("absent model: exit %d, %q", code, errOut)
	}
}
