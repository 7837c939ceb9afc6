package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// bom is the UTF-8 byte-order mark: without it Excel reads a CSV file in
// the ANSI code page and garbles ë, é and €.
const bom = "\ufeff"

// WriteCSV writes rows (headers first) as every CSV of dpa is written:
// for Dutch Excel, with formula cells defused (see writeCSV). dpa search
// --csv writes through it too.
func WriteCSV(w io.Writer, rows [][]string) error { return writeCSV(w, rows) }

// writeCSV writes rows the way Dutch Excel reads a double-clicked file:
// UTF-8 with a byte-order mark, ';' between cells (the list separator of
// the Dutch locale, where ',' is the decimal comma), CRLF line ends.
func writeCSV(w io.Writer, rows [][]string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	for _, r := range rows {
		if err := cw.Write(defuse(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// numberColumns and dateColumns are the columns whose cells a workbook
// holds as numbers and dates, so that Excel sorts and filters them as such.
var (
	numberColumns = map[string]bool{"Datalek melden (uur)": true, "Pagina": true, "Subverwerkers (aantal)": true}
	dateColumns   = map[string]bool{"Versiedatum": true, "Ondertekend op": true, "Einddatum": true}
)

// Column widths in characters: each column as wide as its longest cell,
// within these bounds.
const (
	minWidth = 8
	maxWidth = 60
)

// typedCell returns the value of a data cell of the column headed header:
// a number or a date where the column holds them and the text reads as
// one, the text otherwise (a string cell, which Excel never evaluates).
func typedCell(header, text string, dateStyle int) interface{} {
	switch {
	case numberColumns[header]:
		if n, err := strconv.Atoi(text); err == nil {
			return n
		}
	case dateColumns[header]:
		if d, err := time.Parse("2006-01-02", text); err == nil {
			return excelize.Cell{Value: d, StyleID: dateStyle}
		}
	}
	return text
}

// columnWidths returns the width of each column: its longest cell in
// characters (the longest line of it), between minWidth and maxWidth.
func columnWidths(rows [][]string) []float64 {
	if len(rows) == 0 {
		return nil
	}
	widths := make([]float64, len(rows[0]))
	for _, r := range rows {
		for j, c := range r {
			if j >= len(widths) {
				break
			}
			for _, line := range strings.Split(c, "\n") {
				widths[j] = max(widths[j], float64(utf8.RuneCountInString(line)+2))
			}
		}
	}
	for j := range widths {
		widths[j] = min(max(widths[j], minWidth), maxWidth)
	}
	return widths
}

// Sheet is one sheet of a workbook: its name and rows, headers first.
type Sheet struct {
	Name string
	Rows [][]string
}

// writeXLSX writes rows as a workbook with one sheet (see WriteWorkbook).
func writeXLSX(w io.Writer, sheet string, rows [][]string) error {
	return WriteWorkbook(w, []Sheet{{sheet, rows}})
}

// WriteWorkbook writes sheets as one workbook, each sheet with its header
// row bold and frozen, an auto filter over its table, each column as wide
// as its content, numbers and dates as typed cells.
func WriteWorkbook(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateFormat := "d-m-yyyy" // as the Dutch write a date
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return err
		}
		if err := writeSheet(f, sh.Name, sh.Rows, bold, date); err != nil {
			return fmt.Errorf("sheet %s: %w", sh.Name, err)
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func writeSheet(f *excelize.File, sheet string, rows [][]string, bold, date int) error {
	// The filter goes on before the stream writer takes the worksheet: the
	// writer writes the <autoFilter> of the worksheet it took, and one set
	// after Flush would leave only the defined name (no filter buttons).
	if len(rows) > 0 && len(rows[0]) > 0 {
		last, err := excelize.CoordinatesToCellName(len(rows[0]), len(rows))
		if err != nil {
			return err
		}
		if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
			return fmt.Errorf("auto filter: %w", err)
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for j, width := range columnWidths(rows) {
		if err := sw.SetColWidth(j+1, j+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, r := range rows {
		cells := make([]interface{}, len(r))
		for j, c := range r {
			if i == 0 {
				cells[j] = excelize.Cell{Value: c, StyleID: bold}
			} else {
				cells[j] = typedCell(rows[0][min(j, len(rows[0])-1)], c, date) // text stays a string cell, which Excel never evaluates: no defuse
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return nil
}

// defuse keeps a spreadsheet from running a cell as a formula: agreements
// are untrusted text, and a cell that starts with =, +, - or @ (or a tab or
// carriage return before one) is a formula to Excel (CSV injection). Such
// a cell gets a leading apostrophe, which Excel shows as text.
func defuse(r []string) []string {
	out := make([]string, len(r))
	for i, c := range r {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}
