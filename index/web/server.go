// Package web serves an index to auditors: a JSON API (search, a
// document's record with its evidence, its text page by page, the original
// file, exports) and a web page built on it, from one binary.
//
// Agreements are untrusted input. Every piece of document text reaches the
// page through html/template or the DOM's textContent, never as HTML; the
// Content-Security-Policy allows no inline script; the server is read-only
// and serves only files the index holds, by document id.
package web

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/index"
)

// Options configure a Server.
type Options struct {
	// Token, when set, is required of every request except /healthz: as a
	// bearer token or as the password of HTTP basic auth (any user name).
	Token string
	// RequestTimeout bounds the work of one request (default 15s).
	RequestTimeout time.Duration
	// CacheTTL is how long a search answer is reused for the same request
	// (default 5s; negative: no cache). Answers are cached per index
	// generation, so a writer's commit is seen at once whatever the TTL.
	CacheTTL time.Duration
	// Editors maps the name of each officer who may correct values in the
	// register (POST /api/corrections) to their token; the name goes into
	// the audit trail. Without editors the server is read-only.
	Editors map[string]string
	// Logger receives one line per failed request; nil means none.
	Logger *zap.Logger
}

// Limits on what one request may ask.
const (
	maxBodyBytes   = 1 << 10 // requests are GET: a body is never needed
	maxQueryBytes  = 2000    // the longest query accepted
	maxLimit       = 100     // the most hits one search page returns
	maxOffset      = 100000  // the deepest page
	cacheEntries   = 512     // search answers kept
	defaultTimeout = 15 * time.Second
)

// Server answers the API and the page for one index.
type Server struct {
	ix   *index.Index
	opts Options
	log  *zap.Logger
	mux  *http.ServeMux
	hits *cache // encoded /api/search answers
	// turns holds a token per search or export under way, so that many
	// broad queries at once cannot add up to more memory than searchSlots.
	turns chan struct{}
	// images holds page images rendered for evidence on scans (scan.go).
	images *cache
}

// New returns a Server for ix, which should be opened read-only.
func New(ix *index.Index, opts Options) *Server {
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = defaultTimeout
	}
	s := &Server{ix: ix, opts: opts, log: opts.Logger, mux: http.NewServeMux(), turns: make(chan struct{}, searchSlots()),
		images: newCache(scanCacheTTL, scanCachePages)}
	switch {
	case opts.CacheTTL == 0:
		s.hits = newCache(5*time.Second, cacheEntries)
	case opts.CacheTTL > 0:
		s.hits = newCache(opts.CacheTTL, cacheEntries)
	}
	if s.log == nil {
		s.log = zap.NewNop()
	}
	s.routes()
	return s
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /api/search", s.apiSearch)
	s.mux.HandleFunc("GET /api/documents/{id}", s.apiDocument)
	s.mux.HandleFunc("GET /api/documents/{id}/pages", s.apiPages)
	s.mux.HandleFunc("GET /api/documents/{id}/pages/{n}", s.apiPage)
	s.mux.HandleFunc("GET /api/documents/{id}/file", s.file)
	s.mux.HandleFunc("GET /api/documents/{id}/pages/{n}/image", s.pageImage)
	s.mux.HandleFunc("GET /api/export", s.export)
	s.mux.HandleFunc("GET /{$}", s.pageSearch)
	s.mux.HandleFunc("GET /doc/{id}", s.pageDocument)
	s.mux.HandleFunc("GET /doc/{id}/review", s.pageReview)
	s.mux.HandleFunc("GET /review", s.pageBoard)
	s.mux.HandleFunc("GET /register", s.pageRegister)
	s.mux.HandleFunc("GET /register/export", s.registerExport)
	s.mux.HandleFunc("GET /api/corrections", s.apiCorrections)
	s.mux.HandleFunc("POST /api/corrections", s.postCorrection)
	s.mux.HandleFunc("GET /changes", s.pageChanges)
	s.mux.HandleFunc("GET /changes.atom", s.atomChanges)
	s.mux.HandleFunc("GET /api/changes", s.apiChanges)
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
}

