package register

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/index/export"
	"github.com/dpa-nl/dpa/normalize"
)

// Table is a sheet of a workbook or a CSV file: its name, header row and
// data rows (cells as text; the writer types numbers and dates by header).
type Table struct {
	Name    string
	Columns []string
	Rows    [][]string
}

// OverviewColumns are the headers of the supplier overview.
var OverviewColumns = []string{
	"Leverancier", "KvK", "Product", "Soort", "Modelversie", "Wettelijk kader", "Versiedatum", "Ondertekend op",
	"Getekend", "Toelichting ondertekening", "Looptijd", "Einddatum", "Privacybijsluiter", "Beveiligingsbijlage",
	"Buiten EER", "Doorgifte (landen en waarborgen)", "Subverwerkers (aantal)", "BIV (B/I/V)", "Datalek melden (uur)",
	"Beoordeling", "Status", "Notitie", "Gecorrigeerd", "Aandachtspunten", "Bestanden",
}

// OverviewTable is the overview as a table; name is the sheet's name.
func OverviewTable(name string, rows []Row, o Options) Table {
	t := Table{Name: name, Columns: OverviewColumns}
	for _, row := range rows {
		r := row.Current.Record
		review := ""
		if o.Review != nil {
			review = o.Review(r)
		}
		t.Rows = append(t.Rows, []string{
			row.Supplier, row.KvK, row.Product, r.Kind, deref(r.ModelVersion), deref(r.LegalBasis), deref(r.VersionDate),
			deref(r.Signature.SignedDate), SignedText(r), r.Signature.Reason, TermText(r.Term), deref(r.Term.End),
			yesNo(row.Privacybijsluiter), yesNo(row.Beveiligingsbijlage), export.YesNo(r.OutsideEEA), TransfersText(r),
			strconv.Itoa(len(r.Subprocessors)), export.BIVText(r.BIV), itoa(r.BreachHours),
			review, row.Current.Status, row.Current.Note, CorrectedText(row.Current), strings.Join(Flags(row, o), ", "),
			strings.Join(row.Files(), "\n"),
		})
	}
	return t
}

// Workbook is the overview and one sheet per view, as the register
// workbook holds them.
func Workbook(rows []Row, o Options) []Table {
	tables := []Table{OverviewTable("Leveranciers", rows, o)}
	for _, v := range Views {
		title := v.Title
		if v.Name == "old" {
			title = fmt.Sprintf("Ouder dan %d jaar", o.OlderThan)
		}
		tables = append(tables, OverviewTable(title, v.Filter(rows, o), o))
	}
	return tables
}

// art30Column is one column of the AVG article 30 register: its headers
// and how a row fills it; fill nil means the records cannot fill it.
type art30Column struct {
	nl, en string
	fill   func(row Row) string
	// note says, for a column the records cannot fill, why.
	note, noteEN string
}

