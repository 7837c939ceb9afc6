package index

import (
	"sort"

	"github.com/blevesearch/bleve/v2"

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

// Paths returns the paths on disk that show document id, sorted, byte for
// byte as the file system names them. The record's Source paths are JSON
// text, in which a name that is not UTF-8 has lost bytes; a program that
// opens the file uses these.
func (ix *Index) Paths(id string) ([]string, error) {
	var paths []string
	err := ix.with(func(bi bleve.Index) error {
		m, err := loadManifest(bi)
		if err != nil {
			return err
		}
		for p, e := range m.Files {
			if e.Doc == id && !e.Missing {
				paths = append(paths, p)
			}
		}
		return nil
	})
	sort.Strings(paths)
	return paths, err
}
