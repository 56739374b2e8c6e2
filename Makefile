# Two commands on a fresh machine with only Python 3.11+: `make demo` and `make test`.
# Each creates (or reuses) the virtual environment .venv and installs the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
REPORT := data/raw/cabbalr-rdd-2022.txt

.PHONY: venv demo test lint format bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)  ## extract the bundled 2022 report into data/processed/cabbalr-2022
	$(BIN)/rdd extract $(REPORT) -o data/processed/cabbalr-2022

test: lint  ## lint, type-check, then run the tests
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

bench: $(STAMP)  ## timings of rdd extract on the 60-page PDF fixture, beside pdfplumber and pdftotext
	$(BIN)/python bench/bench.py

clean:
	rm -rf data/processed .pytest_cache .mypy_cache .ruff_cache .hypothesis