var art30Columns = []art30Column{
	{nl: "Verwerkingsactiviteit", en: "Processing activity", fill: func(row Row) string {
		if row.Product != "" {
			return row.Product
		}
		return row.Supplier
	}},
	{nl: "Verwerker", en: "Processor", fill: func(row Row) string { return row.Supplier }},
	{nl: "Contactgegevens verwerker", en: "Processor contact details", fill: func(row Row) string {
		p := row.Current.Record.Processor
		var parts []string
		if place := strings.TrimSpace(deref(p.Postcode) + " " + deref(p.City)); place != "" {
			parts = append(parts, place)
		}
		if p.KvK != nil {
			parts = append(parts, "KvK "+*p.KvK)
		}
		return strings.Join(parts, ", ")
	}},
	{nl: "Doeleinden", en: "Purposes", fill: func(row Row) string {
		var out []string
		for _, p := range row.Current.Record.Purposes {
			if p.Product != "" && row.Product != "" && normalize.NameKey(p.Product) != normalize.NameKey(row.Product) {
				continue
			}
			s := p.Text
			if p.Optional {
				s += " (optioneel)"
			}
			out = append(out, s)
		}
		return strings.Join(out, "\n")
	}},
	{nl: "Categorieën betrokkenen", en: "Categories of data subjects", fill: func(row Row) string {
		return strings.Join(row.Current.Record.SubjectGroups, ", ")
	}},
	{nl: "Categorieën persoonsgegevens", en: "Categories of personal data", fill: func(row Row) string {
		return strings.Join(row.Current.Record.DataCategories, ", ")
	}},
	{nl: "Ontvangers (subverwerkers)", en: "Recipients (sub-processors)", fill: func(row Row) string {
		var out []string
		for _, s := range row.Current.Record.Subprocessors {
			n := s.Name
			if len(s.Countries) > 0 {
				n += " (" + strings.Join(s.Countries, ", ") + ")"
			}
			out = append(out, n)
		}
		return strings.Join(out, "\n")
	}},
	{nl: "Doorgifte derde landen en waarborgen", en: "Transfers to third countries and safeguards", fill: func(row Row) string {
		r := row.Current.Record
		switch {
		case r.OutsideEEA == nil:
			return ""
		case !*r.OutsideEEA:
			return "geen doorgifte buiten de EER"
		}
		return TransfersText(r)
	}},
	{nl: "Bewaartermijnen", en: "Retention periods", fill: func(row Row) string {
		var out []string
		for _, t := range row.Current.Record.Retention {
			out = append(out, export.RetentionText(t))
		}
		return strings.Join(out, "\n")
	}},
	{nl: "Beveiliging (algemene beschrijving)", en: "Security measures (general description)", fill: func(row Row) string {
		r := row.Current.Record
		var parts []string
		if b := export.BIVText(r.BIV); b != "" {
			parts = append(parts, "BIV "+b)
		}
		if row.Beveiligingsbijlage {
			parts = append(parts, "beveiligingsbijlage aanwezig")
		}
		if r.ROSA.Assessment != nil {
			parts = append(parts, "ROSA: "+*r.ROSA.Assessment)
		}
		if c := r.ROSA.Controls; c != nil {
			parts = append(parts, fmt.Sprintf("maatregelen: %d voldaan, %d alternatief, %d gedeeltelijk, %d niet voldaan", c.Voldaan, c.Alternatief, c.Gedeeltelijk, c.NietVoldaan))
		}
		return strings.Join(parts, "; ")
	}},
	{nl: "Verwerkingsverantwoordelijke en contactgegevens", en: "Controller and contact details",
		note:   "De overeenkomsten noemen de onderwijsinstelling vaak niet of als sjabloon; vul het bevoegd gezag zelf in.",
		noteEN: "Agreements often leave the school as a template placeholder; fill in the school board yourself."},
	{nl: "Functionaris gegevensbescherming", en: "Data protection officer",
		note:   "De FG van de school staat niet in de overeenkomst met de leverancier.",
		noteEN: "The school's DPO is not named in the agreement with the supplier."},
	{nl: "Grondslag (art. 6 AVG)", en: "Lawful basis (art. 6 GDPR)",
		note:   "De grondslag van de verwerking bepaalt de school; de verwerkersovereenkomst noemt hem niet.",
		noteEN: "The lawful basis is the school's to determine; the processing agreement does not state it."},
	{nl: "Bron", en: "Source", fill: func(row Row) string { return strings.Join(row.Files(), "\n") }},
	{nl: "Gecorrigeerd", en: "Corrected", fill: func(row Row) string { return CorrectedText(row.Current) }},
}

// art30Measured are the columns whose fill share Art30FillShare measures:
// the article 30(1) columns the records can fill (not Bron, Gecorrigeerd).
var art30Measured = map[string]bool{"Bron": false, "Gecorrigeerd": false}

// Art30 returns the AVG article 30 register of rows (one row per agreement
// and product) and a note sheet on the columns the records cannot fill,
// with headers in Dutch, or English when lang is "en".
func Art30(rows []Row, lang string) (register, notes Table) {
	en := lang == "en"
	register.Name, notes.Name = "Verwerkingsregister", "Toelichting"
	notes.Columns = []string{"Kolom", "Toelichting"}
	if en {
		register.Name, notes.Name = "Record of processing", "Notes"
		notes.Columns = []string{"Column", "Note"}
	}
	for _, c := range art30Columns {
		h := c.nl
		if en {
			h = c.en
		}
		register.Columns = append(register.Columns, h)
		if c.fill == nil {
			n := c.note
			if en {
				n = c.noteEN
			}
			notes.Rows = append(notes.Rows, []string{h, n})
		}
	}
	for _, row := range rows {
		cells := make([]string, len(art30Columns))
		for i, c := range art30Columns {
			if c.fill != nil {
				cells[i] = c.fill(row)
			}
		}
		register.Rows = append(register.Rows, cells)
	}
	return register, notes
}

// FillShare counts the cells of the art. 30 register that the records
// can fill (the columns with a rule, Bron and Gecorrigeerd not counted)
// and how many of them are filled.
func FillShare(rows []Row) (filled, fillable int, empty []string) {
	for _, row := range rows {
		for _, c := range art30Columns {
			if c.fill == nil {
				continue
			}
			if counted, ok := art30Measured[c.nl]; ok && !counted {
				continue
			}
			fillable++
			if c.fill(row) != "" {
				filled++
			} else {
				empty = append(empty, row.Supplier+" / "+row.Product+": "+c.nl)
			}
		}
	}
	return filled, fillable, empty
}

func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nee"
}
