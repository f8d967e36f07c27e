# tuuma: `make run` serves the platform with demo data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
export PORT ?= 8000

.PHONY: run test setup setup-dev lint messages clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Production dependencies only (dev tools stay out), exactly as locked in uv.lock.
$(VENV)/.prod: $(BIN)/uv pyproject.toml uv.lock
	$(BIN)/uv sync --frozen --no-dev --inexact --quiet
	touch $@

# Dev tools too (pytest, Playwright's driver, ruff).
$(VENV)/.dev: $(BIN)/uv pyproject.toml uv.lock
	$(BIN)/uv sync --frozen --inexact --quiet
	touch $@ $(VENV)/.prod

# axe-core for the accessibility checks, from its npm package (never fetched at run time).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.prod
setup-dev: $(VENV)/.dev node_modules/.installed

run: setup
	$(BIN)/tuuma migrate --noinput
	$(BIN)/tuuma demo
	$(BIN)/tuuma serve --port $(PORT)

test: setup-dev
	$(BIN)/python -m pytest -n 2 --dist loadgroup -p no:randomly

lint: setup-dev
	$(BIN)/ruff check tuuma tests bench

# Re-extract and compile translations (needs GNU gettext for extraction).
messages: setup-dev
	cd tuuma && ../$(BIN)/tuuma makemessages -l fi -l sv --no-obsolete --no-location
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) node_modules data/test*.sqlite3*
