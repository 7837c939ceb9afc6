package extract

import (
	"fmt"
	"sort"

	"github.com/dpa-nl/dpa/corpus"
)

// field is one field extractor: it reads d and fills its part of r.
type field struct {
	name string
	run  func(d *doc, r *Record)
}

// fields run in this order; later ones may use what earlier ones found
// (outside_eea uses the sub-processors, for instance).
var fields = []field{
	{"kind", extractKind},
	{"processor", extractParties},
	{"products", extractProducts},
	{"subprocessors", extractSubprocessors},
	{"retention", extractRetention},
	{"breach_notification_hours", extractBreach},
	{"biv", extractBIV},
	{"rosa", extractROSA},
	{"data_categories", extractCategories},
	{"version_date", extractVersionDate},
	{"headquarters", extractHeadquarters},
	{"transfers", extractTransfers},
	{"signature", extractSignature},
	{"term", extractTerm},
	{"purposes", extractPurposes},
	{"annexes", extractAnnexes},
}

// Extract reads every field of the record contract from doc. It never
// panics: a failing field extractor leaves its field empty and adds a warning.
func Extract(doc *corpus.Document) *Record {
	return extract(doc, nil)
}

// extract is Extract, collecting the reasoning of the scored extractors in
// e when it is not nil.
func extract(doc *corpus.Document, e *Explanation) *Record {
	d := newDoc(doc)
	defer d.release()
	d.explain = e
	r := &Record{
		Source:           doc.Source,
		Kind:             "other",
		Evidence:         map[string][]Evidence{},
		Warnings:         append([]string{}, doc.Warnings...),
		ExtractorVersion: Version,
	}
	for _, f := range fields {
		runField(f, d, r)
	}
	r.tidy()
	return r
}

func runField(f field, d *doc, r *Record) {
	defer func() {
		if p := recover(); p != nil {
			r.Warnings = append(r.Warnings, fmt.Sprintf("internal error while extracting %s: %v", f.name, p))
		}
	}()
	f.run(d, r)
}

// tidy gives list fields [] instead of null and sorts the set-like ones,
// so records compare and diff well.
func (r *Record) tidy() {
	if r.Products == nil {
		r.Products = []string{}
	}
	if r.Subprocessors == nil {
		r.Subprocessors = []Subprocessor{}
	}
	for i := range r.Subprocessors {
		if r.Subprocessors[i].Countries == nil {
			r.Subprocessors[i].Countries = []string{}
		}
	}
	if r.StorageLocations == nil {
		r.StorageLocations = []Location{}
	}
	if r.OutsideEEACountries == nil {
		r.OutsideEEACountries = []string{}
	}
	if r.Transfers == nil {
		r.Transfers = []Transfer{}
	}
	sort.Strings(r.OutsideEEACountries)
	if r.Retention == nil {
		r.Retention = []Retention{}
	}
	if r.SubjectGroups == nil {
		r.SubjectGroups = []string{}
	}
	if r.DataCategories == nil {
		r.DataCategories = []string{}
	}
	sort.Strings(r.DataCategories)
	if r.Annexes == nil {
		r.Annexes = []string{}
	}
	if r.Purposes == nil {
		r.Purposes = []Purpose{}
	}
	if r.Signature.Parties == nil {
		r.Signature.Parties = []SignatureParty{}
	}
}
