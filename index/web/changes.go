package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/normalize"
)

// The changes page lists what changed between consecutive versions of
// each agreement line (index.Changes), the old and new value side by side
// with the evidence of each version; with a supplier or line it is that
// supplier's timeline. /changes.atom is the same as an Atom feed, and
// /api/changes as JSON.

func init() {
	for l, m := range map[string]map[string]string{
		"nl": {"changes": "Wijzigingen", "changes_days": "laatste %s dagen", "changes_all": "alle", "changes_none": "Geen wijzigingen.",
			"was": "Was", "now": "Nu", "timeline": "Tijdlijn", "versions": "versies", "first_seen": "eerst gezien", "undated": "zonder datum",
			"non_eea": "buiten de EER", "feed": "Atom-feed", "period": "Periode", "line": "Lijn"},
		"en": {"changes": "Changes", "changes_days": "last %s days", "changes_all": "all", "changes_none": "No changes.",
			"was": "Was", "now": "Now", "timeline": "Timeline", "versions": "versions", "first_seen": "first seen", "undated": "undated",
			"non_eea": "outside the EEA", "feed": "Atom feed", "period": "Period", "line": "Line"},
	} {
		for k, v := range m {
			labels[l][k] = v
		}
	}
}

// changeFilter is what a changes request asks for.
type changeFilter struct {
	Days     int // 0: all
	Supplier string
	Line     string
}

func parseChangeFilter(v url.Values) (changeFilter, error) {
	f := changeFilter{Days: 30, Supplier: strings.TrimSpace(v.Get("supplier")), Line: v.Get("line")}
	switch d := v.Get("days"); d {
	case "":
		if f.Supplier != "" || f.Line != "" {
			f.Days = 0 // a timeline shows the whole history
		}
	case "all", "0":
		f.Days = 0
	default:
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 || n > 100000 {
			return f, fmt.Errorf("days %q: want a number of days or all", d)
		}
		f.Days = n
	}
	if len(f.Supplier) > maxQueryBytes || len(f.Line) > maxQueryBytes {
		return f, fmt.Errorf("supplier or line too long")
	}
	return f, nil
}

// apply returns the lines and changes the filter keeps.
func (f changeFilter) apply(lines []index.Line, cs []index.Change, now time.Time) ([]index.Line, []index.Change) {
	key := normalize.NameKey(f.Supplier)
	lineOK := func(l index.Line) bool {
		switch {
		case f.Line != "":
			return l.ID == f.Line
		case key != "":
			return strings.Contains(" "+normalize.NameKey(l.Supplier)+" ", " "+key) || strings.ReplaceAll(f.Supplier, " ", "") == l.KvK
		}
		return true
	}
	ok := map[string]bool{}
	var keptLines []index.Line
	for _, l := range lines {
		if lineOK(l) {
			ok[l.ID] = true
			keptLines = append(keptLines, l)
		}
	}
	from := now.AddDate(0, 0, -f.Days)
	var kept []index.Change
	for _, c := range cs {
		if ok[c.Line] && (f.Days == 0 || !c.To.FirstSeen.Before(from)) {
			kept = append(kept, c)
		}
	}
	return keptLines, kept
}

// changeGroup is the changes between one pair of versions.
type changeGroup struct {
	Supplier, Kind, Line string
	From, To             index.VersionRef
	Changes              []index.Change
}

type changesPage struct {
	page
	Filter   changeFilter
	Period   string
	Lines    []index.Line // shown as a timeline for a supplier or line
	Groups   []changeGroup
	Feed     string
	Error    string
	Timeline bool
}

