"""The machinery behind the exercise self-checks in `micrograd_checks`.

A check runs your code on hidden test cases. When every case passes it prints one line
starting with a check mark. Otherwise it raises `CheckFailed`: which case failed, what was
expected, what your code gave, and a hint. `CheckFailed` has a `_render_traceback_` method, so
Jupyter shows just that short message instead of a wall of traceback. A function that still
raises `NotImplementedError` (an untouched exercise) gives `NotImplementedYet`; a check given
the wrong kind of object (None, a result instead of the function) gives `WrongInput`; an error
raised inside your own code gives `LearnerError`, naming the line of your cell it came from.

Every check function is wrapped by `checker()`, which turns any unexpected exception (a learner
object the check could not use) into a `CheckFailed` too: no raw traceback reaches the learner.
"""

import math
import os
import random
import re
import textwrap
from numbers import Real

from micrograd.engine import Value

from micrograd_checks.tracing import first_line, last_cell_error, learner_line, raised_in_lambda
from micrograd_checks.watch import Endless

_MISSING = object()
# What the student notebooks' stubs raise: `raise NotImplementedError("Exercise 3.5: write ...")`
# (scripts/exercise_gen.py). A NotImplementedError of the learner's own is a crash, not a stub.
_STUB = re.compile(r"Exercise \d+\.\d+: ")


def is_stub(error):
    """True for the NotImplementedError an untouched exercise raises (its generated stub)."""
    return isinstance(error, NotImplementedError) and bool(_STUB.match(str(error)))


_RED, _YELLOW, _RESET = "\x1b[1;31m", "\x1b[1;33m", "\x1b[0m"
MORE = "(Still stuck after a fix? Run the check again: if this same problem comes back, the hint says more.)"

# Set it to make a check's hidden inputs repeat from run to run (the tests do); unset, every run
# in a notebook draws fresh ones, so an answer cannot be typed in from an earlier run.
SEED_ENV = "MICROGRAD_CHECKS_SEED"

# How often each (exercise, hint) has been given in this session: a hint first nudges, and only
# gives the whole recipe when the same mistake comes back.
_HINTS_GIVEN = {}

# The teachers' grader (micrograd_checks.grader) sets these in its sandboxed worker: SALT makes
# `rng()` draw fresh cases for each grading run, and TRANSCRIPT (a list) receives every number
# the learner's code gave a comparison, with what the check expected, for the grader to verify
# in its own process. In a notebook they stay 0 and None and change nothing.
SALT = 0
TRANSCRIPT = None


def rng(seed):
    """A random.Random for a check's hidden cases: `seed` in a notebook, salted by the grader."""
    return random.Random(f"{seed}:{SALT}" if SALT else seed)


def record(kind, got, expected=None, tol=None):
    """Note one comparison for the grader (nothing happens outside the grader)."""
    if TRANSCRIPT is not None:
        TRANSCRIPT.append([kind, got, expected, tol])


def reset_hints():
    """Forget which hints were given (a new session; used by the tests)."""
    _HINTS_GIVEN.clear()


class CheckFailed(Exception):
    """Your code gave a wrong answer (or crashed) on one of the hidden test cases."""

    mark = "✘"
    color = _RED

    def __init__(
        self,
        exercise,
        subject,
        problem,
        *,
        case=None,
        expected=_MISSING,
        got=_MISSING,
        hint=None,
    ):
        self.exercise, self.subject, self.problem = exercise, subject, problem
        self.case, self.expected, self.got = case, expected, got
        self.hint = hint.text(exercise) if isinstance(hint, Hint) else hint
        super().__init__(self.report())

    def lines(self):
        rows = [f"{self.mark} Exercise {self.exercise}, {self.subject}: {self.problem}"]
        if self.case:
            rows.append(f"  case:     {self.case}")
        if self.expected is not _MISSING:
            rows.append(f"  expected: {show(self.expected)}")
        if self.got is not _MISSING:
            rows.append(f"  got:      {show(self.got)}")
        if self.hint:
            rows += textwrap.wrap(
                self.hint, 100, initial_indent="  hint:     ", subsequent_indent=" " * 12
            )
        return rows

    def report(self):
        return "\n".join(self.lines())

    def _render_traceback_(self):
        """What IPython/Jupyter shows instead of the traceback: the short report, first line in colour."""
        rows = self.lines()
        return [f"{self.color}{rows[0]}{_RESET}", *rows[1:]]


class NotImplementedYet(CheckFailed):
    """The exercise (or one it builds on) still raises NotImplementedError."""

    mark = "⏳"
    color = _YELLOW


class WrongInput(CheckFailed):
    """The check was called with the wrong kind of object (None, a result instead of a function...)."""


