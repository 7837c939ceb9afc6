package web

import (
	"embed"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/index/export"
	"github.com/dpa-nl/dpa/normalize"
)

//go:embed templates/*.html static/*
var assets embed.FS

// templates are the page templates, parsed on first use.
var templates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"yesno": func(b *bool) string { return export.YesNo(b) },
		"biv":   export.BIVText,
		"ret":   export.RetentionText,
		"join":  func(ss []string) string { return strings.Join(ss, ", ") },
		"inEEA": normalize.InEEA,
	}).ParseFS(assets, "templates/*.html"))
})

func staticHandler() http.Handler {
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		panic(err) // the embedded folder is there at build time
	}
	files := http.FileServer(http.FS(filesOnly{sub}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			httpError(w, r, http.StatusNotFound, "not found")
			return
		}
		files.ServeHTTP(w, r)
	})
}

// filesOnly is a file system whose folders do not exist, so that the file
// server lists none.
type filesOnly struct{ fs.FS }

// Open opens name unless it is a folder.
func (f filesOnly) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err != nil || st.IsDir() {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return file, nil
}

// page is what every template gets.
type page struct {
	Lang   string
	Other  string // the URL of this page in the other language
	labels map[string]string
}

// L returns the label for key in the page's language.
func (p page) L(key string) string { return label(p.Lang, key) }

func newPage0(r *http.Request) page {
	l := lang(r)
	v := r.URL.Query()
	if l == "en" {
		v.Del("lang")
	} else {
		v.Set("lang", "en")
	}
	return page{Lang: l, Other: r.URL.Path + "?" + v.Encode()}
}

// searchPage is the data of the search template.
type searchPage struct {
	page
	Q, Sort    string
	Filters    url.Values
	Countries  []index.FacetTerm
	HQ         []index.FacetTerm // head offices of known sub-processors (gazetteer)
	Suppliers  []index.FacetTerm
	Models     []index.FacetTerm
	Facets     []facetGroup
	Kinds      []index.FacetTerm
	Results    *index.Results
	Rows       []resultRow
	Error      string
	Prev, Next string
	Exports    []link
	From, To   int
}

type resultRow struct {
	Hit     index.Hit
	Rec     *extract.Record
	Link    string
	Matches []template.HTML // "field: passage" with the matched words in <mark>, each once
}

// facetGroup is one facet shown as links: each value with its count, a
// click adds it as a filter.
type facetGroup struct {
	Label string
	Items []facetItem
	More  int // values not shown
}

type facetItem struct {
	Term   string
	Count  int
	URL    string
	Active bool
}

// facetLinks is how many values of a facet the page lists as links.
const facetLinks = 12

// markHTML renders a passage whose matched words the index set between «
// and » as HTML: the text escaped, the matches in <mark>.
func markHTML(s string) template.HTML {
	var b strings.Builder
	for {
		i := strings.Index(s, "«")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "»")
		if j < 0 {
			break
		}
		b.WriteString(html.EscapeString(s[:i]))
		b.WriteString("<mark>" + html.EscapeString(s[i+len("«"):i+j]) + "</mark>")
		s = s[i+j+len("»"):]
	}
	b.WriteString(html.EscapeString(s))
	return template.HTML(b.String())
}

