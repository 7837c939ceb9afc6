package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// An agreement is what a school signed once but may keep on its drive in
// several files: a .txt, a .pdf, a scan and a .docx of the same text.
// Documents with the same supplier (extract.SupplierKey), kind and
// extracted fields are one agreement. The index keeps each of them (each
// with its own text and evidence, reachable by its id) but searches, facets,
// counts and exports see one of them, its representative, which lists the
// files of all.

// agreementKey returns the key shared by the documents of one agreement,
// "" when r names no supplier (such a document is an agreement alone).
func agreementKey(r *extract.Record) string {
	supplier := extract.SupplierKey(r)
	if supplier == "" {
		return ""
	}
	fields := *r
	fields.Source = corpus.Source{}
	fields.Evidence, fields.Warnings, fields.ExtractorVersion = nil, nil, ""
	fields.Processor.Name = nil // as written; the supplier key stands for it
	// Purposes are free text that each format wraps a little differently;
	// the signature block and term are read from the same text.
	fields.Purposes, fields.Signature, fields.Term, fields.Annexes = nil, extract.Signature{}, extract.Term{}, nil
	// Of a sub-processor only the contract's fields (GOLD.md): its purpose
	// and places are free text that each format words a little differently.
	fields.Subprocessors = make([]extract.Subprocessor, len(r.Subprocessors))
	for i, s := range r.Subprocessors {
		fields.Subprocessors[i] = extract.Subprocessor{Name: s.Name, Countries: s.Countries}
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return ""
	}
	h := sha256.New()
	h.Write([]byte(supplier + "\x00" + r.Kind + "\x00"))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// formatRank orders the formats of one agreement for choosing the
// representative: the text layer of a PDF first (what was signed), then a
// Word document, HTML, plain text; a document read by OCR comes after all.
var formatRank = map[corpus.Format]int{corpus.FormatPDF: 0, corpus.FormatDOCX: 1, corpus.FormatHTML: 2, corpus.FormatText: 3}

// documentRank returns the rank of a document among the documents of its
// agreement: lower is preferred.
func documentRank(doc *corpus.Document, r *extract.Record) int {
	rank, ok := formatRank[r.Source.Format]
	if !ok {
		rank = len(formatRank)
	}
	if doc != nil {
		for _, p := range doc.Pages {
			if p.OCR {
				rank += 10
				break
			}
		}
	}
	return rank
}

// agreements groups the live documents of m by agreement key; each group
// is sorted with its representative first (lowest rank, then id).
func agreements(m *manifest, live func(id string) bool) map[string][]string {
	groups := map[string][]string{}
	for id, d := range m.Docs {
		if d.Agreement != "" && live(id) {
			groups[d.Agreement] = append(groups[d.Agreement], id)
		}
	}
	for _, ids := range groups {
		sort.Slice(ids, func(i, j int) bool {
			a, b := m.Docs[ids[i]], m.Docs[ids[j]]
			return a.Rank < b.Rank || a.Rank == b.Rank && ids[i] < ids[j]
		})
	}
	return groups
}
