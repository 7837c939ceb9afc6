package extract

import (
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// SupplierName returns the supplier's name as one spelling for all the ways
// it is written: the legal form in its canonical spelling and white space
// collapsed, so that "Heutink Primair Onderwijs BV" and "… B.V." are one
// name. It returns "" when the record names no supplier.
func SupplierName(r *Record) string {
	if r.Processor.Name == nil {
		return ""
	}
	base, form := normalize.SplitLegalForm(strings.Join(strings.Fields(*r.Processor.Name), " "))
	if form == "" {
		return base
	}
	return base + " " + form
}

// SupplierKey returns the identity of the record's supplier: "kvk:" and its
// Chamber of Commerce number where the document gives one, else "name:" and
// the normalised legal name (normalize.NameKey: case, accents, punctuation
// and legal form folded), else "".
func SupplierKey(r *Record) string {
	if r.Processor.KvK != nil && *r.Processor.KvK != "" {
		return "kvk:" + *r.Processor.KvK
	}
	if r.Processor.Name == nil || strings.TrimSpace(*r.Processor.Name) == "" {
		return ""
	}
	return "name:" + normalize.NameKey(*r.Processor.Name)
}
