"""Self-check for exercise 4.3, backward() (see micrograd_checks).

The book's story: backward() starts every node computed from others at 0 and the root at 1, and
leaves the leaves alone, so that a second backward() adds to their gradients (leaves accumulate;
resetting them is the training loop's job, `zero_grad()`). Gradients are checked against
micrograd's `backward()` on the same graphs, built afresh for the learner.
"""

from micrograd.engine import Value, topological_order

from micrograd_checks.core import Hint, is_close
from micrograd_checks.topological_graphs import (
    _chain,
    _diamond,
    _dismantle,
    _name,
    _neuron,
    _single,
    _skip,
    _square,
    _twice_late,
)
from micrograd_checks.topological_sort import _watch
from micrograd_checks.watch import Watch
from micrograd_checks.wrapper import checker, function


def _simulate(root, mistake):
    """The gradients a backward pass with `mistake` gives on root's fresh graph (micrograd's order)."""
    order = topological_order(root)
    for node in order:
        node.grad = 0.0
    root.grad = 0.0 if mistake == "no seed" else 1.0
    walk = order if mistake == "no reversed" else list(reversed(order))
    for node in walk:
        pairs = zip(node._children, node._local_grads)
        if mistake == "dedup":
            pairs = dict(pairs).items()
        for child, local in pairs:
            if mistake == "nothing passed":
                continue
            if mistake == "assign":
                child.grad = local * node.grad
            elif mistake == "local only":
                child.grad += local
            else:
                child.grad += local * node.grad
    return [n.grad for n in order]


_BACKWARD_HINTS = {
    "no seed": Hint(
        "Every gradient came out 0, the root's too. What is d(root)/d(root), and is it still "
        "there when the backward pass starts?",
        "Set root.grad = 1 after resetting the other nodes, before walking them.",
        key="seed",
    ),
    "no reversed": Hint(
        "Some nodes passed their gradient on before they had received it.",
        "Walk the nodes from the root towards the leaves: reversed(topological order).",
        key="reversed",
    ),
    "assign": Hint(
        "A node used by several others (or twice by one) keeps only one of its contributions.",
        "Accumulate with child.grad += ... instead of child.grad = ....",
        key="accumulate",
    ),
    "local only": Hint(
        "Each child got its local derivative alone: that is how the node changes with the child, "
        "not how the root does.",
        "Multiply by the parent's gradient: child.grad += local derivative · node.grad.",
        key="local only",
    ),
    "nothing passed": Hint(
        "Only the root has a gradient: nothing reached its children. Does the loop that passes "
        "gradients on run at all (an iterator such as reversed(...) can be used only once), and "
        "does each child get its local derivative times its *parent's* gradient?",
        "For node in reversed(order): for each (child, local derivative) pair, "
        "child.grad += local derivative · node.grad.",
        key="nothing passed",
    ),
}


_DEDUP = Hint(
    "A node whose children list the same node twice (a * a) passes a share to each listing: "
    "kept in a set or a dict, the two listings become one and one share is lost.",
    "Walk the pairs as they are: for child, local_grad in zip(node._children, "
    "node._local_grads): child.grad += local_grad * node.grad.",
    key="dedup",
)

_PREV = Hint(
    "Your backward() reads node._prev, a set: children from _prev come in no fixed order, so "
    "they do not line up with the local derivatives' order (and a * a lists a only once there).",
    "Pair node._children (in the same order as node._local_grads) with them: for child, "
    "local_grad in zip(node._children, node._local_grads): child.grad += local_grad * node.grad.",
    key="prev order",
)

_SEED_LEAF = Hint(
    "The root's gradient is 0 but a leaf got one: the 1 went to the wrong node (the first of "
    "your order is a leaf).",
    "Seed the node backward() was given, the last one of the order: root.grad = 1.",
    key="seed leaf",
)


class _PrevWatch(Watch):
    """Also notes whether `caller` (the learner's backward) itself reads a node's `_prev`."""

    caller = None
    prev = False

    def _profile(self, frame, event, arg):
        super()._profile(frame, event, arg)
        if (
            event == "call"
            and frame.f_code.co_name == "_prev"
            and frame.f_back is not None
            and frame.f_back.f_code is self.caller
        ):
            self.prev = True


