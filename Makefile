# Keruen: two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?= -n 2

.PHONY: install demo serve test test-postgres lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install  ## set up and serve the populated demo expo on SQLite
	$(BIN)/keruen migrate --noinput
	$(BIN)/keruen demo
	$(BIN)/keruen serve $(ADDR)

serve: install
	$(BIN)/keruen serve $(ADDR)

test: install  ## the whole suite (on $$DATABASE_URL if set, else SQLite)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy keruen
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install  ## benchmarks: each writes bench/results/*.json and prints one line
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/b2b_jair.py
	$(BIN)/python bench/expo_scale.py
	$(BIN)/python bench/matching_eval.py
	$(BIN)/python bench/matching_heldout.py
	$(BIN)/python bench/matcher_eval.py
	$(BIN)/python bench/matching_scale.py
	$(BIN)/python bench/catalogue_search.py
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
