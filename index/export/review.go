package export

import (
	"strings"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/extract/review"
	"github.com/dpa-nl/dpa/index"
)

// reviewColumns are the review's columns of the document table.
var reviewColumns = []string{"Toets model 4.0", "Ontbrekende verplichtingen", "Afwijkende verplichtingen"}

// ReviewNotes reviews the stored text of each record's document against
// the Model Verwerkersovereenkomst (extract/review) and returns the
// summaries keyed by content SHA-256. A document the index no longer
// holds is left out.
func ReviewNotes(ix *index.Index, recs []*extract.Record) map[string]review.Summary {
	out := map[string]review.Summary{}
	for _, r := range recs {
		d, err := ix.Document(r.Source.SHA256)
		if err != nil || d == nil || d.Record == nil {
			continue
		}
		doc := &corpus.Document{Source: d.Record.Source, Text: d.Text, Pages: d.Pages}
		out[r.Source.SHA256] = review.Review(doc, d.Record).Summary
	}
	return out
}

// reviewCells are the review's cells of one record: its state and the
// missing and deviating obligations; empty without a review.
func reviewCells(reviews map[string]review.Summary, r *extract.Record) []string {
	s, ok := reviews[r.Source.SHA256]
	if !ok {
		return []string{"", "", ""}
	}
	return []string{s.Label(), strings.Join(s.Missing, ", "), strings.Join(s.Deviating, ", ")}
}
