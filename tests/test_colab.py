"""Opening a notebook in Colab, simulated: the bootstrap cell, then every cell, top to bottom.

The stand-in for a Colab session is a fresh virtual environment with a kernel (ipykernel, and
nbclient to drive it, at the lock's versions) and nothing of the book: no micrograd, Graphviz's
Python package or matplotlib. Each notebook runs in that environment's kernel with a fake
`google.colab` module imported first, so its first cell installs the package as Colab would:
`micrograd-book[viz]` from a one-commit copy of this repository's committed state
(MICROGRAD_BOOK_SOURCE, the pinned install's stand-in). Then every other cell must run (cells
tagged `raises-exception`, the student stubs, may raise).

Runs a student notebook opened from `exercises/` first (it installs), then every chapter notebook
opened from `book/`. Slow (a few minutes); set MICROGRAD_BOOK_SKIP_LAUNCH=1 to skip.
"""

import json
import os
import subprocess

import pytest
from book_fixtures import ROOT, repository
from test_launch import clean_env, committed_copy, make_venv, run

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("MICROGRAD_BOOK_SKIP_LAUNCH") == "1", reason="MICROGRAD_BOOK_SKIP_LAUNCH=1"
    ),
]

NOTEBOOKS = [ROOT / "exercises" / "01_derivatives.ipynb"]
NOTEBOOKS += sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))

RUN_IN_COLAB = """
import json, sys, tempfile
from pathlib import Path
import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

path = Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
colab = nbformat.v4.new_code_cell(
    "import sys, types\\n"
    "google = types.ModuleType('google')\\n"
    "google.colab = sys.modules['google.colab'] = types.ModuleType('google.colab')\\n"
    "sys.modules['google'] = google")
report = nbformat.v4.new_code_cell(
    "import json as _j, micrograd as _m\\nprint(_j.dumps(_m.__file__))")
first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
nb.cells = [colab] + nb.cells + [report]
km = KernelManager(kernel_name="python3", transport="ipc",
                   ip=str(Path(tempfile.mkdtemp(prefix="nbk")) / "kernel"))
NotebookClient(nb, km=km, timeout=900, kernel_name="python3", allow_errors=False,
               resources={"metadata": {"path": sys.argv[2]}}).execute()
bootstrap = "".join(o.get("text", "") for o in nb.cells[first + 1].outputs)
print("REPORT " + json.dumps({"bootstrap": bootstrap, "micrograd": nb.cells[-1].outputs[0]["text"]}))
"""


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    """(python, environment, working folder) of a fresh Colab-like session."""
    tmp = tmp_path_factory.mktemp("colab")
    _, _, branch = repository()
    clone = committed_copy(tmp / "clone", branch)
    venv = tmp / "colab-venv"
    python = make_venv(venv)
    env = clean_env(venv)
    run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], timeout=300, env=env)
    kernel = ["ipykernel", "nbclient", "-c", str(ROOT / "requirements.lock")]
    run([str(python), "-m", "pip", "install", "-q", *kernel], timeout=900, env=env)
    probe = "import importlib.util as u; print([m for m in ('micrograd', 'graphviz') if u.find_spec(m)])"
    assert run([str(python), "-c", probe], timeout=60, env=env, cwd=tmp).stdout.strip() == "[]"
    jupyter = tmp / "jupyter"
    env = clean_env(
        venv,
        MICROGRAD_BOOK_SOURCE=f"git+file://{clone}@{branch}",
        JUPYTER_DATA_DIR=str(jupyter),
        JUPYTER_CONFIG_DIR=str(jupyter),
        MPLBACKEND="Agg",
    )
    content = tmp / "content"  # Colab's working folder: none of the repository's files
    content.mkdir()
    return python, env, content, venv


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_in_colab(colab, notebook):
    python, env, content, venv = colab
    result = subprocess.run(
        [str(python), "-c", RUN_IN_COLAB, str(notebook), str(content)],
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
        cwd=content,
    )
    assert result.returncode == 0, (
        f"{notebook.relative_to(ROOT)} does not run top to bottom in the Colab stand-in:\n"
        f"{result.stdout[-2000:]}\n{result.stderr[-6000:]}"
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("REPORT "))
    report = json.loads(line.removeprefix("REPORT "))
    assert "Ready: micrograd from git+file://" in report["bootstrap"], report["bootstrap"]
    where = json.loads(report["micrograd"])
    assert where.startswith(str(venv)), f"micrograd came from {where}, not the Colab install"
