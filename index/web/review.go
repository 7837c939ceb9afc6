package web

import (
	"fmt"
	"net/http"
	"sort"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract/review"
	"github.com/dpa-nl/dpa/index"
)

// reviewPage is the data of the review template: one agreement's review
// against the Model Verwerkersovereenkomst.
type reviewPage struct {
	page
	Doc        *index.Document
	Report     *review.Report
	Findings   []reviewRow
	Deviations []deviationRow
	DocURL     string
	Back       string
}

// reviewRow is one finding as the page shows it.
type reviewRow struct {
	Light       string // red, amber, green, grey
	Obligation  string
	Article     string
	Requirement string
	Status      string
	Risk        string
	Reason      string
	LookedIn    string
	Motivated   bool
	Evidence    []evidenceLink
	Quote       string
}

// deviationRow is one item of the deviations annex.
type deviationRow struct {
	Quote       string
	Obligations string
	Motivated   bool
	Link        evidenceLink
}

// light is the traffic-light colour of a finding.
func light(f review.Finding) string {
	switch {
	case f.Status == review.NotApplicable:
		return "grey"
	case f.Risk == review.RiskHigh:
		return "red"
	case f.Risk == review.RiskMedium || f.Risk == review.RiskLow:
		return "amber"
	}
	return "green"
}

// reviewOf reviews a stored document.
func reviewOf(d *index.Document) *review.Report {
	return review.Review(&corpus.Document{Source: d.Record.Source, Text: d.Text, Pages: d.Pages}, d.Record)
}

func (s *Server) pageReview(w http.ResponseWriter, r *http.Request) {
	d, ok := s.document(w, r)
	if !ok {
		return
	}
	p := &reviewPage{page: newPage0(r), Doc: d, Report: reviewOf(d)}
	langQ := ""
	if p.Lang == "en" {
		langQ = "&lang=en"
	}
	p.DocURL = "/doc/" + d.ID + "?" + langQ
	p.Back = "/review?" + langQ
	link := func(e review.Evidence) evidenceLink {
		return evidenceLink{Page: max(e.Page, 1), Start: e.Start, End: e.End,
			URL: fmt.Sprintf("/doc/%s?page=%d&start=%d&end=%d%s#tekst", d.ID, max(e.Page, 1), e.Start, e.End, langQ)}
	}
	rank := map[string]int{"red": 0, "amber": 1, "green": 2, "grey": 3}
	for _, f := range p.Report.Findings {
		row := reviewRow{Light: light(f), Obligation: f.Obligation, Article: f.Article, Status: p.L("st_" + string(f.Status)),
			Risk: string(f.Risk), Reason: f.Reason, LookedIn: f.LookedIn, Motivated: f.Motivated}
		if o := review.Lookup(f.Obligation); o != nil {
			row.Requirement = o.Requirement
		}
		for _, e := range f.Evidence {
			row.Evidence = append(row.Evidence, link(e))
		}
		if len(f.Evidence) > 0 {
			row.Quote = f.Evidence[0].Quote
		}
		p.Findings = append(p.Findings, row)
	}
	sort.SliceStable(p.Findings, func(i, j int) bool { return rank[p.Findings[i].Light] < rank[p.Findings[j].Light] })
	for _, dv := range p.Report.Deviations {
		row := deviationRow{Quote: dv.Quote, Motivated: dv.Motivated, Link: link(dv.Evidence)}
		for i, o := range dv.Obligations {
			if i > 0 {
				row.Obligations += ", "
			}
			row.Obligations += o
		}
		p.Deviations = append(p.Deviations, row)
	}
	s.render(w, http.StatusOK, "review.html", p)
}

// boardPage is the data of the board template: the reviews of every
// agreement of the index.
type boardPage struct {
	page
	Obligations []boardObligation
	Suppliers   []boardSupplier
	Agreements  int
	Query       string
	Error       string
}

// boardObligation is an obligation with the agreements that fail it.
type boardObligation struct {
	ID, Article, Requirement string
	Failing                  int
	Docs                     []boardDoc
}

// boardSupplier is a supplier's agreements with their review states.
type boardSupplier struct {
	Name              string
	Docs              []boardDoc
	High, Medium, Low int
}

// boardDoc links to one agreement's review.
type boardDoc struct {
	Label, URL, Light, State string
}

// maxBoard is the most agreements the board reviews at once.
const maxBoard = 2000

func (s *Server) pageBoard(w http.ResponseWriter, r *http.Request) {
	p := &boardPage{page: newPage0(r), Query: r.URL.Query().Get("q")}
	langQ := ""
	if p.Lang == "en" {
		langQ = "?lang=en"
	}
	q := p.Query
	if q == "" {
		q = "kind:verwerkersovereenkomst OR kind:bewerkersovereenkomst"
	}
	failing := map[string]*boardObligation{}
	suppliers := map[string]*boardSupplier{}
	for off := 0; off < maxBoard; off += 200 {
		res, err := s.ix.Search(r.Context(), q, index.SearchOptions{Limit: 200, Offset: off, FacetSize: -1, Sort: "supplier"})
		if err != nil {
			p.Error = err.Error()
			s.render(w, http.StatusBadRequest, "board.html", p)
			return
		}
		for _, h := range res.Hits {
			d, err := s.ix.Document(h.ID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			rep := reviewOf(d)
			p.Agreements++
			name := h.Supplier
			if name == "" {
				name = "–"
			}
			state := rep.Summary.State
			doc := boardDoc{Label: h.Path, URL: "/doc/" + h.ID + "/review" + langQ, State: rep.Summary.Label(),
				Light: map[string]string{review.StateRed: "red", review.StateAmber: "amber", review.StateGreen: "green"}[state]}
			if doc.Light == "" {
				doc.Light = "grey"
			}
			sp := suppliers[name]
			if sp == nil {
				sp = &boardSupplier{Name: name}
				suppliers[name] = sp
			}
			sp.Docs = append(sp.Docs, doc)
			sp.High += rep.Summary.High
			sp.Medium += rep.Summary.Medium
			sp.Low += rep.Summary.Low
			for _, f := range rep.Findings {
				if f.Status != review.Missing && f.Status != review.Deviating {
					continue
				}
				o := failing[f.Obligation]
				if o == nil {
					o = &boardObligation{ID: f.Obligation, Article: f.Article}
					if ob := review.Lookup(f.Obligation); ob != nil {
						o.Requirement = ob.Requirement
					}
					failing[f.Obligation] = o
				}
				o.Failing++
				o.Docs = append(o.Docs, boardDoc{Label: name, URL: doc.URL, Light: light(f), State: f.Reason})
			}
		}
		if len(res.Hits) < 200 || uint64(off+200) >= res.Total {
			break
		}
	}
	for _, o := range failing {
		p.Obligations = append(p.Obligations, *o)
	}
	sort.Slice(p.Obligations, func(i, j int) bool {
		if p.Obligations[i].Failing != p.Obligations[j].Failing {
			return p.Obligations[i].Failing > p.Obligations[j].Failing
		}
		return p.Obligations[i].ID < p.Obligations[j].ID
	})
	for _, sp := range suppliers {
		p.Suppliers = append(p.Suppliers, *sp)
	}
	sort.Slice(p.Suppliers, func(i, j int) bool {
		a, b := p.Suppliers[i], p.Suppliers[j]
		if a.High != b.High {
			return a.High > b.High
		}
		return a.Name < b.Name
	})
	s.render(w, http.StatusOK, "board.html", p)
}
