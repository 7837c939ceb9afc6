package extract

// This file builds prose/v2's Punkt sentence tokenizer once per process.
// prose.NewDocument builds a new tokenizer, and so decodes its 400 KB
// English training data again, for every document (about a quarter of
// Extract's CPU time), and prose does not export the tokenizer. So the
// tokenizer is built here the way prose v2.0.0 (segment.go, MIT licence,
// Copyright (c) 2015 Eric Bower) builds it, from the same neurosnap
// sentences model (loaded from punktmodel's copy of it), with prose's two refinements (sentence-end characters,
// multi-dot abbreviations) carried over unchanged. Tokenize only reads
// the shared model (training data, punctuation, annotations); the tokens
// it annotates are its own, so one tokenizer serves the whole worker pool.
// TestPunktMatchesProse checks that it splits exactly as prose does.

import (
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/extract/internal/punktmodel"
	"github.com/dpa-nl/dpa/normalize"
	punktlib "gopkg.in/neurosnap/sentences.v1"
)

// punkt returns the shared sentence tokenizer, built on first use; nil if
// the embedded model cannot be loaded.
var punkt = sync.OnceValue(func() *punktlib.DefaultSentenceTokenizer {
	// the library's data/english.json, as LoadTraining reads it, without
	// its gunzip and JSON decode (punktmodel holds it to the library's)
	training, err := punktmodel.English()
	if err != nil {
		return nil
	}
	for _, abbr := range []string{"sgt", "gov", "no", "mt"} { // prose's additions
		training.AbbrevTypes.Add(abbr)
	}
	lang := punktlib.NewPunctStrings()
	word := &punktWords{}
	word.PunctStrings = lang
	annotations := punktlib.NewAnnotations(training, lang, word)
	ortho := &punktlib.OrthoContext{Storage: training, PunctStrings: lang, TokenType: word, TokenFirst: word}
	annotations = append(annotations, &punktMultiDot{
		Storage: training, TokenParser: word, TokenGrouper: &punktlib.DefaultTokenGrouper{}, Ortho: ortho,
	})
	return &punktlib.DefaultSentenceTokenizer{
		Storage: training, PunctStrings: lang, WordTokenizer: word, Annotations: annotations,
	}
})

// punktSentences returns the sentence texts prose.NewDocument(text).Sentences()
// returns: the tokenizer's sentences, trimmed of white space.
func punktSentences(text string) []string {
	t := punkt()
	if t == nil {
		return nil
	}
	toks := t.Tokenize(text)
	out := make([]string, len(toks))
	for i, s := range toks {
		out[i] = strings.TrimSpace(s.Text)
	}
	return out
}

// punktWords is prose's word tokenizer: it also takes a closing quote or
// bracket after the end mark, and "?"/"!", as a sentence end.
type punktWords struct {
	punktlib.DefaultWordTokenizer
}

var (
	punktEnders = []string{
		`."`, `.)`, `.’`, `.”`,
		`?`, `?"`, `?'`, `?)`, `?’`, `?”`,
		`!`, `!"`, `!'`, `!)`, `!’`, `!”`,
	}
	punktParens = []string{`.[`, `.(`, `."`, `?[`, `?(`, `![`, `!(`}
	// prose's rules, which punktWords and punktMultiDot follow by hand
	// (TestPunktRules holds them to it)
	punktEntitiesRe  = normalize.Lazy(`Yahoo!`)
	punktAbbrRe      = normalize.Lazy(`((?:[\w]\.)+[\w]*\.)`)
	punktEllipsisRe  = normalize.Lazy(`(?:\.\s?){2,}\.`)
	punktInternalEnd = []string{")", `’`, `”`, `"`, `'`}
)

// HasSentEndChars reports whether t ends a sentence by its characters.
func (e *punktWords) HasSentEndChars(t *punktlib.Token) bool {
	for _, ender := range punktEnders {
		if strings.HasSuffix(t.Tok, ender) && !strings.Contains(t.Tok, "Yahoo!") { // punktEntitiesRe
			return true
		}
	}
	for _, paren := range punktParens {
		if strings.Contains(t.Tok, paren) {
			return true
		}
	}
	return false
}

// punktMultiDot is prose's multiPunctWordAnnotation: it takes "x.y."
// tokens for abbreviations and repairs ellipses and breaks after a
// closing bracket or quote.
type punktMultiDot struct {
	*punktlib.Storage
	punktlib.TokenParser
	punktlib.TokenGrouper
	punktlib.Ortho
}

// Annotate marks the sentence breaks and abbreviations in tokens.
func (a *punktMultiDot) Annotate(tokens []*punktlib.Token) []*punktlib.Token {
	for _, pair := range a.TokenGrouper.Group(tokens) {
		if len(pair) < 2 || pair[1] == nil {
			if tok := pair[0].Tok; strings.Contains(tok, "\n") && strings.Contains(tok, " ") {
				pair[0].SentBreak = false // an errant newline
			}
			continue
		}
		a.tokenAnnotation(pair[0], pair[1])
	}
	return tokens
}

