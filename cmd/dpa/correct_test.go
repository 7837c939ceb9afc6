package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCorrectionStory is the officer's story: sync a drive, correct a
// sub-processor's country, sync again (unchanged, then a new version with
// the same sub-processor, then one whose sub-processor moved): the
// correction stays, flagged, in the workbooks and the audit trail, and is
// flagged for a second look once its evidence no longer matches.
func TestCorrectionStory(t *testing.T) {
	text := fixture(t, "agreements/leerlijn-verwerkersovereenkomst.txt")
	drive := writeDrive(t, map[string]string{"Leerlijn/verwerkersovereenkomst.txt": text})
	file := filepath.Join(drive, "Leerlijn", "verwerkersovereenkomst.txt")
	dir := filepath.Join(t.TempDir(), "idx")
	syncJSON(t, exitOK, "--index", dir, drive)

	field := "" // the path of Postduif Mail Inc.'s countries
	code, out, errOut := run(t, "export", "--index", dir, "--format", "jsonl")
	if code != exitOK {
		t.Fatalf("export jsonl: %d %s", code, errOut)
	}
	for i, name := range []string{"Wolkwerk Hosting", "Amazon Web Services", "Postduif Mail", "Klantlijn Support"} {
		if strings.Contains(out, name) && name == "Postduif Mail" {
			field = "subprocessors[" + strconv.Itoa(i) + "].countries"
		}
	}
	if !strings.Contains(out, `"name":"Postduif Mail Inc.","countries":["US"]`) || field == "" {
		t.Fatalf("fixture changed: Postduif Mail Inc. (US) not the third sub-processor:\n%s", out)
	}
	code, out, errOut = run(t, "correct", "--index", dir, "--file", file, "--field", field, "--value", "NL", "--who", "privacy-officer")
	if code != exitOK || !strings.Contains(out, `["US"] -> ["NL"]`) {
		t.Fatalf("correct: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut = run(t, "correct", "--index", dir, "--file", file, "--status", "akkoord", "--note", "land nagevraagd", "--who", "privacy-officer"); code != exitOK {
		t.Fatalf("correct --status: exit %d\n%s%s", code, out, errOut)
	}
	for _, bad := range [][]string{
		{"--file", file, "--status", "misschien"},
		{"--file", file, "--field", "evidence", "--value", "x"},
		{"--field", field, "--value", "NL"},
	} {
		if code, _, errOut := run(t, append([]string{"correct", "--index", dir, "--who", "x"}, bad...)...); code != exitUsage {
			t.Errorf("correct %q: exit %d, want %d (%s)", bad, code, exitUsage, errOut)
		}
	}

	check := func(step string, wantFlag string) {
		t.Helper()
		xlsx := filepath.Join(t.TempDir(), "overview.xlsx")
		if code, _, errOut := run(t, "export", "--index", dir, "--format", "overview-xlsx", "-o", xlsx); code != exitOK {
			t.Fatalf("%s: export overview-xlsx: %s", step, errOut)
		}
		row := sheetRow(t, xlsx, "Leveranciers", "Leerlijn Digitaal B.V.")
		if !strings.Contains(row["Gecorrigeerd"], wantFlag) || row["Status"] != "akkoord" {
			t.Errorf("%s: overview Gecorrigeerd %q, Status %q; want %q and akkoord", step, row["Gecorrigeerd"], row["Status"], wantFlag)
		}
		art := filepath.Join(t.TempDir(), "art30.xlsx")
		if code, _, errOut := run(t, "export", "--index", dir, "--format", "art30-xlsx", "-o", art); code != exitOK {
			t.Fatalf("%s: export art30-xlsx: %s", step, errOut)
		}
		reg := sheetRow(t, art, "Verwerkingsregister", "Leerlijn Digitaal B.V.")
		if wantFlag == "gecorrigeerd" && !strings.Contains(reg["Ontvangers (subverwerkers)"], "Postduif Mail Inc. (NL)") {
			t.Errorf("%s: art. 30 recipients %q, want the corrected country", step, reg["Ontvangers (subverwerkers)"])
		}
		if !strings.Contains(reg["Gecorrigeerd"], wantFlag) {
			t.Errorf("%s: art. 30 Gecorrigeerd %q, want %q", step, reg["Gecorrigeerd"], wantFlag)
		}
		code, out, _ := run(t, "correct", "--index", dir, "--trail")
		if code != exitOK || !strings.Contains(out, field+`: ["US"] -> ["NL"]`) || !strings.Contains(out, "privacy-officer") || !strings.Contains(out, "akkoord") {
			t.Errorf("%s: trail:\n%s", step, out)
		}
	}
	check("after correcting", "gecorrigeerd")
	syncJSON(t, exitOK, "--index", dir, drive)
	check("after a sync", "gecorrigeerd")

	// a new version of the file: the sub-processor paragraph unchanged
	if err := os.WriteFile(file, []byte(strings.Replace(text, "Leerlijn Lezen", "Leerlijn Lezen ", 1)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	syncJSON(t, exitOK, "--index", dir, drive)
	check("after a new version", "gecorrigeerd")

	// a version in which the sub-processor moved: the evidence no longer matches
	moved := strings.Replace(text, "| Postduif Mail Inc. | Denver, Verenigde Staten | verzending van e-mails aan leerkrachten | Verenigde Staten |",
		"| Postduif Mail Inc. | Toronto, Canada | verzending van e-mails aan leerkrachten | Canada |", 1)
	if moved == text {
		t.Fatal("fixture changed: no Postduif row to move")
	}
	if err := os.WriteFile(file, []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	syncJSON(t, exitOK, "--index", dir, drive)
	check("after the sub-processor moved", "opnieuw bekijken")
}

// TestArt30Workbook reads the art. 30 workbook back: Dutch and English
// headers, a row, typed cells, a frozen header, an auto filter, and the
// note sheet on the columns the records cannot fill.
func TestArt30Workbook(t *testing.T) {
	drive := writeDrive(t, map[string]string{
		"a/leerlijn.txt": fixture(t, "agreements/leerlijn-verwerkersovereenkomst.txt"),
		"b/planbord.txt": fixture(t, "agreements/planbord-verwerkersovereenkomst.txt"),
	})
	dir := filepath.Join(t.TempDir(), "idx")
	syncJSON(t, exitOK, "--index", dir, drive)
	for _, lang := range []string{"nl", "en"} {
		path := filepath.Join(t.TempDir(), "art30.xlsx")
		if code, _, errOut := run(t, "export", "--index", dir, "--format", "art30-xlsx", "--lang", lang, "-o", path); code != exitOK {
			t.Fatalf("%s: %s", lang, errOut)
		}
		sheet, notes, proc, key := "Verwerkingsregister", "Toelichting", "Verwerker", "Bron"
		if lang == "en" {
			sheet, notes, proc, key = "Record of processing", "Notes", "Processor", "Source"
		}
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows(sheet)
		if err != nil || len(rows) < 3 {
			t.Fatalf("%s: %d rows (%v), want a header and a row per agreement and product", lang, len(rows), err)
		}
		row := sheetRow(t, path, sheet, "Planbord Onderwijssoftware B.V.")
		if !strings.HasSuffix(row[key], "planbord.txt") {
			t.Errorf("%s: %s = %q, want the file", lang, key, row[key])
		}
		if row[proc] != "Planbord Onderwijssoftware B.V." {
			t.Errorf("%s: %s = %q", lang, proc, row[proc])
		}
		if typ, _ := x.GetCellType(sheet, "A2"); typ != excelize.CellTypeInlineString {
			t.Errorf("%s: A2 cell type %v, want a string", lang, typ)
		}
		panes, err := x.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v (%v), want the header frozen", lang, panes, err)
		}
		if dn := x.GetDefinedName(); len(dn) == 0 || !strings.Contains(dn[0].Name, "FilterDatabase") {
			t.Errorf("%s: defined names %+v, want an auto filter", lang, dn)
		}
		nr, err := x.GetRows(notes)
		if err != nil || len(nr) < 2 {
			t.Errorf("%s: note sheet %v (%v)", lang, nr, err)
		}
		x.Close()
	}
	// the overview workbook types its counts and dates
	path := filepath.Join(t.TempDir(), "overview.xlsx")
	if code, _, errOut := run(t, "export", "--index", dir, "--format", "overview-xlsx", "-o", path); code != exitOK {
		t.Fatal(errOut)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	hdr, _ := x.GetRows("Leveranciers")
	col := func(h string) string {
		for j, c := range hdr[0] {
			if c == h {
				n, _ := excelize.ColumnNumberToName(j + 1)
				return n
			}
		}
		t.Fatalf("no column %q in %q", h, hdr[0])
		return ""
	}
	for _, h := range []string{"Subverwerkers (aantal)", "Ondertekend op"} {
		found := false
		for r := 2; r <= len(hdr); r++ {
			raw, _ := x.GetCellValue("Leveranciers", col(h)+strconv.Itoa(r), excelize.Options{RawCellValue: true})
			typ, _ := x.GetCellType("Leveranciers", col(h)+strconv.Itoa(r))
			if _, err := strconv.ParseFloat(raw, 64); err == nil && typ != excelize.CellTypeInlineString {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no typed number or date cell", h)
		}
	}
	if sheets := x.GetSheetList(); len(sheets) != 10 {
		t.Errorf("sheets %q: want the overview and nine views", sheets)
	}
}

// sheetRow returns the first row of sheet in the workbook at path whose
// cells hold want, as header → cell.
func sheetRow(t *testing.T, path, sheet, want string) map[string]string {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: sheet %s: %v", path, sheet, err)
	}
	for _, r := range rows[1:] {
		if !bytes.Contains([]byte(strings.Join(r, "\x00")), []byte(want)) {
			continue
		}
		m := map[string]string{}
		for j, h := range rows[0] {
			if j < len(r) {
				m[h] = r[j]
			}
		}
		return m
	}
	t.Fatalf("%s: no row with %q in %s", path, want, sheet)
	return nil
}

// TestRegisterQueries asks the index about signatures and terms, as the
// views' saved queries do.
func TestRegisterQueries(t *testing.T) {
	drive := writeDrive(t, map[string]string{
		"planbord.txt": fixture(t, "agreements/planbord-verwerkersovereenkomst.txt"),
		"rekenpad.txt": fixture(t, "agreements/rekenpad-bewerkersovereenkomst.txt"),
	})
	dir := filepath.Join(t.TempDir(), "idx")
	syncJSON(t, exitOK, "--index", dir, drive)
	for q, want := range map[string]string{
		"signed:true":             "planbord.txt",
		"NOT signed:true":         "rekenpad.txt",
		"signed_date<2018-01-01":  "rekenpad.txt",
		"signed_date>=2020-01-20": "planbord.txt",
	} {
		code, out, errOut := run(t, "search", "--index", dir, q)
		if code != exitOK || !strings.Contains(out, want) || strings.Count(out, ".txt") != 1 {
			t.Errorf("search %s: exit %d, want only %s\n%s%s", q, code, want, out, errOut)
		}
	}
}
