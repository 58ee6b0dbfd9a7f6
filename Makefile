# hk-mainland-cooperation: `make dataset` then `make test` on a fresh clone (needs only Python 3.11).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
RAW ?= raw
OUT ?= .
PACKAGE ?= $(OUT)/datapackage.json
export PYTHONPATH := $(CURDIR)/build
# pass --raw to `validate` only when RAW was given; otherwise the CLI finds raw/ beside the package
RAW_ARG := $(if $(filter command line environment,$(origin RAW)),--raw $(RAW))
# STRICT=1: an article left out after a failed extraction, or any failing content outcome, fails the build
STRICT_ARG := $(if $(filter 1 true yes,$(STRICT)),--strict)
# WORKERS=N processes for the per-article stage (default: every core); EXECUTOR=dask [SCHEDULER=tcp://host:8786]
RUN_ARGS := $(if $(WORKERS),--workers $(WORKERS)) $(if $(EXECUTOR),--executor $(EXECUTOR)) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

.PHONY: help dataset build validate test bench clean chromium

help:
	@echo "make dataset [RAW=raw OUT=.] [STRICT=1] [WORKERS=N] [EXECUTOR=dask [SCHEDULER=addr]]"
	@echo "                               build and validate the data package (creates .venv)"
	@echo "make test                      run the tests"
	@echo "make validate [PACKAGE=…]      validate a built package"
	@echo "make bench [SIZES='100 1000 10000']  benchmark on generated corpora, writes bench/RESULTS.md"
	@echo "make clean                     remove .venv, caches, reports and the build stamp (not curated/)"

# the venv is rebuilt whenever the pinned requirements change
$(VENV)/.requirements: requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
	cp requirements.txt $@

dataset: $(VENV)/.requirements
	$(PY) -m hkcoop build --raw $(RAW) --out $(OUT) $(STRICT_ARG) $(RUN_ARGS)

build: dataset

validate: $(VENV)/.requirements
	$(PY) -m hkcoop validate --package $(PACKAGE) $(RAW_ARG) $(STRICT_ARG)

# the report test renders the HTML report in headless Chromium (Debian's package), installed when absent
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null; }

test: $(VENV)/.requirements chromium
	$(PY) -m pytest

SIZES ?= 100 1000 10000
bench: $(VENV)/.requirements
	$(PY) bench/run.py --sizes $(SIZES) --identity --output bench/RESULTS.md

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .build-stamp .cache reports
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