// ServeHTTP applies the security headers, the token check, the read-only
// rule and the request limits, then routes the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	correction := r.Method == http.MethodPost && r.URL.Path == "/api/corrections" && len(s.opts.Editors) > 0
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !correction {
		h.Set("Allow", "GET, HEAD")
		httpError(w, r, http.StatusMethodNotAllowed, "read-only: only GET and HEAD (and, with editor tokens, POST /api/corrections)")
		return
	}
	h.Set("Cache-Control", "no-store") // agreements stay out of shared and browser caches
	if s.opts.Token == "" && !loopbackHost(r.Host) {
		// Without a token the server trusts whoever reaches loopback; a web
		// page that rebinds its own name to 127.0.0.1 must not be that.
		httpError(w, r, http.StatusMisdirectedRequest, fmt.Sprintf("host %q not served: without --token dpa serve answers only requests addressed to localhost or a loopback address", r.Host))
		return
	}
	if r.URL.Path != "/healthz" && !s.authorized(r) && !(correction && s.editor(r) != "") {
		h.Set("WWW-Authenticate", `Basic realm="dpa", charset="UTF-8"`)
		httpError(w, r, http.StatusUnauthorized, "a token is needed (Authorization: Bearer TOKEN, or basic auth with the token as password)")
		return
	}
	if len(r.URL.RawQuery) > 4*maxQueryBytes {
		httpError(w, r, http.StatusRequestURITooLong, "query string too long")
		return
	}
	if correction {
		r.Body = http.MaxBytesReader(w, r.Body, maxCorrectionBytes)
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
	defer cancel()
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}

// searchSlots is how many searches and exports run at once: one per core,
// from 2 to 4. A search is CPU-bound, so more at once only add their
// memory (up to ~80 MB each at the limits on a 1,000-document index) while
// each gets slower; the others wait for a turn within the request's time.
func searchSlots() int { return min(max(runtime.GOMAXPROCS(0), 2), 4) }

// turn waits until fewer than searchSlots searches run, and returns the
// function that ends this one's turn, or ctx's error when the request's
// time runs out first.
func (s *Server) turn(ctx context.Context) (func(), error) {
	select {
	case s.turns <- struct{}{}:
		return func() { <-s.turns }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for a turn to search: %w", ctx.Err())
	}
}

// authorized reports whether r carries the token (or none is needed).
func (s *Server) authorized(r *http.Request) bool {
	if s.opts.Token == "" {
		return true
	}
	got := ""
	auth := r.Header.Get("Authorization")
	switch {
	case strings.HasPrefix(auth, "Bearer "):
		got = strings.TrimPrefix(auth, "Bearer ")
	case strings.HasPrefix(auth, "Basic "):
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(auth, "Basic "))
		if err != nil {
			return false
		}
		_, pass, _ := strings.Cut(string(raw), ":")
		got = pass
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) == 1
}

// CheckAddr refuses an address that is not loopback unless a token is
// set: without one, anyone on the network could read every agreement.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if token != "" || isLoopback(host) {
		return nil
	}
	if host == "" {
		host = "every interface"
	}
	return fmt.Errorf("refusing to listen on %s (%s) without --token: the agreements would be open to the network; bind to 127.0.0.1 or set --token", addr, host)
}

// loopbackHost reports whether a request's Host (name or address, with or
// without a port) names this machine's loopback interface.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return isLoopback(host) || strings.HasSuffix(strings.ToLower(host), ".localhost")
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// NewHTTPServer returns an http.Server for h with time and size limits, so
// that a slow or hostile client cannot hold connections open.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      2 * time.Minute, // exports and original files
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

// Serve serves h on ln until ctx is cancelled, then shuts down gracefully:
// requests under way get up to grace to finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration) error {
	srv := NewHTTPServer(h)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
