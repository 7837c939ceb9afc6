package pdf

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestCorpusBadFiles reads the shared corpus's bad PDFs and scans; it skips
// when the corpus is absent.
func TestCorpusBadFiles(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("%s not present", corpusDir)
	}
	tests := []struct {
		file     string
		wantErr  error
		wantWarn bool
	}{
		{file: "bad/empty.pdf", wantErr: ErrEmpty},
		{file: "bad/truncated.pdf", wantErr: ErrDamaged},
		{file: "bad/encrypted.pdf", wantErr: ErrEncrypted},
		{file: "bad/not-a-pdf.pdf", wantErr: ErrNotPDF},
		{file: "bad/loop.pdf", wantWarn: true},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			res, err := Read(context.Background(), filepath.Join(corpusDir, tc.file), Limits{})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("got %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != 1 || !res.Pages[0].HasText {
				t.Errorf("got %d pages %+v, want the one page with text", len(res.Pages), res.Pages)
			}
			if (len(res.Warnings) > 0) != tc.wantWarn {
				t.Errorf("warnings %q", res.Warnings)
			}
		})
	}
	scans, _ := filepath.Glob(filepath.Join(corpusDir, "pdf", "*.scanned.pdf"))
	for _, f := range scans {
		t.Run(filepath.Base(f), func(t *testing.T) {
			res, err := Read(context.Background(), f, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range res.Pages {
				if p.HasText {
					t.Errorf("page %d: HasText true for a scan", i+1)
				}
			}
		})
	}
}
