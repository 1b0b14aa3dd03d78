"""Submissions that try to cheat, escape or break the teachers' grader (tests/test_grade_attacks.py).

Each builder writes notebooks into a folder: cheats made from a solution whose answer was first
made wrong, careless files that are not notebooks, and escapes from the sandbox's limits.
"""

import json
import os
from pathlib import Path

import nbformat

from micrograd_checks.grader import notebook

ROOT = Path(__file__).resolve().parent.parent
MARK = "987.654321"  # a sleeper's argument, to find leftovers by
WRONG = "(f(x) - f(x + h)) / h"


def solution(stem):
    return nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)


def code_cells(nb, number):
    found = notebook.sections([(c.cell_type, c.source) for c in nb.cells])
    return [nb.cells[i] for i in found[number] if nb.cells[i].cell_type == "code"]


def answer(nb, number):
    return next(c for c in code_cells(nb, number) if "### BEGIN SOLUTION" in c.source)


def check(nb, number):
    return next(c for c in code_cells(nb, number) if notebook.CHECK_CALL.search(c.source))


def wrong_one():
    """Chapter 1's solution with exercise 1.1 wrong (a flipped sign)."""
    nb = solution("01_derivatives")
    cell = answer(nb, "1.1")
    cell.source = cell.source.replace("(f(x + h) - f(x)) / h", WRONG)
    assert WRONG in cell.source
    return nb


def after(nb, number, source):
    """`nb` with a code cell `source` right after exercise `number`'s answer."""
    nb.cells.insert(nb.cells.index(answer(nb, number)) + 1, nbformat.v4.new_code_cell(source))
    return nb


PASS_LINE = 'print("✔ Exercise 1.1 passed: derivative() got all 7 hidden checks right.")'
FAKE = {"event": "result", "exercise": "1.1", "outcome": ["passed", "", []], "token": "x"}


def cheats(folder, json_path):
    printed = wrong_one()
    check(printed, "1.1").source = PASS_LINE

    wrapped = wrong_one()
    cell = check(wrapped, "1.1")
    cell.source = f"try:\n    {cell.source}\nexcept Exception:\n    {PASS_LINE}"

    patched = after(
        wrong_one(),
        "1.1",
        "import micrograd_checks as checks, micrograd_checks.core as core\n"
        f"checks.check_derivative = lambda f: {PASS_LINE}\n"
        "core.is_close = lambda *a: True\n"
        "core.Check.close = lambda self, got, *a, **k: got\n"
        "import builtins\nbuiltins.abs = lambda x: 0.0",
    )
    handler = after(
        wrong_one(),
        "1.1",
        "try:\n"
        f"    get_ipython().set_custom_exc((Exception,), lambda *a, **k: {PASS_LINE})\n"
        "except NameError:\n    pass",
    )
    lines = json.dumps(FAKE) + "\n" + json.dumps({**FAKE, "event": "done"}) + "\n"
    fake = after(
        wrong_one(),
        "1.1",
        "import os\n"
        f"line = {lines!r}.encode()\n"
        "for fd in range(0, 64):\n"
        "    try:\n        os.write(fd, line)\n    except OSError:\n        pass",
    )
    # rewrite the worker's messages: every number the learner gave becomes the check's expectation
    copier = after(
        wrong_one(),
        "1.1",
        "import json, os\n"
        "dumps = json.dumps\n"
        "def copy(m):\n"
        "    if isinstance(m, dict) and m.get('event') == 'result':\n"
        "        m['outcome'] = ['passed', '', [[k, e if e is not None else g, e, t]\n"
        "                                       for k, g, e, t in m['outcome'][2]]]\n"
        "    return m\n"
        "json.dumps = lambda m, **k: dumps(copy(m), **k)\n"
        "write = os.write\n"
        "os.write = lambda fd, data: write(fd, data.replace(b'CheckFailed', b'passed'))",
    )
    # an import hook that hands the probe its own micrograd_checks
    finder = after(
        wrong_one(),
        "1.1",
        "import sys, types, importlib.abc, importlib.machinery\n"
        "class Fake(importlib.abc.MetaPathFinder, importlib.abc.Loader):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.startswith('micrograd_checks'):\n"
        "            return importlib.machinery.ModuleSpec(name, self, is_package=True)\n"
        "    def create_module(self, spec):\n"
        "        m = types.ModuleType(spec.name); m.__path__ = []\n"
        f"        m.__getattr__ = lambda name: (lambda *a: {PASS_LINE})\n"
        "        return m\n"
        "    def exec_module(self, module):\n"
        "        pass\n"
        "sys.meta_path.insert(0, Fake())\n"
        "import builtins\n"
        "real = builtins.__import__\n"
        "builtins.__import__ = lambda name, *a, **k: real(name, *a, **k)",
    )
    no_heading = wrong_one()
    no_heading.cells = [c for c in no_heading.cells if "## Exercise 1.1" not in c.source]

    extra = wrong_one()
    extra.cells.append(nbformat.v4.new_markdown_cell("## Exercise 1.9: mine"))
    extra.cells.append(nbformat.v4.new_code_cell("checks.check_derivative(lambda f, x: 0)"))
    extra.cells.insert(5, nbformat.v4.new_markdown_cell("## Exercise 1.1: again"))

    package = after(solution("05_neurons"), "5.3", "from micrograd.nn import Neuron as MyNeuron")
    wrapper = solution("04_topological_sort")
    answer(wrapper, "4.1").source = (
        "from micrograd.engine import topological_order\n\n\n"
        "def topo_sort(root):\n    return topological_order(root)"
    )

    capstone = solution("08_capstone")
    answer(capstone, "8.1").source = "from micrograd.engine import Value"

    detached = after(
        wrong_one(),
        "1.1",
        "import os, subprocess, time\n"
        f"subprocess.Popen(['sleep', '{MARK}'], start_new_session=True)\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    time.sleep(4)\n"
        f"    open({str(json_path)!r}, 'w').write('[]')\n"
        "    os._exit(0)",
    )
    poison = after(
        solution("01_derivatives"),
        "1.1",
        "import micrograd_checks, os\n"
        "for path in [micrograd_checks.__file__, micrograd_checks.core.__file__]:\n"
        "    try:\n"
        "        open(path, 'a').write('\\ncheck_derivative = lambda f: None\\n')\n"
        "    except OSError:\n        pass\n"
        f"for root, dirs, files in os.walk({str(folder)!r}):\n"
        "    for name in files:\n"
        "        try:\n            os.rename(os.path.join(root, name), os.path.join(root, 'x' + name))\n"
        "        except OSError:\n            pass",
    )
    for name, nb in [
        ("printed", printed),
        ("wrapped", wrapped),
        ("patched", patched),
        ("handler", handler),
        ("fake", fake),
        ("copier", copier),
        ("finder", finder),
        ("no_heading", no_heading),
        ("extra", extra),
        ("package", package),
        ("wrapper", wrapper),
        ("capstone", capstone),
        ("detached", detached),
        ("poison", poison),
    ]:
        nbformat.write(nb, folder / f"{name}.ipynb")
    # graded after "poison" (sorted): must still pass with clean checks
    nbformat.write(solution("01_derivatives"), folder / "zz_after_poison.ipynb")


