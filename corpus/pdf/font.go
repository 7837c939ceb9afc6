package pdf

import (
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	lib "github.com/ledongthuc/pdf"
)

// Limits on what one font may make us build.
const (
	maxCmapEntries  = 1 << 18 // expanded code → text entries per font
	maxWidthEntries = 1 << 17 // width ranges per font
)

// font is what text extraction needs of a PDF font: how to split a string
// into codes, and each code's text and advance width. It is read-only once
// built and shared between pages (and goroutines).
type font struct {
	codeLen   int            // default code length in bytes (1 simple fonts, 2 CID fonts)
	space     [4][]codeRange // codespace ranges by length-1, from the CMap
	text      map[uint32]string
	bigRanges []bfRange // bfrange entries too large to expand
	simple    [256]string
	isSimple  bool
	widths    [256]float64 // simple fonts, in text space units (already scaled)
	wranges   []widthRange // CID fonts, sorted by lo
	dw        float64      // default width, in text space units
	bold      bool         // BaseFont names a bold weight
	// dense holds what text and bigRanges give for the codes below
	// len(dense), and denseW what wranges and dw give, as tables a CID font's
	// glyphs are looked up in without hashing or searching (see densify).
	dense  []denseText
	denseW []float64
	// two is set when every code is two bytes long: no one-byte codespace
	// range, and a two-byte range covering all (or no codespace at all).
	two bool
}

// denseText is a code's entry of font.dense: its text, if ok.
type denseText struct {
	text string
	ok   bool // text is the code's; otherwise look it up in bigRanges
}

// Bounds on a font's dense tables: codes up to maxDense, and no more than
// denseSlack entries per code with text (a sparse font keeps its map).
const (
	maxDense   = 1 << 14
	denseSlack = 8
)

type codeRange struct{ lo, hi uint32 }

type bfRange struct {
	lo, hi uint32
	dst    []uint16
}

type widthRange struct {
	lo, hi uint32
	w      float64
}

// fontCache shares fonts between pages; keys are object references.
type fontCache struct {
	mu sync.Mutex
	m  map[string]*font
}

func (c *fontCache) get(ref string) *font {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[ref]
}

func (c *fontCache) put(ref string, f *font) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*font{}
	}
	c.m[ref] = f
}

// fallbackFont is used when a Tf names no font: Latin-1 bytes, width 500.
var fallbackFont = func() *font {
	f := &font{codeLen: 1, isSimple: true, dw: 0.5}
	for i := range f.simple {
		f.simple[i] = string(rune(i))
		f.widths[i] = 0.5
	}
	return f
}()

// next splits the first code off s and returns it, its length and its text.
func (f *font) next(s string) (code uint32, n int, text string) {
	n = f.codeLen
	if f.isSimple || len(s) < 2 {
		n = 1
	} else if f.two {
		n = 2
	} else {
	lengths:
		for k := 1; k <= 4 && k <= len(s); k++ {
			if len(f.space[k-1]) == 0 {
				continue
			}
			c := codeOf(s[:k])
			for _, r := range f.space[k-1] {
				if r.lo <= c && c <= r.hi {
					n = k
					break lengths
				}
			}
		}
		if n > len(s) {
			n = len(s)
		}
	}
	code = codeOf(s[:n])
	if f.isSimple {
		return code, n, f.simple[code&0xff]
	}
	if code < uint32(len(f.dense)) {
		if d := &f.dense[code]; d.ok {
			return code, n, d.text
		}
	} else if t, ok := f.text[code]; ok {
		return code, n, t
	}
	for _, r := range f.bigRanges {
		if r.lo <= code && code <= r.hi {
			return code, n, rangeText(r.dst, code-r.lo)
		}
	}
	return code, n, "\uFFFD"
}

