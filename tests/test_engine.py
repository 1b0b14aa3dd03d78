"""Every operation of `Value`: its output and its gradients, checked two ways.

1. Against the derivative worked out by hand (the formula in each row of tests/ops.py).
2. Against central differences, which know nothing about the chain rule.

Then the edge cases of single operations: powers at 0, dot, overflow, NaN.
"""

import math

import pytest
from ops import OPS

from micrograd import Value

CASES = [(op, point) for op in OPS for point in op.points()]


@pytest.mark.parametrize(
    "op, point", CASES, ids=[f"{op.name}@{','.join(map(str, p))}" for op, p in CASES]
)
def test_op_value_and_gradients(op, point, central_difference):
    """The output, and each input's gradient by hand and by central differences."""
    inputs = [Value(p) for p in point]
    out = op.apply(*inputs)
    assert isinstance(out, Value)
    assert out.data == pytest.approx(op.value(*point), rel=1e-12, abs=1e-15)
    out.backward()
    numeric = central_difference(lambda *xs: op.apply(*map(Value, xs)).data, point)
    for x, by_hand, estimate in zip(inputs, op.derivatives, numeric, strict=True):
        assert x.grad == pytest.approx(by_hand(*point), rel=1e-12, abs=1e-15)
        assert x.grad == pytest.approx(estimate, rel=1e-6, abs=1e-7)


def test_every_op_is_tested_at_several_points():
    assert all(len(op.points()) >= 3 for op in OPS)
    assert len({op.name for op in OPS}) == len(OPS)


def test_reflected_ops_build_the_same_graph_as_the_plain_ones():
    x = Value(3.0)
    assert [(2 + x).data, (2 - x).data, (2 * x).data, (2 / x).data, (2**x).data] == [
        5.0,
        -1.0,
        6.0,
        2 / 3,
        8.0,
    ]
    assert (2 - x)._op == "-" and (2 / x)._op == "/" and (2**x)._op == "**"


def test_powers_with_a_negative_base_and_a_whole_exponent():
    x = Value(-2.0)
    out = x**3
    out.backward()
    assert (out.data, x.grad) == (-8.0, 12.0)
    a, b = Value(-2.0), Value(2.0)
    out = a**b
    out.backward()
    assert (out.data, a.grad) == (4.0, -4.0)
    assert math.isnan(b.grad)  # d(a^b)/db = a^b ln(a) has no real value for a < 0


@pytest.mark.parametrize(
    "exponent, slope",
    [(0, 0.0), (0.5, math.inf), (1, 1.0), (1.5, 0.0), (2, 0.0), (3, 0.0)],
)
def test_power_slope_at_zero(exponent, slope):
    """d(x^n)/dx at x = 0 is its limit: 1 for n = 1, 0 for n > 1, infinite for 0 < n < 1."""
    for make_exponent in (lambda n: n, Value):  # a number exponent, and a Value exponent
        x = Value(0.0)
        out = x ** make_exponent(exponent)
        out.backward()
        assert out.data == (1.0 if exponent == 0 else 0.0)
        assert x.grad == slope


def test_value_exponent_at_zero_base_has_zero_exponent_gradient():
    a, b = Value(0.0), Value(2.0)
    (a**b).backward()
    assert (a.grad, b.grad) == (0.0, 0.0)


def test_dot_is_a_weighted_sum_in_one_node(central_difference):
    ws = [Value(0.5), Value(-1.5), Value(2.0)]
    xs = [Value(3.0), Value(0.25), Value(-1.0)]
    b = Value(0.1)
    out = Value.dot(ws, xs, b)
    assert out._op == "dot" and len(out._children) == 7
    assert out.data == pytest.approx(0.1 + 1.5 - 0.375 - 2.0, rel=1e-15)
    out.backward()
    assert [w.grad for w in ws] == [x.data for x in xs]
    assert [x.grad for x in xs] == [w.data for w in ws]
    assert b.grad == 1.0
    numbers = [v.data for v in ws + xs + [b]]
    numeric = central_difference(lambda *v: Value.dot(v[:3], v[3:6], v[6]).data, numbers)
    assert [v.grad for v in ws + xs + [b]] == pytest.approx(numeric, rel=1e-7)


