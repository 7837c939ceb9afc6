package index

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		q    string
		want string // String of the parsed query
	}{
		{"Microsoft", "Microsoft"},
		{`"buiten de EER"`, `"buiten de EER"`},
		{"outside_eea:true", "outside_eea:true"},
		{"country:US", "country:US"},
		{"land:us", "country:us"},
		{"supplier:Heutink", "supplier:Heutink"},
		{`supplier:"Heutink Primair"`, `supplier:"Heutink Primair"`},
		{"model:4.0 kind:privacybijsluiter", "(model:4.0 AND kind:privacybijsluiter)"},
		{"biv.confidentiality>=3", "biv.confidentiality>=3"},
		{"breach:>48", "breach>48"},
		{"review.high:>=1", "review.high>=1"},
		{"retention>P1Y", "retention>P1Y"},
		{"breach<=48", "breach<=48"},
		{"a OR b c", "(a OR (b AND c))"},
		{"a AND b OR c", "((a AND b) OR c)"},
		{"(a OR b) AND NOT c", "((a OR b) AND NOT c)"},
		{"-country:US Microsoft", "(NOT country:US AND Microsoft)"},
		{"sub-verwerker", "sub-verwerker"},
		{"NOT NOT a", "NOT NOT a"},
		{"((a))", "a"},
		{"10:30", "10:30"},
		{"date>=2019-05 date<2020", "(date>=2019-05 AND date<2020)"},
		{"subprocessor:Amazon OR subprocessor:Microsoft", "(subprocessor:Amazon OR subprocessor:Microsoft)"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			n, err := Parse(tc.q)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.q, err)
			}
			if got := String(n); got != tc.want {
				t.Errorf("Parse(%q) = %s, want %s", tc.q, got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		q      string
		column int    // where the caret points, 1-based
		msg    string // part of the message
	}{
		{"", 1, "empty query"},
		{"   ", 1, "empty query"},
		{"contry:US", 1, `unknown field "contry"`},
		{"outside_eea:true AND country:", 30, "expected a value after country:"},
		{"country:USA", 9, "not a country code"},
		{"outside_eea:misschien", 13, "not true or false"},
		{"biv.confidentiality>=4", 22, "not a BIV level"},
		{"retention>lang", 11, "ISO 8601"},
		{"breach<=veel", 9, "not a number of hours"},
		{"supplier>Heutink", 10, "cannot be compared"},
		{"model:vier", 7, "not a model version"},
		{"kind:overeenkomst", 6, "not one of"},
		{"date>=gisteren", 7, "not a date"},
		{"(a OR b", 1, "parenthesis not closed"},
		{"a OR b)", 7, "unmatched closing parenthesis"},
		{"a OR", 5, "query ends too early"},
		{"AND a", 1, `"AND" needs a term`},
		{"a AND OR b", 7, `"OR" needs a term`},
		{`"buiten de EER`, 1, "unterminated quote"},
		{"()", 2, "empty parentheses"},
		{"NOT", 4, "query ends too early"},
		{"één contry:X", 5, `unknown field "contry"`}, // columns count characters, not bytes
		{`supplier: Heutink`, 10, "expected a value"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			_, err := Parse(tc.q)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, want a *SyntaxError", tc.q, err)
			}
			if se.Column != tc.column || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("Parse(%q): column %d %q, want column %d containing %q", tc.q, se.Column, se.Msg, tc.column, tc.msg)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != 3 || strings.Index(lines[2], "^") != tc.column+1 {
				t.Errorf("caret not under column %d:\n%s", tc.column, err)
			}
		})
	}
}

func TestDurationDays(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		bad  bool
	}{
		{in: "P2W", want: 14},
		{in: "P13M", want: 13 * 30.44},
		{in: "P1Y", want: 12 * 30.44},
		{in: "P1Y6M", want: 18 * 30.44},
		{in: "p10d", want: 10},
		{in: "P1,5Y", want: 18 * 30.44},
		{in: "P", bad: true},
		{in: "2W", bad: true},
		{in: "P2X", bad: true},
		{in: "P2", bad: true},
	}
	for _, tc := range tests {
		got, err := durationDays(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("durationDays(%q) error = %v, want error %v", tc.in, err, tc.bad)
			continue
		}
		if !tc.bad && math.Abs(got-tc.want) > 0.006 {
			t.Errorf("durationDays(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
