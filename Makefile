# dpa — build, demo, tests and benchmarks. `make help` lists the targets.
GO      ?= go
BIN     := bin/dpa
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: help build demo test bench fuzz clean

help:
	@echo "make build   build $(BIN)"
	@echo "make demo    build, then extract the bundled sample agreements (testdata/agreements)"
	@echo "make test    vet and run every test"
	@echo "make bench   run the benchmarks (beside pdftotext/tesseract where they apply)"
	@echo "make fuzz    run each ingestor's fuzz target for FUZZTIME (default 30s)"

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/dpa

demo: build
	$(BIN) extract testdata/agreements

test:
	$(GO) vet ./...
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

FUZZTIME ?= 30s
fuzz:
	@$(GO) list -f '{{.ImportPath}} {{.Dir}}' ./... | while read pkg dir; do \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/func //'); do \
			echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf bin