func groupChanges(cs []index.Change) []changeGroup {
	var out []changeGroup
	for _, c := range cs {
		if n := len(out); n > 0 && out[n-1].Line == c.Line && out[n-1].From.SHA256 == c.From.SHA256 && out[n-1].To.SHA256 == c.To.SHA256 {
			out[n-1].Changes = append(out[n-1].Changes, c)
			continue
		}
		out = append(out, changeGroup{Supplier: c.Supplier, Kind: c.Kind, Line: c.Line, From: c.From, To: c.To, Changes: []index.Change{c}})
	}
	// newest first
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func (s *Server) pageChanges(w http.ResponseWriter, r *http.Request) {
	p := &changesPage{page: newPage0(r)}
	f, err := parseChangeFilter(r.URL.Query())
	if err != nil {
		p.Error = err.Error()
		s.render(w, http.StatusBadRequest, "changes.html", p)
		return
	}
	p.Filter = f
	lines, cs, ok := s.changesFor(w, r, f)
	if !ok {
		return
	}
	p.Groups = groupChanges(cs)
	if f.Supplier != "" || f.Line != "" {
		p.Timeline, p.Lines = true, lines
	}
	p.Period = p.L("changes_all")
	if f.Days > 0 {
		p.Period = fmt.Sprintf(p.L("changes_days"), strconv.Itoa(f.Days))
	}
	p.Feed = "/changes.atom?" + r.URL.Query().Encode()
	s.render(w, http.StatusOK, "changes.html", p)
}

// changesFor reads the index's change events and keeps what filter f
// selects; on failure it answers 500 itself and reports false.
func (s *Server) changesFor(w http.ResponseWriter, r *http.Request, f changeFilter) ([]index.Line, []index.Change, bool) {
	lines, cs, err := s.ix.Changes(nil)
	if err != nil {
		s.log.Sugar().Warnf("changes: %v", err)
		httpError(w, r, http.StatusInternalServerError, "changes unreadable")
		return nil, nil, false
	}
	lines, cs = f.apply(lines, cs, time.Now())
	return lines, cs, true
}

func (s *Server) apiChanges(w http.ResponseWriter, r *http.Request) {
	f, err := parseChangeFilter(r.URL.Query())
	if err != nil {
		httpError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	lines, cs, ok := s.changesFor(w, r, f)
	if !ok {
		return
	}
	if cs == nil {
		cs = []index.Change{}
	}
	writeJSON(w, map[string]any{"lines": lines, "changes": cs})
}

// The Atom feed (RFC 4287): one entry per change.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Content atomText `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// maxFeedEntries bounds the feed; older changes are on the page.
const maxFeedEntries = 500

func (s *Server) atomChanges(w http.ResponseWriter, r *http.Request) {
	f, err := parseChangeFilter(r.URL.Query())
	if err != nil {
		httpError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	if r.URL.Query().Get("days") == "" && f.Supplier == "" && f.Line == "" {
		f.Days = 90
	}
	_, cs, ok := s.changesFor(w, r, f)
	if !ok {
		return
	}
	base := "http://" + r.Host
	if r.TLS != nil {
		base = "https://" + r.Host
	}
	feed := atomFeed{Title: "dpa — " + label(lang(r), "changes"), ID: "urn:dpa:changes", Author: atomAuthor{Name: "dpa"},
		Link: []atomLink{{Rel: "self", Href: base + r.URL.RequestURI()}, {Rel: "alternate", Href: base + "/changes"}}}
	updated := time.Unix(0, 0).UTC()
	for i := len(cs) - 1; i >= 0 && len(feed.Entries) < maxFeedEntries; i-- { // newest first
		c := cs[i]
		if c.To.FirstSeen.After(updated) {
			updated = c.To.FirstSeen
		}
		feed.Entries = append(feed.Entries, atomEntry{
			Title:   c.Supplier + ": " + changeSummary(c),
			ID:      "urn:dpa:change:" + changeID(c),
			Updated: c.To.FirstSeen.UTC().Format(time.RFC3339),
			Link:    atomLink{Href: base + "/changes?line=" + url.QueryEscape(c.Line)},
			Content: atomText{Type: "text", Body: changeText(c)},
		})
	}
	feed.Updated = updated.Format(time.RFC3339)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(feed); err != nil {
		s.log.Sugar().Warnf("changes.atom: %v", err)
	}
}

// changeID is a stable id of a change: its versions, type and subject.
func changeID(c index.Change) string {
	h := sha256.Sum256([]byte(strings.Join([]string{c.From.SHA256, c.To.SHA256, string(c.Type), c.Subject, c.Country}, "\x00")))
	return hex.EncodeToString(h[:16])
}

// changeSummary writes a change in one line: what, old → new.
func changeSummary(c index.Change) string {
	what := strings.ReplaceAll(string(c.Type), "_", " ")
	if c.Subject != "" {
		what += " " + c.Subject
	}
	if c.Country != "" {
		what += " (" + c.Country + ")"
	}
	s := fmt.Sprintf("%s: %s → %s", what, dash(c.Old), dash(c.New))
	if c.NonEEA {
		s += " [non-EEA]"
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// changeText is an entry's text: the change, the versions and the evidence.
func changeText(c index.Change) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n%s\n", c.Supplier, c.Kind, changeSummary(c))
	side := func(label string, v index.VersionRef, evs []extract.Evidence) {
		date := v.VersionDate
		if date == "" {
			date = v.FirstSeen.UTC().Format("2006-01-02")
		}
		fmt.Fprintf(&b, "%s: %s (%s)\n", label, v.Path, date)
		for _, e := range evs {
			fmt.Fprintf(&b, "  p. %d: %s\n", e.Page, strings.Join(strings.Fields(e.Quote), " "))
		}
	}
	side("was", c.From, c.OldEvidence)
	side("now", c.To, c.NewEvidence)
	return b.String()
}
