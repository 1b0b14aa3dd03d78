"""Stand-ins for what WebAssembly Python lacks, so the book's cells run unchanged in the page.

- Graphviz: the `graphviz` package runs the `dot` program; there are no subprocesses here, so
  its one call site (`graphviz.backend.execute.run_check`) is replaced by Graphviz compiled to
  WebAssembly (@viz-js/viz, exposed by the worker as the JS module `_book_viz`). `draw_dot(...)`,
  `Digraph.pipe(format="svg")` and `render()` work unchanged.
- matplotlib and numpy have no WebAssembly wheels we can ship. `matplotlib.pyplot` and
  `matplotlib.animation` are drawn in pure Python as SVG (`mpl.py`, `micrograd._svg`); for the rest
  (numpy, matplotlib's other modules) importing works (so an import cell still defines everything
  else), and the first real use raises `PackageUnavailable`, which the runner reports as "this cell
  needs numpy".
"""

import importlib.abc
import importlib.machinery
import os
import subprocess
import sys
import types

UNAVAILABLE = ("matplotlib", "numpy", "scipy", "pandas", "torch", "PIL")
_SUBMODULES = {
    "matplotlib": ("pyplot", "animation", "colors", "cm", "patches", "ticker", "gridspec"),
    "numpy": ("random", "linalg", "testing"),
}


class PackageUnavailable(AttributeError):
    """The cell used a package the in-page Python does not have (an AttributeError, so that
    `from matplotlib import animation` still finds the stand-in submodule)."""

    def __init__(self, package):
        self.package = package
        super().__init__(f"{package} is not available in the in-page Python")


class _Missing(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise PackageUnavailable(self.__name__.split(".")[0])


class _MissingFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        top, _, rest = fullname.partition(".")
        known = rest == "" or rest in _SUBMODULES.get(top, ())
        if top in _SUBMODULES and known:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=not rest)
        return None

    def create_module(self, spec):
        module = _Missing(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


def _viz(dot_source, engine, fmt):
    from _book_viz import render  # the worker's bridge to @viz-js/viz

    try:
        return render(dot_source, engine, fmt)
    except Exception as error:  # noqa: BLE001 (a JS error: bad DOT source or format)
        raise subprocess.CalledProcessError(1, ["dot"], stderr=str(error)) from None


def run_check(cmd, *, input_lines=None, encoding=None, quiet=False, **kwargs):
    """graphviz's subprocess call, done by Graphviz in WebAssembly instead of `dot`."""
    args = [str(a) for a in cmd[1:]]
    engine = next((a[2:] for a in args if a.startswith("-K")), "dot")
    fmt = next((a[2:] for a in args if a.startswith("-T")), "svg").split(":")[0]
    files = [a for a in args if not a.startswith("-")]
    cwd = kwargs.get("cwd") or "."
    if input_lines is not None:
        data = "".join(x.decode() if isinstance(x, bytes) else x for x in input_lines)
    elif files:
        with open(os.path.join(cwd, files[-1]), encoding="utf-8") as source:
            data = source.read()
    else:
        data = kwargs.get("input") or b""
    text = _viz(data.decode() if isinstance(data, bytes) else data, engine, fmt)
    if files:  # render(): `-o outfile infile` or `-O infile`
        out = files[0] if "-o" in args else f"{files[-1]}.{fmt}"
        with open(os.path.join(cwd, out), "w", encoding="utf-8") as target:
            target.write(text)
        text = ""
    stdout = text if encoding else text.encode()
    return subprocess.CompletedProcess(cmd, 0, stdout=stdout, stderr="" if encoding else b"")


def _missing_module(name):
    module = _Missing(name)
    module.__path__ = []
    return module


def install():
    from _book_runner import mpl

    sys.meta_path.insert(0, _MissingFinder())
    mpl.install(_missing_module)
    from graphviz.backend import execute

    execute.run_check = run_check