def test_dot_takes_numbers_and_a_default_bias():
    w = Value(2.0)
    out = Value.dot([w, 3], [4.0, Value(5.0)])
    assert out.data == 23.0
    out.backward()
    assert w.grad == 4.0


def test_dot_with_the_same_value_twice_adds_both_paths():
    x = Value(3.0)
    out = Value.dot([x, x], [x, 2.0])  # x*x + 2x
    out.backward()
    assert (out.data, x.grad) == (15.0, 8.0)


def test_dot_matches_the_unfused_sum_bitwise():
    numbers = [0.1, -0.7, 0.3333, 1e-3, 12.5, -3.25]
    ws1, xs1 = [Value(v) for v in numbers[:3]], [Value(v) for v in numbers[3:]]
    ws2, xs2 = [Value(v) for v in numbers[:3]], [Value(v) for v in numbers[3:]]
    b1, b2 = Value(0.2), Value(0.2)
    fused = Value.dot(ws1, xs1, b1).tanh()
    unfused = sum((w * x for w, x in zip(ws2, xs2, strict=True)), b2).tanh()
    fused.backward()
    unfused.backward()
    assert fused.data == unfused.data
    assert [v.grad for v in ws1 + xs1 + [b1]] == [v.grad for v in ws2 + xs2 + [b2]]


def test_dot_of_nothing_is_the_bias():
    assert Value.dot([], [], 1.5).data == 1.5


def test_dot_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="2 inputs for 3 weights"):
        Value.dot([1.0, 2.0, 3.0], [1.0, 2.0])


def test_sigmoid_does_not_overflow_for_large_inputs():
    for x, s in [(1000.0, 1.0), (-1000.0, 0.0)]:
        v = Value(x)
        out = v.sigmoid()
        out.backward()
        assert out.data == s and v.grad == 0.0


def test_relu_gradient_at_zero_is_zero():
    x = Value(0.0)
    out = x.relu()
    out.backward()
    assert (out.data, x.grad) == (0.0, 0.0)


def test_ops_record_their_children_and_local_derivatives():
    a, b = Value(2.0), Value(-3.0)
    out = a * b
    assert out._children == (a, b) and out._local_grads == (-3.0, 2.0) and out._op == "*"
    assert (a.tanh())._children == (a,)
    assert a._children == () and a._op == ""


def test_numbers_of_other_types_are_accepted():
    from fractions import Fraction

    assert Value(3).data == 3.0 and type(Value(3).data) is float
    assert (Value(1.0) + Fraction(1, 2)).data == 1.5
    np = pytest.importorskip("numpy")
    for x in (np.int64(3), np.float32(3.0), np.float64(3.0), np.uint8(3)):
        assert Value(x).data == 3.0 and type(Value(x).data) is float
        assert (Value(2.0) * x).data == 6.0 and (x * Value(2.0)).data == 6.0
        assert (Value(2.0) ** x).data == 8.0


@pytest.mark.parametrize("flag", [True, False])
def test_bools_are_refused_as_numbers(flag):
    """True is an int to Python, but a bool in a computation is a bug: refused everywhere."""
    for call in (
        lambda: Value(flag),
        lambda: Value(2.0) * flag,
        lambda: flag + Value(2.0),
        lambda: Value(2.0) ** flag,
        lambda: Value.dot([flag], [1.0]),
    ):
        with pytest.raises(TypeError, match="bool"):
            call()


def test_label_and_repr():
    v = Value(1.5, label="w")
    assert repr(v) == "Value(data=1.5, grad=0.0, label='w')"
    assert repr(Value(2)) == "Value(data=2.0, grad=0.0)"
