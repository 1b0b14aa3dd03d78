"""The capstone's checks accept every correct design: two designs unlike the solution's pass them all.

(The solution notebook's own design is run by tests/test_checks_learners.py.) Each design is
trained with its own engine to the 95 % the last check asks for, and the summary lists all seven
parts as passed; a fresh namespace lists them all as not done.
"""

import contextlib
import io

import pytest

import micrograd_checks as checks
from micrograd_checks.capstone_nn import PARTS, capstone_rows
from tests import capstone_designs

DESIGNS = {"closure": capstone_designs.closure_design, "dispatch": capstone_designs.dispatch_design}


@pytest.fixture(autouse=True)
def fresh_hints():
    checks.core.reset_hints()


@pytest.mark.parametrize("design", sorted(DESIGNS))
def test_every_part_passes_for_another_correct_design(design, capsys):
    ns = DESIGNS[design]()
    Value = ns["Value"]
    checks.check_own_value(Value)
    checks.check_own_add_mul_pow(Value)
    checks.check_own_derived_ops(Value)
    checks.check_own_activations(Value)
    checks.check_own_backward(Value, ns["topological_sort"])
    checks.check_own_mlp(Value, ns["Neuron"], ns["Layer"], ns["MLP"])
    trained = DESIGNS[design](activation="relu")  # hidden tanh neurons need more steps
    model, losses = capstone_designs.train(trained)
    checks.check_own_training(
        trained["Value"], trained["MLP"], capstone_designs.train_fn, lambda: (model, losses)
    )
    printed = capsys.readouterr().out
    assert [line[:17] for line in printed.splitlines()] == [
        f"✔ Exercise {part} pa" for part, _, _ in PARTS
    ]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        checks.capstone_summary(
            {**trained, "train": capstone_designs.train_fn, "model": model, "losses": losses}
        )
    rows = capstone_rows(
        {**trained, "train": capstone_designs.train_fn, "model": model, "losses": losses}
    )
    assert {part: status for part, (status, _) in rows.items()} == {
        part: "passed" for part, _, _ in PARTS
    }
    assert "7 of 7 parts passed" in out.getvalue()


def test_the_summary_of_an_empty_notebook_says_not_done():
    with contextlib.redirect_stdout(io.StringIO()) as out:
        checks.capstone_summary({})
    assert {status for status, _ in capstone_rows({}).values()} == {"not done"}
    assert "0 of 7 parts passed" in out.getvalue()


def test_the_summary_tells_passed_failed_and_not_done_apart():
    ns = capstone_designs.closure_design()
    del ns["MLP"]  # not written yet

    def tanh_stub(self):
        raise NotImplementedError("Exercise 8.4: write the body of value_tanh()")

    def relu_wrong(self):  # right values and slopes, but built from * and +, not one node
        return self * 1.0 if self.data > 0 else self * 0.0

    ns["Value"].relu = relu_wrong
    rows = capstone_rows(ns)
    assert {p: s for p, (s, _) in rows.items()} == {
        "8.1": "passed",
        "8.2": "passed",
        "8.3": "passed",
        "8.4": "failed",
        "8.5": "passed",
        "8.6": "not done",
        "8.7": "not done",
    }
    assert "relu() built its result with another operation" in rows["8.4"][1]
    ns["Value"].tanh = tanh_stub
    assert capstone_rows(ns)["8.4"][0] == "not done"


def kahn_order(root, kids=lambda node: node._prev):
    """Kahn's algorithm: a node is emitted once all its parents are; reversed, children come first."""
    parents, seen, stack = {}, {root}, [root]
    while stack:
        node = stack.pop()
        for kid in set(kids(node)):
            parents[kid] = parents.get(kid, 0) + 1
            if kid not in seen:
                seen.add(kid)
                stack.append(kid)
    order, ready = [], [root]
    while ready:
        node = ready.pop()
        order.append(node)
        for kid in set(kids(node)):
            parents[kid] -= 1
            if parents[kid] == 0:
                ready.append(kid)
    return order[::-1]


def test_kahns_order_and_a_backward_that_accumulates_leaves_pass(capsys):
    ns = capstone_designs.closure_design()
    checks.check_own_backward(ns["Value"], kahn_order)
    assert capsys.readouterr().out.startswith("✔ Exercise 8.5 passed")


def test_micrographs_own_classes_are_refused_in_the_capstone():
    from micrograd import MLP, Value
    from micrograd.nn import Layer, Neuron

    for check, args in [
        (checks.check_own_value, [Value]),
        (checks.check_own_add_mul_pow, [Value]),
        (checks.check_own_backward, [Value, kahn_order]),
        (checks.check_own_mlp, [capstone_designs.closure_design()["Value"], Neuron, Layer, MLP]),
    ]:
        with pytest.raises(checks.CheckFailed, match="micrograd's"):
            check(*args)


def _stored_design(kids=tuple, grads=tuple, closure=None):
    """A Value storing children with `kids` and local derivatives with `grads(children, numbers)`."""

    class Value:
        def __init__(self, data, children=(), local=()):
            self.data, self.grad = float(data), 0.0
            self._children, self._local_grads = kids(children), grads(children, local)
            if closure:
                self._backward = lambda: closure(self, children, local)

        def __repr__(self):
            return f"Value({self.data})"

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data + other.data, (self, other), (1.0, 1.0))

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data * other.data, (self, other), (other.data, self.data))

        def __pow__(self, n):
            return Value(self.data**n, (self,), (n * self.data ** (n - 1),))

    return Value


def _wrong_closure(node, children, local):
    for child in children:
        child.grad += 2 * node.grad  # not what was stored


@pytest.mark.parametrize(
    ("design", "says"),
    [
        (_stored_design(kids=set, grads=lambda c, d: tuple(d)), "keeps its children in a set"),
        (_stored_design(grads=lambda c, d: dict(zip(c, d))), "local derivatives in a dict"),
        (_stored_design(grads=lambda c, d: tuple(lambda v=v: v for v in d)), "not numbers"),
        (
            _stored_design(grads=lambda c, d: tuple(d), closure=_wrong_closure),
            "other local derivatives than the ones you stored",
        ),
    ],
    ids=["set children", "dict derivatives", "function derivatives", "_backward disagrees"],
)
def test_designs_that_lose_a_plus_a_or_disagree_are_named(design, says):
    with pytest.raises(checks.CheckFailed) as info:
        checks.check_own_add_mul_pow(design)
    assert says in str(info.value)


def test_the_stored_design_itself_passes(capsys):
    checks.check_own_add_mul_pow(_stored_design(grads=lambda c, d: tuple(d)))
    assert capsys.readouterr().out.startswith("✔ Exercise 8.2 passed")
