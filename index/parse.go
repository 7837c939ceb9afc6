package index

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The query syntax auditors type:
//
//	query   = or
//	or      = and { "OR" and }
//	and     = unary { ["AND"] unary }        juxtaposition means AND
//	unary   = ("NOT" | "-") unary | primary
//	primary = "(" or ")" | term
//	term    = WORD | PHRASE | FIELD OP (WORD | PHRASE)
//	OP      = ":" | "=" | ">" | ">=" | "<" | "<="
//
// WORD is a run of characters without white space, quotes or parentheses
// (a trailing * makes it a prefix); PHRASE is text in double quotes;
// FIELD is a name from the fields table (see fields.go).

// SyntaxError is a query that cannot be parsed, or that is too broad to
// run (see MaxExpansion): Msg says what is wrong at byte offset Offset of
// Query (Column counts characters from 1).
type SyntaxError struct {
	Query  string
	Offset int
	Column int
	Msg    string
}

// Error returns the message, the query and a caret under the bad part.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("column %d: %s\n  %s\n  %s^", e.Column, e.Msg, e.Query, strings.Repeat(" ", e.Column-1))
}

func syntaxError(q string, off int, format string, args ...interface{}) *SyntaxError {
	if off > len(q) {
		off = len(q)
	}
	return &SyntaxError{Query: q, Offset: off, Column: utf8.RuneCountInString(q[:off]) + 1, Msg: fmt.Sprintf(format, args...)}
}

// Node is a parsed query: *And, *Or, *Not or *Term.
type Node interface{ pos() int }

// And matches documents that match both sides.
type And struct{ Left, Right Node }

// Or matches documents that match either side.
type Or struct{ Left, Right Node }

// Not matches documents that do not match X.
type Not struct {
	X   Node
	Off int
}

// Term is one condition: free text (Field "") or a field compared to a value.
type Term struct {
	Field  *fieldSpec // nil for free text
	Op     string     // ":", "=", ">", ">=", "<", "<="; "" for free text
	Value  string
	Phrase bool // Value was quoted
	Off    int  // byte offset of the term in the query
	ValOff int  // byte offset of the value
	// parsed forms of Value, set by the field's parser
	num     interval
	bool_   bool
	key     string
	ordered bool // a keyword field compared as a number (model<4.0)
}

func (n *And) pos() int  { return n.Left.pos() }
func (n *Or) pos() int   { return n.Left.pos() }
func (n *Not) pos() int  { return n.Off }
func (n *Term) pos() int { return n.Off }

type tokenKind int

const (
	tEOF tokenKind = iota
	tWord
	tPhrase
	tField // a field name followed by an operator: text is the name, op the operator
	tLParen
	tRParen
	tAnd
	tOr
	tNot
)

type token struct {
	kind tokenKind
	text string
	op   string
	off  int // byte offset
	end  int
}

// comparison operators, longest first.
var operators = []string{">=", "<=", ":", "=", ">", "<"}

// lex splits q into tokens.
func lex(q string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(q) {
		r, size := utf8.DecodeRuneInString(q[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '(':
			toks = append(toks, token{kind: tLParen, text: "(", off: i, end: i + 1})
			i++
		case r == ')':
			toks = append(toks, token{kind: tRParen, text: ")", off: i, end: i + 1})
			i++
		case r == '"':
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return nil, syntaxError(q, i, "unterminated quote: add a closing \"")
			}
			toks = append(toks, token{kind: tPhrase, text: q[i+1 : i+1+end], off: i, end: i + end + 2})
			i += end + 2
		case r == '-' && i+1 < len(q) && !unicode.IsSpace(rune(q[i+1])) && (i == 0 || strings.ContainsRune(" \t\n(", rune(q[i-1]))):
			toks = append(toks, token{kind: tNot, text: "-", off: i, end: i + 1})
			i++
		default:
			j := i
			for j < len(q) {
				r, size := utf8.DecodeRuneInString(q[j:])
				if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' {
					break
				}
				j += size
			}
			toks = append(toks, wordToken(q[i:j], i)...)
			i = j
		}
	}
	return append(toks, token{kind: tEOF, off: len(q), end: len(q)}), nil
}

