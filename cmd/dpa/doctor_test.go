package main

import (
	"os/exec"
	"strings"
	"testing"
)

// needTesseract skips the test when tesseract is not installed.
func needTesseract(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("skipping: needs tesseract (apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils)")
	}
}

func TestDoctor(t *testing.T) {
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
			[]string{"tesseract", "pdfimages", "pdftoppm", "lang       nld found", "Scanned pages and images can be read."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needTess {
				needTesseract(t)
			}
			code, out, errOut := run(t, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", code, tc.wantCode, out, errOut)
			}
			for _, s := range tc.want {
				if !strings.Contains(out, s) {
					t.Errorf("output does not say %q:\n%s", s, out)
				}
			}
		})
	}
}
