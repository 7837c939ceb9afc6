package extract

import (
	"fmt"
	"io"
	"strings"

	"github.com/dpa-nl/dpa/corpus"
)

// Explanation is what the scored extractors weighed for one document: per
// field, the candidates considered with their cues and score, kept and
// dropped, and notes (how each table was classified). It makes a wrong
// value understandable: dpa extract --explain prints it.
type Explanation struct {
	Fields []FieldExplanation
}

// FieldExplanation is the reasoning behind one field.
type FieldExplanation struct {
	// Field is the record path ("subprocessors", "outside_eea").
	Field string
	// Notes are facts the extractor used ("table on page 3: sub-processors — organisation column …").
	Notes []string
	// Candidates are the values considered, in document order.
	Candidates []Candidate
}

// Candidate is one value an extractor considered.
type Candidate struct {
	// Value is the candidate as it would appear in the record.
	Value string
	// Source says where it was found ("table p.2 row 3, column Subverwerker").
	Source string
	// Page is the page it was found on.
	Page int
	// Cues are the reasons for and against it, with their weights.
	Cues []Cue
	// Score is the sum of the cues' weights; Kept says whether it made it
	// into the record.
	Score float64
	Kept  bool
	// Detail adds what else was read with it (countries).
	Detail string
}

// Cue is one reason for (positive weight) or against (negative) a candidate.
type Cue struct {
	Name   string
	Weight float64
}

// Explain extracts the record of doc and returns it with the explanation
// of its scored fields.
func Explain(doc *corpus.Document) (*Record, *Explanation) {
	e := &Explanation{}
	r := extract(doc, e)
	return r, e
}

// field returns the explanation of field, adding it when new.
func (e *Explanation) field(name string) *FieldExplanation {
	for i := range e.Fields {
		if e.Fields[i].Field == name {
			return &e.Fields[i]
		}
	}
	e.Fields = append(e.Fields, FieldExplanation{Field: name})
	return &e.Fields[len(e.Fields)-1]
}

// note adds a note to field; a nil Explanation ignores it.
func (e *Explanation) note(field, format string, args ...any) {
	if e == nil {
		return
	}
	f := e.field(field)
	f.Notes = append(f.Notes, fmt.Sprintf(format, args...))
}

// WriteText writes the explanation as readable text.
func (e *Explanation) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "%s:\n", f.Field)
		for _, n := range f.Notes {
			fmt.Fprintf(&b, "  · %s\n", n)
		}
		for _, c := range f.Candidates {
			mark := "drop"
			if c.Kept {
				mark = "KEEP"
			}
			fmt.Fprintf(&b, "  %s %5.1f  %q  (%s, p.%d)\n", mark, c.Score, c.Value, c.Source, c.Page)
			var cues []string
			for _, cue := range c.Cues {
				cues = append(cues, fmt.Sprintf("%+.1f %s", cue.Weight, cue.Name))
			}
			if len(cues) > 0 {
				fmt.Fprintf(&b, "              %s\n", strings.Join(cues, "; "))
			}
			if c.Detail != "" {
				fmt.Fprintf(&b, "              %s\n", c.Detail)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
