"""Check gradients against finite differences: if backprop is right, the two agree."""

import inspect
import math
from numbers import Real

from micrograd._validate import (
    callable_,
    is_bool,
    number,
    numbers_,
    whole_number,
)
from micrograd.engine import Value

# Each input costs two calls of f: more than this would take minutes.
MAX_INPUTS = 1000


def numerical_grad(f, inputs, h=1e-5):
    """Central differences: df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / 2h.

    `f` takes the inputs as arguments (Values) and returns a Value or a number;
    `inputs` is a list of numbers. Returns one estimate per input.
    """
    f, inputs, h = _checked(f, inputs, h)  # clear errors for bad arguments
    grads = []
    for i in range(len(inputs)):
        up = _call(f, inputs, i, +h)
        down = _call(f, inputs, i, -h)
        grads.append((up - down) / (2 * h))
    return grads


def gradcheck(f, inputs, tol=1e-5, h=1e-5):
    """Compare backprop's gradients with central differences for every input.

    `inputs` is a list of numbers (passed to f by position) or a dict of
    name -> number (passed by keyword). Returns a `GradcheckReport`: print it
    for a table, or test it with `report.ok`.
    """
    if isinstance(inputs, dict):
        _argument_names(inputs)
        _checked(f, inputs.values(), h)
        _takes(f, [], inputs)
    else:
        inputs = _checked(f, inputs, h)[1]
    tol = number(tol, "tol (the tolerance)", low=0)
    if not inputs:
        raise ValueError("gradcheck needs at least one input to check")
    names = (
        list(inputs)
        if isinstance(inputs, dict)
        else [f"x{i}" for i in range(len(inputs))]
    )
    numbers = (
        list(inputs.values()) if isinstance(inputs, dict) else list(inputs)
    )
    call = (
        (lambda *xs: f(**dict(zip(names, xs))))
        if isinstance(inputs, dict)
        else f
    )

    values = [Value(x, label=name) for x, name in zip(numbers, names)]
    out = call(*values)
    if not isinstance(out, Value):
        raise TypeError(
            f"f must return a Value built from its inputs, got {type(out).__name__}"
        )
    _finite(out.data, names, numbers)
    out.backward()
    numeric = numerical_grad(call, numbers, h)
    rows = [
        GradcheckRow(n, v.grad, g, tol)
        for n, v, g in zip(names, values, numeric)
    ]
    return GradcheckReport(rows)


class GradcheckRow:
    def __init__(self, name, analytic, numeric, tol):
        self.name, self.analytic, self.numeric = name, analytic, numeric
        self.error = abs(analytic - numeric) / max(
            1.0, abs(analytic), abs(numeric)
        )
        self.ok = self.error <= tol


class GradcheckReport:
    """One row per input: backprop's gradient, the numerical one, and their relative error."""

    def __init__(self, rows):
        self.rows = rows
        self.ok = all(r.ok for r in rows)

    def __bool__(self):
        return self.ok

    def __str__(self):
        lines = [
            f"{'input':>8} {'backprop':>14} {'numerical':>14} {'rel. error':>11}  ok"
        ]
        for r in self.rows:
            mark = "yes" if r.ok else "NO"
            lines.append(
                f"{r.name:>8} {r.analytic:>14.8f} {r.numeric:>14.8f} {r.error:>11.2e}  {mark}"
            )
        verdict = (
            "all gradients match"
            if self.ok
            else "MISMATCH: backprop disagrees with finite differences"
        )
        return "\n".join(lines + [verdict])

    __repr__ = __str__


def _checked(f, inputs, h):
    f = callable_(f, "f")
    h = number(h, "h (the step size)", low=0, low_open=True)
    inputs = _numbers(inputs)
    _takes(f, inputs, {})
    return f, inputs, h


def _takes(f, args, kwargs):
    """f can be called with one argument per input (checked before calling it)."""
    if not args and not kwargs:  # no inputs: said elsewhere
        return
    try:
        signature = inspect.signature(f)
    except (
        TypeError,
        ValueError,
    ):  # a builtin without a signature: just call it
        return
    try:
        signature.bind(*args, **kwargs)
    except TypeError as e:
        given = (
            f"{len(args)} numbers" if not kwargs else f"names {list(kwargs)}"
        )
        raise TypeError(
            f"f must take one argument per input, but inputs has {given} "
            f"and f{signature} says: {e}"
        ) from None


def _argument_names(inputs):
    for name in inputs:
        if not (isinstance(name, str) and name.isidentifier()):
            raise TypeError(
                "the names of a dict of inputs must be argument names of f, "
                f"got {name!r:.40}"
            )


def _numbers(inputs):
    inputs = numbers_(inputs, "inputs", finite=True)
    whole_number(len(inputs), "the number of inputs", maximum=MAX_INPUTS)
    return inputs


def _finite(y, names, numbers):
    """A check is only meaningful where f is a finite number."""
    if not math.isfinite(y):
        at = ", ".join(f"{n}={x:g}" for n, x in zip(names, numbers))
        raise ValueError(
            f"f is {y} at ({at:.80}): gradients can only be checked where f "
            "is a finite number; pick other inputs (or a larger h if this "
            "is one step away from them)"
        )


def _call(f, inputs, i, delta):
    shifted = [Value(x + delta if j == i else x) for j, x in enumerate(inputs)]
    out = f(*shifted)
    if isinstance(out, Value):
        out = out.data
    if isinstance(out, Real) and not is_bool(out):
        shifted = [x + delta if j == i else x for j, x in enumerate(inputs)]
        _finite(float(out), [f"x{j}" for j in range(len(inputs))], shifted)
        return float(out)
    raise TypeError(
        f"f must return a Value or a number, got {type(out).__name__} "
        f"{out!r:.40}"
    )
