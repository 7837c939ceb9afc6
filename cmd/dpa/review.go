package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract/review"
	"github.com/dpa-nl/dpa/index"
)

func runReview(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("review", "[options] PATH... | --index DIR [QUERY]")
	asJSON := fs.Bool("json", false, "print one JSON review per agreement (JSON Lines)")
	dir := fs.String("index", "", "review the agreements of this index (those QUERY matches; all without one)")
	problems := fs.Bool("problems", false, "list only deviating and missing obligations")
	wait := fs.Duration("wait", 30*time.Second, "with --index: how long to wait for an index another dpa is writing")
	modelFile := fs.String("model", "", "compare each article with this text of the model (a file you supply: TXT, DOCX, PDF, HTML)")
	var rf readFlags
	rf.register(fs)
	var model *corpus.Document
	print := func(rep *review.Report, doc *corpus.Document) {
		if model != nil {
			rep.CompareWith(model.Text, doc)
		}
		if *asJSON {
			enc := json.NewEncoder(m.Stdout)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(rep); err != nil {
				fmt.Fprintln(m.Stderr, "error:", err)
			}
			return
		}
		printReview(m, rep, *problems)
	}
	loadModel := func() error {
		if *modelFile == "" {
			return nil
		}
		d, err := corpus.Open(ctx, corpus.File{Path: *modelFile, Paths: []string{*modelFile}}, corpus.Options{})
		if err != nil {
			return fmt.Errorf("--model: %w", err)
		}
		model = d
		return nil
	}
	if argsHave(args, "index") {
		if err := parse(fs, args); err != nil {
			return err
		}
		if err := loadModel(); err != nil {
			return err
		}
		return reviewIndex(ctx, m, *dir, strings.TrimSpace(strings.Join(fs.Args(), " ")), *wait, print)
	}
	p, err := rf.pipeline(m, fs, args)
	if err != nil {
		return err
	}
	defer p.log.Sync()
	if len(fs.Args()) == 0 {
		return usageError{"name the agreements to review (files or folders), or --index DIR"}
	}
	if err := loadModel(); err != nil {
		return err
	}
	files, errs := corpus.Discover(fs.Args())
	failed := len(errs)
	for _, err := range errs {
		fmt.Fprintln(m.Stderr, "error:", printable(err.Error(), false))
	}
	p.run(ctx, files, func(res result) {
		switch {
		case res.err != nil:
			if ctx.Err() == nil {
				failed++
				fmt.Fprintln(m.Stderr, "error:", printable(res.err.Error(), false))
			}
		case res.skip != "":
			fmt.Fprintf(m.Stderr, "skipped: %s: %s (--all keeps it)\n", quote(res.file.Path), printable(res.skip, false))
		default:
			print(review.Review(res.doc, res.record), res.doc)
		}
	})
	if ctx.Err() != nil {
		return interrupted{"the reviews printed so far are complete"}
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}

// argsHave reports whether args set the option name ("--index DIR",
// "-index=DIR").
func argsHave(args []string, name string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		a = strings.TrimLeft(a, "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

// reviewIndex reviews the stored text and record of each document the
// query q matches in the index at dir.
func reviewIndex(ctx context.Context, m *Main, dir, q string, wait time.Duration, print func(*review.Report, *corpus.Document)) error {
	ix, err := openForQuery(dir, q, wait)
	if err != nil {
		return err
	}
	defer ix.Close()
	if q == "" {
		q = "*"
	}
	const page = 200
	for off := 0; ; off += page {
		res, err := ix.Search(ctx, q, index.SearchOptions{Limit: page, Offset: off, FacetSize: -1, Sort: "path"})
		if err != nil {
			if errors.As(err, new(*index.SyntaxError)) {
				return usageError{err.Error()}
			}
			return err
		}
		for _, h := range res.Hits {
			if ctx.Err() != nil {
				return interrupted{"the reviews printed so far are complete"}
			}
			d, err := ix.Document(h.ID)
			if err != nil {
				return err
			}
			doc := &corpus.Document{Source: d.Record.Source, Text: d.Text, Pages: d.Pages}
			print(review.Review(doc, d.Record), doc)
		}
		if len(res.Hits) < page || uint64(off+page) >= res.Total {
			return nil
		}
	}
}

// printReview prints one review as a table a person reads.
func printReview(m *Main, rep *review.Report, problemsOnly bool) {
	put := func(format string, args ...any) {
		fmt.Fprintln(m.Stdout, printable(fmt.Sprintf(format, args...), false))
	}
	model := rep.ModelVersion
	if model == "" {
		model = "–"
	}
	fmt.Fprintln(m.Stdout, quote(rep.Path))
	put("  %s, model %s, reviewed against model %s: %s", rep.Kind, model, rep.Standard, rep.Summary.Label())
	fs := append([]review.Finding(nil), rep.Findings...)
	order := map[review.Status]int{review.Missing: 0, review.Deviating: 1, review.Present: 2, review.NotApplicable: 3}
	rank := map[review.Risk]int{review.RiskHigh: 0, review.RiskMedium: 1, review.RiskLow: 2, review.RiskNone: 3}
	sort.SliceStable(fs, func(i, j int) bool {
		if rank[fs[i].Risk] != rank[fs[j].Risk] {
			return rank[fs[i].Risk] < rank[fs[j].Risk]
		}
		return order[fs[i].Status] < order[fs[j].Status]
	})
	for _, f := range fs {
		if problemsOnly && (f.Status == review.Present || f.Status == review.NotApplicable) {
			continue
		}
		risk := string(f.Risk)
		if risk == "" {
			risk = "–"
		}
		where := ""
		switch {
		case len(f.Evidence) > 0:
			e := f.Evidence[0]
			where = fmt.Sprintf("p. %d “%s”", e.Page, truncate(strings.Join(strings.Fields(e.Quote), " "), 60))
		case f.LookedIn != "":
			where = "looked in: " + truncate(f.LookedIn, 70)
		}
		art := f.Article
		if !strings.HasPrefix(art, "Bijlage") {
			art = "art. " + art
		}
		if where != "" {
			where = " — " + where
		}
		status := string(f.Status)
		if f.Status == review.NotApplicable {
			status = "n/a"
		}
		put("  %-9s %-6s %-22s %-10s %s%s", status, risk, f.Obligation, art, f.Reason, where)
	}
	if len(rep.Comparison) > 0 {
		put("  compared with the model text:")
		for _, d := range rep.Comparison {
			put("    art. %-3s %-40s %s", d.Number, truncate(d.Title, 40), d.Alignment)
			if d.Alignment == review.Editorial || d.Alignment == review.Substantive {
				model, text := markedDiff(d.Diff)
				put("      model:     %s", model)
				put("      agreement: %s", text)
			}
		}
	}
	if len(rep.Deviations) > 0 {
		put("  deviations annex:")
		for _, d := range rep.Deviations {
			mot := "not motivated"
			if d.Motivated {
				mot = "motivated"
			}
			put("    p. %d %s → %s (%s)", d.Page, "“"+truncate(strings.Join(strings.Fields(d.Quote), " "), 60)+"”", strings.Join(d.Obligations, ", "), mot)
		}
	}
}

// markedDiff writes a word diff as two lines, the model's and the
// agreement's, with the words only one of them has marked [-so-] and
// {+so+}; long runs of equal words are shortened to their ends.
func markedDiff(diff []review.Segment) (model, text string) {
	var a, b []string
	for i, s := range diff {
		switch s.Op {
		case "equal":
			w := strings.Fields(s.Text)
			if len(w) > 8 {
				var keep []string
				if i > 0 {
					keep = append(keep, w[:3]...)
				}
				keep = append(keep, "…")
				if i < len(diff)-1 {
					keep = append(keep, w[len(w)-3:]...)
				}
				w = keep
			}
			a, b = append(a, w...), append(b, w...)
		case "delete":
			a = append(a, "[-"+s.Text+"-]")
		case "insert":
			b = append(b, "{+"+s.Text+"+}")
		}
	}
	return strings.Join(a, " "), strings.Join(b, " ")
}
