package ocr

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/dpa-nl/dpa/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden OCR text of the scanned fixture")

// fixture is the two-page scanned agreement made by testdata/scanned/make.sh.
const fixture = "../../testdata/scanned/zeilschool.scanned.pdf"

// fixtureSources are the texts the fixture's pages were typeset from.
var fixtureSources = []string{"../../testdata/scanned/zeilschool.txt", "../../testdata/scanned/zeilschool-2.txt"}

const fixtureGolden = "../../testdata/scanned/zeilschool.ocr.golden"

// needEngines skips the test when the real OCR programs are absent.
func needEngines(t testing.TB) *Engine {
	t.Helper()
	e := &Engine{}
	if err := e.Check(context.Background()); err != nil {
		t.Skipf("skipping: needs tesseract with nld data and poppler-utils (apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils): %v", err)
	}
	return e
}

// words splits text into lower-case words of two or more letters or
// digits, joining words hyphenated at a line end, as the corpus's
// ocrcheck.py does.
func words(text string) []string {
	text = regexp.MustCompile(`-\n(\pL)`).ReplaceAllString(text, "$1")
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) >= 2 {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// wordRecall returns the share of the words of ref (as a multiset) that
// also occur in got, and the counts.
func wordRecall(ref, got string) (recall float64, hit, total int) {
	have := map[string]int{}
	for _, w := range words(got) {
		have[w]++
	}
	for _, w := range words(ref) {
		total++
		if have[w] > 0 {
			have[w]--
			hit++
		}
	}
	if total == 0 {
		return 0, 0, 0
	}
	return float64(hit) / float64(total), hit, total
}

func TestWordRecall(t *testing.T) {
	tests := []struct {
		name, ref, got string
		want           float64
	}{
		{"same", "De Verwerker verwerkt", "de verwerker VERWERKT", 1},
		{"half", "één twee drie vier", "één drie", 0.5},
		{"hyphenated", "beëindiging", "beëin-\ndiging", 1},
		{"multiset", "de de de de", "de", 0.25},
		{"short words ignored", "a b cd", "cd", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, _, _ := wordRecall(tc.ref, tc.got); got != tc.want {
				t.Errorf("wordRecall(%q, %q) = %v, want %v", tc.ref, tc.got, got, tc.want)
			}
		})
	}
}

func TestParseImageList(t *testing.T) {
	const head = "page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio\n" +
		"--------------------------------------------------------------------------------------------\n"
	tests := []struct {
		name   string
		list   string
		page   int
		usable bool
	}{
		{"one jpeg scan", "   1     0 image    1653  2339  gray    1   8  jpeg   no         6  0   200   200  296K 7.8%\n", 1, true},
		{"rgb jpeg", "   2     0 image    2480  3508  rgb     3   8  jpeg   no         6  0   300   300  1M 7.8%\n", 2, true},
		{"low resolution", "   1     0 image     413   585  gray    1   8  jpeg   no         6  0    50    50  29K 7.8%\n", 1, false},
		{"cmyk", "   1     0 image    1653  2339  cmyk    4   8  jpeg   yes        6  0   200   200  296K 7.8%\n", 1, false},
		{"ccitt fax", "   1     0 image    1728  2292  gray    1   1  ccitt  no         6  0   200   200  60K 1.2%\n", 1, false},
		{"image with soft mask", "   1     0 image    1653  2339  rgb     3   8  jpeg   no         6  0   200   200  296K 7.8%\n" +
			"   1     1 smask    1653  2339  gray    1   8  image  no         7  0   200   200  10K 0.1%\n", 1, false},
		{"two images", "   1     0 image    1653  1000  gray    1   8  jpeg   no         6  0   200   200  96K 7.8%\n" +
			"   1     1 image    1653  1000  gray    1   8  jpeg   no         7  0   200   200  96K 7.8%\n", 1, false},
		{"no image on the page", "   1     0 image    1653  2339  gray    1   8  jpeg   no         6  0   200   200  296K 7.8%\n", 2, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := parseImageList(head + tc.list)[tc.page]
			if got.usableScan() != tc.usable {
				t.Errorf("page %d %+v: usableScan() = %v, want %v", tc.page, got, !tc.usable, tc.usable)
			}
		})
	}
}

