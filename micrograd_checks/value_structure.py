"""Is a graph built from micrograd's Value operations? (shared by the checks that ask for that)

Every node with children must be what one of `micrograd.engine.Value`'s operations makes from those
children: an op label the package uses, as many children as that operation takes, and the data and
local derivatives that operation gives on the children's data (recomputed on fresh leaves).
The fused `Value.dot` is not among them: the exercises that use this ask for the sum built from * and +.
"""

import math
import operator

from micrograd.engine import Value

from micrograd_checks.core import Hint

_BINARY = {
    "+": operator.add,
    "*": operator.mul,
    "-": operator.sub,
    "/": operator.truediv,
    "**": operator.pow,
}
_UNARY = {
    "neg": operator.neg,
    "exp": Value.exp,
    "log": Value.log,
    "tanh": Value.tanh,
    "relu": Value.relu,
    "sigmoid": Value.sigmoid,
}


def _redo(op, kids):
    """The node micrograd's operation `op` makes from fresh leaves with the children's data, or None."""
    leaves = [Value(k.data) for k in kids]
    if op in _BINARY and len(leaves) == 2:
        return _BINARY[op](*leaves), 0.0
    if op in _UNARY and len(leaves) == 1:
        return _UNARY[op](leaves[0]), 0.0
    if op.startswith("**") and len(leaves) == 1:
        # the label shows the exponent with 6 significant digits ({n:g})
        return leaves[0] ** float(op[2:]), 1e-5
    return None


def _same(a, b, tol):
    if isinstance(a, bool) or not isinstance(a, (int, float)):
        return False
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= max(tol, 1e-12) * max(abs(a), abs(b))


def _is_value_op(node, kids):
    op = getattr(node, "_op", None)
    if not isinstance(op, str):
        return False
    try:
        redone = _redo(op, kids)
    except (ArithmeticError, ValueError, TypeError):
        return False
    if redone is None:
        return False
    ref, tol = redone
    grads = getattr(node, "_local_grads", None)
    try:
        grads = tuple(grads)
    except TypeError:
        return False
    return (
        _same(node.data, ref.data, tol)
        and len(grads) == len(ref._local_grads)
        and all(_same(g, r, tol) for g, r in zip(grads, ref._local_grads, strict=True))
    )


def hand_made_node(root, inputs=()):
    """The first node under `root` (walked iteratively, down to `inputs`) that no Value operation
    makes from its children, as (node, op label, number of children), or None if there is none."""
    stop = {id(x) for x in inputs}
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or id(node) in stop:
            continue
        seen.add(id(node))
        kids = getattr(node, "_children", ())
        try:
            kids = list(kids)
        except TypeError:
            kids = []
        if not kids:
            continue
        if not all(isinstance(getattr(k, "data", None), (int, float)) for k in kids):
            return node, getattr(node, "_op", ""), len(kids)
        if not _is_value_op(node, kids):
            return node, getattr(node, "_op", ""), len(kids)
        stack.extend(kids)
    return None


def require_value_ops(check, root, inputs, case, what, ops):
    """Fail unless every node between `root` and `inputs` is one of Value's operations."""
    found = hand_made_node(root, inputs)
    if found is None:
        return
    _, op, n = found
    children = f"{n} child" if n == 1 else f"{n} children"
    raise check.fail(
        f"your {what} made a node of its own (op {op!r}, {children}): build it from Value "
        f"operations ({ops})",
        case=case,
        hint=Hint(
            "This exercise is about letting Value's operations build the graph for you: each "
            "operation records its own local derivatives, so you never write one down.",
            f"Compute the result with {ops} on Values (no Value(...) with children or local_grads "
            "of your own): backward() then finds every local derivative by itself.",
            key="node of its own",
        ),
    )
