package text

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
	"golang.org/x/text/encoding/charmap"
)

const sample = "Artikel 1 – “Verwerker” en ‘School’: categorieën, één, geëvalueerd, België, café.\n"

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var b []byte
	if bom {
		if bigEndian {
			b = append(b, 0xFE, 0xFF)
		} else {
			b = append(b, 0xFF, 0xFE)
		}
	}
	for _, c := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(c>>8), byte(c))
		} else {
			b = append(b, byte(c), byte(c>>8))
		}
	}
	return b
}

func cp1252Bytes(t *testing.T, s string) []byte {
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	long := strings.Repeat("woord ", 5<<20/6) // one 5 MiB line
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf8", []byte(sample), sample, UTF8},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, sample...), sample, UTF8BOM},
		{"utf16le bom", utf16Bytes(sample, false, true), sample, UTF16LE},
		{"utf16be bom", utf16Bytes(sample, true, true), sample, UTF16BE},
		{"utf16le no bom", utf16Bytes(sample, false, false), sample, UTF16LE},
		{"utf16be no bom", utf16Bytes(sample, true, false), sample, UTF16BE},
		{"windows-1252", cp1252Bytes(t, sample), sample, Windows1252},
		{"mixed utf8 and cp1252", append([]byte("één "), cp1252Bytes(t, "“café”")...), "één “café”", Windows1252},
		{"crlf", []byte("a\r\nb\rc\vd\n"), "a\nb\nc\nd\n", UTF8},
		{"form feed kept", []byte("p1\f\np2"), "p1\f\np2", UTF8},
		{"one stray control", []byte("Verwerkersovereenkomst\x1a"), "Verwerkersovereenkomst\x1a", UTF8},
		{"huge line", []byte(long), long, UTF8},
		{"empty", nil, "", UTF8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, enc, err := Decode(tc.in)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tc.want {
				t.Errorf("Decode = %.80q, want %.80q", got, tc.want)
			}
			if enc != tc.enc {
				t.Errorf("encoding = %s, want %s", enc, tc.enc)
			}
			if strings.ContainsRune(got, utf8.RuneError) {
				t.Errorf("result holds U+FFFD")
			}
		})
	}
}

func TestDecodeBinary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 100<<10)
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	tests := []struct {
		name string
		in   []byte
	}{
		{"random bytes", random},
		{"random bytes after utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, random[:4096]...)},
		{"random bytes after utf16 bom", append([]byte{0xFF, 0xFE}, random[:4096]...)},
		{"zeros", make([]byte, 1000)},
		{"short control bytes", []byte{0, 1, 2}},
		{"text with many NULs", bytes.Repeat([]byte("abc\x00"), 100)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Decode(tc.in)
			if !errors.Is(err, ErrBinary) {
				t.Errorf("Decode error = %v, want ErrBinary", err)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		n            int
		lower, upper string
		roman        string
	}{
		{1, "a", "A", "I"},
		{4, "d", "D", "IV"},
		{26, "z", "Z", "XXVI"},
		{27, "aa", "AA", "XXVII"},
		{28, "ab", "AB", "XXVIII"},
		{1994, "bxr", "BXR", "MCMXCIV"},
		{0, "0", "0", "0"},
	}
	for _, tc := range tests {
		if got := Letters(tc.n, false); got != tc.lower {
			t.Errorf("Letters(%d, false) = %q, want %q", tc.n, got, tc.lower)
		}
		if got := Letters(tc.n, true); got != tc.upper {
			t.Errorf("Letters(%d, true) = %q, want %q", tc.n, got, tc.upper)
		}
		if got := Roman(tc.n); got != tc.roman {
			t.Errorf("Roman(%d) = %q, want %q", tc.n, got, tc.roman)
		}
	}
}

// FuzzDecode checks that Decode never panics and that what it returns is
// valid UTF-8 without carriage returns.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(sample))
	f.Add(utf16Bytes(sample, false, true))
	f.Add(utf16Bytes(sample, true, false))
	f.Add([]byte("\xef\xbb\xbfa\r\n\x93b\x94"))
	f.Add([]byte{0xFF, 0xFE, 0x00, 0xD8})
	fuzzseed.Add(f, 128<<10, "txt/*", "bad/*.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		s, _, err := Decode(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(s) {
			t.Errorf("Decode returned invalid UTF-8 %q", s)
		}
		if strings.ContainsAny(s, "\r\v") {
			t.Errorf("Decode left a carriage return or vertical tab in %q", s)
		}
	})
}

// BenchmarkDecode decodes 5 MiB of UTF-8 and of Windows-1252 text.
func BenchmarkDecode(b *testing.B) {
	line := strings.Repeat(sample, 5<<20/len(sample))
	cp, err := charmap.Windows1252.NewEncoder().Bytes([]byte(line))
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range []struct {
		name string
		data []byte
	}{{"utf8", []byte(line)}, {"windows-1252", cp}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if _, _, err := Decode(in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