class LearnerError(CheckFailed):
    """The learner's own code raised an exception (a typo, a crash) on a hidden case."""


class Hint:
    """A hint that nudges first and gives the full recipe only when the same mistake comes back.

    `key` names the kind of mistake (default: the nudge itself); the count is per exercise.
    """

    def __init__(self, nudge, recipe=None, key=None):
        self.nudge, self.recipe, self.key = nudge, recipe, key or nudge

    def text(self, exercise):
        seen = _HINTS_GIVEN.get((exercise, self.key), 0)
        _HINTS_GIVEN[(exercise, self.key)] = seen + 1
        if not self.recipe:
            return self.nudge
        return f"{self.nudge} {self.recipe}" if seen else f"{self.nudge} {MORE}"


class Check:
    """One exercise's check: call the learner's code, compare with the expected answers, report."""

    def __init__(self, exercise, subject):
        self.exercise, self.subject, self.count = exercise, subject, 0
        self._random = None

    @property
    def random(self):
        """This run's generator for hidden inputs: fresh each run in a notebook, repeatable under
        SEED_ENV, and drawn from the grader's SALT when the grader runs the check."""
        if self._random is None:
            seed = os.environ.get(SEED_ENV)
            if SALT:
                self._random = rng(f"{self.exercise}:{seed or ''}")
            else:
                self._random = random.Random(f"{seed}:{self.exercise}" if seed else os.urandom(16))
        return self._random

    def uniform(self, low, high, digits=2):
        """A hidden input drawn from [low, high], rounded to `digits` decimals (readable in reports)."""
        return round(self.random.uniform(low, high), digits)

    def fail(self, problem, **details):
        return CheckFailed(self.exercise, self.subject, problem, **details)

    def ok(self):
        """Count one passed comparison."""
        self.count += 1
        record("ok", self.count)

    def passed(self, detail=None):
        detail = detail or f"{self.subject} got all {self.count} hidden checks right."
        print(f"✔ Exercise {self.exercise} passed: {detail}")

    def not_implemented(self, error):
        if isinstance(error, NameError):
            name = getattr(error, "name", None) or str(error)
            hint = (
                f"`{name}` is not defined yet: replace `raise NotImplementedError(...)` in the exercise's cell "
                "with your code, run that cell, then run this check again."
            )
        else:
            task = str(error).rstrip(".")
            hint = (f"{task}. " if task else "") + (
                "Replace `# YOUR CODE HERE` and `raise NotImplementedError(...)` with your code, "
                "run that cell, then run this check again."
            )
        return NotImplementedYet(self.exercise, self.subject, "not implemented yet", hint=hint)

    def unassigned(self, error):
        """`name` was never assigned: still a stub, or its cell stopped with an error of its own?"""
        last = last_cell_error(ignore=(CheckFailed,))
        if last is None or is_stub(last):
            return self.not_implemented(error)
        name = getattr(error, "name", None) or str(error)
        where = learner_line(last)
        return LearnerError(
            self.exercise,
            self.subject,
            f"`{name}` does not exist: the cell that computes it stopped with "
            f"{type(last).__name__}: {first_line(last)}" + (f" ({where})" if where else ""),
            hint="Fix that error in your cell, run the cell again, then run this check.",
        )

    def call(self, fn, *args, case=None, hints=None, watch=None, **kwargs):
        """fn(*args, **kwargs), turning an exception into a clear failure.

        `hints` maps exception types to a hint for that kind of crash. `watch` (a
        `micrograd_checks.watch.Watch`) runs fn under watch: a call into the package's own code, a
        recursion it forbids or an endless loop fails with its own reason.
        """
        try:
            if watch is None:
                return fn(*args, **kwargs)
            with watch:
                result = fn(*args, **kwargs)
            watch.verdict(self, case)
            return result
        except CheckFailed:
            raise
        except Endless as error:  # out of steps or time: an endless loop, reported with the case
            if watch is not None:
                watch.verdict(self, case)  # a watch's own diagnosis of running out of steps
            raise error.failure(self, case) from None
        except Exception as error:  # noqa: BLE001 - every crash becomes a report
            if watch is not None:
                watch.verdict(self, case)
            if is_stub(error):
                raise self.not_implemented(error) from None
            if getattr(
                error, "design_error", False
            ):  # capstone_adapter: a part of the class is missing
                raise self.fail(
                    getattr(
                        error, "problem", "the check cannot find a part of your class it needs"
                    ),
                    case=case,
                    hint=str(error),
                ) from None
            if isinstance(error, NameError) and raised_in_lambda(error):
                raise self.unassigned(error) from None
            hint = next((h for kind, h in (hints or {}).items() if isinstance(error, kind)), None)
            if hint is None and isinstance(error, NotImplementedError):
                hint = (
                    "Your own code raised NotImplementedError for an input the check tried: the "
                    "exercise asks for every case it describes, so make your code handle this one."
                )
            if hint is None and isinstance(error, NameError):
                hint = "A name in your code is not defined: a typo, or a variable from a cell that did not run?"
            where = learner_line(error)
            problem = f"your code raised {type(error).__name__}: {first_line(error)}"
            raise LearnerError(
                self.exercise,
                self.subject,
                problem + (f" ({where})" if where else ""),
                case=case,
                hint=hint,
            ) from None

    def close(self, got, expected, case, *, what="the result", tol=1e-6, hint=None, plain=False):
        """Pass if `got` is a number within tol (relative, or absolute below 1) of `expected`.

        With `plain=True`, a Value-like object (something with `.data`) is a failure: a plain
        number was asked for.
        """
        value = plain_number(got) if plain else number(got)
        record("close", value, number(expected), tol)
        if value is None:
            if plain and number(got) is not None:
                hint = f"Return the number inside it: `.data` (a {type(got).__name__} is not a plain number)."
            else:
                hint = not_a_number(got)
            raise self.fail(
                f"{what} should be a plain number" if plain else f"{what} should be a number",
                case=case,
                expected=expected,
                got=got,
                hint=hint,
            )
        if not is_close(value, expected, tol):
            raise self.fail(
                f"wrong {what}", case=case, expected=expected, got=value, hint=_resolve(hint, value)
            )
        self.ok()
        return value

    def sequence(self, got, length, case, *, what="the result", hint=None):
        """`got` as a list, failing clearly if it is not a list/tuple of `length` items."""
        if not isinstance(got, (list, tuple)):
            hint = not_a_number(got) if got is None else f"Return a list of {length} items."
            raise self.fail(f"{what} should be a list", case=case, got=got, hint=hint)
        if len(got) != length:
            raise self.fail(
                f"{what} should have {length} items, not {len(got)}", case=case, got=got, hint=hint
            )
        return list(got)


