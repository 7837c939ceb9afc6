package extract

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/normalize"
)

// NotAgreement is the reason dpa gives for a file it skips because nothing
// in it belongs to the genre (see Genre).
const NotAgreement = "not an agreement"

// genreTerms are words of the genre: agreements on personal data and what
// auditors read beside them (privacy statements, security pages,
// sub-processor lists), in Dutch and English. A document needs
// minGenreTerms different ones to belong.
var genreTerms = []string{
	"persoonsgegeven", "verwerker", "verwerking", "verwerkt", "verwerken", "verwerkersovereenkomst",
	"bewerkersovereenkomst", "privacy", "privacyverklaring", "privacybeleid",
	"privacybijsluiter", "beveiligingsbijlage", "gegevensbescherming", "avg",
	"datalek", "subverwerker", "sub-verwerker", "betrokkene",
	"verwerkingsverantwoordelijke", "informatiebeveiliging", "leerlinggegeven",
	"gdpr", "personal data", "data protection", "processor", "sub-processor",
	"subprocessor", "data processing", "privacy policy", "privacy statement",
	"controller", "data breach", "security", "bewaartermijn", "beveiligingsmaatregel",
	"privacyreglement", "privacy notice", "personal information", "student data",
	"data retention", "retention period", "encryptie", "encryption",
}

// minGenreTerms is how many different genre terms a document needs.
const minGenreTerms = 2

// genreRE finds the genre terms, with a plural ending (s, en) if any.
var genreRE = cued(func() *normalize.Regexp {
	alts := make([]string, len(genreTerms))
	for i, t := range genreTerms {
		// a term of several words may wrap at a line end (PDF)
		alts[i] = strings.ReplaceAll(regexp.QuoteMeta(t), " ", `\s+`)
	}
	return normalize.Lazy(`(?i)\b(` + strings.Join(alts, "|") + `)(?:s|en)?\b`)
}())

// Lines of program source. A line counts as code only on evidence that
// prose and Markdown never give: a declaration keyword followed by code
// syntax, a line that only closes a block, a line ending in "{", an
// assignment, a call written without a space before its parenthesis and
// ending the line, a comment marker, ":=" or "=>". Markdown bullets
// ("* item", "- item"), headings ("# Titel") and prose lines ending in ":"
// or ";" (Dutch enumerations) are not code.
var (
	codeDeclRe   = normalize.Lazy(`^\s*(?:package\s+\w+\s*$|import\s+(?:[\w."/]+|\(|"\S+")\s*$|from\s+[\w.]+\s+import\b|func\s+[\w(]|def\s+\w+\s*\(|class\s+\w+\s*[:({]|(?:public|private|protected|static)\s+[\w<>\[\]]+\s+\w+\s*[({=;]|(?:var|let|const)\s+\w+\s*(?:[:=]|\w+\s*=)|function\s*\w*\s*\(|#include\b|#!/|using\s+[\w.]+\s*;|namespace\s+[\w.]+|fn\s+\w+\s*[(<]|impl\b.*\{|struct\s+\w+\s*\{|type\s+\w+\s+(?:struct|interface|func|\w+)|(?:if|elif|while|for|with|except)\b[^.]*:\s*$|(?:else|try|finally)\s*:\s*$|return\b(?:\s+[\w.()\[\]"'+\-*/,<>=!&| ]*)?;?\s*$)`)
	codeCloserRe = normalize.Lazy(`^\s*[})\]]+[;,)]*\s*$`)
	codeShapeRe  = normalize.Lazy(`\{\s*$|:=|=>|^\s*(?://|/\*)|^\s*[\w.\[\]"']+\s*[-+*/|]?=\s*\S|\w\([^()]*\)\s*[;,{]?\s*$`)
	// markdownLineRe is a Markdown bullet, heading, quote or table row.
	markdownLineRe = normalize.Lazy(`^\s*(?:[-*+•]\s+\p{L}|#{1,6}\s+\p{L}|>\s|\|)`)
)

// isCodeLine reports whether l is a line of program source.
func isCodeLine(l string) bool {
	if markdownLineRe.MatchString(l) && !strings.ContainsAny(l, "{};=") {
		return false
	}
	return codeDeclRe.MatchString(l) || codeCloserRe.MatchString(l) || codeShapeRe.MatchString(l)
}

// Genre reports whether doc belongs to the genre dpa reads: an agreement
// (any kind the extractors recognise), or a text with the vocabulary of
// one, such as a privacy statement, a supplier's privacy or security page
// or a list of sub-processors (these stay, of kind other, since auditors
// search them too). Program source and data files (JSON) are never of the
// genre, whatever words they hold. When it does not belong, Genre says why
// in a few words.
func Genre(doc *corpus.Document, rec *Record) (bool, string) {
	if doc.Source.Format == corpus.FormatText {
		if why := machineText(doc.Text); why != "" {
			return false, why
		}
	}
	if rec != nil && rec.Kind != "other" {
		return true, ""
	}
	seen := map[string]bool{}
	for _, m := range genreRE.FindAllStringSubmatch(doc.Text, -1) {
		seen[strings.Join(strings.Fields(strings.ToLower(m[1])), " ")] = true
		if len(seen) >= minGenreTerms {
			return true, ""
		}
	}
	return false, "no privacy or agreement vocabulary"
}

// machineText says what t is when it is written for a machine rather than
// a reader ("JSON data", "program source"), and "" otherwise.
func machineText(t string) string {
	s := strings.TrimSpace(t)
	if s == "" {
		return ""
	}
	if (s[0] == '{' || s[0] == '[') && json.Valid([]byte(s)) {
		return "JSON data"
	}
	if s[0] == '{' || s[0] == '[' {
		// JSON Lines: every line a JSON value.
		lines, valid := 0, 0
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines++
				if json.Valid([]byte(l)) {
					valid++
				}
			}
		}
		if lines > 0 && valid == lines {
			return "JSON data"
		}
	}
	lines, code := 0, 0
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lines++
		if isCodeLine(l) {
			code++
		}
	}
	if lines >= 5 && code*2 >= lines {
		return "program source"
	}
	return ""
}
