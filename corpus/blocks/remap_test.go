package blocks

import (
	"strings"
	"testing"
)

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", "a", "  a  b\n\tc  ", "Wolk\u00a0 B.V.", "één  twee", "\n\n"} {
		got, m := CollapseSpace(s)
		if want := strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", s, got, want)
		}
		prev := 0
		for i, r := range s {
			o := m.Map(i)
			if o < prev || o > len(got) {
				t.Errorf("%q: %d maps to %d after %d", s, i, o, prev)
			}
			prev = o
			if r != ' ' && r > ' ' && r != '\u00a0' && !strings.HasPrefix(got[o:], string(r)) {
				t.Errorf("%q: %q at %d maps to %d (%q)", s, r, i, o, got[o:])
			}
		}
	}
}

func TestOffsetMap(t *testing.T) {
	var m OffsetMap
	// "ab\u00adcd" → "abcd": the soft hyphen (2 bytes at 2) is removed.
	m.Add(2, 2)
	m.Add(4, 2)
	for o, want := range map[int]int{0: 0, 1: 1, 2: 2, 3: 2, 4: 2, 5: 3, 6: 4} {
		if got := m.Map(o); got != want {
			t.Errorf("Map(%d) = %d, want %d", o, got, want)
		}
	}
	var id OffsetMap
	if id.Map(7) != 7 {
		t.Error("the zero OffsetMap is not the identity")
	}
}
