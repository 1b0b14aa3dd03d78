"""The in-page runner's build-time logic (book/_ext/runner) and its Python half, run natively.

The Python the worker runs (`book/_ext/runner_src/python`) is plain Python, so its cell runner,
traceback trimming, status rules and Graphviz stand-in are tested here in a subprocess (the
stand-ins replace matplotlib/numpy imports, which must not leak into the test process).
"""

import json
import subprocess
import sys
import zipfile

import jupytext
import nbformat
import pytest
from book_fixtures import ROOT
from runner import assets, cells

PYTHON = ROOT / "book" / "_ext" / "runner_src" / "python"


def notebook(*specs):
    nb = nbformat.v4.new_notebook()
    for source, tag_list in specs:
        nb.cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": tag_list}))
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("text"))
    return nb


def test_page_cells_skips_tagged_and_build_only_cells():
    nb = notebook(
        ("x = 1", []),
        ("glue('x', x, display=False)\ny = 2\ndel x", ["remove-cell"]),
        ("pip install", ["bootstrap"]),
        ("print(2)", ["no-runner"]),
        ("1 / 0", ["raises-exception"]),
        ("glue('z', 3)\nz = 3", ["remove-cell"]),  # z is read later: must run
        ("print(z)", []),
    )
    entries = cells.page_cells(nb)
    assert [e["index"] for e in entries] == [0, 4, 5, 6]
    assert [e["cell_index"] for e in entries] == [0, 5, 6, 7]
    assert [e["expect_error"] for e in entries] == [False, True, False, False]
    assert not any(e["stub"] for e in entries)


def test_build_only_needs_glue_and_nothing_read_later():
    assert cells.build_only("glue('a', 1)\ndel q")
    assert not cells.build_only("del q")  # no glue: not a glue helper
    assert not cells.build_only("glue('a', 1)\nprint(1)")
    assert not cells.build_only("glue('a', b)\nb = 2", read_later={"b"})
    assert not cells.build_only("glue(")


SOLUTION = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

## Exercise 9.1: f

```{code-cell} ipython3
def f():
    ### BEGIN SOLUTION
    return 1
    ### END SOLUTION
```

```{code-cell} ipython3
:tags: [solution-only]
print("teacher")
```

```{code-cell} ipython3
checks.check_f(f)
```

```{code-cell} ipython3
:tags: [needs-exercise]
f()
```
"""


def test_student_sources_replace_solutions_and_drop_solution_only_cells(tmp_path):
    path = tmp_path / "09_f.md"
    path.write_text(SOLUTION)
    nb = jupytext.read(path)
    student = cells.student_sources(ROOT, path)
    assert student[1] is None
    assert "raise NotImplementedError" in student[0] and "return 1" not in student[0]
    assert student[2:] == ["checks.check_f(f)", "f()"]
    entries = cells.page_cells(nb, student)
    assert [e["index"] for e in entries] == [0, 2, 3]
    assert [e["stub"] for e in entries] == [True, False, False]
    assert [e["expect_error"] for e in entries] == [False, False, True]
    with pytest.raises(ValueError, match="one entry per code cell"):
        cells.page_cells(nb, student[:2])


def test_zip_is_deterministic_and_holds_what_the_page_imports(tmp_path):
    pairs = assets.package_sources(ROOT)
    names = [name for name, _ in pairs]
    for needed in (
        "micrograd/engine.py",
        "micrograd_checks/core.py",
        "graphviz/backend/execute.py",
        "_book_runner/__init__.py",
        "IPython/display.py",
        "myst_nb/__init__.py",
    ):
        assert needed in names
    assert not [n for n in names if "__pycache__" in n or not n.endswith(".py")]
    assets.write_zip(tmp_path / "a.zip", pairs)
    assets.write_zip(tmp_path / "b.zip", pairs)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert {i.date_time for i in archive.infolist()} == {assets.ZIP_DATE}


def test_version_covers_the_runner_the_package_and_the_stub_generator():
    names = [name for name, _ in assets.inputs(ROOT)]
    for needed in (
        "boot.js",
        "worker.js",
        "zip/micrograd/nn.py",
        "exercise_gen.py",
        "runner/cells.py",
    ):
        assert needed in names
    assert assets.version(ROOT) == assets.version(ROOT)


def test_missing_node_modules_gives_instructions(tmp_path):
    with pytest.raises(assets.AssetError, match="make node"):
        assets.build(tmp_path, tmp_path / "cache")


WORKER = r"""
import json, sys, types
sys.path[:0] = [sys.argv[1], sys.argv[2]]
out = []
viz = types.ModuleType("_book_viz")
viz.render = lambda src, engine, fmt: f"<svg engine='{engine}' fmt='{fmt}'>{len(src)}</svg>"
sys.modules["_book_viz"] = viz
import _book_runner as r
r.start(lambda kind, payload: out.append([kind, payload]))
def run(src, **flags):
    out.clear()
    result = r.run_cell(src, "cell 1", flags)
    sys.__stdout__.write(json.dumps([result, list(out)]) + "\n")
