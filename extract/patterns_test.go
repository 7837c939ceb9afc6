package extract

import (
	"testing"

	"github.com/dpa-nl/dpa/normalize"
)

// TestPatternsCompile compiles every rule of the extractors (and of the
// packages they use): they are compiled on first use, so a bad one would
// otherwise surface only when a document first needs it.
func TestPatternsCompile(t *testing.T) {
	if err := normalize.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