// width returns the advance width of code in text space units (per unit font size).
func (f *font) width(code uint32) float64 {
	if f.isSimple {
		return f.widths[code&0xff]
	}
	if code < uint32(len(f.denseW)) {
		return f.denseW[code]
	}
	// sort.Search for the first range with hi >= code, written out.
	i, j := 0, len(f.wranges)
	for i < j {
		h := int(uint(i+j) >> 1)
		if f.wranges[h].hi < code {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(f.wranges) && f.wranges[i].lo <= code {
		return f.wranges[i].w
	}
	return f.dw
}

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s); i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

// rangeText is the text of the code at offset off in a bfrange whose first
// destination is dst: the last UTF-16 unit is incremented by off.
func rangeText(dst []uint16, off uint32) string {
	if len(dst) == 0 {
		return "\uFFFD"
	}
	u := make([]uint16, len(dst))
	copy(u, dst)
	u[len(u)-1] += uint16(off)
	return expandLigature(string(utf16.Decode(u)))
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

// loadFont builds the font for the font dictionary fv.
func (d *doc) loadFont(l *lease, fv lib.Value) *font {
	subtype := fv.Key("Subtype").Name()
	f := &font{text: map[uint32]string{}, bold: boldName(fv.Key("BaseFont").Name())}
	var cm *cmap
	if tu := fv.Key("ToUnicode"); tu.Kind() == lib.Stream {
		s := d.readStream(l, tu)
		cm = parseCmap(s.data)
		s.free(l)
	}
	if subtype == "Type0" {
		f.codeLen = 2
		enc := fv.Key("Encoding")
		if enc.Kind() == lib.Stream {
			s := d.readStream(l, enc)
			if ecm := parseCmap(s.data); ecm != nil {
				f.space = ecm.space
			}
			s.free(l)
		}
		if cm != nil && !hasSpace(f.space) {
			f.space = cm.space
		}
		desc := fv.Key("DescendantFonts").Index(0)
		f.dw = 1
		if dw := desc.Key("DW"); dw.Kind() == lib.Integer || dw.Kind() == lib.Real {
			f.dw = dw.Float64() / 1000
		}
		f.wranges = cidWidths(desc.Key("W"))
		if cm != nil {
			f.text = cm.text
			f.bigRanges = cm.big
		}
		f.densify()
		return f
	}

	// A simple font: one byte per code.
	f.isSimple = true
	f.codeLen = 1
	scale := 0.001
	if subtype == "Type3" {
		if m := fv.Key("FontMatrix"); m.Len() >= 1 && m.Index(0).Float64() != 0 {
			scale = m.Index(0).Float64()
		}
	}
	// Character text: the encoding, overridden by ToUnicode entries.
	// The library's encoders are used only where they cannot reach its CMap
	// parser (Identity encodings with a ToUnicode stream) and are cheap.
	enc := fv.Key("Encoding")
	hasToUnicode := fv.Key("ToUnicode").Kind() == lib.Stream
	useLib := true
	switch enc.Kind() {
	case lib.Null:
		useLib = !hasToUnicode
	case lib.Name:
		useLib = !hasToUnicode || enc.Name() != "Identity-H" && enc.Name() != "Identity-V"
	case lib.Dict:
		useLib = enc.Key("Differences").Len() <= 1024
	default:
		useLib = false
	}
	if useLib {
		lf := lib.Font{V: fv}
		te := lf.Encoder()
		for i := range f.simple {
			f.simple[i] = expandLigature(te.Decode(string([]byte{byte(i)})))
		}
	} else {
		for i := range f.simple {
			f.simple[i] = "\uFFFD"
		}
	}
	if cm != nil {
		for code, t := range cm.text {
			if code < 256 {
				f.simple[code] = t
			}
		}
		for _, r := range cm.big {
			for c := r.lo; c <= r.hi && c < 256; c++ {
				f.simple[c] = rangeText(r.dst, c-r.lo)
			}
		}
	}
	// Widths; fonts without them (the standard 14) get a typical width.
	ws := fv.Key("Widths")
	missing := 0.0
	if ws.Kind() == lib.Array {
		missing = fv.Key("FontDescriptor").Key("MissingWidth").Float64() * scale
		first := int(fv.Key("FirstChar").Int64())
		for i := range f.widths {
			f.widths[i] = missing
		}
		n := ws.Len()
		for i := 0; i < n && first+i < 256; i++ {
			if first+i >= 0 {
				f.widths[first+i] = ws.Index(i).Float64() * scale
			}
		}
	} else {
		for i := range f.widths {
			f.widths[i] = 0.5
		}
		f.widths[' '] = 0.25
	}
	return f
}

// densify notes whether every code of a CID font is two bytes long, and
// builds its dense tables from its text map and its width ranges, for the codes below the largest one they name (when that is
// below maxDense and the map is not sparse). Each entry is what the map
// lookup, or the width search, gives for its code, so that next and width
// answer the same with or without them.
func (f *font) densify() {
	if f.codeLen == 2 && len(f.space[0]) == 0 {
		f.two = !hasSpace(f.space)
		for _, r := range f.space[1] {
			f.two = f.two || r.lo == 0 && r.hi == 0xffff
		}
	}
	top := uint32(0)
	for c := range f.text {
		top = max(top, c+1)
	}
	if top > 0 && top <= maxDense && int(top) <= denseSlack*len(f.text)+256 {
		f.dense = make([]denseText, top)
		for c, t := range f.text {
			f.dense[c] = denseText{text: t, ok: true}
		}
	}
	top = 0
	for _, r := range f.wranges {
		top = max(top, min(r.hi, maxDense)+1)
	}
	if top > 0 && top <= maxDense && int(top) <= denseSlack*len(f.wranges)+256 {
		ws := make([]float64, top)
		for c := range ws {
			ws[c] = f.width(uint32(c))
		}
		f.denseW = ws
	}
}

func hasSpace(s [4][]codeRange) bool {
	return len(s[0])+len(s[1])+len(s[2])+len(s[3]) > 0
}

// cidWidths reads a CIDFont /W array: "c [w1 w2 …]" and "c1 c2 w" entries.
func cidWidths(w lib.Value) []widthRange {
	var out []widthRange
	n := w.Len()
	for i := 0; i < n && len(out) < maxWidthEntries; {
		first := w.Index(i)
		if first.Kind() != lib.Integer || i+1 >= n {
			break
		}
		c := uint32(first.Int64())
		second := w.Index(i + 1)
		if second.Kind() == lib.Array {
			m := second.Len()
			for j := 0; j < m && len(out) < maxWidthEntries; j++ {
				out = append(out, widthRange{c + uint32(j), c + uint32(j), second.Index(j).Float64() / 1000})
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		hi := uint32(second.Int64())
		if hi >= c {
			out = append(out, widthRange{c, hi, w.Index(i+2).Float64() / 1000})
		}
		i += 3
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	return out
}

// cmap is a parsed ToUnicode (or encoding) CMap.
type cmap struct {
	space [4][]codeRange
	text  map[uint32]string
	big   []bfRange
}

// parseCmap reads the codespace ranges and bfchar/bfrange mappings of a CMap.
// It returns nil for data with no usable content.
func parseCmap(data []byte) *cmap {
	if len(data) == 0 {
		return nil
	}
	m := &cmap{text: map[uint32]string{}}
	l := lexer{b: data, slab: &slab{}} // strings are decoded, not kept
	var args []operand
	entries := 0
	for {
		tok, ok := l.next(0)
		if !ok {
			break
		}
		if tok.kind != kOp {
			if len(args) < 3*10000 {
				args = append(args, tok)
			}
			continue
		}
		switch tok.str {
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i], args[i+1]
				if lo.kind != kStr || hi.kind != kStr || len(lo.str) == 0 || len(lo.str) > 4 || len(lo.str) != len(hi.str) {
					continue
				}
				m.space[len(lo.str)-1] = append(m.space[len(lo.str)-1], codeRange{codeOf(lo.str), codeOf(hi.str)})
			}
		case "endbfchar":
			for i := 0; i+1 < len(args); i += 2 {
				src, dst := args[i], args[i+1]
				if src.kind != kStr || len(src.str) == 0 || len(src.str) > 4 || entries >= maxCmapEntries {
					continue
				}
				var t string
				switch dst.kind {
				case kStr:
					t = decodeUTF16(dst.str)
				case kName:
					t = strings.Clone(dst.str) // kept: not in the slab
				default:
					continue
				}
				m.text[codeOf(src.str)] = t
				entries++
			}
		case "endbfrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, hi, dst := args[i], args[i+1], args[i+2]
				if lo.kind != kStr || hi.kind != kStr || len(lo.str) == 0 || len(lo.str) > 4 {
					continue
				}
				a, b := codeOf(lo.str), codeOf(hi.str)
				if b < a {
					continue
				}
				switch dst.kind {
				case kStr:
					u := utf16Units(dst.str)
					if b-a > 0xffff || entries+int(b-a) >= maxCmapEntries {
						m.big = append(m.big, bfRange{a, b, u})
						continue
					}
					for c := a; ; c++ {
						m.text[c] = rangeText(u, c-a)
						entries++
						if c == b {
							break
						}
					}
				case kArr:
					for j, x := range dst.arr {
						if x.kind == kStr && uint64(a)+uint64(j) <= uint64(b) && entries < maxCmapEntries {
							m.text[a+uint32(j)] = decodeUTF16(x.str)
							entries++
						}
					}
				}
			}
		}
		args = args[:0]
	}
	if len(m.text) == 0 && len(m.big) == 0 && !hasSpace(m.space) {
		return nil
	}
	return m
}

// decodeUTF16 decodes big-endian UTF-16 (a ToUnicode destination).
func decodeUTF16(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	r := utf16.Decode(utf16Units(s))
	var b []byte
	for _, c := range r {
		b = utf8.AppendRune(b, c)
	}
	return expandLigature(string(b))
}

// ligatures are the Latin typographic ligatures, written out as the letters
// they join so that words are found whatever font drew them.
var ligatures = map[string]string{
	"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi",
	"ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
}

func expandLigature(s string) string {
	if t, ok := ligatures[s]; ok {
		return t
	}
	return s
}

// readStream returns the decoded data of the stream v, at most
// lim.MaxStreamBytes (a longer stream fails the file with ErrTooLarge). Its
// bytes are taken from the lease l as they are decoded: give them back, and
// the buffer they lie in, with free when done. A decoding error keeps what
// was decoded before it.
//
// A stream compressed with Flate alone is inflated straight from the file's
// bytes by a reused decompressor (see rawFlate); when that meets anything
// but a clean end, the stream is read again through the library, so that
// damaged streams read exactly as they always did.
func (d *doc) readStream(l *lease, v lib.Value) decoded {
	if raw, ok := d.rawFlate(v); ok {
		zr := inflaters.Get().(*inflater)
		s, err := zr.decode(d, l, raw)
		inflaters.Put(zr)
		if err == io.EOF {
			return s
		}
		s.free(l)
	}
	rd := v.Reader()
	defer rd.Close()
	s, _ := d.decodeAll(l, rd)
	return s
}

// decoded is the data of a decoded stream. Up to maxKeptBuffer it lies in
// a buffer kept for the next stream: whoever reads it keeps no part of it
// (the lexer copies the strings it hands out) and frees it when done.
type decoded struct {
	data []byte
	kept *[]byte // the kept buffer data lies in; nil when data is its own
}

// free gives the data's bytes back to the lease l and its buffer back for
// the next stream.
func (s decoded) free(l *lease) {
	l.give(int64(len(s.data)))
	s.recycle()
}

// recycle gives the data's buffer back for the next stream, and leaves its
// bytes in the lease (given back with the page's).
func (s decoded) recycle() {
	if s.kept != nil {
		streamBuffers.Put(s.kept)
	}
}

// decodeAll reads rd to its end, taking its bytes from the lease l, and
// returns them with the error that ended the reading (io.EOF at a clean
// end).
func (d *doc) decodeAll(l *lease, rd io.Reader) (decoded, error) {
	lr := io.LimitReader(rd, d.lim.MaxStreamBytes+1)
	// The data is decoded into chunks of growing size, taken from the
	// lease as they are, and joined once at its size: a buffer grown by
	// doubling would hold up to three times the data while it copies. Up
	// to maxKeptBuffer the chunks lie in one buffer kept from stream to
	// stream (most streams are smaller), which is handed out as it is.
	bp := streamBuffers.Get().(*[]byte)
	buf := (*bp)[:0]
	var chunks [][]byte // the chunks past the kept buffer
	var taken, total int64
	var err error
	for size := int64(16 << 10); err == nil; size = min(size*2, 4<<20) {
		if d.abort.Load() {
			panic(errAborted)
		}
		l.take(size)
		taken += size
		var n int
		if chunks == nil && len(buf)+int(size) <= maxKeptBuffer {
			buf = slices.Grow(buf, int(size))
			n, err = readFull(lr, buf[len(buf):len(buf)+int(size)])
			buf = buf[:len(buf)+n]
		} else {
			c := make([]byte, size)
			n, err = readFull(lr, c)
			chunks = append(chunks, c[:n])
		}
		total += int64(n)
		if total > d.lim.MaxStreamBytes {
			panic(fail(ErrTooLarge, "a stream inflates to more than %d bytes", d.lim.MaxStreamBytes))
		}
	}
	if err != io.EOF && err != io.ErrUnexpectedEOF && d.stop.Load() {
		panic(timeoutError(d.ctx))
	}
	l.take(total)
	*bp = buf
	if chunks == nil {
		l.give(taken)
		return decoded{data: buf, kept: bp}, err
	}
	data := make([]byte, 0, total)
	data = append(data, buf...)
	for _, c := range chunks {
		data = append(data, c...)
	}
	l.give(taken)
	streamBuffers.Put(bp)
	return decoded{data: data}, err
}

// readFull reads into buf until it is full or r fails, and returns r's
// error (io.EOF at r's end), unlike io.ReadFull, whose io.ErrUnexpectedEOF
// would not tell a stream cut short from one that ended inside buf.
func readFull(r io.Reader, buf []byte) (n int, err error) {
	for n < len(buf) && err == nil {
		var k int
		k, err = r.Read(buf[n:])
		n += k
	}
	return n, err
}

// streamBuffers holds the buffers readStream decodes into.
var streamBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxKeptBuffer is the largest stream buffer kept for reuse.
const maxKeptBuffer = 1 << 20

// boldName reports whether a font's BaseFont name names a bold weight
// ("ABCDEF+Arial-BoldMT", "Calibri,Bold", "OpenSans-Semibold", "Roboto-Black").
func boldName(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "bold") || strings.Contains(n, "black") || strings.Contains(n, "heavy")
}
