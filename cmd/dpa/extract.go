package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

func runExtract(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("extract", "[options] PATH...")
	asJSON := fs.Bool("json", false, "print one JSON record per document (JSON Lines)")
	workers := fs.Int("workers", 0, "files read in parallel (default: number of cores)")
	timeout := fs.Duration("timeout", 5*time.Minute, "time limit per file")
	var lf logFlags
	lf.register(fs)
	var of ocrFlags
	of.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"no PATH given"}
	}
	log, err := lf.logger(m.Stderr)
	if err != nil {
		return err
	}
	defer log.Sync()
	recognizer, err := of.recognizer(log, m.Stderr)
	if err != nil {
		return err
	}

	files, errs := corpus.Discover(fs.Args())
	failed := len(errs)
	for _, err := range errs {
		fmt.Fprintln(m.Stderr, "error:", err)
	}
	p := &pipeline{workers: *workers, timeout: *timeout, log: log, opts: corpus.Options{OCR: recognizer}, ocrName: of.engine().Name()}
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	p.run(ctx, files, func(res result) {
		if res.err != nil {
			failed++
			fmt.Fprintln(m.Stderr, "error:", res.err)
			return
		}
		if *asJSON {
			if err := enc.Encode(res.record); err != nil {
				fmt.Fprintln(m.Stderr, "error:", err)
			}
			return
		}
		printSummary(m, res.record)
	})
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}

// printSummary prints a few lines a person can read about one record.
func printSummary(m *Main, r *extract.Record) {
	str := func(s *string) string {
		if s == nil {
			return "–"
		}
		return *s
	}
	var subs []string
	for _, s := range r.Subprocessors {
		subs = append(subs, fmt.Sprintf("%s (%s)", s.Name, strings.Join(s.Countries, ",")))
	}
	eea := "unknown"
	if r.OutsideEEA != nil {
		eea = fmt.Sprint(*r.OutsideEEA)
	}
	fmt.Fprintf(m.Stdout, "%s\n  kind: %s, model %s, %s\n  processor: %s\n  products: %s\n  sub-processors: %s\n  outside EEA: %s %v\n",
		r.Source.Path, r.Kind, str(r.ModelVersion), str(r.LegalBasis), str(r.Processor.Name),
		strings.Join(r.Products, ", "), strings.Join(subs, "; "), eea, r.OutsideEEACountries)
	for _, w := range r.Warnings {
		fmt.Fprintf(m.Stdout, "  warning: %s\n", w)
	}
}
