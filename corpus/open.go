package corpus

import (
	"context"
	"fmt"
	"os"
	"unicode/utf8"
)

// Options bound and configure the reading of one file.
type Options struct {
	// MaxBytes is the largest file read; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// DefaultMaxBytes is the largest file Open reads by default.
const DefaultMaxBytes = 512 << 20

// Open reads f into a Document. The format is decided by content, not by
// the file name. Errors are *FileError values naming the file.
func Open(ctx context.Context, f File, opts Options) (doc *Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, &FileError{Path: f.Path, Kind: Damaged, Err: fmt.Errorf("reader crashed: %v", p)}
		}
	}()
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, &FileError{Path: f.Path, Kind: Other, Err: err}
	}
	if len(data) == 0 {
		return nil, &FileError{Path: f.Path, Kind: Empty}
	}
	if !utf8.Valid(data) {
		return nil, &FileError{Path: f.Path, Kind: NotSupported, Err: fmt.Errorf("not UTF-8 text")}
	}
	src := Source{Path: f.Path, Paths: f.Paths, SHA256: f.SHA256, Format: FormatText, Bytes: f.Size, Modified: f.Modified}
	return NewDocument(src, []PageText{{Text: string(data)}}), nil
}
