"""Property-based tests: hundreds of random expression graphs, checked against finite differences.

Hypothesis writes small random programs: a few inputs, then 1-14 operations
from tests/ops.py whose operands are *any* earlier node, so sub-expressions
are shared (the case where gradients must add up along every path). Each
program runs twice:

- on `Value`s (each op's `apply`), whose backward() gives the gradients under
  test, and
- on plain floats (each op's `value`), a separate evaluator used for central
  differences.

The programs stay where finite differences are well-conditioned: an operand
outside its op's domain (log, division and fractional powers away from 0,
relu away from its kink, exp of moderate numbers) is fed through the domain's
remap, such as x*x + 0.5, and examples with huge values or slopes are
rejected. The run is derandomized, so CI always sees the
same 500 graphs.
"""

import math

from graph_helpers import recursive_topological_order
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ops import BY_NAME, DOMAINS

from micrograd import Value, topological_order

N_GRAPHS = 500
PROFILE = settings(
    max_examples=N_GRAPHS,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)


@st.composite
def programs(draw):
    """Input numbers and a list of steps (op name, operand indices)."""
    inputs = draw(st.lists(st.floats(-2, 2), min_size=1, max_size=4))
    steps = []
    for _ in range(draw(st.integers(1, 14))):
        op = draw(st.sampled_from(sorted(BY_NAME)))
        pool_size = len(inputs) + len(steps)
        operands = [draw(st.integers(0, pool_size - 1)) for _ in range(BY_NAME[op].arity)]
        steps.append((op, operands))
    return inputs, steps


def run(inputs, steps, on_values, make, directs=None):
    """Evaluate a program on Values (on_values) or floats; returns (root, every node).

    An operand outside its op's domain is fed through the domain's remap
    (an expression inside it); the first run records which operands were.
    """
    pool = [make(x) for x in inputs]
    for i, (name, operands) in enumerate(steps):
        op = BY_NAME[name]
        args = [pool[j] for j in operands]
        domains = [DOMAINS[d] for d in op.input_domains]
        if directs is not None and len(directs) == i:  # first run: decide from the data
            directs.append([d.inside(a.data) for a, d in zip(args, domains, strict=True)])
        args = [
            a if direct else d.remap(a)
            for a, d, direct in zip(args, domains, directs[i], strict=True)
        ]
        pool.append((op.apply if on_values else op.value)(*args))
    used = {j for _, operands in steps for j in operands}
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
    root, pool = run(inputs, steps, True, Value, directs)
    assume(all(abs(node.data) < 1e3 for node in pool) and abs(root.data) < 1e3)
    leaves = pool[: len(inputs)]
    root.backward()
    assume(all(abs(x.grad) < 1e4 for x in leaves))

    def f(*xs):
        return run(xs, steps, False, float, directs)[0]

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
