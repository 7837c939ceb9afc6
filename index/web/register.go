package web

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index/export"
	"github.com/dpa-nl/dpa/index/register"
)

// registerPage is the data of the register template: the supplier
// overview, or one view of it, and the correction form.
type registerPage struct {
	page
	Query    string
	View     string
	Why      string
	Tabs     []registerTab
	Columns  []string
	Rows     []registerRow
	Error    string
	Exports  []registerTab
	Statuses []string
	Editing  bool // the server accepts corrections (it has editor tokens)
}

// registerTab is a link to a view or an export.
type registerTab struct {
	Name, Title, URL string
	Active           bool
	Count            int
}

// registerRow is one overview row as the page shows it.
type registerRow struct {
	Cells     []string
	DocURL    string
	Path      string
	Corrected bool
}

// registerColumns are the overview columns the page shows.
var registerColumns = []string{"Leverancier", "Product", "Soort", "Modelversie", "Wettelijk kader", "Versiedatum", "Ondertekend op",
	"Getekend", "Looptijd", "Privacybijsluiter", "Beveiligingsbijlage", "Doorgifte (landen en waarborgen)", "Subverwerkers (aantal)",
	"BIV (B/I/V)", "Datalek melden (uur)", "Beoordeling", "Status", "Gecorrigeerd", "Aandachtspunten"}

// registerItems loads the agreements with the corrections applied.
func (s *Server) registerItems(r *http.Request, q string) ([]register.Item, register.Options, error) {
	o := register.DefaultOptions()
	if n, err := strconv.Atoi(r.URL.Query().Get("older")); err == nil && n >= 0 && n < 100 {
		o.OlderThan = n
	}
	store, err := register.OpenStore(s.ix.Dir())
	if err != nil {
		return nil, o, err
	}
	items, err := register.Load(r.Context(), s.ix, q, store)
	return items, o, err
}

