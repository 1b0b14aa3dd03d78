"""What a learner's graph is made of, for capstone 8.3: only the nodes of their own +, * and **.

Exercise 8.3 asks for subtraction, division, negation and the reflected operations built from the
three operations of 8.2, so that no new local derivative is typed in. `kind(node)` tells which of
the three a node is from what it holds (its value, its children's values and its local
derivatives), whatever the design: stored derivatives or a `_backward`, children in a tuple, a
list or a set. A node that is none of them was made by hand.
"""

import math
from numbers import Real

from micrograd_checks import capstone_adapter as adapter

_TOL = 1e-9


def _close(a, b):
    return (
        isinstance(a, Real)
        and isinstance(b, Real)
        and math.isfinite(a)
        and math.isfinite(b)
        and abs(a - b) <= _TOL * max(1.0, abs(a), abs(b))
    )


def _ordered(node, cls):
    for value in adapter.attributes(node).values():
        if isinstance(value, (tuple, list)) and value and all(isinstance(v, cls) for v in value):
            return True
    return False


def _is_pow(x, y, d):
    """Is y = x ** n with local derivative d = n x^(n-1), for some number n?"""
    if y == 0 or x == 0:
        return False
    n = d * x / y
    if abs(n - round(n)) < 1e-6:
        n = round(n)  # a whole power of a negative number (a ** -1) is a real number
    try:
        power = x**n
        slope = n * x ** (n - 1)
    except (OverflowError, ZeroDivisionError):
        return False
    return isinstance(power, Real) and _close(power, y) and _close(slope, d)


def kind(node, cls, constants=()):
    """The kind of node: "+", "*" or "**" if it is what the learner's 8.2 operation of that name
    makes, "leaf" for a node without children, else None (a node made by hand). `constants` holds
    "+" and/or "*" if the learner's a + 3 and a * 3 keep the number out of the children (one
    child, local derivative 1 or 3)."""
    raw = adapter.children(node, cls)
    if not raw:
        return "leaf"
    local = adapter.local_derivatives(node)
    closure = adapter.closure_derivatives(node)
    if closure is not None and any(d for _, d in closure):
        if any(not _close(d, dict((id(k), v) for k, v in local)[id(k)]) for k, d in closure):
            return None  # stored and passed-on local derivatives disagree
    y = node.data
    xs = [k.data for k, _ in local]
    ds = [d for _, d in local]
    ordered = _ordered(node, cls)
    count = {id(k): sum(1 for r in raw if r is k) for k, _ in local}
    # a + b (or a + a: one child counted twice, or kept once in a set with derivative 2)
    if ordered:
        adds = len(raw) == 2 and all(_close(d, count[id(k)]) for k, d in local)
    else:
        adds = (len(local) == 2 and all(_close(d, 1.0) for d in ds)) or (
            len(local) == 1 and _close(ds[0], 2.0)
        )
    if adds and _close(y, sum(d * x for d, x in zip(ds, xs))):
        return "+"
    two = len(raw) == 2 if ordered else len(local) in (1, 2)
    if two and len(local) == 2:
        (a, da), (b, db) = local
        if _close(da, b.data) and _close(db, a.data) and _close(y, a.data * b.data):
            return "*"
    if two and len(local) == 1 and _close(ds[0], 2 * xs[0]) and _close(y, xs[0] * xs[0]):
        return "*"
    if len(raw) == 1 and _is_pow(xs[0], y, ds[0]):
        return "**"
    if len(raw) == 1 and "+" in constants and _close(ds[0], 1.0):
        return "+"  # a + c, c kept as a number
    if len(raw) == 1 and "*" in constants and _close(y, ds[0] * xs[0]):
        return "*"  # c * a, c kept as a number
    return None


def hand_made(root, cls, stop=(), constants=()):
    """The first node of root's graph (children before parents) that is not a +, * or ** node,
    or None. The nodes in `stop` (the inputs) are not looked into."""
    skip = {id(s) for s in stop}
    order, seen, todo = [], set(), [root]
    while todo:
        node = todo.pop()
        if id(node) in seen or id(node) in skip:
            continue
        seen.add(id(node))
        order.append(node)
        todo.extend(adapter.children(node, cls))
    for node in reversed(order):
        if kind(node, cls, constants) is None:
            return node
    return None


def reaches(root, target, cls):
    """Does root's graph contain `target` (the very object)?"""
    seen, todo = set(), [root]
    while todo:
        node = todo.pop()
        if node is target:
            return True
        if id(node) not in seen:
            seen.add(id(node))
            todo.extend(adapter.children(node, cls))
    return False