def _twice(check, nodes, once, case):
    """A second backward(): the leaves' gradients double, every other node's stay the same."""
    case += " (calling backward() a second time)"
    leaves = [k for k, n in enumerate(nodes) if not n._children]
    got = [n.grad for n in nodes]
    if (
        leaves
        and all(is_close(got[k], once[k], 1e-9) for k in leaves)
        and any(once[k] for k in leaves)
    ):
        hint = Hint(
            "Your backward() reset the leaves' gradients. Leaves accumulate: a second backward() "
            "adds to them, and resetting them is the training loop's job (zero_grad()).",
            "Set only the nodes with children to 0 at the start of backward(), not the leaves.",
            key="reset leaves",
        )
    else:
        hint = Hint(
            "The nodes computed from others kept the gradients of the first pass, so the second "
            "pass passed old gradients on to the leaves.",
            "At the start of backward(), set the grad of every node with children to 0 (leave the "
            "leaves alone), then set the root's to 1.",
            key="stale results",
        )
    for k, node in enumerate(nodes):
        if k == len(nodes) - 1 and not node._children:
            continue  # a root that is a leaf: 1 or 2 after two passes are both fine
        want = 2 * once[k] if not node._children else once[k]
        check.close(got[k], want, case, what=f"grad of {_name(node)}", tol=1e-9, hint=hint)


def _deep_chain(n=10_000):
    x = Value(0.25, label="x0")
    root = x
    for _ in range(n):
        root = root * 1.0 + 0.5
    return f"a chain {n:,} operations deep: x = x * 1.0 + 0.5", x, root


_DEEP = (
    "Your backward() recurses, and a graph 10,000 operations deep runs a recursive function out of "
    "stack: take the order from your topo_sort_iterative() (exercise 4.2)."
)


@checker("4.3", "backward()", function("backward"))
def check_backward(check, backward):
    """Exercise 4.3: backward(root) fills in every node's grad; leaves accumulate."""
    graphs = []
    for make in [_single, _chain, _square, _diamond, _neuron, _skip, _twice_late]:
        case, root = make()
        nodes = topological_order(root)
        _, reference = make()
        mistakes = {m: _simulate(make()[1], m) for m in [*_BACKWARD_HINTS, "dedup"]}
        reference.backward()
        expected = [n.grad for n in topological_order(reference)]
        watch = _watch(kind=_PrevWatch)
        watch.caller = getattr(backward, "__code__", None)
        check.call(backward, root, case=case, watch=watch)
        prev = watch.prev
        got = [n.grad for n in nodes]

        def like(m, got=got, expected=expected, mistakes=mistakes):
            return mistakes[m] != expected and all(
                is_close(g, w, 1e-9) for g, w in zip(got, mistakes[m])
            )

        seeded_leaf = got[-1] == 0 and any(g for n, g in zip(nodes, got) if not n._children)
        hint = (
            _SEED_LEAF
            if seeded_leaf and nodes[-1]._children
            else next(
                (h for m, h in _BACKWARD_HINTS.items() if like(m)),
                _PREV
                if prev
                else _DEDUP
                if like("dedup")
                else Hint(
                    "For each node, from the root backwards, pass its gradient on to its children.",
                    "For each (child, local derivative) pair: child.grad += local derivative · node.grad.",
                    key="recipe",
                ),
            )
        )
        for node, want in zip(nodes, expected):
            check.close(node.grad, want, case, what=f"grad of {_name(node)}", tol=1e-9, hint=hint)
        graphs.append((case, root, nodes, expected))
    for case, root, nodes, expected in graphs:  # once every first pass is right: the second
        check.call(
            backward, root, case=case + " (calling backward() a second time)", watch=_watch()
        )
        _twice(check, nodes, expected, case)
    case, start, root = _deep_chain()
    try:
        check.call(
            backward,
            root,
            case=case,
            hints={RecursionError: _DEEP},
            watch=_watch(recursion=False, recursion_hint=_DEEP),
        )
        check.close(root.grad, 1.0, case, what="grad of the root", tol=1e-9)
        check.close(start.grad, 1.0, case, what="grad of the start value x0", tol=1e-9)
    finally:
        _dismantle(root)
    check.passed()
