"""Exercise 3.5: is tanh_from_ops really built from the Scalar's operations?

The value and the gradient can be right while the derivative was typed in: one node over x with
1 − tanh² as its local derivative, such a node with more operations chained after it, or a
number computed from x.data with a gradient-carrying term added. This module looks at how the
graph was made: which nodes tanh_from_ops created itself (rather than an operation of the class),
and which leaves change with x.
"""

import sys

from micrograd_checks.core import Hint
from micrograd_checks.scalar_graph import _nodes

_BY_HAND = Hint(
    "The point of this exercise is that you never write tanh's derivative (or any other) down: "
    "build tanh from Scalar operations (*, exp, −, +, /), each making its own node, and let "
    "backward() chain their local derivatives.",
    "e = (x * 2).exp(), then (e − 1) / (e + 1): every node comes from an operation.",
    key="tanh by hand",
)


# The operations of chapter 3 (a node another method makes, e.g. a tanh() of the learner's own,
# counts as made by hand: its local derivative was typed in).
OPERATIONS = (
    "__init__", "__add__", "__mul__", "__neg__", "__sub__", "__truediv__", "exp", "log",
    "__radd__", "__rmul__", "__rsub__", "__rtruediv__", "__pow__",
)  # fmt: skip


def _operation_codes(Scalar):
    codes = set()
    for name in OPERATIONS:
        code = getattr(getattr(Scalar, name, None), "__code__", None)
        if code is not None:
            codes.add(code)
    return codes


def _build(check, Scalar, tanh_from_ops, x, case, call):
    """tanh_from_ops(Scalar(x)): (leaf, result, ids of the nodes tanh_from_ops made itself)."""
    own = getattr(tanh_from_ops, "__code__", None)
    operations = _operation_codes(Scalar)
    original = Scalar.__init__
    had_own = "__init__" in vars(Scalar)
    made = {}

    def watched_init(self, *args, **kwargs):
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code is own:
                made[id(self)] = self
                break
            if frame.f_code in operations:
                break
            frame = frame.f_back
        original(self, *args, **kwargs)

    leaf = Scalar(x)
    Scalar.__init__ = watched_init
    try:
        out = call(check, Scalar, tanh_from_ops, leaf, case=case, label="tanh_from_ops(a)")
    finally:
        if had_own:
            Scalar.__init__ = original
        else:
            del Scalar.__init__
    return leaf, out, made


def _leaves(out, leaf):
    return sorted(
        float(node.data)
        for node in _nodes(out)
        if node is not leaf and not getattr(node, "children", ())
    )


def tanh_structure(check, Scalar, tanh_from_ops, x, case, call):
    """Fail if tanh_from_ops made a node with children itself, or a leaf that depends on x."""
    leaf, out, made = _build(check, Scalar, tanh_from_ops, x, case, call)
    by_hand = [node for node in _nodes(out) if id(node) in made and node.children]
    nodes = len(_nodes(out))
    if (
        any(node is out for node in by_hand)
        or nodes < 4
        or any(child is leaf for child in out.children)
    ):
        raise check.fail(
            f"the result is one node over x, with its local derivative typed in (its graph has "
            f"{nodes} nodes)",
            case=case,
            hint=_BY_HAND,
        )
    if by_hand:
        raise check.fail(
            "tanh_from_ops made a node by hand, with children and local derivatives you typed "
            "in, instead of getting it from the chapter's operations (+, *, −, /, **, exp, log)",
            case=case,
            hint=_BY_HAND,
        )
    other_leaf, other_out, _ = _build(check, Scalar, tanh_from_ops, x + 0.25, case, call)
    if _leaves(out, leaf) != _leaves(other_out, other_leaf):
        raise check.fail(
            "a part of your tanh is a plain number computed from x.data: a Scalar with no "
            "children whose value changes with x",
            case=case,
            hint=Hint(
                "backward() cannot send a gradient through a number you computed from x.data, so "
                "that part of the slope must have been typed in somewhere. Build every piece that "
                "depends on x from x itself, with your operations.",
                "Only constants (1, 2...) may be new Scalars; everything else comes from x: "
                "e = (x * 2).exp(), then (e − 1) / (e + 1).",
                key="tanh from data",
            ),
        )
