package index

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// The query benchmark's index: 10,000 synthetic variants of records,
// built once per test binary.
var (
	benchOnce sync.Once
	benchDir  string
	benchIx   *Index
	benchErr  error
)

const benchDocs = 10000

var (
	benchNames     = []string{"Rekenrace", "Taalkast", "Leesladder", "Schoolplein", "Klasbord", "Toetsweb", "Leerpad", "Digibord", "Cijferlijst", "Ouderlink"}
	benchForms     = []string{"B.V.", "v.o.f.", "N.V.", "Onderwijs B.V."}
	benchSubs      = []string{"Wolkdienst Inc.", "Hemelhost Inc.", "Rekenhal B.V.", "Serverpark Noord B.V.", "Snelpost Ltd", "Datakluis GmbH", "Mailmachine Inc.", "Opslagpunt B.V."}
	benchCountries = []string{"NL", "NL", "IE", "DE", "US", "GB", "FR", "BE"}
	benchDurations = []string{"P2W", "P3M", "P6M", "P1Y", "P13M", "P2Y"}
	benchModels    = []string{"", "2.0", "3.0", "4.0", "4.0"}
	benchBreach    = []string{"", "24", "36", "48", "72"}
	benchSentences = []string{
		"Verwerker verwerkt de Persoonsgegevens uitsluitend in opdracht van Onderwijsinstelling.",
		"Persoonsgegevens worden niet buiten de EER verwerkt zonder toestemming van Onderwijsinstelling.",
		"De gegevens worden opgeslagen in datacentra van Microsoft in Ierland en Nederland.",
		"Amazon Web Services levert de hosting vanuit Frankfurt.",
		"Verwerker meldt een Datalek onverwijld en uiterlijk binnen de afgesproken termijn.",
		"Na beëindiging van de Overeenkomst worden de Persoonsgegevens vernietigd.",
		"De Subverwerker is gevestigd in de Verenigde Staten en valt onder het Data Privacy Framework.",
		"Leerlingen, ouders en medewerkers zijn de betrokkenen bij deze Verwerking.",
		"Verwerker treft passende technische en organisatorische beveiligingsmaatregelen.",
		"Back-ups worden versleuteld bewaard en na dertig dagen overschreven.",
		"Het gebruik van cookies beperkt zich tot functionele cookies.",
		"De ROSA-beoordeling is uitgevoerd als self-assessment.",
	}
)

// syntheticAgreement writes the i-th variant in the fake extractor's format.
func syntheticAgreement(r *rand.Rand, i int) string {
	var b strings.Builder
	pick := func(list []string) string { return list[r.Intn(len(list))] }
	// 400 distinct suppliers, about what a large school board deals with.
	fmt.Fprintf(&b, "supplier: %s %s %s\n", pick(benchNames), pick(benchNames), pick(benchForms))
	fmt.Fprintf(&b, "product: %s\n", pick(benchNames))
	fmt.Fprintf(&b, "kind: %s\n", kinds[r.Intn(4)])
	if m := pick(benchModels); m != "" {
		fmt.Fprintf(&b, "model: %s\n", m)
	}
	outside := false
	for k := r.Intn(4); k > 0; k-- {
		c := pick(benchCountries)
		outside = outside || nonEEA[c]
		fmt.Fprintf(&b, "sub: %s | %s\n", pick(benchSubs), c)
	}
	fmt.Fprintf(&b, "eea: %v\n", outside)
	if h := pick(benchBreach); h != "" {
		fmt.Fprintf(&b, "breach: %s\n", h)
	}
	fmt.Fprintf(&b, "retention: %s\n", pick(benchDurations))
	fmt.Fprintf(&b, "biv: %d %d-%d %d\n", 1+r.Intn(3), 1+r.Intn(2), 2+r.Intn(2), 1+r.Intn(3))
	fmt.Fprintf(&b, "date: %d-%02d-01\n", 2016+r.Intn(9), 1+r.Intn(12))
	for k := 0; k < 12; k++ {
		b.WriteString(pick(benchSentences))
		b.WriteString(" ")
		if k%4 == 3 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func buildBenchIndex(tb testing.TB) *Index {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "dpa-index-bench-")
		if benchErr != nil {
			return
		}
		drive := filepath.Join(benchDir, "drive")
		r := rand.New(rand.NewSource(1))
		files := map[string]string{}
		for i := 0; i < benchDocs; i++ {
			files[fmt.Sprintf("%03d/%05d.txt", i%100, i)] = syntheticAgreement(r, i)
		}
		writeFiles(tb, drive, files)
		dir := filepath.Join(benchDir, "idx")
		w, err := Open(dir, Options{})
		if err != nil {
			benchErr = err
			return
		}
		start := time.Now()
		sum := update(tb, w, UpdateOptions{BatchSize: 1000}, drive)
		w.Close()
		tb.Logf("built %d synthetic documents in %s", sum.Documents, time.Since(start).Round(time.Millisecond))
		benchIx, benchErr = Open(dir, Options{ReadOnly: true})
	})
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	return benchIx
}

