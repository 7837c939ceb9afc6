package index

// The schema: one table of the fields of an indexed document. It builds
// the bleve mapping (newMapping) and the OpenSearch index template
// (index/opensearch), so that the two cannot drift apart. A new field is
// one row here and one value in newDocument (or searchDocument for a
// field only OpenSearch holds).

// FieldType is how a field is indexed.
type FieldType string

// The field types.
const (
	// TypeText is free text, analysed with the Dutch analyzer (stemming,
	// stop words).
	TypeText FieldType = "text"
	// TypeKeyword holds whole values from a vocabulary or a name, matched
	// exactly.
	TypeKeyword FieldType = "keyword"
	// TypeName is a name: the whole value as a keyword (facets, exact
	// match) and its words, case and accents folded, in Field.Words.
	TypeName FieldType = "name"
	// TypeBool is true or false.
	TypeBool FieldType = "boolean"
	// TypeNumber is a number, compared with < <= > >=.
	TypeNumber FieldType = "number"
	// TypeDate is a date or a time.
	TypeDate FieldType = "date"
	// TypeJSON is a JSON document kept to show, never searched: bleve
	// stores its text, OpenSearch the object (in _source, not indexed).
	TypeJSON FieldType = "json"
	// TypeStored is a string kept to show, never searched.
	TypeStored FieldType = "stored"
	// TypeNested is a list of objects whose fields are matched together
	// (a sub-processor's name with its countries); OpenSearch only.
	TypeNested FieldType = "nested"
)

// Engine says which search engines hold a field.
type Engine int

// The engines.
const (
	Both       Engine = iota
	BleveOnly         // a device of dpa's own index: a facet column, a sort key
	SearchOnly        // only in the OpenSearch document (nested objects, what dpa's queries never ask)
)

// Field is one field of an indexed document.
type Field struct {
	// Name is the field's name; a dot names a field of a sub-document
	// (biv.availability).
	Name string
	Type FieldType
	// Words is, for TypeName, the bleve field that holds the name's words
	// (OpenSearch: the sub-field NAME.words).
	Words string
	// Store keeps the value in bleve to show it (OpenSearch keeps all of
	// _source anyway).
	Store bool
	// Column gives a keyword a column of doc values in bleve, for
	// counting facets.
	Column bool
	// Sort makes a keyword a sort key in bleve: one value per document in
	// a column of doc values, without term vectors.
	Sort   bool
	Engine Engine
	// Fields are the fields of each object of a TypeNested field.
	Fields []Field
	// Doc says what the field holds.
	Doc string
}

// nameAnalyzer matches names by their words, case and accents folded, so
// that supplier:heutink finds "Heutink Primair Onderwijs B.V.".
const nameAnalyzer = "dpa_name"

