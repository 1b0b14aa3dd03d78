"""Bad calls to micrograd.engine: each row's error names the argument and what it should be."""

import itertools
import math
from decimal import Decimal

import numpy as np
import pytest
from bad_input_harness import bad, check, ids, ok
from ops import OPS

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


def _hand_built(children, local_grads, step=False):
    """A node built by hand as in exercise 5.2; returns its inputs' gradients after backward."""
    a, b = Value(2.0), Value(3.0)
    out = Value(5.0, children(a, b), "f", local_grads=local_grads(a, b))
    out._backward() if step else out.backward()
    return a.grad, b.grad


def _cycle(self_loop=False):
    a = Value(1.0, label="a")
    b = a * 2.0
    c = b + 1.0
    a._children, a._local_grads = ((a,) if self_loop else (c,)), (1.0,)
    c.backward()


def _cycle_order():
    a = Value(1.0, label="a")
    b = a.tanh()
    a._children, a._local_grads = (b,), (1.0,)
    return topological_order(b)


def _value_grad_leaf():
    a = Value(1.0)
    a.grad = Value(0.0)
    (a * 2.0).backward()


def _typo():
    v = Value(1.0)
    v.gard = 1.0


NEEDS_NUMBER = ("Value needs a number",)
COMBINE = ("can't combine a Value with", "use an int, a float or a Value")

