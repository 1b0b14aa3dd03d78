"""Running a learner's operation for the capstone's 8.3 check: an endless recursion is stopped
(by call depth, whatever recursion limit the learner's code sets) and named, and a call into
micrograd's own code is refused, both naming the operation."""

import collections
import contextlib
import os
import sys
import traceback

from micrograd_checks import own_code
from micrograd_checks.core import CheckFailed, Hint

_OWN = "your own Value class"


class _Guard(own_code.calls_into):
    """Records calls into micrograd, and stops the learner's code once it is `DEPTH` calls deep
    (an endless recursion), whatever recursion limit the learner's code sets."""

    DEPTH = 200

    def __enter__(self):
        self.depth = 0
        return super().__enter__()

    def _profile(self, frame, event, arg):
        if event == "call":
            self.depth += 1
            if self.depth > self.DEPTH:
                raise RecursionError(f"more than {self.DEPTH} calls deep")
        elif event == "return":
            self.depth -= 1
        super()._profile(frame, event, arg)


class _Recursed:
    def __init__(self, error):
        self.error = error


@contextlib.contextmanager
def _shallow_stack(extra=300):
    """A low recursion limit while the learner's code runs: an endless recursion stops at once,
    even if the notebook raised the limit."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + extra)
    try:
        yield
    finally:
        sys.setrecursionlimit(saved)


def run(check, fn, case, label, hints=None):
    """fn() under the recursion and package watch; an endless recursion fails naming `label`."""

    def attempt():
        with _shallow_stack():
            try:
                return fn()
            except RecursionError as error:
                return _Recursed(error)

    failed = None
    with _Guard(own_code.ENGINE, own_code.NN) as seen:
        try:
            out = check.call(attempt, case=case, hints=hints)
        except CheckFailed as error:  # micrograd's code, if it was called, is the first problem
            failed = error
    package = [name for module, name in seen.called]
    if package:
        raise check.fail(
            f"`{label}` calls micrograd's own code ({package[0]})",
            case=case,
            hint=f"This exercise asks for {_OWN}: build `{label}` from your own +, * and **, "
            "without micrograd's Value.",
        )
    if failed is not None:
        raise failed
    if isinstance(out, _Recursed):
        raise check.fail(
            f"`{label}` never finishes: {_cycle(out.error)} again and again (RecursionError)",
            case=case,
            hint=_recursion_hint(label),
        )
    return out


def _cycle(error):
    """The loop of an endless recursion: "your f(), which calls g(), which calls f()"."""
    here = os.path.dirname(os.path.abspath(__file__))
    frames = traceback.extract_tb(error.__traceback__)
    names = [f.name for f in frames if not os.path.abspath(f.filename).startswith(here)]
    if not names:
        return "your code calls itself"
    counts = collections.Counter(names)
    top = max(counts.values())
    loop = list(dict.fromkeys(n for n in names if counts[n] >= top - 1))[:4]
    return "your " + ", which calls ".join(f"{n}()" for n in loop + loop[:1])


def _recursion_hint(label):
    if label.startswith("n "):
        symbol = label.split()[1]
        return Hint(
            f"Python runs {label} as a reflected method of a, with self = a and other = n. Writing "
            f"`other {symbol} self` in it asks Python for n {symbol} a again, which calls the same "
            "method again.",
            "Turn it around with the operations of self, the Value: e.g. `self + other` for "
            "n + a, `Value(other) - self` for n − a.",
            key=f"{label} recursion",
        )
    return Hint(
        f"`{label}` is built from an operation that is built from `{label}` again. Use only "
        "+, * and ** (and the operations already built from them) on Values.",
        key=f"{label} recursion",
    )
