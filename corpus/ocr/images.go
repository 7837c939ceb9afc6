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
	rot   int     // the page's /Rotate, which an extracted image does not carry
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
	return p.count == 1 && p.rot == 0 && p.kind == "image" && p.enc == "jpeg" &&
		(p.color == "gray" || p.color == "rgb") && p.ppi >= minScanPPI && p.ppi <= maxScanPPI
}

// listImages runs pdfimages -list and pdfinfo over the pages from the
// first to the last of pages and returns the images and rotation of each
// page.
func listImages(ctx context.Context, pdfimages, pdfinfo, path string, pages []int) (map[int]pageImages, error) {
	first, last := pages[0], pages[0]
	for _, n := range pages {
		first, last = min(first, n), max(last, n)
	}
	f, l := fmt.Sprint(first), fmt.Sprint(last)
	out, err := exec.CommandContext(ctx, pdfimages, "-list", "-f", f, "-l", l, path).Output()
	if err != nil {
		return nil, fmt.Errorf("pdfimages -list: %w", err)
	}
	info, err := exec.CommandContext(ctx, pdfinfo, "-f", f, "-l", l, path).Output()
	if err != nil {
		return nil, fmt.Errorf("pdfinfo: %w", err)
	}
	images := parseImageList(string(out))
	for n, rot := range parseRotation(string(info)) {
		p := images[n]
		p.rot = rot
		images[n] = p
	}
	return images, nil
}

// parseRotation reads the "Page    1 rot:  90" lines of pdfinfo -f -l.
func parseRotation(out string) map[int]int {
	rot := map[int]int{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && f[0] == "Page" && f[2] == "rot:" {
			n, err1 := strconv.Atoi(f[1])
			r, err2 := strconv.Atoi(f[3])
			if err1 == nil && err2 == nil && r%360 != 0 {
				rot[n] = r
			}
		}
	}
	return rot
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
