package ocr

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// pageImages is what pdfimages -list says about the images of one page.
type pageImages struct {
	count int     // images of any type (masks included)
	kind  string  // type of the first image: image, mask, smask, stencil
	enc   string  // its encoding: jpeg, jpx, ccitt, image…
	color string  // its colour space: gray, rgb, cmyk, index…
	ppi   float64 // its lower resolution on the page (x or y)
}

// Resolutions between which an embedded scan is recognised as it is.
const (
	minScanPPI = 150
	maxScanPPI = 600
)

// usableScan reports whether the page is one JPEG scan that tesseract can
// read directly, at a resolution it reads well. Anything else (several
// images, masks, CMYK, JBIG2, low resolution) is rendered instead.
func (p pageImages) usableScan() bool {
	return p.count == 1 && p.kind == "image" && p.enc == "jpeg" &&
		(p.color == "gray" || p.color == "rgb") && p.ppi >= minScanPPI && p.ppi <= maxScanPPI
}

// listImages runs pdfimages -list over the pages from the first to the
// last of pages and returns the images of each page.
func listImages(ctx context.Context, pdfimages, path string, pages []int) (map[int]pageImages, error) {
	first, last := pages[0], pages[0]
	for _, n := range pages {
		first, last = min(first, n), max(last, n)
	}
	cmd := exec.CommandContext(ctx, pdfimages, "-list", "-f", fmt.Sprint(first), "-l", fmt.Sprint(last), path)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdfimages -list: %w", err)
	}
	return parseImageList(string(out)), nil
}

// parseImageList reads the table pdfimages -list prints:
//
//	page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
//	   1     0 image    1653  2339  gray    1   8  jpeg   no         6  0   200   200  296K 7.8%
func parseImageList(out string) map[int]pageImages {
	pages := map[int]pageImages{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 14 {
			continue
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			continue // header or rule
		}
		p := pages[n]
		p.count++
		if p.count == 1 {
			xppi, _ := strconv.ParseFloat(f[12], 64)
			yppi, _ := strconv.ParseFloat(f[13], 64)
			p.kind, p.color, p.enc, p.ppi = f[2], f[5], f[8], min(xppi, yppi)
		}
		pages[n] = p
	}
	return pages
}
