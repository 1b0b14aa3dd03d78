"""Capstone parts 8.1, 8.2 and 8.4: correct designs the checks must accept, and what the property
checks (random expressions against finite differences, extreme inputs) catch and how they say it."""

import inspect
import math
import sys

import pytest

import micrograd_checks as checks
from micrograd_checks import CheckFailed
from tests import capstone_designs


@pytest.fixture(autouse=True)
def fresh_hints():
    checks.core.reset_hints()


def test_a_whole_number_power_from_repeated_products_passes_8_2(capsys):
    """8.2 allows a ** n as a chain of products for whole n >= 1, if every other n works too."""
    Value = capstone_designs.closure_design()["Value"]
    rule = Value.__pow__

    def chained_pow(self, n):
        if isinstance(n, int) and n >= 1:
            out = self
            for _ in range(n - 1):
                out = out * self
            return out
        return rule(self, n)

    Value.__pow__ = chained_pow
    checks.check_own_add_mul_pow(Value)
    assert "✔ Exercise 8.2 passed" in capsys.readouterr().out

    def only_chained(self, n):  # a ** -1 gives 1: repeated products only make whole powers
        out = Value(1.0)
        for _ in range(int(n)):
            out = out * self
        return out

    Value.__pow__ = only_chained
    with pytest.raises(CheckFailed, match="repeated multiplication works for whole powers only"):
        checks.check_own_add_mul_pow(Value)


def test_a_wrong_gradient_in_random_expressions_names_its_operation():
    """A power whose slope is wrong only for a negative base with an even n - 1 is missed by the
    fixed cases (-2 ** 3) and caught on the first run: every operation is also tried alone on a
    negative and a positive input, and the message names the power."""
    Value = capstone_designs.closure_design()["Value"]

    def abs_pow(self, n):
        out = Value(self.data**n, (self,), f"**{n}")

        def _backward():
            self.grad += n * abs(self.data) ** (n - 1) * out.grad

        out._backward = _backward
        return out

    Value.__pow__ = abs_pow
    for _ in range(3):  # fresh random inputs each run: caught every time
        with pytest.raises(CheckFailed, match=r"the gradient through \w+ = \w+ \*\* "):
            checks.check_own_add_mul_pow(Value)


@pytest.mark.parametrize("overflow", ["raise", "inf"])
def test_exp_beyond_floats_may_raise_or_give_inf(overflow, capsys):
    Value = capstone_designs.closure_design()["Value"]
    exp = Value.exp

    def guarded(self):
        if overflow == "inf" and self.data > 709.78:
            return self._unary(math.inf, math.inf, "exp")
        return exp(self)

    Value.exp = guarded
    checks.check_own_activations(Value)
    assert "✔ Exercise 8.4 passed" in capsys.readouterr().out

    def capped(self):  # a finite number where e^710 is beyond every float
        return exp(self) if self.data < 709 else self._unary(1.7e308, 1.7e308, "exp")

    Value.exp = capped
    with pytest.raises(CheckFailed, match=r"exp\(710\) should overflow"):
        checks.check_own_activations(Value)


def test_a_global_read_by_backward_is_told_as_state_across_calls():
    Value = capstone_designs.closure_design()["Value"]
    last = {}

    def tanh(self):
        last["out"] = out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1 - last["out"].data ** 2) * out.grad

        out._backward = _backward
        return out

    Value.tanh = tanh
    with pytest.raises(CheckFailed, match="wrong once later operations were made"):
        checks.check_own_activations(Value)


def test_the_deep_chains_are_walked_without_recursion(capsys):
    """The 2,000- and 3,000-operation chains of 8.2 and 8.4 are built, differentiated and freed
    with a Python stack of 150 frames to spare (a recursive walk needs thousands)."""
    Value = capstone_designs.dispatch_design()["Value"]
    depth = len(inspect.stack())
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 150)
    try:
        checks.check_own_add_mul_pow(Value)
        checks.check_own_activations(Value)
    finally:
        sys.setrecursionlimit(limit)
    out = capsys.readouterr().out
    assert "✔ Exercise 8.2 passed" in out and "✔ Exercise 8.4 passed" in out
