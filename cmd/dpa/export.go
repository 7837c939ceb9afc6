package main

import (
	"bufio"
	"context"
	"errors"
	"strings"

	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/index/export"
)

const exportUsage = `[options] [QUERY]

Writes the documents QUERY matches (all without one) to stdout:
  csv            one row per document, for Dutch Excel (UTF-8 BOM, ';', CRLF)
  xlsx           the same as a workbook
  jsonl          one whole record per line
  register       one row per supplier and sub-processor (countries, outside EEA,
                 file, page) for the verwerkingsregister, CSV
  register-xlsx  the same as a workbook
The query syntax is that of dpa search.`

func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("export", exportUsage)
	dir := fs.String("index", index.DefaultDir, "the index folder")
	format := fs.String("format", "csv", "csv, xlsx, jsonl, register or register-xlsx")
	wait := fs.Duration("wait", index.DefaultTimeout, "how long to wait while another dpa writes a batch")
	if err := parse(fs, args); err != nil {
		return err
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return usageError{err.Error()}
	}
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	ix, err := openForQuery(*dir, q, *wait)
	if err != nil {
		return err
	}
	defer ix.Close()
	recs, err := export.Records(ctx, ix, q)
	if err != nil {
		if errors.Is(err, export.ErrTooMany) || errors.As(err, new(*index.SyntaxError)) {
			return usageError{err.Error()}
		}
		return err
	}
	w := bufio.NewWriter(m.Stdout)
	if err := export.Write(w, f, recs); err != nil {
		return err
	}
	return w.Flush()
}
