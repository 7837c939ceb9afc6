package corpus

import "testing"

func TestQuotePath(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/drive/Verwerkersovereenkomst café.pdf", "/drive/Verwerkersovereenkomst café.pdf"},
		{"/drive/a\nfailed:\n  b.txt", `"/drive/a\nfailed:\n  b.txt"`},
		{"/drive/rood\x1b[31m.txt", `"/drive/rood\x1b[31m.txt"`},
		{"/drive/caf\xe9.txt", `"/drive/caf\xe9.txt"`},
		{"/drive/tab\there.txt", `"/drive/tab\there.txt"`},
		{`/drive/"quoted".txt`, `/drive/"quoted".txt`},
	}
	for _, tc := range tests {
		if got := QuotePath(tc.path); got != tc.want {
			t.Errorf("QuotePath(%q) = %s, want %s", tc.path, got, tc.want)
		}
	}
	err := &FileError{Path: "/drive/a\nb.pdf", Kind: Empty}
	if got, want := err.Error(), `"/drive/a\nb.pdf": empty file`; got != want {
		t.Errorf("FileError = %s, want %s", got, want)
	}
}
