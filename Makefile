# Two commands: `make run` (demo intranet on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1:8000

.PHONY: run test install locale migrate demo lint services

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) locale

# The project's French corrections to Wagtail's and Django's strings (locale/), compiled with polib.
locale: $(STAMP)
	$(PY) manage.py compile_locale

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "Intranet de démonstration : http://$(HOST)/ (identifiants ci-dessus)"
	$(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

# PostgreSQL and Redis on loopback, installed from Debian's packages if missing (CI and benchmarks).
services:
	bash scripts/services.sh
