# MSC Desk: `make run` sets everything up and starts the app; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)
ARGS ?=

.PHONY: run demo test lint translations system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: $(STAMP) translations
	$(BIN)/msc-desk $(ARGS)

demo: $(STAMP) translations
	$(BIN)/msc-desk demo $(ARGS)

system-deps:
	bash scripts/install-system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check msc_desk tests benchmarks
	$(BIN)/ruff format --check msc_desk tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

test: system-deps $(STAMP) translations lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -p no:cacheprovider \
		--cov=msc_desk --cov-report=term:skip-covered
	# The clinical rules are fully covered, and stay so.
	$(BIN)/python -m coverage report --include='msc_desk/scoring/*' --fail-under=100 > /dev/null \
		|| { echo "msc_desk/scoring is not 100% covered"; $(BIN)/python -m coverage report \
		--include='msc_desk/scoring/*' --show-missing; exit 1; }

clean:
	rm -rf $(VENV) $(QM)
