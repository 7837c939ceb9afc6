package register

import (
	"fmt"
	"strings"
	"time"

	"github.com/dpa-nl/dpa/extract"
)

// View is a saved question about the overview that points at work to do:
// the rows it selects need the privacy officer's attention.
type View struct {
	// Name is how the command line and the web page ask for it ("unsigned").
	Name string
	// Title is its Dutch title, a sheet name (at most 31 characters).
	Title string
	// Why says in one Dutch sentence what to do about its rows.
	Why string
	// Query is the dpa search query that finds the same agreements where
	// the query syntax can say it; "" where only the overview can tell.
	Query string
	match func(row Row, o Options) bool
}

// Options are the settings of the views.
type Options struct {
	// Now is today (tests fix it).
	Now time.Time
	// OlderThan is the age in years from which an agreement is old.
	OlderThan int
	// MinOCRConfidence is the OCR word confidence (0–100) below which a
	// scan counts as read with low confidence.
	MinOCRConfidence float64
	// Review returns the review state of an agreement (its review against
	// the Model Verwerkersovereenkomst) for the "Beoordeling" column; nil
	// leaves the column empty.
	Review func(*extract.Record) string
}

// DefaultOptions are the views' settings unless the user sets them.
func DefaultOptions() Options {
	return Options{Now: time.Now(), OlderThan: 5, MinOCRConfidence: 70}
}

// Views are the views, in the order the web page and the workbook show them.
var Views = []View{
	{Name: "wbp", Title: "Wbp-tijdperk", Why: "Onder de Wbp gesloten: vernieuwen onder de AVG.",
		Query: "legal_basis:Wbp OR kind:bewerkersovereenkomst",
		match: func(row Row, _ Options) bool {
			r := row.Current.Record
			return deref(r.LegalBasis) == "Wbp" || r.Kind == "bewerkersovereenkomst"
		}},
	{Name: "old-model", Title: "Model ouder dan 4.0", Why: "Volgt een model van vóór 4.0: vraag de leverancier om het huidige model.",
		Query: "model<4.0",
		match: func(row Row, _ Options) bool {
			m := deref(row.Current.Record.ModelVersion)
			return m != "" && m < "4.0"
		}},
	{Name: "unsigned", Title: "Niet getekend of ongedateerd", Why: "Niet (aantoonbaar) door beide partijen getekend, of zonder datum: laat tekenen of zoek het getekende exemplaar.",
		Query: "NOT signed:true",
		match: func(row Row, _ Options) bool {
			r := row.Current.Record
			return r.Signature.Signed == nil || !*r.Signature.Signed || r.Signature.SignedDate == nil
		}},
	{Name: "no-privacybijsluiter", Title: "Geen privacybijsluiter", Why: "Geen privacybijsluiter (doeleinden, persoonsgegevens) gevonden: vraag hem op.",
		match: func(row Row, _ Options) bool { return !row.Privacybijsluiter }},
	{Name: "no-biv", Title: "Geen BIV-classificatie", Why: "Geen BIV-classificatie: vraag de beveiligingsbijlage op of classificeer zelf.",
		Query: "missing:biv",
		match: func(row Row, _ Options) bool { return row.Current.Record.BIV == nil }},
	{Name: "no-breach-deadline", Title: "Geen datalektermijn", Why: "Geen termijn voor het melden van een datalek: spreek een termijn in uren af.",
		Query: "missing:breach",
		match: func(row Row, _ Options) bool { return row.Current.Record.BreachHours == nil }},
	{Name: "transfer-no-safeguard", Title: "Doorgifte zonder waarborg", Why: "Doorgifte buiten de EER zonder genoemde waarborg (SCC, DPF, BCR) of adequaatheidsbesluit.",
		match: func(row Row, _ Options) bool {
			for _, t := range row.Current.Record.Transfers {
				if len(t.Safeguards) == 0 && t.Adequacy != "yes" {
					return true
				}
			}
			return false
		}},
	{Name: "old", Title: "Ouder dan N jaar", Why: "Ouder dan het ingestelde aantal jaren: tijd voor herziening.",
		match: func(row Row, o Options) bool {
			years, ok := age(dateOf(row.Current.Record), o.Now)
			return ok && years >= o.OlderThan
		}},
	{Name: "unreadable", Title: "Onleesbaar of slechte OCR", Why: "Bestand niet te lezen, of gescand en met lage zekerheid herkend: controleer de gegevens met het origineel.",
		Query: "failed:true",
		match: func(row Row, o Options) bool {
			for _, it := range row.Items {
				if it.Error != "" || lowOCR(it.Record, o.MinOCRConfidence) {
					return true
				}
			}
			return false
		}},
}

// LookupView returns the view named name.
func LookupView(name string) (View, error) {
	for _, v := range Views {
		if strings.EqualFold(v.Name, name) {
			return v, nil
		}
	}
	names := make([]string, len(Views))
	for i, v := range Views {
		names[i] = v.Name
	}
	return View{}, fmt.Errorf("unknown view %q; want one of %s", name, strings.Join(names, ", "))
}

// Filter returns the rows the view selects.
func (v View) Filter(rows []Row, o Options) []Row {
	var out []Row
	for _, r := range rows {
		if v.match(r, o) {
			out = append(out, r)
		}
	}
	return out
}

// Flags returns the names of the views that select row.
func Flags(row Row, o Options) []string {
	var out []string
	for _, v := range Views {
		if v.match(row, o) {
			out = append(out, v.Name)
		}
	}
	return out
}

// lowOCR reports whether r was read, in part, by OCR with a mean word
// confidence below min.
func lowOCR(r *extract.Record, min float64) bool {
	for _, evs := range r.Evidence {
		for _, ev := range evs {
			if ev.OCR && ev.OCRConfidence > 0 && ev.OCRConfidence < min {
				return true
			}
		}
	}
	return false
}