func (a *punktMultiDot) tokenAnnotation(one, two *punktlib.Token) {
	if strings.HasSuffix(one.Tok, ".") && two.Tok == "." { // an ellipsis split in two
		one.SentBreak = false
		two.SentBreak = false
		return
	}
	isNonBreak := strings.HasSuffix(one.Tok, ".") && !one.SentBreak
	isEllipsis := punktEllipsis(one.Tok)
	isInternal := one.SentBreak && hasAnySuffix(one.Tok, punktInternalEnd)
	var nextTyp string // an expensive calculation, done at most once
	if isNonBreak || isEllipsis || isInternal {
		nextTyp = a.TokenParser.TypeNoSentPeriod(two)
		isStarter := a.SentStarters[nextTyp]
		if isEllipsis && (a.TokenParser.FirstUpper(two) || isStarter != 0) {
			one.SentBreak = true
			return
		}
		if isInternal && a.TokenParser.FirstLower(two) && isStarter == 0 {
			one.SentBreak = false
			return
		}
		if isNonBreak && a.TokenParser.FirstUpper(two) && a.Storage.OrthoContext[nextTyp]&112 != 0 {
			one.SentBreak = true
		}
	}
	if !punktAbbr(one.Tok) || a.IsInitial(one) {
		return
	}
	one.Abbr = true
	one.SentBreak = false
	// orthographic evidence that the next word starts a sentence
	if a.Ortho.Heuristic(two) == 1 {
		one.SentBreak = true
		return
	}
	if nextTyp == "" {
		nextTyp = a.TokenParser.TypeNoSentPeriod(two)
	}
	// a capitalised frequent sentence starter
	if a.TokenParser.FirstUpper(two) && a.SentStarters[nextTyp] != 0 {
		one.SentBreak = true
	}
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// punktEllipsis is punktEllipsisRe.MatchString: three full stops, with at
// most one white-space character after each of the first two. A token
// holds no white space but when it is the whole text.
func punktEllipsis(tok string) bool {
	if strings.ContainsAny(tok, asciiSpace) {
		return punktEllipsisRe.MatchString(tok)
	}
	return strings.Contains(tok, "...")
}

// punktAbbr reports whether punktAbbrRe matches tok: a word character
// and a full stop, then word characters and a full stop ("o.a.", "B.V.").
// A longer match ("t.b.v.") opens with such a one.
func punktAbbr(tok string) bool {
	for i := 0; i+2 < len(tok); i++ {
		if !isRegexpWord(tok[i]) || tok[i+1] != '.' {
			continue
		}
		j := i + 2
		for j < len(tok) && isRegexpWord(tok[j]) {
			j++
		}
		if j < len(tok) && tok[j] == '.' {
			return true
		}
	}
	return false
}

// isRegexpWord reports whether c is a character of \w: an ASCII letter,
// digit or underscore.
func isRegexpWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// Type is the library's Type (a token in lower case, a number at its end
// as "##number##", without commas), without its regexp.
func (e *punktWords) Type(t *punktlib.Token) string {
	typ := strings.ToLower(t.Tok)
	if p := numberSuffix(typ); p >= 0 {
		typ = typ[:p] + "##number##"
	}
	if len(typ) == 1 {
		return typ
	}
	return strings.ReplaceAll(typ, ",", "")
}

// numberSuffix returns where the library's number pattern
// (-?[\.,]?\d[\d,\.-]*\.?$) matches s, -1 when it does not: the leftmost
// offset in the run of digits, commas, full stops and hyphens that ends s
// from which an optional hyphen and an optional comma or full stop lead to
// a digit.
func numberSuffix(s string) int {
	q := len(s)
	for q > 0 && isNumberByte(s[q-1]) {
		q--
	}
	for p := q; p < len(s); p++ {
		i := p
		if s[i] == '-' {
			i++
		}
		if i < len(s) && (s[i] == '.' || s[i] == ',') {
			i++
		}
		if i < len(s) && '0' <= s[i] && s[i] <= '9' {
			return p
		}
	}
	return -1
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == ',' || c == '.' || c == '-'
}

// TypeNoPeriod is the library's, with Type above.
func (e *punktWords) TypeNoPeriod(t *punktlib.Token) string {
	typ := e.Type(t)
	if len(typ) > 1 && typ[len(typ)-1] == '.' {
		return typ[:len(typ)-1]
	}
	return typ
}

// TypeNoSentPeriod is the library's, with Type above.
func (e *punktWords) TypeNoSentPeriod(t *punktlib.Token) string {
	if t.SentBreak {
		return e.TypeNoPeriod(t)
	}
	return e.Type(t)
}
