package review

import (
	"strings"
	"unicode"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// Alignment is how an article of the agreement compares with the model's.
type Alignment string

// The alignments of an article.
const (
	// Identical: the same words (white space aside).
	Identical Alignment = "identical"
	// Editorial: case, punctuation, the party's name or a few words that
	// change no duty.
	Editorial Alignment = "editorial"
	// Substantive: words that change a duty (a number, a negation, a
	// modal verb, a deadline) or many words.
	Substantive Alignment = "substantive"
	// MissingArticle: the model's article has no counterpart.
	MissingArticle Alignment = "missing"
	// Added: the agreement's article is not in the model.
	Added Alignment = "added"
)

// Segment is a run of words of a word-level diff: equal in both texts,
// only in the model (delete) or only in the agreement (insert).
type Segment struct {
	Op   string `json:"op"` // equal, delete, insert
	Text string `json:"text"`
}

// ArticleDiff compares one article of the agreement with the model's.
type ArticleDiff struct {
	// Number and Title are the model's article, or the agreement's for an
	// added one; Agreement names the agreement's heading it was aligned with.
	Number    string    `json:"number"`
	Title     string    `json:"title"`
	Agreement string    `json:"agreement_heading,omitempty"`
	Alignment Alignment `json:"alignment"`
	// Model and Text are the two articles' bodies; Diff the word-level
	// difference from Model to Text.
	Model string    `json:"model,omitempty"`
	Text  string    `json:"text,omitempty"`
	Diff  []Segment `json:"diff,omitempty"`
	// Page is where the agreement's article starts.
	Page int `json:"page,omitempty"`
}

// article is one Artikel of a text: its number, title words and body.
type article struct {
	number, title, heading, body string
	start                        int
}

var articleTitleRe = normalize.Pattern(`(?i)^[ \t#*]*Artikel\s+\d+\b[ \t.:–-]*`)

func articles(text string) []article {
	var out []article
	for _, s := range extract.Outline(text) {
		if s.Kind != extract.SectionArticle || s.Annex != "" {
			continue
		}
		body := text[s.Start:s.End]
		if i := strings.IndexByte(body, '\n'); i >= 0 {
			body = body[i+1:]
		} else {
			body = ""
		}
		title := strings.TrimSpace(articleTitleRe.ReplaceAllString(s.Heading, ""))
		out = append(out, article{s.Number, title, s.Heading, strings.TrimSpace(body), s.Start})
	}
	return out
}

// titleKey folds an article title for matching: lower case, letters and digits only,
// Bewerker read as Verwerker.
func titleKey(t string) string {
	t = strings.ToLower(t)
	t = strings.ReplaceAll(t, "bewerk", "verwerk")
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, t)
}

// Compare aligns each article of the agreement text with the article of
// the model text of the same title (else the same number) and says how
// they differ. Model articles without a counterpart are missing, the
// agreement's others added.
func Compare(model, text string, pageAt func(int) int) []ArticleDiff {
	ms, as := articles(model), articles(text)
	used := make([]bool, len(as))
	var out []ArticleDiff
	for _, m := range ms {
		j := -1
		for i, a := range as {
			if !used[i] && titleKey(a.title) != "" && titleKey(a.title) == titleKey(m.title) {
				j = i
				break
			}
		}
		if j < 0 {
			for i, a := range as {
				if !used[i] && a.number == m.number && wordOverlap(a.title, m.title) {
					j = i
					break
				}
			}
		}
		d := ArticleDiff{Number: m.number, Title: m.title, Model: m.body}
		if j < 0 {
			d.Alignment = MissingArticle
			out = append(out, d)
			continue
		}
		used[j] = true
		a := as[j]
		d.Agreement, d.Text, d.Page = a.heading, a.body, pageAt(a.start)
		d.Diff = wordDiff(m.body, a.body)
		d.Alignment = classify(m.body, a.body, d.Diff)
		out = append(out, d)
	}
	for i, a := range as {
		if !used[i] {
			out = append(out, ArticleDiff{Number: a.number, Title: a.title, Agreement: a.heading, Alignment: Added, Text: a.body, Page: pageAt(a.start)})
		}
	}
	return out
}

// wordOverlap reports whether two titles share a word of four letters or more.
func wordOverlap(a, b string) bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(a)) {
		if len(w) >= 4 {
			words[w] = true
		}
	}
	for _, w := range strings.Fields(strings.ToLower(b)) {
		if words[w] {
			return true
		}
	}
	return a == "" && b == ""
}

// wordDiff is the word-level difference from a to b: the longest common
// subsequence of their words, runs of words joined by single spaces; an
// equal run is written as b has it.
func wordDiff(a, b string) []Segment {
	x, y := strings.Fields(a), strings.Fields(b)
	n, m := len(x), len(y)
	// Words are compared folded: "*zonder*" (Markdown emphasis) and
	// "zonder," are the word "zonder".
	key := func(ws []string) []string {
		out := make([]string, len(ws))
		for i, w := range ws {
			if out[i] = titleKey(w); out[i] == "" {
				out[i] = w
			}
		}
		return out
	}
	kx, ky := key(x), key(y)
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if kx[i] == ky[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Segment
	add := func(op, w string) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += " " + w
			return
		}
		out = append(out, Segment{op, w})
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case kx[i] == ky[j]:
			add("equal", y[j])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			add("delete", x[i])
			i++
		default:
			add("insert", y[j])
			j++
		}
	}
	for ; i < n; i++ {
		add("delete", x[i])
	}
	for ; j < m; j++ {
		add("insert", y[j])
	}
	return out
}

// dutyWordRe is a word whose change changes a duty: a number, a negation,
// a modal verb, a period, consent.
var dutyWordRe = normalize.Lazy(`(?i)^(?:\d.*|niet|geen|nooit|nimmer|mag|mogen|kan|kunnen|moet|moeten|zal|zullen|dient|verplicht\w*|uitsluitend|alleen|binnen|uiterlijk|uur|dagen|weken|maanden|jaar|jaren|toestemming|schriftelijk\w*|voorafgaand\w*|onverwijld|zonder|tenzij|redelijke?|beperkt|uitgesloten|aansprakelijk\w*|vergoeding|kosten)$`)

// maxEditorialWords is the most changed words an editorial change has.
const maxEditorialWords = 6

// classify says how much the diff from a to b changes.
func classify(a, b string, diff []Segment) Alignment {
	if strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ") {
		return Identical
	}
	var del, ins []string
	for _, s := range diff {
		switch s.Op {
		case "delete":
			del = append(del, strings.Fields(s.Text)...)
		case "insert":
			ins = append(ins, strings.Fields(s.Text)...)
		}
	}
	if len(del) == 0 && len(ins) == 0 {
		return Editorial // case and punctuation
	}
	fold := func(ws []string) string {
		var b strings.Builder
		for _, w := range ws {
			b.WriteString(titleKey(w))
		}
		return b.String()
	}
	if fold(del) == fold(ins) {
		return Editorial // case, punctuation, Bewerker for Verwerker
	}
	if len(del)+len(ins) > 2*maxEditorialWords {
		return Substantive
	}
	for _, w := range append(del, ins...) {
		if dutyWordRe.MatchString(strings.Trim(w, ".,;:()“”\"'")) {
			return Substantive
		}
	}
	return Editorial
}
