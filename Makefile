# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
# Python 3.11 is what the pinned dependencies install on.
PYTHON ?= python3.11

.PHONY: run test lint install install-test clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[st,dev]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Index corpus/ into .reformqa/ (the UI will start here once it lands).
run: install
	$(BIN)/reformqa ingest corpus/
	$(BIN)/reformqa docs

lint: install-test
	$(BIN)/ruff check .

test: install-test lint
	$(BIN)/pytest -q

clean:
	rm -rf .reformqa .pytest_cache
