// Package extract reads the fields of a data-processing agreement from its
// text with heuristic Dutch-language rules. Every value it reports carries
// Evidence: where in the document it was found.
package extract

import "github.com/dpa-nl/dpa/corpus"

// Version identifies the extractor rules; an index re-extracts documents
// that an older version extracted.
const Version = "0.1.0"

// Record is everything dpa extracts from one agreement. Its JSON form
// follows the record contract (GOLD.md): the same names, paths and
// vocabularies, plus source metadata, evidence and warnings.
type Record struct {
	Source corpus.Source `json:"source"`

	Kind                string         `json:"kind"`
	ModelVersion        *string        `json:"model_version"`
	LegalBasis          *string        `json:"legal_basis"`
	Processor           Party          `json:"processor"`
	ControllerFilled    bool           `json:"controller_filled"`
	Products            []string       `json:"products"`
	Subprocessors       []Subprocessor `json:"subprocessors"`
	StorageLocations    []Location     `json:"storage_locations"`
	OutsideEEA          *bool          `json:"outside_eea"`
	OutsideEEACountries []string       `json:"outside_eea_countries"`
	// Transfers says, for each of OutsideEEACountries, whether an adequacy
	// decision covers it and which transfer safeguards the document names
	// (beside the contract's fields, not one of them).
	Transfers      []Transfer  `json:"transfers"`
	Retention      []Retention `json:"retention"`
	BIV            *BIV        `json:"biv"`
	ROSA           ROSA        `json:"rosa"`
	SubjectGroups  []string    `json:"subject_groups"`
	DataCategories []string    `json:"data_categories"`
	BreachHours    *int        `json:"breach_notification_hours"`
	VersionDate    *string     `json:"version_date"`
	// Purposes are the purposes of processing (doeleinden) as written,
	// Signature the signature block and Term the agreement's duration
	// (beside the contract's fields, not among them).
	Purposes  []Purpose `json:"purposes"`
	Signature Signature `json:"signature"`
	Term      Term      `json:"term"`
	// Annexes are the annexes the document holds: "privacybijsluiter",
	// "beveiligingsbijlage" (sorted), each with evidence.
	Annexes []string `json:"annexes"`

	// Evidence maps a field path ("processor.name", "subprocessors[1].countries",
	// "data_categories[0]") to the passages that support its value.
	Evidence map[string][]Evidence `json:"evidence"`
	// Warnings are doubts a reader should know about ("breach deadline in
	// working days, not hours").
	Warnings []string `json:"warnings"`
	// ExtractorVersion is Version at the time of extraction.
	ExtractorVersion string `json:"extractor_version"`
}

// Party is the supplier (Verwerker/Bewerker) as a legal entity.
type Party struct {
	Name     *string `json:"name"`
	KvK      *string `json:"kvk"`
	Postcode *string `json:"postcode"`
	City     *string `json:"city"`
}

// Subprocessor is one Subverwerker/Subbewerker with the countries the
// document ties to it (ISO 3166-1 alpha-2, sorted).
type Subprocessor struct {
	Name      string   `json:"name"`
	Countries []string `json:"countries"`
	// Purpose is what the sub-processor does, when the document says.
	Purpose string `json:"purpose,omitempty"`
	// Locations are the places (data centres, cities, regions) named for it.
	Locations []string `json:"locations,omitempty"`
	// Headquarters is where the sub-processor's company has its head
	// office, from the provider gazetteer and not from the document: it
	// never feeds Countries or the outside-EEA answer. Nil for a company
	// the gazetteer does not know.
	Headquarters *Headquarters `json:"headquarters,omitempty"`
}

// Headquarters is a known provider's head office, with the source of that
// fact, so that an auditor sees where a sub-processor the agreement places
// in the EU is a company of ("the agreement says IE, the provider is a US
// company").
type Headquarters struct {
	// Country is the ISO 3166-1 alpha-2 code of the provider's head office.
	Country string `json:"country"`
	// Provider is the gazetteer's name for the provider the sub-processor
	// was recognised as.
	Provider string `json:"provider"`
	// Parent is the group the provider belongs to and ParentCountry that
	// group's head office, when it has one.
	Parent        string `json:"parent,omitempty"`
	ParentCountry string `json:"parent_country,omitempty"`
	// Source says where the fact comes from: "gazetteer: " and the
	// gazetteer's source for the provider.
	Source string `json:"source"`
}

// Location is a place where personal data is stored or processed.
type Location struct {
	Place   string `json:"place"`
	Country string `json:"country"`
}

// Retention is one retention period for personal data.
type Retention struct {
	// Duration is an ISO 8601 duration (P4W, P13M, P2Y), nil for a period
	// without a length.
	Duration *string `json:"duration"`
	// Bound is max, min, exact or until.
	Bound string `json:"bound"`
	// Trigger is what the period counts from: contract_end, last_use,
	// creation, school_year_end, request, during_contract or unspecified.
	Trigger string `json:"trigger"`
	// Days is the duration in days (months of 30.44 days), 0 when Duration is nil.
	Days float64 `json:"days,omitempty"`
}

// BIV is the ROSA classification of availability, integrity and
// confidentiality, each a level range [low, high] on 1–3.
type BIV struct {
	Availability    [2]int `json:"availability"`
	Integrity       [2]int `json:"integrity"`
	Confidentiality [2]int `json:"confidentiality"`
}

// ROSA is the outcome of the ROSA security check.
type ROSA struct {
	// Assessment is self-assessment, peer review or audit.
	Assessment *string `json:"assessment"`
	// Controls counts distinct controls by status; nil without a control table.
	Controls *Controls `json:"controls"`
}

// Controls counts ROSA controls by compliance status.
type Controls struct {
	Voldaan      int `json:"voldaan"`
	Alternatief  int `json:"alternatief"`
	Gedeeltelijk int `json:"gedeeltelijk"`
	NietVoldaan  int `json:"niet_voldaan"`
}

// Evidence locates the passage that supports a value: its page and the byte
// range [Start, End) in the document text, and the quoted text itself.
type Evidence struct {
	Page  int    `json:"page"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
	// Confidence (0–1) is how sure the rule that found it is.
	Confidence float64 `json:"confidence"`
	// OCR is true when the passage was recognised from a scanned page;
	// OCRConfidence is then that page's mean word confidence (0–100).
	OCR           bool    `json:"ocr,omitempty"`
	OCRConfidence float64 `json:"ocr_confidence,omitempty"`
	// Box is, for a passage recognised by OCR, the rectangle around its
	// words on the page image, in fractions (0–1) of the image's width and
	// height from its top left corner: the passage on the scan itself.
	Box *corpus.Box `json:"box,omitempty"`
}
