# Two commands do everything on a fresh machine:
#   make book   build the HTML book into _build/html
#   make test   run every test (package, notebooks, built book, browser)
# Both create .venv from requirements.txt (which installs this repo's micrograd).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed


.PHONY: node lab book test setup system-deps notebooks exercises generated check-generated bench lint clean help

help:
	@echo "make book   - build the book into _build/html (main job)"
	@echo "make test   - run every test"
	@echo "make notebooks / make exercises - regenerate the .ipynb twins / student notebooks"
	@echo "make bench  - run the performance benchmark"
	@echo "make lab    - open the chapters and exercises in JupyterLab (installs it into .venv)"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (micrograd book)" >/dev/null
	@touch $(STAMP)

setup: $(STAMP)

# Front-end tools (in-page runner, accessibility audit), pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NODE_STAMP)

node: $(NODE_STAMP)

system-deps:
	@bash scripts/ensure_system_deps.sh

book: setup system-deps $(NODE_STAMP)
	$(PY) scripts/generate.py
	$(PY) scripts/build_book.py

notebooks exercises generated: setup
	$(PY) scripts/generate.py

check-generated: setup
	$(PY) scripts/generate.py --check

test: setup $(NODE_STAMP)
	@bash scripts/ensure_system_deps.sh --browser
	$(PY) -m ruff check .
	$(PY) scripts/generate.py --check
	$(PY) scripts/build_book.py
	$(PY) -m pytest tests -p no:cacheprovider
	$(PY) -m pytest --nbval-lax solutions --nbval-current-env -p no:cacheprovider
	$(PY) -m pytest --nbval-lax exercises --nbval-current-env -p no:cacheprovider

bench: setup $(NODE_STAMP)
	$(PY) benchmarks/bench_training.py
	$(PY) benchmarks/bench_runner.py

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

lab: setup system-deps
	$(PY) -m pip install -q "jupyterlab>=4,<5"
	$(VENV)/bin/jupyter lab

clean:
	rm -rf _build
