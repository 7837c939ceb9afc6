package normalize

// Provider is a service provider that Dutch educational software commonly
// uses as a sub-processor (cloud and hosting, CDN, e-mail and SMS,
// payments, analytics, support desks, AI APIs, identity), as public facts
// from the gazetteer table. It is a cue for recognising a name, never the
// source of a document's countries: those come from what the document says.
type Provider struct {
	// Name is the provider's usual name ("Amazon Web Services").
	Name string
	// LegalName is the contracting legal entity where known ("Amazon Web Services EMEA SARL").
	LegalName string
	// Aliases are other names the provider goes by ("AWS").
	Aliases []string
	// Domains are the provider's web domains ("aws.amazon.com").
	Domains []string
	// Headquarters is the ISO 3166-1 alpha-2 code of the country of the
	// provider's (parent's) head office.
	Headquarters string
	// Category says what the provider does ("cloud", "email", "payments", …).
	Category string
	// Source names where the facts come from.
	Source string
}

// LookupProvider returns the provider that name (a name as written in a
// document, legal form and case as they come) refers to.
func LookupProvider(name string) (Provider, bool) {
	// Stub: the gazetteer table lands with the providers data file.
	return Provider{}, false
}
