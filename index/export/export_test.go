package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

func ptr[T any](v T) *T { return &v }

// records are two invented records: one with sub-processors inside and
// outside the EEA, one without any, and hostile cells in both.
func iptr(n int) *int { return &n }

func records() []*extract.Record {
	return []*extract.Record{
		{
			Source:    corpus.Source{Path: "/drive/Zeilwijs/vo.pdf", SHA256: "ab12"},
			Kind:      "verwerkersovereenkomst",
			Processor: extract.Party{Name: ptr("Zeilwijs Leermiddelen B.V."), KvK: ptr("12345678")},
			Products:  []string{"Zeilwijs", "=HYPERLINK(\"http://x\")"},
			Subprocessors: []extract.Subprocessor{
				{Name: "Wolkdienst, Inc.", Countries: []string{"IE", "US"}, Purpose: "hosting; back-ups"},
				{Name: "Postbus Ëmail GmbH", Countries: []string{"DE"}},
				{Name: "Onbekend Land B.V."},
			},
			OutsideEEA: ptr(true), OutsideEEACountries: []string{"US"},
			Retention:   []extract.Retention{{Duration: ptr("P3M"), Bound: "max", Trigger: "contract_end"}},
			BIV:         &extract.BIV{Availability: [2]int{2, 2}, Integrity: [2]int{1, 2}, Confidentiality: [2]int{3, 3}},
			BreachHours: iptr(48), VersionDate: ptr("2024-03-01"),
			Evidence: map[string][]extract.Evidence{
				"subprocessors[0].name": {{Page: 4, Start: 10, End: 26, Quote: "Wolkdienst, Inc."}},
				"subprocessors[1]":      {{Page: 5}},
			},
		},
		{Source: corpus.Source{Path: "/drive/leeg.txt"}, Kind: "other", Processor: extract.Party{Name: ptr("@Leeg B.V.")}},
	}
}

func TestRegisterRows(t *testing.T) {
	// The register carries the agreement's change note, like the document table.
	notes := map[string]ChangeNote{"ab12": {Last: "2025-03-12: subverwerker toegevoegd: Wolkdienst, Inc. (US)", Since: "2024-01-08"}}
	rows := registerRows(records(), notes)
	last, since := notes["ab12"].Last, notes["ab12"].Since
	want := [][]string{
		registerColumns,
		{"Zeilwijs Leermiddelen B.V.", "Zeilwijs | =HYPERLINK(\"http://x\")", "Wolkdienst, Inc.", "hosting; back-ups", "IE, US", "ja", "/drive/Zeilwijs/vo.pdf", "4", last, since},
		{"Zeilwijs Leermiddelen B.V.", "Zeilwijs | =HYPERLINK(\"http://x\")", "Postbus Ëmail GmbH", "", "DE", "nee", "/drive/Zeilwijs/vo.pdf", "5", last, since},
		{"Zeilwijs Leermiddelen B.V.", "Zeilwijs | =HYPERLINK(\"http://x\")", "Onbekend Land B.V.", "", "", "", "/drive/Zeilwijs/vo.pdf", "", last, since},
		{"@Leeg B.V.", "", "", "", "", "", "/drive/leeg.txt", "", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%q", len(rows), len(want), rows)
	}
	for i := range want {
		if strings.Join(rows[i], "\x00") != strings.Join(want[i], "\x00") {
			t.Errorf("row %d:\n got %q\nwant %q", i, rows[i], want[i])
		}
	}
}

// TestCSVForDutchExcel checks what Dutch Excel needs to open a file
// correctly: a byte-order mark, ';' separators, CRLF line ends; and that a
// cell that would be a formula is defused while the file still parses back.
func TestCSVForDutchExcel(t *testing.T) {
	for _, f := range []Format{CSV, Register} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, f, records()); err != nil {
				t.Fatal(err)
			}
			s := b.String()
			if !strings.HasPrefix(s, "\ufeff") {
				t.Errorf("no UTF-8 byte-order mark: %q", s[:min(10, len(s))])
			}
			if strings.Count(s, "\n") != strings.Count(s, "\r\n") {
				t.Errorf("line ends are not all CRLF")
			}
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff")))
			r.Comma = ';'
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatalf("does not parse back with ';': %v", err)
			}
			for _, row := range rows {
				for _, c := range row {
					if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
						t.Errorf("cell %q would run as a formula", c)
					}
				}
			}
			for _, w := range []string{"'@Leeg B.V.", "Zeilwijs Leermiddelen B.V.", "Wolkdienst, Inc. (IE, US) | Postbus Ëmail GmbH (DE)"} {
				if f == Register {
					w = strings.Replace(w, "Wolkdienst, Inc. (IE, US) | Postbus Ëmail GmbH (DE)", "Postbus Ëmail GmbH;;DE;nee", 1)
				}
				if !strings.Contains(s, w) {
					t.Errorf("lacks %q:\n%s", w, s)
				}
			}
		})
	}
}

