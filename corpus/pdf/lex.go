package pdf

import (
	"strconv"
	"unsafe"
)

// Content streams and CMaps are tokenized here rather than by the library's
// Interpret, which allocates a Value per operand and loops forever on an
// unterminated hex string at the end of a stream.

// opKind is the kind of an operand.
type opKind uint8

const (
	kNull opKind = iota
	kNum
	kName
	kStr
	kArr
	kDict
	kOp // an operator (keyword)
)

// operand is one token or composite value of a content stream.
type operand struct {
	kind opKind
	op   opcode // the operator, for kind kOp
	num  float64
	str  string // name, string bytes or operator
	arr  []operand
}

// Bounds on composite operands in content streams.
const (
	maxNesting = 32      // array and dictionary nesting
	maxArray   = 1 << 16 // elements kept per array
	maxKept    = 1 << 16 // array elements kept between two operators
)

// lexer reads tokens from a byte slice. It never fails: malformed input
// yields some tokens and ends.
type lexer struct {
	b   []byte
	pos int
	buf []byte
	// kept counts the array elements kept since the caller last reset it
	// (at each operator): an operand array nested wide and deep would
	// otherwise hold a few words of memory per byte of content.
	kept int
	// slab, when not nil, is where string operands and names are copied
	// to: they share a few large allocations instead of one each (a
	// content stream that shows one glyph per string has a string per
	// glyph, and names a font or a graphics state per few). Bytes in a
	// slab are never overwritten, so such strings stay valid for as long
	// as they are held; a lexer whose strings are kept long (the object
	// parser's) leaves it nil, so that a short string does not keep a slab
	// alive.
	slab *slab
}

// slab hands out strings carved from large byte chunks.
type slab struct {
	chunk []byte
}

// slabChunk is the size of a slab's chunks.
const slabChunk = 8 << 10

// string returns a string with the bytes of b.
func (s *slab) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if cap(s.chunk)-len(s.chunk) < len(b) {
		if len(b) > slabChunk/4 {
			return string(b)
		}
		s.chunk = make([]byte, 0, slabChunk)
	}
	start := len(s.chunk)
	s.chunk = append(s.chunk, b...)
	return unsafe.String(&s.chunk[start], len(b))
}

// str returns the bytes of b as a string, from the slab if there is one.
func (l *lexer) str(b []byte) string {
	if l.slab != nil {
		return l.slab.string(b)
	}
	return string(b)
}

// The classes of bytes in PDF syntax, for byteClass.
const (
	regularByte = iota
	whiteByte
	delimByte
)

// byteClass is the class of each byte: isWhite, isDelim or isRegular as a
// table.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case isWhite(byte(c)):
			t[c] = whiteByte
		case isDelim(byte(c)):
			t[c] = delimByte
		}
	}
	return t
}()

func (l *lexer) skipSpace() {
	b, pos := l.b, l.pos
	for pos < len(b) {
		c := b[pos]
		if byteClass[c] == whiteByte {
			pos++
		} else if c == '%' {
			for pos < len(b) && b[pos] != '\n' && b[pos] != '\r' {
				pos++
			}
		} else {
			break
		}
	}
	l.pos = pos
}

// word returns the run of regular bytes at the lexer's position and moves past it.
func (l *lexer) word() []byte {
	b, start := l.b, l.pos
	pos := start
	for pos < len(b) && byteClass[b[pos]] == regularByte {
		pos++
	}
	l.pos = pos
	return b[start:pos]
}

// next returns the next operand or operator; ok is false at the end.
func (l *lexer) next(depth int) (op operand, ok bool) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return operand{}, false
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		return operand{kind: kName, str: l.name()}, true
	case c == '(':
		l.pos++
		return operand{kind: kStr, str: l.literal()}, true
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			l.skipComposite(">>", depth)
			return operand{kind: kDict}, true
		}
		l.pos++
		return operand{kind: kStr, str: l.hex()}, true
	case c == '[':
		l.pos++
		var arr []operand
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				break
			}
			if l.b[l.pos] == ']' {
				l.pos++
				break
			}
			if depth >= maxNesting {
				l.pos++
				continue
			}
			x, ok := l.next(depth + 1)
			if !ok {
				break
			}
			if x.kind == kOp {
				continue // garbage inside an array
			}
			if len(arr) < maxArray && l.kept < maxKept {
				arr = append(arr, x)
				l.kept++
			}
		}
		return operand{kind: kArr, arr: arr}, true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++
		return operand{kind: kOp, str: string(c)}, true
	}
	word := l.word()
	if n, isNum := parseNumber(word); isNum {
		return operand{kind: kNum, num: n}, true
	}
	code, str := keyword(word)
	return operand{kind: kOp, op: code, str: str}, true
}