run("x = 6\nprint('hi')\nx * 7")
run("x * 7;")
run("def f():\n    return 1 / 0\nf()")
run("import math\nimport matplotlib.pyplot as plt\nfrom matplotlib import animation\nplt.plot([1])")
run("import numpy as np")
run("from micrograd.viz import draw_dot\nfrom micrograd import Value\ndraw_dot(Value(1.0) * 2)")
run("import graphviz\ngraphviz.Digraph().pipe(format='svg', encoding='utf-8')")
run("import micrograd_checks as checks\nchecks.check_derivative(lambda f, x, h=1e-6: 0.0)")
run("raise NotImplementedError('todo')", exercise=True)
run("raise NotImplementedError('todo')")
run("1 / 0", expect_error=True)
run("def broken(:")
run("fig, ax = plt.subplots()\nfor step in range(3):\n    frame = step")
run("print(ax)")
run("fig = 1\nfig + 1")
run("print(fig + ax)")
run("print(never_defined)")
import weakref
run("class Node:\n    pass\nold = Node()")
ref = weakref.ref(r.NAMESPACE["old"])
run("old = None")
sys.__stdout__.write(json.dumps(ref() is not None) + "\n")
"""


def test_worker_python_runs_cells_like_jupyter():
    code = subprocess.run(
        [sys.executable, "-c", WORKER, str(PYTHON), str(ROOT)], capture_output=True, text=True
    )
    assert code.returncode == 0, code.stderr
    *runs, kept = [json.loads(line) for line in code.stdout.splitlines()]
    assert kept is True  # a rebound value is kept, not freed (deep graphs overflow the stack)
    (ok, out), (quiet, quiet_out) = runs[0], runs[1]
    assert ok == {"status": "ok"}
    assert out == [
        ["stream", {"name": "stdout", "text": "hi"}],
        ["stream", {"name": "stdout", "text": "\n"}],
        ["display", {"text/plain": "42"}],
    ]
    assert quiet == {"status": "ok"} and quiet_out == []
    error = runs[2][0]
    assert error["status"] == "error"
    lines = error["error"].splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1].startswith('  File "<cell 1>", line 3')  # starts at the cell, no runner frames
    assert (
        "_book_runner" not in error["error"] and lines[-1] == "ZeroDivisionError: division by zero"
    )
    assert runs[3][0] == {"status": "unavailable", "package": "matplotlib", "error": ""}
    assert runs[4][0] == {"status": "ok"}  # importing alone works: the import cell defines the rest
    graph, shown = runs[5]
    assert graph == {"status": "ok"}
    assert shown[0][1]["image/svg+xml"].startswith("<svg engine='dot' fmt='svg'>")
    assert runs[6][0] == {"status": "ok"}
    assert runs[6][1][0][1]["text/plain"].startswith("\"<svg engine='dot' fmt='svg'>")
    check = runs[7][0]
    assert check["status"] == "expected-error" and check["error"].startswith("✘ Exercise 1.1")
    assert "\x1b[" not in check["error"]
    assert runs[8][0]["status"] == "expected-error"
    assert runs[9][0]["status"] == "error"  # outside an exercise page it is a real error
    assert runs[10][0]["status"] == "expected-error"
    syntax = runs[11][0]
    assert (
        syntax["status"] == "error"
        and "SyntaxError" in syntax["error"]
        and "<cell 1>" in syntax["error"]
    )
    # a cell that reads what a cell that could not run would have made cannot run either
    assert runs[12][0]["status"] == runs[13][0]["status"] == "unavailable"
    assert runs[13][0]["package"] == "matplotlib"
    assert runs[14][0] == {"status": "ok"}  # defining it again works
    assert runs[15][0]["status"] == "unavailable"  # ax is still missing
    assert runs[16][0]["status"] == "error" and "NameError" in runs[16][0]["error"]
