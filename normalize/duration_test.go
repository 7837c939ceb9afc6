package normalize

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/normalize/normtest"
)

func TestFindDurations(t *testing.T) {
	tests := []struct {
		in, text, iso string
		unit          Unit
	}{
		{"binnen vier weken na beëindiging", "vier weken", "P4W", Week},
		{"minimaal 13 maanden bewaard", "13 maanden", "P13M", Month},
		{"maximaal anderhalf jaar", "anderhalf jaar", "P18M", Year},
		{"Maximaal 1,5 jaar na het laatste actief gebruik", "1,5 jaar", "P18M", Year},
		{"een half jaar na afloop", "een half jaar", "P6M", Year},
		{"Maximaal twee schooljaren.", "twee schooljaren", "P2Y", Year},
		{"tot 12 maanden na het aflopen", "12 maanden", "P12M", Month},
		{"uiterlijk twee weken nadat", "twee weken", "P2W", Week},
		{"in beginsel binnen 24 uur", "24 uur", "PT24H", Hour},
		{"binnen achtenveertig uur", "achtenveertig uur", "PT48H", Hour},
		{"binnen twee werkdagen", "twee werkdagen", "P2D", WorkingDay},
		{"30 dagen", "30 dagen", "P30D", Day},
		{"één maand", "één maand", "P1M", Month},
		{"anderhalve week", "anderhalve week", "P1.5W", Week},
		{"een halve week", "een halve week", "P0.5W", Week},
		{"within three months", "three months", "P3M", Month},
		{"twee en een half jaar", "twee en een half jaar", "P30M", Year},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := FindDurations(tc.in)
			if len(got) != 1 {
				t.Fatalf("FindDurations(%q) = %+v, want one match", tc.in, got)
			}
			m := got[0]
			if m.Text != tc.text || tc.in[m.Start:m.End] != tc.text || m.Duration.String() != tc.iso || m.Unit != tc.unit {
				t.Errorf("FindDurations(%q) = %q %s unit %d, want %q %s unit %d", tc.in, m.Text, m.Duration, m.Unit, tc.text, tc.iso, tc.unit)
			}
		})
	}
}

func TestFindDurationsNone(t *testing.T) {
	for _, in := range []string{
		"worden na XXX maanden gewist",
		"de tweede week",
		"12 maandelijkse rapportages",
		"per jaar",
		"24/7 bereikbaar",
	} {
		if got := FindDurations(in); len(got) != 0 {
			t.Errorf("FindDurations(%q) = %+v, want none", in, got)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		days float64
		ok   bool
	}{
		{"P4W", 28, true},
		{"P1M", 30.44, true},
		{"P13M", 13 * 30.44, true},
		{"P18M", 18 * 30.44, true},
		{"P2Y", 730.5, true},
		{"P1,5Y", 547.875, true},
		{"p1y6m", 365.25 + 6*30.44, true},
		{"PT48H", 2, true},
		{"P10.5D", 10.5, true},
		{"P", 0, false},
		{"PT", 0, false},
		{"4 weken", 0, false},
		{"", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := DurationDays(tc.in)
			if (err == nil) != tc.ok || math.Abs(got-tc.days) > 1e-9 {
				t.Errorf("DurationDays(%q) = %v, %v; want %v, ok=%v", tc.in, got, err, tc.days, tc.ok)
			}
		})
	}
}

func TestDurationRoundTrip(t *testing.T) {
	for _, d := range []Duration{{Weeks: 4}, {Months: 13}, {Years: 2}, {Years: 1, Months: 6}, {Hours: 72}, {Days: 10.5}, {}} {
		got, err := ParseDuration(d.String())
		if err != nil || got != d {
			t.Errorf("ParseDuration(%q) = %+v, %v; want %+v", d.String(), got, err, d)
		}
	}
}

func TestDutchDuration(t *testing.T) {
	tests := []struct{ iso, want string }{
		{"P18M", "18 maanden"},
		{"P1Y", "1 jaar"},
		{"P1Y6M", "1 jaar en 6 maanden"},
		{"P1M", "1 maand"},
		{"P2W", "2 weken"},
		{"P1D", "1 dag"},
		{"PT48H", "48 uur"},
		{"P1,5Y", "1,5 jaar"},
		{"P1Y2M3D", "1 jaar, 2 maanden en 3 dagen"},
		{"onzin", "onzin"},
	}
	for _, tc := range tests {
		if got := DutchDuration(tc.iso); got != tc.want {
			t.Errorf("DutchDuration(%q) = %q, want %q", tc.iso, got, tc.want)
		}
	}
}

