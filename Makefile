# onstrategy — the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.installed-spark
DEMO_DIR := .demo
DEMO_SCALE ?= 1
DEMO_SEED ?= 42
# a little realistic dirt, so the data-quality page shows the quarantine at work (0 for a clean demo)
DEMO_QUIRKS ?= 0.01
LANDING := $(DEMO_DIR)/landing
WAREHOUSE := $(DEMO_DIR)/warehouse.duckdb
SITE_DIR := site/build
# the Dagster instance the demo run is recorded in, so that `dagster dev` on it shows that run (telemetry off)
DAGSTER_HOME_DIR := .dagster_home
CHROMIUM := /usr/bin/chromium

.PHONY: install install-spark demo test test-fast test-spark lint generate prepare chromium bench clean help
.DEFAULT_GOAL := help

# The list is read from the `## ` help beside each target, so it cannot go stale (tests/unit/test_makefile.py).
help: ## list the targets (the default goal)
	@awk 'BEGIN { FS = ":[^#]*## " } /^[a-zA-Z][a-zA-Z0-9_-]*:[^=]*## / { printf "make %-13s %s\n", $$1, $$2 }' \
	  $(firstword $(MAKEFILE_LIST))

# Python 3.11 to 3.13 (pyproject.toml `requires-python`; README, "Requirements"): say so before pip fails on a
# dependency.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null || { \
	  echo "onstrategy needs Python 3.11, 3.12 or 3.13 (found: $$($(PYTHON) --version 2>&1 || echo 'no $(PYTHON)'));" \
	    "run make with PYTHON=python3.11, for example" >&2; \
	  exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the project with its dev extra (pinned: constraints.txt)

# The optional `spark` extra (dbt-spark + pyspark, ~500 MB): `onstrategy run --engine spark`, docs/scale-out.md.
$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,spark]"
	touch $(SPARK_STAMP)

install-spark: $(SPARK_STAMP) ## install the spark extra too (dbt-spark, pyspark)

# dbt's manifest, needed by the Dagster definitions at import (`dbt parse`: no warehouse connection).
prepare: install ## parse the dbt project into its manifest (no warehouse connection)
	$(BIN)/python -c "from onstrategy.transform.project import ensure_manifest; ensure_manifest()"

demo: prepare ## generate the demo landing zone, run the pipeline, build the site
	rm -rf $(LANDING)
	$(BIN)/onstrategy demo --out $(LANDING) --scale $(DEMO_SCALE) --seed $(DEMO_SEED) --quirks $(DEMO_QUIRKS)
	DAGSTER_HOME=$(CURDIR)/$(DAGSTER_HOME_DIR) \
	  $(BIN)/onstrategy run --landing $(LANDING) --strategy strategy.yml --warehouse $(WAREHOUSE) --site-dir $(SITE_DIR)
	@echo
	@echo "Site:      $(CURDIR)/$(SITE_DIR)/index.html   (open it in a browser, or: $(BIN)/python -m http.server -d $(SITE_DIR))"
	@echo "Warehouse: $(CURDIR)/$(WAREHOUSE)   (read-only: duckdb -readonly $(WAREHOUSE))"
	@echo "Dagster:   DAGSTER_HOME=$(CURDIR)/$(DAGSTER_HOME_DIR) ONSTRATEGY_LANDING=$(CURDIR)/$(LANDING) \\"
	@echo "           ONSTRATEGY_STRATEGY=$(CURDIR)/strategy.yml ONSTRATEGY_WAREHOUSE=$(CURDIR)/$(WAREHOUSE) \\"
	@echo "           ONSTRATEGY_SITE_DIR=$(CURDIR)/$(SITE_DIR) $(BIN)/dagster dev    # then open http://127.0.0.1:3000"

chromium: ## install Debian chromium for the browser tests, unless it is there
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "installing Debian chromium (browser tests)"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@$(CHROMIUM) --version

# ruff, mypy, then sqlfluff on the dbt models and singular tests (.sqlfluff; docs/architecture.md, "Linting").
# sqlfluff's dbt templater compiles the project, and the profile needs a warehouse path: an in-memory DuckDB, so
# linting never opens (or locks) a warehouse file, whatever ONSTRATEGY_DBT_DUCKDB_PATH says in the environment.
SQL_LINT_PATHS := models dbt_project/tests
# mypy on the two installed packages (settings: [tool.mypy] in pyproject.toml); tests and bench are not checked.
MYPY_PATHS := orchestration/onstrategy site/onstrategy_site

lint: install ## ruff, mypy on the product code, sqlfluff on the dbt SQL (part of make test)
	$(BIN)/ruff check .
	$(BIN)/mypy $(MYPY_PATHS)
	ONSTRATEGY_DBT_DUCKDB_PATH=:memory: $(BIN)/sqlfluff lint $(SQL_LINT_PATHS) --processes 2

test: prepare chromium lint ## install test needs (incl. Debian chromium), lint, run the whole suite
	$(BIN)/python -m pytest -n 2 --timeout 900 -m "not spark" --durations=25

# The unit tests alone, for the edit-test loop: no browser, no chromium install, no pipeline run.
test-fast: prepare ## unit tests only (tests/unit): no browser, no pipeline run
	$(BIN)/python -m pytest -n 2 --timeout 900 tests/unit

# DuckDB vs Spark, every published table row by row (several minutes: a local Spark per landing zone).
test-spark: prepare install-spark ## install the spark extra and run the Spark parity test (Java 17)
	@java -version 2>&1 | head -1
	$(BIN)/python -m pytest -n 2 --timeout 1800 -m spark -s tests/e2e/test_spark_parity.py

# Files generated from the registries (input contract, metric registry): onstrategy.codegen's docstring lists them.
# `make generate CODEGEN_ARGS=--check` writes nothing and exits 1 naming each stale file.
CODEGEN_ARGS ?=

generate: install ## write the files generated from the registries (CODEGEN_ARGS=--check only verifies)
	$(BIN)/python -m onstrategy.codegen $(CODEGEN_ARGS)

bench: prepare ## benchmark the pipeline at several scales (not part of make test)
	$(BIN)/python -m bench.run

clean: ## remove the demo, the built site, dbt's target and logs, test artifacts
	rm -rf $(DEMO_DIR) $(SITE_DIR) dbt_project/target dbt_project/logs test-artifacts
