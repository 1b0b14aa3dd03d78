"""backward(): accumulation and recomputation, clear errors for bad input, and memory.

Memory: the graph has no reference cycles (it is freed by reference counting
alone), and a chain of a million operations backpropagates and is freed
without touching Python's recursion limit.
"""

import gc
import math
import sys
import weakref

import pytest
from graph_helpers import recursive_topological_order

from micrograd import Value, topological_order

# ----- backward(): accumulation, reuse, recomputation -----


def test_gradients_accumulate_on_leaves_across_backward_calls():
    a, b = Value(2.0), Value(3.0)
    out = a * b + a
    out.backward()
    assert (a.grad, b.grad) == (4.0, 2.0)
    out.backward()
    assert (a.grad, b.grad) == (8.0, 4.0)  # leaves add up, as in PyTorch


def test_interior_nodes_are_recomputed_not_accumulated():
    a = Value(2.0)
    mid = a * a
    out = mid * 3.0
    out.backward()
    out.backward()
    assert mid.grad == 3.0  # not 6.0: an interior node starts each pass from zero
    assert out.grad == 1.0
    assert a.grad == 2 * 12.0


def test_zero_grad_resets_leaves():
    from micrograd import MLP

    model = MLP(2, [3, 1], seed=0)
    model([1.0, -2.0]).backward()
    assert any(p.grad != 0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_backward_of_a_leaf_and_of_a_shared_subexpression():
    x = Value(3.0)
    x.backward()
    assert x.grad == 1.0
    x.backward()
    assert x.grad == 2.0  # a leaf accumulates, even when it is the output
    x.grad = 0.0
    y = x * x  # used twice below: both paths must reach x
    out = y + y.tanh()
    out.backward()
    assert x.grad == pytest.approx(2 * 3.0 * (1 + 1 - math.tanh(9.0) ** 2))


def test_backward_on_an_intermediate_node_then_on_the_root():
    a = Value(1.5)
    b = a.exp()
    c = b * 2.0
    b.backward()
    assert a.grad == pytest.approx(math.exp(1.5))
    a.grad = 0.0
    c.backward()
    assert (b.grad, a.grad) == (2.0, pytest.approx(2 * math.exp(1.5)))


# ----- bad input: clear errors -----


@pytest.mark.parametrize(
    "make, type_name",
    [
        (lambda: Value("3"), "str"),
        (lambda: Value(None), "NoneType"),
        (lambda: Value([1.0]), "list"),
        (lambda: Value(1) + "a", "str"),
        (lambda: "a" + Value(1), "str"),
        (lambda: [1] * Value(2), "list"),
        (lambda: Value(2) * [1], "list"),
        (lambda: Value(1) - None, "NoneType"),
        (lambda: Value(1) / "2", "str"),
        (lambda: Value(2) ** "2", "str"),
        (lambda: Value(1) + 1j, "complex"),
        (lambda: Value.dot(["1"], [1.0]), "str"),
    ],
)
def test_non_numbers_raise_type_error_naming_the_type(make, type_name):
    with pytest.raises(TypeError, match=type_name):
        make()


@pytest.mark.parametrize("x", [0.0, -1.0, -1e-300])
def test_log_of_non_positive_raises_value_error(x):
    with pytest.raises(ValueError, match=r"positive.*log\(" + str(x)):
        Value(x).log()


def test_exp_overflow_names_the_input():
    with pytest.raises(OverflowError, match=r"exp\(1000\.0\)"):
        Value(1000.0).exp()
    assert Value(-1000.0).exp().data == 0.0


def test_negative_base_with_fractional_exponent_is_a_clear_value_error():
    with pytest.raises(ValueError, match="negative base needs a whole-number exponent"):
        Value(-8.0) ** (1 / 3)
    with pytest.raises(ValueError, match="negative base"):
        Value(-8.0) ** Value(0.5)
    with pytest.raises(ValueError, match="negative base"):
        (-2.0) ** Value(0.5)


def test_nan_and_inf_print_plainly():
    assert repr(Value(float("nan"))) == "Value(data=nan, grad=0.0)"
    assert repr(Value(float("inf"))) == "Value(data=inf, grad=0.0)"
    assert repr(Value(float("-inf"))) == "Value(data=-inf, grad=0.0)"


# ----- memory: no reference cycles, any depth -----


def _graph_is_freed_without_gc(build):
    """Build a graph with the cycle collector off; the root must die by reference counting alone."""
    gc.collect()
    gc.disable()
    try:
        root = build()
        root.backward()
        alive = weakref.ref(root)
        leaf = weakref.ref(topological_order(root)[0])
        del root
        return alive() is None and leaf() is None
    finally:
        gc.enable()


def test_graphs_have_no_reference_cycles():
    def build():
        x = Value(0.5)
        y = (x * x + x.exp() - 3.0) / (x + 2.0)
        return (
            y.tanh()
            + y.sigmoid()
            + y.relu()
            + (y * y + 1.0).log()
            + 2**y
            + Value.dot([x, y], [y, x])
        ) ** 2

    assert _graph_is_freed_without_gc(build)


def test_a_trained_mlp_graph_has_no_reference_cycles():
    from micrograd import MLP
    from micrograd.losses import hinge_loss, l2_penalty

    def build():
        model = MLP(2, [4, 4, 1], seed=3)
        scores = [model(x) for x in ([0.5, -1.0], [1.0, 2.0])]
        return hinge_loss(scores, [1, -1]) + l2_penalty(model.parameters())

    assert _graph_is_freed_without_gc(build)


def test_million_step_chain_backprops_and_frees_under_the_default_recursion_limit():
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)  # Python's default: the engine must not recurse
    try:
        x = Value(0.0)
        y = x
        for _ in range(10**6):
            y = y + 1
        y.backward()
        assert (y.data, x.grad) == (1e6, 1.0)
        alive = weakref.ref(y)
        del y  # freeing a million nested nodes must not overflow the C stack either
        assert alive() is None
    finally:
        sys.setrecursionlimit(old_limit)


