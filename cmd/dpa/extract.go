package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index/export"
)

func runExtract(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("extract", "[options] PATH...")
	asJSON := fs.Bool("json", false, "print one JSON record per document (JSON Lines)")
	explain := fs.Bool("explain", false, "print, per scored field, the candidates considered with their cues and score, kept and dropped")
	var sh shard
	fs.Var(&sh, "shard", "read only shard `I/N` (I from 0 to N-1): the files whose content's SHA-256 is I modulo N; JSON Lines (implies --json)")
	withText := fs.Bool("text", false, "with --json: add each document's text and page ranges to its record, for dpa index --records on another machine")
	outFile := fs.String("o", "", "write to this `FILE` (complete, or not at all) instead of stdout")
	var rf readFlags
	rf.register(fs)
	p, err := rf.pipeline(m, fs, args)
	if err != nil {
		return err
	}
	defer p.log.Sync()
	if sh.n > 0 {
		if *explain {
			return usageError{"--shard writes JSON Lines records; --explain is for one file at a time"}
		}
		*asJSON = true
	}
	if *withText && !*asJSON {
		return usageError{"--text adds the text to JSON records: give --json (or --shard)"}
	}
	o := extractOutput{json: *asJSON, text: *withText, explain: *explain, shard: sh}
	if *outFile == "" {
		return o.run(ctx, m, p, fs.Args())
	}
	// The file is written whole or not at all: a run that is interrupted
	// leaves no half file that a merge could take for a finished shard.
	var runErr error
	err = writeFileAtomic(*outFile, func(w io.Writer) error {
		runErr = o.run(ctx, &Main{Stdout: w, Stderr: m.Stderr}, p, fs.Args())
		if ctx.Err() != nil {
			return runErr
		}
		return nil
	})
	if runErr != nil {
		return runErr
	}
	return err
}

// extractOutput is what dpa extract prints, and of which shard.
type extractOutput struct {
	json, text, explain bool
	shard               shard
}

// run reads the files under roots (those of the shard) and prints one
// record or summary per document to m.Stdout.
func (o extractOutput) run(ctx context.Context, m *Main, p *pipeline, roots []string) error {
	files, errs := corpus.Discover(roots)
	files, errs = o.shard.files(files), o.shard.errors(errs, roots)
	failed := len(errs)
	for _, err := range errs {
		fmt.Fprintln(m.Stderr, "error:", printable(err.Error(), false))
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	var werr error
	p.run(ctx, files, func(res result) {
		if res.err != nil {
			if ctx.Err() != nil {
				return // interrupted: main says so once
			}
			failed++
			fmt.Fprintln(m.Stderr, "error:", printable(res.err.Error(), false))
			return
		}
		if res.skip != "" {
			fmt.Fprintf(m.Stderr, "skipped: %s: %s (--all keeps it)\n", quote(res.file.Path), printable(res.skip, false))
			return
		}
		if o.explain {
			printExplanation(m, res.doc)
			return
		}
		if o.json {
			var v any = res.record
			if o.text {
				v = textRecord{Record: res.record, Text: &res.doc.Text, Pages: res.doc.Pages}
			}
			if err := enc.Encode(v); err != nil && werr == nil {
				werr = err
				fmt.Fprintln(m.Stderr, "error:", err)
			}
			return
		}
		printSummary(m, res.record)
	})
	if ctx.Err() != nil {
		return interrupted{"the records printed so far are complete"}
	}
	if werr != nil {
		return werr
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}

// printExplanation prints the record's summary and what the scored field
// extractors weighed to reach it.
func printExplanation(m *Main, doc *corpus.Document) {
	rec, e := extract.Explain(doc)
	printSummary(m, rec)
	fmt.Fprintln(m.Stdout)
	if err := e.WriteText(m.Stdout); err != nil {
		fmt.Fprintln(m.Stderr, "error:", err)
	}
	fmt.Fprintln(m.Stdout)
}

// printSummary prints a few lines a person can read about one record.
func printSummary(m *Main, r *extract.Record) {
	str := func(s *string) string {
		if s == nil {
			return "–"
		}
		return *s
	}
	list := func(items []string, sep string) string {
		if len(items) == 0 {
			return "–"
		}
		return strings.Join(items, sep)
	}
	var subs, keep []string
	for _, s := range r.Subprocessors {
		subs = append(subs, fmt.Sprintf("%s (%s)", s.Name, strings.Join(s.Countries, ",")))
	}
	for _, k := range r.Retention {
		keep = append(keep, export.RetentionText(k))
	}
	eea := "not stated"
	if r.OutsideEEA != nil {
		eea = "no"
		if *r.OutsideEEA {
			var cs []string
			for _, t := range r.Transfers {
				s := fmt.Sprintf("%s (adequacy %s", t.Country, t.Adequacy)
				if len(t.Safeguards) > 0 {
					s += "; " + strings.Join(t.Safeguards, ", ")
				}
				cs = append(cs, s+")")
			}
			if len(cs) == 0 {
				cs = r.OutsideEEACountries
			}
			eea = "yes: " + strings.Join(cs, ", ")
		}
	}
	biv, breach := "–", "–"
	if r.BIV != nil {
		level := func(l [2]int) string {
			if l[0] == l[1] {
				return fmt.Sprint(l[0])
			}
			return fmt.Sprintf("%d–%d", l[0], l[1])
		}
		biv = fmt.Sprintf("B %s, I %s, V %s", level(r.BIV.Availability), level(r.BIV.Integrity), level(r.BIV.Confidentiality))
	}
	if r.BreachHours != nil {
		breach = fmt.Sprintf("%d hours", *r.BreachHours)
	}
	// Values come from the document: nothing in them may reach the terminal as a command.
	put := func(format string, args ...any) {
		fmt.Fprintln(m.Stdout, printable(fmt.Sprintf(format, args...), false))
	}
	fmt.Fprintln(m.Stdout, quote(r.Source.Path))
	put("  kind:           %s, model %s, %s, version %s", r.Kind, str(r.ModelVersion), str(r.LegalBasis), str(r.VersionDate))
	put("  processor:      %s, %s %s, KvK %s", str(r.Processor.Name), str(r.Processor.Postcode), str(r.Processor.City), str(r.Processor.KvK))
	put("  products:       %s", list(r.Products, ", "))
	put("  sub-processors: %s", list(subs, "; "))
	put("  outside EEA:    %s", eea)
	put("  retention:      %s", list(keep, "; "))
	put("  BIV:            %s; breach notice %s", biv, breach)
	put("  data:           %s (of %s)", list(r.DataCategories, ", "), list(r.SubjectGroups, ", "))
	for _, warning := range r.Warnings {
		put("  warning:        %s", warning)
	}
}
