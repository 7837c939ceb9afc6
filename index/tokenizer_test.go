package index

import (
	"math/rand"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/dpa-nl/dpa/normalize/normtest"
)

// TestASCIITokenizer holds asciiTokenizer to bleve's unicode tokenizer:
// the same tokens (term, offsets, position, type) on every line and
// paragraph of the fixtures, on numbers, names, addresses and URLs, and
// on 50,000 random strings of letters, digits, every ASCII punctuation
// mark, whitespace, accented letters, curly quotes, combining marks and
// bytes that are not UTF-8.
func TestASCIITokenizer(t *testing.T) {
	texts := normtest.Texts(t, "../testdata/*/*.txt", "../testdata/*/*.md", "../testdata/*/*/*.txt", "../testdata/*/*.html")
	texts = append(texts, "", " ", "a", "_", "__", "1_", "_1", "a_", "1,000.50", "1.000,00", "3.5a", "a.b.c.", "B.V.", "v.o.f", "a:b", "a::b",
		"a'b", "1'2", "a.1", "1.a", "a1.2", "1a.b", "1a:2", "a_:b", "a..b", "..", "’s-Hertogenbosch", "info@leer-wijs.nl", "https://x.nl/a_b?c=1;d",
		"art. 28 lid 3", "NL12 ABCD 0123 4567 89", "e-mail", "café's", "naïef", "x\u0301y", "a\u00adb", "\xffab cd", "ab \xff cd", "a\tb\nc\r\nd\fe\vf")
	pieces := []string{"a", "Z", "q", "0", "7", "_", ".", ",", ";", ":", "'", "\"", "-", "/", "@", "!", "(", ")", " ", " ", "\t", "\n", "\r",
		"é", "ë", "’", "“", "\u0301", "\u00ad", "\u200d", "日", "ア", "\xff", "\xc3", "\x00", "\x7f", "ß"}
	r := rand.New(rand.NewSource(13))
	for i := 0; i < 50000; i++ {
		var s []byte
		for j := r.Intn(16); j >= 0; j-- {
			s = append(s, pieces[r.Intn(len(pieces))]...)
		}
		texts = append(texts, string(s))
	}
	theirs := unicode.NewUnicodeTokenizer()
	for _, s := range texts {
		got, want := tokens(asciiTokenizer{}.Tokenize([]byte(s))), tokens(theirs.Tokenize([]byte(s)))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", s, got, want)
		}
	}
}

func tokens(ts analysis.TokenStream) []analysis.Token {
	out := []analysis.Token{}
	for _, t := range ts {
		out = append(out, *t)
	}
	return out
}