def test_deep_multiplicative_chain_gradient():
    x = Value(1.0)
    y = x
    n = 10**5
    for _ in range(n):
        y = y * 1.000001
    y.backward()
    assert y.data == pytest.approx(1.000001**n, rel=1e-9)
    assert x.grad == pytest.approx(1.000001**n, rel=1e-9)


# ----- topological order -----


def test_topological_order_is_the_recursive_depth_first_post_order():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    d = a * b
    d.label = "d"
    e = d + a
    e.label = "e"
    out = e * d  # d is shared: reached from out and from e
    out.label = "out"
    order = topological_order(out)
    assert [n.label for n in order] == ["a", "b", "d", "e", "out"]
    assert order == recursive_topological_order(out)
    f = Value.dot([a, e], [d, b], Value(0.5, label="bias")).tanh()
    assert topological_order(f) == recursive_topological_order(f)
    assert topological_order(a) == [a]


def test_power_overflow_names_the_input():
    with pytest.raises(OverflowError, match=r"\(2\.0\) \*\* 5000\.0 is too large"):
        Value(2.0) ** 5000


def test_one_backward_step_adds_to_each_child_gradient():
    """`_backward()` is one step of the chain rule: it *adds* to the children's gradients.

    Stepping by hand through the reverse topological order must give what backward() gives,
    also when a child is used twice (a * a) or by two parents (shared subexpression).
    Wrong code: `child.grad = local_grad * self.grad` (a second contribution replaces the first).
    """
    a = Value(3.0)
    b = a * a  # a is both children: d(b)/da = 2a = 6
    c = b + a  # a has two parents: dc/da = 6 + 1 = 7
    for node in topological_order(c):
        node.grad = 0.0
    c.grad = 1.0
    for node in reversed(topological_order(c)):
        node._backward()
    assert (a.grad, b.grad) == (7.0, 1.0)
    by_hand = a.grad
    a.grad = 0.0
    c.backward()
    assert a.grad == by_hand
