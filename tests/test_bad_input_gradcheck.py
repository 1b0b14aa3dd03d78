"""Bad calls to micrograd.gradcheck: each row's error names the argument and what it should be."""

import math

import pytest
from bad_input_harness import bad, check, ids

from micrograd.gradcheck import gradcheck, numerical_grad


def square(x):
    return x * x


H = "h (the step size) must be"
TOL = "tol (the tolerance) must be"

CASES = [
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


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
