package main

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/index/web"
)

const serveUsage = `[options]

Serves the index to auditors: a web page at http://ADDR/ and a JSON API
(/api/search, /api/documents/ID, /api/documents/ID/pages/N, /api/documents/ID/file,
/api/export, /healthz). Read-only. Listens on loopback unless --token is set.`

func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("serve", serveUsage)
	dir := fs.String("index", index.DefaultDir, "the index folder")
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	token := fs.String("token", "", "require this token (Authorization: Bearer TOKEN, or basic auth with it as password); needed to listen beyond loopback")
	editors := map[string]string{}
	fs.Func("editor", "NAME=TOKEN: let NAME correct values in the register page with TOKEN (repeat for more officers; the name goes into the audit trail)", func(v string) error {
		name, tok, ok := strings.Cut(v, "=")
		name, tok = strings.TrimSpace(name), strings.TrimSpace(tok)
		if !ok || name == "" || len(tok) < 8 {
			return fmt.Errorf("want NAME=TOKEN with a token of at least 8 characters")
		}
		if _, dup := editors[name]; dup {
			return fmt.Errorf("editor %q given twice", name)
		}
		editors[name] = tok
		return nil
	})
	fs.Bool("hold", true, "hold the index open between requests (the default; a writer such as dpa sync publishes new generations beside it)")
	var lf logFlags
	lf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if err := web.CheckAddr(*addr, *token); err != nil {
		return usageError{err.Error()}
	}
	log, err := lf.logger(m.Stderr)
	if err != nil {
		return err
	}
	defer log.Sync()
	ix, err := index.Open(*dir, index.Options{ReadOnly: true, Logger: log})
	if err != nil {
		return err
	}
	defer ix.Close()
	if _, err := ix.Count(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "dpa serve: http://%s/ (index %s; Ctrl-C stops)\n", ln.Addr(), *dir)
	log.Info("serving", zap.String("addr", ln.Addr().String()), zap.String("index", *dir), zap.Bool("token", *token != ""))
	// Answers are cached per index generation: a sync's commit is seen at once.
	opts := web.Options{Token: *token, Editors: editors, Logger: log, CacheTTL: time.Minute}
	return web.Serve(ctx, ln, web.New(ix, opts), 10*time.Second)
}
