# mlquiz — the two commands: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
# pip repeats a harmless warning for every package this machine's extra index lacks.
QUIET_PIP := { grep -v "is ignored: it is neither a file nor a directory" || true; }
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The test suite runs against the real PostgreSQL and Redis on this machine.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mlquiz
TEST_REDIS_URL ?= redis://127.0.0.1:6379/3

.PHONY: run test install install-dev assets services system-deps lint check-content \
        demo-data worker beat bench-grader bench-e2e clean

$(VENV)/bin/activate:
	@PYBIN=$$(scripts/find_python.sh) && echo "Creating $(VENV) with $$PYBIN" && "$$PYBIN" -m venv $(VENV)
	$(PIP) install -q --upgrade pip 2>&1 | $(QUIET_PIP)

# Reinstall only when the pinned requirements change.
$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	$(PIP) install -q -r requirements.txt 2>&1 | $(QUIET_PIP)
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install -q -r requirements-dev.txt 2>&1 | $(QUIET_PIP)
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/dist/.built: node_modules/.package-lock.json $(wildcard static/src/*)
	npm run --silent build
	@touch $@

assets: static/dist/.built

system-deps:
	@scripts/ensure_system_packages.sh

services:
	@scripts/ensure_services.sh

demo-data: install assets system-deps
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) sync_content
	@echo
	@echo "Demo accounts (log in at http://$(HOST):$(PORT)/accounts/login/):"
	@$(MANAGE) create_demo_users

run: demo-data
	@echo
	@echo "mlquiz is serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

check-content: install-dev system-deps
	$(MANAGE) sync_content --check

test: install-dev assets services
	@scripts/ensure_system_packages.sh --browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	@# The content check (the sandbox grading every exercise and question on many seeds: CPU)
	@# runs beside the test suite (much of it waits on PostgreSQL, browsers and workers):
	@# together they take about the longer one's time. Both must pass; the check's report
	@# is printed once the tests are done. pytest itself runs in two processes (pytest-xdist),
	@# a test file at a time each, so a module's fixtures, workers and Redis database stay in
	@# one process; each process has its own test database (test_mlquiz_gw0, _gw1).
	@set +e; log=$$(mktemp); \
	DATABASE_URL=$(TEST_DATABASE_URL) $(MANAGE) sync_content --check --quiet > $$log 2>&1 & check=$$!; \
	DATABASE_URL=$(TEST_DATABASE_URL) MLQUIZ_TEST_REDIS_URL=$(TEST_REDIS_URL) \
	  $(VENV)/bin/pytest -q -p no:cacheprovider -n 2 --dist loadfile --durations=25; tests=$$?; \
	wait $$check; content=$$?; \
	echo "== sync_content --check (ran beside the tests):"; cat $$log; rm -f $$log; \
	test $$tests -eq 0 && test $$content -eq 0

# Production-shaped processes on one machine (see README "Production").
worker: install
	$(VENV)/bin/celery -A mlquiz worker -Q grading,maintenance --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A mlquiz beat --loglevel=INFO

bench-grader: install system-deps
	$(MANAGE) bench_grader

# Starts gunicorn, 2 Celery workers and its own database/Redis db; see docs/performance.md.
bench-e2e: install-dev services system-deps
	$(PY) scripts/bench_e2e.py

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles
