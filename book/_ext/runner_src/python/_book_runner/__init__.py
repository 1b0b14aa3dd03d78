"""The Python half of the book's in-page runner: it runs inside Pyodide, in a Web Worker.

The worker calls `start(post)` once, then `run_cell(source, name, flags)` for each cell. Output
goes to `post(kind, payload)` as it happens ("stream" for print, "display" for rich results), and
`run_cell` returns what happened: {"status": "ok" | "failed" | "not-done" | "expected-error" |
"error" | "unavailable",
"error": text shown to the reader, "package": the missing package}. One namespace per page.
"""

import ast
import builtins
import io
import linecache
import re
import sys
import traceback

from _book_runner import mpl, standins

NAMESPACE = {"__name__": "__main__", "__builtins__": builtins}
# What a cell rebinds or deletes is kept, not freed: freeing a graph thousands of nodes deep at
# once recurses in C, and the browser's stack (smaller than a native one) overflows, killing the
# interpreter. Stop (a fresh worker) frees everything.
KEPT = []
# name -> package, for the names a cell that could not run here would have defined: a later
# cell that reads one of them cannot run either, for the same reason.
MISSING = {}
_post = None
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SITE = re.compile(r'File "/lib/python3[.\d]*/(?:site-packages/)?')


class _Stream(io.TextIOBase):
    """sys.stdout / sys.stderr: every write goes straight to the page."""

    def __init__(self, name):
        self._name = name

    def writable(self):
        return True

    def write(self, text):
        if text:
            _post("stream", {"name": self._name, "text": str(text)})
        return len(text)


def start(post):
    """Route output to `post(kind, payload)` and install the stand-ins (Graphviz, IPython, ...)."""
    global _post
    _post = post
    sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
    standins.install()


def mime_bundle(obj):
    """{mime type: data} for `obj`, the way Jupyter asks an object to show itself."""
    bundle = {}
    if not isinstance(obj, type):
        method = getattr(obj, "_repr_mimebundle_", None)
        if callable(method):
            data = method()
            bundle.update((data[0] if isinstance(data, tuple) else data) or {})
        for mime, name in (("image/svg+xml", "_repr_svg_"), ("text/html", "_repr_html_")):
            method = getattr(obj, name, None)
            if mime not in bundle and callable(method):
                value = method()
                if value is not None:
                    bundle[mime] = value
    bundle = {k: v.decode() if isinstance(v, bytes) else v for k, v in bundle.items()}
    bundle = {k: v for k, v in bundle.items() if isinstance(v, str)}
    bundle.setdefault("text/plain", repr(obj))
    return bundle


def display(*objs):
    """Show each object under the running cell (IPython.display.display in the page)."""
    for obj in objs:
        _post("display", mime_bundle(obj))


def _split(source, name):
    """(module to exec, expression to show or None): the last line is shown as Jupyter does."""
    tree = ast.parse(source, name)
    last = None
    quiet = source.rstrip().endswith(";")
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not quiet:
        last = ast.Expression(tree.body.pop().value)
    return compile(tree, name, "exec"), last and compile(last, name, "eval")


def run_cell(source, name, flags=None):
    """Run one cell's `source` in the page's namespace; `name` (e.g. "cell 3") labels tracebacks."""
    flags = flags.to_py() if hasattr(flags, "to_py") else dict(flags or {})
    filename = f"<{name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    before = dict(NAMESPACE)
    try:
        body, last = _split(source, filename)
        exec(body, NAMESPACE)
        if last is not None:
            value = eval(last, NAMESPACE)
            if value is not None:
                NAMESPACE["_"] = value
                display(value)
    except BaseException as error:  # noqa: BLE001 (whatever the cell raised is shown)
        mpl.flush(lambda fig: None)
        result = _failure(error, filename, flags)
        if result["status"] == "unavailable":
            lost = names_defined(source) - NAMESPACE.keys()
            MISSING.update(dict.fromkeys(lost, result["package"]))
        return result
    finally:
        KEPT.extend(v for k, v in before.items() if NAMESPACE.get(k, KEPT) is not v)
    mpl.flush(display)
    for name in names_defined(source):
        MISSING.pop(name, None)
    return {"status": "ok"}


def names_defined(source):
    """The names `source` binds in the page's namespace: assignments, imports, `def`, `class`
    and loop variables at the top level (not the local names inside a function)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names, todo = set(), list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        todo.extend(ast.iter_child_nodes(node))
    return names


def _chain(error):
    seen = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or error.__context__
    return seen


def _missing_package(error):
    for item in _chain(error):
        if isinstance(item, standins.PackageUnavailable):
            return item.package
        if type(item).__name__ == "Unsupported" and type(item).__module__.startswith("micrograd"):
            return item.package  # a part of matplotlib micrograd._svg does not draw
        if isinstance(item, ImportError) and item.name:
            top = item.name.split(".")[0]
            if top in standins.UNAVAILABLE:
                return top
        if isinstance(item, NameError) and getattr(item, "name", None) in MISSING:
            return MISSING[item.name]  # made by an earlier cell that could not run here
    return None


def _is_check(error, name):
    """A micrograd_checks verdict of the kind `name` ("CheckFailed": any wrong answer,
    "NotImplementedYet": the exercise is not done yet)."""
    return any(
        cls.__name__ == name and cls.__module__.startswith("micrograd_checks")
        for cls in type(error).__mro__
    )


def _failure(error, filename, flags):
    """The status of a cell that raised: "failed" (a check's verdict on the learner's code: never
    "as expected"), "not-done" (an exercise not attempted yet), "expected-error" (a chapter cell
    that shows an error on purpose) or "error"."""
    package = _missing_package(error)
    if package:
        return {"status": "unavailable", "package": package, "error": ""}
    if _is_check(error, "NotImplementedYet") or (
        flags.get("exercise") and isinstance(error, NotImplementedError)
    ):
        status = "not-done"
    elif _is_check(error, "CheckFailed"):
        status = "failed"
    else:
        status = "expected-error" if flags.get("expect_error") else "error"
    return {"status": status, "error": format_error(error, filename)}


def format_error(error, filename):
    """A short traceback that starts at the cell (no runner frames), or a check's own report."""
    render = getattr(error, "_render_traceback_", None)
    if callable(render):
        try:
            return ANSI.sub("", "\n".join(render()))
        except Exception:  # noqa: BLE001 (fall back to the plain traceback)
            pass
    report = traceback.TracebackException.from_exception(error)
    _trim(report, filename)
    return SITE.sub('File "', "".join(report.format()).rstrip())


def _trim(report, filename):
    """Drop the runner's own frames (before the first cell frame), here and in chained errors."""
    seen = set()
    while report is not None and id(report) not in seen:
        seen.add(id(report))
        frames = list(report.stack)
        starts = [i for i, f in enumerate(frames) if f.filename.startswith("<cell")]
        if starts:
            report.stack = traceback.StackSummary.from_list(frames[starts[0] :])
        report = report.__cause__ or report.__context__
