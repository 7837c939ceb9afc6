// Package export writes the records an index query matches in the forms
// auditors and privacy officers take elsewhere: CSV that Dutch Excel opens
// as it is (UTF-8 with a byte-order mark, ';' between cells, CRLF), XLSX,
// JSON Lines, and the register: one row per supplier and sub-processor, to
// paste into the verwerkingsregister.
package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/extract/review"
	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/normalize"
)

// Format is one export format.
type Format string

// The export formats.
const (
	CSV          Format = "csv"           // one row per document
	XLSX         Format = "xlsx"          // the same rows as a workbook
	JSONL        Format = "jsonl"         // one whole record per line
	Register     Format = "register"      // supplier × sub-processor rows, CSV
	RegisterXLSX Format = "register-xlsx" // the same rows as a workbook
)

// Formats lists the formats in the order help texts name them.
var Formats = []Format{CSV, XLSX, JSONL, Register, RegisterXLSX}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown export format %q; want one of %s", s, strings.Join(names, ", "))
}

// ContentType is the media type of f for an HTTP response.
func (f Format) ContentType() string {
	switch f {
	case XLSX, RegisterXLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case JSONL:
		return "application/x-ndjson; charset=utf-8"
	}
	return "text/csv; charset=utf-8"
}

// Binary reports whether f is a binary format (a workbook), not text.
func (f Format) Binary() bool { return f == XLSX || f == RegisterXLSX }

// FileName is the name a download of f gets.
func (f Format) FileName() string {
	switch f {
	case XLSX:
		return "dpa-export.xlsx"
	case RegisterXLSX:
		return "dpa-register.xlsx"
	case JSONL:
		return "dpa-export.jsonl"
	case Register:
		return "dpa-register.csv"
	}
	return "dpa-export.csv"
}

// MaxRecords bounds an export: beyond it Records fails and asks for a
// narrower query, so that one request cannot hold the whole index in memory.
const MaxRecords = 50000

// ErrTooMany is returned (wrapped) when a query matches more than MaxRecords.
var ErrTooMany = errors.New("too many documents to export; narrow the query")

// pageSize is the number of hits read per Search call.
const pageSize = 500

// Records returns the records of every document that query q matches, in
// the order Search lists them. An empty q means every document.
func Records(ctx context.Context, ix *index.Index, q string) ([]*extract.Record, error) {
	if strings.TrimSpace(q) == "" {
		q = "*"
	}
	var out []*extract.Record
	for off := 0; ; off += pageSize {
		res, err := ix.Search(ctx, q, index.SearchOptions{Limit: pageSize, Offset: off, FacetSize: -1, WithRecord: true})
		if err != nil {
			return nil, err
		}
		if res.Total > MaxRecords {
			return nil, fmt.Errorf("export %q: %d documents match, more than %d: %w", q, res.Total, MaxRecords, ErrTooMany)
		}
		for _, h := range res.Hits {
			if h.Record != nil {
				out = append(out, h.Record)
			}
		}
		if len(res.Hits) < pageSize || uint64(off+pageSize) >= res.Total {
			return out, nil
		}
	}
}

// Write writes recs to w in format f.
func Write(w io.Writer, f Format, recs []*extract.Record) error {
	return WriteWithNotes(w, f, recs, nil)
}

// WriteWithNotes is Write with each document's change note (ChangeNotes,
// keyed by content SHA-256) in the "Laatste wijziging" and "Gewijzigd
// sinds" columns of the document table.
func WriteWithNotes(w io.Writer, f Format, recs []*extract.Record, notes map[string]ChangeNote) error {
	return WriteAll(w, f, recs, notes, nil)
}

