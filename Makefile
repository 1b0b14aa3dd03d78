# Two commands do everything on a fresh machine:
#   make book   build the HTML book into _build/html
#   make test   run every test (package, notebooks, built book, browser, PyTorch comparisons)
# Both create .venv from requirements.txt at the versions in requirements.lock (which also
# installs this repo's micrograd). The fast loop while you work: make check (see CONTRIBUTING.md).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed


.PHONY: node lab book test check lock torch setup system-deps notebooks exercises generated check-generated bench lint clean help

help:
	@echo "make book   - build the book into _build/html (main job)"
	@echo "make test   - run every test"
	@echo "make check  - the fast loop: ruff, and every test that needs no book build, browser or fresh venv"
	@echo "make lock   - refresh requirements.lock after editing requirements.txt"
	@echo "make notebooks / make exercises - regenerate the .ipynb twins, student notebooks and generated tables"
	@echo "make bench  - run the performance benchmark"
	@echo "make lab    - open the chapters and exercises in JupyterLab (installs it into .venv)"

$(STAMP): requirements.txt requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@# requirements.txt says `-c requirements.lock`: the exact locked versions are installed.
	$(PY) -m pip install -q -r requirements.txt || { \
	  echo "pip could not install requirements.txt at the versions in requirements.lock."; \
	  echo "If you edited requirements.txt, refresh the lock first: make lock"; exit 1; }
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (micrograd book)" >/dev/null
	@touch $(STAMP)

setup: $(STAMP)

# Re-resolve requirements.txt's ranges into requirements.lock (uv, one universal resolution).
# Needs only a venv with pip, so it works when the old lock no longer installs.
lock:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q "uv==0.13.8" "packaging>=24"
	$(PY) scripts/lock.py

# PyTorch's CPU build for the gradient comparisons (or a loud message that they will skip).
torch: setup
	@$(PY) scripts/install_torch.py

# Front-end tools (in-page runner, accessibility audit), pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	@bash scripts/ensure_system_deps.sh --node
	npm ci --no-audit --no-fund
	@touch $(NODE_STAMP)

node: $(NODE_STAMP)

system-deps:
	@bash scripts/ensure_system_deps.sh --browser --grader

book: setup system-deps $(NODE_STAMP)
	$(PY) scripts/generate.py
	$(PY) scripts/build_book.py
	@# the build stores the glued numbers (book/_glue.json) the chapter notebooks show
	$(PY) scripts/generate.py
	$(PY) scripts/build_pdf.py

notebooks exercises generated: setup
	$(PY) scripts/generate.py

check-generated: setup
	$(PY) scripts/generate.py --check

# The fast loop (measured in README.md): lint, then every test not marked slow, browser or build.
check: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) scripts/lock.py --check
	$(PY) -m pytest -m "not slow and not browser and not build" -q -p no:cacheprovider -n auto --dist loadfile

test: setup torch node
	@bash scripts/ensure_system_deps.sh --browser --grader
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) scripts/generate.py --check
	$(PY) scripts/build_book.py
	$(PY) scripts/build_pdf.py
	@# -n auto: one worker per core (pytest-xdist); a file's tests stay together in one worker
	$(PY) -m pytest tests -p no:cacheprovider -n auto --dist loadfile
	$(PY) -m pytest --nbval-lax solutions exercises --nbval-current-env -p no:cacheprovider -n auto --dist loadfile
	@$(PY) scripts/install_torch.py --report

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
