package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/dpa-nl/dpa/corpus"
)

// Images (photos and scans saved as JPEG, PNG or TIFF) are recognised like
// scanned PDF pages. A JPEG or PNG is decoded here first: turned upright
// as its EXIF orientation says (a phone photo is stored sideways with a
// tag saying so, which tesseract ignores), made grey, and scaled down when
// it is very large, since OCR gains nothing past about 300 dpi on A4 and
// tesseract's memory and time grow with the pixels. A TIFF goes to
// tesseract as it is, which reads every page of a multi-page TIFF (a
// copier's usual output); its word table says which page a word is on.

// Image limits.
const (
	// MaxImagePixels is the largest image decoded (width × height); a
	// larger one is refused rather than decoded into gigabytes.
	MaxImagePixels = 60_000_000
	// MaxOCRSide and MaxOCRPixels bound the image tesseract gets: a larger
	// one is scaled down to fit (A4 at 300 dpi is 2480 × 3508).
	MaxOCRSide   = 5000
	MaxOCRPixels = 16_000_000
	// MaxTIFFPages is the most pages of a TIFF read.
	MaxTIFFPages = 500
)

// ErrBadImage is wrapped by the errors of images that cannot be decoded.
var ErrBadImage = corpus.ErrUnreadableImage

// RecognizeImage implements corpus.ImageRecognizer: it recognises the
// image file at path (JPEG, PNG, or a TIFF of one or more pages) and
// returns one PageText per page, with OCR set and the mean word
// confidence. The error wraps ErrNotInstalled when tesseract or its
// language data are missing, ErrBadImage for an image it cannot decode.
func (e *Engine) RecognizeImage(ctx context.Context, path string) ([]corpus.PageText, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	// The image is checked before the engine, so that a damaged one is
	// reported as such whether or not OCR is installed.
	tiff := bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*"))
	var pages int
	var src grey
	if tiff {
		pages, err = tiffPages(data)
	} else {
		src, err = prepareImage(data, MaxImagePixels)
	}
	data = nil
	if err != nil {
		return nil, err
	}
	if err := e.Check(ctx); err != nil {
		return nil, fmt.Errorf("an image needs OCR; %s: %w", e.InstallHint(), err)
	}
	dir, err := os.MkdirTemp(e.TempDir, "dpa-ocr-")
	if err != nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	defer os.RemoveAll(dir)
	select {
	case e.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-e.slots }()
	base := filepath.Join(dir, "img")
	if tiff {
		return e.recognizeTIFF(ctx, path, base, pages)
	}
	pctx, cancel := context.WithTimeout(ctx, e.pageTimeout())
	defer cancel()
	img, err := src.write(base)
	if err != nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	p, err := e.ocr(pctx, img, base, 1, 0) // resolution unknown: the default
	if err != nil {
		if pctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("OCR took longer than %s: %w", e.pageTimeout(), pctx.Err())
		}
		return nil, err
	}
	return []corpus.PageText{{Text: p.Text, OCR: true, Confidence: p.Confidence, Blocks: p.Blocks, Words: p.Boxes}}, nil
}

// recognizeTIFF runs tesseract over all pages of a TIFF at once and splits
// its word table by page.
func (e *Engine) recognizeTIFF(ctx context.Context, path, base string, n int) ([]corpus.PageText, error) {
	ctx, cancel := context.WithTimeout(ctx, e.pageTimeout()*time.Duration(n))
	defer cancel()
	defer os.Remove(base + ".tsv")
	if err := run(ctx, e.tesseract(), path, base, "-l", e.lang(), "--psm", fmt.Sprint(e.psm()), "tsv"); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("OCR of %d pages took too long: %w", n, ctx.Err())
		}
		return nil, err
	}
	tsv, err := os.ReadFile(base + ".tsv")
	if err != nil {
		return nil, fmt.Errorf("tesseract wrote no word table: %w", err)
	}
	words := parseTSV(tsv)
	pages := make([]corpus.PageText, n)
	for i := range pages {
		pages[i].OCR = true
	}
	byPage := map[int][]word{}
	for _, w := range words {
		if w.page >= 1 && w.page <= n {
			byPage[w.page] = append(byPage[w.page], w)
		}
	}
	for pg, ws := range byPage {
		conf, _ := meanConfidence(ws)
		pages[pg-1] = corpus.PageText{Text: cleanText(layoutText(ws)), OCR: true, Confidence: conf}
	}
	return pages, nil
}

