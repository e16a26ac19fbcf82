# One entry point for people and CI. Every target calls the same Python
# functions as the MkDocs hook (python -m build_scripts <stage>).
#
#   make site       build the site into site/ (installs what it needs first)
#   make test       the whole test suite: lint, then every test on TEST_JOBS=2 workers (installs Chromium
#                   and the npm tools first)
#   make test-fast  lint and the tests without a browser, property tests at a quarter of their
#                   cases (RPDC_FAST_TESTS=1; tests/examples.py): the loop while coding
#   make lint       ruff (lint and format check) and mypy, configured in pyproject.toml
#   make gates      the quality gates alone (axe, Lighthouse, links, weight), figures printed
#   make eval       extraction accuracy on the corpus (against the reviewed data), and the
#                   tests that hold only for the seed articles' exact text (pytest -m seed)
#   make eval-dev   extraction accuracy on the development set (../shared/devset, or DEVSET=DIR)
#   make fuzz       generated hostile inputs through check, the site's generation and add (FUZZ_INPUTS=5000)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
# The development set sits beside the project (../shared), or two levels up from a worktree under wt/.
DEVSET ?= $(firstword $(wildcard ../shared/devset ../../shared/devset))
FUZZ_INPUTS ?= 5000
FUZZ_SEED ?= 0
# make test runs the suite in this many pytest-xdist workers (tests/conftest.py says what stays together)
TEST_JOBS ?= 2

.PHONY: site test test-fast lint check serve eval eval-dev bench gates fuzz install clean

site: $(STAMP)
	$(PY) -m build_scripts build

test: $(STAMP) lint
	bash scripts/install-test-tools.sh
	$(PY) -m pytest -n $(TEST_JOBS) --dist loadgroup

test-fast: $(STAMP) lint
	RPDC_FAST_TESTS=1 $(PY) -m pytest -m "not browser and not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

gates: $(STAMP)
	bash scripts/install-test-tools.sh
	$(PY) -m build_scripts.quality.gates

check: $(STAMP)
	$(PY) -m build_scripts check

fuzz: $(STAMP)
	$(PY) -m build_scripts fuzz --inputs $(FUZZ_INPUTS) --seed $(FUZZ_SEED)

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

eval: $(STAMP)
	$(PY) -m build_scripts eval
	$(PY) -m pytest -q -m seed

eval-dev: $(STAMP)
	@test -n "$(DEVSET)" || { echo "eval-dev: no ../shared/devset beside the project; run: make eval-dev DEVSET=path/to/devset"; exit 2; }
	$(PY) -m build_scripts eval --gold $(DEVSET)

bench: $(STAMP)
	$(PY) -m build_scripts bench
	$(PY) -m build_scripts bench scale --articles 5 100 1000
	$(PY) -m build_scripts bench recheck --articles 1000

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

clean:
	rm -rf site .cache
