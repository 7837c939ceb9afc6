#!/bin/bash
# make.sh regenerates zeilschool.scanned.pdf, a two-page "scanned" agreement
# (invented text, zeilschool.txt and zeilschool-2.txt, one file per page):
# each page is typeset with ImageMagick at 200 dpi on an A4 canvas, skewed,
# blurred and given noise and a scribbled signature on the last page, saved
# as a grey JPEG (quality 65) and wrapped, one image per page, into a PDF by
# img2pdf: the same shape as a copier's scan, with no text layer.
# It also writes zeilschool.mixed.pdf (see the end).
# Needs: apt-get install imagemagick img2pdf fonts-dejavu-core poppler-utils python3
# Run from anywhere; the output is deterministic (fixed noise seed and dates).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
skew=(0.7 -0.5)
i=0
for src in zeilschool.txt zeilschool-2.txt; do
	extra=()
	if [ "$src" = zeilschool-2.txt ]; then
		# two signature scribbles under the last line
		extra=(-stroke 'gray20' -strokewidth 3 -fill none
			-draw "path 'M 200,1010 C 240,930 280,1080 320,980 S 400,940 460,1020'"
			-draw "path 'M 760,1010 C 800,940 840,1070 900,990 S 980,970 1040,1010'")
	fi
	convert -seed $((i + 7)) -density 200 -units PixelsPerInch \
		-size 1300x -background white -fill 'gray12' -font DejaVu-Serif -pointsize 11 \
		caption:"$(cat "$src")" \
		-bordercolor white -border 177x180 -gravity northwest -extent 1654x2339 \
		"${extra[@]}" \
		-background 'gray96' -rotate "${skew[$i]}" -gravity center -extent 1654x2339 \
		-blur 0x0.8 -attenuate 0.35 +noise Gaussian \
		-colorspace gray -depth 8 -quality 65 -strip "$tmp/page$i.jpg"
	i=$((i + 1))
done
img2pdf --engine internal --pagesize A4 --creator "invented scanner" \
	--creationdate 2025-03-03T10:00:00 --moddate 2025-03-03T10:00:00 \
	-o zeilschool.scanned.pdf "$tmp"/page*.jpg
pdfimages -list zeilschool.scanned.pdf

# zeilschool.mixed.pdf: page 1 with a text layer (textpage.py), page 2 the
# scanned, signed page 2 above: a text agreement with a scanned signature page.
python3 textpage.py zeilschool.mixed.pdf zeilschool.txt "$tmp/page1.jpg"
pdffonts zeilschool.mixed.pdf
pdfimages -list zeilschool.mixed.pdf
