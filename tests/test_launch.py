"""Launching the notebooks as a learner would, on Binder and on Colab (simulated here).

Binder: a fresh virtual environment (`python -m venv`) with ONLY binder/requirements.txt (the
lean kernel environment) installed, plus what repo2docker itself provides to run notebooks
(nbclient, at the lock's version), runs every chapter twin (book/NN_*.ipynb) and every solution
notebook top to bottom with that environment's own kernel. The environment is cached in
_build/binder-venv-<hash of the requirements>, so only the first run installs.

Colab: the bootstrap cell of a generated notebook runs with a fake `google.colab` module, in a
fresh environment without micrograd, installing from a local clone of this repository
(committed state) through MICROGRAD_BOOK_SOURCE; then micrograd, its graphs and plots work.

Slow (about 1-3 minutes); set MICROGRAD_BOOK_SKIP_LAUNCH=1 to skip.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from book_fixtures import ROOT, launch_targets, repository

pytestmark = pytest.mark.skipif(
    os.environ.get("MICROGRAD_BOOK_SKIP_LAUNCH") == "1", reason="MICROGRAD_BOOK_SKIP_LAUNCH=1"
)

BUILD = ROOT / "_build"
NOTEBOOKS = [path for path, kind in launch_targets() if kind in ("twin", "solution")]

RUN_NOTEBOOK = """
import json, sys
from pathlib import Path
import tempfile
import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

path = Path(sys.argv[1])
# Kernels talk over Unix sockets in a private folder: TCP ports picked by two notebook runs at
# the same moment can collide ("Address already in use").
km = KernelManager(kernel_name="python3", transport="ipc",
                   ip=str(Path(tempfile.mkdtemp(prefix="nbk")) / "kernel"))
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import json as _j, sys as _s, micrograd as _m\\nprint(_j.dumps([_s.prefix, _m.__file__]))"))
NotebookClient(nb, km=km, timeout=600, kernel_name="python3", allow_errors=False,
               resources={"metadata": {"path": str(path.parent)}}).execute()
print("WHERE " + nb.cells[-1].outputs[0]["text"].strip())
"""


def clean_env(venv, **extra):
    """The environment a learner's fresh session has: only `venv` on PATH, nothing of ours."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER"))
    }
    ours = {str(Path(sys.prefix) / "bin"), str(Path(sys.executable).parent)}
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and p not in ours]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    env.update(extra)
    return env