HAND = ("the 'f' node",)
CASES = [
    # Issue 20: bools, numpy scalars, hand-built nodes, cycles, sets
    bad("Value(True)", lambda: Value(True), TypeError, *NEEDS_NUMBER, "bool"),
    bad("Value(False)", lambda: Value(False), TypeError, *NEEDS_NUMBER, "bool"),
    bad("Value(np.True_)", lambda: Value(np.True_), TypeError, *NEEDS_NUMBER, "bool"),
    bad("v * True", lambda: Value(2.0) * True, TypeError, *COMBINE, "bool"),
    bad("True + v", lambda: True + Value(2.0), TypeError, *COMBINE, "bool"),
    bad("v ** True", lambda: Value(2.0) ** True, TypeError, "exponent", "bool"),
    bad("dot bias=True", lambda: Value.dot([1.0], [1.0], True), TypeError, *COMBINE, "bool"),
    ok(
        "Value(np.int64(3))", lambda: Value(np.int64(3)).data, lambda r: type(r) is float and r == 3
    ),
    ok("Value(np.float32(0.5))", lambda: Value(np.float32(0.5)).data, lambda r: r == 0.5),
    ok("v ** np.int64(2)", lambda: (Value(3.0) ** np.int64(2)).data, lambda r: r == 9.0),
    ok("np.float64(2) * v", lambda: (np.float64(2.0) * Value(3.0)).data, lambda r: r == 6.0),
    bad(
        "dot({1.0, 2.0}, ...)",
        lambda: Value.dot({1.0, 2.0}, [1.0, 2.0]),
        TypeError,
        "weights must be a list",
        "set",
    ),
    bad(
        "dot(..., {x: 1})",
        lambda: Value.dot([1.0], {Value(1.0): 1}),
        TypeError,
        "inputs must be a list",
        "dict",
    ),
    bad(
        "dot(count(), ...)",
        lambda: Value.dot(itertools.count(), [1.0]),
        ValueError,
        "weights",
        "endless",
    ),
    ok(
        "dot(generator, array)",
        lambda: Value.dot((w for w in [1.0, 2.0]), np.array([3.0, 4.0])).data,
        lambda r: r == 11.0,
    ),
    bad(
        "local_grads shorter than children",
        lambda: _hand_built(lambda a, b: (a, b), lambda a, b: (1.0,)),
        ValueError,
        *HAND,
        "2 children but 1 local derivatives",
    ),
    bad(
        "local_grads longer than children",
        lambda: _hand_built(lambda a, b: (a,), lambda a, b: (1.0, 2.0)),
        ValueError,
        *HAND,
        "1 children but 2 local derivatives",
    ),
    bad(
        "local_grads shorter, _backward()",
        lambda: _hand_built(lambda a, b: (a, b), lambda a, b: (1.0,), step=True),
        ValueError,
        *HAND,
        "2 children but 1",
    ),
    bad(
        "local derivative is a Value",
        lambda: _hand_built(lambda a, b: (a, b), lambda a, b: (1.0, a * 2.0)),
        TypeError,
        *HAND,
        "must be a number",
        "it is a Value",
        ".data",
    ),
    bad(
        "local derivative is a Value, _backward()",
        lambda: _hand_built(lambda a, b: (a,), lambda a, b: (a.tanh(),), step=True),
        TypeError,
        *HAND,
        "it is a Value",
    ),
    bad(
        'local derivative "1"',
        lambda: _hand_built(lambda a, b: (a,), lambda a, b: ("1",)),
        TypeError,
        *HAND,
        "must be a number",
        "str",
    ),
    bad(
        "local derivative None",
        lambda: _hand_built(lambda a, b: (a,), lambda a, b: (None,)),
        TypeError,
        *HAND,
        "must be a number",
    ),
    bad(
        "local derivative 1j",
        lambda: _hand_built(lambda a, b: (a,), lambda a, b: (1j,)),
        TypeError,
        *HAND,
        "must be a number",
        "complex",
    ),
    bad(
        "local_grads=2.0 (not a tuple)",
        lambda: _hand_built(lambda a, b: (a,), lambda a, b: 2.0),
        TypeError,
        *HAND,
        "local_grads must be a tuple of numbers",
    ),
    bad(
        "local_grads a set",
        lambda: _hand_built(lambda a, b: (a, b), lambda a, b: {1.0, 2.0}),
        TypeError,
        *HAND,
        "local_grads must be a tuple",
    ),
    bad(
        "children a set",
        lambda: _hand_built(lambda a, b: {a, b}, lambda a, b: (1.0, 2.0)),
        TypeError,
        *HAND,
        "children must be a tuple of Values",
    ),
    bad(
        "children=a (one Value, no tuple)",
        lambda: _hand_built(lambda a, b: a, lambda a, b: (1.0,)),
        TypeError,
        *HAND,
        "children must be a tuple of Values",
    ),
    bad(
        "a child that is a float",
        lambda: _hand_built(lambda a, b: (a, 2.0), lambda a, b: (1.0, 1.0)),
        TypeError,
        *HAND,
        "every child must be a Value",
        "Value(...)",
    ),
    ok(
        "hand-built node, lists and numpy derivatives",
        lambda: _hand_built(lambda a, b: [a, b], lambda a, b: [np.float64(2.0), 3]),
        lambda r: r == (2.0, 3.0),
    ),
    ok(
        "hand-built node with a NaN derivative",
        lambda: _hand_built(lambda a, b: (a, b), lambda a, b: (NAN, 1.0)),
        lambda r: math.isnan(r[0]) and r[1] == 1.0,
    ),
    bad("a cycle, backward()", _cycle, ValueError, "cycle", "labelled 'a'", "its own ancestor"),
    bad("a self-loop", lambda: _cycle(self_loop=True), ValueError, "cycle", "labelled 'a'"),
    bad("a cycle, topological_order()", _cycle_order, ValueError, "cycle", "labelled 'a'"),
    bad("leaf grad set to a Value", _value_grad_leaf, TypeError, "grad=Value", "v.grad = 0.0"),
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


def _op_with(op, position, wrong):
    """op applied to Values at its first test point, one input replaced by `wrong`."""
    args = [Value(x) for x in op.points()[0]]
    args[position] = wrong
    return lambda: op.apply(*args)


def _op_at(op, position, x):
    """op at its first test point, one input moved outside its domain."""
    args = [Value(v) for v in op.points()[0]]
    args[position] = Value(x)
    return lambda: op.apply(*args)


# Derived from the one list of operations (tests/ops.py): a new operation gets these rows too.
# Every input of an operation with two or more inputs, replaced by a non-number: a TypeError
# naming the type (bools included). Every input whose domain excludes a point: an error there.
WRONG = [("str", "x"), ("NoneType", None), ("bool", True), ("list", [1.0]), ("set", {1.0})]
OUTSIDE = {"positive": (-1.0, (ValueError,)), "nonzero": (0.0, (ZeroDivisionError,))}
for op in OPS:
    for i in range(op.arity if op.arity > 1 else 0):
        for type_name, wrong in WRONG:
            CASES.append(
                bad(
                    f"{op.name}: input {i} {type_name}",
                    _op_with(op, i, wrong),
                    TypeError,
                    type_name,
                )
            )
    for i, domain in enumerate(op.input_domains):
        if domain in OUTSIDE:
            x, errors = OUTSIDE[domain]
            CASES.append(bad(f"{op.name}: input {i} = {x}", _op_at(op, i, x), *errors, str(x)))


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
