package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dpa-nl/dpa/corpus/ocr"
)

// runDoctor lists the external programs and OCR languages dpa uses and
// whether they were found. It fails when scanned pages could not be read.
func runDoctor(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("doctor", "[options]")
	var of ocrFlags
	of.registerEngine(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	e := of.engine()
	r := e.Probe(ctx)
	for _, p := range []struct {
		prog ocr.Program
		use  string
	}{
		{r.Tesseract, "OCR of scanned pages and of images: JPEG, PNG, TIFF"},
		{r.Pdfimages, "taking a page's scan as is"},
		{r.Pdfinfo, "finding rotated pages"},
		{r.Pdftoppm, "rendering pages for OCR"},
	} {
		if p.prog.Err != nil {
			fmt.Fprintf(m.Stdout, "%-10s missing  (%s): %v\n", p.prog.Name, p.use, p.prog.Err)
			continue
		}
		fmt.Fprintf(m.Stdout, "%-10s %-8s %s (%s)\n", p.prog.Name, p.prog.Version, p.prog.Path, p.use)
	}
	if r.Tesseract.Err == nil {
		fmt.Fprintf(m.Stdout, "%-10s %s\n", "languages", strings.Join(r.Languages, " "))
	}
	for _, l := range strings.Split(r.Lang, "+") {
		state := "found"
		if slices.Contains(r.Missing, l) {
			state = "MISSING"
		}
		fmt.Fprintf(m.Stdout, "%-10s %s %s (OCR language, --ocr-lang)\n", "lang", l, state)
	}
	if !r.OK() {
		fmt.Fprintf(m.Stdout, "\nScanned pages and images cannot be read: %s.\n", e.InstallHint())
		return errSomeFailed
	}
	fmt.Fprintln(m.Stdout, "\nScanned pages and images can be read.")
	return nil
}