func TestParseDutchDuration(t *testing.T) {
	tests := []struct {
		in   string
		want string // ISO, "" for an error
	}{
		{"1 jaar", "P1Y"},
		{"18 maanden", "P18M"},
		{"twee weken", "P2W"},
		{"P1Y", "P1Y"},
		{"3 months", "P3M"},
		{"1 jaar na einde", ""},
		{"lang", ""},
	}
	for _, tc := range tests {
		d, err := ParseDutchDuration(tc.in)
		got := ""
		if err == nil {
			got = d.String()
		}
		if got != tc.want {
			t.Errorf("ParseDutchDuration(%q) = %q (%v), want %q", tc.in, got, err, tc.want)
		}
	}
}

// TestNumberBeforeUnit checks that the test FindDurations makes before its
// pattern passes every text the pattern matches: every number written
// before every unit, in any case, with the white space and hyphens the
// pattern allows, and the agreements under testdata line by line.
func TestNumberBeforeUnit(t *testing.T) {
	var texts []string
	var numbers []string
	for w := range numberWords {
		numbers = append(numbers, w)
	}
	numbers = append(numbers, "0", "12", "1,5", "3.9", "2019", "vierentwintig", "tweeënzeventig", "twenty-one", "drie en een half")
	for u := range durationUnits {
		for _, n := range numbers {
			for _, sep := range []string{" ", "", "-", " - ", "\u00a0", "\n\t "} {
				p := n + sep + u
				texts = append(texts, p, "binnen "+strings.ToUpper(p)+".", "("+strings.ToUpper(p[:1])+p[1:]+")")
			}
		}
	}
	texts = append(texts, "De duur van de dagelijkse taken", "een kalenderdagen", "ÉÉN DAG", "zes wee\u212a", "vandaag en morgen")
	files, _ := filepath.Glob("../testdata/agreements/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	matched := 0
	for _, s := range texts {
		if durationRe.MatchString(s) {
			matched++
			if !numberBeforeUnit(s) {
				t.Errorf("%q: the pattern matches, numberBeforeUnit says no", s)
			}
		}
	}
	if matched < len(numbers) {
		t.Fatalf("only %d texts matched: the test makes too few periods", matched)
	}
	for _, s := range []string{"De duur van de dagelijkse taken", "vandaag", "per dag"} {
		if numberBeforeUnit(s) {
			t.Errorf("%q: numberBeforeUnit says yes to a text without a number before a unit", s)
		}
	}
}

// findDurationsWhole is FindDurations as it was before it searched only
// the stretches around unit words: durationRe over the whole text.
func findDurationsWhole(s string) []DurationMatch {
	if !numberBeforeUnit(s) {
		return nil
	}
	return durationsIn(s, 0, len(s), nil)
}

// TestFindDurationsStretches checks that FindDurations, which runs the
// pattern only from cut to cut around unit words, finds exactly what the
// pattern finds over the whole text: on every line and every paragraph of
// the texts under testdata, and on made-up periods glued to punctuation,
// digits with points and commas, hyphens, NBSP, the Kelvin sign, long s
// and dotted capital I.
func TestFindDurationsStretches(t *testing.T) {
	texts := normtest.Texts(t, "../testdata/*/*.txt", "../testdata/*/*.md", "../testdata/*/*/*.txt", "../testdata/*/*.html")
	numbers := []string{"12", "1,5", "3.9", "1.", ",5", "twee", "Eén", "anderhalve", "vierentwintig", "twenty-one", "drie en een half", "een\u00a0half", "TWEE", "one and a half en een half", "twenty one en een half", "x12", "één12", "1.2.3", ".5", "1,,5", "12-"}
	units := []string{"dagen", "weken", "maand", "calendar  days", "JAAR", "wee\u212a", "maanden", "\u017fchooljaar", "dagen.", "dagenlang", "uur,"}
	glue := []string{" ", "", "-", " - ", "\u00a0", "\n", ".", ",", "(", ":", "İ", "x"}
	for _, n := range numbers {
		for _, u := range units {
			for _, g := range glue {
				for _, pre := range []string{"", "(", "a", "3,", "İ", "5 dagen, "} {
					texts = append(texts, pre+n+g+u, pre+n+g+u+"; of "+n+" "+u+", "+g+"6 weken")
				}
			}
		}
	}
	found := 0
	for _, s := range texts {
		got, want := FindDurations(s), findDurationsWhole(s)
		found += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("FindDurations(%q) = %+v, the pattern over the whole text finds %+v", s, got, want)
		}
	}
	if found < 1000 {
		t.Fatalf("only %d periods found: the test makes too few", found)
	}
}