def run(cmd, timeout, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(map(str, cmd))[:300]}` failed ({result.returncode}):\n{result.stdout[-3000:]}\n"
            f"{result.stderr[-6000:]}"
        )
    return result


def make_venv(path):
    shutil.rmtree(path, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(path)], timeout=120)
    return path / "bin" / "python"


@pytest.fixture(scope="module")
def binder_venv():
    digest = hashlib.sha256()
    for name in ("binder/requirements.txt", "pyproject.toml", "binder/runtime.txt"):
        digest.update((ROOT / name).read_bytes())
    digest.update(sys.version.encode())
    venv = BUILD / f"binder-venv-{digest.hexdigest()[:12]}"
    if not (venv / ".complete").exists():
        for old in BUILD.glob("binder-venv-*"):
            shutil.rmtree(old, ignore_errors=True)
        BUILD.mkdir(exist_ok=True)
        python = make_venv(venv)
        # as repo2docker does: `pip install -r binder/requirements.txt` in the repository's root
        run(
            [str(python), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
            timeout=900,
            cwd=ROOT,
            env=clean_env(venv),
        )
        # the notebook server's side, which Binder brings itself (not the kernel's business)
        run(
            [str(python), "-m", "pip", "install", "-q", "nbclient", "-c", "requirements.lock"],
            timeout=900,
            cwd=ROOT,
            env=clean_env(venv),
        )
        (venv / ".complete").write_text("installed from binder/requirements.txt only\n")
    return venv


@pytest.fixture(scope="module")
def binder_runs(binder_venv, tmp_path_factory):
    """Execute every twin and solution notebook in the Binder environment, two at a time."""
    jupyter = tmp_path_factory.mktemp("binder-jupyter")
    env = clean_env(
        binder_venv,
        JUPYTER_DATA_DIR=str(jupyter),
        JUPYTER_CONFIG_DIR=str(jupyter),
        MPLBACKEND="Agg",
    )
    python = binder_venv / "bin" / "python"

    def execute(path):
        cmd = [str(python), "-c", RUN_NOTEBOOK, str(path)]
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=900, cwd=path.parent, env=env
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(NOTEBOOKS, pool.map(execute, NOTEBOOKS), strict=True))


def test_there_are_notebooks_to_launch():
    kinds = {kind for _, kind in launch_targets()}
    assert {"twin", "solution"} <= kinds, (
        f"expected chapter twins and solution notebooks, found {sorted(kinds)}"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_on_binder(binder_runs, binder_venv, notebook):
    result = binder_runs[notebook]
    assert result.returncode == 0, (
        f"{notebook.relative_to(ROOT)} fails in a fresh environment made from binder/requirements.txt:\n"
        f"{result.stdout[-2000:]}\n{result.stderr[-6000:]}"
    )
    where = [line for line in result.stdout.splitlines() if line.startswith("WHERE ")]
    prefix, micrograd_file = json.loads(where[-1].removeprefix("WHERE "))
    assert Path(prefix).resolve() == binder_venv.resolve(), (
        f"the kernel ran in {prefix}, not the Binder environment"
    )
    assert Path(micrograd_file).resolve().is_relative_to(ROOT / "micrograd"), (
        f"`import micrograd` found {micrograd_file}, not this repository's package (`-e .` in binder/requirements.txt)"
    )


COLAB_SESSION = """
import json, sys, types
if {fake_colab}:
    google = types.ModuleType("google")
    google.colab = sys.modules["google.colab"] = types.ModuleType("google.colab")
    sys.modules["google"] = google
exec(compile({bootstrap!r}, "bootstrap-cell", "exec"), {{}})
try:
    import micrograd
except ImportError:
    print(json.dumps(None))
    raise SystemExit(0)
import math
from micrograd.engine import Value
from micrograd.viz import draw_dot
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
a, b = Value(2.0, label="a"), Value(-3.0, label="b")
c = a * b + a.tanh()
c.label = "c"
c.backward()
svg = draw_dot(c).pipe("svg").decode()
fig, ax = plt.subplots()
ax.plot([0, 1], [c.data, a.grad])
fig.savefig("plot.png")
print(json.dumps({{"file": micrograd.__file__, "grad": a.grad, "expected": -3 + 1 - math.tanh(2) ** 2,
                   "svg": svg.count("<svg"), "nodes": svg.count("class=\\"node\\"")}}))
"""


def bootstrap_source():
    notebooks = [path for path, _ in launch_targets()]
    if not notebooks:
        pytest.fail("no generated notebook to take the bootstrap cell from (run `make notebooks`)")
    cells = nbformat.read(notebooks[0], as_version=4).cells
    return next(c for c in cells if c.cell_type == "code").source


def colab_session(python, cwd, env, fake_colab):
    script = COLAB_SESSION.format(bootstrap=bootstrap_source(), fake_colab=fake_colab)
    result = run([str(python), "-c", script], timeout=600, cwd=cwd, env=env)
    return json.loads(result.stdout.strip().splitlines()[-1])


def committed_copy(target, branch):
    """A one-commit repository holding this repository's committed files (HEAD) on `branch`.

    Not a `git clone`: cloning a shallow checkout (as CI makes) gives a shallow repository
    that pip installs from very slowly.
    """
    archive = target.with_suffix(".tar")
    run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), "HEAD"], timeout=120
    )
    target.mkdir()
    run(["tar", "-xf", str(archive), "-C", str(target)], timeout=120)
    git = [
        "git",
        "-C",
        str(target),
        "-c",
        "user.name=micrograd book tests",
        "-c",
        "user.email=tests@localhost",
    ]
    run(["git", "init", "-q", "-b", branch, str(target)], timeout=60)
    run([*git, "add", "-A"], timeout=60)
    run([*git, "commit", "-q", "-m", "committed state of the book repository"], timeout=60)
    return target


def test_colab_bootstrap_installs_micrograd(tmp_path):
    _, _, branch = repository()
    clone = committed_copy(tmp_path / "clone", branch)
    venv = tmp_path / "colab-venv"
    python = make_venv(venv)
    # Colab has a recent pip (older ones reject `name @ git+file:///...` requirements).
    run(
        [str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"],
        timeout=300,
        env=clean_env(venv),
    )
    work = tmp_path / "content"
    work.mkdir()
    env = clean_env(venv, MICROGRAD_BOOK_SOURCE=f"git+file://{clone}@{branch}")

    # Outside Colab the cell does nothing: micrograd is still not installed afterwards.
    assert colab_session(python, work, env, fake_colab=False) is None

    report = colab_session(python, work, env, fake_colab=True)
    assert report is not None, "after the bootstrap cell, `import micrograd` still fails"
    assert Path(report["file"]).is_relative_to(venv), (
        f"micrograd came from {report['file']}, not the install"
    )
    assert report["grad"] == pytest.approx(report["expected"])
    assert report["svg"] == 1 and report["nodes"] >= 5, (
        "draw_dot(...).pipe('svg') did not draw the graph"
    )
    assert (work / "plot.png").stat().st_size > 1000, "matplotlib did not save a plot"


def test_bootstrap_source_can_be_overridden_only_by_env_var():
    source = textwrap.dedent(bootstrap_source())
    url, _, _ = repository()
    assert re.search(r'os\.environ\.get\(\s*"MICROGRAD_BOOK_SOURCE",', source)
    assert re.search(rf'"git\+{re.escape(url)}@([0-9a-f]{{40}}|v?\d[\w.-]*)"', source), (
        "the default source is this repository at a full commit hash or a version tag"
    )
