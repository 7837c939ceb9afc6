package index

import (
	"math"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// compile turns a parsed query into a bleve query.
func compile(n Node) query.Query {
	switch n := n.(type) {
	case *And:
		return bleve.NewConjunctionQuery(compile(n.Left), compile(n.Right))
	case *Or:
		return bleve.NewDisjunctionQuery(compile(n.Left), compile(n.Right))
	case *Not:
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(compile(n.X))
		return b
	case *Term:
		return compileTerm(n)
	}
	return bleve.NewMatchNoneQuery()
}

func compileTerm(t *Term) query.Query {
	if t.Field == nil || t.Field.kind == kindText {
		if !t.Phrase && t.Value == "*" {
			return bleve.NewMatchAllQuery()
		}
		return textQuery(fText, dutchAnalyzer, t.Value, t.Phrase)
	}
	f := t.Field
	switch f.kind {
	case kindName:
		return textQuery(f.words, nameAnalyzer, t.Value, t.Phrase)
	case kindKeyword:
		if t.ordered {
			return numberRange(f.ordered, t.num)
		}
		q := bleve.NewTermQuery(t.key)
		q.SetField(f.index)
		return q
	case kindPath:
		q := bleve.NewWildcardQuery("*" + escapeWildcard(t.Value) + "*")
		q.SetField(f.index)
		return q
	case kindBool:
		q := bleve.NewBoolFieldQuery(t.bool_)
		q.SetField(f.index)
		return q
	case kindNumber:
		return numberRange(f.index, t.num)
	case kindDate:
		var lo, hi time.Time
		if p := bound(t.num.lo); p != nil {
			lo = time.Unix(int64(*p), 0).UTC()
		}
		if p := bound(t.num.hi); p != nil {
			hi = time.Unix(int64(*p), 0).UTC()
		}
		q := bleve.NewDateRangeInclusiveQuery(lo, hi, &t.num.loInc, &t.num.hiInc)
		q.SetField(f.index)
		return &filterQuery{q}
	}
	return bleve.NewMatchNoneQuery()
}

// numberRange is the range query of interval iv in number field field.
func numberRange(field string, iv interval) query.Query {
	return &rangeQuery{field: field, lo: iv.lo, hi: iv.hi, loInc: iv.loInc, hiInc: iv.hiInc}
}

// textQuery matches value in an analysed field: a phrase, a prefix
// (value ending in *) or all of its words.
func textQuery(field, analyzer, value string, phrase bool) query.Query {
	if phrase {
		q := bleve.NewMatchPhraseQuery(value)
		q.SetField(field)
		q.Analyzer = analyzer
		return &phraseQuery{q}
	}
	if isPrefix(value) {
		q := bleve.NewPrefixQuery(prefixOf(value))
		q.SetField(field)
		return q
	}
	q := bleve.NewMatchQuery(value)
	q.SetField(field)
	q.Analyzer = analyzer
	q.SetOperator(query.MatchQueryOperatorAnd)
	return q
}

// bound returns nil for an infinite end of a range.
func bound(x float64) *float64 {
	if math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// escapeWildcard escapes the wildcard characters of a literal.
func escapeWildcard(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`)
	return r.Replace(s)
}
