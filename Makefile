# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# pywb (for `longform serve`) lives in a virtualenv of its own: pywb 2.10 pins pyOpenSSL and
# cryptography below the versions Scrapy needs, and its `brotlipy` shadows the `brotli` module
# Scrapy decodes `Content-Encoding: br` with. `longform serve` runs its `wayback` as a subprocess.
PYWB_VENV ?= .venv-pywb

.PHONY: demo test lint install install-test pywb clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

demo: install
	$(BIN)/longform demo

test: install-test pywb
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

# A file target: made only when the venv is missing, so `make test` does not reach PyPI every run.
pywb: $(PYWB_VENV)/bin/wayback

$(PYWB_VENV)/bin/wayback:
	$(PYTHON) -m venv $(PYWB_VENV)
	$(PYWB_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PYWB_VENV)/bin/python -m pip install --quiet pywb

# The speed harness of issue 15 (minutes; not part of `make test`): BENCH_ARGS="--articles 2000".
bench: install-test
	$(BIN)/python -m pip install --quiet fastwarc
	$(BIN)/python bench/speed_bench.py $(BENCH_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(PYWB_VENV) build *.egg-info
