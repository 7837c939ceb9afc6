package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// TestNextClauseHeadingIndexed checks that the indexed search for the next
// clause heading finds what searching the text after the offset finds, for
// every offset of the fixtures.
func TestNextClauseHeadingIndexed(t *testing.T) {
	for _, name := range []string{"muziekmeester-v3.txt", "rekenpad-bewerkersovereenkomst.txt", "planbord-verwerkersovereenkomst.txt"} {
		data, err := os.ReadFile("../testdata/agreements/" + name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data) + "\n4. BEWAARTERMIJNEN\nslot"
		d := newDoc(corpus.NewDocument(corpus.Source{}, []corpus.PageText{{Text: text}}))
		for off := 0; off < len(text); off += 7 {
			for _, end := range []int{len(text), min(len(text), off+500)} {
				want := nextClauseHeading(text[off:end])
				if want >= 0 {
					want += off
				}
				if got := d.nextClauseHeading(off, end); got != want {
					t.Fatalf("%s: off %d end %d: got %d, want %d", name, off, end, got, want)
				}
			}
		}
	}
}

// BenchmarkExtractOneLine extracts an agreement written on one line
// (wrapped at MaxLineBytes as corpus.Open does) and repeated to 128, 256
// and 512 KB: the time should grow with the size, not its square.
func BenchmarkExtractOneLine(b *testing.B) {
	data, err := os.ReadFile("../testdata/agreements/muziekmeester-v3.txt")
	if err != nil {
		b.Fatal(err)
	}
	line := strings.Join(strings.Fields(string(data)), " ") + " "
	for _, size := range []int{128 << 10, 256 << 10, 512 << 10} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			text, _ := corpus.WrapLongLines(strings.Repeat(line, size/len(line)+1), corpus.MaxLineBytes)
			doc := corpus.NewDocument(corpus.Source{}, []corpus.PageText{{Text: text}})
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Extract(doc)
			}
		})
	}
}
