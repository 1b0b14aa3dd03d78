"""Self-checks for the capstone, part 8.5: the graphs it walks and what backward() must do when
it is called again, on the same graph or on new ones (used by micrograd_checks.capstone_backward)."""

from micrograd.engine import Value as Reference

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks.core import Hint
from micrograd_checks.watch import Watch


def _graphs(Value):
    """(description, root, leaves) of small graphs built with the learner's class."""
    a, b = Value(2.0), Value(-3.0)
    s = a * b
    t = s + a
    yield "a diamond: s = a * b, t = s + a, root = t * s", t * s, [a, b]
    x = Value(0.5)
    yield "a chain: root = ((x * 2) * 3) + 1", ((x * 2.0) * 3.0) + 1.0, [x]
    c = Value(1.5)
    yield "root = c * c + c (c used three times)", c * c + c, [c]
    d = Value(-0.5)
    yield "root = d * d (both children are d)", d * d, [d]


def _reference_graphs():
    a, b = Reference(2.0), Reference(-3.0)
    s = a * b
    yield (s + a) * s, [a, b]
    x = Reference(0.5)
    yield ((x * 2.0) * 3.0) + 1.0, [x]
    c = Reference(1.5)
    yield c * c + c, [c]
    d = Reference(-0.5)
    yield d * d, [d]


def _twice_hint(reset):
    if reset:
        return Hint(
            "Your backward() reset the leaves' gradients. Leaves accumulate: a second "
            "backward() adds to them, and resetting them is the training loop's job "
            "(zero_grad()).",
            "Set only the nodes with children to 0 at the start of backward(), not the leaves.",
            key="reset leaves",
        )
    return Hint(
        "The nodes computed from others kept the gradients of the first pass, so the "
        "second pass passed old gradients on to the leaves.",
        "At the start of backward(), set the grad of every node with children to 0 "
        "(leave the leaves alone), then set the root's to 1.",
        key="stale results",
    )


def _twice(check, root, leaves, once, case):
    """A second backward() on the same graph doubles the leaves' gradients (leaves accumulate)."""
    case += ", backward() called a second time"
    check.call(root.backward, case=case, watch=_watch())
    got = [leaf.grad for leaf in leaves]
    reset = all(adapter.close(a, b, 1e-9) for a, b in zip(got, once)) and any(once)
    for k, (g, w) in enumerate(zip(got, once)):
        problem = (
            "the second backward() did not add to the leaves' gradients"
            if reset
            else f"wrong gradient of leaf {k}"
        )
        if not adapter.close(g, 2 * w, 1e-9):
            raise check.fail(problem, case=case, expected=2 * w, got=g, hint=_twice_hint(reset))
        check.ok()


def _same_root_data(Value):
    """Graphs built anew, some identical to the ones already walked, some different with a root
    of the same value: backward() must walk each new graph, whatever it saw before."""
    for (case, root, leaves), (ref_root, ref_leaves) in zip(_graphs(Value), _reference_graphs()):
        yield case + ", built again from new nodes", root, leaves, ref_root, ref_leaves
    p, q = Value(1.5), Value(2.0)
    r, s = Reference(1.5), Reference(2.0)
    yield (
        "root = p * q + 0.75 (its value 3.75, like c * c + c's)",
        p * q + 0.75,
        [p, q],
        r * s + 0.75,
        [r, s],
    )
    u = Value(-0.25)
    w = Reference(-0.25)
    yield (
        "root = (u + -0.25) * (u + -0.25) (its value 0.25, like d * d's)",
        (u + -0.25) * (u + -0.25),
        [u],
        (w + -0.25) * (w + -0.25),
        [w],
    )


def _fresh_graphs(check, Value):
    """backward() on new graphs after the first ones: a learner's backward() that keeps the order
    (or anything else) from an earlier call leaves the new graph's leaves without gradients."""
    for case, root, leaves, ref_root, ref_leaves in _same_root_data(Value):
        check.call(root.backward, case=case, watch=_watch())
        ref_root.backward()
        for k, (leaf, ref) in enumerate(zip(leaves, ref_leaves)):
            hint = Hint(
                "backward() gave right gradients on the first graphs but not on a new graph built "
                "later: your backward() keeps something from an earlier call (an order, a set of "
                "visited nodes, a cache) and uses it for the new graph.",
                "Compute the order from the root inside backward(), fresh on every call: no "
                "global, no cache, no default argument that outlives the call.",
                key="kept state",
            )
            check.close(
                leaf.grad,
                ref.grad,
                case,
                what=f"gradient of leaf {k} (backward() keeps something from an earlier call?)",
                hint=hint,
            )


_OUT_OF_STACK = (
    "A recursive function calls itself once per node, and a graph 10,000 deep runs Python out of "
    "stack (raising the recursion limit only moves the crash): keep your own stack, a list of the "
    "nodes still to visit, instead of calling a function from itself."
)
_RECURSION = {RecursionError: _OUT_OF_STACK}


def _watch():
    """Run the learner's sort or backward() refusing recursion and any call into micrograd."""
    return Watch(
        "all",
        "This part asks for your own topological sort and backward(): walk your own nodes' "
        "children, without micrograd's topological_order() or Value.backward().",
        recursion=False,
        recursion_hint=_OUT_OF_STACK,
    )
