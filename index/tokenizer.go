package index

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/segment"
)

// The word tokenizer.
//
// bleve's unicode tokenizer splits a text into words by the Unicode word
// boundaries (UAX #29), with a generated state machine run once per word:
// a tenth of the CPU of writing an index. Nearly every word of an
// agreement is plain ASCII between spaces, and for those the rules come
// down to a few: letters, digits and "_" join; ":" "." "'" join two
// letters, "," ";" "." "'" two digits; anything else stands alone and is
// no word. asciiTokenizer applies those to each run of ASCII between
// whitespace and gives every other run (an accent, a curly quote, a byte
// that is not UTF-8) to bleve's segmenter, which no word boundary crosses
// whitespace to see. Its tokens are bleve's, with the same terms,
// offsets, positions and types (TestASCIITokenizer).
const asciiTokenizerName = "dpa_unicode"

func init() {
	registry.RegisterTokenizer(asciiTokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return asciiTokenizer{}, nil
	})
}

// asciiTokenizer is the tokenizer asciiTokenizerName.
type asciiTokenizer struct{}

// unicodeTokenizer is bleve's, for a text that is not UTF-8.
var unicodeTokenizer = unicode.NewUnicodeTokenizer()

// char classes of ASCII for word boundaries (UAX #29's Word_Break values
// as blevesearch/segment's tables give them).
const (
	cOther     = iota
	cSpace     // whitespace: no word crosses it
	cLetter    // ALetter
	cDigit     // Numeric
	cUnder     // ExtendNumLet: _
	cMidLetter // MidLetter: :
	cMidNum    // MidNum: , ;
	cMidBoth   // MidNumLet and Single_Quote: . '
)

var asciiClass = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = cLetter, cLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	for _, c := range " \t\n\v\f\r" {
		t[c] = cSpace
	}
	t['_'], t[':'], t[','], t[';'], t['.'], t['\''] = cUnder, cMidLetter, cMidNum, cMidNum, cMidBoth, cMidBoth
	return t
}()

// Tokenize returns the words of input, as bleve's unicode tokenizer does.
// A text that is not UTF-8 is left to that tokenizer whole: how its
// segmenter reads a broken byte sequence depends on what follows it, even
// across whitespace.
func (asciiTokenizer) Tokenize(input []byte) analysis.TokenStream {
	if !utf8.Valid(input) {
		return unicodeTokenizer.Tokenize(input)
	}
	out := make(analysis.TokenStream, 0, len(input)/6+1)
	var slab []analysis.Token
	pos := 1
	emit := func(start, end int, typ analysis.TokenType) {
		if len(slab) == 0 {
			slab = make([]analysis.Token, min(256, len(input)/6+1))
		}
		t := &slab[0]
		slab = slab[1:]
		t.Term, t.Start, t.End, t.Position, t.Type = input[start:end], start, end, pos, typ
		out = append(out, t)
		pos++
	}
	for i := 0; i < len(input); {
		if c := input[i]; c < 0x80 && asciiClass[c] == cSpace {
			i++
			continue
		}
		// a run of non-whitespace
		end, ascii := i, true
		for end < len(input) && (input[end] >= 0x80 || asciiClass[input[end]] != cSpace) {
			ascii = ascii && input[end] < 0x80
			end++
		}
		if ascii {
			asciiWords(input, i, end, emit)
		} else {
			unicodeWords(input, i, end, emit)
		}
		i = end
	}
	return out
}

// asciiWords emits the words of input[start:end], ASCII without whitespace.
func asciiWords(input []byte, start, end int, emit func(int, int, analysis.TokenType)) {
	i := start
	for i < end {
		c := asciiClass[input[i]]
		if c != cLetter && c != cDigit && c != cUnder {
			i++ // no word: punctuation standing alone
			continue
		}
		w, prev, letters, digits := i, c, c == cLetter, c == cDigit
	word:
		for i++; i < end; i++ {
			next := asciiClass[input[i]]
			switch {
			case next == cLetter || next == cDigit || next == cUnder:
			case i+1 < end && prev == cLetter && (next == cMidLetter || next == cMidBoth) && asciiClass[input[i+1]] == cLetter,
				i+1 < end && prev == cDigit && (next == cMidNum || next == cMidBoth) && asciiClass[input[i+1]] == cDigit:
				i++ // the middle character and the one it joins
				next = asciiClass[input[i]]
			default:
				break word
			}
			prev = next
			letters = letters || next == cLetter
			digits = digits || next == cDigit
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		emit(w, i, typ)
	}
}

// unicodeWords emits the words bleve's segmenter finds in input[start:end].
func unicodeWords(input []byte, start, end int, emit func(int, int, analysis.TokenType)) {
	s := segment.NewWordSegmenterDirect(input[start:end])
	at := start
	for s.Segment() {
		n := len(s.Bytes())
		if typ := s.Type(); typ != segment.None {
			emit(at, at+n, segmentType(typ))
		}
		at += n
	}
}

// segmentType is bleve's token type of a segment type (its unicode
// tokenizer's convertType).
func segmentType(t int) analysis.TokenType {
	switch t {
	case segment.Ideo, segment.Kana:
		return analysis.Ideographic
	case segment.Number:
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
