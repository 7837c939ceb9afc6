// Package layouts holds the layout property test: every invented agreement
// of testdata/layoutgen, in every layout and every format dpa reads (text or
// Markdown, HTML, DOCX, PDF), goes through corpus.Open and extract.Extract,
// and each field of the record it must yield — known by construction — is
// compared with what extraction found. Known gaps are listed, one line of
// reason each, in knownGaps; the test fails when one closes or a new one
// appears.
package layouts

//go:generate go run ../../testdata/layoutgen/render -out ../../testdata/layouts
