package pdf

import (
	"bytes"
)

// The library reads an object stored in an object stream by first reading
// the object stream, recursively, and then the objects its dictionary
// names (its /Length, /Filter, /DecodeParms, /Extends). When the object
// stream is itself in an object stream, or one of those objects is in the
// object stream being read, the recursion never ends: the Go stack
// overflows, which no recover catches, and the process dies. An /Extends
// chain that loops makes the library loop forever. checkObjectStreams
// rejects such files before the library sees them.
//
// It works on parsed objects, not on spellings: cross-reference streams are
// found wherever the library would find them (the startxref chain) and
// wherever an object says it is one, names are unescaped ("/X#52ef" is
// /XRef), and every filter is decoded. It takes the union of what every
// cross-reference stream in the file says, so an entry the library uses is
// never missed.

// Bounds on the walk from an object stream's dictionary.
const (
	maxRefDepth   = 32      // references followed from one dictionary, nested
	maxRefObjects = 100_000 // objects visited in all
	maxXrefParse  = 16 << 20
	maxXrefRows   = 64 << 20 // bytes of one cross-reference stream's rows
)

// objGraph is what the cross-reference streams of a file say about where
// objects are.
type objGraph struct {
	data     []byte
	inStream map[uint32][]uint32 // object → the object streams said to hold it
	offsets  map[uint32][]int64  // object → the offsets where it may be defined
	// defs lists the offsets in the order they are found; offsets is
	// built from it only when the file has object streams (most have
	// none, and a map entry and slice per object was most of what this
	// check allocated).
	defs    []objDef
	state   map[uint32]uint8
	visited int
}

// objDef is an offset where object id may be defined.
type objDef struct {
	id  uint32
	off int64
}

// Walk states of an object.
const (
	unvisited uint8 = iota
	onPath
	done
)

// checkObjectStreams rejects a file whose object streams would make the
// library recurse or loop without end.
func checkObjectStreams(data []byte, lim Limits) error {
	g := &objGraph{
		data:     data,
		inStream: map[uint32][]uint32{},
		state:    map[uint32]uint8{},
	}
	read := map[int64]bool{}
	// Cross-reference streams on the startxref chain, as the library reads
	// them (any "startxref" near the end: the library takes the last line).
	tail := max(0, len(data)-1024)
	for rest := range nameUses(data[tail:], "startxref") {
		off, ok := intAfter(rest)
		for n := 0; ok && n < 10000; n++ {
			prev, _, _ := g.readXrefStream(off, maxXrefParse, lim, read)
			off, ok = prev.(int64)
		}
	}
	// Cross-reference streams anywhere else, and every object header.
	budget := 2*len(data) + 1<<20
	// The next "/W" and '#' at or after i, found once and kept while i
	// moves towards them: looking in the 2 KB after every object header
	// went over most of the file many times.
	nextW, nextHash := -1, -1
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("obj"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		if i < len(data) && isRegular(data[i]) {
			continue
		}
		id, _, start, ok := objHeader(data, at)
		if !ok || id < 0 || id > 1<<32-1 {
			continue
		}
		g.defs = append(g.defs, objDef{uint32(id), int64(start)})
		end := min(len(data), i+2048) // the head of the object: data[i:end]
		if nextW < i {
			nextW = indexFrom(data, i, func(b []byte) int { return bytes.Index(b, []byte("/W")) })
		}
		if nextHash < i {
			nextHash = indexFrom(data, i, func(b []byte) int { return bytes.IndexByte(b, '#') })
		}
		if budget > 0 && (nextW+2 <= end || nextHash < end) {
			_, _, cost := g.readXrefStream(int64(start), 64<<10, lim, read)
			budget -= cost
		}
	}
	if len(g.inStream) == 0 {
		return nil
	}
	g.offsets = make(map[uint32][]int64, len(g.defs))
	for _, d := range g.defs {
		g.offsets[d.id] = append(g.offsets[d.id], d.off)
	}
	stms := map[uint32]bool{}
	for _, holders := range g.inStream {
		for _, s := range holders {
			stms[s] = true
		}
	}
	for s := range stms {
		if err := g.checkStream(s); err != nil {
			return err
		}
	}
	return nil
}

