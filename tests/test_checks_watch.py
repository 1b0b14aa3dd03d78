"""The checks refuse micrograd's own code where the learner's is asked for, refuse recursion where
the exercise forbids it (whatever the recursion limit), and draw fresh hidden inputs on every run."""

import os
import sys

import pytest

import micrograd_checks as checks
from micrograd.engine import Value, topological_order
from micrograd_checks.core import SEED_ENV, Check

CHAPTER_3 = [
    checks.check_scalar_sub,
    checks.check_scalar_div,
    checks.check_scalar_exp_log,
    checks.check_reflected,
]


@pytest.mark.parametrize("check", CHAPTER_3, ids=lambda c: c.__name__)
def test_chapter_3_refuses_micrograds_value_and_its_subclasses(check):
    class Scalar(Value):
        pass

    for cls, says in [(Value, "is micrograd's Value"), (Scalar, "is built on micrograd's Value")]:
        with pytest.raises(checks.CheckFailed, match=says) as caught:
            check(cls)
        assert "your own Scalar" in str(caught.value)
    with pytest.raises(checks.CheckFailed, match="is micrograd's Value"):
        checks.check_pow_and_tanh(Value, lambda x: x.tanh())


def _recursive(root):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for child in node._children:
                visit(child)
            order.append(node)

    visit(root)
    return order


def test_a_raised_recursion_limit_does_not_pass_the_iterative_exercise():
    limit = sys.getrecursionlimit()

    def cheat(root):
        sys.setrecursionlimit(10**6)
        return _recursive(root)

    try:
        with pytest.raises(checks.CheckFailed, match=r"your code recurses: visit\(\) calls itself"):
            checks.check_topo_sort_iterative(cheat)
    finally:
        sys.setrecursionlimit(limit)
    checks.check_topo_sort(_recursive)  # recursion is what 4.1 asks for


def test_recursion_in_a_thread_of_its_own_does_not_pass_the_iterative_exercise():
    import threading

    def in_a_thread(root):  # a big stack and a high limit: the "deep recursion" recipe online
        out, limit = [], sys.getrecursionlimit()

        def run():
            sys.setrecursionlimit(10**6)
            try:
                out.append(_recursive(root))
            finally:
                sys.setrecursionlimit(limit)

        size = threading.stack_size(256 * 1024 * 1024)
        try:
            worker = threading.Thread(target=run)
            worker.start()
            worker.join()
        finally:
            threading.stack_size(size)
        return out[0]

    hook = threading.excepthook
    threading.excepthook = lambda args: None  # the thread's own traceback is not this test's
    try:
        with pytest.raises(checks.CheckFailed, match=r"your code recurses: visit\(\) calls itself"):
            checks.check_topo_sort_iterative(in_a_thread)
    finally:
        threading.excepthook = hook


def test_backward_of_exercise_4_3_must_work_10_000_deep_without_recursion():
    def backward(root):
        order = _recursive(root)
        for node in order:
            if node._children:
                node.grad = 0.0
        root.grad = 1.0
        for node in reversed(order):
            for child, local in zip(node._children, node._local_grads):
                child.grad += local * node.grad

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10**6)
    try:
        with pytest.raises(checks.CheckFailed, match="10,000 operations deep"):
            checks.check_backward(backward)
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize(
    ("check", "answer", "says"),
    [
        (checks.check_topo_sort, topological_order, "topological_order"),
        (checks.check_topo_sort_iterative, lambda r: topological_order(r), "topological_order"),
        (checks.check_backward, lambda r: r.backward(), "Value.backward"),
        (checks.check_kahn_order, lambda r: topological_order(r)[::-1], "topological_order"),
    ],
)
def test_chapter_4_refuses_micrograds_own_walks(check, answer, says):
    with pytest.raises(checks.CheckFailed, match=f"calls micrograd's own {says}"):
        check(answer)


def test_hidden_inputs_are_fresh_each_run_and_repeat_under_a_seed(monkeypatch):
    monkeypatch.delenv(SEED_ENV, raising=False)
    draws = {tuple(Check("1.1", "x").uniform(0, 1, 12) for _ in range(3)) for _ in range(5)}
    assert len(draws) == 5
    monkeypatch.setenv(SEED_ENV, "42")
    same = {tuple(Check("1.1", "x").uniform(0, 1, 12) for _ in range(3)) for _ in range(5)}
    assert len(same) == 1
    assert os.environ[SEED_ENV] == "42"


def test_two_runs_ask_for_slopes_at_different_points(monkeypatch):
    """So answers copied from one run's report (or hard-coded per point) do not pass the next."""

    def points(seed):
        monkeypatch.setenv(SEED_ENV, seed)
        asked = []

        def derivative(f, x, h=1e-6):
            asked.append(x)
            return (f(x + h) - f(x)) / h

        checks.check_derivative(derivative)
        return asked

    assert set(points("first")) != set(points("second"))
