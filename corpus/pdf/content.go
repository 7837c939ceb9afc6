package pdf

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	lib "github.com/ledongthuc/pdf"
)

// Bounds on what one page may make us hold.
const (
	maxFormDepth = 8       // nesting of form XObjects
	maxGlyphs    = 1 << 18 // glyphs kept per page
	maxGlyphText = 64      // bytes of text per glyph (a ligature, a short ActualText)
	// Glyphs are taken from the memory budget glyphChunk at a time, at
	// glyphBytes each: the glyph, its text, its sort key and its share of
	// the page's text, with room for the slices' growth.
	glyphChunk = 8192
	glyphBytes = 160
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// glyph is one shown character (or a few, for a ligature) placed on the page,
// in user space.
// It holds no pointers, so that sorting glyphs is cheap.
type glyph struct {
	x0, x1 float64 // left and right edge
	y      float64 // baseline
	size   float64 // font size in user space
	seq    uint32  // drawing order
	off    uint32  // text is texts[off:off+n]
	n      uint16
	blank  bool // the text is white space
	turned bool // drawn rotated or mirrored: x0 and y are the origin
	bold   bool // the font's name says bold (Arial-BoldMT, Calibri Bold)
}

func (g *glyph) text(texts []byte) []byte { return texts[g.off : g.off+uint32(g.n)] }

// gstate is the part of the graphics state text placement needs.
type gstate struct {
	ctm                                  matrix
	font                                 *font
	fontSize, charSpace, wordSpace, rise float64
	hscale, leading                      float64
}

// setTextParam sets the text state parameter of the operator op.
func (g *gstate) setTextParam(op opcode, v float64) {
	switch op {
	case opTc:
		g.charSpace = v
	case opTw:
		g.wordSpace = v
	case opTz:
		g.hscale = v / 100
	case opTL:
		g.leading = v
	case opTs:
		g.rise = v
	}
}

// resources resolves the named resources of a page or form, caching fonts.
type resources struct {
	v        lib.Value
	fontDict lib.Value
	fontRefs map[string]string
	fonts    map[string]*font
	loaded   bool
}

// pageReader interprets the content of one page.
type pageReader struct {
	d       *doc
	glyphs  []glyph
	texts   []byte // the glyphs' text
	lease   lease  // the page's share of the memory budget
	scratch layoutScratch
	lines   []lineInfo // the lines of the page being read
	ops     int
	forms   []string // references of the forms being drawn, for loops
	args    []operand
	slab    slab    // the content streams' string operands
	images  float64 // page area fraction covered by images
	pageBox [4]float64
	// hypot caches the last math.Hypot of show: a string is shown at a
	// time, and the text matrix mostly moves between them, not turns.
	hypotOf [2]float64
	hypot   float64
}

// readPage returns the text of one page. A panic (from the library or a
// limit) is recovered by the caller. pr is reused from page to page.
func (pr *pageReader) readPage(p pageRef) (Page, error) {
	d := pr.d
	pr.glyphs, pr.texts, pr.ops, pr.images, pr.forms = pr.glyphs[:0], pr.texts[:0], 0, 0, pr.forms[:0]
	pr.pageBox = mediaBox(p.v)
	res := &resources{v: p.resources}
	content := p.v.Key("Contents")
	var data decoded
	switch content.Kind() {
	case lib.Stream:
		data = d.readStream(&pr.lease, content)
	case lib.Array:
		var parts []decoded
		var total int64
		for i := 0; i < content.Len() && total <= d.lim.MaxStreamBytes; i++ {
			if s := content.Index(i); s.Kind() == lib.Stream {
				part := d.readStream(&pr.lease, s)
				parts = append(parts, part)
				total += int64(len(part.data)) + 1
			}
		}
		if total > d.lim.MaxStreamBytes {
			panic(fail(ErrTooLarge, "page content inflates to more than %d bytes", d.lim.MaxStreamBytes))
		}
		pr.lease.take(total)
		data.data = make([]byte, 0, total)
		for _, part := range parts {
			data.data = append(append(data.data, part.data...), '\n')
			part.free(&pr.lease)
		}
	}
	pr.run(data.data, res, identity)
	data.recycle() // its bytes stay in the lease until the page ends
	pr.annotations(p.v.Key("Annots"), res)
	pr.lines = pr.lines[:0]
	text, stats := layout(pr.glyphs, pr.texts, &pr.scratch, &pr.lines)
	pg := Page{Text: text, HasText: stats.hasText()}
	pg.Blocks = pageBlocks(text, pr.lines)
	// A page that is one big image with a few words on it (a stamp, a page
	// number) is a scan: it needs OCR all the same.
	if pg.HasText && pr.images > 0.5 && stats.letters < 200 {
		pg.HasText = false
	}
	return pg, nil
}

// maxAnnots bounds the annotations read per page.
const maxAnnots = 1000

// annotations draws the appearance of filled-in form fields (text and
// choice widgets) and free-text annotations, whose text is part of the page
// as it is seen and printed but not of its content stream.
func (pr *pageReader) annotations(annots lib.Value, res *resources) {
	n := min(annots.Len(), maxAnnots)
	for i := 0; i < n; i++ {
		a := annots.Index(i)
		switch a.Key("Subtype").Name() {
		case "FreeText":
		case "Widget":
			ft := a.Key("FT").Name()
			if ft == "" {
				ft = a.Key("Parent").Key("FT").Name()
			}
			if ft != "Tx" && ft != "Ch" {
				continue // buttons and check boxes draw symbols
			}
		default:
			continue
		}
		if a.Key("F").Int64()&(2|32) != 0 {
			continue // hidden, or not shown on screen
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == lib.Dict {
			ap = ap.Key(a.Key("AS").Name())
		}
		rect := numbers(a.Key("Rect"))
		if ap.Kind() != lib.Stream || len(rect) != 4 || len(pr.forms) >= maxFormDepth {
			continue
		}
		m := identity
		if mv := numbers(ap.Key("Matrix")); len(mv) == 6 {
			copy(m[:], mv)
		}
		// Map the form's bounding box, transformed by its matrix, onto the
		// annotation's rectangle (PDF 32000-1, 12.5.5).
		bbox := numbers(ap.Key("BBox"))
		if len(bbox) != 4 {
			continue
		}
		x0, y0, x1, y1 := transformedBox(bbox, m)
		if x1-x0 <= 0 || y1-y0 <= 0 {
			continue
		}
		sx := (max(rect[0], rect[2]) - min(rect[0], rect[2])) / (x1 - x0)
		sy := (max(rect[1], rect[3]) - min(rect[1], rect[3])) / (y1 - y0)
		fit := matrix{sx, 0, 0, sy, min(rect[0], rect[2]) - x0*sx, min(rect[1], rect[3]) - y0*sy}
		sub := res
		if r := ap.Key("Resources"); r.Kind() == lib.Dict {
			sub = &resources{v: r}
		}
		pr.forms = append(pr.forms, "")
		data := pr.d.readStream(&pr.lease, ap)
		pr.run(data.data, sub, m.mul(fit))
		data.free(&pr.lease)
		pr.forms = pr.forms[:len(pr.forms)-1]
	}
}

// transformedBox returns the bounding box of the rectangle b transformed by m.
func transformedBox(b []float64, m matrix) (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{b[0], b[1]}, {b[0], b[3]}, {b[2], b[1]}, {b[2], b[3]}} {
		x := p[0]*m[0] + p[1]*m[2] + m[4]
		y := p[0]*m[1] + p[1]*m[3] + m[5]
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	return
}

// numbers returns the numbers of the array v (nil if an element is not one).
func numbers(v lib.Value) []float64 {
	n := v.Len()
	if n > 16 {
		return nil
	}
	out := make([]float64, n)
	for i := range out {
		e := v.Index(i)
		if e.Kind() != lib.Integer && e.Kind() != lib.Real {
			return nil
		}
		out[i] = e.Float64()
	}
	return out
}

func mediaBox(v lib.Value) [4]float64 {
	for i := 0; i < maxTreeDepth && v.Kind() == lib.Dict; i++ {
		if b := v.Key("MediaBox"); b.Len() == 4 {
			return [4]float64{b.Index(0).Float64(), b.Index(1).Float64(), b.Index(2).Float64(), b.Index(3).Float64()}
		}
		v = v.Key("Parent")
	}
	return [4]float64{0, 0, 612, 792}
}

// font returns the font named name in res.
func (pr *pageReader) font(res *resources, name string) *font {
	if f, ok := res.fonts[name]; ok {
		return f
	}
	if !res.loaded {
		res.loaded = true
		res.fontDict = res.v.Key("Font")
		res.fontRefs = dictRefs(res.fontDict)
		res.fonts = map[string]*font{}
	}
	ref := res.fontRefs[name]
	var f *font
	if ref != "" {
		f = pr.d.fonts.get(ref)
	}
	if f == nil {
		fv := res.fontDict.Key(name)
		if fv.Kind() != lib.Dict {
			f = fallbackFont
		} else {
			f = pr.d.loadFont(&pr.lease, fv)
			if ref != "" {
				pr.d.fonts.put(ref, f)
			}
		}
	}
	res.fonts[name] = f
	return f
}

// run interprets a content stream.
func (pr *pageReader) run(data []byte, res *resources, ctm matrix) {
	g := gstate{ctm: ctm, hscale: 1, font: fallbackFont}
	var stack []gstate
	var tm, tlm matrix = identity, identity
	l := lexer{b: data, slab: &pr.slab} // strings are shown and let go
	args := pr.args[:0]
tokens:
	for {
		// Numbers, operators and hex strings, most of a content stream,
		// are read here; the other tokens by next.
		l.skipSpace()
		if l.pos >= len(l.b) {
			break
		}
		var tok operand
		switch c := l.b[l.pos]; {
		case byteClass[c] == regularByte:
			word := l.word()
			if n, isNum := parseNumber(word); isNum {
				if len(args) < 64 {
					args = append(args, operand{kind: kNum, num: n})
				}
				continue
			}
			code, str := keyword(word)
			tok = operand{kind: kOp, op: code, str: str}
		case c == '<' && (l.pos+1 >= len(l.b) || l.b[l.pos+1] != '<'):
			l.pos++
			str := l.hex()
			if len(args) < 64 {
				args = append(args, operand{kind: kStr, str: str})
			}
			continue
		default:
			var ok bool
			if tok, ok = l.next(0); !ok {
				break tokens
			}
			if tok.kind != kOp {
				if len(args) < 64 {
					args = append(args, tok)
				}
				continue
			}
		}
		pr.ops++
		l.kept = 0
		if pr.ops&0xfff == 0 {
			if pr.d.stop.Load() || pr.d.ctx.Err() != nil {
				panic(timeoutError(pr.d.ctx))
			}
			if pr.ops > pr.d.lim.MaxOps {
				panic(fail(ErrTooLarge, "more than %d content operators on a page", pr.d.lim.MaxOps))
			}
		}
		nums := func(n int) ([]float64, bool) {
			if len(args) < n {
				return nil, false
			}
			var out [6]float64
			for i, a := range args[len(args)-n:] {
				if a.kind != kNum {
					return nil, false
				}
				out[i] = a.num
			}
			return out[:n], true
		}
		switch tok.op {
		case opq:
			if len(stack) < 1024 {
				stack = append(stack, g)
			}
		case opQ:
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case opcm:
			if v, ok := nums(6); ok {
				g.ctm = matrix(v).mul(g.ctm)
			}
		case opBT:
			tm, tlm = identity, identity
		case opTf:
			if len(args) >= 2 && args[len(args)-2].kind == kName && args[len(args)-1].kind == kNum {
				g.font = pr.font(res, args[len(args)-2].str)
				g.fontSize = args[len(args)-1].num
			}
		case opTc, opTw, opTz, opTL, opTs:
			if v, ok := nums(1); ok {
				g.setTextParam(tok.op, v[0])
			}
		case opTd, opTD:
			if v, ok := nums(2); ok {
				if tok.op == opTD {
					g.leading = -v[1]
				}
				tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(tlm)
				tm = tlm
			}
		case opTm:
			if v, ok := nums(6); ok {
				tlm = matrix(v)
				tm = tlm
			}
		case opTstar:
			tlm = matrix{1, 0, 0, 1, 0, -g.leading}.mul(tlm)
			tm = tlm
		case opTj, opQuote, opDQuote:
			if tok.op == opDQuote && len(args) >= 3 && args[len(args)-3].kind == kNum && args[len(args)-2].kind == kNum {
				g.wordSpace, g.charSpace = args[len(args)-3].num, args[len(args)-2].num
			}
			if tok.op != opTj { // ' and " move to the next line first
				tlm = matrix{1, 0, 0, 1, 0, -g.leading}.mul(tlm)
				tm = tlm
			}
			if n := len(args); n > 0 && args[n-1].kind == kStr {
				pr.show(&g, &tm, args[n-1].str)
			}
		case opTJ:
			if n := len(args); n > 0 && args[n-1].kind == kArr {
				for _, x := range args[n-1].arr {
					switch x.kind {
					case kStr:
						pr.show(&g, &tm, x.str)
					case kNum:
						tx := -x.num / 1000 * g.fontSize * g.hscale
						tm[4] += tx * tm[0]
						tm[5] += tx * tm[1]
					}
				}
			}
		case opDo:
			if n := len(args); n > 0 && args[n-1].kind == kName {
				pr.draw(res, args[n-1].str, g.ctm)
			}
		case opBI:
			// Inline image: skip its dictionary and data.
			for {
				t, ok := l.next(0)
				if !ok || t.kind == kOp && t.str == "ID" {
					break
				}
			}
			l.skipInlineImage()
		}
		args = args[:0]
	}
	pr.args = args
}

// show places the glyphs of the string s.
func (pr *pageReader) show(g *gstate, tm *matrix, s string) {
	f := g.font
	m := tm.mul(g.ctm) // text space to user space; moves with tm below
	if m[2] != pr.hypotOf[0] || m[3] != pr.hypotOf[1] {
		pr.hypotOf, pr.hypot = [2]float64{m[2], m[3]}, math.Hypot(m[2], m[3])
	}
	size := math.Abs(g.fontSize) * pr.hypot
	turned := math.Abs(m[1]) > 0.2*math.Abs(m[0]) || m[0] < 0
	glyphs, texts := pr.glyphs, pr.texts
	defer func() { pr.glyphs, pr.texts = glyphs, texts }() // also when a take panics
	for len(s) > 0 {
		code, n, text := f.next(s)
		s = s[n:]
		w := f.width(code)
		adv := w * g.fontSize * g.hscale
		x := m[4] + g.rise*m[2]
		y := m[5] + g.rise*m[3]
		dx := adv * m[0]
		x0, x1 := x, x+dx
		if dx < 0 && !turned {
			x0, x1 = x1, x0
		}
		if len(glyphs) < maxGlyphs && text != "" && len(text) <= maxGlyphText {
			if len(glyphs)%glyphChunk == 0 {
				pr.lease.take(glyphChunk * glyphBytes)
			}
			glyphs = append(glyphs, glyph{x0: x0, x1: x1, y: y, size: size,
				seq: uint32(len(glyphs)), off: uint32(len(texts)), n: uint16(len(text)), blank: isBlank(text), turned: turned, bold: f.bold})
			texts = append(texts, text...)
		}
		tx := w*g.fontSize + g.charSpace
		if n == 1 && code == ' ' {
			tx += g.wordSpace
		}
		tx *= g.hscale
		tm[4] += tx * tm[0]
		tm[5] += tx * tm[1]
		m[4] += tx * m[0]
		m[5] += tx * m[1]
	}
}

// draw draws the XObject name: a form's content is interpreted, an image's
// area is noted.
func (pr *pageReader) draw(res *resources, name string, ctm matrix) {
	xobjs := res.v.Key("XObject")
	x := xobjs.Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		w := math.Abs(pr.pageBox[2]-pr.pageBox[0]) * math.Abs(pr.pageBox[3]-pr.pageBox[1])
		if w > 0 {
			pr.images += math.Abs(ctm[0]*ctm[3]-ctm[1]*ctm[2]) / w
		}
	case "Form":
		if x.Kind() != lib.Stream || len(pr.forms) >= maxFormDepth {
			return
		}
		ref := dictRefs(xobjs)[name]
		for _, f := range pr.forms {
			if ref != "" && f == ref {
				return // a form that draws itself
			}
		}
		m := identity
		if mv := x.Key("Matrix"); mv.Len() == 6 {
			for i := range m {
				m[i] = mv.Index(i).Float64()
			}
		}
		sub := res
		if r := x.Key("Resources"); r.Kind() == lib.Dict {
			sub = &resources{v: r}
		}
		pr.forms = append(pr.forms, ref)
		data := pr.d.readStream(&pr.lease, x)
		pr.run(data.data, sub, m.mul(ctm))
		data.free(&pr.lease)
		pr.forms = pr.forms[:len(pr.forms)-1]
	}
}

// read opens the file and reads every page. When the file's
// cross-reference data is damaged, it is rebuilt once by scanning the file.
func (d *doc) read(data []byte) (*Result, error) {
	data, err := frame(data, d.lim)
	if err != nil {
		return nil, err
	}
	res, failed, err := d.readOnce(data)
	if errors.Is(err, ErrEncrypted) {
		// Encryption the library does not read (AES-256) that opens
		// without a password: decrypt a copy.
		plain, derr := decryptFile(data, "", d.lim)
		switch {
		case derr != nil:
			return nil, derr
		case plain == nil:
			return nil, err
		}
		res, failed, err = d.readOnce(plain)
		if res != nil {
			res.Warnings = append([]string{"encrypted without a user password: decrypted"}, res.Warnings...)
		}
		return res, err
	}
	if err == nil && failed == 0 || err != nil && !errors.Is(err, ErrDamaged) {
		return res, err
	}
	fixed := rebuildXref(data, d.lim)
	if fixed == nil {
		return res, err
	}
	res2, failed2, err2 := d.readOnce(fixed)
	if err2 != nil || err == nil && failed2 >= failed {
		return res, err
	}
	res2.Warnings = append([]string{"cross-reference data damaged: rebuilt by scanning the file"}, res2.Warnings...)
	return res2, nil
}

// readOnce reads every page of the framed file data and returns how many
// pages failed.
func (d *doc) readOnce(data []byte) (res *Result, failed int, err error) {
	defer func() {
		if x := recover(); x != nil {
			res, failed, err = nil, 0, d.panicError(x)
		}
	}()
	d.fonts = fontCache{}
	d.abort.Store(false)
	if err := d.open(data); err != nil {
		return nil, 0, err
	}
	refs, warnings, err := d.pages()
	if err != nil {
		return nil, 0, err
	}
	res = &Result{Pages: make([]Page, len(refs)), Warnings: warnings}
	errs := make([]error, len(refs))
	// Workers take the next page from a counter: handing pages over a
	// channel made every page wait for a goroutine wake-up, which on a
	// busy machine cost more than reading the page.
	var next atomic.Int64
	work := func() {
		pr := newPageReader(d)
		defer func() {
			pr.lease.release()
			pr.lease.endBig()
			pr.recycle()
		}()
		for {
			i := int(next.Add(1) - 1)
			if i >= len(refs) || d.ctx.Err() != nil || d.abort.Load() {
				return
			}
			for {
				res.Pages[i], errs[i] = pr.safePage(refs[i])
				var nm needMemory
				if !errors.As(errs[i], &nm) || d.abort.Load() {
					break
				}
				// Short of memory: read the page again as the big page.
				if err := pr.lease.becomeBig(d.ctx, nm.need); err != nil {
					errs[i] = timeoutError(d.ctx)
					break
				}
			}
			var e *Error
			if asError(errs[i], &e) && e.Err != ErrDamaged {
				d.abort.Store(true)
			}
			pr.lease.release()
			pr.lease.endBig()
			pr.trim()
		}
	}
	var wg sync.WaitGroup
	for range min(d.lim.Workers, len(refs)) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	if d.file.overRead.Load() {
		return nil, 0, fail(ErrTooLarge, "more than %d bytes read from the file", d.file.maxRead)
	}
	if d.ctx.Err() != nil || d.stop.Load() {
		return nil, 0, timeoutError(d.ctx)
	}
	for i, err := range errs {
		if err == nil || err == errAborted {
			continue
		}
		var e *Error
		if asError(err, &e) && e.Err != ErrDamaged {
			e.Page = i + 1
			return nil, 0, e // a limit: the file fails
		}
		failed++
		res.Warnings = append(res.Warnings, fmt.Sprintf("page %d: %v", i+1, err))
	}
	if failed == len(refs) {
		return nil, failed, &Error{Err: ErrDamaged, Detail: fmt.Sprintf("no page could be read: %v", errs[0])}
	}
	return res, failed, nil
}

// errAborted ends the reading of a page when another page of the file hit
// a limit: the file fails with that page's error.
var errAborted = &Error{Err: ErrTooLarge, Detail: "another page hit a limit"}

// safePage reads one page, turning a panic into an error.
func (pr *pageReader) safePage(p pageRef) (pg Page, err error) {
	defer func() {
		if x := recover(); x != nil {
			if nm, ok := x.(needMemory); ok {
				pg, err = Page{}, nm
				return
			}
			pg, err = Page{}, pr.d.panicError(x)
		}
	}()
	return pr.readPage(p)
}

// pageReaders keeps page readers, with their buffers, from file to file:
// a reader child reads many files, and each file's page readers grew the
// same buffers from nothing, doubling, in memory the process had not yet
// touched (a tenth of the reading of the five corpus PDFs was the page
// faults and copies of that).
var pageReaders = sync.Pool{New: func() any { return new(pageReader) }}

// newPageReader returns a page reader for d, with the buffers of one that
// read an earlier file when there is one.
func newPageReader(d *doc) *pageReader {
	pr := pageReaders.Get().(*pageReader)
	*pr = pageReader{
		d:       d,
		lease:   lease{b: memory},
		glyphs:  pr.glyphs[:0],
		texts:   pr.texts[:0],
		scratch: pr.scratch,
		lines:   pr.lines[:0],
		forms:   pr.forms[:0],
		args:    pr.args[:0],
		slab:    pr.slab,
	}
	return pr
}

// recycle gives the page reader back for a later file, without its
// document and (trimmed) without a large page's buffers. Its lease must
// be released.
func (pr *pageReader) recycle() {
	pr.trim()
	clear(pr.args[:cap(pr.args)])
	*pr = pageReader{glyphs: pr.glyphs, texts: pr.texts, scratch: pr.scratch, lines: pr.lines,
		forms: pr.forms, args: pr.args, slab: pr.slab}
	pageReaders.Put(pr)
}

// trim drops the page reader's buffers when a page made them large, so
// that they do not stay out of the memory budget until the next page.
func (pr *pageReader) trim() {
	if cap(pr.glyphs) > 4*glyphChunk {
		pr.glyphs, pr.texts, pr.scratch = nil, nil, layoutScratch{}
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}
