package extract

// The Punkt model (neurosnap's english.json, 400 KB) is decoded by the
// library with encoding/json, by reflection, entry by entry: in a fresh
// dpa process that decode was about a seventh of the CPU time of
// extracting a small agreement. Its shape is fixed and plain: an object of
// four objects, each mapping words to integers. punktTraining reads that
// shape directly into presized maps, taking the words as substrings of one
// copy of the data, and leaves anything else (an escape in a word, another
// field, a number that is not a plain integer) to the library's
// LoadTraining, so its result is always LoadTraining's
// (TestPunktTrainingMatchesLibrary holds it to that).

import (
	"strings"
	"unicode/utf8"

	punktlib "gopkg.in/neurosnap/sentences.v1"
)

// punktTraining returns LoadTraining(b).
func punktTraining(b []byte) (*punktlib.Storage, error) {
	if s, ok := decodePunktTraining(string(b)); ok {
		return s, nil
	}
	return punktlib.LoadTraining(b)
}

// decodePunktTraining decodes the Storage in data when it has the plain
// shape (see above); ok is false when it does not.
func decodePunktTraining(data string) (s *punktlib.Storage, ok bool) {
	p := punktParser{s: data}
	s = &punktlib.Storage{}
	if !p.byte('{') {
		return nil, false
	}
	if p.byte('}') {
		return s, p.end()
	}
	for {
		name, ok := p.word()
		if !ok || !p.byte(':') {
			return nil, false
		}
		var field *punktlib.SetString
		switch name {
		case "AbbrevTypes":
			field = &s.AbbrevTypes
		case "Collocations":
			field = &s.Collocations
		case "SentStarters":
			field = &s.SentStarters
		case "OrthoContext":
			field = &s.OrthoContext
		default:
			return nil, false
		}
		if *field != nil { // a repeated field: json merges, leave it to json
			return nil, false
		}
		m, ok := p.set()
		if !ok {
			return nil, false
		}
		*field = m
		if p.byte(',') {
			continue
		}
		if !p.byte('}') {
			return nil, false
		}
		return s, p.end()
	}
}

// punktParser reads the plain JSON of a Punkt model.
type punktParser struct {
	s string
	i int
}

// space skips JSON white space.
func (p *punktParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// byte skips white space and then c, reporting whether c was there.
func (p *punktParser) byte(c byte) bool {
	p.space()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// end reports whether only white space is left.
func (p *punktParser) end() bool {
	p.space()
	return p.i == len(p.s)
}

// word reads a JSON string without escapes or control characters, in
// valid UTF-8.
func (p *punktParser) word() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	n := strings.IndexByte(p.s[p.i:], '"')
	if n < 0 {
		return "", false
	}
	w := p.s[p.i : p.i+n]
	ascii := true
	for k := 0; k < len(w); k++ {
		switch c := w[k]; {
		case c == '\\' || c < 0x20:
			return "", false // escapes, control characters: json's to read
		case c >= 0x80:
			ascii = false
		}
	}
	if !ascii && !utf8.ValidString(w) {
		return "", false // json replaces bad UTF-8
	}
	p.i += n + 1
	return w, true
}

// number reads a JSON integer that fits an int without doubt (at most
// 18 digits, no fraction or exponent).
func (p *punktParser) number() (int, bool) {
	p.space()
	neg := p.i < len(p.s) && p.s[p.i] == '-'
	if neg {
		p.i++
	}
	start := p.i
	v := 0
	for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
	}
	n := p.i - start
	if n == 0 || n > 18 || n > 1 && p.s[start] == '0' {
		return 0, false
	}
	if p.i < len(p.s) && (p.s[p.i] == '.' || p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// set reads an object of words to integers (or null) into a map sized
// for it.
func (p *punktParser) set() (punktlib.SetString, bool) {
	p.space()
	if strings.HasPrefix(p.s[p.i:], "null") {
		p.i += len("null")
		return nil, false // json leaves the field nil; rare enough to leave to it
	}
	if !p.byte('{') {
		return nil, false
	}
	m := make(punktlib.SetString, p.entries())
	if p.byte('}') {
		return m, true
	}
	for {
		k, ok := p.word()
		if !ok || !p.byte(':') {
			return nil, false
		}
		v, ok := p.number()
		if !ok {
			return nil, false
		}
		m[k] = v // a repeated word: the last value, as json
		if p.byte(',') {
			continue
		}
		if !p.byte('}') {
			return nil, false
		}
		return m, true
	}
}

// entries estimates the number of entries of the object that starts at
// p.i: the colons before its closing brace (exact when no word holds a
// colon or a brace; a hint for the map's size only).
func (p *punktParser) entries() int {
	rest := p.s[p.i:]
	if end := strings.IndexByte(rest, '}'); end >= 0 {
		rest = rest[:end]
	}
	return strings.Count(rest, ":")
}
