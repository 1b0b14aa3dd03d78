"""Bad calls to micrograd.engine: each row's error names the argument and what it should be."""

import math
from decimal import Decimal

import numpy as np
import pytest
from bad_input_harness import bad, check, ids, ok

from micrograd import Value, topological_order

NAN, INF = math.nan, math.inf


def _backward_of(a, out):
    out.backward()
    return a.grad


def _divide_by_tiny():
    a, b = Value(1.0), Value(1e-200)
    out = a / b
    out.backward()
    return out.data, a.grad, b.grad


def _lecture_node(step_by_hand):
    a = Value(2.0)
    out = Value(4.0, (a,), "square")  # the lecture's constructor, no local derivative
    return out._backward() if step_by_hand else out.backward()


def _set_prev():
    v = Value(1.0) + Value(2.0)
    v._prev = set()


def _typo():
    v = Value(1.0)
    v.gard = 1.0


NEEDS_NUMBER = ("Value needs a number",)
COMBINE = ("can't combine a Value with", "use an int, a float or a Value")

CASES = [
    bad('Value("3")', lambda: Value("3"), TypeError, *NEEDS_NUMBER, "str"),
    bad("Value(None)", lambda: Value(None), TypeError, *NEEDS_NUMBER, "NoneType"),
    bad("Value([1.0])", lambda: Value([1.0]), TypeError, *NEEDS_NUMBER, "list"),
    bad("Value(1+2j)", lambda: Value(1 + 2j), TypeError, *NEEDS_NUMBER, "complex"),
    bad("Value(array)", lambda: Value(np.array([1.0])), TypeError, *NEEDS_NUMBER, "ndarray"),
    bad('Value(b"1")', lambda: Value(b"1"), TypeError, *NEEDS_NUMBER, "bytes"),
    bad("Value({})", lambda: Value({}), TypeError, *NEEDS_NUMBER, "dict"),
    bad("Value(Decimal)", lambda: Value(Decimal("1.5")), TypeError, *NEEDS_NUMBER, "Decimal"),
    bad("Value(Value)", lambda: Value(Value(1.0)), TypeError, *NEEDS_NUMBER, "Value"),
    bad('v + "a"', lambda: Value(1.0) + "a", TypeError, *COMBINE, "str"),
    bad('"a" + v', lambda: "a" + Value(1.0), TypeError, *COMBINE, "str"),
    bad("[1] * v", lambda: [1] * Value(2.0), TypeError, *COMBINE, "list"),
    bad("v * [1]", lambda: Value(2.0) * [1], TypeError, *COMBINE, "list"),
    bad("v - None", lambda: Value(1.0) - None, TypeError, *COMBINE, "NoneType"),
    bad("None - v", lambda: None - Value(1.0), TypeError, *COMBINE, "NoneType"),
    bad('v / "2"', lambda: Value(1.0) / "2", TypeError, *COMBINE, "str"),
    bad('"2" / v', lambda: "2" / Value(1.0), TypeError, *COMBINE, "str"),
    bad("v + 1j", lambda: Value(1.0) + 1j, TypeError, *COMBINE, "complex"),
    bad('v ** "2"', lambda: Value(2.0) ** "2", TypeError, "exponent", "number or a Value", "str"),
    bad("v ** None", lambda: Value(2.0) ** None, TypeError, "exponent", "number or a Value"),
    bad("v ** [2]", lambda: Value(2.0) ** [2], TypeError, "exponent", "number or a Value"),
    bad('"2" ** v', lambda: "2" ** Value(2.0), TypeError, *COMBINE, "str"),
    bad("v / 0", lambda: Value(1.0) / 0, ZeroDivisionError, "division by zero", "1.0 / 0"),
    bad("v / Value(0)", lambda: Value(1.0) / Value(0.0), ZeroDivisionError, "division by zero"),
    bad("1 / Value(0)", lambda: 1 / Value(0.0), ZeroDivisionError, "division by zero"),
    bad("0 ** -1", lambda: Value(0.0) ** -1, ZeroDivisionError, "0 has no negative powers"),
    bad(
        "0 ** Value(-2)",
        lambda: Value(0.0) ** Value(-2.0),
        ZeroDivisionError,
        "0 has no negative powers",
    ),
    bad("(-8) ** (1/3)", lambda: Value(-8.0) ** (1 / 3), ValueError, "negative base", "whole"),
    bad("(-8) ** Value(0.5)", lambda: Value(-8.0) ** Value(0.5), ValueError, "negative base"),
    bad("-2.0 ** Value(0.5)", lambda: (-2.0) ** Value(0.5), ValueError, "negative base"),
    bad("2 ** 5000", lambda: Value(2.0) ** 5000, OverflowError, "(2.0) ** 5000", "too large"),
    bad("10 ** Value(400)", lambda: Value(10.0) ** Value(400.0), OverflowError, "too large"),
    bad("exp(1000)", lambda: Value(1000.0).exp(), OverflowError, "exp(1000.0)", "too large"),
    bad("log(0)", lambda: Value(0.0).log(), ValueError, "positive numbers", "log(0.0)"),
    bad("log(-1)", lambda: Value(-1.0).log(), ValueError, "positive numbers", "log(-1.0)"),
    bad("log(-1e-300)", lambda: Value(-1e-300).log(), ValueError, "positive numbers"),
    bad(
        "dot lengths",
        lambda: Value.dot([1.0, 2.0, 3.0], [1.0, 2.0]),
        ValueError,
        "as many inputs as weights",
        "2 inputs for 3 weights",
    ),
    bad('dot(["1"], ...)', lambda: Value.dot(["1"], [1.0]), TypeError, *COMBINE, "str"),
    bad("dot(1.0, ...)", lambda: Value.dot(1.0, [1.0]), TypeError, "weights must be a list"),
    bad("dot(..., None)", lambda: Value.dot([1.0], None), TypeError, "inputs must be a list"),
    bad('dot bias "b"', lambda: Value.dot([1.0], [1.0], "b"), TypeError, *COMBINE, "str"),
    bad(
        "topological_order(None)",
        lambda: topological_order(None),
        TypeError,
        "topological_order needs the Value",
        "NoneType",
    ),
    bad(
        "topological_order([v])",
        lambda: topological_order([Value(1.0)]),
        TypeError,
        "topological_order needs the Value",
        "list",
    ),
    bad("topological_order(3.0)", lambda: topological_order(3.0), TypeError, "needs the Value"),
    bad(
        "old order Value(x, kids, grads, op)",
        lambda: Value(1.0, (Value(2.0),), (1.0,), "+").backward(),
        ValueError,
        "no local derivatives",
        "is the name of the operation now",
        "local_grads=",
    ),
    bad(
        "lecture node, backward()",
        lambda: _lecture_node(False),
        ValueError,
        "'square' node",
        "no local derivatives",
        "local_grads=",
    ),
    bad(
        "lecture node, _backward()",
        lambda: _lecture_node(True),
        ValueError,
        "no local derivatives",
        "local_grads=",
    ),
    bad("v._prev = ...", _set_prev, AttributeError, "_prev"),
    bad("v.gard = 1.0 (typo)", _typo, AttributeError, "gard"),
    ok("1 / Value(1e-200)", _divide_by_tiny, lambda r: r == (1e200, 1e200, -INF)),
    ok("relu(nan) is nan", lambda: Value(NAN).relu().data, math.isnan),
    ok("relu(inf)", lambda: Value(INF).relu().data, lambda r: r == INF),
    ok("relu(-inf)", lambda: Value(-INF).relu().data, lambda r: r == 0.0),
    ok("1e-200 ** 2 underflows to 0", lambda: (Value(1e-200) ** 2).data, lambda r: r == 0.0),
    ok(
        "tanh(nan) backward",
        lambda: _backward_of(x := Value(NAN), x.tanh()),
        math.isnan,
    ),
]


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
