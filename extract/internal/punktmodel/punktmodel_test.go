package punktmodel

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	punktlib "gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

var update = flag.Bool("update", false, "rewrite english.txt from the library's model")

// library returns the library's own decode of its English model.
func library(t testing.TB) *punktlib.Storage {
	b, err := data.Asset("data/english.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := punktlib.LoadTraining(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestEnglishMatchesLibrary holds English to the library's LoadTraining
// of its data/english.json, and english.txt to what format writes of it;
// with -update (go generate) it rewrites english.txt instead.
func TestEnglishMatchesLibrary(t *testing.T) {
	want := library(t)
	text, err := format(want)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("english.txt", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := English()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("English differs from the library's model: run go generate ./extract/internal/punktmodel")
	}
	if english != text {
		t.Error("english.txt is not as format writes the library's model: run go generate ./extract/internal/punktmodel")
	}
	if len(got.OrthoContext) < 1000 || len(got.AbbrevTypes) == 0 || len(got.SentStarters) == 0 || len(got.Collocations) == 0 {
		t.Errorf("%d, %d, %d, %d entries; want all four sets filled",
			len(got.OrthoContext), len(got.AbbrevTypes), len(got.SentStarters), len(got.Collocations))
	}
}

// TestParseErrors gives parse broken models.
func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"word\n",
		"\t#Other 1\n\t@1\nword\n",
		"\t#OrthoContext x\n",
		"\t#OrthoContext 1\n\t@x\nword\n",
	} {
		if _, err := parse(in); err == nil {
			t.Errorf("parse(%q): no error", in)
		}
	}
	s, err := parse("\t#AbbrevTypes 2\n\t@1\ndr\nmr\n\t#OrthoContext 1\n\t@34\nthe\n#x\n")
	if err != nil {
		t.Fatal(err)
	}
	want := &punktlib.Storage{AbbrevTypes: punktlib.SetString{"dr": 1, "mr": 1}, OrthoContext: punktlib.SetString{"the": 34, "#x": 34}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("parse = %+v, want %+v", s, want)
	}
}

// TestFormatRefuses checks that format will not write a word that would
// not read back.
func TestFormatRefuses(t *testing.T) {
	for _, w := range []string{"", "a\nb", "\t#x", "\t@1"} {
		s := &punktlib.Storage{OrthoContext: punktlib.SetString{w: 2}}
		if _, err := format(s); err == nil {
			t.Errorf("format wrote %q", w)
		}
	}
}

// BenchmarkEnglish is the cost of the model in a fresh process: the
// library's gunzip and JSON decode against English.
func BenchmarkEnglish(b *testing.B) {
	b.Run("library", func(b *testing.B) {
		for b.Loop() {
			library(b)
		}
	})
	b.Run("English", func(b *testing.B) {
		for b.Loop() {
			if _, err := English(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// format writes s as parse reads it, words sorted by value and then by
// text; it fails on a word that would not read back as itself.
func format(s *punktlib.Storage) (string, error) {
	var b strings.Builder
	for _, set := range []struct {
		name string
		m    punktlib.SetString
	}{
		{"AbbrevTypes", s.AbbrevTypes}, {"Collocations", s.Collocations},
		{"SentStarters", s.SentStarters}, {"OrthoContext", s.OrthoContext},
	} {
		fmt.Fprintf(&b, "\t#%s %d\n", set.name, len(set.m))
		byValue := map[int][]string{}
		var values []int
		for w, v := range set.m {
			if w == "" || strings.Contains(w, "\n") || w[0] == '\t' {
				return "", fmt.Errorf("%s: word %q cannot be written", set.name, w)
			}
			if byValue[v] == nil {
				values = append(values, v)
			}
			byValue[v] = append(byValue[v], w)
		}
		slices.Sort(values)
		for _, v := range values {
			fmt.Fprintf(&b, "\t@%d\n", v)
			words := byValue[v]
			slices.Sort(words)
			for _, w := range words {
				b.WriteString(w)
				b.WriteByte('\n')
			}
		}
	}
	return b.String(), nil
}
