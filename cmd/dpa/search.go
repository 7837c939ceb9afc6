package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/index/export"
)

const searchUsage = `[options] QUERY

Query syntax:
  Microsoft "buiten de EER"      free text (words, "phrases", prefix*)
  supplier:Heutink  product:…  subprocessor:Amazon   names, word by word
  country:US  kind:privacybijsluiter  model:4.0  legal_basis:AVG  category:bsn
  headquarters:US (hq:)   head office of a known sub-processor (provider gazetteer)
  outside_eea:true  failed:true                       booleans
  biv.confidentiality>=3  retention>P1Y  breach<=48  date>=2020   comparisons
  retention>"1 jaar"  retention<="18 maanden"  model<4.0             (Dutch or ISO periods)
  missing:biv  missing:breach  missing:subprocessor  …   documents without that field; one of
    supplier kvk product subprocessor country storage outside_eea retention biv rosa
    breach date model legal_basis category subject, or another name of the field
    (missing:subprocessors, missing:datalek, missing:bewaartermijn)
  AND, OR, NOT (or -term), parentheses; terms side by side mean AND
  at most 10 prefix and path: terms per query, 2 letters or more before a *
Options may stand before or after the query; put -- before a query that
starts with a dash (dpa search -- -kind:other).`

func runSearch(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("search", searchUsage)
	dir := fs.String("index", index.DefaultDir, "the index folder")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	asCSV := fs.Bool("csv", false, "print one CSV row per hit and match")
	limit := fs.Int("limit", 20, "the most documents listed")
	wait := fs.Duration("wait", index.DefaultTimeout, "how long to wait while another dpa writes a batch")
	record := fs.Bool("record", false, "with --json: include each hit's whole record")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"no QUERY given"}
	}
	if *asJSON && *asCSV {
		return usageError{"--json and --csv exclude each other"}
	}
	q := strings.Join(fs.Args(), " ")
	ix, err := openForQuery(*dir, q, *wait)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, q, index.SearchOptions{Limit: *limit, WithRecord: *record, Context: true})
	if err != nil {
		var se *index.SyntaxError
		if errors.As(err, &se) {
			return usageError{err.Error()}
		}
		return err
	}
	switch {
	case *asJSON:
		enc := json.NewEncoder(m.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case *asCSV:
		return writeHitsCSV(m.Stdout, res)
	}
	return writeHitsTable(m.Stdout, res)
}

// writeHitsTable prints one row per document, the other files of its
// agreement and the evidence of each match indented under it, then the
// facets.
func writeHitsTable(w io.Writer, res *index.Results) error {
	rows := [][]string{{"ID", "SUPPLIER", "KIND", "MODEL", "PATH"}}
	for _, h := range res.Hits {
		rows = append(rows, []string{h.ID[:min(12, len(h.ID))], truncate(orDash(h.Supplier), 40), h.Kind, orDash(h.Model), quote(h.Path)})
	}
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	line := func(r []string) {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)+2))
			}
		}
		fmt.Fprintln(w, printable(b.String(), false))
	}
	line(rows[0])
	for i, h := range res.Hits {
		line(rows[i+1])
		// The other files of the agreement (the same text in another
		// format or folder): the table counts agreements, not files.
		for _, p := range h.Paths {
			if p != h.Path {
				fmt.Fprintln(w, printable("    also: "+quote(p), false))
			}
		}
		for _, mt := range h.Matches {
			s := "    " + mt.Field + ": " + mt.Value
			if q := mt.Quote(); q != "" {
				page := ""
				if mt.Evidence != nil && mt.Evidence.Page > 0 {
					page = fmt.Sprintf("p.%d ", mt.Evidence.Page)
				}
				s += "  " + page + "“" + truncate(q, 120) + "”"
			}
			fmt.Fprintln(w, printable(s, false))
		}
		if h.Error != "" {
			fmt.Fprintln(w, "    now fails: "+printable(h.Error, false))
		}
	}
	shown := ""
	if len(res.Hits) < int(res.Total) {
		shown = fmt.Sprintf(", %d shown", len(res.Hits))
	}
	fmt.Fprintf(w, "\n%d documents match%s (%s)\n", res.Total, shown, res.Took.Round(1000))
	for _, f := range res.Facets {
		if len(f.Terms) == 0 {
			continue
		}
		var parts []string
		for _, t := range f.Terms {
			parts = append(parts, fmt.Sprintf("%s %d", t.Term, t.Count))
		}
		if f.Other > 0 {
			parts = append(parts, fmt.Sprintf("other %d", f.Other))
		}
		if f.Missing > 0 {
			parts = append(parts, fmt.Sprintf("none %d", f.Missing))
		}
		fmt.Fprintf(w, "%s: %s\n", f.Field, strings.Join(parts, ", "))
	}
	return nil
}

// writeHitsCSV prints one row per match (one per hit without matches),
// its path cell naming every file of the agreement, one a line,
// through the export's CSV writer: ';', a byte-order mark and formula
// cells defused, as Dutch Excel reads it.
func writeHitsCSV(w io.Writer, res *index.Results) error {
	rows := [][]string{{"id", "path", "supplier", "kind", "model_version", "outside_eea", "field", "value", "page", "quote", "error"}}
	for _, h := range res.Hits {
		eea := ""
		if h.OutsideEEA != nil {
			eea = export.YesNo(h.OutsideEEA)
		}
		// Every file of the agreement, one a line, as dpa export's Bestand.
		paths := h.Path
		if len(h.Paths) > 0 {
			paths = strings.Join(h.Paths, "\n")
		}
		row := []string{h.ID, paths, h.Supplier, h.Kind, h.Model, eea}
		if len(h.Matches) == 0 {
			rows = append(rows, append(row, "", "", "", "", h.Error))
			continue
		}
		for _, mt := range h.Matches {
			page := ""
			if mt.Evidence != nil && mt.Evidence.Page > 0 {
				page = fmt.Sprint(mt.Evidence.Page)
			}
			rows = append(rows, append(append([]string{}, row...), mt.Field, mt.Value, page, mt.Quote(), h.Error))
		}
	}
	return export.WriteCSV(w, rows)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// truncate shortens s to at most n characters, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// openForQuery checks the query q (empty means all documents) before it
// opens the index read-only, so that a typo is reported as a usage error
// without waiting for the index.
func openForQuery(dir, q string, wait time.Duration) (*index.Index, error) {
	if q != "" {
		if _, err := index.Parse(q); err != nil {
			return nil, usageError{err.Error()}
		}
	}
	return index.Open(dir, index.Options{ReadOnly: true, Timeout: wait})
}