// skipComposite skips to the matching close delimiter of a dictionary.
func (l *lexer) skipComposite(close string, depth int) {
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return
		}
		if l.pos+1 < len(l.b) && l.b[l.pos] == close[0] && l.b[l.pos+1] == close[1] {
			l.pos += 2
			return
		}
		if depth >= maxNesting {
			l.pos++
			continue
		}
		if _, ok := l.next(depth + 1); !ok {
			return
		}
	}
}

func (l *lexer) name() string {
	l.buf = l.buf[:0]
	for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
		c := l.b[l.pos]
		l.pos++
		if c == '#' && l.pos+1 < len(l.b) {
			if h, ok := unhex2(l.b[l.pos], l.b[l.pos+1]); ok {
				c = h
				l.pos += 2
			}
		}
		l.buf = append(l.buf, c)
	}
	return l.str(l.buf)
}

func (l *lexer) literal() string {
	l.buf = l.buf[:0]
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return l.str(l.buf)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return l.str(l.buf)
			}
			c = l.b[l.pos]
			l.pos++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					x := int(c - '0')
					for i := 0; i < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; i++ {
						x = x*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(x)
				}
			}
		}
		l.buf = append(l.buf, c)
	}
	return l.str(l.buf)
}

func (l *lexer) hex() string {
	b, pos := l.b, l.pos
	buf := l.buf[:0]
	// Pairs of digits, the common case, a pair at a time.
	for pos+1 < len(b) {
		hi, lo := hexValue[b[pos]], hexValue[b[pos+1]]
		if hi|lo >= 16 {
			break
		}
		buf = append(buf, hi<<4|lo)
		pos += 2
	}
	var hi byte
	half := false
	for pos < len(b) {
		c := b[pos]
		pos++
		v := hexValue[c]
		if v >= 16 {
			if c == '>' {
				break
			}
			continue
		}
		if half {
			buf = append(buf, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		buf = append(buf, hi<<4)
	}
	l.buf, l.pos = buf, pos
	return l.str(buf)
}

// hexValue is the value of each hex digit; 16 for other bytes.
var hexValue = func() (t [256]byte) {
	for c := range t {
		v, ok := unhex(byte(c))
		if !ok {
			v = 16
		}
		t[c] = v
	}
	return t
}()

// skipInlineImage skips the data of an inline image after its ID operator,
// up to and including EI.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	for l.pos+2 <= len(l.b) {
		if l.b[l.pos] == 'E' && l.b[l.pos+1] == 'I' &&
			(l.pos == 0 || isWhite(l.b[l.pos-1])) &&
			(l.pos+2 == len(l.b) || isWhite(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
	l.pos = len(l.b)
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func unhex2(a, b byte) (byte, bool) {
	x, ok1 := unhex(a)
	y, ok2 := unhex(b)
	return x<<4 | y, ok1 && ok2
}

// parseNumber parses a PDF number (integer or real, "+", "-", ".5", "5.").
func parseNumber(w []byte) (float64, bool) {
	if len(w) == 0 {
		return 0, false
	}
	// Fast path for plain decimals.
	i := 0
	neg := false
	if w[0] == '-' || w[0] == '+' {
		neg = w[0] == '-'
		i++
	}
	var ip, fp float64
	frac := 0 // digits after the dot
	digits := 0
	dot := false
	for ; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if dot {
				frac++
				fp += float64(c-'0') * fracScale(frac)
			} else {
				ip = ip*10 + float64(c-'0')
			}
		case c == '.' && !dot:
			dot = true
		default:
			if digits > 0 || dot {
				// e.g. "1e5" is not PDF syntax but some producers write it.
				if f, err := strconv.ParseFloat(string(w), 64); err == nil {
					return f, true
				}
			}
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	n := ip + fp
	if neg {
		n = -n
	}
	return n, true
}

// fracScales[k] is 1 divided by 10, k times over, as parseNumber computed
// it digit by digit: the same rounding, without a division per digit.
var fracScales = func() (t [24]float64) {
	scale := 1.0
	for k := range t {
		t[k] = scale
		scale /= 10
	}
	return t
}()

// fracScale is the scale of the k-th digit after the dot.
func fracScale(k int) float64 {
	if k < len(fracScales) {
		return fracScales[k]
	}
	scale := fracScales[len(fracScales)-1]
	for range k - len(fracScales) + 1 {
		scale /= 10
	}
	return scale
}

// opcode names the operators that text extraction acts on; every other
// operator is opOther.
type opcode uint8

const (
	opOther opcode = iota
	opq
	opQ
	opcm
	opBT
	opTf
	opTc
	opTw
	opTz
	opTL
	opTs
	opTd
	opTD
	opTm
	opTstar
	opTj
	opQuote
	opDQuote
	opTJ
	opDo
	opBI
)

// keyword returns the opcode of the operator w and its name, interned for
// the common operators so that tokenizing allocates no strings for them.
// It decides by length and bytes, which is cheaper than hashing the word
// (a content stream is mostly operators and numbers).
func keyword(w []byte) (opcode, string) {
	switch len(w) {
	case 1:
		switch w[0] {
		case 'q':
			return opq, "q"
		case 'Q':
			return opQ, "Q"
		case '\'':
			return opQuote, "'"
		case '"':
			return opDQuote, "\""
		}
	case 2:
		switch string(w) {
		case "cm":
			return opcm, "cm"
		case "BT":
			return opBT, "BT"
		case "ET":
			return opOther, "ET"
		case "Tf":
			return opTf, "Tf"
		case "Tc":
			return opTc, "Tc"
		case "Tw":
			return opTw, "Tw"
		case "Tz":
			return opTz, "Tz"
		case "TL":
			return opTL, "TL"
		case "Ts":
			return opTs, "Ts"
		case "Td":
			return opTd, "Td"
		case "TD":
			return opTD, "TD"
		case "Tm":
			return opTm, "Tm"
		case "T*":
			return opTstar, "T*"
		case "Tj":
			return opTj, "Tj"
		case "TJ":
			return opTJ, "TJ"
		case "Do":
			return opDo, "Do"
		case "BI":
			return opBI, "BI"
		case "re":
			return opOther, "re"
		case "rg":
			return opOther, "rg"
		case "RG":
			return opOther, "RG"
		case "gs":
			return opOther, "gs"
		}
	}
	return opOther, opString(w)
}

// common operators, interned so that tokenizing allocates no strings for them.
var opNames = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"BT", "ET", "Tf", "Td", "TD", "Tm", "T*", "TL", "Tc", "Tw", "Tz", "Ts", "Tr",
		"Tj", "TJ", "'", "\"", "q", "Q", "cm", "Do", "BI", "ID", "EI", "re", "f", "n", "W", "m", "l", "c",
		"h", "S", "s", "g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN", "gs", "BDC",
		"BMC", "EMC", "true", "false", "null", "w", "J", "j", "d", "i", "M", "B", "B*", "b", "b*", "f*",
		"W*", "v", "y", "sh", "ri", "MP", "DP", "BX", "EX", "d0", "d1",
		"begincodespacerange", "endcodespacerange", "beginbfchar", "endbfchar", "beginbfrange", "endbfrange",
		"def", "begin", "end", "dict", "findresource", "defineresource", "begincmap", "endcmap", "pop",
		"usecmap", "CMapName", "currentdict", "beginnotdefrange", "endnotdefrange",
		"begincidrange", "endcidrange", "begincidchar", "endcidchar"} {
		m[s] = s
	}
	return m
}()

func opString(w []byte) string {
	if s, ok := opNames[string(w)]; ok {
		return s
	}
	return string(w)
}
