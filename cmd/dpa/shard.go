package main

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/corpus"
)

// shard is one part I of N of a batch run (dpa extract --shard I/N): the
// files whose content's SHA-256, read as a number, is I modulo N.
//
// Content, not path, decides the shard: byte-identical copies are one
// document in dpa (one record listing all their paths), and only the
// content keeps every copy in the same shard, so that the records of the N
// shards are exactly those of one run over everything. The assignment is
// stable: adding, removing, moving or renaming other files moves no file
// to another shard, and a record names its own shard (its source.sha256).
// The price is that every shard hashes every file to learn its share;
// reading the text and extracting cost far more (see the README).
type shard struct {
	i, n int // 0 <= i < n; n == 0 means no sharding
}

// String returns the shard as I/N.
func (s *shard) String() string {
	if s == nil || s.n == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.i, s.n)
}

// Set parses I/N, with 0 <= I < N (Kubernetes' JOB_COMPLETION_INDEX
// counts from 0).
func (s *shard) Set(v string) error {
	a, b, ok := strings.Cut(v, "/")
	if !ok {
		return fmt.Errorf("want I/N, such as 0/4 (the first of four shards)")
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	switch {
	case err1 != nil || err2 != nil:
		return fmt.Errorf("want I/N with whole numbers, such as 0/4")
	case n < 1:
		return fmt.Errorf("N must be at least 1")
	case i < 0 || i >= n:
		return fmt.Errorf("I must be from 0 to N-1 (%d)", n-1)
	}
	s.i, s.n = i, n
	return nil
}

// of returns the shard, from 0 to n-1, of a content SHA-256 in hex.
func shardOf(sha string, n int) int {
	b, err := hex.DecodeString(sha)
	if err != nil || len(b) < 8 {
		// No hash (cannot happen for a discovered file): hash the string.
		h := fnv.New64a()
		h.Write([]byte(sha))
		return int(h.Sum64() % uint64(n))
	}
	return int(binary.BigEndian.Uint64(b[:8]) % uint64(n))
}

// files keeps the files of this shard.
func (s *shard) files(files []corpus.File) []corpus.File {
	if s.n <= 1 {
		return files
	}
	var mine []corpus.File
	for _, f := range files {
		if shardOf(f.SHA256, s.n) == s.i {
			mine = append(mine, f)
		}
	}
	return mine
}

// errors keeps the errors this shard reports: an error about one of the
// given roots (a drive not mounted) in every shard, any other about a file
// in the shard its path's hash names, so that N shards report it once.
func (s *shard) errors(errs []error, roots []string) []error {
	if s.n <= 1 {
		return errs
	}
	root := map[string]bool{}
	for _, r := range roots {
		root[r] = true
	}
	var mine []error
	for _, err := range errs {
		p := ""
		if fe, ok := err.(*corpus.FileError); ok {
			p = fe.Path
		}
		h := fnv.New64a()
		h.Write([]byte(p))
		if p == "" || root[p] || int(h.Sum64()%uint64(s.n)) == s.i {
			mine = append(mine, err)
		}
	}
	return mine
}
