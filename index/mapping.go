package index

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/extract/review"
)

// SchemaVersion identifies the index mapping below; an index built with
// another mapping must be rebuilt (delete it and run dpa index again).
const SchemaVersion = "12"

// NameInitialsPattern matches a one-letter word and its dot ("B." of
// "B.V."); names keep the letter alone, so that "B.V." and "BV" are the
// same word. Go's and Java's regular expressions read it alike: OpenSearch
// runs it; bleve's nameDots does the same by hand.
const NameInitialsPattern = `\b(\p{L})\.`

// Index field names. The query syntax (see Parse) maps its own names onto these.
const (
	fText          = "text"     // full text, Dutch analyzer, stored for highlighting
	fSupplier      = "supplier" // processor.name, whole value (facets, exact)
	fSupplierWords = "supplier_words"
	fProduct       = "product"
	fProductWords  = "product_words"
	fSub           = "subprocessor"
	fSubWords      = "subprocessor_words"
	fCountry       = "country"      // every country of a sub-processor or storage location
	fHeadquarters  = "headquarters" // gazetteer head offices of the sub-processors (not the document's word)
	fKind          = "kind"
	fModel         = "model"
	fModelNum      = "model_number" // the model version as a number, for model<4.0
	fMissing       = "missing"      // the query names of the fields the record lacks (missing:biv)
	fLegalBasis    = "legal_basis"
	fFormat        = "format"
	fExtractor     = "extractor"
	fCategory      = "category"
	fSubject       = "subject"
	fPath          = "path" // every path of the document, stored
	fOutsideEEA    = "outside_eea"
	fFailed        = "failed" // the file now fails; this is its last good version
	fMember        = "member" // one more file of an agreement another document represents; never searched
	fBIVA          = "biv.availability"
	fBIVI          = "biv.integrity"
	fBIVC          = "biv.confidentiality"
	fRetention     = "retention" // retention periods in days
	fBreach        = "breach"    // breach notification deadline in hours
	fVersionDate   = "version_date"
	fSigned        = "signed"      // the signature block shows every party signed (absent when unknown)
	fSignedDate    = "signed_date" // the latest filled signing date
	fTermEnd       = "term_end"    // the end of the agreement's term (stated, or start plus duration)
	fModified      = "modified"
	fRecord        = "record"        // the record as JSON, stored only
	fPages         = "pages"         // page offsets into text as JSON, stored only
	fError         = "error"         // why the file now fails, stored only
	fSortSupplier  = "sort_supplier" // lower-cased supplier name, sort key
	fSortPath      = "sort_path"     // the first path, sort key
	// fFacet holds "field\x1fvalue" for every facet field of the document
	// (an empty value when it has none), so that counting the facets of a
	// result visits one field's doc values per match instead of four.
	fFacet = "facet"
	// The review against the Model Verwerkersovereenkomst (extract/review):
	// counts of findings by risk, the ids of missing and deviating
	// obligations, and the traffic-light state.
	fReviewHigh      = "review.high"
	fReviewMedium    = "review.medium"
	fReviewLow       = "review.low"
	fReviewMissing   = "review.missing"
	fReviewDeviating = "review.deviating"
	fReviewState     = "review.state"
)

// facetSep separates the field from the value in an fFacet term.
const facetSep = "\x1f"

