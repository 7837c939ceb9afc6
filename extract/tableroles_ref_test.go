package extract

import (
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/normalize"
)

// firstRoleRef is firstRole as it was: every stem of every role looked for
// with wordIndex, the earliest kept, the first role of roleOrder on a tie.
func firstRoleRef(f string, noOrg bool) colRole {
	best, at := roleNone, len(f)+1
	for _, role := range roleOrder {
		if noOrg && role == roleOrg {
			continue
		}
		for _, w := range roleWords[role] {
			if i := wordIndex(f, w); i >= 0 && i < at {
				best, at = role, i
			}
		}
	}
	return best
}

// wordIndex returns where stem w starts a word of f, or -1.
func wordIndex(f, w string) int {
	for off := 0; ; {
		i := strings.Index(f[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		if i == 0 || f[i-1] == ' ' {
			return i
		}
		off = i + 1
	}
}

// TestFirstRoleMatchesReference holds firstRole to firstRoleRef on every
// stem alone, after a word, inside a word and before another stem, and on
// the first words of every line of the texts.
func TestFirstRoleMatchesReference(t *testing.T) {
	var fs []string
	var stems []string
	for _, role := range roleOrder {
		stems = append(stems, roleWords[role]...)
	}
	for _, w := range stems {
		fs = append(fs, w, "x "+w, "x"+w, w+"x", "naam "+w, w+" naam", "land "+w)
		for _, v := range stems[:20] {
			fs = append(fs, w+" "+v, v+" "+w)
		}
	}
	for _, text := range scanTexts(t) {
		for _, l := range strings.Split(text, "\n") {
			f := normalize.Fold(l)
			fs = append(fs, f)
			if i := nthSpace(f, 3); i > 0 {
				fs = append(fs, f[:i])
			}
		}
	}
	named := 0
	for _, f := range fs {
		for _, noOrg := range []bool{false, true} {
			got, want := firstRole(f, noOrg), firstRoleRef(f, noOrg)
			if want != roleNone {
				named++
			}
			if got != want {
				t.Errorf("firstRole(%q, %v) = %v, reference gives %v", f, noOrg, got, want)
			}
		}
	}
	if named < 1000 {
		t.Errorf("only %d roles named", named)
	}
}
