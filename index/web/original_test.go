package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// TestOpenOriginal checks the file behind an evidence link: a file of its
// own, and a document inside an e-mail message (served as the bytes the
// sender attached), each only while its content has the indexed hash.
func TestOpenOriginal(t *testing.T) {
	eml, err := filepath.Abs(filepath.Join("..", "..", "testdata", "email", "vakwerkplaats.eml"))
	if err != nil {
		t.Fatal(err)
	}
	part := eml + "#attachment/2/bullets.pdf"
	data, err := corpus.ReadPart(part)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:])
	plain := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(plain, []byte("Artikel 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	plainSum := sha256.Sum256([]byte("Artikel 1"))
	tests := []struct {
		name, path, sha string
		ok              bool
		body            []byte
	}{
		{"attachment", part, want, true, data},
		{"attachment changed since indexed", part, "00" + want[2:], false, nil},
		{"attachment gone", eml + "#attachment/9/weg.pdf", want, false, nil},
		{"file", plain, hex.EncodeToString(plainSum[:]), true, []byte("Artikel 1")},
		{"file changed", plain, want, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, ok := openOriginal(tt.path, tt.sha)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if c, isCloser := r.(io.Closer); isCloser {
				defer c.Close()
			}
			got, _ := io.ReadAll(r)
			if string(got) != string(tt.body) {
				t.Errorf("served %d bytes, want %d", len(got), len(tt.body))
			}
		})
	}
}