// newMapping declares the one index mapping of dpa, from the schema table.
func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	// A dot joins the words of a name into one token for the unicode
	// tokenizer ("oefenweb.nl", "b.v"); names are matched by their words,
	// so supplier:oefenweb finds "Oefenweb.nl B.V." (see nameDots).
	err := im.AddCustomAnalyzer(nameAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"char_filters":  []string{asciifolding.Name, nameDots},
		"tokenizer":     asciiTokenizerName,
		"token_filters": []string{lowercase.Name},
	})
	if err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = keyword.Name
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	doc := bleve.NewDocumentStaticMapping()
	for _, f := range schema {
		if f.Engine == SearchOnly {
			continue
		}
		at, name := doc, f.Name
		if parent, child, ok := strings.Cut(f.Name, "."); ok {
			// A field of a sub-document: biv.availability.
			sub := doc.Properties[parent]
			if sub == nil {
				sub = bleve.NewDocumentStaticMapping()
				doc.AddSubDocumentMapping(parent, sub)
			}
			at, name = sub, child
		}
		fms, err := bleveFields(f)
		if err != nil {
			return nil, err
		}
		for _, fm := range fms {
			if fm.Name == f.Name {
				fm.Name = name // in a sub-document bleve prefixes the parent's name
			}
		}
		at.AddFieldMappingsAt(name, fms...)
	}
	// Every query names its field (compile), so bleve's composite "_all"
	// field, which it writes for every document unless told not to (even
	// with nothing included in it), is turned off.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = doc
	return im, im.Validate()
}

// bleveFields returns the bleve field mappings of one schema field. Every
// query names its field, so no field goes into bleve's composite "_all";
// a keyword is matched whole, so it keeps no term vectors (only the text
// and name words answer phrases and highlights); numbers, dates and
// booleans are searched only, never shown, sorted or counted from the
// index, so they are neither stored nor given doc values. Each of these
// made every document dearer to write, for nothing a search asks.
func bleveFields(f Field) ([]*mapping.FieldMapping, error) {
	switch f.Type {
	case TypeText:
		m := bleve.NewTextFieldMapping()
		m.Analyzer = dutchAnalyzer
		m.Store = f.Store
		m.IncludeTermVectors = true
		m.DocValues = false
		m.IncludeInAll = false
		return []*mapping.FieldMapping{m}, nil
	case TypeKeyword, TypeName:
		m := bleve.NewKeywordFieldMapping()
		m.Name = f.Name
		m.Store = f.Store
		m.DocValues = f.Column || f.Sort // other keywords are counted in fFacet
		m.IncludeInAll = false
		m.IncludeTermVectors = false
		if f.Type == TypeKeyword {
			return []*mapping.FieldMapping{m}, nil
		}
		w := bleve.NewTextFieldMapping()
		w.Name = f.Words
		w.Analyzer = nameAnalyzer
		w.Store = false
		w.DocValues = false
		w.IncludeInAll = false
		return []*mapping.FieldMapping{m, w}, nil
	case TypeBool:
		m := bleve.NewBooleanFieldMapping()
		m.IncludeInAll, m.Store, m.DocValues = false, false, false
		return []*mapping.FieldMapping{m}, nil
	case TypeNumber:
		// one term a number, see numberTerm
		m := bleve.NewKeywordFieldMapping()
		m.IncludeInAll, m.Store, m.DocValues, m.IncludeTermVectors = false, false, false, false
		return []*mapping.FieldMapping{m}, nil
	case TypeDate:
		m := bleve.NewDateTimeFieldMapping()
		m.IncludeInAll, m.Store, m.DocValues = false, false, false
		return []*mapping.FieldMapping{m}, nil
	case TypeJSON, TypeStored:
		m := bleve.NewTextFieldMapping()
		m.Index = false
		m.Store = true
		m.DocValues = false
		m.IncludeInAll = false
		return []*mapping.FieldMapping{m}, nil
	}
	return nil, fmt.Errorf("field %s: type %q has no bleve mapping", f.Name, f.Type)
}

// document is one agreement as bleve indexes it: the record flattened into
// the fields of the mapping, plus what is stored for display.
type document map[string]interface{}

