# MSC Desk: `make run` sets everything up and starts the app; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)
ARGS ?=
# The bundle is built from its own venv: the runtime dependencies and PyInstaller, no test tools.
BUNDLE_VENV := .venv-bundle
BUNDLE_STAMP := $(BUNDLE_VENV)/.installed
BUNDLE_DIST ?= dist

.PHONY: run demo test lint translations system-deps clean bundle

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

$(BUNDLE_STAMP): pyproject.toml
	rm -rf $(BUNDLE_VENV)
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BUNDLE_VENV)/bin/python -m pip install --quiet ".[bundle]"
	touch $(BUNDLE_STAMP)

# $(BUNDLE_DIST)/msc-desk-<version>/msc-desk, built by the same spec that builds the Windows bundle.
bundle: $(BUNDLE_STAMP) translations
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --log-level WARN \
		--distpath $(BUNDLE_DIST) --workpath build/pyinstaller build_installer.spec

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
	rm -rf $(VENV) $(BUNDLE_VENV) $(QM) build/pyinstaller dist
