package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus/ocr"
)

func TestOCRFlags(t *testing.T) {
	tests := []struct {
		name    string
		flags   ocrFlags
		wantNil bool
		wantErr bool
	}{
		{"off", ocrFlags{mode: "off"}, true, false},
		{"auto", ocrFlags{mode: "auto", lang: "nld"}, false, false},
		{"unknown mode", ocrFlags{mode: "always"}, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.flags.recognizer(zap.NewNop(), &bytes.Buffer{})
			if (err != nil) != tc.wantErr || (r == nil) != tc.wantNil {
				t.Errorf("recognizer = %v, %v; want nil %v, error %v", r, err, tc.wantNil, tc.wantErr)
			}
		})
	}
}

// TestMissingEngineReportedOnce checks that a missing tesseract fails each
// scanned file's OCR (so each record warns) but is printed once.
func TestMissingEngineReportedOnce(t *testing.T) {
	var stderr bytes.Buffer
	f := ocrFlags{mode: "auto", lang: "nld", tesseract: "/nonexistent/tesseract"}
	r, err := f.recognizer(zap.NewNop(), &stderr)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"a.pdf", "b.pdf"} {
		if _, err := r.RecognizePages(context.Background(), path, []int{1}); !errors.Is(err, ocr.ErrNotInstalled) {
			t.Errorf("%s: err = %v, want ErrNotInstalled", path, err)
		}
	}
	out := stderr.String()
	if strings.Count(out, "warning:") != 1 || !strings.Contains(out, "scanned pages found in a.pdf; install tesseract-ocr and tesseract-ocr-nld") {
		t.Errorf("stderr = %q, want one warning naming a.pdf and the packages", out)
	}
}
