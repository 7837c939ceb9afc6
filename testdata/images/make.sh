#!/bin/bash
# make.sh writes the image fixtures of this folder from PDFs already in
# testdata, the way a copier or a phone would deliver an agreement:
#   zeilschool-1.jpg  page 1 of the scanned fixture, its copier JPEG as is
#                     (testdata/scanned/zeilschool.scanned.pdf, 200 dpi grey)
#   zeilschool.tif    both pages of it as one multi-page TIFF (150 dpi grey,
#                     JPEG-compressed), as copiers scan to a folder
#   bullets-1.png     page 1 of a layout fixture (testdata/layouts/bullets.pdf)
#                     rendered at 150 dpi grey, as a screenshot or export
# Needs: apt-get install poppler-utils libtiff-tools. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdfimages -j -f 1 -l 1 ../scanned/zeilschool.scanned.pdf "$tmp/z"
cp "$tmp/z-000.jpg" zeilschool-1.jpg
pdftoppm -r 150 -gray -tiff -tiffcompression jpeg ../scanned/zeilschool.scanned.pdf "$tmp/t"
tiffcp "$tmp/t-1.tif" "$tmp/t-2.tif" zeilschool.tif
pdftoppm -r 150 -gray -png -f 1 -l 1 -singlefile ../layouts/bullets.pdf bullets-1
ls -l zeilschool-1.jpg zeilschool.tif bullets-1.png