// benchQueries returns n mixed queries: free text, phrases, fields,
// ranges and boolean combinations.
func benchQueries(n int) []string {
	r := rand.New(rand.NewSource(2))
	pick := func(list []string) string { return list[r.Intn(len(list))] }
	makers := []func() string{
		func() string { return "Microsoft" },
		func() string { return `"buiten de EER"` },
		func() string { return pick([]string{"hosting", "cookies", "Datalek", "versleuteld", "Frankfurt"}) },
		func() string { return "outside_eea:true" },
		func() string { return "country:" + pick(benchCountries) },
		func() string { return "supplier:" + pick(benchNames) },
		func() string { return "subprocessor:" + strings.Fields(pick(benchSubs))[0] },
		func() string { return "model:" + pick([]string{"2.0", "3.0", "4.0"}) },
		func() string { return "kind:" + kinds[r.Intn(4)] },
		func() string { return fmt.Sprintf("biv.confidentiality>=%d", 1+r.Intn(3)) },
		func() string { return "retention>" + pick(benchDurations) },
		func() string { return "breach<=" + pick([]string{"24", "48", "72"}) },
		func() string { return "outside_eea:true AND country:" + pick(benchCountries) },
		func() string { return "(country:US OR country:GB) AND NOT supplier:" + pick(benchNames) },
		func() string { return "Microsoft AND model:4.0 AND breach<=48" },
		func() string { return "date>=" + fmt.Sprint(2016+r.Intn(9)) + " -outside_eea:true" },
		func() string { return "product:" + pick(benchNames) + " retention<=P1Y" },
	}
	qs := make([]string, n)
	for i := range qs {
		qs[i] = makers[r.Intn(len(makers))]()
	}
	return qs
}

// BenchmarkQuery runs 1,000 mixed queries (20 hits with their records,
// evidence and highlights) per iteration on a 10,000-document index and
// reports the p50 and p99 latency and the index size per document; with
// the four facets the CLI shows, and without them.
func BenchmarkQuery(b *testing.B) {
	ix := buildBenchIndex(b)
	queries := benchQueries(1000)
	for _, bc := range []struct {
		name string
		opts SearchOptions
	}{{"facets", SearchOptions{}}, {"nofacets", SearchOptions{FacetSize: -1}}} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			lat := make([]time.Duration, 0, len(queries)*b.N)
			for i := 0; i < b.N; i++ {
				for _, q := range queries {
					start := time.Now()
					if _, err := ix.Search(ctx, q, bc.opts); err != nil {
						b.Fatalf("%s: %v", q, err)
					}
					lat = append(lat, time.Since(start))
				}
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
			b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
			size, err := ix.DiskSize()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(size)/benchDocs, "index-bytes/doc")
		})
	}
}