type link struct{ Label, URL string }

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	p := &searchPage{page: newPage0(r)}
	// What was typed stays in the form, also when it is wrong.
	p.Q, p.Sort, p.Filters = r.URL.Query().Get("q"), r.URL.Query().Get("sort"), r.URL.Query()
	sr, err := parseSearch(r.URL.Query())
	if err != nil {
		p.Error = err.Error()
		s.render(w, http.StatusBadRequest, "search.html", p)
		return
	}
	p.Q, p.Sort, p.Filters = sr.Q, sr.Sort, sr.Filters
	sr.Facets = 1000 // every supplier for the filter; the facet links show the first
	res, err := s.run(r, sr, true)
	if err != nil {
		p.Error = err.Error()
		if !isRequestError(err) {
			s.fail(w, r, err)
			return
		}
		s.render(w, http.StatusBadRequest, "search.html", p)
		return
	}
	p.Results = res
	for _, f := range res.Facets {
		switch f.Field {
		case "country":
			p.Countries = f.Terms
		case "headquarters":
			p.HQ = f.Terms
		case "supplier":
			p.Suppliers = f.Terms
		case "model":
			p.Models = f.Terms
		case "kind":
			p.Kinds = f.Terms
		}
		param := map[string]string{"country": "country", "headquarters": "hq", "supplier": "supplier", "subprocessor": "sub", "model": "model", "kind": "kind"}[f.Field]
		if param == "" || len(f.Terms) == 0 {
			continue
		}
		g := facetGroup{Label: p.L(f.Field)}
		for i, t := range f.Terms {
			if i == facetLinks {
				g.More = len(f.Terms) - i
				break
			}
			q := r.URL.Query()
			q.Del("offset")
			active := q.Get(param) == t.Term
			if active {
				q.Del(param)
			} else {
				q.Set(param, t.Term)
			}
			g.Items = append(g.Items, facetItem{Term: t.Term, Count: t.Count, URL: "/" + query(q), Active: active})
		}
		p.Facets = append(p.Facets, g)
	}
	for _, h := range res.Hits {
		v := url.Values{}
		if p.Lang == "en" {
			v.Set("lang", "en")
		}
		row := resultRow{Hit: h, Rec: h.Record, Link: "/doc/" + h.ID + query(v)}
		seen := map[string]bool{}
		for _, m := range h.Matches {
			if s := m.Field + ": " + m.Quote(); !seen[s] {
				seen[s] = true
				row.Matches = append(row.Matches, markHTML(s))
			}
		}
		p.Rows = append(p.Rows, row)
	}
	q := r.URL.Query()
	p.From, p.To = sr.Offset+1, sr.Offset+len(res.Hits)
	if sr.Offset > 0 {
		q.Set("offset", strconv.Itoa(max(0, sr.Offset-sr.Limit)))
		p.Prev = "/" + query(q)
	}
	if uint64(sr.Offset+sr.Limit) < res.Total {
		q.Set("offset", strconv.Itoa(sr.Offset+sr.Limit))
		p.Next = "/" + query(q)
	}
	q = r.URL.Query()
	q.Del("offset")
	q.Del("lang")
	for _, f := range []struct{ label, format string }{{"CSV", "csv"}, {"XLSX", "xlsx"}, {"JSONL", "jsonl"},
		{p.L("register"), "register"}, {p.L("registerxlsx"), "register-xlsx"}} {
		q.Set("format", f.format)
		p.Exports = append(p.Exports, link{f.label, "/api/export" + query(q)})
	}
	s.render(w, http.StatusOK, "search.html", p)
}

func isRequestError(err error) bool {
	var se *index.SyntaxError
	return errors.As(err, &se) || errors.As(err, new(requestError))
}

