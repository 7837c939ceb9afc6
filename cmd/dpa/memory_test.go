package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// deflated returns n bytes of data repeated, deflated (zlib). Deflating
// gigabytes costs tens of seconds, so only the first chunks are deflated:
// once the input repeats, each further chunk (a whole number of copies of
// data) deflates, after a sync flush, to the same bytes, which are repeated
// as often as needed; the Adler-32 is computed over the whole input. A
// stream that came out wrong would fail the reader, not pass the test.
func deflated(data []byte, n int) []byte {
	unit := bytes.Repeat(data, max(1, (1<<20)/len(data)))
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.DefaultCompression)
	var parts [][]byte // the deflated unit: first, second, then steady
	flush := func(p []byte) []byte {
		start := b.Len()
		w.Write(p)
		w.Flush()
		return append([]byte(nil), b.Bytes()[start:]...)
	}
	for range 4 {
		parts = append(parts, flush(unit))
	}
	if !bytes.Equal(parts[2], parts[3]) {
		panic("deflated: the deflated chunks do not repeat")
	}
	tail := n % len(unit)
	tailPart := flush(unit[:tail])
	start := b.Len()
	w.Close()
	final := b.Bytes()[start : b.Len()-4] // the last block, without the checksum
	h := adler32.New()
	out := append([]byte(nil), b.Bytes()[:2]...) // the zlib header
	for i := range n / len(unit) {
		part := parts[min(i, 2)]
		if i == 0 {
			part = part[2:]
		}
		out = append(out, part...)
		h.Write(unit)
	}
	if n/len(unit) < 3 {
		panic("deflated: fewer than three chunks")
	}
	out = append(out, tailPart...)
	h.Write(unit[:tail])
	out = append(out, final...)
	return binary.BigEndian.AppendUint32(out, h.Sum32())
}

// bombPDF builds a PDF of pages pages whose content streams are all the
// deflated stream z (one object, drawn by every page).
func bombPDF(pages int, z []byte) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", 5+i))
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	offs = append(offs, b.Len())
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", len(z))
	b.Write(z)
	b.WriteString("\nendstream\nendobj\n")
	for range pages {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// TestBombPeakRSS runs dpa extract, as a separate process, on the two
// memory bombs of issue 11 and checks its peak resident memory (children
// included) on one and four cores: at most 300 MB, whatever the count.
func TestBombPeakRSS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two bombs of 2 GB and 1 GB")
	}
	dir := t.TempDir()
	text := []byte("BT /F1 10 Tf 72 700 Td (bom) Tj ET\n" + strings.Repeat(" ", 64<<10))
	files := map[string][]byte{
		// 8 pages, each inflating to 250 MB (under the 256 MB stream cap).
		"pages.pdf": bombPDF(8, deflated(text, 250<<20)),
		// One page inflating to 1 GB.
		"bomb.pdf": bombPDF(1, deflated(make([]byte, 1<<20), 1<<30)),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d KB", name, len(data)>>10)
	}
	for _, name := range []string{"pages.pdf", "bomb.pdf"} {
		for _, procs := range []string{"1", "4"} {
			cmd := exec.Command(os.Args[0], "extract", "--json", "--ocr", "off", filepath.Join(dir, name))
			cmd.Env = append(os.Environ(), "DPA_TEST_MAIN=1", "GOMAXPROCS="+procs, readerEnv+"=child")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			if cmd.ProcessState == nil {
				t.Fatalf("%s: %v", name, err)
			}
			if code := cmd.ProcessState.ExitCode(); code != exitFailed {
				t.Errorf("%s: exit %d, want %d (one failed file); stderr: %s", name, code, exitFailed, stderr.String())
			}
			if !strings.Contains(stderr.String(), "too large") {
				t.Errorf("%s: stderr does not say too large: %s", name, stderr.String())
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10 // MB
			t.Logf("%s on %s cores: peak RSS %d MB", name, procs, rss)
			if rss > 300 {
				t.Errorf("%s on %s cores: peak RSS %d MB, want at most 300", name, procs, rss)
			}
		}
	}
}

// runAsDPA is what the test binary does when a test starts it as dpa.
func runAsDPA() int {
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
	return m.Run(context.Background(), os.Args[1:])
}
