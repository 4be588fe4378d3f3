# doctool: `make brief` builds the sample briefing pack, `make test` runs the checks.
# Both create .venv/ on first use and install what they need into it.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
SAMPLE := seeds/chongqing-economic-work-conference-2024.txt
OUT    := build

.PHONY: brief test lint bench eval clean install

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# the base install: what `doctool build` needs with the translation memory alone
$(VENV)/.base: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

# tests also exercise the real Argos path and the llm engine's client; torch first, pinned
# to the CPU wheel, so argostranslate's dependencies do not pull a multi-gigabyte CUDA build
$(VENV)/.test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install torch==2.13.0
	$(PIP) install -e '.[test,mt,llm]'
	touch $(VENV)/.base $@

install: $(VENV)/.base

brief: $(VENV)/.base
	$(VENV)/bin/doctool build $(SAMPLE) --out $(OUT)

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: $(VENV)/.test lint
	DOCTOOL_TEST_REQUIRE_MT=1 $(VENV)/bin/pytest -q

# make bench BASELINE=<git ref>: also compares the build with that commit's, side by side
BASELINE ?= HEAD
bench: $(VENV)/.test
	DOCTOOL_BENCH_BASELINE=$(BASELINE) $(VENV)/bin/pytest -q -p no:cacheprovider tests/benchmarks -o addopts="" -s

# precision and recall of extraction over the corpus of real reports (tests/corpus/)
eval: $(VENV)/.base
	$(PY) tools/evaluate.py

clean:
	rm -rf $(OUT) .mypy_cache .ruff_cache .pytest_cache
