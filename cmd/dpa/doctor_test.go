package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
)

func TestDoctor(t *testing.T) {
	_, errTess := exec.LookPath("tesseract")
	tests := []struct {
		name     string
		args     []string
		needTess bool
		wantCode int
		want     []string
	}{
		{"missing tesseract", []string{"doctor", "--tesseract", "/nonexistent/tesseract"}, false, exitFailed,
			[]string{"/nonexistent/tesseract missing", "install tesseract-ocr and tesseract-ocr-nld"}},
		{"missing language", []string{"doctor", "--ocr-lang", "nld+xx"}, true, exitFailed,
			[]string{"lang       xx MISSING", "tesseract-ocr-xx"}},
		{"all found", []string{"doctor"}, true, exitOK,
			[]string{"tesseract", "pdfimages", "pdftoppm", "lang       nld found", "Scanned pages can be read."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needTess && errTess != nil {
				t.Skip("skipping: needs tesseract (apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils)")
			}
			var out, errOut bytes.Buffer
			m := &Main{Stdout: &out, Stderr: &errOut}
			if code := m.Run(context.Background(), tc.args); code != tc.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", code, tc.wantCode, out.String(), errOut.String())
			}
			for _, s := range tc.want {
				if !strings.Contains(out.String(), s) {
					t.Errorf("output does not say %q:\n%s", s, out.String())
				}
			}
		})
	}
}
