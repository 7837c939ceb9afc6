package index

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Limits on what one query may ask of the index. A prefix (verwerk*) or a
// path term stands for every word of the index it matches, and the search
// opens one reader per word: before these limits, a 2,000-byte query of
// one-letter prefixes (a* OR b* OR …) ran for 42 s in 5.4 GB on 56
// documents. The syntax has no other expanding terms (no fuzzy, regular
// expression or inner wildcard: "ab*cd" is two words).
const (
	// MaxExpandingTerms is the most prefix and path terms one query holds.
	MaxExpandingTerms = 10
	// MinPrefix is the fewest characters a prefix has before its *.
	MinPrefix = 2
	// MaxExpansion is the most index words the prefix and path terms of
	// one query may stand for together.
	MaxExpansion = 2000
)

// expanding reports whether t stands for many index words, and which:
// the words of field that start with prefix (a prefix term), or the
// paths that contain part (a path term).
func expanding(t *Term) (field, prefix, part string, ok bool) {
	if t.Phrase && (t.Field == nil || t.Field.kind != kindPath) {
		return "", "", "", false
	}
	if t.Field != nil && t.Field.kind == kindPath {
		return t.Field.index, "", t.Value, true
	}
	if !isPrefix(t.Value) {
		return "", "", "", false
	}
	field = fText
	if t.Field != nil {
		switch t.Field.kind {
		case kindText:
		case kindName:
			field = t.Field.words
		default:
			return "", "", "", false
		}
	}
	return field, prefixOf(t.Value), "", true
}

// isPrefix reports whether a word is a prefix term (ends in *, and is not
// the lone * that matches every document).
func isPrefix(value string) bool { return strings.HasSuffix(value, "*") && len(value) > 1 }

// prefixOf returns what the index words of a prefix term start with.
func prefixOf(value string) string { return strings.ToLower(strings.TrimSuffix(value, "*")) }

// checkLimits returns a *SyntaxError for a query with more expanding terms
// than MaxExpandingTerms or a prefix shorter than MinPrefix.
func checkLimits(q string, n Node) error {
	count := 0
	for _, t := range allTerms(n, nil) {
		_, prefix, _, ok := expanding(t)
		if !ok {
			continue
		}
		if count++; count > MaxExpandingTerms {
			return syntaxError(q, t.ValOff, "too many prefix and path terms: at most %d in one query", MaxExpandingTerms)
		}
		if t.Field == nil || t.Field.kind != kindPath {
			if utf8.RuneCountInString(prefix) < MinPrefix {
				return syntaxError(q, t.ValOff, "prefix %s too short: type at least %d letters before the *", t.Value, MinPrefix)
			}
		}
	}
	return nil
}

// allTerms returns the terms of n in query order.
func allTerms(n Node, out []*Term) []*Term {
	switch n := n.(type) {
	case *And:
		return allTerms(n.Right, allTerms(n.Left, out))
	case *Or:
		return allTerms(n.Right, allTerms(n.Left, out))
	case *Not:
		return allTerms(n.X, out)
	case *Term:
		out = append(out, n)
	}
	return out
}

// checkExpansion counts the index words the expanding terms of n stand
// for and returns a *SyntaxError once they pass MaxExpansion, or ctx's
// error when it ends first. It reads only the term dictionaries, so a
// query too broad to run costs no more than MaxExpansion words.
func checkExpansion(ctx context.Context, bi bleve.Index, q string, n Node) error {
	total := 0
	for _, t := range allTerms(n, nil) {
		field, prefix, part, ok := expanding(t)
		if !ok {
			continue
		}
		var dict bindex.FieldDict
		var err error
		if part != "" {
			dict, err = bi.FieldDict(field)
		} else {
			dict, err = bi.FieldDictPrefix(field, []byte(prefix))
		}
		if err != nil {
			return err
		}
		own := 0
		for seen := 0; ; seen++ {
			if seen%256 == 0 && ctx.Err() != nil {
				dict.Close()
				return fmt.Errorf("expanding %s: %w", t.Value, ctx.Err())
			}
			e, err := dict.Next()
			if err != nil || e == nil {
				dict.Close()
				if err != nil {
					return err
				}
				break
			}
			if part != "" && !strings.Contains(e.Term, part) {
				continue
			}
			own++
			if total++; total > MaxExpansion {
				dict.Close()
				what := t.Value
				if t.Field != nil {
					what = t.Field.name + t.Op + t.Value
				}
				if own == total {
					return syntaxError(q, t.ValOff, "%s stands for more than %d words of the index, too many to search: type more letters", what, MaxExpansion)
				}
				return syntaxError(q, t.ValOff, "%s and the query's other prefix and path terms stand for more than %d words of the index, too many to search: type more letters", what, MaxExpansion)
			}
		}
	}
	return nil
}
