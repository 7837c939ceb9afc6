# dpa — build, demo, tests and benchmarks. `make help` lists the targets.
GO      ?= go
SHELL   := bash
BIN     := bin/dpa
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# The shared corpus (real agreements, stress files) used by benchmarks only;
# tests never need it.
export DPA_CORPUS ?= $(abspath ../shared/corpus)

.PHONY: help build demo test bench fuzz layouts clean

help:
	@echo "make build   build $(BIN)"
	@echo "make demo    build, then extract the bundled sample agreements (testdata/agreements)"
	@echo "make test    vet and run every test"
	@echo "make bench   run the benchmarks (beside pdftotext/tesseract where they apply)"
	@echo "make fuzz    run each ingestor's fuzz target for FUZZTIME (default 30s)"
	@echo "make layouts print the generated layouts (testdata/layoutgen) to PDF with Chromium"

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/dpa

demo: build
	$(BIN) extract testdata/agreements/*.txt

test:
	@unformatted=$$(gofmt -l cmd corpus extract index normalize testdata); \
		if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test ./...

# Each benchmark runs beside its reference tool in the same run, so the
# ratios hold on a busy machine: pdftotext for the PDF reader and for the
# whole extract command (CPU time), bare tesseract for OCR. Parts whose corpus or tool is missing say so and skip.
bench:
	@echo "== extract: ms per page of text (cpu-ms/page is CPU time), on the corpus and on one document of 10, 100 and 1000 pages"
	$(GO) test -run '^$$' -bench 'Extract$$|ExtractLength' -benchtime 3x -cpu 1 -timeout 30m ./extract
	@echo "== dpa extract --json --ocr=off, the whole command, against pdftotext: CPU seconds (median of 3, same run), ratio, peak RSS"
	$(GO) test -run '^$$' -bench 'Command$$' -benchtime 1x -timeout 30m ./extract
	@echo "== corpus/pdf: pages/s against pdftotext on the 1000-page bundle"
	COUNT=3 BENCHTIME=2x corpus/pdf/bench.sh
	@echo "== corpus: the whole reading of a PDF into a Document (reader, cleaning, blocks), CPU seconds per pass against pdftotext's, same run"
	$(GO) test -run '^$$' -bench 'Open' -benchtime 1x ./corpus
	@echo "== corpus/ocr: seconds per page against bare tesseract; parallel against serial"
	$(GO) test -run '^$$' -bench 'OCR$$' -benchtime 1x -count 2 -timeout 30m ./corpus/ocr
	@echo "== index: writing records already extracted (documents/s, CPU ms per document; reference: bleve alone indexing the same texts, same run)"
	$(GO) test -run '^$$' -bench 'IndexRecords' -benchtime 1x -count 3 ./index
	@echo "== index: a sync that finds 3 files changed on a drive of 3,000 indexed (ms per sync, bolt root MB)"
	$(GO) test -run '^$$' -bench 'SyncFew' -benchtime 10x ./index
	@echo "== index: search API under load (req/s, p50/p99 ms, CPU ms per request at 4 and 50 clients), query latency, bytes per document; a drive's files/s and unchanged re-run"
	$(GO) test -run '^$$' -bench 'Query|ServeLoad|Drive' -benchtime 1x -timeout 30m ./index ./cmd/dpa

# Every fuzz target of the repository, one after the other, each for
# FUZZTIME. New inputs that widen coverage are minimised for at most
# FUZZMINIMIZE each (Go's default, a minute, stalls a target for most of a
# short run). Seeds: each target's own, plus the shared corpus's files when
# DPA_CORPUS names it (read in place, never copied into the project).
FUZZTIME ?= 30s
FUZZMINIMIZE ?= 1s
fuzz:
	@$(GO) list -f '{{.ImportPath}} {{.Dir}}' ./... | while read pkg dir; do \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/func //'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg 2>&1 | \
				awk '/^fuzz: elapsed/ { last = $$0; next } { out[n++] = $$0 } END { if (last != "") print last; for (i = 0; i < n; i++) print out[i] }'; \
			test $${PIPESTATUS[0]} -eq 0 || exit 1; \
		done; \
	done

# The layout test (extract/layouts) renders text, HTML and DOCX itself; the
# PDFs are printed once by headless Chromium and committed with the SHA-256
# of their HTML (testdata/layouts/SOURCES), so tests need no browser; their
# block dumps (testdata/blocks/layouts_*) are rewritten with them.
layouts:
	$(GO) run ./testdata/layoutgen/render -out testdata/layouts
	$(GO) test ./corpus -run 'TestBlockGolden/layouts/' -update

clean:
	rm -rf bin
