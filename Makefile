# The two commands of the README: `make run` and `make test`. Everything else is a building block.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.setup-done

.PHONY: setup run test bronze fixtures dashboards clean benchmark bundle-schema

## setup: create .venv, install the package with pinned dependencies, fetch the Delta jars through Maven
setup: $(STAMP)

$(STAMP): pyproject.toml scripts/setup.sh
	PYTHON=$(PYTHON) bash scripts/setup.sh
	touch $(STAMP)

## run: set-up, the full pipeline on the bundled fixtures, then the dashboard previews
run: setup
	$(BIN)/woonmonitor run
	$(BIN)/woonmonitor dashboards

## test: the whole test suite (one shared Spark session)
test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## fixtures: regenerate the committed synthetic delivery in fixtures/landing
fixtures: setup
	$(BIN)/woonmonitor fixtures --out fixtures/landing --scale 0.04 --seed 262

## benchmark: generate a bigger delivery and time the pipeline on it (see README)
benchmark: setup
	$(BIN)/python scripts/benchmark.py $(BENCH_ARGS)

clean:
	rm -rf .warehouse build dist previews
