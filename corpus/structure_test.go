package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCleanTextMap checks that cleaning through the offset map gives
// exactly CleanText, and that every character that survives cleaning is
// found at its mapped offset.
func TestCleanTextMap(t *testing.T) {
	tests := []string{
		"gewoon tekst",
		"Wolk\u00a0B.V. | Ierland",
		"ver\u00adwerker \ufb01ets \u200bzero",
		"Cafe\u0301 en e\u0308n \ufeffstart",
		"\u00a0\u00a0begin en eind\u00a0",
		"a\u0301\u00adb",
	}
	for _, s := range tests {
		got, f, ok := cleanTextMap(s)
		if !ok || got != CleanText(s) {
			t.Errorf("cleanTextMap(%q) = %q, %v; want %q", s, got, ok, CleanText(s))
			continue
		}
		prev := 0
		for i, r := range s {
			o := f(i)
			if o < prev || o > len(got) {
				t.Errorf("%q: offset %d maps to %d (after %d, text %d bytes)", s, i, o, prev, len(got))
			}
			prev = o
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			composes := next >= 0x300 && next < 0x370 // combines with r into one character
			if r < utf8.RuneSelf && r != ' ' && !composes && !strings.HasPrefix(got[o:], string(r)) {
				t.Errorf("%q: %q at %d maps to %d, which holds %q", s, r, i, o, got[o:])
			}
		}
		if f(len(s)) != len(got) {
			t.Errorf("%q: end maps to %d, want %d", s, f(len(s)), len(got))
		}
	}
}
