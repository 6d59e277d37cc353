# Two commands on a fresh machine:  make demo  (set up, build the example, serve it)
#                                   make test  (set up, run every test)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/ichigo

.PHONY: setup setup-browser demo test lint bench clean update-golden wheel extract

# constraints.txt holds the tested version of every package: the site's bytes depend on some of them.
$(BIN)/albumen: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/pip install --quiet -c constraints.txt --no-deps 'iiif-prezi3==3.1.1'
	touch $@

# Front-end libraries from npm (package-lock.json), copied into the package's theme/vendor/.
node_modules/.package-lock.json: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

src/albumen/theme/vendor/openseadragon/openseadragon.min.js: node_modules/.package-lock.json scripts/vendor_assets.py $(BIN)/albumen
	$(BIN)/python scripts/vendor_assets.py

setup: $(BIN)/albumen src/albumen/theme/vendor/openseadragon/openseadragon.min.js

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
setup-browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

demo: setup
	$(BIN)/albumen build -C $(EXAMPLE)
	$(BIN)/albumen serve -C $(EXAMPLE) --port 8000

test: setup setup-browser
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

# dist/albumen-VERSION-py3-none-any.whl, carrying the front-end libraries (setup.py copies them from node_modules/
# and refuses to build a wheel without them). pip fetches setuptools >= 77 for the build.
wheel: setup
	rm -rf dist build
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir dist .

# The message catalog: every string of the templates and scripts (babel.cfg) into src/albumen/locale/albumen.pot,
# then into each language's .po (new messages come in empty: tests/test_i18n.py fails until they are translated).
# The .po files are the catalogs: albumen compiles them in memory when a site is built (i18n.py), so nothing
# else is generated, in a clone or in the wheel.
extract: $(BIN)/albumen
	$(BIN)/pybabel extract -F babel.cfg --no-wrap --sort-by-file --project albumen \
	  --copyright-holder "the albumen authors" -o src/albumen/locale/albumen.pot .
	$(BIN)/pybabel update --no-wrap --no-fuzzy-matching --ignore-obsolete -D albumen \
	  -i src/albumen/locale/albumen.pot -d src/albumen/locale

# Store the built example as tests/golden/ (compared byte for byte by tests/test_golden.py): run it only when
# a change to the site is intended, and commit tests/golden/ with that change.
update-golden: setup
	$(BIN)/python scripts/update_golden.py

clean:
	rm -rf $(EXAMPLE)/_site $(EXAMPLE)/.albumen
