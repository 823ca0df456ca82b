# The two commands of the README:
#   make demo   install, load the shipped example articles into the embedded store, run a named query
#   make test   install, then lint, type-check and run the whole test suite
# Both create .venv/ with everything they need on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  := .diplokg/store

.PHONY: demo test install java lint

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "diplokg needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/diplokg load examples/ --store $(STORE)
	$(BIN)/diplokg query office-holders --store $(STORE)

# HermiT (the OWL reasoner the tests run) needs a Java runtime
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing a headless Java runtime for the HermiT reasoner"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends default-jre-headless; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: $(STAMP) java lint
	$(BIN)/pytest
