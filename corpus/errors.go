package corpus

import (
	"errors"
	"fmt"
)

// Kind classifies why a file could not be read, in words a privacy officer understands.
type Kind int

// The kinds of failure.
const (
	Other        Kind = iota // unclassified error
	Empty                    // the file has no content
	NotSupported             // a format dpa does not read (image, spreadsheet, binary)
	Damaged                  // truncated or corrupt file
	Encrypted                // password protected
	TooLarge                 // over a size or count limit (zip bomb, huge stream)
	Timeout                  // took longer than allowed
	NoText                   // nothing readable in it
	NeedsOCR                 // a scan without a text layer, and no OCR read it
)

var kindText = map[Kind]string{
	Other:        "could not be read",
	Empty:        "empty file",
	NotSupported: "not a supported document",
	Damaged:      "damaged file",
	Encrypted:    "encrypted: a password is needed",
	TooLarge:     "too large",
	Timeout:      "took too long",
	NoText:       "no readable text",
	NeedsOCR:     "scanned: needs OCR",
}

// String returns the kind in words.
func (k Kind) String() string { return kindText[k] }

// FileError reports why one file could not be read.
type FileError struct {
	Path string
	Page int // 0 when the error is not tied to a page
	Kind Kind
	Err  error
}

// Error names the file (quoted when its name holds characters that are not
// printable, see QuotePath), the kind of failure and the detail.
func (e *FileError) Error() string {
	s := QuotePath(e.Path) + ": " + e.Kind.String()
	if e.Page > 0 {
		s += fmt.Sprintf(" (page %d)", e.Page)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// KindOf returns the Kind of err, Other if err is not a FileError.
func KindOf(err error) Kind {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return Other
}

// The reasons an ImageRecognizer gives, for Open to classify its errors:
// wrap them.
var (
	// ErrUnreadableImage: the image cannot be decoded (damaged, or a kind
	// of image that is not read).
	ErrUnreadableImage = errors.New("unreadable image")
	// ErrOverLimit: the image is over a size or page limit.
	ErrOverLimit = errors.New("over the limit")
)
