# grpo-score: the commands the README documents.
GO      ?= go
BIN     ?= ./grpo-score
SAMPLE  ?= testdata/sample.jsonl

.PHONY: all build sample test vet lint fmt-check bench bench-go fuzz generate clean

all: build

build:
	$(GO) build -trimpath -o $(BIN) .

# Score the bundled sample: the README's first command.
sample: build
	$(BIN) score $(SAMPLE) -r accuracy,format,length,repetition -o /tmp/grpo-score-sample.jsonl --stats /tmp/grpo-score-sample.stats.json
	@echo "scored lines: /tmp/grpo-score-sample.jsonl, statistics: /tmp/grpo-score-sample.stats.json"

# The README's test command; CI runs exactly this.
test: fmt-check vet lint
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...

# staticcheck at a fixed version, fetched through the module proxy.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	$(GO) run $(STATICCHECK) ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# The whole pipeline on the golden rollouts repeated 20 times: lines/s, MB/s,
# ratios, peak RSS, allocations per line, start-up (see scripts/bench.sh).
bench: build
	BIN=$(BIN) GO=$(GO) sh scripts/bench.sh

# Every package's micro benchmarks.
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Every fuzz target in turn, FUZZTIME each: `make fuzz FUZZTIME=10m`.
FUZZTIME ?= 15s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list 'Fuzz.*' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

generate:
	$(GO) generate ./...

clean:
	rm -f $(BIN)
