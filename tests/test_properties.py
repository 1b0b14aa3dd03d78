"""Property-based tests: hundreds of random expression graphs, checked against finite differences.

Hypothesis writes small random programs: a few inputs, then 1-14 operations
whose operands are *any* earlier node, so sub-expressions are shared (the
case where gradients must add up along every path). Each program runs twice:

- on `Value`s, whose backward() gives the gradients under test, and
- on plain floats, a separate evaluator used for central differences.

The programs stay where finite differences are well-conditioned: log, division
and fractional powers only see arguments away from 0 (otherwise they are fed
x*x + 0.5), relu never sees an input near its kink, and examples with huge
values or slopes are rejected. The run is derandomized, so CI always sees the
same 500 graphs.
"""

import math

from graph_helpers import recursive_topological_order
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from micrograd import Value, topological_order

N_GRAPHS = 500
PROFILE = settings(
    max_examples=N_GRAPHS,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)


class OnValues:
    exp, log, tanh, relu, sigmoid, dot = (
        Value.exp,
        Value.log,
        Value.tanh,
        Value.relu,
        Value.sigmoid,
        Value.dot,
    )


class OnFloats:
    exp, log, tanh = math.exp, math.log, math.tanh

    @staticmethod
    def relu(x):
        return x if x > 0 else 0.0

    @staticmethod
    def sigmoid(x):
        return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))

    @staticmethod
    def dot(ws, xs, bias):
        total = bias
        for w, x in zip(ws, xs, strict=True):
            total += w * x
        return total


def _positive(F, a, direct):
    return a if direct else a * a + 0.5


# op name -> (number of operands, guard(data of the operands) -> "use the direct form", f(F, direct, const, *args))
OPS = {
    "add": (2, None, lambda F, d, c, a, b: a + b),
    "sub": (2, None, lambda F, d, c, a, b: a - b),
    "mul": (2, None, lambda F, d, c, a, b: a * b),
    "div": (2, lambda a, b: abs(b) > 0.25, lambda F, d, c, a, b: a / b if d else a / (b * b + 1.0)),
    "neg": (1, None, lambda F, d, c, a: -a),
    "c+a": (1, None, lambda F, d, c, a: c + a),
    "a+c": (1, None, lambda F, d, c, a: a + c),
    "c-a": (1, None, lambda F, d, c, a: c - a),
    "a-c": (1, None, lambda F, d, c, a: a - c),
    "c*a": (1, None, lambda F, d, c, a: c * a),
    "a*c": (1, None, lambda F, d, c, a: a * c),
    "a/c": (1, None, lambda F, d, c, a: a / c),
    "c/a": (1, lambda a: abs(a) > 0.25, lambda F, d, c, a: c / a if d else c / (a * a + 1.0)),
    "c**a": (1, None, lambda F, d, c, a: abs(c) ** a),
    "a**2": (1, None, lambda F, d, c, a: a**2),
    "a**3": (1, None, lambda F, d, c, a: a**3),
    "a**-1": (1, lambda a: abs(a) > 0.25, lambda F, d, c, a: a**-1 if d else (a * a + 1.0) ** -1),
    "a**0.5": (1, lambda a: a > 0.25, lambda F, d, c, a: _positive(F, a, d) ** 0.5),
    "a**1.5": (1, lambda a: a > 0.25, lambda F, d, c, a: _positive(F, a, d) ** 1.5),
    "a**b": (2, lambda a, b: a > 0.25, lambda F, d, c, a, b: _positive(F, a, d) ** b),
    "exp": (1, lambda a: abs(a) < 5, lambda F, d, c, a: F.exp(a) if d else F.exp(F.tanh(a))),
    "log": (1, lambda a: a > 0.25, lambda F, d, c, a: F.log(_positive(F, a, d))),
    "tanh": (1, None, lambda F, d, c, a: F.tanh(a)),
    "sigmoid": (1, None, lambda F, d, c, a: F.sigmoid(a)),
    "relu": (1, lambda a: abs(a) > 0.05, lambda F, d, c, a: F.relu(a if d else a + 0.5)),
    "dot": (4, None, lambda F, d, c, a, b, x, bias: F.dot([a, b], [x, a], bias)),
}


@st.composite
def programs(draw):
    """Input numbers and a list of steps (op, operand indices, constant)."""
    inputs = draw(st.lists(st.floats(-2, 2), min_size=1, max_size=4))
    steps = []
    for _ in range(draw(st.integers(1, 14))):
        op = draw(st.sampled_from(sorted(OPS)))
        pool_size = len(inputs) + len(steps)
        operands = [draw(st.integers(0, pool_size - 1)) for _ in range(OPS[op][0])]
        const = draw(st.sampled_from([-2.5, -1.0, -0.5, 0.5, 2.0, 3.0]))
        steps.append((op, operands, const))
    return inputs, steps


def run(inputs, steps, F, make, directs=None):
    """Evaluate a program; returns (root, every node). Records the guards' choices on the first run."""
    pool = [make(x) for x in inputs]
    for i, (op, operands, const) in enumerate(steps):
        _, guard, f = OPS[op]
        args = [pool[j] for j in operands]
        if directs is not None and len(directs) == i:  # first run: decide each guard from the data
            directs.append(guard is None or guard(*(a.data for a in args)))
        pool.append(f(F, directs[i], const, *args))
    used = {j for _, operands, _ in steps for j in operands}
    sinks = [pool[k] for k in range(len(inputs), len(pool)) if k not in used]
    root = make(0.0)
    for node in sinks:  # everything computed flows into the root
        root = root + node
    return root, pool


checked = []


@PROFILE
@given(programs())
def check_random_graph(program):
    inputs, steps = program
    directs = []
    root, pool = run(inputs, steps, OnValues, Value, directs)
    assume(all(abs(node.data) < 1e3 for node in pool) and abs(root.data) < 1e3)
    leaves = pool[: len(inputs)]
    root.backward()
    assume(all(abs(x.grad) < 1e4 for x in leaves))

    def f(*xs):
        return run(xs, steps, OnFloats, float, directs)[0]

    assert math.isclose(f(*inputs), root.data, rel_tol=1e-12, abs_tol=1e-12)
    for i, (x, leaf) in enumerate(zip(inputs, leaves, strict=True)):
        h = 1e-6 * max(1.0, abs(x))
        up, down = list(inputs), list(inputs)
        up[i], down[i] = x + h, x - h
        numeric = (f(*up) - f(*down)) / (2 * h)
        assert abs(leaf.grad - numeric) <= 1e-5 * max(1.0, abs(leaf.grad)), (
            steps,
            i,
            leaf.grad,
            numeric,
        )

    order = topological_order(root)
    assert [id(n) for n in order] == [id(n) for n in recursive_topological_order(root)]
    position = {id(n): k for k, n in enumerate(order)}
    assert all(position[id(c)] < position[id(n)] for n in order for c in n._children)
    checked.append(len(order))


def test_random_graphs_match_finite_differences():
    checked.clear()
    check_random_graph()
    assert len(checked) >= N_GRAPHS  # rejected examples do not count
