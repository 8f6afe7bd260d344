# Thi Đua — the two commands a newcomer needs: `make run` and `make test`.
# Everything is installed into .venv and node_modules; nothing is fetched at run time.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev assets messages migrate demo serve worker check lint types pytest e2e lock bench clean help

help:
	@echo "make run     install, migrate, load the demo and serve http://$(HOST):$(PORT)"
	@echo "make test    install the development tools and run every check"
	@echo "make worker  run the background task worker"

run: install migrate demo serve

test: install-dev lint types check pytest

# --- installation (reuses what is there: each step is skipped when its inputs did not change) ---------------------
$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==24.2"
	touch $@

$(VENV)/.base-installed: $(VENV)/.created requirements/base.txt
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.base-installed requirements/dev.txt
	$(BIN)/pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json .npmrc
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

messages: $(VENV)/.base-installed
	$(BIN)/pybabel compile --use-fuzzy -d locale -D django --statistics 2>&1 | grep -v "^$$" || true
	$(BIN)/pybabel compile -d locale_vendor -D django 2>&1 | grep -v "^$$" || true

install: $(VENV)/.base-installed assets messages

install-dev: $(VENV)/.dev-installed assets messages

# --- running ---------------------------------------------------------------------------------------------------
migrate: install
	@mkdir -p var
	$(MANAGE) migrate --no-input -v0

demo: migrate
	$(MANAGE) loaddemo

serve:
	@echo "Thi Đua: http://$(HOST):$(PORT)/"
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install migrate
	@if [ "$${TASK_BACKEND:-database}" = "redis" ]; then \
		$(MANAGE) rqworker --job-class django_tasks_rq.Job default; \
	else \
		$(MANAGE) db_worker; \
	fi

# --- checks ----------------------------------------------------------------------------------------------------
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.dev-installed
	$(BIN)/mypy thidua config

check: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

# Coverage is measured on one pass; CI's second (PostgreSQL) pass sets PYTEST_COV= to save a third of its time.
PYTEST_COV ?= --cov --cov-report=term:skip-covered
# One test process per core (pytest-xdist; each gets its own test database). PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto

pytest: install-dev
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_COV) $(PYTEST_ARGS)

e2e: install-dev
	$(BIN)/pytest -m e2e tests/e2e $(PYTEST_ARGS)

bench: install-dev migrate
	$(PY) bench/run.py
	$(PY) bench/org_tree.py
	$(PY) bench/initiatives_stats.py
	$(PY) bench/scoring_consolidation.py
	$(PY) bench/scoring_ranking.py
	$(PY) bench/eligibility.py
	$(PY) bench/conference_voting.py

lock: $(VENV)/.created
	$(BIN)/pip install --quiet "pip-tools==7.5.1"
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-trusted-host --allow-unsafe -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-trusted-host --allow-unsafe -o requirements/dev.txt requirements/dev.in

clean:
	rm -rf $(VENV) node_modules var/staticfiles