def expect_value(check, out, case):
    """`out` if it is a micrograd Value, else a failure explaining why it must be one."""
    if not isinstance(out, Value):
        if isinstance(out, (list, tuple)) and len(out) == 1 and isinstance(out[0], Value):
            hint = "You returned a list holding one Value: return the Value itself."
        else:
            hint = "Build the result with micrograd operations (on Values), so backward() can reach the parameters."
        raise check.fail("the result should be a micrograd Value", case=case, got=out, hint=hint)
    return out


def number(x):
    """x as a float if it is a real number or a Value-like object with a numeric `.data`, else None."""
    if isinstance(x, bool):
        return None
    if isinstance(x, Real):
        return float(x)
    data = getattr(x, "data", None)
    return float(data) if isinstance(data, Real) and not isinstance(data, bool) else None


def plain_number(x):
    """x as a float if it is a real number (not a Value), else None."""
    return float(x) if isinstance(x, Real) and not isinstance(x, bool) else None


def is_close(a, b, tol):
    return math.isfinite(a) and abs(a - b) <= tol * max(1.0, abs(b))


def not_a_number(got):
    if got is None:
        return "Your function returned None: did you forget the `return` statement?"
    return f"Got a {type(got).__name__}; return a plain number (int or float)."


def show(x):
    """A short, readable rendering of a value in a report."""
    if isinstance(x, float):
        return f"{x:.10g}"
    if isinstance(x, (list, tuple)):
        items = [show(v) for v in x[:8]] + (["..."] if len(x) > 8 else [])
        return "[" + ", ".join(items) + "]"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k!r}: {show(v)}" for k, v in list(x.items())[:10]) + "}"
    if hasattr(x, "data") and hasattr(x, "grad"):
        return f"{type(x).__name__}(data={show(number(x.data) if number(x.data) is not None else x.data)})"
    return repr(x) if isinstance(x, str) else str(x)


def _resolve(hint, value):
    return hint(value) if callable(hint) and not isinstance(hint, Hint) else hint


def hidden_rng(salt=""):
    """A random generator for hidden inputs that change from run to run, so code cannot be fitted
    to them: fresh in a notebook; the same within one grading run (salted by the grader, so that
    the learner's run and the solution's draw the same cases); seeded by MICROGRAD_CHECKS_SEED
    when that is set (the mutation tool's reproducible runs)."""
    seed = os.environ.get("MICROGRAD_CHECKS_SEED")
    if SALT:
        return random.Random(f"{salt}:{SALT}:{seed}")
    return random.Random(f"{seed}:{salt}") if seed else random.Random()
