// Package punktmodel holds the English Punkt model of
// gopkg.in/neurosnap/sentences.v1 (the one prose/v2 uses) in a form a
// fresh process loads cheaply. The library ships the model as 400 KB of
// gzipped JSON; gunzipping and decoding it cost a dpa process about a
// tenth of the CPU time of extracting a small agreement. english.txt is
// the same model written out as plain lines, one word each, grouped by
// value: loading it is building the maps, with the words taken as
// substrings of the embedded text. It is made from the library's own
// data by go generate, and TestEnglishMatchesLibrary holds it to the
// library's decode.
package punktmodel

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	punktlib "gopkg.in/neurosnap/sentences.v1"
)

//go:generate go test -run ^TestEnglishMatchesLibrary$ -update

//go:embed english.txt
var english string

// English returns a new Storage holding the English model, equal to
// punktlib.LoadTraining of the library's data/english.json.
func English() (*punktlib.Storage, error) {
	return parse(english)
}

// parse reads a model written by format: a line "\t#Name count" opens
// each of the four sets, "\t@value" sets the value of the words that
// follow, and every other line is a word (no word starts with a tab).
func parse(text string) (*punktlib.Storage, error) {
	s := &punktlib.Storage{}
	var set punktlib.SetString
	value := 0
	for line := 1; text != ""; line++ {
		l, rest, _ := strings.Cut(text, "\n")
		text = rest
		switch {
		case strings.HasPrefix(l, "\t#"):
			name, count, _ := strings.Cut(l[2:], " ")
			n, err := strconv.Atoi(count)
			if err != nil {
				return nil, fmt.Errorf("punkt model line %d: bad count %q", line, count)
			}
			set = make(punktlib.SetString, n)
			switch name {
			case "AbbrevTypes":
				s.AbbrevTypes = set
			case "Collocations":
				s.Collocations = set
			case "SentStarters":
				s.SentStarters = set
			case "OrthoContext":
				s.OrthoContext = set
			default:
				return nil, fmt.Errorf("punkt model line %d: unknown set %q", line, name)
			}
		case strings.HasPrefix(l, "\t@"):
			v, err := strconv.Atoi(l[2:])
			if err != nil {
				return nil, fmt.Errorf("punkt model line %d: bad value %q", line, l)
			}
			value = v
		case set == nil:
			return nil, fmt.Errorf("punkt model line %d: a word before a set", line)
		default:
			set[l] = value
		}
	}
	return s, nil
}