func query(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// docPage is the data of the document template.
type docPage struct {
	page
	Doc      *index.Document
	Rec      *extract.Record
	Fields   []fieldRow
	Page     pageJSON
	PageURLs []link
	Back     string
	// Scan is the page image with the passage shown outlined, for
	// evidence read by OCR; nil otherwise. HasScan is true when some
	// evidence of the record has a rectangle on a page image: the page
	// then has the figure that shows it.
	Scan    *scanView
	HasScan bool
}

// scanView is a page image and the rectangle of a passage on it, in
// fractions of the image (the SVG over it spans 0–1 both ways).
type scanView struct {
	Img        string
	X, Y, W, H float64
}

// newScanView returns the view of box on page n of document id, or nil.
func newScanView(id string, n int, b *corpus.Box) *scanView {
	if b == nil {
		return nil
	}
	return &scanView{Img: fmt.Sprintf("/api/documents/%s/pages/%d/image", id, n), X: b.X0, Y: b.Y0, W: b.X1 - b.X0, H: b.Y1 - b.Y0}
}

// fieldRow is one field of the record with its values.
type fieldRow struct {
	Label  string
	Values []fieldValue
}

// fieldValue is one value with the passages that support it.
type fieldValue struct {
	Text     string
	Evidence []evidenceLink
}

// evidenceLink points at a passage: the URL shows it without script; the
// page's script reads Page, Start and End to show it in place.
type evidenceLink struct {
	Page, Start, End int
	URL              string
	// OCR is set when the passage was read by OCR, with the page's mean
	// word confidence (0–100): an auditor weighs such a value.
	OCR           bool
	OCRConfidence int
	// Box is the passage's rectangle on the page image ("x0 y0 x1 y1",
	// fractions of the image) for a passage read by OCR; "" otherwise.
	Box string
}

func (s *Server) pageDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := s.document(w, r)
	if !ok {
		return
	}
	p := &docPage{page: newPage0(r), Doc: d, Rec: d.Record}
	n := 1
	if v := r.URL.Query().Get("page"); v != "" {
		if n, _ = strconv.Atoi(v); n < 1 || n > len(d.Pages) {
			n = 1
		}
	}
	start, end, _ := span(r.URL.Query())
	if len(d.Pages) > 0 {
		p.Page = newPage(d, n, start, end)
	}
	base := "/doc/" + d.ID
	langQ := ""
	if p.Lang == "en" {
		langQ = "&lang=en"
		p.Back = "/?lang=en"
	} else {
		p.Back = "/"
	}
	mk := func(ev []extract.Evidence) []evidenceLink {
		var out []evidenceLink
		for _, e := range ev {
			l := evidenceLink{Page: max(e.Page, 1), Start: e.Start, End: e.End,
				URL: fmt.Sprintf("%s?page=%d&start=%d&end=%d%s#tekst", base, max(e.Page, 1), e.Start, e.End, langQ),
				OCR: e.OCR, OCRConfidence: int(e.OCRConfidence + 0.5)}
			if b := e.Box; b != nil && d.Record.Source.Format == corpus.FormatPDF {
				l.Box = fmt.Sprintf("%g %g %g %g", b.X0, b.Y0, b.X1, b.Y1)
				p.HasScan = true
				if l.Page == n && e.Start == start && e.End == end && p.Scan == nil {
					p.Scan = newScanView(d.ID, n, b)
				}
			}
			out = append(out, l)
		}
		return out
	}
	p.Fields = recordFields(d.Record, p.page, mk)
	for i := range d.Pages {
		p.PageURLs = append(p.PageURLs, link{strconv.Itoa(i + 1), fmt.Sprintf("%s?page=%d%s#tekst", base, i+1, langQ)})
	}
	s.render(w, http.StatusOK, "document.html", p)
}

