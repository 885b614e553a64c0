# Two commands: `make run` (demo intranet on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1:8000

.PHONY: run test install locale migrate demo lint services bench-install search-node search-node-stop test-search

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
	@# A search engine's indices are built from the database (the database's own index fills itself).
	if [ -n "$$OPENSEARCH_URL$$ELASTICSEARCH_URL" ]; then $(PY) manage.py update_index; fi

run: demo
	@echo "Intranet de démonstration : http://$(HOST)/ (identifiants ci-dessus)"
	$(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# What the benchmarks need beyond the tests (benchmarks/*.py): reader, locust, psutil.
bench-install: install
	$(PY) -m pip install --quiet -r requirements-bench.txt

lint: install
	$(VENV)/bin/ruff check .

# PostgreSQL and Redis on loopback, installed from Debian's packages if missing (CI and benchmarks).
services:
	bash scripts/services.sh

# One OpenSearch node on 127.0.0.1:9200 (search/engine-node, built with Maven): tests and development only.
search-node:
	bash scripts/services.sh --search-only

search-node-stop:
	bash scripts/services.sh --stop-search

# The search suite against that node (starts it if needed).
test-search: install search-node
	OPENSEARCH_URL=http://127.0.0.1:9200 $(PY) -m pytest -m engine tests/search $(PYTEST_ARGS)