// stored is what the index keeps of one document to show it and to
// re-index it when only its paths or error change.
type stored struct {
	Record *extract.Record
	Text   string
	Pages  []corpus.Page
	Error  string
	// MemberOf is the representative of the agreement this document is
	// one more file of; "" for a representative or a document alone.
	MemberOf string
	// recordPacked is Record as newDocument wrote it, with the paths
	// recordPaths, in the history's stored form (packRecord): the history
	// stores it when its version has those paths, without encoding or
	// compressing the record again. makeDocument makes it, on the workers
	// that make the documents (an export, which has no history, does not).
	recordPacked []byte
	recordPaths  []string
}

// reviewFields are the review's fields of the document (under "review").
func reviewFields(s *stored) map[string]interface{} {
	sum := review.Review(&corpus.Document{Source: s.Record.Source, Text: s.Text, Pages: s.Pages}, s.Record).Summary
	out := map[string]interface{}{
		"high": float64(sum.High), "medium": float64(sum.Medium), "low": float64(sum.Low), "state": sum.State,
	}
	if len(sum.Missing) > 0 {
		out["missing"] = sum.Missing
	}
	if len(sum.Deviating) > 0 {
		out["deviating"] = sum.Deviating
	}
	return out
}

// newDocument flattens s into the fields of the mapping.
func newDocument(s *stored) (document, error) {
	r := s.Record
	recJSON, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", r.Source.SHA256, err)
	}
	s.recordPaths = r.Source.Paths
	pagesJSON, err := json.Marshal(s.Pages)
	if err != nil {
		return nil, err
	}
	d := document{
		fText:      s.Text,
		fRecord:    json.RawMessage(recJSON), // stored as they are (docBuilder)
		fPages:     json.RawMessage(pagesJSON),
		fKind:      r.Kind,
		fFormat:    string(r.Source.Format),
		fExtractor: r.ExtractorVersion,
		fPath:      sourcePaths(r.Source),
		fSortPath:  r.Source.Path,
		fFailed:    s.Error != "",
	}
	if s.Error != "" {
		d[fError] = s.Error
	}
	if m := missingOf(r); len(m) > 0 {
		d[fMissing] = m
	}
	if s.MemberOf != "" {
		d[fMember] = true
	}
	if r.Processor.Name != nil {
		d[fSupplier] = extract.SupplierName(r) // one spelling of the legal form, for facets
		d[fSortSupplier] = strings.ToLower(*r.Processor.Name)
	}
	if r.ModelVersion != nil {
		d[fModel] = *r.ModelVersion
		if n, err := strconv.ParseFloat(*r.ModelVersion, 64); err == nil {
			d[fModelNum] = n
		}
	}
	if r.LegalBasis != nil {
		d[fLegalBasis] = *r.LegalBasis
	}
	if len(r.Products) > 0 {
		d[fProduct] = r.Products
	}
	var subs []string
	countries, hq := map[string]bool{}, map[string]bool{}
	for _, s := range r.Subprocessors {
		subs = append(subs, s.Name)
		if h := s.Headquarters; h != nil {
			hq[h.Country] = true
			if h.ParentCountry != "" {
				hq[h.ParentCountry] = true
			}
		}
		for _, c := range s.Countries {
			countries[c] = true
		}
	}
	for _, l := range r.StorageLocations {
		if l.Country != "" {
			countries[l.Country] = true
		}
	}
	for _, c := range r.OutsideEEACountries {
		countries[c] = true
	}
	if len(subs) > 0 {
		d[fSub] = subs
	}
	if len(countries) > 0 {
		d[fCountry] = sortedKeys(countries)
	}
	if len(hq) > 0 {
		d[fHeadquarters] = sortedKeys(hq)
	}
	if len(r.DataCategories) > 0 {
		d[fCategory] = r.DataCategories
	}
	if len(r.SubjectGroups) > 0 {
		d[fSubject] = r.SubjectGroups
	}
	if r.OutsideEEA != nil {
		d[fOutsideEEA] = *r.OutsideEEA
	}
	if r.BIV != nil {
		d["biv"] = map[string]interface{}{
			"availability":    levels(r.BIV.Availability),
			"integrity":       levels(r.BIV.Integrity),
			"confidentiality": levels(r.BIV.Confidentiality),
		}
	}
	var days []float64
	for _, ret := range r.Retention {
		if ret.Duration == nil {
			continue
		}
		if n, err := durationDays(*ret.Duration); err == nil {
			days = append(days, n)
		}
	}
	if len(days) > 0 {
		d[fRetention] = days
	}
	if r.BreachHours != nil {
		d[fBreach] = float64(*r.BreachHours)
	}
	d["review"] = reviewFields(s)
	if r.VersionDate != nil {
		if t, err := time.Parse("2006-01-02", *r.VersionDate); err == nil {
			d[fVersionDate] = t
		}
	}
	if r.Signature.Signed != nil {
		d[fSigned] = *r.Signature.Signed
	}
	for f, v := range map[string]*string{fSignedDate: r.Signature.SignedDate, fTermEnd: r.Term.End} {
		if v == nil {
			continue
		}
		if t, err := time.Parse("2006-01-02", *v); err == nil {
			d[f] = t
		}
	}
	if !r.Source.Modified.IsZero() {
		d[fModified] = r.Source.Modified
	}
	d[fFacet] = facetTerms(d)
	return d, nil
}

