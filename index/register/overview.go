// Package register turns the records of an index into what a school
// board's privacy officer hands in: the supplier overview (one row per
// supplier and product with the state of its agreement), the views that
// point at work to do (Wbp-era, unsigned, no BIV, …), the AVG article 30
// register of processing activities, and the officer's corrections, kept
// beside the extracted values.
package register

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// Item is one agreement of the index: its record (with the officer's
// corrections applied, see Store.Apply) and, when the file now fails to
// read, the error (the record is then its last good version).
type Item struct {
	// ID is the document's id in the index.
	ID     string
	Record *extract.Record
	// Error is set when the file now fails to read.
	Error string
	// Corrections are the corrections applied to Record; Doubtful those
	// whose evidence no longer matches the file (a second look is due).
	Corrections []Correction
	Doubtful    []Correction
	// Status and Note are the officer's verdict on the agreement
	// (te beoordelen, akkoord, afgewezen), "" when none was given.
	Status, Note string
}

// Row is one line of the supplier overview: a supplier and a product, with
// its current agreement.
type Row struct {
	// Supplier is the supplier's name as written; SupplierKey its identity
	// (KvK number, else normalised legal name, see extract.SupplierKey).
	Supplier, SupplierKey, KvK string
	// Product is one product of the agreement; "" when it names none.
	Product string
	// Current is the current agreement for the supplier and product: the
	// newest verwerkersovereenkomst or bewerkersovereenkomst, else the
	// newest document. Items are all documents for the supplier and product.
	Current Item
	Items   []Item
	// Privacybijsluiter and Beveiligingsbijlage say whether the annexes are
	// present: as documents of their own, or as content of the agreement
	// (purposes or categories of personal data; a BIV classification or
	// ROSA check).
	Privacybijsluiter, Beveiligingsbijlage bool
}

// Overview returns the supplier overview of items: one row per supplier
// and product, sorted by supplier name and product.
func Overview(items []Item) []Row {
	type key struct{ supplier, product string }
	groups := map[key][]Item{}
	var order []key
	for _, it := range items {
		r := it.Record
		if r == nil {
			continue
		}
		sk := extract.SupplierKey(r)
		if sk == "" {
			sk = "file:" + r.Source.Path
		}
		products := r.Products
		if len(products) == 0 {
			products = []string{""}
		}
		for _, p := range products {
			k := key{sk, normalize.NameKey(p)}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], it)
		}
	}
	// a document without a product (an agreement naming none, an annex)
	// belongs to each of its supplier's product rows when there are any
	bySupplier := map[string][]key{}
	for _, k := range order {
		if k.product != "" {
			bySupplier[k.supplier] = append(bySupplier[k.supplier], k)
		}
	}
	var rows []Row
	for _, k := range order {
		if k.product == "" && len(bySupplier[k.supplier]) > 0 {
			for _, pk := range bySupplier[k.supplier] {
				groups[pk] = append(groups[pk], groups[k]...)
			}
		}
	}
	for _, k := range order {
		if k.product == "" && len(bySupplier[k.supplier]) > 0 {
			continue
		}
		row := Row{SupplierKey: k.supplier}
		fill(&row, groups[k], k.product)
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(a, b int) bool {
		sa, sb := strings.ToLower(rows[a].Supplier), strings.ToLower(rows[b].Supplier)
		if sa != sb {
			return sa < sb
		}
		return strings.ToLower(rows[a].Product) < strings.ToLower(rows[b].Product)
	})
	return rows
}

