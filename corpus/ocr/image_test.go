package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// TestRecognizeImages reads the image fixtures (testdata/images/make.sh):
// a two-page TIFF and a rendered PNG (the JPEG is read below), each page's words
// against the text it was typeset from.
func TestRecognizeImages(t *testing.T) {
	e := needEngines(t)
	layout, err := os.ReadFile("../../testdata/layouts/bullets.pdf")
	if err != nil || len(layout) == 0 {
		t.Fatal(err)
	}
	tests := []struct {
		file    string
		sources []string // per page; "" checks only that text was found
		recall  float64
	}{
		{"zeilschool.tif", fixtureSources, 0.95},
		{"bullets-1.png", []string{""}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			pages, err := e.RecognizeImage(context.Background(), "../../testdata/images/"+tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != len(tt.sources) {
				t.Fatalf("%d pages, want %d", len(pages), len(tt.sources))
			}
			for i, p := range pages {
				if !p.OCR || p.Confidence <= 50 {
					t.Errorf("page %d: OCR %v, confidence %.1f", i+1, p.OCR, p.Confidence)
				}
				if tt.sources[i] == "" {
					if !strings.Contains(p.Text, "Verwerkersovereenkomst") {
						t.Errorf("page %d: no title in %q", i+1, p.Text)
					}
					continue
				}
				ref, err := os.ReadFile(tt.sources[i])
				if err != nil {
					t.Fatal(err)
				}
				if r, hit, total := wordRecall(string(ref), p.Text); r < tt.recall {
					t.Errorf("page %d: word recall %.3f (%d of %d), want ≥ %.2f", i+1, r, hit, total, tt.recall)
				}
			}
		})
	}
}

// TestRecognizeImageUpright checks that a photo stored sideways with an
// EXIF orientation is read upright: the top of the fixture's copier JPEG,
// turned a quarter and tagged 6, reads as the original.
func TestRecognizeImageUpright(t *testing.T) {
	e := needEngines(t)
	data, err := os.ReadFile("../../testdata/images/zeilschool-1.jpg")
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Stored turned 90° counter-clockwise; orientation 6 says "turn 90°
	// clockwise to view".
	top := toGray(img)
	top = &image.Gray{Pix: top.Pix[:top.Stride*500], Stride: top.Stride, Rect: image.Rect(0, 0, top.Rect.Dx(), 500)}
	sideways := orient(top, 8)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, sideways, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/photo.jpg"
	if err := os.WriteFile(path, withOrientation(buf.Bytes(), 6), 0o644); err != nil {
		t.Fatal(err)
	}
	pages, err := e.RecognizeImage(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pages[0].Text, "Verwerkersovereenkomst Zeilschool") {
		t.Errorf("a photo stored sideways read as %q", pages[0].Text)
	}
}

// withOrientation inserts an EXIF segment with the given orientation
// after a JPEG's start-of-image marker.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	binary.BigEndian.PutUint16(tiff[18:], o)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(append(out, app1...), seg...)
	return append(out, jpg[2:]...)
}

func TestExifOrientation(t *testing.T) {
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 2)), nil)
	for _, o := range []uint16{1, 3, 6, 8} {
		if got := exifOrientation(withOrientation(buf.Bytes(), o)); got != int(o) {
			t.Errorf("orientation %d read as %d", o, got)
		}
	}
	if got := exifOrientation(buf.Bytes()); got != 1 {
		t.Errorf("no EXIF: %d, want 1", got)
	}
}

func TestOrient(t *testing.T) {
	// 3 × 2:  a b c
	//         d e f
	g := &image.Gray{Pix: []byte("abcdef"), Stride: 3, Rect: image.Rect(0, 0, 3, 2)}
	tests := map[int]string{1: "abcdef", 2: "cbafed", 3: "fedcba", 4: "defabc", 5: "adbecf", 6: "daebfc", 7: "fcebda", 8: "cfbead"}
	for o, want := range tests {
		if got := string(orient(g, o).Pix); got != want {
			t.Errorf("orientation %d: %q, want %q", o, got, want)
		}
	}
}

func TestDownscale(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 400, 600))
	for i := range g.Pix {
		g.Pix[i] = uint8(i % 2 * 200)
	}
	out := downscale(g, 100, 16_000_000)
	if w, h := out.Rect.Dx(), out.Rect.Dy(); h != 100 || w < 60 || w > 67 {
		t.Errorf("scaled to %d × %d", w, h)
	}
	if out.Pix[0] < 90 || out.Pix[0] > 110 {
		t.Errorf("a box of alternating 0 and 200 averages to %d, want about 100", out.Pix[0])
	}
	small := image.NewGray(image.Rect(0, 0, 100, 100))
	if downscale(small, 5000, 16_000_000) != small {
		t.Error("a small image was scaled")
	}
}

func TestImageErrors(t *testing.T) {
	var huge bytes.Buffer
	png.Encode(&huge, image.NewGray(image.Rect(0, 0, 1, 1)))
	data := huge.Bytes()
	binary.BigEndian.PutUint32(data[16:], 100000) // IHDR width: 100000 × 1 pixels
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), corpus.ErrUnreadableImage},
		{"too many pixels", data, corpus.ErrOverLimit},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), corpus.ErrUnreadableImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := prepareImage(tt.data, 50_000); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestTIFFPages(t *testing.T) {
	data, err := os.ReadFile("../../testdata/images/zeilschool.tif")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := tiffPages(data); n != 2 || err != nil {
		t.Errorf("fixture: %d pages, %v; want 2", n, err)
	}
	loop := []byte("II*\x00\x08\x00\x00\x00\x00\x00\x08\x00\x00\x00") // a directory pointing at itself
	if n, err := tiffPages(loop); n != 1 || err != nil {
		t.Errorf("looping chain: %d, %v; want its one page", n, err)
	}
	if _, err := tiffPages([]byte("II*\x00\xff\x00\x00\x00")); !errors.Is(err, corpus.ErrUnreadableImage) {
		t.Errorf("no directory: %v", err)
	}
}

// FuzzPrepareImage checks that no image makes the decoding, orientation
// and TIFF checks panic.
func FuzzPrepareImage(f *testing.F) {
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 4)), nil)
	f.Add(withOrientation(buf.Bytes(), 6))
	buf.Reset()
	png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 5, 3)))
	f.Add(buf.Bytes())
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if g, err := prepareImage(data, 1<<16); err == nil && g.Gray == nil {
			t.Fatal("no image without error")
		}
		tiffPages(data)
		exifOrientation(data)
	})
}
