package extract

import "github.com/dpa-nl/dpa/normalize"

// extractHeadquarters is a post-pass over the sub-processors found: each
// one the provider gazetteer recognises by its name as written (legal form,
// region and case as they come) gets the provider's head office, labelled
// with its source. It adds nothing to a sub-processor's countries, the
// storage locations or the outside-EEA answer: those stay what the
// document itself says.
func extractHeadquarters(_ *doc, r *Record) {
	for i := range r.Subprocessors {
		r.Subprocessors[i].Headquarters = headquartersOf(r.Subprocessors[i].Name)
	}
}

// headquartersOf returns the head office of the provider a sub-processor
// name refers to, nil when the gazetteer knows no such provider.
func headquartersOf(name string) *Headquarters {
	p, ok := normalize.LookupProvider(name)
	if !ok {
		return nil
	}
	return &Headquarters{
		Country:       p.Headquarters,
		Provider:      p.Name,
		Parent:        p.Parent,
		ParentCountry: p.ParentCountry,
		Source:        "gazetteer: " + p.Source,
	}
}
