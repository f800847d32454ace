# One command runs the service with demo data; one runs every check. Both install what they need.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
DEMO_CASES ?= 300
PYTEST_ARGS ?= -n 2

.PHONY: install system-deps run test lint typecheck pytest frontend worker clean bench

# Chromium, WeasyPrint's libraries and fonts from apt, only when missing (scripts/install-system-deps).
system-deps:
	@scripts/install-system-deps

$(BIN)/.installed: requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed"; exit 1; }
	@echo "Installing the locked Python packages into $(VENV) (requirements.lock)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	@echo "Installing the front-end packages (package-lock.json)"
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static_build/.built: node_modules/.installed frontend/build.mjs $(shell find frontend -name '*.scss')
	@echo "Building the styles and scripts into static_build/"
	npm run --silent build
	touch $@

install: system-deps $(BIN)/.installed static_build/.built

frontend: static_build/.built

run: install
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py migrate --no-input -v0
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py seed_demo --cases $(DEMO_CASES) --only-if-no-cases
	@echo "Starting the task worker and the web server on http://127.0.0.1:8000 (Ctrl+C stops both)"
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

worker: install
	DEBUG=1 $(BIN)/python manage.py db_worker --queue-name '*'

lint: $(BIN)/.installed
	@echo "== ruff =="
	$(BIN)/ruff check .
	@echo "== import layers (docs/architecture.md) =="
	PYTHONPATH=. $(BIN)/lint-imports

typecheck: $(BIN)/.installed
	@echo "== mypy =="
	$(BIN)/mypy senmediation config testsupport

pytest: install
	@echo "== pytest on $(if $(DATABASE_URL),PostgreSQL ($(DATABASE_URL)),SQLite) =="
	$(BIN)/pytest $(PYTEST_ARGS)

test: install lint typecheck pytest

# Times the staff pages through gunicorn against the database in DATABASE_URL, one user at a time and
# at 40 requests a second (issue 26's bar), and referral submissions (seed it first; see docs/performance.md).
BENCH_ARGS ?= --runs 60 --rate 40 --seconds 60
bench: install
	SECRET_KEY="$${SECRET_KEY:-local-benchmark-only-key-never-for-a-server}" $(BIN)/python -m bench.run $(BENCH_ARGS)
	@echo "== meeting proposals: 50 mediators, 30 rooms, a year of bookings (a throwaway SQLite file unless PROPOSALS_DATABASE_URL is set) =="
	DATABASE_URL="$(PROPOSALS_DATABASE_URL)" SECRET_KEY="$${SECRET_KEY:-local-benchmark-only-key-never-for-a-server}" $(BIN)/python -m bench.proposals

clean:
	rm -rf $(VENV) node_modules static_build var/staticfiles
