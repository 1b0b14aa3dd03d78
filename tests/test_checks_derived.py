"""Capstone 8.3: correct answers unlike the solution's pass (tests/learner_mistakes_8_derived.py's
DESIGNS, and a design that keeps plain numbers out of the children), wrong ones that only a
class can express fail; the simulated mistakes are run by tests/test_checks_learners.py."""

import sys

import capstone_designs
import pytest
import test_checks_learners as learners
from learner_mistakes_8_derived import DESIGNS

import micrograd_checks as checks
from micrograd_checks import core

CASES = [(n, k) for n in sorted(DESIGNS) for k in range(len(DESIGNS[n]))]


@pytest.fixture(autouse=True)
def fresh_hints():
    core.reset_hints()


@pytest.mark.parametrize(("number", "k"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_a_correct_design_of_8_3_passes(number, k):
    replacements, what = DESIGNS[number][k]
    error = learners.run_with_mistake(number, replacements)
    assert error is None, f"exercise {number}: the correct design '{what}' was refused:\n{error}"


def _numbers_kept_out():
    """The lecture's design, but a + 3 and a * 3 keep the 3 as a number: one child."""
    Value = capstone_designs.closure_design()["Value"]
    add, mul = Value.__add__, Value.__mul__

    def __add__(self, other):
        if isinstance(other, Value):
            return add(self, other)
        out = Value(self.data + other, (self,), "+")

        def _backward():
            self.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        if isinstance(other, Value):
            return mul(self, other)
        out = Value(self.data * other, (self,), "*")

        def _backward():
            self.grad += other * out.grad

        out._backward = _backward
        return out

    Value.__add__, Value.__mul__ = __add__, __mul__
    return Value


def test_numbers_kept_out_of_the_children_pass(capsys):
    checks.check_own_derived_ops(_numbers_kept_out())
    assert "✔ Exercise 8.3 passed" in capsys.readouterr().out


def test_a_node_made_by_hand_is_refused_in_that_design_too():
    Value = _numbers_kept_out()

    def __rtruediv__(self, other):  # n / a as one node with its derivative typed in
        out = Value(other / self.data, (self,), "/")

        def _backward():
            self.grad += -other / self.data**2 * out.grad

        out._backward = _backward
        return out

    Value.__rtruediv__ = __rtruediv__
    with pytest.raises(checks.CheckFailed, match="`n / a` makes a node of its own"):
        checks.check_own_derived_ops(Value)


def test_an_endless_recursion_stops_whatever_limit_the_code_sets():
    Value = capstone_designs.closure_design()["Value"]

    def __truediv__(self, other):
        sys.setrecursionlimit(100_000)
        return self / other

    Value.__truediv__ = __truediv__
    limit = sys.getrecursionlimit()
    with pytest.raises(checks.CheckFailed, match="`a / b` never finishes"):
        checks.check_own_derived_ops(Value)
    assert sys.getrecursionlimit() == limit


def test_a_whole_power_by_repeated_multiplication_passes(capsys):
    Value = capstone_designs.closure_design()["Value"]
    power = Value.__pow__

    def __pow__(self, n):
        if isinstance(n, int) and n > 0:
            out = self
            for _ in range(n - 1):
                out = out * self
            return out
        return power(self, n)

    Value.__pow__ = __pow__
    checks.check_own_derived_ops(Value)
    assert "✔ Exercise 8.3 passed" in capsys.readouterr().out


def test_the_recipe_comes_only_when_the_same_mistake_comes_back():
    hand_made = [("    return self * -1\n", "    return Value(-self.data, (self,), (-1.0,))\n")]
    first, second = (str(learners.run_with_mistake("8.3", hand_made)) for _ in range(2))
    recipe = "−a is a · (−1), a − b is a + (−b)"
    assert "`-a` makes a node of its own" in first and recipe not in " ".join(first.split())
    assert recipe in " ".join(second.split())


def test_an_outer_profiler_is_kept_when_a_recursion_is_stopped():
    """The grader watches the check with its own sys.setprofile: it must still be there after."""
    Value = capstone_designs.closure_design()["Value"]
    Value.__radd__ = lambda self, other: other + self  # endless: n + a runs __radd__ again
    calls = []
    outer = lambda frame, event, arg: calls.append(event)  # noqa: E731
    sys.setprofile(outer)
    try:
        with pytest.raises(checks.CheckFailed, match="`n \\+ a` never finishes"):
            checks.check_own_derived_ops(Value)
        kept = sys.getprofile()
    finally:
        sys.setprofile(None)
    assert kept is outer and calls
