"""What a check expects to be given, and the wrapper that turns every surprise into a report.

`checker(exercise, subject, *specs)` decorates a check `f(check, *args)`: it validates the
learner's objects against `specs` (a function, a class, anything), hands `f` a fresh `Check`, and
turns any exception the check did not foresee into a `CheckFailed`, so no raw traceback reaches
the learner. Every check runs under `watch.TimeLimit`: a learner's loop that never ends gets a
report instead of hanging the notebook (or the grader).
"""

import functools
import inspect
from numbers import Real

from micrograd.engine import Value

from micrograd_checks.core import (
    Check,
    CheckFailed,
    LearnerError,
    WrongInput,
    is_stub,
)
from micrograd_checks.tracing import first_line, learner_line
from micrograd_checks.watch import Endless, TimeLimit


class Arg:
    """What a check expects as one argument: `kind` is "function", "class" or "any"."""

    def __init__(self, name, kind="function", example=None):
        self.name, self.kind, self.example = name, kind, example or name


def function(name, example=None):
    return Arg(name, "function", example)


def klass(name):
    return Arg(name, "class")


def anything(name):
    return Arg(name, "any")


def _describe(obj):
    if obj is None:
        return "None"
    if isinstance(obj, type):
        return f"the class {obj.__name__}"
    if callable(obj):
        return f"the function {getattr(obj, '__name__', type(obj).__name__)}"
    text = repr(obj)
    return f"a {type(obj).__name__} ({text[:60] + '...' if len(text) > 60 else text})"


def _validate(check, specs, args, call_name):
    usage = f"checks.{call_name}({', '.join(s.example for s in specs)})"
    if len(args) != len(specs):
        raise WrongInput(
            check.exercise,
            check.subject,
            f"this check takes {len(specs)} argument{'s' * (len(specs) != 1)}, "
            f"it was given {len(args)}",
            hint=f"Call it as {usage}.",
        )
    for spec, obj in zip(specs, args):
        if spec.kind == "any":
            continue
        wanted = "a class" if spec.kind == "class" else "a function"
        ok = isinstance(obj, type) if spec.kind == "class" else callable(obj)
        if ok:
            continue
        if obj is None:
            why = f"`{spec.name}` is None: did its cell run? (A function without `return` gives None.)"
        elif spec.kind == "class":
            why = f"Pass the class `{spec.name}` itself (its name, no parentheses), not an object made from it."
        elif spec.example.startswith("lambda") and not callable(obj):
            why = f"This check wants a function that returns your result: pass `{spec.example}`."
        elif isinstance(obj, (dict, list, tuple, Real, Value)) or hasattr(obj, "data"):
            why = (
                f"That looks like a result. Pass the function itself, without calling it: `{spec.example}`, "
                "no parentheses after it."
            )
        else:
            why = f"Pass `{spec.example}`."
        raise WrongInput(
            check.exercise,
            check.subject,
            f"the check expected {wanted} as `{spec.name}`, but was given {_describe(obj)}",
            hint=f"{why} Call it as {usage}.",
        )


def checker(exercise, subject, *specs):
    """Decorate a check `f(check, *args)`: validate its arguments, give it a Check, catch everything.

    The decorated function is called as `f(*args)` (the learner's objects only).
    """

    def wrap(fn):
        @functools.wraps(fn)
        def run(*args):
            check = Check(exercise, subject)
            _validate(check, specs, args, fn.__name__)
            try:
                with TimeLimit():  # even a loop that calls nothing ends with a report
                    return fn(check, *args)
            except CheckFailed:
                raise
            except Endless as error:
                raise error.failure(check) from None
            except Exception as error:  # noqa: BLE001 - becomes a report, never a traceback
                raise _unexpected(check, error) from None

        parameters = list(inspect.signature(fn).parameters.values())[1:]
        run.__signature__ = inspect.Signature(parameters)
        return run

    return wrap


def _unexpected(check, error):
    """A CheckFailed for an exception the check did not foresee (from the learner's objects)."""
    if is_stub(error):
        return check.not_implemented(error)
    where = learner_line(error)
    if isinstance(error, AttributeError):
        name = getattr(error, "name", None)
        hint = (
            f"The check looked for `{name}` on one of your objects and did not find it. "
            if name
            else "The check looked for an attribute your object does not have. "
        ) + "Use the names the exercise asks for (see its text), then run this check again."
    else:
        hint = (
            "The check could not use what your code gave it: compare the types your code returns "
            "with the ones the exercise asks for."
        )
    problem = f"{type(error).__name__}: {first_line(error)}"
    if where:
        return LearnerError(
            check.exercise, check.subject, f"your code raised {problem} ({where})", hint=hint
        )
    return check.fail(f"the check could not use your code's result ({problem})", hint=hint)