def careless(folder):
    os.mkfifo(folder / "fifo.ipynb")
    (folder / "zero.ipynb").symlink_to("/dev/zero")
    (folder / "dir.ipynb").mkdir()
    with open(folder / "huge.ipynb", "wb") as f:
        f.truncate(notebook.MAX_BYTES + 1)
    base = json.loads(nbformat.writes(solution("01_derivatives")))
    for name, change in [
        ("no_source", lambda nb: nb["cells"][3].pop("source")),
        ("source_42", lambda nb: nb["cells"][3].update(source=42)),
        ("nbformat_9", lambda nb: nb.update(nbformat=9)),
        ("cells_dict", lambda nb: nb.update(cells={"a": 1})),
    ]:
        nb = json.loads(json.dumps(base))
        change(nb)
        (folder / f"{name}.ipynb").write_text(json.dumps(nb))
    (folder / "binary.ipynb").write_bytes(bytes(range(256)) * 10)


def escapes(folder):
    nb = solution("01_derivatives")
    nb.cells.insert(
        4,
        nbformat.v4.new_code_cell(
            "import os, subprocess\n"
            "kids = [subprocess.Popen(['python3', '-c', 'b = bytearray(300 * 2**20); "
            "import time; time.sleep(60)']) for _ in range(6)]\n"
            "open('/dev/shm/fill', 'wb').write(bytes(400 * 2**20))\n"
            "for k in kids: k.wait()"
        ),
    )
    nbformat.write(nb, folder / "memory.ipynb")
    flood = after(
        solution("01_derivatives"),
        "1.1",
        "import os\nfor fd in range(3, 40):\n    try:\n"
        "        os.write(fd, b'{' * 2**24)\n    except OSError:\n        pass",
    )
    nbformat.write(flood, folder / "flood.ipynb")
    network = solution("01_derivatives")
    cell = answer(network, "1.1")
    cell.source = (
        "import socket\nsocket.create_connection(('1.1.1.1', 53), timeout=5).close()\n"
        + cell.source
    )
    nbformat.write(network, folder / "network.ipynb")
    shout = after(solution("01_derivatives"), "1.1", "print('x' * 300 * 2**20)")
    nbformat.write(shout, folder / "shout.ipynb")
