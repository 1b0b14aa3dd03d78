"""The worker: runs one submission's cells inside the sandbox, then answers the grader's probes.

    python -m micrograd_checks.grader.worker    (the job arrives on stdin, see `main`)

The job (one JSON object on stdin, read before any learner code runs, then stdin is closed)
holds the learner's cells, the released check cells, a random salt, the number of the private
channel's file descriptor and a per-run token. The worker runs the cells in order in one
namespace, then, for each exercise, imports the checks afresh from their read-only files (a
learner's monkeypatches of the checks are dropped), salts their random cases, runs the released
check cell and sends the outcome with the transcript (every number the learner's code gave a
comparison) on the channel. Nothing it prints matters: the grader reads only the channel.
"""

import ast
import builtins
import importlib
import importlib.abc
import importlib.machinery
import json
import os
import random
import sys
import traceback
import types

_PACKAGES = ("micrograd", "micrograd_checks")
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# While a capstone's cells run, these are stand-ins that refuse to work (the exercise asks for your
# own engine); micrograd.data and micrograd.viz load for real (viz gets the stand-in Value).
_STAND_INS = {"micrograd", "micrograd.engine", "micrograd.nn", "micrograd.gradcheck"}
_STAND_INS |= {"micrograd.losses", "micrograd.optim"}