// fill sets a row's current agreement and annexes from the documents of
// its supplier and product.
func fill(row *Row, its []Item, product string) {
	seen := map[*extract.Record]bool{}
	for _, it := range its {
		if !seen[it.Record] {
			seen[it.Record] = true
			row.Items = append(row.Items, it)
		}
	}
	sort.SliceStable(row.Items, func(a, b int) bool {
		ra, rb := row.Items[a].Record, row.Items[b].Record
		if ia, ib := isAgreement(ra), isAgreement(rb); ia != ib {
			return ia
		}
		return dateOf(ra) > dateOf(rb)
	})
	row.Current = row.Items[0]
	r := row.Current.Record
	row.Supplier = extract.SupplierName(r)
	if r.Processor.KvK != nil {
		row.KvK = *r.Processor.KvK
	}
	for _, it := range row.Items {
		if p := productOf(it.Record, product); p != "" {
			row.Product = p
			break
		}
	}
	for _, it := range row.Items {
		x := it.Record
		switch {
		case x.Kind == "privacybijsluiter":
			row.Privacybijsluiter = true
		case x.Kind == "beveiligingsbijlage":
			row.Beveiligingsbijlage = true
		}
		if x == r || x.Kind == "privacybijsluiter" || x.Kind == "beveiligingsbijlage" {
			for _, a := range x.Annexes {
				switch a {
				case "privacybijsluiter":
					row.Privacybijsluiter = true
				case "beveiligingsbijlage":
					row.Beveiligingsbijlage = true
				}
			}
			if len(x.Purposes) > 0 || len(x.DataCategories) > 0 {
				row.Privacybijsluiter = true
			}
			if x.BIV != nil || x.ROSA.Assessment != nil || x.ROSA.Controls != nil {
				row.Beveiligingsbijlage = true
			}
		}
	}
}

// productOf picks the row's product among the record's products.
func productOf(r *extract.Record, key string) string {
	if key == "" {
		return ""
	}
	for _, p := range r.Products {
		if normalize.NameKey(p) == key {
			return p
		}
	}
	return ""
}

// isAgreement reports whether r is an agreement rather than an annex or page.
func isAgreement(r *extract.Record) bool {
	return r.Kind == "verwerkersovereenkomst" || r.Kind == "bewerkersovereenkomst"
}

// dateOf is the date an agreement is known by: its signing date, else its
// version date, else "".
func dateOf(r *extract.Record) string {
	if r.Signature.SignedDate != nil {
		return *r.Signature.SignedDate
	}
	if r.VersionDate != nil {
		return *r.VersionDate
	}
	return ""
}

// SignedText renders the signed answer in Dutch: "ja", "nee" or "onbekend".
func SignedText(r *extract.Record) string {
	switch {
	case r.Signature.Signed == nil:
		return "onbekend"
	case *r.Signature.Signed:
		return "ja"
	}
	return "nee"
}

// TermText renders the term in Dutch: "1-8-2024 t/m 31-7-2026 (2 jaar),
// opzegtermijn 3 maanden, stilzwijgend verlengd" or "gelijk aan de
// Onderliggende Overeenkomst".
func TermText(t extract.Term) string {
	var parts []string
	if t.Follows != nil {
		parts = append(parts, "gelijk aan de "+*t.Follows)
	}
	span := ""
	if t.Start != nil {
		span = "vanaf " + *t.Start
	}
	if t.End != nil {
		span = strings.TrimSpace(span + " tot en met " + *t.End)
	}
	if t.Duration != nil {
		span = strings.TrimSpace(span + " (" + normalize.DutchDuration(*t.Duration) + ")")
	}
	if span != "" {
		parts = append(parts, span)
	}
	if t.Notice != nil {
		parts = append(parts, "opzegtermijn "+normalize.DutchDuration(*t.Notice))
	}
	if t.AutoRenewal != nil && *t.AutoRenewal {
		parts = append(parts, "stilzwijgend verlengd")
	}
	return strings.Join(parts, ", ")
}

// TransfersText renders the non-EEA countries with their safeguards:
// "US: SCC, DPF; IN: geen waarborg genoemd".
func TransfersText(r *extract.Record) string {
	var parts []string
	for _, t := range r.Transfers {
		s := "geen waarborg genoemd"
		if len(t.Safeguards) > 0 {
			s = strings.Join(t.Safeguards, ", ")
		}
		if t.Adequacy == "yes" {
			s += " (adequaatheidsbesluit)"
		}
		parts = append(parts, t.Country+": "+s)
	}
	if len(parts) == 0 {
		return strings.Join(r.OutsideEEACountries, ", ")
	}
	return strings.Join(parts, "; ")
}

// Files lists the files of a row's documents, current agreement first.
func (row Row) Files() []string {
	var out []string
	seen := map[string]bool{}
	for _, it := range row.Items {
		paths := it.Record.Source.Paths
		if len(paths) == 0 {
			paths = []string{it.Record.Source.Path}
		}
		for _, p := range paths {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// age returns how many whole years before now the date iso lies; ok is
// false when iso is no date.
func age(iso string, now time.Time) (years int, ok bool) {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return 0, false
	}
	years = now.Year() - t.Year()
	if now.YearDay() < t.YearDay() {
		years--
	}
	return years, true
}

func itoa(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
