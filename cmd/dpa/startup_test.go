package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every dpa command, and every reader child dpa starts for a file, pays
// for the initialisation of all of dpa's packages. The limits below hold
// that work small: the extractors' rules are compiled, and their tables
// built, on first use (normalize.Lazy, sync.OnceValue), not when the
// program starts. They count bytes allocated, not time, so that the test
// cannot fail on a busy machine. Before the rules were compiled lazily,
// package extract allocated 14 MB during initialisation and normalize
// 3 MB in 64,000 allocations.
const (
	maxInitBytes      = 512 << 10 // by any one of dpa's packages
	maxInitBytesTotal = 1 << 20   // by all of them together
)

// initLine is a line of GODEBUG=inittrace=1 output.
var initLine = regexp.MustCompile(`^init (\S+) @[\d.]+ ms, [\d.]+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestStartupIsCheap runs this test binary as dpa version with the
// runtime's trace of package initialisation and checks how much each of
// dpa's packages allocated.
func TestStartupIsCheap(t *testing.T) {
	cmd := exec.Command(os.Args[0], "version")
	cmd.Env = append(os.Environ(), "DPA_TEST_MAIN=1", "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dpa version: %v\n%s", err, stderr.String())
	}
	total, seen := 0, 0
	for _, line := range strings.Split(stderr.String(), "\n") {
		m := initLine.FindStringSubmatch(line)
		// package main also holds this test's own variables: not dpa's
		if m == nil || !strings.HasPrefix(m[1], "github.com/dpa-nl/dpa/") || strings.HasPrefix(m[1], "github.com/dpa-nl/dpa/cmd/") {
			continue
		}
		seen++
		n, _ := strconv.Atoi(m[2])
		total += n
		if n > maxInitBytes {
			t.Errorf("initialising %s allocates %d KB (%s allocations), more than %d KB: build its tables and compile its patterns on first use",
				m[1], n>>10, m[3], maxInitBytes>>10)
		}
	}
	if seen < 5 {
		t.Fatalf("only %d of dpa's packages in the trace of initialisation:\n%s", seen, stderr.String())
	}
	if total > maxInitBytesTotal {
		t.Errorf("initialising dpa's packages allocates %d KB, more than %d KB", total>>10, maxInitBytesTotal>>10)
	}
	t.Logf("dpa's %d packages allocate %d KB when initialised", seen, total>>10)
}