class _StandIn(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        message = f"{self.__name__}.{name} is hidden while the grader runs your capstone"

        class Hidden:
            def __init__(self, *args, **kwargs):
                raise ModuleNotFoundError(message)

        Hidden.__name__ = Hidden.__qualname__ = name
        return Hidden


class _Hidden(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves stand-ins for the reference engine and the checks (the capstone asks for your own)."""

    active = False

    def find_spec(self, name, path=None, target=None):
        if not self.active or not (name in _STAND_INS or name.split(".")[0] == _PACKAGES[1]):
            return None
        spec = importlib.machinery.ModuleSpec(name, self, is_package=True)
        return spec

    def create_module(self, spec):
        module = _StandIn(spec.name)
        if spec.name == "micrograd":
            module.__path__ = [os.path.join(_ROOT, "micrograd")]
        else:
            module.__path__ = []
        return module

    def exec_module(self, module):
        pass


# Bound before any learner code runs: patching json.dumps or os.write later changes nothing here.
_DUMPS, _WRITE, _IMPORT, _EXEC = json.dumps, os.write, importlib.import_module, exec
_MODULES = sys.modules


def _send(channel, token, **message):
    message["token"] = token
    data = (_DUMPS(message, default=repr) + "\n").encode()
    while data:
        data = data[_WRITE(channel, data) :]


class _ImportState:
    """The import machinery as it was before the learner's cells: restored before each probe, so a
    finder or hook the learner installed cannot hand the probe a fake copy of the checks."""

    def __init__(self):
        self.meta_path, self.path = list(sys.meta_path), list(sys.path)
        self.path_hooks, self.importer = list(sys.path_hooks), builtins.__import__

    def restore(self):
        sys.meta_path[:] = self.meta_path
        sys.path[:] = self.path
        sys.path_hooks[:] = self.path_hooks
        sys.path_importer_cache.clear()
        builtins.__import__ = self.importer


def _first_line(text, limit=300):
    line = next((s.strip() for s in str(text).splitlines() if s.strip()), "")
    return line[:limit]


def _transform(source):
    """A cell's Python: IPython magics and shell escapes (`%…`, `!…`) become comments."""
    lines = source.splitlines()
    return "\n".join(
        "# " + line if line.lstrip().startswith(("%", "!")) else line for line in lines
    )


def _run_cells(cells, namespace, channel, token):
    """Run the cells in order; {index: exception} of those that raised one."""
    import linecache

    errors = {}
    for index, source in cells:
        _send(channel, token, event="start", index=index)
        name = f"<cell {index + 1}>"
        text = _transform(source)
        linecache.cache[name] = (len(text), None, text.splitlines(True), name)
        error = None
        try:
            exec(compile(text, name, "exec"), namespace)  # noqa: S102 - the point of a grader
        except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt too
            sys.last_exc = sys.last_value = errors[index] = exc
            error = [type(exc).__name__, _first_line(exc)]
            if isinstance(exc, SyntaxError):
                error[1] = f"{exc.msg} (line {exc.lineno} of the cell)"
        _send(channel, token, event="cell", index=index, error=error)
    return errors


def _own(obj):
    """Was `obj` (a function or class) written in the learner's cells, not taken from a package?"""
    parts = [obj, *getattr(obj, "__mro__", ())]
    parts += [v for v in vars(obj).values() if callable(v)] if isinstance(obj, type) else []
    modules = [getattr(p, "__module__", None) or "" for p in parts]
    return all(m.split(".")[0] not in _PACKAGES for m in modules)


def _codes(names):
    """The code objects of the package's functions named "module:Qual.name"."""
    codes = {}
    for name in names:
        module, _, qualname = name.partition(":")
        obj = _IMPORT(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
        codes[obj.__code__] = name
    return codes


def _watch(codes, used):
    """A profiler noting each call of `codes` made directly from the learner's cells."""

    def watch(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            caller = frame.f_back
            if caller is not None and caller.f_code.co_filename.startswith("<cell "):
                used.append(codes[frame.f_code])

    return watch


def _probe(number, source, namespace, salt, hidden, own, solved_by=()):
    """Run one released check cell on the learner's namespace: (outcome, message, transcript).

    Unless the check's expectations come from the learner's own objects (`own`), the transcript
    leaves them out: the grader has its own, and a patched worker has nothing to copy."""
    fresh = _PACKAGES if hidden.active else _PACKAGES[1:]
    hidden.active = False
    for name in [m for m in _MODULES if m.split(".")[0] in fresh]:
        del _MODULES[name]  # a fresh copy of the checks: the learner's patches are gone
    checks = _IMPORT("micrograd_checks")
    core = _IMPORT("micrograd_checks.core")
    core.SALT = f"{salt}:{number}"
    core.TRANSCRIPT = transcript = []
    random.seed(f"{salt}:{number}")
    call = ast.parse(source, mode="exec").body[0].value
    given = [namespace.get(a.id) for a in call.args if isinstance(a, ast.Name)]
    borrowed = [g for g in given if callable(g) and not _own(g)]
    if borrowed:
        name = getattr(borrowed[0], "__qualname__", repr(borrowed[0]))
        return "CheckFailed", f"the check was given the package's own {name}, not yours", []
    scope = dict(namespace, checks=checks)
    used = []
    watch = _watch(_codes(solved_by), used) if solved_by else None
    try:
        sys.setprofile(watch)
        _EXEC(compile(source, f"<check {number}>", "exec"), scope)
    except BaseException as exc:  # noqa: BLE001
        outcome = [type(exc).__name__, _first_line(exc)]
    else:
        outcome = ["passed", ""]
    finally:
        watching = sys.getprofile() is watch
        sys.setprofile(None)
        core.TRANSCRIPT = None
    if used or not watching:
        what = used[0].replace(":", ".") if used else "the grader's watch (sys.setprofile)"
        outcome = ["CheckFailed", f"your code called micrograd's own {what} instead of yours"]
    if not own:
        transcript = [[kind, got, None, tol] for kind, got, _expected, tol in transcript]
    return [*outcome, transcript]


def main():
    job = json.loads(sys.stdin.readline())
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    channel, token = job.pop("channel"), job.pop("token")
    hidden = _Hidden()
    sys.meta_path.insert(0, hidden)
    imports = _ImportState()
    main_module = types.ModuleType("__main__")  # the learner's cells run in __main__, as in Jupyter
    main_module.__builtins__ = builtins
    sys.modules["__main__"] = main_module
    namespace = main_module.__dict__
    try:
        if job["own_engine"]:
            for name in [m for m in sys.modules if m.split(".")[0] in _PACKAGES]:
                del sys.modules[name]
            hidden.active = True
        errors = _run_cells([tuple(c) for c in job["cells"]], namespace, channel, token)
        real = ("micrograd.engine", "micrograd.nn")
        loaded = [m for m in real if not isinstance(sys.modules.get(m, _StandIn(m)), _StandIn)]
        for number, source, position, own, solved_by in job["checks"]:
            imports.restore()
            _send(channel, token, event="probe", exercise=number)
            last = [errors[i] for i in sorted(errors) if i < position]
            sys.last_exc = sys.last_value = last[-1] if last else None
            if job["own_engine"] and loaded:
                outcome = [
                    "CheckFailed",
                    f"your code loaded the reference engine ({loaded[0]})",
                    [],
                ]
            else:
                outcome = _probe(number, source, namespace, job["salt"], hidden, own, solved_by)
            _send(channel, token, event="result", exercise=number, outcome=outcome)
        _send(channel, token, event="done")
    except BaseException:  # noqa: BLE001 - the worker's own failure, reported, never hidden
        _send(channel, token, event="crash", message=_first_line(traceback.format_exc(-1)))
    os._exit(0)  # no atexit handlers or finalizers of the learner's run after the verdicts


if __name__ == "__main__":
    main()