// BenchmarkIndexRecords measures the index side alone: 2,000 records
// already extracted (with their text) written to a new index in the
// default batches, as dpa index --records does, without reading any
// file. It reports documents per second, and the process CPU per document
// (what holds on a busy machine). Its reference, measured in the same run,
// is bleve alone writing the same texts, in the same batches, into an
// index of one field with bleve's Dutch analysis (bleve-text): what any
// index of the text costs, before the record's fields, its review and
// the manifest.
func BenchmarkIndexRecords(b *testing.B) {
	const n = 2000
	r := rand.New(rand.NewSource(3))
	drive := b.TempDir()
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("%03d/%05d.txt", i%50, i)] = syntheticAgreement(r, i)
	}
	writeFiles(b, drive, files)
	found, errs := corpus.Walk([]string{drive})
	if len(errs) > 0 {
		b.Fatal(errs[0])
	}
	var recs []*extract.Record
	docs := map[string]*corpus.Document{}
	bySHA := map[string]*extract.Record{}
	for _, f := range found {
		sha, err := corpus.HashFile(f.Path)
		if err != nil {
			b.Fatal(err)
		}
		doc, rec, err := fakeRead(corpus.File{Path: f.Path, Paths: []string{f.Path}, SHA256: sha, Size: f.Size, Modified: f.Modified})
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, rec)
		docs[sha], bySHA[sha] = doc, rec
	}
	perDoc := func(b *testing.B, write func(dir string)) {
		b.ResetTimer()
		cpu0 := processCPU()
		for i := 0; i < b.N; i++ {
			write(filepath.Join(b.TempDir(), "idx"))
		}
		cpu := processCPU() - cpu0
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
		b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(n*b.N), "cpu-ms/doc")
	}
	b.Run("dpa", func(b *testing.B) {
		perDoc(b, func(dir string) {
			w, err := Open(dir, Options{})
			if err != nil {
				b.Fatal(err)
			}
			u, err := w.UpdateRecords(context.Background(), recs, nil, UpdateOptions{})
			if err != nil {
				b.Fatal(err)
			}
			for _, f := range u.Files() {
				if err := u.Add(f, docs[f.SHA256], bySHA[f.SHA256]); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := u.Finish(); err != nil {
				b.Fatal(err)
			}
			w.Close()
		})
	})
	b.Run("bleve-text", func(b *testing.B) {
		perDoc(b, func(dir string) {
			m := bleve.NewIndexMapping()
			doc := bleve.NewDocumentStaticMapping()
			text := bleve.NewTextFieldMapping()
			text.Analyzer, text.IncludeInAll, text.DocValues = nl.AnalyzerName, false, false
			doc.AddFieldMappingsAt(fText, text)
			m.DefaultMapping = doc
			bi, err := bleve.New(dir, m)
			if err != nil {
				b.Fatal(err)
			}
			batch := bi.NewBatch()
			for i, f := range found {
				sha := recs[i].Source.SHA256
				if err := batch.Index(sha, map[string]interface{}{fText: docs[sha].Text}); err != nil {
					b.Fatal(err)
				}
				if batch.Size() == DefaultBatchSize || i == len(found)-1 {
					if err := bi.Batch(batch); err != nil {
						b.Fatal(f.Path, err)
					}
					batch = bi.NewBatch()
				}
			}
			if err := bi.Close(); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// processCPU returns the CPU time (user and system) this process used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSyncFew measures what a nightly sync costs that finds three
// files changed on a drive of 3,000 already indexed: per iteration, three
// files are rewritten and the index updated (one commit). It reports the
// milliseconds per sync, and the size of the generation's bolt root, which
// the commit copies and scorch rewrites.
func BenchmarkSyncFew(b *testing.B) {
	const n = 3000
	r := rand.New(rand.NewSource(5))
	drive := b.TempDir()
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("%03d/%05d.txt", i%50, i)] = syntheticAgreement(r, i)
	}
	writeFiles(b, drive, files)
	ix := openWriter(b, filepath.Join(b.TempDir(), "idx"))
	update(b, ix, UpdateOptions{}, drive)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		changed := map[string]string{}
		for j := 0; j < 3; j++ {
			k := r.Intn(n)
			changed[fmt.Sprintf("%03d/%05d.txt", k%50, k)] = syntheticAgreement(r, n+i*3+j)
		}
		writeFiles(b, drive, changed)
		b.StartTimer()
		update(b, ix, UpdateOptions{}, drive)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/sync")
	gen, err := currentGen(ix.dir)
	if err != nil {
		b.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(ix.genPath(gen), "store", rootBoltFile)); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "root-MB")
	}
}
