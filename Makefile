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
HKCOOP := $(VENV)/bin/hkcoop
# pass --raw to `validate` only when RAW was given; otherwise the CLI finds raw/ beside the package
RAW_ARG := $(if $(filter command line environment,$(origin RAW)),--raw $(RAW))
# STRICT=1: an article left out after a failed extraction, or any failing content outcome, fails the build
STRICT_ARG := $(if $(filter 1 true yes,$(STRICT)),--strict)
# WORKERS=N processes for the per-article stage (default: every core); EXECUTOR=dask [SCHEDULER=tcp://host:8786]
RUN_ARGS := $(if $(WORKERS),--workers $(WORKERS)) $(if $(EXECUTOR),--executor $(EXECUTOR)) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

.PHONY: help dataset build validate test devset bench release publish serve clean chromium fonts ckan-services

help:
	@echo "make dataset [RAW=raw OUT=.] [STRICT=1] [WORKERS=N] [EXECUTOR=dask [SCHEDULER=addr]]"
	@echo "                               build and validate the data package (creates .venv)"
	@echo "make test                      run the tests"
	@echo "make devset [DEVSET=../shared/devset]  build the development set, score both halves, run its property test"
	@echo "make validate [PACKAGE=…]      validate a built package"
	@echo "make bench [SIZES='100 1000 10000']  benchmark on generated corpora, writes bench/RESULTS.md"
	@echo "make release VERSION=x.y.z      cut releases/x.y.z/ and its archive (inputs must be committed)"
	@echo "make serve [RELEASE=x.y.z] [PORT=8001]  browse the current build or a release in Datasette"
	@echo "make publish VERSION=x.y.z PORTAL=url [CONFIRM=1]  publish a release to CKAN (dry run unless CONFIRM=1)"
	@echo "make clean                     remove .venv, caches, reports and the build stamp (not curated/)"

# the venv is rebuilt whenever the pinned requirements or the project file change; `pip install -e .` then adds
# the pipeline itself (the `hkcoop` command) without resolving anything behind the pins
$(VENV)/.requirements: requirements.txt pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-input --no-deps --no-build-isolation -e .
	cp requirements.txt $@

dataset: $(VENV)/.requirements
	$(HKCOOP) build --raw $(RAW) --out $(OUT) $(STRICT_ARG) $(RUN_ARGS)

build: dataset

validate: $(VENV)/.requirements
	$(HKCOOP) validate --package $(PACKAGE) $(RAW_ARG) $(STRICT_ARG)

# the plots' Chinese labels need a CJK font: Debian's fonts-wqy-microhei, installed when absent
fonts:
	@fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fontconfig fonts-wqy-microhei >/dev/null; }

release: $(VENV)/.requirements fonts
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z" >&2; exit 2; }
	$(HKCOOP) release $(VERSION)

# CKAN_API_TOKEN comes from the environment and is never printed; CONFIRM=1 acts, otherwise a dry run
publish: $(VENV)/.requirements
	@test -n "$(VERSION)" -a -n "$(PORTAL)" || { echo "usage: make publish VERSION=x.y.z PORTAL=https://… [CONFIRM=1]" >&2; exit 2; }
	$(HKCOOP) publish $(VERSION) --portal $(PORTAL) $(if $(filter 1 true yes,$(CONFIRM)),--confirm)

PORT ?= 8001
serve: $(VENV)/.requirements fonts
	$(HKCOOP) serve $(if $(RELEASE),--release $(RELEASE)) --port $(PORT)

# the report test renders the HTML report in headless Chromium (Debian's package), installed when absent
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null; }

# the publishing test runs a real CKAN (tests/ckan/stack.py): its own venv, Debian's PostgreSQL and Redis
# (and libpq's headers, to build psycopg2), installed when absent
CKAN_VENV := .ckan-venv
ckan-services:
	@{ ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null && \
	   command -v pg_config >/dev/null; } || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	   apt-get install -y -qq --no-install-recommends postgresql redis-server libpq-dev >/dev/null; }

$(CKAN_VENV)/.requirements: tests/ckan/requirements.txt | ckan-services
	rm -rf $(CKAN_VENV)
	$(PYTHON) -m venv $(CKAN_VENV)
	$(CKAN_VENV)/bin/pip install --quiet --disable-pip-version-check --no-input -r tests/ckan/requirements.txt
	cp tests/ckan/requirements.txt $@

test: $(VENV)/.requirements chromium fonts $(CKAN_VENV)/.requirements
	$(PY) -m pytest

# the development set beside the clone (not part of the repository): its build, both halves' scores, and the
# property test that recombines its paragraphs; .ci/run calls it where the folder is there
DEVSET ?= ../shared/devset
DEVSET_OUT ?= .devset-out
devset: $(VENV)/.requirements
	@test -d $(DEVSET)/raw || { echo "make devset: expected the development set at $(DEVSET) (DEVSET=…)" >&2; exit 2; }
	$(HKCOOP) build --raw $(DEVSET)/raw --out $(DEVSET_OUT) --force
	$(PY) $(DEVSET)/score.py $(DEVSET_OUT) --half a
	$(PY) $(DEVSET)/score.py $(DEVSET_OUT) --half b
	DEVSET=$(DEVSET) $(PY) -m pytest devset_checks

SIZES ?= 100 1000 10000
bench: $(VENV)/.requirements
	$(PY) bench/run.py --sizes $(SIZES) --identity $(if $(wildcard ../shared/devset/raw),--recombined ../shared/devset/raw) \
		--output bench/RESULTS.md

clean:
	rm -rf $(VENV) $(CKAN_VENV) .pytest_cache .hypothesis .build-stamp .build-lock .cache reports .portal $(DEVSET_OUT)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