// wordToken turns one word into an operator keyword, a field with its
// operator (and value, when it follows without a space), or a plain word.
func wordToken(w string, off int) []token {
	switch w {
	case "AND", "&&":
		return []token{{kind: tAnd, text: w, off: off, end: off + len(w)}}
	case "OR", "||":
		return []token{{kind: tOr, text: w, off: off, end: off + len(w)}}
	case "NOT":
		return []token{{kind: tNot, text: w, off: off, end: off + len(w)}}
	}
	name := fieldName(w)
	if name == "" {
		return []token{{kind: tWord, text: w, off: off, end: off + len(w)}}
	}
	rest := w[len(name):]
	for _, op := range operators {
		if strings.HasPrefix(rest, op) {
			n := len(op)
			if op == ":" { // "breach:>48", as Lucene and bleve write a range, is breach>48
				for _, cmp := range []string{">=", "<=", ">", "<"} {
					if strings.HasPrefix(rest[1:], cmp) {
						op, n = cmp, 1+len(cmp)
						break
					}
				}
			}
			toks := []token{{kind: tField, text: name, op: op, off: off, end: off + len(name) + n}}
			if v := rest[n:]; v != "" {
				voff := off + len(name) + n
				toks = append(toks, token{kind: tWord, text: v, off: voff, end: voff + len(v)})
			}
			return toks
		}
	}
	return []token{{kind: tWord, text: w, off: off, end: off + len(w)}}
}

// fieldName returns the leading identifier of w ([A-Za-z_][A-Za-z0-9_.]*)
// when an operator follows it, else "".
func fieldName(w string) string {
	i := 0
	for i < len(w) {
		c := w[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '.') {
			i++
			continue
		}
		break
	}
	if i == 0 || i == len(w) || !strings.ContainsRune(":=<>", rune(w[i])) {
		return ""
	}
	return w[:i]
}

// Parse parses a query in the syntax above and checks it against the
// limits on prefix and path terms (MaxExpandingTerms, MinPrefix). Errors
// are *SyntaxError.
func Parse(q string) (Node, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{q: q, toks: toks}
	if p.peek().kind == tEOF {
		return nil, syntaxError(q, 0, "empty query: type words to find, or a field such as outside_eea:true")
	}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return nil, syntaxError(q, t.off, "unmatched closing parenthesis")
		}
		return nil, syntaxError(q, t.off, "unexpected %q", t.text)
	}
	if err := checkLimits(q, n); err != nil {
		return nil, err
	}
	return n, nil
}

type parser struct {
	q    string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) or() (Node, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tOr {
		p.next()
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		left = &Or{left, right}
	}
	return left, nil
}

func (p *parser) and() (Node, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		switch p.peek().kind {
		case tAnd:
			p.next()
		case tWord, tPhrase, tField, tLParen, tNot:
		default:
			return left, nil
		}
		right, err := p.unary()
		if err != nil {
			return nil, err
		}
		left = &And{left, right}
	}
}

func (p *parser) unary() (Node, error) {
	if t := p.peek(); t.kind == tNot {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Not{X: x, Off: t.off}, nil
	}
	return p.primary()
}

func (p *parser) primary() (Node, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		if p.peek().kind == tRParen {
			return nil, syntaxError(p.q, p.peek().off, "empty parentheses")
		}
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.peek(); c.kind != tRParen {
			if c.kind == tEOF {
				return nil, syntaxError(p.q, t.off, "parenthesis not closed: add a )")
			}
			return nil, syntaxError(p.q, c.off, "expected ) but found %q", c.text)
		}
		p.next()
		return n, nil
	case tWord, tPhrase:
		return &Term{Value: t.text, Phrase: t.kind == tPhrase, Off: t.off, ValOff: t.off}, nil
	case tField:
		return p.fieldTerm(t)
	case tEOF:
		return nil, syntaxError(p.q, t.off, "query ends too early: expected a word, a field or (")
	case tRParen:
		return nil, syntaxError(p.q, t.off, "unexpected ): nothing to close")
	default:
		return nil, syntaxError(p.q, t.off, "%q needs a term before and after it", t.text)
	}
}

func (p *parser) fieldTerm(t token) (Node, error) {
	spec := lookupField(t.text)
	if spec == nil {
		return nil, syntaxError(p.q, t.off, "unknown field %q (known: %s)", t.text, fieldNames())
	}
	v := p.peek()
	if v.kind != tWord && v.kind != tPhrase || v.off != t.end {
		return nil, syntaxError(p.q, t.end, "expected a value after %s%s", t.text, t.op)
	}
	p.next()
	term := &Term{Field: spec, Op: t.op, Value: v.text, Phrase: v.kind == tPhrase, Off: t.off, ValOff: v.off}
	if v.kind == tPhrase {
		term.ValOff++ // point inside the quotes
	}
	if err := spec.check(term); err != nil {
		return nil, syntaxError(p.q, term.ValOff, "%s: %v", spec.name, err)
	}
	return term, nil
}

// String renders n back in the query syntax, fully parenthesised; tests
// and logs use it to show how a query was understood.
func String(n Node) string {
	switch n := n.(type) {
	case *And:
		return "(" + String(n.Left) + " AND " + String(n.Right) + ")"
	case *Or:
		return "(" + String(n.Left) + " OR " + String(n.Right) + ")"
	case *Not:
		return "NOT " + String(n.X)
	case *Term:
		v := n.Value
		if n.Phrase {
			v = `"` + v + `"`
		}
		if n.Field == nil {
			return v
		}
		return n.Field.name + n.Op + v
	}
	return "?"
}
