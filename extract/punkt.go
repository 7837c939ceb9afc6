package extract

// This file builds prose/v2's Punkt sentence tokenizer once per process.
// prose.NewDocument builds a new tokenizer, and so decodes its 400 KB
// English training data again, for every document (about a quarter of
// Extract's CPU time), and prose does not export the tokenizer. So the
// tokenizer is built here the way prose v2.0.0 (segment.go, MIT licence,
// Copyright (c) 2015 Eric Bower) builds it, from the same neurosnap
// sentences model, with prose's two refinements (sentence-end characters,
// multi-dot abbreviations) carried over unchanged. Tokenize only reads
// the shared model (training data, punctuation, annotations); the tokens
// it annotates are its own, so one tokenizer serves the whole worker pool.
// TestPunktMatchesProse checks that it splits exactly as prose does.

import (
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/normalize"
	punktlib "gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// punkt returns the shared sentence tokenizer, built on first use; nil if
// the embedded model cannot be loaded.
var punkt = sync.OnceValue(func() *punktlib.DefaultSentenceTokenizer {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil
	}
	training, err := punktlib.LoadTraining(b)
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
	punktParens      = []string{`.[`, `.(`, `."`, `?[`, `?(`, `![`, `!(`}
	punktEntitiesRe  = normalize.Lazy(`Yahoo!`)
	punktAbbrRe      = normalize.Lazy(`((?:[\w]\.)+[\w]*\.)`)
	punktEllipsisRe  = normalize.Lazy(`(?:\.\s?){2,}\.`)
	punktInternalEnd = []string{")", `’`, `”`, `"`, `'`}
)

// HasSentEndChars reports whether t ends a sentence by its characters.
func (e *punktWords) HasSentEndChars(t *punktlib.Token) bool {
	for _, ender := range punktEnders {
		if strings.HasSuffix(t.Tok, ender) && !punktEntitiesRe.MatchString(t.Tok) {
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
	isEllipsis := punktEllipsisRe.MatchString(one.Tok)
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
	if len(punktAbbrRe.FindAllString(one.Tok, 1)) == 0 || a.IsInitial(one) {
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