func TestParseRotation(t *testing.T) {
	const info = "Pages:           3\nPage    1 size:  595.276 x 841.89 pts (A4)\nPage    1 rot:   0\n" +
		"Page    2 rot:   90\nPage    3 rot:   360\nPage    4 rot:   270\n"
	got := parseRotation(info)
	want := map[int]int{2: 90, 4: 270}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parseRotation = %v, want %v", got, want)
	}
	if (pageImages{count: 1, kind: "image", enc: "jpeg", color: "gray", ppi: 200, rot: 90}).usableScan() {
		t.Error("a rotated page's scan is used as is; it must be rendered")
	}
}

func TestMeanConfidence(t *testing.T) {
	const head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	tests := []struct {
		name      string
		rows      string
		wantMean  float64
		wantWords int
	}{
		{"words", "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t90.5\tDe\n5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t80.5\tVerwerker\n", 85.5, 2},
		{"layout rows skipped", "1\t1\t0\t0\t0\t0\t0\t0\t9\t9\t-1\t\n4\t1\t1\t1\t1\t0\t0\t0\t9\t9\t-1\t\n5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t70\tna\n", 70, 1},
		{"empty word skipped", "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t95\t \n5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t60\tx\n", 60, 1},
		{"nothing recognised", "1\t1\t0\t0\t0\t0\t0\t0\t9\t9\t-1\t\n", 0, 0},
		{"short row", "5\t1\t1\n", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mean, n := meanConfidence(parseTSV([]byte(head + tc.rows)))
			if mean != tc.wantMean || n != tc.wantWords {
				t.Errorf("meanConfidence = %v, %d; want %v, %d", mean, n, tc.wantMean, tc.wantWords)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name  string
		pages []corpus.Page
		want  string
	}{
		{"none", nil, ""},
		{"text pages only", []corpus.Page{{Number: 1}, {Number: 2}}, ""},
		{"one page", []corpus.Page{{Number: 1}, {Number: 2}, {Number: 3}, {Number: 4, OCR: true, Confidence: 90.6}}, "page 4 read by OCR (tesseract nld, mean confidence 91)"},
		{"range", []corpus.Page{{Number: 1, OCR: true, Confidence: 90}, {Number: 2, OCR: true, Confidence: 60}, {Number: 3, OCR: true, Confidence: 99}},
			"pages 1–3 read by OCR (tesseract nld, mean confidence 83)"},
		{"gaps", []corpus.Page{{Number: 1, OCR: true, Confidence: 90}, {Number: 2}, {Number: 3, OCR: true, Confidence: 90}, {Number: 4, OCR: true, Confidence: 90}, {Number: 5}},
			"pages 1, 3–4 read by OCR (tesseract nld, mean confidence 90)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Summary("tesseract nld", tc.pages); got != tc.want {
				t.Errorf("Summary = %q, want %q", got, tc.want)
			}
		})
	}
}

// line makes the words of one line from "text@left+width" items, each word
// 30 pixels high.
func line(block, par, ln int, items ...string) []word {
	var ws []word
	for _, it := range items {
		var w word
		at := strings.LastIndex(it, "@")
		fmt.Sscanf(it[at+1:], "%d+%d", &w.left, &w.width)
		w.block, w.par, w.line, w.height, w.conf, w.text = block, par, ln, 30, 90, it[:at]
		ws = append(ws, w)
	}
	return ws
}