// pageRegister serves the supplier overview: tabs for the views, a table
// the script sorts and filters, links to the workbooks.
func (s *Server) pageRegister(w http.ResponseWriter, r *http.Request) {
	p := &registerPage{page: newPage0(r), Query: r.URL.Query().Get("q"), View: r.URL.Query().Get("view"),
		Statuses: register.Statuses, Editing: len(s.opts.Editors) > 0}
	done, err := s.turn(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	items, o, err := s.registerItems(r, p.Query)
	if err != nil {
		p.Error = err.Error()
		s.render(w, http.StatusBadRequest, "register.html", p)
		return
	}
	rows := register.Overview(items)
	o.Review = s.reviewStates(rows)
	link := func(view string) string {
		v := url.Values{}
		if view != "" {
			v.Set("view", view)
		}
		if p.Query != "" {
			v.Set("q", p.Query)
		}
		if p.Lang == "en" {
			v.Set("lang", "en")
		}
		if len(v) == 0 {
			return "/register"
		}
		return "/register?" + v.Encode()
	}
	p.Tabs = append(p.Tabs, registerTab{Name: "", Title: "Alle leveranciers", URL: link(""), Active: p.View == "", Count: len(rows)})
	shown := rows
	for _, v := range register.Views {
		sel := v.Filter(rows, o)
		title := v.Title
		if v.Name == "old" {
			title = fmt.Sprintf("Ouder dan %d jaar", o.OlderThan)
		}
		active := strings.EqualFold(p.View, v.Name)
		if active {
			shown, p.Why = sel, v.Why
			if v.Query != "" {
				p.Why += " (dpa search " + v.Query + ")"
			}
		}
		p.Tabs = append(p.Tabs, registerTab{Name: v.Name, Title: title, URL: link(v.Name), Active: active, Count: len(sel)})
	}
	if p.View != "" {
		if _, err := register.LookupView(p.View); err != nil {
			p.Error = err.Error()
		}
	}
	for _, f := range []string{"overview-xlsx", "overview", "art30-xlsx", "art30"} {
		v := url.Values{"format": {f}}
		if p.View != "" && strings.HasPrefix(f, "overview") {
			v.Set("view", p.View)
		}
		if p.Query != "" {
			v.Set("q", p.Query)
		}
		p.Exports = append(p.Exports, registerTab{Name: f, Title: f, URL: "/register/export?" + v.Encode()})
	}
	table := register.OverviewTable("", shown, o)
	p.Columns = registerColumns
	idx := map[string]int{}
	for i, c := range table.Columns {
		idx[c] = i
	}
	for i, cells := range table.Rows {
		row := registerRow{Path: shown[i].Current.Record.Source.Path, DocURL: "/doc/" + url.PathEscape(shown[i].Current.ID)}
		for _, c := range registerColumns {
			row.Cells = append(row.Cells, cells[idx[c]])
		}
		row.Corrected = cells[idx["Gecorrigeerd"]] != ""
		p.Rows = append(p.Rows, row)
	}
	s.render(w, http.StatusOK, "register.html", p)
}

// reviewStates returns the review state of the current agreement of each
// row (its review against the Model Verwerkersovereenkomst), for the
// "Beoordeling" column.
func (s *Server) reviewStates(rows []register.Row) func(*extract.Record) string {
	recs := make([]*extract.Record, len(rows))
	for i, row := range rows {
		recs[i] = row.Current.Record
	}
	states := export.ReviewNotes(s.ix, recs)
	return func(r *extract.Record) string {
		if st, ok := states[r.Source.SHA256]; ok {
			return st.Label()
		}
		return ""
	}
}

// registerExport sends the overview, a view or the art. 30 register as
// CSV or a workbook.
func (s *Server) registerExport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "overview" && format != "overview-xlsx" && format != "art30" && format != "art30-xlsx" {
		httpError(w, r, http.StatusBadRequest, "format: want overview, overview-xlsx, art30 or art30-xlsx")
		return
	}
	done, err := s.turn(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	items, o, err := s.registerItems(r, r.URL.Query().Get("q"))
	if err != nil {
		httpError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	rows := register.Overview(items)
	o.Review = s.reviewStates(rows)
	var tables []register.Table
	switch {
	case format == "overview-xlsx" && r.URL.Query().Get("view") == "":
		tables = register.Workbook(rows, o)
	case strings.HasPrefix(format, "overview"):
		name, title := r.URL.Query().Get("view"), "Leveranciers"
		if name != "" {
			v, err := register.LookupView(name)
			if err != nil {
				httpError(w, r, http.StatusBadRequest, err.Error())
				return
			}
			rows, title = v.Filter(rows, o), v.Title
		}
		tables = []register.Table{register.OverviewTable(title, rows, o)}
	default:
		reg, notes := register.Art30(rows, r.URL.Query().Get("lang"))
		tables = []register.Table{reg, notes}
	}
	name := "dpa-" + strings.TrimSuffix(format, "-xlsx")
	if strings.HasSuffix(format, "-xlsx") {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		sheets := make([]export.Sheet, len(tables))
		for i, t := range tables {
			sheets[i] = export.Sheet{Name: t.Name, Rows: append([][]string{t.Columns}, t.Rows...)}
		}
		if err := export.WriteWorkbook(w, sheets); err != nil {
			s.log.Sugar().Warnf("register export: %v", err)
		}
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	if err := export.WriteCSV(w, append([][]string{tables[0].Columns}, tables[0].Rows...)); err != nil {
		s.log.Sugar().Warnf("register export: %v", err)
	}
}

// correctionRequest is the body of POST /api/corrections.
type correctionRequest struct {
	Path   string          `json:"path"`
	Field  string          `json:"field"`
	Value  json.RawMessage `json:"value"`
	Status string          `json:"status"`
	Note   string          `json:"note"`
}

// maxCorrectionBytes bounds the body of a correction.
const maxCorrectionBytes = 16 << 10

// editor returns the name of the editor whose token r carries (as a
// bearer token), or "" when it carries none.
func (s *Server) editor(r *http.Request) string {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || got == "" {
		return ""
	}
	name := ""
	for n, tok := range s.opts.Editors {
		if subtle.ConstantTimeCompare([]byte(got), []byte(tok)) == 1 {
			name = n
		}
	}
	return name
}

// postCorrection stores a correction, a confirmation, a status or a note
// made in the page, in the name of the editor token's owner.
func (s *Server) postCorrection(w http.ResponseWriter, r *http.Request) {
	who := s.editor(r)
	if who == "" {
		httpError(w, r, http.StatusForbidden, "corrections need an editor token (dpa serve --editor NAME=TOKEN), sent as Authorization: Bearer TOKEN")
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		httpError(w, r, http.StatusUnsupportedMediaType, "send the correction as application/json")
		return
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		httpError(w, r, http.StatusForbidden, "corrections come only from this site's page")
		return
	}
	var req correctionRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxCorrectionBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		httpError(w, r, http.StatusBadRequest, "correction: "+err.Error())
		return
	}
	store, err := register.OpenStore(s.ix.Dir())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items, err := register.Load(r.Context(), s.ix, "", nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	it := register.Find(items, req.Path)
	if it == nil {
		httpError(w, r, http.StatusNotFound, fmt.Sprintf("%q: no such agreement in the index", req.Path))
		return
	}
	c := register.Correction{Field: req.Field, New: req.Value, Status: req.Status, Note: req.Note, Who: who}
	if c.Field != "" && len(c.New) > 0 && !json.Valid(c.New) {
		httpError(w, r, http.StatusBadRequest, "value: not JSON")
		return
	}
	c, err = store.Add(c, it.Record)
	if err != nil {
		if errors.Is(err, register.ErrNoRecord) {
			httpError(w, r, http.StatusNotFound, err.Error())
			return
		}
		httpError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(c)
}

// apiCorrections lists the audit trail (of ?path=, or all).
func (s *Server) apiCorrections(w http.ResponseWriter, r *http.Request) {
	store, err := register.OpenStore(s.ix.Dir())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs := store.Trail(r.URL.Query().Get("path"))
	if cs == nil {
		cs = []register.Correction{}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(cs)
}
