"""The engine's checks and error messages for bad input, kept out of the teaching code.

The checks that run on every `backward()` are cheap (one look per node, none
per edge); a full diagnosis runs only once something is already wrong.
"""

from numbers import Real

from micrograd._validate import sequence


def _shown(x):
    return f"{type(x).__name__} {x!r:.40}"


def _node(node):
    """How an error names a node: its operation, label and value."""
    label = (
        f" labelled {node.label!r:.30}" if getattr(node, "label", "") else ""
    )
    data = getattr(node, "data", "?")
    return (
        f"the {getattr(node, '_op', '?')!r:.30} node{label} (data {data!r:.20})"
    )


def _no_local_grads(node):
    hint = ""
    if not isinstance(node._op, str):  # Value(data, children, local_grads, op)
        hint = (
            f" (the third argument, {node._op!r:.40}, is the name of the "
            "operation now; the local derivatives go in local_grads=)"
        )
    raise ValueError(
        f"a {node._op!r:.40} node has {len(node._children)} children but no "
        "local derivatives: micrograd stores one local derivative per child "
        "instead of a _backward closure, so build it as "
        f"Value(data, children, op, local_grads=(d_child1, ...)){hint}"
    )


def _check_local_grads(order):
    """Every node with children has exactly one local derivative per child."""
    for node in order:
        children, grads = node._children, node._local_grads
        if children:
            if (
                type(children) is tuple
                and type(grads) is tuple
                and len(grads) == len(children)
            ):
                continue
            _check_node(node)  # lists of the right length pass


def _check_node(node):
    """An error that says what is wrong with a node built by hand, if anything."""
    children, grads = node._children, node._local_grads
    if isinstance(children, (set, frozenset, dict)) or not isinstance(
        children, (tuple, list)
    ):
        raise TypeError(
            f"{_node(node)} has children={_shown(children)}: the children "
            "must be a tuple of Values, e.g. (a, b), in the same order as "
            "local_grads"
        )
    if not grads:
        _no_local_grads(node)
    if isinstance(grads, (set, frozenset, dict)) or not isinstance(
        grads, (tuple, list)
    ):
        raise TypeError(
            f"{_node(node)} has local_grads={_shown(grads)}: local_grads "
            "must be a tuple of numbers, one per child, e.g. (1.0, -1.0)"
        )
    if len(grads) != len(children):
        raise ValueError(
            f"{_node(node)} has {len(children)} children but "
            f"{len(grads)} local derivatives in local_grads: give exactly "
            "one per child, in the children's order (a missing one would "
            "silently drop that child's gradient)"
        )
    for g in grads:
        if isinstance(g, bool) or not isinstance(g, Real):
            hint = ""
            if hasattr(g, "_children"):
                hint = (
                    ": it is a Value; a local derivative is a plain number, "
                    "so compute it from .data (e.g. s * (1 - s) with "
                    "s = out.data)"
                )
            raise TypeError(
                f"{_node(node)} has a local derivative {_shown(g)} in "
                f"local_grads: each must be a number (int or float){hint}"
            )


class _checked_pass:
    """Around backward()'s loops: nodes built by hand get errors that say why.

    Before: every node has a tuple of children and one local derivative per
    child (a missing one would silently drop a gradient). After: every
    gradient is a number -- a derivative that is a Value silently turns every
    gradient below it into a Value, and one that is a string or None fails
    with a puzzling message. Either way the error names the node.
    """

    def __init__(self, order):
        self.order = order

    def __enter__(self):
        _check_local_grads(self.order)
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            for node in self.order:  # one look per node, no look per edge
                grad = node.grad
                if type(grad) is not float and not isinstance(grad, float):
                    break
            else:
                return False
        elif not issubclass(kind, TypeError):
            return False
        for node in self.order:
            if node._children:
                _check_node(node)
        for node in self.order:
            grad = node.grad
            if isinstance(grad, bool) or not isinstance(grad, Real):
                raise TypeError(
                    f"{_node(node)} has grad={_shown(grad)}: a gradient must "
                    "be a number; reset it with v.grad = 0.0"
                )
        return False


class _graph_errors:
    """Around the topological sort: a child that is not a Value is an error."""

    def __init__(self, root, stack):
        self.root, self.stack = root, stack

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None or not issubclass(kind, (AttributeError, TypeError)):
            return False
        _bad_children(self.stack[-1][0] if self.stack else self.root)
        return False


def _bad_children(node):
    children = getattr(node, "_children", None)
    if not isinstance(children, (tuple, list)):
        raise TypeError(
            f"{_node(node)} has children={_shown(children)}: the children "
            "must be a tuple of Values, e.g. (a, b)"
        )
    for child in children:
        if not hasattr(child, "_children"):
            hint = ""
            if isinstance(child, Real):
                hint = (
                    " (wrap a number in Value(...) before it becomes a child)"
                )
            raise TypeError(
                f"{_node(node)} has a child {_shown(child)}: every child "
                f"must be a Value{hint}"
            )


def _cycle(stack, child):
    path = [node for node, _ in stack]
    start = next(i for i, node in enumerate(path) if node is child)
    loop = " -> ".join(_node(n) for n in path[start:][:4])
    more = " -> ..." if len(path) - start > 4 else ""
    raise ValueError(
        f"the graph has a cycle: {_node(child)} is its own ancestor "
        f"({loop}{more} -> back to it). A value can only be computed from "
        "values that existed before it; was a node's _children changed by "
        "hand?"
    )


def _ordered(xs, name):
    return sequence(xs, name, "numbers or Values")


def _needs_a_value(function, x):
    raise TypeError(
        f"{function} needs the Value at the end of a computation, "
        f"got {type(x).__name__} {x!r:.40}"
    )
