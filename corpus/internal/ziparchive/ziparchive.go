// Package ziparchive opens the ZIP archives that office documents are
// (DOCX, ODT) within limits: a hostile archive can be a zip bomb, so the
// number of entries and the uncompressed size each part declares are
// checked before a part is inflated, and no part is ever inflated past the
// limits even when the declared sizes lie. XML parts are streamed through a
// decoder that checks the context as it goes.
package ziparchive

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits bounds the work done on one archive. A zero field takes its default.
type Limits struct {
	// MaxEntries is the largest number of entries the archive may have.
	MaxEntries int
	// MaxPartBytes is the largest uncompressed size of one part read.
	MaxPartBytes int64
	// MaxTotalBytes is the largest uncompressed size of all parts read.
	MaxTotalBytes int64
}

// The defaults of Limits.
const (
	DefaultMaxEntries    = 10000
	DefaultMaxPartBytes  = 64 << 20
	DefaultMaxTotalBytes = 256 << 20
)

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxPartBytes <= 0 {
		l.MaxPartBytes = DefaultMaxPartBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = DefaultMaxTotalBytes
	}
	return l
}

// ErrTooLarge is the reason of every error about a limit.
var ErrTooLarge = errors.New("too large")

// Archive is one open ZIP archive.
type Archive struct {
	// Files holds the archive's entries by normalised name (see NormName).
	Files   map[string]*zip.File
	ctx     context.Context
	lim     Limits
	total   int64 // uncompressed bytes opened so far
	damaged error
}

// Open opens the archive in r (size bytes). Errors that are not about a
// limit wrap damaged, the reader's own reason for a corrupt file.
func Open(ctx context.Context, r io.ReaderAt, size int64, lim Limits, damaged error) (*Archive, error) {
	lim = lim.WithDefaults()
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%w (%v)", damaged, err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("%w: %d entries in the archive, limit %d (zip bomb?)", ErrTooLarge, len(zr.File), lim.MaxEntries)
	}
	a := &Archive{ctx: ctx, Files: make(map[string]*zip.File, len(zr.File)), lim: lim, damaged: damaged}
	for _, f := range zr.File {
		a.Files[NormName(f.Name)] = f
	}
	return a, nil
}

// NormName normalises a part name: forward slashes, no leading slash,
// lower case (part names are case-insensitive).
func NormName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	return strings.ToLower(strings.TrimPrefix(path.Clean("/"+name), "/"))
}

// IsFatal reports whether an error reading an optional part must fail the
// whole file (limits and cancellation) rather than only skip that part.
func IsFatal(err error) bool {
	return errors.Is(err, ErrTooLarge) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Part opens a part for reading after checking its declared size against
// the limits; the reader it returns fails with ErrTooLarge past the limit
// whatever the archive declared.
func (a *Archive) Part(name string) (io.ReadCloser, error) {
	f := a.Files[name]
	if f == nil {
		return nil, fmt.Errorf("%w: %s missing", a.damaged, name)
	}
	declared := int64(f.UncompressedSize64)
	if f.UncompressedSize64 > uint64(a.lim.MaxPartBytes) {
		return nil, fmt.Errorf("%w: %s is %d bytes uncompressed, limit %d%s", ErrTooLarge, name, f.UncompressedSize64, a.lim.MaxPartBytes, bombHint(f))
	}
	if a.total+declared > a.lim.MaxTotalBytes {
		return nil, fmt.Errorf("%w: parts over %d bytes uncompressed in all (zip bomb?)", ErrTooLarge, a.lim.MaxTotalBytes)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w (%s: %v)", a.damaged, name, err)
	}
	budget := min(a.lim.MaxPartBytes, a.lim.MaxTotalBytes-a.total)
	a.total += declared
	return &limitedReader{rc: rc, n: budget, name: name}, nil
}

// ReadPart reads a whole part within the limits.
func (a *Archive) ReadPart(name string) ([]byte, error) {
	rc, err := a.Part(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil && !IsFatal(err) {
		err = fmt.Errorf("%w (%s: %v)", a.damaged, name, err)
	}
	return data, err
}

// bombHint adds "(zip bomb?)" when a part compresses suspiciously well.
func bombHint(f *zip.File) string {
	if f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > 100 {
		return " (zip bomb?)"
	}
	return ""
}

// limitedReader fails with ErrTooLarge once more than n bytes are read.
type limitedReader struct {
	rc   io.ReadCloser
	n    int64
	name string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, fmt.Errorf("%w: %s inflates past its limit (zip bomb?)", ErrTooLarge, l.name)
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.rc.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, fmt.Errorf("%w: %s inflates past its limit (zip bomb?)", ErrTooLarge, l.name)
	}
	return n, err
}

func (l *limitedReader) Close() error { return l.rc.Close() }

// Decode streams the XML part name through fn, token by token, checking
// the context as it goes.
func (a *Archive) Decode(name string, fn func(*xml.Decoder, xml.Token) error) error {
	rc, err := a.Part(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := a.ctx.Err(); err != nil {
				return err
			}
		}
		t, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if IsFatal(err) {
				return err
			}
			return fmt.Errorf("%w (%s: %v)", a.damaged, name, err)
		}
		if err := fn(d, t); err != nil {
			return err
		}
	}
}