func TestLayoutText(t *testing.T) {
	// A prose line with gaps of 12 sets the page's usual gap.
	prose := line(1, 1, 1, "De@0+20", "Verwerker@32+90", "verwerkt@134+80", "de@226+20", "gegevens@258+80")
	tests := []struct {
		name  string
		words [][]word
		want  string
	}{
		{"prose", [][]word{prose}, "De Verwerker verwerkt de gegevens"},
		{"justified prose: all gaps wide together", [][]word{prose, line(1, 1, 2, "aan@0+30", "de@80+20", "hand@150+40", "van@240+30", "een@320+30")},
			"De Verwerker verwerkt de gegevens\naan de hand van een"},
		{"table row", [][]word{prose, line(2, 1, 1, "Logische@0+80", "toegang@92+70", "Voldaan@600+70")},
			"De Verwerker verwerkt de gegevens\n\nLogische toegang | Voldaan"},
		{"two cells", [][]word{prose, line(2, 1, 1, "Toetsvorm@0+90", "Self-assessment@300+150")},
			"De Verwerker verwerkt de gegevens\n\nToetsvorm | Self-assessment"},
		{"numbered item is no cell", [][]word{prose, line(1, 2, 1, "a.@0+15", "de@120+20", "oorzaak@152+60")},
			"De Verwerker verwerkt de gegevens\n\na. de oorzaak"},
		{"bullet read as e", [][]word{prose, line(1, 1, 2, "e@0+10", "de@60+20", "oorzaak@92+60")},
			"De Verwerker verwerkt de gegevens\n• de oorzaak"},
		{"paragraphs", [][]word{line(1, 1, 1, "Artikel@0+70", "1@82+10"), line(1, 2, 1, "Tekst@0+50")}, "Artikel 1\n\nTekst"},
		{"nothing", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var words []word
			for _, l := range tc.words {
				words = append(words, l...)
			}
			if got := layoutText(words); got != tc.want {
				t.Errorf("layoutText =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"Artikel 1\n\nTekst\n\f": "Artikel 1\n\nTekst",
		"a\fb\n \n":              "ab",
		"":                       "",
		"  ingesprongen regel\n": "  ingesprongen regel",
		"verwerkersverantwoordeliĳke ‘verwerker’ “x”": `verwerkersverantwoordelijke 'verwerker' "x"`,
		"ĳs ﬁnanciële": "ijs financiële",
		"„ Pagina 10\n„het verlenen\n  „de opslag": "• Pagina 10\n• het verlenen\n  • de opslag",
		"zoals „beveiligd”":                        `zoals „beveiligd"`,
	} {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRecognizeFixture reads the scanned fixture with the real engines
// and checks its words against the typeset source and the golden text.
func TestRecognizeFixture(t *testing.T) {
	e := needEngines(t)
	e.TempDir = t.TempDir()
	pages, err := e.Recognize(context.Background(), fixture, []int{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(pages))
	}
	for i, p := range pages {
		src, err := os.ReadFile(fixtureSources[i])
		if err != nil {
			t.Fatal(err)
		}
		if p.Number != i+1 {
			t.Errorf("page %d: Number = %d", i+1, p.Number)
		}
		if r, hit, total := wordRecall(string(src), p.Text); r < 0.97 {
			t.Errorf("page %d: word recall %.3f (%d/%d), want ≥ 0.97\n%s", p.Number, r, hit, total, p.Text)
		}
		if p.Confidence < 80 || p.Confidence > 100 || p.Words < 50 {
			t.Errorf("page %d: confidence %.1f over %d words, want 80–100 over ≥ 50", p.Number, p.Confidence, p.Words)
		}
		if strings.Contains(p.Text, "\f") {
			t.Errorf("page %d: text holds a form feed, dpa's page separator", p.Number)
		}
	}
	if left, _ := os.ReadDir(e.TempDir); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	checkGolden(t, e, pages)
}

// checkGolden compares the text with the golden file, which starts with
// the tesseract version that wrote it; another version only logs.
func checkGolden(t *testing.T, e *Engine, pages []Page) {
	t.Helper()
	out, err := exec.Command(e.tesseract(), "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	version := strings.SplitN(string(out), "\n", 2)[0]
	var b strings.Builder
	fmt.Fprintf(&b, "# %s, -l %s --psm %d; go test ./corpus/ocr -update rewrites this file\n", version, e.lang(), e.psm())
	for _, p := range pages {
		fmt.Fprintf(&b, "-- page %d --\n%s\n", p.Number, p.Text)
	}
	if *update {
		if err := os.WriteFile(fixtureGolden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(fixtureGolden)
	if err != nil {
		t.Fatalf("%v (run go test ./corpus/ocr -update)", err)
	}
	if string(want) == b.String() {
		return
	}
	head := strings.SplitN(string(want), "\n", 2)[0]
	if !strings.Contains(head, version) {
		t.Logf("golden text written by another engine (%s); not compared", head)
		return
	}
	t.Errorf("OCR text differs from %s (go test ./corpus/ocr -update rewrites it):\ngot:\n%s\nwant:\n%s", fixtureGolden, b.String(), want)
}

// TestMissingEngine checks the error for each missing program. The other
// programs are fakes, so that the test says the same on a machine without
// poppler or tesseract as on one with them.
func TestMissingEngine(t *testing.T) {
	tests := []struct {
		name    string
		missing func(e *Engine)
		want    string
	}{
		{"no tesseract", func(e *Engine) { e.Tesseract = "/nonexistent/tesseract" }, "/nonexistent/tesseract not found"},
		{"no pdftoppm", func(e *Engine) { e.Pdftoppm = "/nonexistent/pdftoppm" }, "/nonexistent/pdftoppm not found"},
		{"no pdfinfo", func(e *Engine) { e.Pdfinfo = "/nonexistent/pdfinfo" }, "/nonexistent/pdfinfo not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &Engine{}
			fake(t, e, "")
			tc.missing(e)
			pages, err := e.Recognize(context.Background(), "scan.pdf", []int{1})
			if !errors.Is(err, ErrNotInstalled) {
				t.Fatalf("err = %v, want ErrNotInstalled", err)
			}
			if pages != nil {
				t.Errorf("pages = %v, want none", pages)
			}
			for _, s := range []string{"scanned pages found in scan.pdf", "install tesseract-ocr and tesseract-ocr-nld", tc.want} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestMissingLanguage(t *testing.T) {
	e := &Engine{Lang: "xyz"}
	fake(t, e, "")
	_, err := e.Recognize(context.Background(), "scan.pdf", []int{1})
	if !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), `no "xyz" language data`) || !strings.Contains(err.Error(), "tesseract-ocr-xyz") {
		t.Fatalf("err = %v, want ErrNotInstalled naming xyz", err)
	}
}

// fake points e at shell scripts standing in for the engines: pdfimages
// lists no image, pdfinfo says nothing, pdftoppm writes an empty page image, and tesseract lists
// nld and runs tesseractBody (with $1 the image and $2 the output base).
func fake(t *testing.T, e *Engine, tesseractBody string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("fake engines are shell scripts")
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	e.Pdfimages = write("pdfimages", "exit 0")
	e.Pdfinfo = write("pdfinfo", "exit 0")
	e.Pdftoppm = write("pdftoppm", `for last; do :; done; : > "$last.pgm"`)
	e.Tesseract = write("tesseract", `if [ "$1" = --list-langs ]; then printf 'List of available languages in "x" (2):\neng\nnld\n'; exit 0; fi
`+tesseractBody)
	e.TempDir = filepath.Join(dir, "tmp")
	if err := os.Mkdir(e.TempDir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestCancelRemovesTempDir cancels a run while its engines are working
// and checks that it returns promptly and leaves no temporary files.
func TestCancelRemovesTempDir(t *testing.T) {
	e := &Engine{Workers: 2}
	fake(t, e, `: > "$2.started"; exec sleep 30`)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type answer struct {
		pages []Page
		err   error
	}
	done := make(chan answer, 1)
	go func() {
		pages, err := e.Recognize(ctx, "scan.pdf", []int{1, 2, 3, 4})
		done <- answer{pages, err}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		started, _ := filepath.Glob(filepath.Join(e.TempDir, "dpa-ocr-*", "*.started"))
		if len(started) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("engines did not start (found %v)", started)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	var a answer
	select {
	case a = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("RecognizePages did not return after cancel")
	}
	if !errors.Is(a.err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", a.err)
	}
	for _, p := range a.pages {
		if p.Err == nil {
			t.Errorf("page %d has no error after cancel", p.Number)
		}
	}
	if left, _ := os.ReadDir(e.TempDir); len(left) != 0 {
		t.Errorf("temporary directory left behind after cancel: %v", left)
	}
}

// page2Hangs is a fake tesseract that hangs on page 2 and reads the
// other pages as one word, "Artikel", with confidence 90.
const page2Hangs = `case "$2" in *p2) exec sleep 30;; esac
printf 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t90\tArtikel\n' > "$2.tsv"`

// TestPageTimeout checks that a hanging engine is killed at PageTimeout
// and its page reported, while the other pages are read.
func TestPageTimeout(t *testing.T) {
	e := &Engine{Workers: 2, PageTimeout: 300 * time.Millisecond}
	fake(t, e, page2Hangs)
	start := time.Now()
	pages, err := e.Recognize(context.Background(), "scan.pdf", []int{1, 2, 3})
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s, want about the page timeout", took)
	}
	if err == nil || !strings.Contains(err.Error(), "scan.pdf: page 2: OCR took longer than 300ms") {
		t.Errorf("err = %v, want page 2 timed out", err)
	}
	want := []struct {
		text string
		fail bool
	}{{"Artikel", false}, {"", true}, {"Artikel", false}}
	for i, p := range pages {
		if p.Text != want[i].text || (p.Err != nil) != want[i].fail || (!want[i].fail && p.Confidence != 90) {
			t.Errorf("page %d = %+v, want text %q, failed %v", p.Number, p, want[i].text, want[i].fail)
		}
	}
	if left, _ := os.ReadDir(e.TempDir); len(left) != 0 {
		t.Errorf("temporary directory left behind: %v", left)
	}
}

// The Engine is what corpus.Open takes to read scanned pages.
var _ corpus.PageRecognizer = (*Engine)(nil)

// TestRecognizePages checks the corpus side: a failed page comes back
// empty without failing the others, and missing engines fail the call.
func TestRecognizePages(t *testing.T) {
	e := &Engine{Workers: 2, PageTimeout: 300 * time.Millisecond}
	fake(t, e, page2Hangs)
	pages, err := e.RecognizePages(context.Background(), "scan.pdf", []int{1, 2, 3})
	if err != nil {
		t.Fatalf("err = %v, want the timeout kept to page 2", err)
	}
	want := []corpus.PageText{{Text: "Artikel", OCR: true, Confidence: 90}, {}, {Text: "Artikel", OCR: true, Confidence: 90}}
	if fmt.Sprint(pages) != fmt.Sprint(want) {
		t.Errorf("pages = %+v, want %+v", pages, want)
	}

	// The file's deadline passes while page 2 hangs: pages 1 and 3 are kept.
	slow := &Engine{Workers: 2}
	fake(t, slow, page2Hangs)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	pages, err = slow.RecognizePages(ctx, "scan.pdf", []int{1, 2, 3})
	if err != nil || fmt.Sprint(pages) != fmt.Sprint(want) {
		t.Errorf("deadline while page 2 hangs: pages %+v, err %v; want %+v and no error", pages, err, want)
	}
	// Nothing read before the deadline: the call fails.
	pages, err = slow.RecognizePages(ctx, "scan.pdf", []int{2})
	if !errors.Is(err, context.DeadlineExceeded) || pages != nil {
		t.Errorf("deadline, nothing read: pages %v, err %v; want none and DeadlineExceeded", pages, err)
	}

	missing := &Engine{Tesseract: "/nonexistent/tesseract"}
	pages, err = missing.RecognizePages(context.Background(), "scan.pdf", []int{1})
	if !errors.Is(err, ErrNotInstalled) || pages != nil {
		t.Errorf("missing engine: pages %v, err %v; want none and ErrNotInstalled", pages, err)
	}
}