// facetTerms returns the fFacet terms of a flattened document.
func facetTerms(d document) []string {
	var terms []string
	for _, field := range FacetFields {
		name := lookupField(field).index
		switch v := d[name].(type) {
		case string:
			terms = append(terms, field+facetSep+v)
		case []string:
			for _, s := range v {
				terms = append(terms, field+facetSep+s)
			}
			if len(v) == 0 {
				terms = append(terms, field+facetSep)
			}
		default:
			terms = append(terms, field+facetSep)
		}
	}
	return terms
}

// levels indexes a BIV level range [low, high] as both ends, so that a
// range query matches when either end could satisfy it.
func levels(r [2]int) []float64 {
	if r[0] == 0 && r[1] == 0 {
		return nil
	}
	if r[0] == r[1] {
		return []float64{float64(r[0])}
	}
	return []float64{float64(r[0]), float64(r[1])}
}

// sourcePaths returns every path of src, sorted, without repeats.
func sourcePaths(src corpus.Source) []string {
	set := map[string]bool{}
	for _, p := range src.Paths {
		set[p] = true
	}
	if src.Path != "" {
		set[src.Path] = true
	}
	return sortedKeys(set)
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Days per unit of an ISO 8601 duration: months of 30.44 days as in the
// record contract, and a year of twelve such months so that P12M equals P1Y.
var durationUnitDays = map[byte]float64{'D': 1, 'W': 7, 'M': 30.44, 'Y': 12 * 30.44}

// durationDays converts an ISO 8601 date duration (P2W, P13M, P1Y6M) to days.
func durationDays(s string) (float64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	if len(u) < 3 || u[0] != 'P' {
		return 0, fmt.Errorf("%q is not an ISO 8601 duration such as P2W, P13M or P1Y", s)
	}
	var total float64
	num := ""
	for i := 1; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= '0' && c <= '9' || c == '.' || c == ',':
			if c == ',' {
				c = '.'
			}
			num += string(c)
		default:
			days, ok := durationUnitDays[c]
			if !ok || num == "" {
				return 0, fmt.Errorf("%q is not an ISO 8601 duration such as P2W, P13M or P1Y", s)
			}
			var n float64
			if _, err := fmt.Sscanf(num, "%g", &n); err != nil {
				return 0, fmt.Errorf("%q: bad number %q", s, num)
			}
			total += n * days
			num = ""
		}
	}
	if num != "" {
		return 0, fmt.Errorf("%q: number without unit at the end", s)
	}
	// Round to hundredths so that equal durations written differently
	// (P12M, P1Y) index as the same number.
	return math.Round(total*100) / 100, nil
}
