package pdf

import (
	"bytes"
	"strconv"
)

// The checks that run before the library sees a file parse the objects they
// need themselves, with this small parser: names are unescaped ("/X#52ef" is
// /XRef), nesting is bounded, and nothing it reads can make it recurse
// without bound or allocate beyond the input.

// pdfName is a parsed name, without the slash and with #xx escapes undone.
type pdfName string

// pdfRef is an indirect reference "id gen R", numbered as the library
// numbers objects.
type pdfRef struct {
	id  uint32
	gen uint16
}

// pdfDict is a parsed dictionary. Values are nil, bool, int64, float64,
// pdfName, string, []any, pdfDict or pdfRef.
type pdfDict map[pdfName]any

// maxParseDepth bounds the nesting of arrays and dictionaries the parser
// follows (the library's own limit is 1000).
const maxParseDepth = 1000

// objParser reads PDF objects from a byte slice.
type objParser struct {
	l lexer
}

// value parses the object at the parser's position; ok is false when there
// is none (end of input, a delimiter, or nesting beyond maxParseDepth).
func (p *objParser) value(depth int) (v any, ok bool) {
	l := &p.l
	l.skipSpace()
	if l.pos >= len(l.b) || depth > maxParseDepth {
		return nil, false
	}
	switch c := l.b[l.pos]; {
	case c == '/':
		l.pos++
		return pdfName(l.name()), true
	case c == '(':
		l.pos++
		return l.literal(), true
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		return p.dict(depth)
	case c == '<':
		l.pos++
		return l.hex(), true
	case c == '[':
		l.pos++
		var arr []any
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				return arr, false
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return arr, true
			}
			x, ok := p.value(depth + 1)
			if !ok {
				return arr, false
			}
			arr = append(arr, x)
		}
	case isDelim(c):
		return nil, false
	}
	word := p.word()
	switch string(word) {
	case "true":
		return true, true
	case "false":
		return false, true
	case "null":
		return nil, true
	}
	n, isInt := parseInt(word)
	if !isInt {
		if f, isNum := parseNumber(word); isNum {
			return f, true
		}
		return nil, false // a keyword where an object belongs
	}
	// "id gen R" is a reference.
	save := l.pos
	if n >= 0 && n <= 1<<32-1 {
		l.skipSpace()
		if gen, ok := parseInt(p.word()); ok && gen >= 0 && gen <= 1<<16-1 {
			l.skipSpace()
			if w := p.word(); len(w) == 1 && w[0] == 'R' {
				return pdfRef{uint32(n), uint16(gen)}, true
			}
		}
	}
	l.pos = save
	return n, true
}

// dict parses a dictionary after its "<<".
func (p *objParser) dict(depth int) (any, bool) {
	l := &p.l
	d := pdfDict{}
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return d, false
		}
		if l.b[l.pos] == '>' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return d, true
		}
		if l.b[l.pos] != '/' {
			return d, false
		}
		l.pos++
		key := pdfName(l.name())
		v, ok := p.value(depth + 1)
		if !ok {
			return d, false
		}
		d[key] = v
	}
}

// word reads a run of regular characters.
func (p *objParser) word() []byte {
	l := &p.l
	start := l.pos
	for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
		l.pos++
	}
	return l.b[start:l.pos]
}

// parseInt parses an optionally signed decimal integer.
func parseInt(w []byte) (int64, bool) {
	if len(w) == 0 || len(w) > 19 {
		return 0, false
	}
	n, err := strconv.ParseInt(string(w), 10, 64)
	return n, err == nil
}

// indirectObject is an object definition "id gen obj … endobj" read at an
// offset of the file.
type indirectObject struct {
	ref   pdfRef
	value any
	// raw is the stream's undecoded data (its dictionary's /Length bytes
	// after the "stream" keyword, as the library reads them while it
	// reads the cross-reference data); nil when the object is no stream.
	raw []byte
	// parsed is the number of bytes parsed, stream data aside.
	parsed int
}

// objectAt parses the object definition that starts at off, as the library
// does when its cross-reference data points there. It reads at most limit
// bytes.
func objectAt(data []byte, off int64, limit int) (indirectObject, bool) {
	if off < 0 || off >= int64(len(data)) {
		return indirectObject{}, false
	}
	end := min(len(data), int(off)+limit)
	p := objParser{l: lexer{b: data[:end], pos: int(off)}}
	p.l.skipSpace()
	id, ok1 := parseInt(p.word())
	p.l.skipSpace()
	gen, ok2 := parseInt(p.word())
	p.l.skipSpace()
	if !ok1 || !ok2 || id < 0 || id > 1<<32-1 || gen < 0 || gen > 1<<16-1 || string(p.word()) != "obj" {
		return indirectObject{}, false
	}
	obj := indirectObject{ref: pdfRef{uint32(id), uint16(gen)}}
	v, ok := p.value(0)
	obj.parsed = p.l.pos - int(off)
	if !ok {
		return obj, false
	}
	obj.value = v
	d, isDict := v.(pdfDict)
	if !isDict {
		return obj, true
	}
	p.l.skipSpace()
	if string(p.word()) != "stream" {
		return obj, true
	}
	start := p.l.pos
	obj.parsed = start - int(off)
	switch {
	case bytes.HasPrefix(data[start:], []byte("\r\n")):
		start += 2
	case start < len(data) && (data[start] == '\n' || data[start] == '\r'):
		start++
	}
	n, _ := d["Length"].(int64)
	obj.raw = data[start:min(int64(len(data)), int64(start)+max(n, 0))]
	return obj, true
}

// refsIn appends every reference inside v (at any depth) to refs.
func refsIn(v any, refs []pdfRef) []pdfRef {
	switch x := v.(type) {
	case pdfRef:
		refs = append(refs, x)
	case []any:
		for _, e := range x {
			refs = refsIn(e, refs)
		}
	case pdfDict:
		for _, e := range x {
			refs = refsIn(e, refs)
		}
	}
	return refs
}
