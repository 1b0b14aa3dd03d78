"""Every operation of `Value`: its output and its gradients, checked two ways.

1. Against the derivative worked out by hand (the formula in each table row).
2. Against central differences, which know nothing about the chain rule.
"""

import math

import pytest

from micrograd import Value


def _sigmoid(x):
    return 1 / (1 + math.exp(-x))


# name, function of Values, value formula, one derivative formula per input, points to test at
BINARY = [
    ("a+b", lambda a, b: a + b, lambda a, b: a + b, [lambda a, b: 1.0, lambda a, b: 1.0]),
    ("a-b", lambda a, b: a - b, lambda a, b: a - b, [lambda a, b: 1.0, lambda a, b: -1.0]),
    ("a*b", lambda a, b: a * b, lambda a, b: a * b, [lambda a, b: b, lambda a, b: a]),
    ("a/b", lambda a, b: a / b, lambda a, b: a / b, [lambda a, b: 1 / b, lambda a, b: -a / b**2]),
    (
        "a**b",
        lambda a, b: a**b,
        lambda a, b: a**b,
        [lambda a, b: b * a ** (b - 1), lambda a, b: a**b * math.log(a)],
    ),
]
BINARY_POINTS = [(1.5, 0.7), (0.3, -2.0), (2.0, 3.0), (4.0, 0.5)]  # positive a, so a**b is real

UNARY = [
    ("-x", lambda x: -x, lambda x: -x, lambda x: -1.0),
    ("x**2", lambda x: x**2, lambda x: x**2, lambda x: 2 * x),
    ("x**3", lambda x: x**3, lambda x: x**3, lambda x: 3 * x**2),
    ("x**-1", lambda x: x**-1, lambda x: 1 / x, lambda x: -1 / x**2),
    ("x**-2", lambda x: x**-2, lambda x: x**-2, lambda x: -2 * x**-3),
    ("x**0", lambda x: x**0, lambda x: 1.0, lambda x: 0.0),
    ("x+2", lambda x: x + 2, lambda x: x + 2, lambda x: 1.0),
    ("x-2", lambda x: x - 2, lambda x: x - 2, lambda x: 1.0),
    ("x*2", lambda x: x * 2, lambda x: 2 * x, lambda x: 2.0),
    ("x/2", lambda x: x / 2, lambda x: x / 2, lambda x: 0.5),
    ("2+x", lambda x: 2 + x, lambda x: 2 + x, lambda x: 1.0),
    ("2-x", lambda x: 2 - x, lambda x: 2 - x, lambda x: -1.0),
    ("2*x", lambda x: 2 * x, lambda x: 2 * x, lambda x: 2.0),
    ("2/x", lambda x: 2 / x, lambda x: 2 / x, lambda x: -2 / x**2),
    ("2**x", lambda x: 2**x, lambda x: 2**x, lambda x: 2**x * math.log(2)),
    ("x.exp()", lambda x: x.exp(), math.exp, math.exp),
    ("x.tanh()", lambda x: x.tanh(), math.tanh, lambda x: 1 - math.tanh(x) ** 2),
    ("x.relu()", lambda x: x.relu(), lambda x: max(x, 0.0), lambda x: 1.0 if x > 0 else 0.0),
    (
        "x.sigmoid()",
        lambda x: x.sigmoid(),
        lambda x: 1 / (1 + math.exp(-x)),
        lambda x: _sigmoid(x) * _sigmoid(-x),
    ),
]
UNARY_POINTS = [-2.5, -0.4, 0.3, 1.7]
POSITIVE = [
    ("x.log()", lambda x: x.log(), math.log, lambda x: 1 / x),
    ("x**0.5", lambda x: x**0.5, math.sqrt, lambda x: 0.5 / math.sqrt(x)),
    ("x**1.5", lambda x: x**1.5, lambda x: x**1.5, lambda x: 1.5 * math.sqrt(x)),
]
POSITIVE_POINTS = [0.05, 0.8, 3.0]


def _check(f, value, derivatives, point, central_difference):
    inputs = [Value(p) for p in point]
    out = f(*inputs)
    assert isinstance(out, Value)
    assert out.data == pytest.approx(value(*point), rel=1e-12, abs=1e-15)
    out.backward()
    numeric = central_difference(lambda *xs: f(*map(Value, xs)).data, point)
    for x, by_hand, estimate in zip(inputs, derivatives, numeric, strict=True):
        assert x.grad == pytest.approx(by_hand(*point), rel=1e-12, abs=1e-15)
        assert x.grad == pytest.approx(estimate, rel=1e-6, abs=1e-7)


@pytest.mark.parametrize("point", BINARY_POINTS)
@pytest.mark.parametrize("name, f, value, derivatives", BINARY, ids=[row[0] for row in BINARY])
def test_binary_op(name, f, value, derivatives, point, central_difference):
    _check(f, value, derivatives, point, central_difference)


@pytest.mark.parametrize("point", UNARY_POINTS)
@pytest.mark.parametrize("name, f, value, derivative", UNARY, ids=[row[0] for row in UNARY])
def test_unary_op(name, f, value, derivative, point, central_difference):
    _check(f, value, [derivative], (point,), central_difference)


@pytest.mark.parametrize("point", POSITIVE_POINTS)
@pytest.mark.parametrize("name, f, value, derivative", POSITIVE, ids=[row[0] for row in POSITIVE])
def test_op_on_positive_numbers(name, f, value, derivative, point, central_difference):
    _check(f, value, [derivative], (point,), central_difference)


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
    assert (True * Value(2.0)).data == 2.0


def test_label_and_repr():
    v = Value(1.5, label="w")
    assert repr(v) == "Value(data=1.5, grad=0.0, label='w')"
    assert repr(Value(2)) == "Value(data=2.0, grad=0.0)"
