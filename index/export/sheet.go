package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// bom is the UTF-8 byte-order mark: without it Excel reads a CSV file in
// the ANSI code page and garbles ë, é and €.
const bom = "\ufeff"

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

// writeXLSX writes rows as a workbook with one sheet, the header row bold
// and frozen, and an auto filter over the table.
func writeXLSX(w io.Writer, sheet string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if len(rows) > 0 && len(rows[0]) > 0 {
		if err := sw.SetColWidth(1, len(rows[0]), 28); err != nil {
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
				cells[j] = c // a string cell, which Excel never evaluates: no defuse
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
	if len(rows) > 0 && len(rows[0]) > 0 {
		last, err := excelize.CoordinatesToCellName(len(rows[0]), len(rows))
		if err != nil {
			return err
		}
		if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
			return fmt.Errorf("auto filter: %w", err)
		}
	}
	_, err = f.WriteTo(w)
	return err
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
