package pdf

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/zlib"
	lib "github.com/ledongthuc/pdf"
)

// The library inflates each stream with a new decompressor (some 50 KB of
// tables and window, cleared) reading the file through a section reader and
// a buffer of its own. Most streams of a PDF, and nearly all of its page
// contents, are Flate alone: those are inflated here from the file's bytes
// in memory by a decompressor kept from stream to stream. It is
// klauspost/compress's zlib, a fork of Go's with a decoding loop specialised
// for a bytes.Reader, which inflates the bundle's page contents faster.

// rawFlate returns the encoded bytes of the stream v when the library would
// undo Flate alone on them, without decryption or a predictor, and they lie
// whole in the file; ok is false otherwise (the library reads v then).
// The bytes count against the file's read budget as the library's reads do.
func (d *doc) rawFlate(v lib.Value) (raw []byte, ok bool) {
	if d.encrypted || viaLibrary || v.Kind() != lib.Stream {
		return nil, false
	}
	if f := v.Key("Filter"); f.Kind() != lib.Name || f.Name() != "FlateDecode" {
		return nil, false
	}
	if v.Key("DecodeParms").Key("Predictor").Kind() != lib.Null {
		return nil, false
	}
	n := v.Key("Length").Int64()
	off, ok := streamOffset(v)
	f := d.file
	if !ok || n <= 0 || off < int64(len(f.head)) || off > int64(len(f.data)) || n > int64(len(f.data))-off {
		return nil, false
	}
	if f.stop.Load() || f.overRead.Load() {
		return nil, false
	}
	if f.read.Add(n) > f.maxRead {
		f.overRead.Store(true)
		return nil, false
	}
	return f.data[off : off+n], true
}

// streamOffset returns where the data of the stream v starts in the file.
// The library prints a stream as its dictionary, "@" and that offset, and
// that is the only way to learn it through its API.
func streamOffset(v lib.Value) (int64, bool) {
	s := v.String()
	i := strings.LastIndexByte(s, '@')
	if i < 0 || !strings.HasSuffix(s[:i], ">>") {
		return 0, false
	}
	off, err := strconv.ParseInt(s[i+1:], 10, 64)
	return off, err == nil && off >= 0
}

// viaLibrary makes every stream read through the library: tests compare
// the two ways.
var viaLibrary = false

// inflater is a zlib decompressor kept for reuse, with the reader of its input.
type inflater struct {
	src bytes.Reader
	zr  io.ReadCloser
}

// inflaters holds the decompressors of readStream.
var inflaters = sync.Pool{New: func() any { return new(inflater) }}

// decode inflates the zlib data raw as readStream does, and returns the
// error that ended it: io.EOF at a clean end, checksum verified.
func (z *inflater) decode(d *doc, l *lease, raw []byte) (decoded, error) {
	z.src.Reset(raw)
	var err error
	if z.zr == nil {
		z.zr, err = zlib.NewReader(&z.src)
	} else {
		err = z.zr.(zlib.Resetter).Reset(&z.src, nil)
	}
	if err != nil {
		z.zr = nil // a failed reset leaves the decompressor unusable
		return decoded{}, err
	}
	return d.decodeAll(l, z.zr)
}
