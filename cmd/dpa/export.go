package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/dpa-nl/dpa/extract/review"
	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/index/export"
	"github.com/dpa-nl/dpa/index/opensearch"
)

const exportUsage = `[options] [QUERY]

Writes the agreements QUERY matches (all without one) to stdout, or to the
file -o names (a workbook is never written to a terminal):
  csv            one row per document, for Dutch Excel (UTF-8 BOM, ';', CRLF)
  xlsx           the same as a workbook
  jsonl          one whole record per line
  register       one row per supplier and sub-processor (countries, outside EEA,
                 file, page) for the verwerkingsregister, CSV
  register-xlsx  the same as a workbook
  opensearch-bulk     every document as an index action and the document,
                      NDJSON for OpenSearch's _bulk API; _id is the content's
                      SHA-256 (one id per agreement version)
  opensearch-mapping  the index template (settings and a strict mapping for
                      indices named dpa-*) for those documents; needs no index
The query syntax is that of dpa search.`

func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("export", exportUsage)
	dir := fs.String("index", index.DefaultDir, "the index folder")
	format := fs.String("format", "csv", "csv, xlsx, jsonl, register, register-xlsx, overview, overview-xlsx, art30, art30-xlsx, opensearch-bulk or opensearch-mapping")
	wait := fs.Duration("wait", index.DefaultTimeout, "how long to wait while another dpa writes a batch")
	outFile := fs.String("o", "", "write to this file instead of stdout")
	ro := registerFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if isRegisterFormat(*format) {
		return runRegisterExport(ctx, m, *dir, *format, *outFile, *wait, strings.TrimSpace(strings.Join(fs.Args(), " ")), ro)
	}
	switch *format {
	case "opensearch-mapping":
		return writeOut(m, *outFile, opensearch.WriteTemplate)
	case "opensearch-bulk":
		q := strings.TrimSpace(strings.Join(fs.Args(), " "))
		ix, err := openForQuery(*dir, q, *wait)
		if err != nil {
			return err
		}
		defer ix.Close()
		return writeOut(m, *outFile, func(w io.Writer) error {
			_, err := opensearch.WriteBulk(ctx, w, ix, q)
			if errors.As(err, new(*index.SyntaxError)) {
				return usageError{err.Error()}
			}
			return err
		})
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return usageError{err.Error() + ", opensearch-bulk, opensearch-mapping, " + strings.Join(registerFormats, ", ")}
	}
	if *outFile == "" && f.Binary() && isTerminal(m.Stdout) {
		return usageError{fmt.Sprintf("a %s workbook is binary and would garble the terminal: write it with -o %s, or redirect stdout", f, f.FileName())}
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
	notes, err := export.ChangeNotes(ix)
	if err != nil {
		return err
	}
	var reviews map[string]review.Summary
	if f == export.CSV || f == export.XLSX {
		reviews = export.ReviewNotes(ix, recs)
	}
	if *outFile == "" {
		w := bufio.NewWriter(m.Stdout)
		if err := export.WriteAll(w, f, recs, notes, reviews); err != nil {
			return err
		}
		return w.Flush()
	}
	return writeFileAtomic(*outFile, func(w io.Writer) error { return export.WriteAll(w, f, recs, notes, reviews) })
}

// writeOut writes through write to stdout, or to the file path names
// (whole or not at all).
func writeOut(m *Main, path string, write func(io.Writer) error) error {
	if path != "" {
		return writeFileAtomic(path, write)
	}
	w := bufio.NewWriter(m.Stdout)
	if err := write(w); err != nil {
		return err
	}
	return w.Flush()
}

// writeFileAtomic writes a file through write: into a temporary file
// beside it, renamed over it only when everything was written, so that a
// failed export never leaves half a file where a good one was.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

// isTerminal reports whether w is a terminal (a variable, so that a test
// can stand in for one).
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