// WriteAll is WriteWithNotes with each document's review (ReviewNotes,
// keyed by content SHA-256) in the review columns of the document table.
func WriteAll(w io.Writer, f Format, recs []*extract.Record, notes map[string]ChangeNote, reviews map[string]review.Summary) error {
	switch f {
	case CSV:
		return writeCSV(w, documentRows(recs, notes, reviews))
	case XLSX:
		return writeXLSX(w, "Overeenkomsten", documentRows(recs, notes, reviews))
	case Register:
		return writeCSV(w, registerRows(recs, notes))
	case RegisterXLSX:
		return writeXLSX(w, "Verwerkingsregister", registerRows(recs, notes))
	case JSONL:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown export format %q", f)
}

// documentColumns are the headers of the one-row-per-document table.
var documentColumns = []string{
	"Leverancier", "KvK", "Plaats", "Soort", "Modelversie", "Producten", "Subverwerkers (landen)",
	"Buiten EER", "Landen buiten EER", "Opslaglocaties", "Bewaartermijnen", "BIV (B/I/V)",
	"Datalek melden (uur)", "Versiedatum", "Persoonsgegevens", "Betrokkenen", "Bestand", "Waarschuwingen", "SHA-256",
	"Laatste wijziging", "Gewijzigd sinds",
}

// DocumentRows is the one-row-per-document table of recs, headers first.
func DocumentRows(recs []*extract.Record) [][]string { return documentRows(recs, nil, nil) }

func documentRows(recs []*extract.Record, notes map[string]ChangeNote, reviews map[string]review.Summary) [][]string {
	rows := [][]string{append(append([]string(nil), documentColumns...), reviewColumns...)}
	for _, r := range recs {
		subs := make([]string, len(r.Subprocessors))
		for i, s := range r.Subprocessors {
			subs[i] = s.Name
			if len(s.Countries) > 0 {
				subs[i] += " (" + strings.Join(s.Countries, ", ") + ")"
			}
		}
		locs := make([]string, len(r.StorageLocations))
		for i, l := range r.StorageLocations {
			locs[i] = strings.TrimSpace(l.Place + " " + paren(l.Country))
		}
		ret := make([]string, len(r.Retention))
		for i, t := range r.Retention {
			ret[i] = RetentionText(t)
		}
		rows = append(rows, append([]string{
			str(r.Processor.Name), str(r.Processor.KvK), str(r.Processor.City), r.Kind, str(r.ModelVersion),
			join(r.Products), join(subs), YesNo(r.OutsideEEA), strings.Join(r.OutsideEEACountries, ", "), join(locs),
			join(ret), BIVText(r.BIV), intText(r.BreachHours), str(r.VersionDate),
			strings.Join(r.DataCategories, ", "), strings.Join(r.SubjectGroups, ", "), files(r),
			join(r.Warnings), r.Source.SHA256,
			notes[r.Source.SHA256].Last, notes[r.Source.SHA256].Since,
		}, reviewCells(reviews, r)...))
	}
	return rows
}

// registerColumns are the headers of the register.
var registerColumns = []string{
	"Leverancier", "Producten", "Subverwerker", "Doel", "Landen", "Buiten EER", "Bestand", "Pagina",
	"Laatste wijziging", "Gewijzigd sinds",
}

// RegisterRows is the register of recs, headers first: one row per
// supplier and sub-processor with its countries, whether any of them lies
// outside the EEA, and the file and page that say so. A document without
// sub-processors gets one row with the sub-processor cells empty, so that
// the register shows it was looked at. The last two columns hold the
// agreement's change note (see ChangeNotes), empty without one.
func RegisterRows(recs []*extract.Record) [][]string { return registerRows(recs, nil) }

func registerRows(recs []*extract.Record, notes map[string]ChangeNote) [][]string {
	rows := [][]string{registerColumns}
	for _, r := range recs {
		supplier, products := str(r.Processor.Name), join(r.Products)
		note := notes[r.Source.SHA256]
		if len(r.Subprocessors) == 0 {
			rows = append(rows, []string{supplier, products, "", "", "", "", r.Source.Path, "", note.Last, note.Since})
			continue
		}
		for i, s := range r.Subprocessors {
			outside := ""
			if len(s.Countries) > 0 {
				outside = "nee"
				for _, c := range s.Countries {
					if !normalize.InEEA(c) {
						outside = "ja"
					}
				}
			}
			page := ""
			for _, key := range []string{fmt.Sprintf("subprocessors[%d].name", i), fmt.Sprintf("subprocessors[%d]", i)} {
				if ev := r.Evidence[key]; len(ev) > 0 && ev[0].Page > 0 {
					page = strconv.Itoa(ev[0].Page)
					break
				}
			}
			rows = append(rows, []string{supplier, products, s.Name, s.Purpose, strings.Join(s.Countries, ", "), outside, r.Source.Path, page, note.Last, note.Since})
		}
	}
	return rows
}

// files lists the files of a record's agreement, one per line: an
// agreement kept in several files (see index.agreementKey) names them all.
func files(r *extract.Record) string {
	if len(r.Source.Paths) == 0 {
		return r.Source.Path
	}
	return strings.Join(r.Source.Paths, "\n")
}

// YesNo renders a tri-state answer in Dutch: "ja", "nee" or "" (unknown).
func YesNo(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "ja"
	}
	return "nee"
}

// BIVText renders a BIV classification as "B 2, I 1-2, V 3"; "" without one.
func BIVText(b *extract.BIV) string {
	if b == nil {
		return ""
	}
	lvl := func(r [2]int) string {
		if r[0] == r[1] {
			return strconv.Itoa(r[0])
		}
		return fmt.Sprintf("%d-%d", r[0], r[1])
	}
	return fmt.Sprintf("B %s, I %s, V %s", lvl(b.Availability), lvl(b.Integrity), lvl(b.Confidentiality))
}

// RetentionText renders a retention period in Dutch: "max. 18 maanden na
// einde overeenkomst" (the ISO 8601 duration stays in JSON).
func RetentionText(t extract.Retention) string {
	iso := ""
	if t.Duration != nil {
		iso = *t.Duration
	}
	return normalize.DutchRetention(t.Bound, iso, t.Trigger)
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func intText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// join joins the values of one cell; " | " because names hold commas
// ("Voorbeeld, Inc.") and CSV cells are separated by ';'.
func join(ss []string) string { return strings.Join(ss, " | ") }
