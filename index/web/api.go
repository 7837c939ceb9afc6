package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/extract/review"
	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/index/export"
)

// filters are the facet filters of the page and the API: each adds one
// condition of the query syntax to the query.
var filters = []struct {
	param string
	field string // the query field; a value is appended after ':' or op
	op    string
}{
	{"eea", "outside_eea", ":"},
	{"country", "country", ":"},
	{"hq", "headquarters", ":"},
	{"supplier", "supplier", ":"},
	{"sub", "subprocessor", ":"},
	{"model", "model", ":"},
	{"kind", "kind", ":"},
	{"biv", "biv.confidentiality", ">="},
}

// sorts are the orders a search can list hits in besides score.
var sorts = map[string]bool{"supplier": true, "path": true}

// searchRequest is a search as a URL asks for it.
type searchRequest struct {
	Q       string // what the user typed
	Filters url.Values
	Limit   int
	Offset  int
	Sort    string
	Facets  int
	Record  bool
}

// parseSearch reads a search from the URL parameters q, the filters,
// limit, offset, sort (score, supplier, path), facets and record.
func parseSearch(v url.Values) (*searchRequest, error) {
	sr := &searchRequest{Q: strings.TrimSpace(v.Get("q")), Filters: url.Values{}, Limit: 20, Facets: 10, Sort: v.Get("sort")}
	if len(sr.Q) > maxQueryBytes {
		return nil, fmt.Errorf("query longer than %d bytes", maxQueryBytes)
	}
	if sr.Q != "" {
		// Checked alone, so that an error points into what the user typed.
		if _, err := index.Parse(sr.Q); err != nil {
			return nil, err
		}
	}
	for _, f := range filters {
		if x := strings.TrimSpace(v.Get(f.param)); x != "" {
			sr.Filters.Set(f.param, x)
		}
	}
	num := func(name string, def, lo, hi int) (int, error) {
		s := v.Get(name)
		if s == "" {
			return def, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			return 0, fmt.Errorf("%s=%q: want a number from %d to %d", name, s, lo, hi)
		}
		return n, nil
	}
	var err error
	if sr.Limit, err = num("limit", 20, 1, maxLimit); err != nil {
		return nil, err
	}
	if sr.Offset, err = num("offset", 0, 0, maxOffset); err != nil {
		return nil, err
	}
	if sr.Facets, err = num("facets", 10, 0, 100); err != nil {
		return nil, err
	}
	if sr.Sort == "score" {
		sr.Sort = ""
	}
	if _, ok := sorts[sr.Sort]; sr.Sort != "" && !ok {
		return nil, fmt.Errorf("sort=%q: want score, supplier or path", sr.Sort)
	}
	sr.Record = v.Get("record") == "true" || v.Get("record") == "1"
	return sr, nil
}

// Query is the query the index runs: what the user typed, AND each filter.
func (sr *searchRequest) Query() string {
	if len(sr.Filters) == 0 && sr.Q != "" {
		return sr.Q
	}
	parts := []string{}
	if sr.Q != "" {
		parts = append(parts, "("+sr.Q+")")
	}
	for _, f := range filters {
		if x := sr.Filters.Get(f.param); x != "" {
			// Quotes cannot be escaped in the syntax: a value keeps its words.
			parts = append(parts, f.field+f.op+`"`+strings.ReplaceAll(x, `"`, " ")+`"`)
		}
	}
	if len(parts) == 0 {
		return "*"
	}
	return strings.Join(parts, " ")
}

// run runs the search on s's index.
func (s *Server) run(r *http.Request, sr *searchRequest, withRecord bool) (*index.Results, error) {
	opts := index.SearchOptions{Limit: sr.Limit, Offset: sr.Offset, FacetSize: sr.Facets, WithRecord: withRecord}
	if sr.Facets == 0 {
		opts.FacetSize = -1
	}
	done, err := s.turn(r.Context())
	if err != nil {
		return nil, err
	}
	defer done()
	opts.Sort = sr.Sort
	return s.ix.Search(r.Context(), sr.Query(), opts)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	n, err := s.ix.Count()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, map[string]any{"status": "ok", "documents": n})
}