func TestXLSX(t *testing.T) {
	for _, tc := range []struct {
		f     Format
		sheet string
		rows  [][]string
	}{
		{XLSX, "Overeenkomsten", DocumentRows(records())},
		{RegisterXLSX, "Verwerkingsregister", RegisterRows(records())},
	} {
		t.Run(string(tc.f), func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.f, records()); err != nil {
				t.Fatal(err)
			}
			x, err := excelize.OpenReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			got, err := x.GetRows(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.rows) {
				t.Fatalf("%d rows, want %d", len(got), len(tc.rows))
			}
			for i := range tc.rows {
				// GetRows drops trailing empty cells, and shows a date cell as the Dutch write it.
				want := append([]string{}, tc.rows[i]...)
				for j, c := range want {
					if d, err := time.Parse("2006-01-02", c); err == nil && i > 0 && dateColumns[tc.rows[0][j]] {
						want[j] = d.Format("2-1-2006")
					}
				}
				w := strings.TrimRight(strings.Join(want, "\x00"), "\x00")
				if g := strings.Join(got[i], "\x00"); g != w {
					t.Errorf("row %d:\n got %q\nwant %q", i, got[i], tc.rows[i])
				}
			}
		})
	}
}

func TestJSONL(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, JSONL, records()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	for i, l := range lines {
		var r extract.Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if *r.Processor.Name != *records()[i].Processor.Name {
			t.Errorf("line %d: supplier %q", i+1, *r.Processor.Name)
		}
	}
}

func TestRetentionText(t *testing.T) {
	for _, tc := range []struct {
		in   extract.Retention
		want string
	}{
		{extract.Retention{Duration: ptr("P3M"), Bound: "max", Trigger: "contract_end"}, "max. 3 maanden na einde overeenkomst"},
		{extract.Retention{Duration: ptr("P1Y"), Bound: "exact", Trigger: "unspecified"}, "1 jaar"},
		{extract.Retention{Duration: ptr("P18M"), Bound: "max", Trigger: "contract_end"}, "max. 18 maanden na einde overeenkomst"},
		{extract.Retention{Bound: "until", Trigger: "request"}, "tot na verzoek"},
		{extract.Retention{Bound: "max", Trigger: "new_trigger"}, "max. new_trigger"},
	} {
		if got := RetentionText(tc.in); got != tc.want {
			t.Errorf("RetentionText(%+v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Format
		wantErr bool
	}{{"csv", CSV, false}, {"XLSX", XLSX, false}, {"register-xlsx", RegisterXLSX, false}, {"pdf", "", true}, {"", "", true}} {
		got, err := ParseFormat(tc.in)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("ParseFormat(%q) = %q, %v", tc.in, got, err)
		}
	}
}

// TestXLSXLayout checks what makes a workbook usable at once: numbers and
// dates as typed cells, the header row frozen, an auto filter, and column
// widths that follow the content.
func TestXLSXLayout(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, XLSX, records()); err != nil {
		t.Fatal(err)
	}
	// The sheet itself must hold the filter (<autoFilter>): a defined name
	// _FilterDatabase alone shows Excel no filter buttons.
	sheetXML := zipEntry(t, b.Bytes(), "xl/worksheets/sheet1.xml")
	if !regexp.MustCompile(`<autoFilter ref="\$?A\$?1:`).MatchString(sheetXML) {
		t.Errorf("sheet1.xml has no <autoFilter ref=\"A1:…\">: no filter buttons on the header row")
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	const sheet = "Overeenkomsten"
	col := func(header string) string {
		for j, h := range documentColumns {
			if h == header {
				name, _ := excelize.ColumnNumberToName(j + 1)
				return name
			}
		}
		t.Fatalf("no column %q", header)
		return ""
	}
	// A number cell has no type attribute (CellTypeUnset) or says number.
	if typ, err := x.GetCellType(sheet, col("Datalek melden (uur)")+"2"); err != nil || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("Datalek melden (uur): cell type %v (%v), want a number", typ, err)
	}
	if typ, err := x.GetCellType(sheet, col("Leverancier")+"2"); err != nil || typ != excelize.CellTypeInlineString {
		t.Errorf("Leverancier: cell type %v (%v), want a string", typ, err)
	}
	raw, err := x.GetCellValue(sheet, col("Versiedatum")+"2", excelize.Options{RawCellValue: true})
	if n, perr := strconv.ParseFloat(raw, 64); err != nil || perr != nil || n < 40000 {
		t.Errorf("Versiedatum: raw value %q (%v), want an Excel date serial", raw, err)
	}
	panes, err := x.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v (%v), want the header row frozen", panes, err)
	}
	if dn := x.GetDefinedName(); len(dn) == 0 || !strings.Contains(dn[0].Name, "FilterDatabase") {
		t.Errorf("defined names %+v, want an auto filter", dn)
	}
	narrow, _ := x.GetColWidth(sheet, col("Datalek melden (uur)"))
	wide, _ := x.GetColWidth(sheet, col("Subverwerkers (landen)"))
	if !(narrow < wide && narrow >= minWidth && wide <= maxWidth) {
		t.Errorf("widths %v and %v: want content-sized columns", narrow, wide)
	}
}

// zipEntry returns the named file of the zip archive data.
func zipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
