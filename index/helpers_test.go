package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// The tests index small invented agreements whose records a fake
// extractor reads from "key: value" lines, so that every field of the
// mapping can be set without depending on the real extraction rules:
//
//	supplier: Voorbeeld Leermiddelen B.V.
//	product: Rekenrace
//	sub: Wolkdienst Inc. | US, IE
//	sub: Rekenhal B.V. | NL | NL/DE   (and its headquarters: country/parent country)
//	place: Frankfurt | DE
//	eea: true            (outside_eea; outside_eea_countries are the non-EEA sub countries)
//	kind: verwerkersovereenkomst
//	model: 4.0
//	breach: 48
//	retention: P1Y
//	biv: 2 1-2 3         (availability integrity confidentiality)
//	date: 2021-03-01
//	category: naam
//
// A page break is a form feed line. A file whose text starts with FAIL
// cannot be read.

// nonEEA are the countries the fake extractor treats as outside the EEA.
var nonEEA = map[string]bool{"US": true, "GB": true, "IN": true, "CH": true}

func fakeRead(f corpus.File) (*corpus.Document, *extract.Record, error) {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, nil, err
	}
	if strings.HasPrefix(string(data), "FAIL") {
		return nil, nil, &corpus.FileError{Path: f.Path, Kind: corpus.Damaged, Err: errors.New("test says so")}
	}
	src := corpus.Source{Path: f.Path, Paths: f.Paths, SHA256: f.SHA256, Format: corpus.FormatText, Bytes: f.Size, Modified: f.Modified}
	var pages []corpus.PageText
	for _, p := range strings.Split(string(data), "\f\n") {
		pages = append(pages, corpus.PageText{Text: p})
	}
	doc := corpus.NewDocument(src, pages)
	return doc, fakeExtract(doc), nil
}

func fakeExtract(doc *corpus.Document) *extract.Record {
	r := &extract.Record{Source: doc.Source, Kind: "other", Evidence: map[string][]extract.Evidence{}, ExtractorVersion: extract.Version,
		Products: []string{}, Subprocessors: []extract.Subprocessor{}, OutsideEEACountries: []string{}}
	str := func(s string) *string { return &s }
	off := 0
	for _, line := range strings.SplitAfter(doc.Text, "\n") {
		start := off
		off += len(line)
		key, val, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		ev := extract.Evidence{Page: doc.PageAt(start).Number, Start: start, End: start + len(strings.TrimRight(line, "\n")),
			Quote: strings.TrimRight(line, "\n"), Confidence: 0.9}
		cite := func(path string) { r.Evidence[path] = append(r.Evidence[path], ev) }
		switch key {
		case "supplier":
			r.Processor.Name = str(val)
			cite("processor.name")
		case "product":
			cite("products[" + strconv.Itoa(len(r.Products)) + "]")
			r.Products = append(r.Products, val)
		case "sub":
			name, cs, _ := strings.Cut(val, "|")
			cs, hq, _ := strings.Cut(cs, "|")
			s := extract.Subprocessor{Name: strings.TrimSpace(name), Countries: []string{}}
			if hq = strings.TrimSpace(hq); hq != "" {
				c, parent, _ := strings.Cut(hq, "/")
				s.Headquarters = &extract.Headquarters{Country: c, Provider: s.Name, ParentCountry: parent, Source: "gazetteer: test"}
			}
			for _, c := range strings.Split(cs, ",") {
				if c = strings.TrimSpace(c); c != "" {
					s.Countries = append(s.Countries, c)
					if nonEEA[c] {
						r.OutsideEEACountries = append(r.OutsideEEACountries, c)
					}
				}
			}
			cite("subprocessors[" + strconv.Itoa(len(r.Subprocessors)) + "].countries")
			r.Subprocessors = append(r.Subprocessors, s)
		case "place":
			place, c, _ := strings.Cut(val, "|")
			cite("storage_locations[" + strconv.Itoa(len(r.StorageLocations)) + "]")
			r.StorageLocations = append(r.StorageLocations, extract.Location{Place: strings.TrimSpace(place), Country: strings.TrimSpace(c)})
		case "eea":
			b := val == "true"
			r.OutsideEEA = &b
			cite("outside_eea")
		case "kind":
			r.Kind = val
			cite("kind")
		case "model":
			r.ModelVersion = str(val)
			cite("model_version")
		case "breach":
			n, _ := strconv.Atoi(val)
			r.BreachHours = &n
			cite("breach_notification_hours")
		case "retention":
			cite("retention[" + strconv.Itoa(len(r.Retention)) + "]")
			r.Retention = append(r.Retention, extract.Retention{Duration: str(val), Bound: "max", Trigger: "contract_end"})
		case "biv":
			var lv [3][2]int
			for i, f := range strings.Fields(val) {
				if i < 3 {
					lo, hi, found := strings.Cut(f, "-")
					lv[i][0], _ = strconv.Atoi(lo)
					lv[i][1] = lv[i][0]
					if found {
						lv[i][1], _ = strconv.Atoi(hi)
					}
				}
			}
			r.BIV = &extract.BIV{Availability: lv[0], Integrity: lv[1], Confidentiality: lv[2]}
			cite("biv")
		case "date":
			r.VersionDate = str(val)
			cite("version_date")
		case "category":
			cite("data_categories[" + strconv.Itoa(len(r.DataCategories)) + "]")
			r.DataCategories = append(r.DataCategories, val)
		}
	}
	return r
}

// update runs one update of ix over roots with the fake extractor.
func update(t testing.TB, ix *Index, opts UpdateOptions, roots ...string) *Summary {
	t.Helper()
	u, err := ix.Update(context.Background(), roots, opts)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	for _, f := range u.Files() {
		doc, rec, err := fakeRead(f)
		if err != nil {
			err = u.Fail(f, err)
		} else {
			err = u.Add(f, doc, rec)
		}
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
	}
	sum, err := u.Finish()
	if err != nil {
		t.Fatalf("Finish: %v", err)
	}
	return sum
}

// writeFiles writes name → content under dir ("" content removes the file).
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if content == "" {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func openWriter(t testing.TB, dir string) *Index {
	t.Helper()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