// schema is the table of the indexed fields.
var schema = []Field{
	{Name: fText, Type: TypeText, Store: true, Doc: "the full text, pages joined"},
	{Name: fSupplier, Type: TypeName, Words: fSupplierWords, Doc: "the supplier (processor.name), one spelling of its legal form"},
	{Name: fProduct, Type: TypeName, Words: fProductWords, Doc: "the products and services"},
	{Name: fSub, Type: TypeName, Words: fSubWords, Doc: "the names of the sub-processors"},
	{Name: fCountry, Type: TypeKeyword, Doc: "every country of a sub-processor, a storage location or a transfer (ISO 3166-1 alpha-2)"},
	{Name: fHeadquarters, Type: TypeKeyword, Doc: "the head offices of the sub-processors (a gazetteer's, not the document's word)"},
	{Name: fKind, Type: TypeKeyword, Doc: "the kind of document"},
	{Name: fModel, Type: TypeKeyword, Doc: "the model version of the Convenant (2.0, 3.0, 4.0)"},
	{Name: fLegalBasis, Type: TypeKeyword, Doc: "AVG or Wbp"},
	{Name: fFormat, Type: TypeKeyword, Doc: "the file format"},
	{Name: fExtractor, Type: TypeKeyword, Doc: "the extractor version that made the record"},
	{Name: fCategory, Type: TypeKeyword, Doc: "the categories of personal data"},
	{Name: fSubject, Type: TypeKeyword, Doc: "the groups of data subjects"},
	{Name: fMissing, Type: TypeKeyword, Doc: "the query names of the fields the record lacks"},
	{Name: fFacet, Type: TypeKeyword, Column: true, Engine: BleveOnly, Doc: "field\\x1fvalue per facet value, counted in one column"},
	{Name: fPath, Type: TypeKeyword, Store: true, Doc: "every path of the document"},
	{Name: fSortSupplier, Type: TypeKeyword, Sort: true, Engine: BleveOnly, Doc: "the supplier lower-cased, a sort key"},
	{Name: fSortPath, Type: TypeKeyword, Sort: true, Engine: BleveOnly, Doc: "the first path, a sort key"},
	{Name: fOutsideEEA, Type: TypeBool, Doc: "data goes outside the EEA"},
	{Name: fFailed, Type: TypeBool, Doc: "the file now fails to read; this is its last good version"},
	{Name: fMember, Type: TypeBool, Doc: "one more file of an agreement another document represents"},
	{Name: fBIVA, Type: TypeNumber, Doc: "BIV availability level(s), 1-3"},
	{Name: fBIVI, Type: TypeNumber, Doc: "BIV integrity level(s), 1-3"},
	{Name: fBIVC, Type: TypeNumber, Doc: "BIV confidentiality level(s), 1-3"},
	{Name: fRetention, Type: TypeNumber, Doc: "retention periods in days"},
	{Name: fBreach, Type: TypeNumber, Doc: "the breach notification deadline in hours"},
	{Name: fModelNum, Type: TypeNumber, Doc: "the model version as a number"},
	{Name: fReviewHigh, Type: TypeNumber, Doc: "the review's high-risk findings (extract/review)"},
	{Name: fReviewMedium, Type: TypeNumber, Doc: "the review's medium-risk findings"},
	{Name: fReviewLow, Type: TypeNumber, Doc: "the review's low-risk findings"},
	{Name: fReviewMissing, Type: TypeKeyword, Doc: "the obligations of Model 4.0 the agreement lacks"},
	{Name: fReviewDeviating, Type: TypeKeyword, Doc: "the obligations of Model 4.0 the agreement weakens"},
	{Name: fReviewState, Type: TypeKeyword, Doc: "the review's state: red, amber, green or not_applicable"},
	{Name: fVersionDate, Type: TypeDate, Doc: "the date of the agreement's version"},
	// No query of dpa's asks for the file's time: bleve does not index it
	// (sixteen numeric terms a document); OpenSearch holds it.
	{Name: fModified, Type: TypeDate, Engine: SearchOnly, Doc: "the file's modification time"},
	{Name: fSigned, Type: TypeBool, Doc: "the signature block shows every party's name and date filled in (absent when the text cannot tell)"},
	{Name: fSignedDate, Type: TypeDate, Doc: "the latest filled signing date"},
	{Name: fTermEnd, Type: TypeDate, Doc: "the end of the agreement's term, stated or start plus duration"},
	{Name: fRecord, Type: TypeJSON, Doc: "the whole record (GOLD.md fields, evidence, warnings, source)"},
	{Name: fPages, Type: TypeJSON, Doc: "the byte range of each page in text"},
	{Name: fError, Type: TypeStored, Doc: "why the file now fails"},
	{Name: fSubprocessors, Type: TypeNested, Engine: SearchOnly, Doc: "each sub-processor with its countries", Fields: []Field{
		{Name: "name", Type: TypeName, Words: "name_words", Doc: "the sub-processor's name"},
		{Name: "countries", Type: TypeKeyword, Doc: "where it processes or stores"},
		{Name: "headquarters", Type: TypeKeyword, Doc: "its head office (and its parent's)"},
	}},
}

// fSubprocessors is the OpenSearch field of the sub-processors as objects.
const fSubprocessors = "subprocessors"

// Schema returns the table of the indexed fields (a copy).
func Schema() []Field {
	out := make([]Field, len(schema))
	copy(out, schema)
	return out
}