// tiffPages counts the pages (image file directories) of a TIFF, checking
// that the chain of directories is sound.
func tiffPages(data []byte) (int, error) {
	if len(data) < 8 {
		return 0, fmt.Errorf("%w: truncated TIFF", ErrBadImage)
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		bo = binary.BigEndian
	}
	off := int64(bo.Uint32(data[4:8]))
	seen := map[int64]bool{}
	n := 0
	for off != 0 {
		if off < 8 || off+2 > int64(len(data)) || seen[off] {
			if n > 0 {
				break // a damaged chain after good pages: read those
			}
			return 0, fmt.Errorf("%w: damaged TIFF (no image directory)", ErrBadImage)
		}
		seen[off] = true
		n++
		if n > MaxTIFFPages {
			return 0, fmt.Errorf("%w: TIFF of more than %d pages", corpus.ErrOverLimit, MaxTIFFPages)
		}
		entries := int64(bo.Uint16(data[off:]))
		next := off + 2 + 12*entries
		if next+4 > int64(len(data)) {
			break
		}
		off = int64(bo.Uint32(data[next:]))
	}
	return n, nil
}

// grey is an image ready for tesseract.
type grey struct{ *image.Gray }

// write saves the image as PNG beside base and returns its path.
func (g grey) write(base string) (string, error) {
	p := base + ".png"
	f, err := os.Create(p)
	if err != nil {
		return "", err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	err = enc.Encode(f, g.Gray)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return p, err
}

// prepareImage decodes a JPEG or PNG within MaxImagePixels, turns it
// upright by its EXIF orientation, makes it grey and scales it down to
// MaxOCRSide and MaxOCRPixels.
func prepareImage(data []byte, maxPixels int64) (grey, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return grey{}, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return grey{}, fmt.Errorf("%w: %d × %d pixels, limit %d", corpus.ErrOverLimit, cfg.Width, cfg.Height, maxPixels)
	}
	var img image.Image
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(bytes.NewReader(data))
	case "png":
		img, err = png.Decode(bytes.NewReader(data))
	default:
		return grey{}, fmt.Errorf("%w: %s images are not read", ErrBadImage, format)
	}
	if err != nil {
		return grey{}, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	g := toGray(img)
	if format == "jpeg" {
		g = orient(g, exifOrientation(data))
	}
	return grey{downscale(g, MaxOCRSide, MaxOCRPixels)}, nil
}

// toGray converts an image to 8-bit grey.
func toGray(img image.Image) *image.Gray {
	switch m := img.(type) {
	case *image.Gray:
		return m
	case *image.YCbCr:
		// A JPEG: its luma is the grey image.
		b := m.Bounds()
		g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		for y := 0; y < b.Dy(); y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+b.Dx()], m.Y[m.YOffset(b.Min.X, b.Min.Y+y):])
		}
		return g
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.SetGray(x-b.Min.X, y-b.Min.Y, color.GrayModel.Convert(img.At(x, y)).(color.Gray))
		}
	}
	return g
}

// exifOrientation reads the Orientation tag (1–8) of a JPEG's EXIF data;
// 1 (upright) when there is none.
func exifOrientation(data []byte) int {
	i := 2
	for i+4 <= len(data) && data[i] == 0xff {
		marker := data[i+1]
		size := int(binary.BigEndian.Uint16(data[i+2:]))
		if marker == 0xda || size < 2 || i+2+size > len(data) {
			return 1 // start of scan: no EXIF before it
		}
		seg := data[i+4 : i+2+size]
		if marker == 0xe1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + size
	}
	return 1
}

// tiffOrientation reads tag 0x0112 of the first directory of TIFF data.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if t[0] == 'M' {
		bo = binary.BigEndian
	}
	off := int(bo.Uint32(t[4:8]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	n := int(bo.Uint16(t[off:]))
	for k := 0; k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient returns g turned as EXIF orientation o says the stored pixels
// must be turned to stand upright.
func orient(g *image.Gray, o int) *image.Gray {
	if o <= 1 || o > 8 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			out.Pix[dy*out.Stride+dx] = g.Pix[y*g.Stride+x]
		}
	}
	return out
}

// downscale shrinks g by averaging boxes of pixels until its longest side
// is at most maxSide and its area at most maxPixels; a smaller image is
// returned as it is.
func downscale(g *image.Gray, maxSide, maxPixels int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	s := math.Min(float64(maxSide)/float64(max(w, h)), math.Sqrt(float64(maxPixels)/float64(w*h)))
	if s >= 1 {
		return g
	}
	nw, nh := max(1, int(float64(w)*s)), max(1, int(float64(h)*s))
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		y0, y1 := y*h/nh, max((y+1)*h/nh, y*h/nh+1)
		for x := 0; x < nw; x++ {
			x0, x1 := x*w/nw, max((x+1)*w/nw, x*w/nw+1)
			sum, n := 0, 0
			for yy := y0; yy < y1; yy++ {
				row := g.Pix[yy*g.Stride:]
				for xx := x0; xx < x1; xx++ {
					sum += int(row[xx])
					n++
				}
			}
			out.Pix[y*out.Stride+x] = uint8(sum / n)
		}
	}
	return out
}
