"""Reading a learner's own `Value` class by duck typing, whatever its design (for the capstone checks).

A learner's class may keep its children in `_prev` (a set, as in the lecture), `_children`,
`children`, ... and its local derivatives either stored next to them (a tuple of numbers) or
inside a closure `_backward()` that adds `local derivative * out.grad` to each child's grad. This
module finds both without knowing the names, so that the checks accept every correct design:

- `children(node)`: the node's children (the attribute holding instances of the class);
- `local_derivatives(node)`: [(child, d node / d child)], one entry per distinct child;
- `own_backward(root)`: the gradients by the chain rule over those, without the learner's backward().
"""

import math
from numbers import Real

_COLLECTIONS = (tuple, list, set, frozenset)
_CHILD_WORDS = ("prev", "child", "parent", "input", "operand", "kid", "src", "source", "arg")


class DesignError(Exception):
    """The learner's object does not have a part the check needs (the message says which)."""

    design_error = True


def attributes(node):
    """name -> value of the node's own attributes (its __dict__ and __slots__)."""
    found = dict(getattr(node, "__dict__", {}))
    for cls in type(node).__mro__:
        slots = getattr(cls, "__slots__", ())
        for name in [slots] if isinstance(slots, str) else slots:
            if name not in found and hasattr(node, name):
                found[name] = getattr(node, name)
    return found


def _child_attribute_names(node, cls):
    """Names of attributes that hold a collection of nodes (best first: ordered ones)."""
    names = []
    for name, value in attributes(node).items():
        if isinstance(value, _COLLECTIONS) and value and all(isinstance(v, cls) for v in value):
            names.append(name)
    return sorted(names, key=lambda n: not isinstance(getattr(node, n), (tuple, list)))


def leaf_children_attribute(leaf):
    """The name of an empty collection attribute that reads like `children` on a new leaf, or None."""
    for name, value in attributes(leaf).items():
        if isinstance(value, _COLLECTIONS) and not value:
            if any(word in name.lower() for word in _CHILD_WORDS):
                return name
    return None


def children(node, cls=None):
    """The nodes `node` was computed from (in order, duplicates kept, when the design keeps them)."""
    cls = cls or type(node)
    names = _child_attribute_names(node, cls)
    return list(getattr(node, names[0])) if names else []


def _stored_derivatives(node, kids):
    """The stored local derivatives next to ordered children, or None if the design has none."""
    for value in attributes(node).values():
        if (
            isinstance(value, (tuple, list))
            and len(value) == len(kids)
            and all(isinstance(v, Real) for v in value)  # bools too: (x > 0,) is 1 or 0
        ):
            return [float(v) for v in value]
    return None


def _closure(node):
    """A zero-argument function on the node that passes its gradient to its children, or None."""
    for name, value in attributes(node).items():
        if callable(value) and "backward" in name.lower() and not isinstance(value, type):
            return value
    method = getattr(type(node), "_backward", None)
    return node._backward if callable(method) else None


def local_derivatives(node):
    """[(child, d node/d child)] for each distinct child (a child used twice gets the sum)."""
    kids = children(node)
    if not kids:
        return []
    names = _child_attribute_names(node, type(node))
    ordered = isinstance(getattr(node, names[0]), (tuple, list))
    stored = _stored_derivatives(node, kids) if ordered else None
    distinct = list({id(k): k for k in kids}.values())
    if stored is not None:
        total = {id(k): 0.0 for k in distinct}
        for kid, d in zip(kids, stored):
            total[id(kid)] += d
        return [(k, total[id(k)]) for k in distinct]
    fn = _closure(node)
    if fn is None:
        _explain_missing_derivatives(node, kids, ordered)
        raise DesignError(
            "I found this node's children but not its local derivatives: store them next to the "
            "children (e.g. `self._local_grads`, one number per child) or give the node a `_backward` "
            "function that adds local derivative × out.grad to each child's grad (as in the lecture)."
        )
    return _run_closure(node, fn, distinct)


def _run_closure(node, fn, distinct):
    saved = [(k, k.grad) for k in distinct] + [(node, node.grad)]
    try:
        for k in distinct:
            k.grad = 0.0
        node.grad = 1.0
        fn()
        result = [(k, float(k.grad)) for k in distinct]
    finally:
        for k, g in saved:
            k.grad = g
    return result


