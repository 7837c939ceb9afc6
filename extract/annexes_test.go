package extract

import (
	"strings"
	"testing"
)

// TestMayOpenAnnex holds the pre-check to annexHeadRe and annexListRe: a
// line it turns away matches neither (fixtures' lines, generated cases).
func TestMayOpenAnnex(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"Bijlage 1: Privacybijsluiter", true},
		{"**MODEL BIJLAGE 2 – Beveiligingsbijlage**", true},
		{"— bijlage 2", true},
		{"De bijlage", false},
		{"1. Bijlage 2", false},
	} {
		if got := mayOpenAnnex(c.line); got != c.want {
			t.Errorf("mayOpenAnnex(%q) = %v, want %v", c.line, got, c.want)
		}
	}
	pieces := []string{"Bijlage", "BIJLAGE", "model", "Model ", " ", "*", "#", "é", "\u212a", "_", "1", "2a",
		"privacybijsluiter", "Beveiligingsbijlage", ":", "–", "x"}
	for _, l := range append(fixtureLines(t), oddStrings(pieces, 20000, 6)...) {
		s := strings.TrimSpace(l)
		if !mayOpenAnnex(s) && (annexHeadRe.MatchString(s) || annexListRe.MatchString(s)) {
			t.Errorf("mayOpenAnnex turns away %q, which an annex rule matches", s)
		}
	}
}
