// Command render writes the layouts of package layoutgen to files. By
// default it prints each layout's HTML to a PDF with headless Chromium into
// testdata/layouts (NAME.pdf) and records the SHA-256 of each HTML source in
// testdata/layouts/SOURCES, which the layout test compares with what the
// generator writes now. A PDF whose HTML is unchanged is left alone (its
// bytes would change with the print date); -force prints it again. Run it
// from the repository root (make layouts):
//
//	go run ./testdata/layoutgen/render
//
// With -all DIR it also writes every text, HTML and DOCX file into DIR, to
// look at.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/testdata/layoutgen"
)

func main() {
	out := flag.String("out", "testdata/layouts", "folder for the PDFs and SOURCES")
	all := flag.String("all", "", "also write the text, HTML and DOCX files into this folder")
	only := flag.String("only", "", "render only the layouts whose names contain this")
	force := flag.Bool("force", false, "print every PDF again, also those whose HTML is unchanged")
	flag.Parse()
	chromium := layoutgen.Chromium()
	if chromium == "" {
		log.Fatal("render: no chromium on PATH")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "layoutgen-html-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)

	sources := readSources(filepath.Join(*out, "SOURCES"))
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		sem  = make(chan struct{}, 2)
		fail bool
	)
	for _, l := range layoutgen.Layouts {
		if !strings.Contains(l.Name, *only) {
			continue
		}
		doc, _ := l.Render()
		html := layoutgen.HTML(doc)
		if *all != "" {
			for name, data := range map[string][]byte{l.FileName(l.TextExt()): layoutgen.Text(doc), l.FileName("html"): html, l.FileName("docx"): layoutgen.DOCX(doc)} {
				if err := os.WriteFile(filepath.Join(*all, name), data, 0o644); err != nil {
					log.Fatal(err)
				}
			}
		}
		if _, err := os.Stat(filepath.Join(*out, l.FileName("pdf"))); err == nil && !*force && sources[l.FileName("pdf")] == layoutgen.Digest(html) {
			continue // printed from this HTML already: keep the bytes
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			src := filepath.Join(tmp, l.FileName("html"))
			err := os.WriteFile(src, html, 0o644)
			if err == nil {
				err = layoutgen.PrintPDF(context.Background(), chromium, src, filepath.Join(*out, l.FileName("pdf")))
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				log.Print(err)
				fail = true
				return
			}
			sources[l.FileName("pdf")] = layoutgen.Digest(html)
			fmt.Println(filepath.Join(*out, l.FileName("pdf")))
		}()
	}
	wg.Wait()
	writeSources(filepath.Join(*out, "SOURCES"), sources)
	if fail {
		os.Exit(1)
	}
}

// readSources reads the manifest: "sha256  name.pdf" lines.
func readSources(path string) map[string]string {
	m := map[string]string{}
	data, err := os.ReadFile(path)
	if err != nil {
		return m
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 2 {
			m[f[1]] = f[0]
		}
	}
	return m
}

func writeSources(path string, m map[string]string) {
	names := make([]string, 0, len(m))
	for n := range m {
		if _, err := os.Stat(filepath.Join(filepath.Dir(path), n)); err == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("# SHA-256 of the HTML each PDF was printed from (go run ./testdata/layoutgen/render)\n")
	for _, n := range names {
		b.WriteString(m[n] + "  " + n + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
}
