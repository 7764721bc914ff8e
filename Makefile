# weltnetz: `make run` serves the portal with the Baden-Württemberg data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
WELTNETZ := $(BIN)/weltnetz
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js

.PHONY: run test install db lint check eval bench messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $(STAMP)

## axe-core for the browser tests, pinned in package-lock.json (npm ci installs exactly that); only the tests need npm.
$(AXE): package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

install: $(STAMP)

## Create or update the database, load the Baden-Württemberg data and the bundled town twinnings (idempotent;
## the twinnings are skipped in a moment when the same file is already in).
db: install
	$(WELTNETZ) migrate --no-input -v0
	$(WELTNETZ) load_register
	$(WELTNETZ) import twins
	$(WELTNETZ) setup_portal
	$(WELTNETZ) collectstatic --no-input -v0

## Serve the portal on http://127.0.0.1:8000/ (SQLite in var/ unless DATABASE_URL is set).
run: db
	$(WELTNETZ) serve

## The whole suite (on the database DATABASE_URL names; SQLite in memory by default) and lint.
test: install $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/weltnetz makemigrations --check --dry-run -v0
	$(BIN)/pytest -p no:django tests/extract -q
	$(BIN)/pytest --ignore=tests/extract -q -n 2

lint: install
	$(BIN)/ruff check .

## Deployment checks for the production settings.
check: install
	WELTNETZ_SECRET_KEY=$$(python3 -c "import secrets;print(secrets.token_urlsafe(50))") \
	WELTNETZ_ALLOWED_HOSTS=weltnetz.example.org DJANGO_SETTINGS_MODULE=weltnetz.settings.production \
	$(WELTNETZ) check --deploy --fail-level WARNING

## Extractor scores: own corpus (own scorer), ../shared/eval/dev and dev2 (its score.py) where present; fails below eval/baseline.json.
eval: install
	$(BIN)/python eval/gate.py

bench: install
	$(BIN)/python -m bench

## Collect translatable strings into weltnetz/locale and compile the .mo files with babel (no msgfmt needed).
messages: install
	$(WELTNETZ) makemessages -l de -l en -i ".venv/*" -i "var/*" -i "tests/*" -i "weltnetz_extract/*" -i "bench/*" -i "eval/*" -i "scripts/*"
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var