// indexFrom returns the offset in data of the first match at or after
// from that index finds, or len(data) when there is none.
func indexFrom(data []byte, from int, index func([]byte) int) int {
	if j := index(data[from:]); j >= 0 {
		return from + j
	}
	return len(data)
}

// readXrefStream records the entries of the cross-reference stream defined
// at off, if there is one, and returns its /Prev and the bytes it parsed.
func (g *objGraph) readXrefStream(off int64, parseLimit int, lim Limits, read map[int64]bool) (prev any, ok bool, cost int) {
	if read[off] {
		return nil, false, 0
	}
	read[off] = true
	obj, ok := objectAt(g.data, off, parseLimit)
	d, isDict := obj.value.(pdfDict)
	if !ok || !isDict || obj.raw == nil || d["Type"] != pdfName("XRef") {
		return nil, false, obj.parsed
	}
	cost = obj.parsed + len(obj.raw)
	var w [3]int64
	wa, _ := d["W"].([]any)
	if len(wa) < 3 {
		return d["Prev"], true, cost
	}
	for k := range w {
		n, ok := wa[k].(int64)
		if !ok || n < 0 || n > 8 {
			return d["Prev"], true, cost
		}
		w[k] = n
	}
	size, _ := d["Size"].(int64)
	index := []int64{0, size}
	if ia, ok := d["Index"].([]any); ok {
		index = index[:0]
		for _, x := range ia {
			n, _ := x.(int64)
			index = append(index, n)
		}
	}
	rowLen := int(w[0] + w[1] + w[2])
	if rowLen == 0 {
		return d["Prev"], true, cost
	}
	// Decode no more rows than the sections declare (a stream that
	// inflates further is a bomb, not data).
	var count int64
	for k := 1; k < len(index); k += 2 {
		count += max(0, min(index[k], lim.MaxObjects))
	}
	rows, _ := decodeStream(d, obj.raw, min(lim.MaxStreamBytes, count*int64(rowLen), maxXrefRows))
	cost += len(rows)
	for k := 0; k+1 < len(index); k += 2 {
		for id := index[k]; id < index[k]+index[k+1] && len(rows) >= rowLen; id++ {
			row := rows[:rowLen]
			rows = rows[rowLen:]
			typ := int64(1)
			if w[0] > 0 {
				typ = beInt(row[:w[0]])
			}
			f2 := beInt(row[w[0] : w[0]+w[1]])
			// The library numbers objects with 32 bits and truncates.
			switch {
			case id < 0 || id > 1<<32-1:
			case typ == 1:
				g.defs = append(g.defs, objDef{uint32(id), f2})
			case typ == 2:
				g.inStream[uint32(id)] = append(g.inStream[uint32(id)], uint32(f2))
			}
		}
	}
	return d["Prev"], true, cost
}

// checkStream checks what reading object stream s makes the library read:
// s must not be in an object stream, and no object its dictionary leads to
// may be in one or lead back.
func (g *objGraph) checkStream(s uint32) error {
	if holders := g.inStream[s]; len(holders) > 0 {
		return fail(ErrDamaged, "object stream %d is itself in object stream %d", s, holders[0])
	}
	return g.follow(s, s, 0)
}

// follow walks the references of object id's definitions, depth first.
func (g *objGraph) follow(s, id uint32, depth int) error {
	switch g.state[id] {
	case onPath:
		return fail(ErrDamaged, "object stream %d: its references lead back to object %d", s, id)
	case done:
		return nil
	}
	if depth > maxRefDepth {
		return fail(ErrDamaged, "object stream %d: references nest more than %d deep", s, maxRefDepth)
	}
	if g.visited++; g.visited > maxRefObjects {
		return fail(ErrTooLarge, "object streams refer to more than %d objects", maxRefObjects)
	}
	g.state[id] = onPath
	for _, off := range g.offsets[id] {
		obj, ok := objectAt(g.data, off, 1<<20)
		if !ok || obj.ref.id != id {
			continue
		}
		for _, r := range refsIn(obj.value, nil) {
			if holders := g.inStream[r.id]; len(holders) > 0 {
				return fail(ErrDamaged, "object stream %d needs object %d, which is in object stream %d", s, r.id, holders[0])
			}
			if err := g.follow(s, r.id, depth+1); err != nil {
				return err
			}
		}
	}
	g.state[id] = done
	return nil
}
