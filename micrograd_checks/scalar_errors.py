"""Chapter 3's checks: name an error that the given Scalar code raised (not "your cell"), and an
operation that calls itself without end (`other + self` inside `__radd__`)."""

import linecache
import types
from collections import Counter

from micrograd_checks.core import Hint, LearnerError
from micrograd_checks.tracing import _in_package, first_line

# The methods the exercise page gives, written before any exercise.
PROVIDED = ("__init__", "__repr__", "__add__", "__mul__", "backward")

_PROVIDED_HINTS = {
    "__init__": "Scalar(...) takes a plain number as its data (a float or an int): use .data "
    "of a Scalar, and give children and local derivatives as tuples.",
    "backward": "backward() walks each node's children and pairs each child with its local "
    "derivative: the nodes your operation built must keep a tuple of Scalars as children and a "
    "tuple of numbers as local derivatives, one per child.",
}
_RECURSION_HINT = Hint(
    "On that line, Python hands the work to the same method again (a plain number cannot do it "
    "with a Scalar, so Python asks the Scalar), which runs that line again, and so on. Build the "
    "result from an operation that does not lead back here.",
    "Put a Scalar on the left: make the number a Scalar first (Scalar(other) - self), or, where "
    "the order does not matter, write self + other.",
    key="recursion",
)


def _codes(function):
    """function's code object and the code of every function defined inside it."""
    code = getattr(function, "__code__", None)
    found, stack = [], [code] if code else []
    while stack:
        code = stack.pop()
        found.append(code)
        stack += [c for c in code.co_consts if isinstance(c, types.CodeType)]
    return found


def _frames(error):
    frames, tb = [], error.__traceback__
    while tb is not None:
        frames.append((tb.tb_frame.f_code, tb.tb_lineno))
        tb = tb.tb_next
    return [(code, line) for code, line in frames if not _in_package(code.co_filename)]


def _where(code, lineno):
    text = linecache.getline(code.co_filename, lineno).strip()
    return f"line {lineno} of your cell, in {code.co_name}()" + (f": {text}" if text else "")


def _method_name(Scalar, code):
    for name, attribute in vars(Scalar).items():
        if getattr(attribute, "__code__", None) is code:
            return name
    return f"{code.co_name}"


def provided_or_recursion(check, Scalar, error, case, label):
    """A failure naming what went wrong, or None to keep the usual report."""
    if error is None:
        return None
    frames = _frames(error)
    if not frames:
        return None
    if isinstance(error, RecursionError):
        counts = Counter(code for code, _ in frames)
        code = max(counts, key=counts.get)  # the function that calls itself
        lines = Counter(n for c, n in frames if c is code)
        lineno = max(lines, key=lines.get)  # the line that calls again (not the entry of the last)
        name = _method_name(Scalar, code)
        return LearnerError(
            check.exercise,
            check.subject,
            f"{label} never finishes: your {name}() calls itself again and again "
            f"(RecursionError, {_where(code, lineno)})",
            case=case,
            hint=_RECURSION_HINT,
        )
    if isinstance(error, TypeError) and "unsupported operand" in str(error):
        code, lineno = frames[-1]
        return LearnerError(
            check.exercise,
            check.subject,
            f"{label}: your code raised TypeError: {first_line(error)} ({_where(code, lineno)})",
            case=case,
            hint="Python found no way to apply that operator to these two operands: your Scalar "
            "has only the operations written so far (a number on the left needs the reflected "
            "methods of exercise 3.4, and ** comes in exercise 3.5). Write it with operations "
            "your Scalar already has, or with plain numbers.",
        )
    provided = {}
    for name in PROVIDED:
        for code in _codes(vars(Scalar).get(name)):
            provided[code] = name
    code, lineno = frames[-1]
    if code not in provided:
        return None
    callers = [(c, n) for c, n in frames if c not in provided]
    called_from = f", called from {_where(*callers[-1])}" if callers else ""
    method = provided[code]
    return LearnerError(
        check.exercise,
        check.subject,
        f"the Scalar class given at the top raised {type(error).__name__} in its {method}(): "
        f"{first_line(error)}{called_from}",
        case=case,
        hint=_PROVIDED_HINTS.get(
            method,
            "The given code expects Scalars with a number as data, a tuple of Scalars as "
            "children and a tuple of numbers as local derivatives: look at what your code gave it.",
        ),
    )
