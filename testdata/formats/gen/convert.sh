#!/usr/bin/env bash
# Renders the DOCX fixtures of this folder in the other word-processor
# formats dpa reads, with LibreOffice (Debian: libreoffice-writer-nogui):
# OpenDocument text (.odt), RTF (.rtf) and Word 97–2003 (.doc). The outputs
# are committed, so that tests never need LibreOffice; run this again after
# changing a DOCX (testdata/formats/gen writes them).
set -euo pipefail
cd "$(dirname "$0")/.."
formats=("${@:-odt rtf doc}")
command -v soffice >/dev/null || { echo "convert.sh: needs soffice (apt-get install libreoffice-writer-nogui)" >&2; exit 1; }
for f in ${formats[@]}; do
  soffice --headless --convert-to "$f" --outdir . ./*.docx >/dev/null
done
ls -l ./*.odt ./*.rtf ./*.doc 2>/dev/null || true
