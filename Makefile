# Two commands on a fresh machine with only Python 3.11+: `make demo` and `make test`.
# Each creates (or reuses) the virtual environment .venv and installs the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
REPORT := data/raw/cabbalr-rdd-2022.txt

.PHONY: venv demo test lint format bench clean mutants

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

# Mutation testing of one module, in minutes: mutmut puts one-line bugs into src/rdd_extract/$(MODULE).py,
# one at a time, and runs the tests of MUTANT_TESTS that reach the mutated function against each; a bug
# no test notices is a surviving mutant, listed at the end. mutmut selects the module by a glob over its
# mutant names; it has no option to choose test files, so the others are --ignore'd via PYTEST_ADDOPTS
# (MUTANT_TESTS="$(ls tests/test_*.py)" on the command line runs the whole suite: much slower). mutants/ is
# mutmut's working copy, made anew each run and ignored by git. PYTHONPATH makes a test's `rdd` child
# process run the mutant too. Then: .venv/bin/mutmut show NAME (a mutant's diff), .venv/bin/mutmut browse.
MODULE ?= quantities
MUTANT_TESTS ?= tests/test_$(MODULE).py tests/test_mutants.py
OTHER_TESTS = $(filter-out $(MUTANT_TESTS),$(wildcard tests/test_*.py))

mutants: $(STAMP)  ## mutation testing: make mutants [MODULE=compare MUTANT_TESTS="tests/test_diff.py tests/test_mutants.py"]
	@for file in src/rdd_extract/$(MODULE).py $(MUTANT_TESTS); do \
		test -f $$file || { echo "no file $$file: set MODULE (and MUTANT_TESTS)"; exit 2; }; done
	$(BIN)/python -m pip install --quiet mutmut
	rm -rf mutants && mkdir -p mutants/src && echo '*' > mutants/.gitignore
	PYTHONPATH=$(CURDIR)/mutants/src PYTEST_ADDOPTS="$(addprefix --ignore=,$(OTHER_TESTS))" \
		$(BIN)/mutmut run "rdd_extract.$(MODULE).*"
	$(BIN)/mutmut results | grep -F "rdd_extract.$(MODULE)." || echo "no mutant of $(MODULE) survived"

clean:
	rm -rf data/processed .pytest_cache .mypy_cache .ruff_cache .hypothesis
