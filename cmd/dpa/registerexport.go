package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index/export"
	"github.com/dpa-nl/dpa/index/register"
)

// registerOptions are the options of the register exports.
type registerOptions struct {
	view      *string
	lang      *string
	olderThan *int
}

func registerFlags(fs *flag.FlagSet) registerOptions {
	return registerOptions{
		view:      fs.String("view", "", "with overview: only the rows of this view (see above)"),
		lang:      fs.String("lang", "nl", "with art30: nl or en, the language of the headers"),
		olderThan: fs.Int("older-than", 5, "the age in years from which the view 'old' lists an agreement"),
	}
}

// registerFormats are the export formats of the register package.
var registerFormats = []string{"overview", "overview-xlsx", "art30", "art30-xlsx"}

func isRegisterFormat(f string) bool {
	for _, r := range registerFormats {
		if strings.EqualFold(f, r) {
			return true
		}
	}
	return false
}

// runRegisterExport writes the supplier overview, its views or the art. 30
// register of the agreements q matches.
func runRegisterExport(ctx context.Context, m *Main, dir, format, outFile string, wait time.Duration, q string, ro registerOptions) error {
	format = strings.ToLower(format)
	if *ro.lang != "nl" && *ro.lang != "en" {
		return usageError{fmt.Sprintf("--lang %q: want nl or en", *ro.lang)}
	}
	if *ro.olderThan < 0 {
		return usageError{"--older-than must be 0 or more years"}
	}
	var view *register.View
	if *ro.view != "" {
		v, err := register.LookupView(*ro.view)
		if err != nil {
			return usageError{err.Error()}
		}
		view = &v
	}
	binary := strings.HasSuffix(format, "-xlsx")
	if outFile == "" && binary && isTerminal(m.Stdout) {
		return usageError{fmt.Sprintf("a %s workbook is binary and would garble the terminal: write it with -o dpa-%s.xlsx, or redirect stdout", format, strings.TrimSuffix(format, "-xlsx"))}
	}
	ix, err := openForQuery(dir, q, wait)
	if err != nil {
		return err
	}
	defer ix.Close()
	store, err := register.OpenStore(dir)
	if err != nil {
		return err
	}
	items, err := register.Load(ctx, ix, q, store)
	if err != nil {
		return err
	}
	o := register.DefaultOptions()
	o.OlderThan = *ro.olderThan
	if strings.HasPrefix(format, "overview") {
		recs := make([]*extract.Record, len(items))
		for i, it := range items {
			recs[i] = it.Record
		}
		reviews := export.ReviewNotes(ix, recs)
		o.Review = func(r *extract.Record) string {
			if s, ok := reviews[r.Source.SHA256]; ok {
				return s.Label()
			}
			return ""
		}
	}
	rows := register.Overview(items)
	var tables []register.Table
	switch {
	case strings.HasPrefix(format, "overview") && view != nil:
		tables = []register.Table{register.OverviewTable(view.Title, view.Filter(rows, o), o)}
	case format == "overview":
		tables = []register.Table{register.OverviewTable("Leveranciers", rows, o)}
	case format == "overview-xlsx":
		tables = register.Workbook(rows, o)
	default:
		reg, notes := register.Art30(rows, *ro.lang)
		tables = []register.Table{reg, notes}
		if format == "art30" {
			tables = tables[:1]
		}
	}
	write := func(w io.Writer) error {
		if !binary {
			return export.WriteCSV(w, append([][]string{tables[0].Columns}, tables[0].Rows...))
		}
		sheets := make([]export.Sheet, len(tables))
		for i, t := range tables {
			sheets[i] = export.Sheet{Name: t.Name, Rows: append([][]string{t.Columns}, t.Rows...)}
		}
		return export.WriteWorkbook(w, sheets)
	}
	if outFile == "" {
		w := bufio.NewWriter(m.Stdout)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	return writeFileAtomic(outFile, write)
}
