#!/usr/bin/env bash
# bench.sh: PDF text extraction throughput against poppler's pdftotext on the
# 1000-page corpus bundle, in the same run. Each benchmark runs COUNT times in
# its own process; the minimum time per pass is compared (the machine may be
# shared). Prints pages/s for both, the ratio (ours / pdftotext, higher is
# better) and our peak RSS. Skips when the corpus or pdftotext is absent.
# DPA_CORPUS names the corpus folder (default ../shared/corpus beside the repository).
set -euo pipefail
cd "$(dirname "$0")"
COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-3x}
run() {
	go test -run '^$' -bench "^$1\$" -benchtime "$BENCHTIME" -count "$COUNT" . | tee /dev/stderr | grep "^$1-" || true
}
ours=$(run BenchmarkBundle)
one=$(run BenchmarkBundleOneWorker)
ref=$(run BenchmarkBundlePdftotext)
if [ -z "$ours" ] || [ -z "$ref" ]; then
	echo "bench.sh: skipped (no corpus bundle or no pdftotext)"
	exit 0
fi
minns() { awk '{print $3}' | sort -n | head -1; }
rss() { awk '{for (i = 1; i < NF; i++) if ($(i+1) == "peakRSS-MB") print $i}' | sort -n | tail -1; }
o=$(minns <<<"$ours"); s=$(minns <<<"$one"); r=$(minns <<<"$ref")
awk -v o="$o" -v s="$s" -v r="$r" -v m="$(rss <<<"$ours")" 'BEGIN {
	printf "bundle 1000 pages, min of runs:\n"
	printf "  dpa corpus/pdf   %8.0f pages/s  (%.3f s)  peak RSS %s MB\n", 1000/(o/1e9), o/1e9, m
	printf "  dpa, one worker  %8.0f pages/s  (%.3f s)\n", 1000/(s/1e9), s/1e9
	printf "  pdftotext        %8.0f pages/s  (%.3f s)\n", 1000/(r/1e9), r/1e9
	printf "  ratio ours/pdftotext: %.2f (one worker: %.2f)\n", r/o, r/s
}'
