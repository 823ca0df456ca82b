# The two commands of the README:
#   make demo   install, load the shipped example articles into the embedded store, run a named query
#   make test   install, then lint, type-check and run the whole test suite
# Both create .venv/ with everything they need on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  := .diplokg/store

.PHONY: demo test install services lint

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "diplokg needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/diplokg load examples/ --store $(STORE)
	$(BIN)/diplokg query office-holders --store $(STORE)

# What the tests run besides Python, from Debian's packages when missing: a Java runtime for
# HermiT (the OWL reasoner), Virtuoso (the second SPARQL server of the store contract tests),
# Graphviz (diplokg show) and Chromium (the browser that reads the pages of diplokg serve).
services:
	@need=""; \
	  command -v java >/dev/null 2>&1 || need="$$need default-jre-headless"; \
	  command -v virtuoso-t >/dev/null 2>&1 || need="$$need virtuoso-opensource-7-bin"; \
	  command -v dot >/dev/null 2>&1 || need="$$need graphviz"; \
	  [ -x /usr/bin/chromium ] || need="$$need chromium"; \
	  if [ -n "$$need" ]; then \
	    echo "installing:$$need"; \
	    SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$need; \
	  fi

# lint fails too when the README's CLI reference is not what the commands' --help says; mypy
# checks the tests' bodies too (their functions need no annotations: see pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src/diplokg tests benchmarks
	$(BIN)/python -m diplokg.cli_reference --check README.md

# everything, services included; the slowest tests are listed at the end
# (the fast loop while editing: .venv/bin/pytest -m "not services")
test: $(STAMP) services lint
	$(BIN)/pytest --durations=15