def closure_derivatives(node):
    """[(child, d node/d child)] by the node's `_backward` alone, or None if it has none."""
    kids = children(node)
    fn = _closure(node) if kids else None
    if fn is None:
        return None
    return _run_closure(node, fn, list({id(k): k for k in kids}.values()))


def _explain_missing_derivatives(node, kids, ordered):
    """A DesignError naming why stored local derivatives could not be matched to the children."""
    for name, value in attributes(node).items():
        if not isinstance(value, (tuple, list, dict)) or not value:
            continue
        items = list(value.values()) if isinstance(value, dict) else list(value)
        if all(callable(v) and not isinstance(v, type) for v in items):
            error = DesignError(
                f"`{name}` holds functions, but the local derivatives must be numbers: compute "
                "each one when the node is made (e.g. `(other.data, self.data)` for a product) "
                "and store the numbers, one per child."
            )
            error.problem = "your local derivatives are functions, not numbers"
            raise error
        numeric = all(isinstance(v, Real) and not isinstance(v, bool) for v in items)
        _explain_stored(node, kids, ordered, name, value, items, numeric)
        if numeric and isinstance(value, dict):
            what = "its local derivatives in a dict"
        elif numeric and not ordered:
            what = f"its children in a {type(getattr(node, _child_attribute_names(node, type(node))[0])).__name__}"
        else:
            continue
        error = DesignError(
            f"This node keeps {what}, which has no order and keeps a value used twice only "
            "once: in a + a the child a appears once, but it needs two contributions. Keep the "
            "children in a tuple and the local derivatives in a tuple of numbers next to it, one "
            "per child (or compute them in a `_backward` function, as the lecture does)."
        )
        error.problem = f"your node keeps {what}"
        raise error


def _explain_stored(node, kids, ordered, name, value, items, numeric):
    """Local derivatives stored next to ordered children, but not one number per child."""
    if not ordered or isinstance(value, dict):
        return
    if value is getattr(node, _child_attribute_names(node, type(node))[0]):
        return
    if numeric and len(items) != len(kids):
        count = f"{len(items)} local derivative{'' if len(items) == 1 else 's'}"
        error = DesignError(
            f"This node has {len(kids)} children but `{name}` holds {count}: store one number "
            "per child, in the children's order, even when two of them are the same number."
        )
        error.problem = f"your node has {len(kids)} children but {count}"
        raise error
    if len(items) == len(kids) and all(isinstance(v, type(node)) for v in items):
        error = DesignError(
            f"`{name}` holds Values, but the local derivatives must be plain numbers: store "
            "each Value's number (its `.data`), computed when the node is made. A Value there "
            "would join the graph and change as the numbers change."
        )
        error.problem = "your local derivatives are Values, not plain numbers"
        raise error


def nodes(root):
    """Every node of root's graph once, children before parents (no recursion)."""
    order, visited, stack = [], {id(root)}, [(root, iter(children(root)))]
    while stack:
        node, kids = stack[-1]
        for kid in kids:
            if id(kid) not in visited:
                visited.add(id(kid))
                stack.append((kid, iter(children(kid))))
                break
        else:
            stack.pop()
            order.append(node)
    return order


def own_backward(root):
    """{id(node): d root / d node} by the chain rule over the learner's local derivatives."""
    grads = {id(root): 1.0}
    for node in reversed(nodes(root)):
        g = grads.get(id(node), 0.0)
        for kid, d in local_derivatives(node):
            grads[id(kid)] = grads.get(id(kid), 0.0) + d * g
    return grads


def finite_difference(f, x, h=1e-6):
    """(f(x + h) - f(x - h)) / 2h for a function of one plain number."""
    return (f(x + h) - f(x - h)) / (2 * h)


def close(a, b, tol=1e-6):
    return (
        isinstance(a, Real)
        and math.isfinite(a)
        and math.isfinite(b)
        and abs(a - b) <= tol * max(1.0, abs(b))
    )


def unlink(nodes):
    """Drop every link between the nodes, so that freeing a deep graph never recurses (the
    in-page Python has a small C stack). Works for any design: attributes or slots."""
    for node in nodes:
        names = list(getattr(node, "__dict__", {}))
        for cls in type(node).__mro__:
            slots = cls.__dict__.get("__slots__", ())
            names += [slots] if isinstance(slots, str) else list(slots)
        for name in names:
            if name in ("data", "grad", "__dict__", "__weakref__"):
                continue
            try:
                setattr(node, name, None)
            except (AttributeError, TypeError):
                pass  # a read-only property: nothing to unlink
