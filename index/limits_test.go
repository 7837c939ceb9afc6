package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestQueryLimits checks the limits Parse sets on prefix and path terms.
func TestQueryLimits(t *testing.T) {
	prefixes := func(n int) string {
		var terms []string
		for i := 0; i < n; i++ {
			terms = append(terms, fmt.Sprintf("w%c*", 'a'+i))
		}
		return strings.Join(terms, " OR ")
	}
	var probe []string // the attack: 2,000 bytes of one-letter prefixes
	for i := 0; len(strings.Join(probe, " OR ")) < 1990; i++ {
		probe = append(probe, fmt.Sprintf("%c*", 'a'+i%26))
	}
	tests := []struct {
		name    string
		q       string
		wantCol int // 0: accepted
		wantMsg string
	}{
		{"one-letter prefix", "a*", 1, "prefix a* too short: type at least 2 letters before the *"},
		{"the probe", strings.Join(probe, " OR "), 1, "too short"},
		{"one-letter name prefix", "supplier:w*", 10, "prefix w* too short"},
		{"accented letters count as one", "éé*", 0, ""},
		{"ten prefixes", prefixes(10), 0, ""},
		{"eleven prefixes", prefixes(11), 71, "too many prefix and path terms: at most 10 in one query"},
		{"eleven path terms", strings.TrimSuffix(strings.Repeat("path:x ", 11), " "), 76, "too many prefix and path terms"},
		{"negated prefixes count", prefixes(10) + " NOT zz*", 72, "too many"},
		{"short path part", "path:a", 0, ""},
		{"every document", "*", 0, ""},
		{"quoted star", `"a*"`, 0, ""},
		{"inner star is two words", "a*b", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.q)
			if tc.wantCol == 0 {
				if err != nil {
					t.Fatalf("Parse(%q): %v", tc.q, err)
				}
				return
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): %v, want a SyntaxError", tc.q, err)
			}
			if se.Column != tc.wantCol || !strings.Contains(se.Msg, tc.wantMsg) {
				t.Errorf("Parse(%q): column %d %q, want column %d %q", tc.q, se.Column, se.Msg, tc.wantCol, tc.wantMsg)
			}
		})
	}
}

// vocabularyIndex indexes docs documents that together hold words
// distinct words: "zq", three letters and an x (zqaaax, zqaabx, …; the
// x keeps the Dutch stemmer from merging any).
func vocabularyIndex(t testing.TB, docs, words int) *Index {
	t.Helper()
	drive := t.TempDir()
	files := map[string]string{}
	for d := 0; d < docs; d++ {
		var b strings.Builder
		fmt.Fprintf(&b, "supplier: Woorden %d B.V.\n", d)
		for w := d; w < words; w += docs {
			fmt.Fprintf(&b, "zq%c%c%cx ", 'a'+w/676%26, 'a'+w/26%26, 'a'+w%26)
		}
		files[fmt.Sprintf("doc%04d.txt", d)] = b.String() + "\n"
	}
	writeFiles(t, drive, files)
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	update(t, ix, UpdateOptions{}, drive)
	return ix
}

// TestQueryExpansion checks that Search refuses, before running it, a
// query whose prefixes stand for more than MaxExpansion words, and that
// it gives up when the request's time is over.
func TestQueryExpansion(t *testing.T) {
	ix := vocabularyIndex(t, 40, 2100) // zqa*: 676 words; zq*: 2100
	tests := []struct {
		q       string
		wantMsg string // "" when the query runs
	}{
		{"zqa*", ""},
		{"zqa* OR zqb* OR zqc*", "zqc* and the query's other prefix and path terms stand for more than 2000 words"},
		{"zq*", "zq* stands for more than 2000 words of the index, too many to search: type more letters"},
		{"text:zq* AND supplier:woorden", "text:zq* stands for more than 2000 words"},
		{"zqa* OR zqb* OR NOT zqc*", "stand for more than 2000 words"},
		{"zqa* OR path:doc", ""},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tc.q, SearchOptions{Limit: 5})
			if tc.wantMsg == "" {
				if err != nil || res.Total == 0 {
					t.Fatalf("Search(%q): %v, %+v", tc.q, err, res)
				}
				return
			}
			var se *SyntaxError
			if !errors.As(err, &se) || !strings.Contains(se.Msg, tc.wantMsg) {
				t.Errorf("Search(%q): %v, want a SyntaxError saying %q", tc.q, err, tc.wantMsg)
			}
		})
	}
	t.Run("out of time", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 0)
		defer cancel()
		_, err := ix.Search(ctx, "zqa*", SearchOptions{})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Search after the deadline: %v, want context.DeadlineExceeded", err)
		}
	})
}

// TestBroadQueryMemory checks that the broadest query the limits let
// through allocates a bounded amount of memory, and that a query over
// them costs next to nothing (the probe that took 5.4 GB).
func TestBroadQueryMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index of 200 documents")
	}
	ix := vocabularyIndex(t, 200, 2100)
	tests := []struct {
		q     string
		ok    bool
		maxMB float64
	}{
		{"zqa* OR zqb*", true, 100},
		// Refused before any posting list is read. The bound is loose
		// because TotalAlloc counts the whole test process (background
		// goroutines of other indexes too): 3 MB alone, 5.8 MB seen
		// under load.
		{"zq* OR zqa*", false, 20},
	}
	for _, tc := range tests {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := ix.Search(context.Background(), tc.q, SearchOptions{})
		runtime.ReadMemStats(&after)
		if (err == nil) != tc.ok {
			t.Errorf("Search(%q): %v", tc.q, err)
		}
		mb := float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20)
		t.Logf("%s: %.1f MB allocated", tc.q, mb)
		if mb > tc.maxMB {
			t.Errorf("Search(%q) allocated %.1f MB, want at most %.0f", tc.q, mb, tc.maxMB)
		}
	}
}

// BenchmarkBroadPrefixQuery runs, on 200 generated documents, the
// broadest prefix query the limits let through (1,352 index words) and one
// they refuse (2,100 words), and reports what each costs.
func BenchmarkBroadPrefixQuery(b *testing.B) {
	ix := vocabularyIndex(b, 200, 2100)
	for _, q := range []string{"zqa* OR zqb*", "zq*"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ix.Search(context.Background(), q, SearchOptions{})
			}
		})
	}
}
