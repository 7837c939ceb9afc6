package ocr

import (
	"context"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Program is what Probe found out about one external program.
type Program struct {
	Name    string // as configured: "tesseract" or a path
	Path    string // where it was found; empty when not found
	Version string // its version line, when it printed one
	Err     error  // why it is not usable
}

// Report is what Probe found: the programs and tesseract's languages.
type Report struct {
	Tesseract, Pdfimages, Pdfinfo, Pdftoppm Program
	// Languages are the languages tesseract has data for.
	Languages []string
	// Lang is the language the Engine asks for, and Missing the parts of
	// it that have no data.
	Lang    string
	Missing []string
}

// OK reports whether everything the Engine needs was found.
func (r Report) OK() bool {
	return r.Tesseract.Err == nil && r.Pdfimages.Err == nil && r.Pdfinfo.Err == nil && r.Pdftoppm.Err == nil && len(r.Missing) == 0
}

var versionRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\d+\.\d+(\.\d+)?`) })

// Probe looks for the programs e would run and asks them their versions
// and, for tesseract, its languages. It does not change e.
func (e *Engine) Probe(ctx context.Context) Report {
	r := Report{Lang: e.lang()}
	probe := func(name string, args ...string) Program {
		p := Program{Name: name}
		path, err := exec.LookPath(name)
		if err != nil {
			p.Err = err
			return p
		}
		p.Path = path
		// tesseract prints its version on stdout, poppler on stderr, and
		// poppler exits 99 after printing it: read both, ignore the status.
		out, _ := exec.CommandContext(ctx, path, args...).CombinedOutput()
		for _, line := range strings.Split(string(out), "\n") {
			if v := versionRe().FindString(line); v != "" {
				p.Version = v
				break
			}
		}
		return p
	}
	r.Tesseract = probe(e.tesseract(), "--version")
	r.Pdfimages = probe(e.pdfimages(), "-v")
	r.Pdfinfo = probe(e.pdfinfo(), "-v")
	r.Pdftoppm = probe(e.pdftoppm(), "-v")
	if r.Tesseract.Err == nil {
		langs, err := Languages(ctx, r.Tesseract.Path)
		if err != nil {
			r.Tesseract.Err = err
		}
		r.Languages = langs
	}
	for _, l := range strings.Split(r.Lang, "+") {
		if !slices.Contains(r.Languages, l) {
			r.Missing = append(r.Missing, l)
		}
	}
	return r
}
