package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeExample is one "$ dpa …" line of README.md and the output shown
// under it.
type readmeExample struct {
	line    int    // in README.md, 1-based
	command string // after "$ "
	output  []string
}

// notRun marks a code block whose examples TestREADME does not run: the
// line before its fence starts with it (<!-- not run: why -->).
const notRun = "<!-- not run"

// readmeExamples returns the "$ dpa" examples of the README's code blocks.
// An example's output is every line up to the next "$ " line or the end
// of the block. A block marked notRun is left out.
func readmeExamples(t *testing.T, path string) []readmeExample {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeExample
	var cur *readmeExample
	inBlock, skip := false, false
	prev := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```"):
			inBlock, cur = !inBlock, nil
			skip = inBlock && strings.HasPrefix(prev, notRun)
		case !inBlock, skip:
		case strings.HasPrefix(line, "$ dpa "):
			out = append(out, readmeExample{line: n, command: strings.TrimPrefix(line, "$ ")})
			cur = &out[len(out)-1]
		case strings.HasPrefix(line, "$ "):
			cur = nil // another program's example: not run
		case cur != nil:
			cur.output = append(cur.output, line)
		}
		prev = line
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// shellWords splits a command line as sh would for the examples: words
// separated by spaces, '…' and "…" quoting, and globs expanded.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var b strings.Builder
	inWord, quoted := false, false
	var q rune
	flush := func() {
		if !inWord {
			return
		}
		w := b.String()
		if !quoted && strings.ContainsAny(w, "*?[") {
			if m, _ := filepath.Glob(w); len(m) > 0 {
				words = append(words, m...)
				b.Reset()
				inWord, quoted = false, false
				return
			}
		}
		words = append(words, w)
		b.Reset()
		inWord, quoted = false, false
	}
	for _, r := range s {
		switch {
		case q != 0 && r == q:
			q = 0
		case q != 0:
			b.WriteRune(r)
		case r == '\'' || r == '"':
			q, inWord, quoted = r, true, true
		case r == ' ':
			flush()
		default:
			b.WriteRune(r)
			inWord = true
		}
	}
	if q != 0 {
		t.Fatalf("unterminated quote in %q", s)
	}
	flush()
	return words
}

// elapsed matches a search's time, which differs from run to run.
var elapsed = regexp.MustCompile(`\(\d[\d.]*(ns|µs|ms|s)\)`)

// TestREADME runs every "$ dpa …" example of README.md from the top of the
// checkout and checks that it prints what the README shows: the examples
// cannot drift from what dpa does. "> FILE" discards stdout and
// "; echo "exit $?"" adds the exit status, as in a shell; /tmp/idx is a
// fresh index folder; the checkout's path is shown as "…".
func TestREADME(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(t, filepath.Join(root, "README.md"))
	if len(examples) < 4 {
		t.Fatalf("only %d $ dpa examples in README.md", len(examples))
	}
	t.Chdir(root)
	idx := filepath.Join(t.TempDir(), "idx")
	for _, ex := range examples {
		cmd := ex.command
		echo := strings.HasSuffix(cmd, `; echo "exit $?"`)
		cmd = strings.TrimSuffix(cmd, `; echo "exit $?"`)
		discard := false
		if i := strings.Index(cmd, " > "); i >= 0 {
			cmd, discard = cmd[:i], true
		}
		args := shellWords(t, strings.ReplaceAll(cmd, "/tmp/idx", idx))[1:]
		var stdout, stderr bytes.Buffer
		code := (&Main{Stdout: &stdout, Stderr: &stderr}).Run(context.Background(), args)
		var got string
		if !discard {
			got = stdout.String()
		}
		got += stderr.String()
		if echo {
			got += fmt.Sprintf("exit %d\n", code)
		}
		got = strings.ReplaceAll(got, root, "…")
		got = elapsed.ReplaceAllString(strings.TrimRight(got, "\n"), "(TIME)")
		want := elapsed.ReplaceAllString(strings.Join(ex.output, "\n"), "(TIME)")
		if got != want {
			t.Errorf("README.md:%d: $ %s\nprints:\n%s\nREADME shows:\n%s", ex.line, ex.command, got, want)
		}
	}
}