// apiSearch answers GET /api/search: the index.Results of the query.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	sr, err := parseSearch(r.URL.Query())
	if err != nil {
		httpError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	// The generation in the key: an answer is never served after a writer
	// published a change.
	key := fmt.Sprintf("%s %q %d %d %q %d %v", s.ix.Generation(), sr.Query(), sr.Limit, sr.Offset, sr.Sort, sr.Facets, sr.Record)
	body, err := s.hits.do(key, func() ([]byte, error) {
		res, err := s.run(r, sr, sr.Record)
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(res)
		return append(b, '\n'), err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(body)
}

// documentJSON is a document's record as GET /api/documents/{id} answers it.
type documentJSON struct {
	ID     string          `json:"id"`
	Path   string          `json:"path"`
	Pages  int             `json:"pages"`
	Error  string          `json:"error,omitempty"`
	File   string          `json:"file"`
	Record *extract.Record `json:"record"`
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := s.document(w, r)
	if !ok {
		return
	}
	writeJSON(w, documentJSON{ID: d.ID, Path: d.Record.Source.Path, Pages: len(d.Pages), Error: d.Error,
		File: "/api/documents/" + d.ID + "/file", Record: d.Record})
}

// pageJSON is one page of a document's text. With a highlight (start and
// end offsets into the document text, as Evidence has them) the text comes
// split in three, so that a client never computes offsets in its own
// string encoding: Before + Mark + After is the page text.
type pageJSON struct {
	Page   int    `json:"page"`
	Pages  int    `json:"pages"`
	Start  int    `json:"start"` // offset of the page in the document text
	End    int    `json:"end"`
	Text   string `json:"text,omitempty"`
	Before string `json:"before,omitempty"`
	Mark   string `json:"mark,omitempty"`
	After  string `json:"after,omitempty"`
}

func (s *Server) apiPages(w http.ResponseWriter, r *http.Request) {
	d, ok := s.document(w, r)
	if !ok {
		return
	}
	out := make([]pageJSON, 0, len(d.Pages))
	for i := range d.Pages {
		out = append(out, newPage(d, i+1, -1, -1))
	}
	writeJSON(w, out)
}

// apiPage answers GET /api/documents/{id}/pages/{n}[?start=S&end=E].
func (s *Server) apiPage(w http.ResponseWriter, r *http.Request) {
	d, n, ok := s.documentPage(w, r)
	if !ok {
		return
	}
	start, end, err := span(r.URL.Query())
	if err != nil {
		httpError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, newPage(d, n, start, end))
}

// documentPage finds the document and page number {n} a request names;
// it answers 404 itself when either is not there.
func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) (*index.Document, int, bool) {
	d, ok := s.document(w, r)
	if !ok {
		return nil, 0, false
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > len(d.Pages) {
		httpError(w, r, http.StatusNotFound, fmt.Sprintf("no page %q: the document has %d", r.PathValue("n"), len(d.Pages)))
		return nil, 0, false
	}
	return d, n, true
}

// span reads the optional start and end parameters; -1 when absent.
func span(v url.Values) (start, end int, err error) {
	start, end = -1, -1
	if v.Get("start") == "" && v.Get("end") == "" {
		return start, end, nil
	}
	start, err1 := strconv.Atoi(v.Get("start"))
	end, err2 := strconv.Atoi(v.Get("end"))
	if err1 != nil || err2 != nil || start < 0 || end < start {
		return -1, -1, fmt.Errorf("start=%q end=%q: want offsets with 0 <= start <= end", v.Get("start"), v.Get("end"))
	}
	return start, end, nil
}

// newPage returns page n (from 1) of d, the span [start, end) of the
// document text marked when it overlaps the page (start < 0: no mark).
func newPage(d *index.Document, n, start, end int) pageJSON {
	p := d.Pages[n-1]
	lo, hi := max(0, min(p.Start, len(d.Text))), max(0, min(p.End, len(d.Text)))
	lo = min(lo, hi)
	text := d.Text[lo:hi]
	out := pageJSON{Page: n, Pages: len(d.Pages), Start: lo, End: hi}
	if start < 0 || end <= lo || start >= hi {
		out.Text = text
		return out
	}
	a, b := runeStart(text, max(start, lo)-lo), runeStart(text, min(end, hi)-lo)
	out.Before, out.Mark, out.After = text[:a], text[a:b], text[b:]
	return out
}

// runeStart moves i back to the start of the UTF-8 sequence it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// idPattern is a document id: the SHA-256 of its content in hex. Anything
// else (a path, "..", an encoded slash) is refused before the index is asked.
var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{64}$`) })

// document loads the document named by the {id} of the URL, answering
// 404 itself when there is none.
func (s *Server) document(w http.ResponseWriter, r *http.Request) (*index.Document, bool) {
	id := r.PathValue("id")
	if !idPattern().MatchString(id) {
		httpError(w, r, http.StatusNotFound, "no such document: an id is 64 hexadecimal digits")
		return nil, false
	}
	d, err := s.ix.Document(id)
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return d, true
}

// openOriginal opens the file at path (or, for a document inside an
// e-mail message, that attachment's bytes) when its content still has the
// SHA-256 want, and returns it at its start with its modification time.
func openOriginal(path, want string) (io.ReadSeeker, time.Time, bool) {
	if corpus.IsPartPath(path) {
		data, err := corpus.ReadPart(path)
		if err != nil {
			return nil, time.Time{}, false
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != want {
			return nil, time.Time{}, false
		}
		var mod time.Time
		if st, err := os.Stat(corpus.ContainerOf(path)); err == nil {
			mod = st.ModTime()
		}
		return bytes.NewReader(data), mod, true
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, time.Time{}, false
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, time.Time{}, false
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil || hex.EncodeToString(h.Sum(nil)) != want {
		f.Close()
		return nil, time.Time{}, false
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, time.Time{}, false
	}
	return f, st.ModTime(), true
}

// file answers GET /api/documents/{id}/file with the original file of an
// indexed document. The path comes from the index, never from the URL, and
// the file is served only while its content still has the indexed hash.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	d, ok := s.document(w, r)
	if !ok {
		return
	}
	// The index's own paths, byte for byte: the record's are JSON text.
	paths, err := s.ix.Paths(d.ID)
	if err != nil || len(paths) == 0 {
		paths = d.Record.Source.Paths
	}
	if len(paths) == 0 {
		paths = []string{d.Record.Source.Path}
	}
	want := d.Record.Source.SHA256 // the content the record was read from
	if want == "" {
		want = d.ID
	}
	for _, p := range paths {
		f, mod, ok := openOriginal(p, want)
		if !ok {
			continue
		}
		if c, ok := f.(io.Closer); ok {
			defer c.Close()
		}
		name := filepath.Base(p)
		ct, disposition := "application/octet-stream", "attachment"
		switch d.Record.Source.Format {
		case corpus.FormatPDF:
			ct, disposition = "application/pdf", "inline"
		case corpus.FormatText:
			ct, disposition = "text/plain; charset=utf-8", "inline"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": name}))
		if ct == "application/pdf" {
			// The browser's own PDF viewer refuses to run in a sandboxed
			// document; it runs a PDF's content isolated from this origin.
			w.Header().Del("Content-Security-Policy")
		} else {
			// The file is the supplier's, not ours: nothing in it may run.
			w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
		}
		http.ServeContent(w, r, "", mod, f)
		return
	}
	httpError(w, r, http.StatusGone, "the original file is gone or changed since it was indexed; run dpa sync")
}

// export answers GET /api/export?format=F with the search's documents.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	sr, err := parseSearch(r.URL.Query())
	if err != nil {
		httpError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	f, err := export.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		httpError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	done, err := s.turn(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	recs, err := export.Records(r.Context(), s.ix, sr.Query())
	var notes map[string]export.ChangeNote
	var reviews map[string]review.Summary
	if err == nil {
		notes, err = export.ChangeNotes(s.ix)
	}
	if err == nil && (f == export.CSV || f == export.XLSX) {
		reviews = export.ReviewNotes(s.ix, recs)
	}
	done() // a slow client reading the file holds no turn
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.FileName()}))
	if err := export.WriteAll(w, f, recs, notes, reviews); err != nil {
		s.log.Warn("export", zap.String("format", string(f)), zap.Error(err))
	}
}

// fail answers an error of the index: 404 for a missing document, 400 for
// a bad or too broad query, 503 when the index is busy or the request ran
// out of time, else 500 (logged, not shown).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var se *index.SyntaxError
	switch {
	case errors.As(err, &se):
		httpError(w, r, http.StatusBadRequest, se.Error())
	case errors.Is(err, index.ErrNotFound):
		httpError(w, r, http.StatusNotFound, "no such document")
	case errors.Is(err, index.ErrBusy):
		httpError(w, r, http.StatusServiceUnavailable, "the index is busy; try again")
	case errors.Is(err, context.DeadlineExceeded):
		httpError(w, r, http.StatusServiceUnavailable, fmt.Sprintf("the request took longer than the %s allowed: narrow the query", s.opts.RequestTimeout))
	case errors.As(err, new(requestError)), errors.Is(err, export.ErrTooMany):
		httpError(w, r, http.StatusBadRequest, err.Error())
	default:
		s.log.Warn("request failed", zap.String("path", r.URL.Path), zap.Error(err))
		httpError(w, r, http.StatusInternalServerError, "internal error")
	}
}

// requestError is a request the server will not answer as asked.
type requestError string

func (e requestError) Error() string { return string(e) }

// httpError answers an error as JSON ({"error": msg}) for the API and as
// plain text elsewhere; either way the message is never HTML.
func httpError(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/healthz" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(map[string]string{"error": msg})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	io.WriteString(w, msg+"\n")
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // JSON is data, but a browser sniffing it must see no markup
	enc.Encode(v)
}
