package doc

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
	"github.com/dpa-nl/dpa/corpus/internal/modfile"
)

// fixture is a Word 97–2003 file written by LibreOffice from a DOCX
// fixture (testdata/formats/gen/convert.sh).
const fixture = "../../testdata/formats/vakwerkplaats-model4.doc"

func load(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRead(t *testing.T) {
	res, err := Read(context.Background(), bytes.NewReader(load(t)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if err := blocks.Check(res.Text, res.Blocks); err != nil {
		t.Fatal(err)
	}
	d := blocks.Dump(res.Text, res.Blocks)
	for _, want := range []string{
		`heading h2 [Artikel 1] "Onderwerp"`,                                        // a numbered heading style: list label and style
		`heading h3 [H.] "Subverwerkers"`,                                           // a built-in heading style
		`list-item depth=0 [a.] "Onderwijsinstelling gebruikt`,                      // a lettered list
		`row 1: "Wolkendek Hosting B.V." "hosting van de leeromgeving" "Nederland"`, // table cells
		`row 3: "" "Geslacht" "CD4" "CM4"`,                                          // an empty cell stays a cell
		`"Toetsvorm" "Audit door Keurmeester B.V., 2 februari 2024"`,                // a merged cell
	} {
		if !strings.Contains(d, want) {
			t.Errorf("blocks lack %s:\n%s", want, d)
		}
	}
	if strings.ContainsAny(res.Text, "\x07\x13\x14\x15\r") {
		t.Errorf("control characters left in the text: %q", res.Text)
	}
}

func TestErrors(t *testing.T) {
	good := load(t)
	encrypted := append([]byte(nil), good...)
	if i := bytes.Index(encrypted, []byte{0xEC, 0xA5}); i >= 0 && i%512 == 0 {
		encrypted[i+0x0B] |= 0x01 // fEncrypted
	} else {
		t.Fatal("no FIB at a sector start in the fixture")
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"not OLE", []byte("plain text, not a compound file"), ErrDamaged},
		{"truncated", good[:3000], ErrDamaged},
		{"encrypted", encrypted, ErrEncrypted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Read(context.Background(), bytes.NewReader(tt.data), Limits{}); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := Read(context.Background(), bytes.NewReader(good), Limits{MaxChars: 100}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over MaxChars: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, bytes.NewReader(good), Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// FuzzRead checks that no input makes Read panic (mscfb's own panics
// included) and that its blocks keep their invariants.
func FuzzRead(f *testing.F) {
	f.Add(load(f))
	fuzzseed.Add(f, 128<<10, "doc/*", "bad/*.doc")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(context.Background(), bytes.NewReader(data), Limits{MaxStreamBytes: 1 << 20, MaxChars: 1 << 18})
		if err != nil {
			return
		}
		if err := blocks.Check(res.Text, res.Blocks); err != nil {
			t.Fatal(err)
		}
	})
}

// TestReadWordFiles reads Word documents saved by Word itself that the OLE
// library ships as test data (read where the module cache holds them).
func TestReadWordFiles(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"test/test.doc", "COMMON PRACTICE RULES"},
		{"test/novpapplan.doc", "British imperialism"},
	} {
		data, err := os.ReadFile(modfile.Path(t, "github.com/richardlehane/mscfb", tt.file))
		if err != nil {
			t.Skipf("skipping: %v", err)
		}
		res, err := Read(context.Background(), bytes.NewReader(data), Limits{})
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if !strings.Contains(res.Text, tt.want) || len(res.Warnings) > 0 {
			t.Errorf("%s: %d bytes of text without %q, warnings %v", tt.file, len(res.Text), tt.want, res.Warnings)
		}
		if err := blocks.Check(res.Text, res.Blocks); err != nil {
			t.Errorf("%s: %v", tt.file, err)
		}
	}
}