// recordFields lists every field of r with its values and evidence, in the
// order of the record contract.
func recordFields(r *extract.Record, p page, mk func([]extract.Evidence) []evidenceLink) []fieldRow {
	ev := func(key string) []evidenceLink { return mk(r.Evidence[key]) }
	one := func(label, text, key string) fieldRow {
		if text == "" {
			return fieldRow{Label: label}
		}
		return fieldRow{Label: label, Values: []fieldValue{{Text: text, Evidence: ev(key)}}}
	}
	list := func(label, key string, texts []string) fieldRow {
		row := fieldRow{Label: label}
		for i, t := range texts {
			row.Values = append(row.Values, fieldValue{Text: t, Evidence: ev(fmt.Sprintf("%s[%d]", key, i))})
		}
		return row
	}
	str := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	var rows []fieldRow
	rows = append(rows,
		one(p.L("supplier"), str(r.Processor.Name), "processor.name"),
		one(p.L("processor.kvk"), str(r.Processor.KvK), "processor.kvk"),
		one(p.L("processor.postcode"), str(r.Processor.Postcode), "processor.postcode"),
		one(p.L("processor.city"), str(r.Processor.City), "processor.city"),
		one(p.L("kind"), r.Kind, "kind"),
		one(p.L("model"), str(r.ModelVersion), "model_version"),
		one(p.L("legal_basis"), str(r.LegalBasis), "legal_basis"),
		one(p.L("controller_filled"), export.YesNo(&r.ControllerFilled), "controller_filled"),
		list(p.L("products"), "products", r.Products),
	)
	subs := fieldRow{Label: p.L("subprocessors")}
	for i, sp := range r.Subprocessors {
		text := sp.Name
		if len(sp.Countries) > 0 {
			text += " (" + strings.Join(sp.Countries, ", ") + ")"
		}
		if sp.Purpose != "" {
			text += " — " + sp.Purpose
		}
		if h := sp.Headquarters; h != nil {
			text += " · " + p.L("hq_note") + " " + h.Country
			if h.ParentCountry != "" && h.ParentCountry != h.Country {
				text += ", " + p.L("hq_parent") + " " + h.ParentCountry
			}
			text += " (" + h.Source + ")"
		}
		e := ev(fmt.Sprintf("subprocessors[%d].name", i))
		e = append(e, ev(fmt.Sprintf("subprocessors[%d].countries", i))...)
		e = append(e, ev(fmt.Sprintf("subprocessors[%d]", i))...)
		subs.Values = append(subs.Values, fieldValue{Text: text, Evidence: dedupe(e)})
	}
	rows = append(rows, subs)
	locs := make([]string, len(r.StorageLocations))
	for i, l := range r.StorageLocations {
		locs[i] = strings.TrimSpace(l.Place + " (" + l.Country + ")")
	}
	rows = append(rows, list(p.L("storage_locations"), "storage_locations", locs),
		one(p.L("outside_eea"), export.YesNo(r.OutsideEEA), "outside_eea"),
		one(p.L("outside_eea_countries"), strings.Join(r.OutsideEEACountries, ", "), "outside_eea_countries"))
	rets := make([]string, len(r.Retention))
	for i, t := range r.Retention {
		rets[i] = export.RetentionText(t)
	}
	rows = append(rows, list(p.L("retention"), "retention", rets))
	if r.BIV != nil {
		for _, b := range []struct {
			key string
			lv  [2]int
		}{{"biv.availability", r.BIV.Availability}, {"biv.integrity", r.BIV.Integrity}, {"biv.confidentiality", r.BIV.Confidentiality}} {
			text := strconv.Itoa(b.lv[0])
			if b.lv[1] != b.lv[0] {
				text += "–" + strconv.Itoa(b.lv[1])
			}
			rows = append(rows, one("BIV "+p.L(b.key), text, b.key))
		}
	} else {
		rows = append(rows, fieldRow{Label: p.L("bivcol")})
	}
	rows = append(rows, one(p.L("rosa.assessment"), str(r.ROSA.Assessment), "rosa.assessment"))
	if c := r.ROSA.Controls; c != nil {
		rows = append(rows, one(p.L("rosa.controls"), fmt.Sprintf("voldaan %d, alternatief %d, gedeeltelijk %d, niet voldaan %d",
			c.Voldaan, c.Alternatief, c.Gedeeltelijk, c.NietVoldaan), "rosa.controls"))
	}
	breach := ""
	if r.BreachHours != nil {
		breach = strconv.Itoa(*r.BreachHours)
	}
	rows = append(rows,
		list(p.L("subject_groups"), "subject_groups", r.SubjectGroups),
		list(p.L("data_categories"), "data_categories", r.DataCategories),
		one(p.L("breach_notification_hours"), breach, "breach_notification_hours"),
		one(p.L("version_date"), str(r.VersionDate), "version_date"),
	)
	return rows
}

func dedupe(ls []evidenceLink) []evidenceLink {
	seen := map[[2]int]bool{}
	var out []evidenceLink
	for _, l := range ls {
		k := [2]int{l.Start, l.End}
		if !seen[k] {
			seen[k] = true
			out = append(out, l)
		}
	}
	return out
}

// render executes a template into a buffer first, so that a template
// error never sends half a page.
func (s *Server) render(w http.ResponseWriter, code int, name string, data any) {
	var b strings.Builder
	if err := templates().ExecuteTemplate(&b, name, data); err != nil {
		s.log.Sugar().Warnf("template %s: %v", name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write([]byte(b.String()))
}
