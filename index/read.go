package index

import (
	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// Document is everything the index keeps of one document: its record, its
// text (pages joined by corpus.PageSeparator; evidence offsets point into
// it), the byte range of each page, and the read error when the file now
// fails and this is its last good version.
type Document struct {
	ID     string
	Record *extract.Record
	Text   string
	Pages  []corpus.Page
	Error  string
}

// Document returns what the index keeps of document id in one read, for a
// viewer that shows a record beside its pages.
func (ix *Index) Document(id string) (*Document, error) {
	s, err := ix.stored(id)
	if err != nil {
		return nil, err
	}
	return &Document{ID: id, Record: s.Record, Text: s.Text, Pages: s.Pages, Error: s.Error}, nil
}
