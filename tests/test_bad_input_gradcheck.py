"""Bad calls to micrograd.gradcheck: each row's error names the argument and what it should be."""

import itertools
import math

import numpy as np
import pytest
from bad_input_harness import bad, check, ids, ok

from micrograd.gradcheck import gradcheck, numerical_grad


def square(x):
    return x * x


H = "h (the step size) must be"
TOL = "tol (the tolerance) must be"

CASES = [
    # Issue 20: NaN/inf, sets, bools, numpy scalars, huge sizes
    bad(
        "gradcheck(f, [nan])",
        lambda: gradcheck(square, [math.nan]),
        ValueError,
        "inputs must be finite",
    ),
    bad(
        "numerical_grad(f, [inf])",
        lambda: numerical_grad(square, [math.inf]),
        ValueError,
        "inputs must be finite",
    ),
    bad(
        "gradcheck(f, [10**400])",
        lambda: gradcheck(square, [10**400]),
        ValueError,
        "inputs must be finite",
    ),
    bad(
        "gradcheck {'x': nan}",
        lambda: gradcheck(square, {"x": math.nan}),
        ValueError,
        "inputs must be finite",
    ),
    bad(
        "gradcheck f is nan",
        lambda: gradcheck(lambda x: x * math.nan, [1.0]),
        ValueError,
        "f is nan",
        "finite",
    ),
    bad(
        "gradcheck f overflows",
        lambda: gradcheck(lambda x: x * 1e200 * 1e200, [1.0]),
        ValueError,
        "f is inf",
    ),
    bad(
        "numerical_grad f -> inf",
        lambda: numerical_grad(lambda x: math.inf, [1.0]),
        ValueError,
        "f is inf",
    ),
    bad(
        "numerical_grad f -> True",
        lambda: numerical_grad(lambda x: True, [1.0]),
        TypeError,
        "f must return a Value or a number",
    ),
    bad(
        "gradcheck(f, {1.0, 2.0})",
        lambda: gradcheck(square, {1.0, 2.0}),
        TypeError,
        "inputs",
        "in order",
        "set",
    ),
    bad(
        "numerical_grad(f, {'x': 1.0})",
        lambda: numerical_grad(square, {"x": 1.0}),
        TypeError,
        "inputs",
        "dict",
    ),
    bad(
        "numerical_grad(f, [True])",
        lambda: numerical_grad(square, [True]),
        TypeError,
        "inputs must be numbers",
        "bool",
    ),
    bad(
        "gradcheck(f, [np.True_])",
        lambda: gradcheck(square, [np.True_]),
        TypeError,
        "inputs must be numbers",
    ),
    bad("gradcheck h=True", lambda: gradcheck(square, [1.0], h=True), TypeError, H, "a number"),
    bad(
        "gradcheck tol=np.True_",
        lambda: gradcheck(square, [1.0], tol=np.True_),
        TypeError,
        TOL,
        "a number",
    ),
    bad(
        "gradcheck 10**5 inputs",
        lambda: gradcheck(lambda *xs: xs[0], [1.0] * 10**5),
        ValueError,
        "number of inputs",
        "at most",
    ),
    bad(
        "numerical_grad(f, count())",
        lambda: numerical_grad(square, itertools.count()),
        ValueError,
        "inputs",
        "endless",
    ),
    ok(
        "gradcheck(f, np.array)", lambda: gradcheck(square, np.array([1.5])).ok, lambda r: r is True
    ),
    ok(
        "gradcheck h=np.float64",
        lambda: gradcheck(square, [np.float32(2.0)], h=np.float64(1e-6)).ok,
        lambda r: r is True,
    ),
    bad("numerical_grad h=0", lambda: numerical_grad(square, [1], h=0), ValueError, H, "> 0"),
    bad(
        "numerical_grad h=-1e-5", lambda: numerical_grad(square, [1], h=-1e-5), ValueError, H, "> 0"
    ),
    bad(
        "numerical_grad h=nan",
        lambda: numerical_grad(square, [1], h=math.nan),
        ValueError,
        H,
        "finite",
    ),
    bad(
        'numerical_grad h="0.1"',
        lambda: numerical_grad(square, [1], h="0.1"),
        TypeError,
        H,
        "a number",
    ),
    bad(
        "numerical_grad(3, ...)",
        lambda: numerical_grad(3, [1.0]),
        TypeError,
        "f must be a function",
    ),
    bad(
        "numerical_grad(f, 1.0)",
        lambda: numerical_grad(square, 1.0),
        TypeError,
        "inputs must be a list",
    ),
    bad(
        'numerical_grad(f, ["1"])',
        lambda: numerical_grad(square, ["1"]),
        TypeError,
        "inputs must be numbers",
    ),
    bad(
        "numerical_grad(f, [None])",
        lambda: numerical_grad(square, [None]),
        TypeError,
        "inputs must be numbers",
    ),
    bad(
        'numerical_grad f -> "a"',
        lambda: numerical_grad(lambda x: "a", [1.0]),
        TypeError,
        "f must return a Value or a number",
    ),
    bad(
        "numerical_grad f -> None",
        lambda: numerical_grad(lambda x: None, [1.0]),
        TypeError,
        "f must return a Value or a number",
    ),
    bad(
        "gradcheck f -> 3.0",
        lambda: gradcheck(lambda x: 3.0, [1.0]),
        TypeError,
        "f must return a Value",
    ),
    bad("gradcheck(f, [])", lambda: gradcheck(square, []), ValueError, "at least one input"),
    bad("gradcheck(f, {})", lambda: gradcheck(square, {}), ValueError, "at least one input"),
    bad("gradcheck tol=-1", lambda: gradcheck(square, [1.0], tol=-1), ValueError, TOL, ">= 0"),
    bad(
        "gradcheck tol=nan",
        lambda: gradcheck(square, [1.0], tol=math.nan),
        ValueError,
        TOL,
        "finite",
    ),
    bad(
        'gradcheck tol="1e-5"',
        lambda: gradcheck(square, [1.0], tol="1e-5"),
        TypeError,
        TOL,
        "a number",
    ),
    bad("gradcheck h=0", lambda: gradcheck(square, [1.0], h=0), ValueError, H, "> 0"),
    bad("gradcheck(None, ...)", lambda: gradcheck(None, [1.0]), TypeError, "f must be a function"),
    bad(
        "gradcheck {1: 2.0}",
        lambda: gradcheck(square, {1: 2.0}),
        TypeError,
        "names of a dict of inputs",
    ),
    bad(
        'gradcheck {"x": "a"}',
        lambda: gradcheck(square, {"x": "a"}),
        TypeError,
        "inputs must be numbers",
    ),
    bad("gradcheck(f, 2.0)", lambda: gradcheck(square, 2.0), TypeError, "inputs must be a list"),
]

CASES += [
    bad(
        "gradcheck f(x, y) with one input",
        lambda: gradcheck(lambda x, y: x * y, [1.0]),
        TypeError,
        "f must take one argument per input",
        "1 numbers",
    ),
    bad(
        "gradcheck {'y': 1.0} for f(x)",
        lambda: gradcheck(square, {"y": 1.0}),
        TypeError,
        "f must take one argument per input",
        "['y']",
    ),
    bad(
        "numerical_grad f(x, y) with one input",
        lambda: numerical_grad(lambda x, y: x * y, [1.0]),
        TypeError,
        "f must take one argument per input",
    ),
]


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
