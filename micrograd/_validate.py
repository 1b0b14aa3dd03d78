"""Argument checks shared by nn, losses, optim, data, gradcheck and viz.

Each helper returns the argument (converted where that is safe) or raises an
error that names the argument and says what it should be.
"""

import math
from numbers import Real


def _shown(x):
    return f"{type(x).__name__} {x!r:.40}"


def whole_number(x, name, minimum=None):
    """An int (not a bool) at least `minimum`."""
    if not isinstance(x, int) or isinstance(x, bool):
        if _is_integral(x):
            x = int(x)  # numpy integers
        else:
            raise TypeError(f"{name} must be a whole number, got {_shown(x)}")
    if minimum is not None and x < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {x}")
    return x


def _is_integral(x):
    """numpy's integers, but not bools and not floats such as 3.0."""
    return (
        hasattr(x, "__index__")
        and not isinstance(x, bool)
        and (type(x).__name__ not in ("bool_", "bool"))
    )


def number(x, name, *, low=None, high=None, low_open=False, high_open=False):
    """A finite real number (not a bool) in the given range, as a float."""
    if isinstance(x, bool) or not isinstance(x, Real):
        raise TypeError(f"{name} must be a number, got {_shown(x)}")
    x = float(x)
    left = "" if low is None else f"{'>' if low_open else '>='} {low:g}"
    right = "" if high is None else f"{'<' if high_open else '<='} {high:g}"
    want = " and ".join(part for part in (left, right) if part)
    bad = not math.isfinite(x)
    if low is not None:
        bad = bad or x < low or (low_open and x == low)
    if high is not None:
        bad = bad or x > high or (high_open and x == high)
    if bad:
        what = f"a finite number {want}" if want else "a finite number"
        raise ValueError(f"{name} must be {what}, got {x}")
    return x


def flag(x, name):
    if not isinstance(x, bool):
        raise TypeError(f"{name} must be True or False, got {_shown(x)}")
    return x


def sequence(x, name, what="numbers"):
    """A list made from any iterable (list, tuple, numpy array, generator)."""
    if isinstance(x, (str, bytes)) or not hasattr(x, "__iter__"):
        hint = _hint(x)
        raise TypeError(
            f"{name} must be a list of {what}, got {_shown(x)}{hint}"
        )
    return list(x)


def _hint(x):
    if hasattr(x, "parameters") and callable(x.parameters):
        return " (did you mean model.parameters()?)"
    if type(x).__name__ == "Value":
        return " (put it in a list: [v])"
    return ""


def callable_(x, name):
    if not callable(x):
        raise TypeError(f"{name} must be a function, got {_shown(x)}")
    return x
