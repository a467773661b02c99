# OASIS: `make run` starts it (embedded by default), `make test` proves it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
MANAGE := cd backend && ../$(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export DEBUG ?= true

.PHONY: help venv frontend migrate run worker beat test test-python test-frontend lint format schema client-codegen lock bench clean

help:
	@echo "make run      set everything up and start OASIS at http://$(HOST):$(PORT)/ (embedded mode)"
	@echo "make test     lint, schema check, Python tests (real Postgres/Redis/Docker when present), frontend tests"
	@echo "make worker   a Celery worker for the distributed mode (needs REDIS_URL)"
	@echo "make bench    benchmarks against raw Docker (see docs/benchmarks.md)"

$(VENV)/.installed: requirements.lock requirements-dev.lock client/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(UV) pip sync --quiet --python $(PY) requirements.lock requirements-dev.lock
	touch $@

venv: $(VENV)/.installed

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend: frontend/node_modules/.installed
	cd frontend && npm run build

migrate: venv
	$(MANAGE) migrate --noinput

run: venv migrate
	@if [ ! -f frontend/package.json ]; then echo "No dashboard sources here; the API is at /graphql"; \
	  elif command -v npm >/dev/null; then $(MAKE) --no-print-directory frontend; \
	  else echo "npm not found: the dashboard is not built; the API is at /graphql"; fi
	$(MANAGE) ensure_admin
	$(MANAGE) serve --host $(HOST) --port $(PORT)

worker: venv
	cd backend && ../$(VENV)/bin/celery -A oasis worker -Q default,gpu,housekeeping --loglevel=INFO

beat: venv
	cd backend && ../$(VENV)/bin/celery -A oasis beat --loglevel=INFO

lint: venv
	$(VENV)/bin/ruff check backend tests bench client oasis_testing
	$(VENV)/bin/ruff format --check backend tests bench client oasis_testing

format: venv
	$(VENV)/bin/ruff format backend tests bench client oasis_testing
	$(VENV)/bin/ruff check --fix backend tests bench client oasis_testing

schema: venv
	$(MANAGE) graphql_schema
	client/codegen.sh
	@if [ -f frontend/package.json ]; then cd frontend && npm run codegen; fi

client-codegen: venv
	client/codegen.sh

test-python: venv
	$(MANAGE) graphql_schema --check
	client/codegen.sh --check
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-frontend:
	@if ! command -v npm >/dev/null; then \
	  if [ "$$CI" = "true" ]; then echo "CI=true but npm is missing"; exit 1; fi; \
	  echo "SKIPPED frontend tests: npm not found"; exit 0; fi
	@if [ -f frontend/package.json ]; then $(MAKE) --no-print-directory frontend/node_modules/.installed && \
	  cd frontend && npm run codegen:check && npm run lint && npm run typecheck && npm test; fi

test: lint test-frontend test-python

bench: venv
	$(PY) bench/run.py

lock: venv
	$(UV) pip compile --quiet --python-version 3.11 requirements.in -o requirements.lock
	$(UV) pip compile --quiet --python-version 3.11 requirements-dev.in -o requirements-dev.lock

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist test-artifacts
