package pdf

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
)

// FuzzRead feeds small files to ReadBytes: it must return (no panic, no
// hang) with either pages or an *Error. The limits are small so that a run
// takes about a millisecond: a mutated bomb stops at 256 KB, not 256 MB.
func FuzzRead(f *testing.F) {
	for name, data := range hostile() {
		if name == "bomb" {
			data = simpleDocFlate(true, "BT /F1 10 Tf 72 700 Td (bom) Tj ET"+strings.Repeat(" ", 1<<20))
		}
		if len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add(simpleDoc("BT /F1 10 Tf 72 700 Td (Naam) Tj 228 0 Td (Land) Tj ET", "BT /F1 10 Tf 12 TL 72 700 Td (een) Tj T* (twee) Tj ET"))
	f.Add(simpleDocFlate(true, "q .75 0 0 -.75 0 842 cm BT /F1 10 Tf 1 0 0 -1 100 100 Tm [(a) -300 (b)] TJ ET Q"))
	f.Add(cidDoc("1 beginbfchar <0001> <0048> endbfchar 1 beginbfrange <0002> <0004> <0061> endbfrange", "[1 [600 500]]", "00010002"))
	f.Add(aes256Doc("", "BT /F1 10 Tf 72 700 Td (a) Tj ET"))
	f.Add(objStmDoc())
	f.Add(xrefStreamDoc(9))
	f.Add(xrefFile{direct: map[int]string{4: stream("BT /F1 10 Tf 72 700 Td (x) Tj ET", false), 5: objStm("/#4Fbj#53tm", "")},
		inStream: map[int]int{3: 5, 5: 5}, xrefType: "/X#52ef", filter: "ASCII85Decode"}.bytes())
	if rc4, err := os.ReadFile("../../testdata/pdf/rc4-128-no-user-password.pdf"); err == nil {
		f.Add(rc4)
	}
	fuzzseed.Add(f, 64<<10, "bad/*.pdf", "pdf/*.pdf")
	lim := Limits{Timeout: 5 * time.Second, MaxStreamBytes: 256 << 10, MaxOps: 1 << 16, MaxPages: 100, Workers: 1}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 256<<10 {
			return
		}
		res, err := ReadBytes(context.Background(), data, lim)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			if errors.Is(err, ErrTimeout) {
				t.Fatalf("a small file took longer than %v", lim.Timeout)
			}
			return
		}
		if len(res.Pages) == 0 {
			t.Fatal("no error and no pages")
		}
	})
}
