# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) example_site/manage.py
STAMP := $(VENV)/.installed

.PHONY: help install demo demo-data serve serve-prod dist test test-postgres test-browser browser-deps client-deps lint format messages bench clean

help:
	@echo "make demo       install, migrate SQLite, load the demo content, serve on http://127.0.0.1:8000"
	@echo "make demo-data  the same without serving"
	@echo "make serve-prod the example site as in production: PostgreSQL, Redis, 4 gunicorn workers"
	@echo "make test       install and run the whole test suite (SQLite unless DATABASE_URL is set)"
	@echo "make lint       ruff check and format check"
	@echo "make messages   update and compile the Swedish translations"
	@echo "make bench      run the benchmark"
	@echo "make dist       build the sdist and the wheel into dist/ and check them"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test,example]"
	touch $(STAMP)

install: $(STAMP)

demo-data: install
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) samverkan_demo --beside-pages --admin

demo: demo-data
	@echo ""
	@echo "  Public site: http://127.0.0.1:8000/"
	@echo "  Admin:       http://127.0.0.1:8000/admin/  (admin / samverkan)"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:8000

serve: install
	$(MANAGE) runserver 127.0.0.1:8000

# The example site as production runs it (docs/deployment.md): PostgreSQL,
# Redis, four gunicorn workers, hashed static files, DEBUG off.
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samverkan_prod
PROD_REDIS_URL ?= redis://127.0.0.1:6379/1
PROD_ENV := DATABASE_URL=$(PROD_DATABASE_URL) REDIS_URL=$(PROD_REDIS_URL) DEBUG=0 COLLECTED_STATIC=1
serve-prod: install
	@psql "$(dir $(PROD_DATABASE_URL))postgres" -Atc "select 1 from pg_database where datname='$(notdir $(PROD_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(PROD_DATABASE_URL))postgres" -qc 'create database "$(notdir $(PROD_DATABASE_URL))"'
	$(PROD_ENV) $(MANAGE) migrate --noinput -v 0
	$(PROD_ENV) $(MANAGE) samverkan_demo --beside-pages --admin
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v 0
	@echo "  Public site: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/  (admin / samverkan)"
	$(PROD_ENV) $(VENV)/bin/gunicorn example_site.wsgi:application --workers 4 --bind 127.0.0.1:8000

# Browser tests need Debian's Chromium and axe-core from npm; without Chromium
# they are skipped with a message saying so.
browser-deps:
	@if [ -x /usr/bin/chromium ] && command -v npm >/dev/null 2>&1; then \
		npm ci --silent --prefix tests/browser >/dev/null; \
	fi

# The iCal client tests (pytest -m clients) expand the feeds with ical.js and
# node-ical from npm, locked in tests/clients; without npm they are skipped.
client-deps:
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --silent --no-audit --no-fund --prefix tests/clients >/dev/null; \
	else \
		echo "npm is missing: the iCal client tests (ical.js, node-ical) will be skipped."; \
	fi

test: install browser-deps client-deps
	$(PY) -m pytest $(PYTEST_ARGS)

test-browser: install browser-deps
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

messages: install
	cd wagtail_samverkan && ../$(PY) ../example_site/manage.py makemessages -l sv --no-obsolete --no-location
	cd wagtail_samverkan && ../$(PY) ../example_site/manage.py compilemessages -l sv
	cd example_site && ../$(PY) manage.py makemessages -l sv --no-obsolete --no-location -i "__pycache__"
	cd example_site && ../$(PY) manage.py compilemessages -l sv

# The source distribution and the wheel, checked as the package index will
# (metadata, README rendering) and for their contents.
dist: install
	rm -rf dist
	$(PY) -m build --sdist --wheel --outdir dist . >/dev/null
	$(PY) -m twine check --strict dist/*
	$(PY) tests/check_dist.py dist

bench: install
	$(PY) -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) example_site.sqlite3 var build dist *.egg-info tests/browser/node_modules tests/clients/node_modules
