# Two entry points for a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test build system-deps

NODE_STAMP := node_modules/.installed

# The standard checkers the tests run (axe-core, the Nu Html Checker), pinned in package-lock.json.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

system-deps:
	bash scripts/install-system-deps

build: $(STAMP)
	$(BIN)/helpcenter build

serve: $(STAMP)
	bash scripts/install-system-deps --build
	$(BIN)/python -m helpcenter.dev_server

test: $(STAMP) $(NODE_STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/mypy --strict src
	$(BIN)/mypy src hooks
	node --test tests/js/
	$(BIN)/python -m pytest
