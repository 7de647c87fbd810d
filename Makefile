# Fazhi. Every target sets itself up: it finds a Python >= 3.12, creates .venv and installs
# requirements.lock (again only when pyproject.toml or requirements.lock change).
#
#   make run     migrate, demo world on first run (serve --demo), serve on http://$(HOST):$(PORT)/
#   make test    ruff, mypy, import contracts, migrations check, the whole pytest suite
#   make check   the same without pytest
#   make bench   benchmarks (bench/), results in var/bench/results.json
#   make mutate  mutation testing (mutmut), results in var/mutate/results.json; MODULE=path
#   make lock    re-resolve requirements.lock from pyproject.toml (with uv)
#   make clean   remove .venv and caches; never the data in var/
#
# See docs/operations.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
FAZHI := $(VENV)/bin/fazhi
STAMP := $(VENV)/.fazhi-installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra arguments for pytest, e.g. make test PYTEST_ARGS='-k backup -x'
PYTEST_ARGS ?=
PYTEST_FLAGS := -n 2 --durations=15

# Candidates for the interpreter, first match wins; `make PYTHON=/path/to/python3.12` forces one.
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 \
	$(sort $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python /root/.pyenv/versions/3.1[2-9]*/bin/python)) \
	python3

.PHONY: help run test check bench mutate setup lock clean messages

help:
	@sed -n '2,11p' Makefile | sed 's/^# \{0,1\}//'

# --- set-up ---------------------------------------------------------------------------------
$(PY):
	@set -e; found=""; \
	for candidate in $(PYTHON_CANDIDATES); do \
	  if "$$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    found="$$candidate"; break; \
	  fi; \
	done; \
	if [ -z "$$found" ]; then \
	  echo "Fazhi needs Python 3.12 or newer, and none was found (tried: $(PYTHON_CANDIDATES))."; \
	  echo "Get one in either of these ways, then run make again:"; \
	  echo "  - pyenv:  curl -fsSL https://pyenv.run | bash && ~/.pyenv/bin/pyenv install 3.12"; \
	  echo "  - Debian 13 / Ubuntu 24.04:  sudo apt-get install python3 python3-venv"; \
	  echo "or point make at one you have:  make run PYTHON=/path/to/python3.12"; \
	  exit 1; \
	fi; \
	echo "Creating $(VENV) with $$found ($$("$$found" --version))"; \
	"$$found" -m venv $(VENV)

$(STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet --progress-bar off -r requirements.lock
	$(PY) -m pip install --quiet --progress-bar off --no-deps -e .
	@touch $@

setup: $(STAMP)

# Compiled catalogues (.mo) are committed, so a machine without gettext still runs Fazhi.
# With gettext present they are rebuilt here, and a test (fazhi/ops/tests/test_locale.py)
# fails when a committed .mo does not match its .po.
messages: setup
	@if command -v msgfmt >/dev/null; then \
	  $(FAZHI) compilemessages --ignore=.venv --ignore=var --ignore=node_modules --verbosity 0; \
	else \
	  echo "msgfmt not found (Debian: apt-get install gettext): using the committed .mo files"; \
	fi

# --- the two commands -----------------------------------------------------------------------
run: setup messages
	$(FAZHI) serve --demo --host "$(HOST)" --port "$(PORT)"

check: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy fazhi bench
	$(VENV)/bin/lint-imports
	$(FAZHI) makemigrations --check --dry-run

test: check
	$(PY) -m pytest $(PYTEST_FLAGS) $(PYTEST_ARGS)

bench: setup
	$(PY) -m bench

# One target: make mutate MODULE=fazhi/cases/access.py; MUTATE_CHILDREN=2 runs two mutants at once;
# AGAIN=1 runs only the last run's survivors again, with the tests as they are now.
MODULE ?=
MUTATE_CHILDREN ?= 1
AGAIN ?=
mutate: setup
	$(PY) -m bench.mutation --max-children $(MUTATE_CHILDREN) $(if $(MODULE),--module $(MODULE)) $(if $(AGAIN),--again) $(if $(RESUME),--resume) $(if $(TIMED_OUT),--timed-out)

# --- maintenance ----------------------------------------------------------------------------
# uv resolves; it lives in a throwaway venv so that .venv holds only what the lock lists.
lock: | $(PY)
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PY) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --progress-bar off uv; \
	"$$tmp/venv/bin/uv" pip compile pyproject.toml --extra dev --python-version 3.12 \
	  --universal -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build fazhi.egg-info
	find . -name __pycache__ -type d -not -path './var/*' -prune -exec rm -rf {} +
