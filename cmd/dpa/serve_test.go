package main

import (
	"context"
	"encoding/csv"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// indexFixtures indexes two invented agreements and returns the index folder.
func indexFixtures(t *testing.T) string {
	t.Helper()
	drive := copyFixtures(t, "index/wolkwijs-verwerkersovereenkomst.txt", "agreements/planbord-verwerkersovereenkomst.txt")
	dir := filepath.Join(t.TempDir(), "idx")
	if code, out, errOut := run(t, "index", "--index", dir, drive); code != exitOK {
		t.Fatalf("index: exit %d\n%s\n%s", code, out, errOut)
	}
	return dir
}

func TestServeRefusesOpenAddressWithoutToken(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0"} {
		code, _, errOut := run(t, "serve", "--index", t.TempDir(), "--addr", addr)
		if code != exitUsage || !strings.Contains(errOut, "without --token") {
			t.Errorf("%s: exit %d, stderr %q; want a refusal naming --token", addr, code, errOut)
		}
	}
}

// TestServeUntilCancelled serves an index, asks it for a search and stops
// it by cancelling the context, as SIGTERM does.
func TestServeUntilCancelled(t *testing.T) {
	dir := indexFixtures(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		m := &Main{Stdout: io.Discard, Stderr: io.Discard}
		done <- m.Run(ctx, []string{"serve", "--index", dir, "--addr", addr})
	}()
	var body string
	for i := 0; i < 100; i++ {
		resp, err := http.Get("http://" + addr + "/api/search?q=outside_eea:true")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(body, "wolkwijs-verwerkersovereenkomst.txt") {
		t.Errorf("search through dpa serve: %q", body)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after cancel, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("dpa serve did not stop after cancel")
	}
}

func TestExport(t *testing.T) {
	dir := indexFixtures(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		check    func(t *testing.T, out string)
	}{
		{"csv all", []string{"--format", "csv"}, exitOK, func(t *testing.T, out string) {
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
			r.Comma = ';'
			rows, err := r.ReadAll()
			if err != nil || len(rows) != 3 || !strings.HasPrefix(out, "\ufeff") {
				t.Errorf("want a header and 2 rows with a BOM: %v %q", err, out)
			}
		}},
		{"register query", []string{"--format", "register", "outside_eea:true"}, exitOK, func(t *testing.T, out string) {
			if !strings.Contains(out, ";Hemelhost Inc.;hosting van de leeromgeving;US;ja;") || strings.Contains(out, "planbord") {
				t.Errorf("register of the document outside the EEA:\n%s", out)
			}
		}},
		{"jsonl", []string{"--format", "jsonl", "supplier:wolkwijs"}, exitOK, func(t *testing.T, out string) {
			if n := strings.Count(out, "\n"); n != 1 || !strings.HasPrefix(out, `{"source":`) {
				t.Errorf("want one record line:\n%.300s", out)
			}
		}},
		{"xlsx", []string{"--format", "xlsx"}, exitOK, func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "PK") {
				t.Errorf("not a zip (xlsx): %q", out[:min(10, len(out))])
			}
		}},
		{"bad format", []string{"--format", "pdf"}, exitUsage, nil},
		{"bad query", []string{"country:"}, exitUsage, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"export", "--index", dir}, tc.args...)...)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tc.wantCode, errOut)
			}
			if tc.check != nil {
				tc.check(t, out)
			}
		})
	}
}
