"""Argument checks shared by nn, losses, optim, data, gradcheck and viz.

Each helper returns the argument (converted where that is safe) or raises an
error that names the argument and says what it should be.

The same rules hold everywhere: NumPy's integers and floats count as whole
numbers and numbers (they are `numbers.Integral` / `numbers.Real`; numpy is
never imported), bools -- Python's and NumPy's -- are refused where a number
is expected and accepted where a flag is, and sets and dicts are refused where
the order of the items matters.
"""

import math
import operator
from collections.abc import Mapping, Set
from itertools import islice
from numbers import Integral, Real

# An iterator without a length (a generator) is read up to this many items:
# an endless one (itertools.count()) is refused instead of hanging.
MAX_ITEMS = 10**6
# Sizes that would take minutes or exhaust memory, one Value at a time.
TOO_SLOW = ": micrograd computes one number at a time, so this would not finish"


def _shown(x):
    return f"{type(x).__name__} {x!r:.40}"


def is_bool(x):
    """Python's bool or NumPy's bool_ (which is not a subclass of bool)."""
    return isinstance(x, bool) or (
        type(x).__name__ in ("bool_", "bool") and type(x).__module__ == "numpy"
    )


def whole_number(x, name, minimum=None, maximum=None, why=""):
    """An int (not a bool; NumPy integers too) between minimum and maximum."""
    if type(x) is not int:
        if is_bool(x) or not isinstance(x, Integral):
            raise TypeError(f"{name} must be a whole number, got {_shown(x)}")
        x = operator.index(x)  # numpy.int64(3) -> 3
    if minimum is not None and x < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {x}")
    if maximum is not None and x > maximum:
        raise ValueError(f"{name} must be at most {maximum:,}, got {x:,}{why}")
    return x


def number(x, name, *, low=None, high=None, low_open=False, high_open=False):
    """A finite real number (not a bool) in the given range, as a float."""
    if is_bool(x) or not isinstance(x, Real):
        raise TypeError(f"{name} must be a number, got {_shown(x)}")
    left = "" if low is None else f"{'>' if low_open else '>='} {low:g}"
    right = "" if high is None else f"{'<' if high_open else '<='} {high:g}"
    want = " and ".join(part for part in (left, right) if part)
    what = f"a finite number {want}" if want else "a finite number"
    try:
        x = float(x)
    except OverflowError:  # an int such as 10**400
        digits = len(str(abs(x)))
        raise ValueError(
            f"{name} must be {what}, got a {digits}-digit number"
        ) from None
    bad = not math.isfinite(x)
    if low is not None:
        bad = bad or x < low or (low_open and x == low)
    if high is not None:
        bad = bad or x > high or (high_open and x == high)
    if bad:
        raise ValueError(f"{name} must be {what}, got {x}")
    return x


def flag(x, name):
    """True or False (NumPy's bools too), as a Python bool."""
    if not is_bool(x):
        raise TypeError(f"{name} must be True or False, got {_shown(x)}")
    return bool(x)


def sequence(x, name, what="numbers", *, ordered=True):
    """A list made from a list, tuple, NumPy array or generator.

    With `ordered`, sets and dicts are refused: their order is not the one
    you wrote, so items would silently meet the wrong partners.
    """
    if type(x) is list or type(x) is tuple:  # the common case, quickly
        return list(x)
    if isinstance(x, (str, bytes)) or not hasattr(x, "__iter__"):
        hint = _hint(x)
        raise TypeError(
            f"{name} must be a list of {what}, got {_shown(x)}{hint}"
        )
    if ordered and isinstance(x, (Set, Mapping)):
        kind = "a dict (its keys)" if isinstance(x, Mapping) else "a set"
        raise TypeError(
            f"{name} must be a list of {what} in order, got {kind} "
            f"{x!r:.40}: a set or dict has no order of its own, so write a "
            "list or tuple in the order you mean"
        )
    if hasattr(x, "__len__"):
        return list(x)
    items = list(islice(x, MAX_ITEMS + 1))
    if len(items) > MAX_ITEMS:
        raise ValueError(
            f"{name} yielded more than {MAX_ITEMS:,} items (an endless "
            "generator?): pass a list"
        )
    return items


def _hint(x):
    if hasattr(x, "parameters") and callable(x.parameters):
        return " (did you mean model.parameters()?)"
    if type(x).__name__ == "Value":
        return " (put it in a list: [v])"
    return ""


def numbers_(xs, name, *, finite=False):
    """A list of plain numbers (not bools), as floats; optionally finite ones."""
    xs = sequence(xs, name)
    out = []
    for x in xs:
        if is_bool(x) or not isinstance(x, Real):
            raise TypeError(f"{name} must be numbers, got {_shown(x)}")
        try:
            x = float(x)
        except OverflowError:  # an int such as 10**400
            x = math.inf
        if finite and not math.isfinite(x):
            raise ValueError(f"{name} must be finite numbers, got {x}")
        out.append(x)
    return out


def callable_(x, name):
    if not callable(x):
        raise TypeError(f"{name} must be a function, got {_shown(x)}")
    return x
