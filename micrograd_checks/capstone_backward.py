"""Self-checks for the capstone, part 8.5: topological sort and an iterative backward()
(see micrograd_checks.capstone for how your class is read)."""

from micrograd.engine import topological_order

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import capstone_cases as cases
from micrograd_checks import own_code
from micrograd_checks.capstone_backward_calls import (
    _RECURSION,
    _fresh_graphs,
    _graphs,
    _reference_graphs,
    _twice,
    _twice_hint,
    _watch,
)
from micrograd_checks.core import CheckFailed, Hint
from micrograd_checks.wrapper import checker, function, klass


def _validate_order(check, order, root, case):
    everything = adapter.nodes(root)
    if not isinstance(order, (list, tuple)):
        hint = Hint(
            "topological_sort() gave back None: does it end with `return`?"
            if order is None
            else f"topological_sort() gave a {type(order).__name__}, not a list.",
            "Build the order in a list and return that list.",
            key="order type",
        )
        raise check.fail(
            "topological_sort() should return a list of nodes", case=case, got=order, hint=hint
        )
    seen, position = set(), {}
    for k, node in enumerate(order):
        if id(node) in seen:
            hint = Hint(
                "A node that several others use must still appear only once.",
                "Keep a set of the nodes you have visited and skip a node that is already in it.",
                key="twice",
            )
            raise check.fail(f"a node appears more than once ({node!r})", case=case, hint=hint)
        seen.add(id(node))
        position[id(node)] = k
    if id(root) not in seen and len(seen) == len(everything) - 1:
        hint = Hint(
            "The root is a node of its own graph too, the last one of the order.",
            "Append every node you visit, the root included, once its children are in.",
            key="no root",
        )
        raise check.fail("the root itself is missing from the order", case=case, hint=hint)
    if len(seen) != len(everything) or any(id(n) not in seen for n in everything):
        hint = Hint(
            "Some nodes of the graph are missing from your order.",
            "Visit every child of every node, starting from the root.",
            key="missing",
        )
        raise check.fail(
            f"the order should hold all {len(everything)} nodes, it holds {len(order)}",
            case=case,
            hint=hint,
        )
    links = [(node, kid) for node in everything for kid in adapter.children(node)]
    wrong = [(node, kid) for node, kid in links if position[id(kid)] > position[id(node)]]
    if wrong and len(wrong) == len(links):
        hint = Hint(
            "Your order is back to front: it starts with the root and ends with the leaves.",
            "Return the order with the children first and the root last (do not reverse it: "
            "backward() walks it in reverse).",
            key="root first",
        )
        raise check.fail(
            "the order puts the root first, every node before its children", case=case, hint=hint
        )
    for node, kid in wrong:
        hint = Hint(
            "A node came before one of its children.",
            "Append a node only after all of its children: children first, the root last.",
            key="order",
        )
        raise check.fail(f"{node!r} comes before its child {kid!r}", case=case, hint=hint)
    check.ok()


def _sorted_twice(check, topological_sort, root, case):
    """topological_sort() on the same graph twice: both orders must be right (no state kept)."""
    _validate_order(
        check, check.call(topological_sort, root, case=case, watch=_watch()), root, case
    )
    again = check.call(topological_sort, root, case=case, watch=_watch())
    try:
        _validate_order(check, again, root, case + ", topological_sort() called a second time")
    except CheckFailed:
        hint = Hint(
            "The first call gave a right order, the second call on the same graph did not: your "
            "function keeps something from one call to the next.",
            "Make the visited set and the order inside the function, fresh on every call (not a "
            "default argument such as visited=set(), not a global).",
            key="state",
        )
        raise check.fail(
            "a second call of topological_sort() on the same graph gave a wrong order",
            case=case,
            hint=hint,
        ) from None


def _without_chain(ref_root, ref_leaves):
    """The leaves' gradients if each child got only its local derivative (times the root's 1),
    not times the gradient of the node being walked."""
    grads = {id(ref_root): 1.0}
    for node in reversed(topological_order(ref_root)):
        for child, local in zip(node._children, node._local_grads):
            grads[id(child)] = grads.get(id(child), 0.0) + local
    return [grads.get(id(leaf), 0.0) for leaf in ref_leaves]


def _backward_hint(root, got, reference, ref=None):
    if root.grad == 0:
        return Hint(
            "Every gradient is 0, your root's too. What is the derivative of the root with respect to itself?",
            "Set the root's grad to 1 before walking the nodes.",
            key="seed",
        )
    kids = adapter.children(root)
    if kids and all(kid.grad == 0 for kid in kids) and any(r != 0 for r in reference):
        return Hint(
            "The root's own children got no gradient: the root never passed its gradient on.",
            "Walk every node of reversed(topological_sort(root)), the root first, none left out.",
            key="root skipped",
        )
    if any(g == 0 for g in got) and all(r != 0 for r in reference):
        return Hint(
            "Some gradients stayed 0: a node passed its gradient on before it had received it.",
            "Walk the nodes from the root back to the leaves: reversed(topological_sort(root)).",
            key="reversed",
        )
    if ref is not None and all(
        adapter.close(g, w, 1e-9) for g, w in zip(got, _without_chain(*ref))
    ):
        return Hint(
            "Each child should get its local derivative times the gradient of the node being "
            "walked: the chain rule multiplies along the path.",
            "child.grad += local_grad * node.grad, with node the node you are walking (not the root).",
            key="chain",
        )
    return Hint(
        "A node that feeds several others gets a contribution from each of them.",
        "Add to a child's grad (`child.grad += ...`) instead of overwriting it.",
        key="accumulate",
    )


def _deep_chain(Value, n=10_000):
    x = Value(0.25)
    root = x
    for _ in range(n):
        root = root * 1.0 + 0.5
    return x, root


@checker("8.5", "topological_sort() and backward()", klass("Value"), function("topological_sort"))
def check_own_backward(check, Value, topological_sort):
    """Exercise 8.5: topological_sort(root) and an iterative backward() that works 10,000 nodes deep."""
    own_code.refuse_classes(check, [Value], what="your own Value class")
    for (case, root, leaves), (ref_root, ref_leaves) in zip(_graphs(Value), _reference_graphs()):
        _sorted_twice(check, topological_sort, root, case)
        root.grad = 0.0
        check.call(root.backward, case=case, watch=_watch())
        check.close(
            root.grad,
            1.0,
            case,
            what="gradient of the root",
            hint=_backward_hint(root, [root.grad], [1.0]),
        )
        ref_root.backward()
        got = [leaf.grad for leaf in leaves]
        want = [leaf.grad for leaf in ref_leaves]
        for k, (g, w) in enumerate(zip(got, want)):
            check.close(
                g,
                w,
                case,
                what=f"gradient of leaf {k}",
                hint=_backward_hint(root, got, want, (ref_root, ref_leaves)),
            )
        _twice(check, root, leaves, want, case)
    _fresh_graphs(check, Value)
    case = "a chain 10,000 operations deep: x = x * 1.0 + 0.5, ten thousand times"
    x, root = _deep_chain(Value)
    graph = adapter.nodes(root)
    try:
        order = check.call(topological_sort, root, case=case, hints=_RECURSION, watch=_watch())
        _validate_order(check, order, root, case)
        for times in (1, 2):  # the second pass adds to x's gradient: leaves accumulate
            check.call(root.backward, case=case, hints=_RECURSION, watch=_watch())
            check.close(
                x.grad,
                float(times),
                case if times == 1 else case + ", backward() called a second time",
                what="gradient of x",
                hint="Every step passes the gradient on unchanged."
                if times == 1
                else _twice_hint(x.grad == 1.0),
            )
    finally:
        adapter.unlink(graph)

    def validate(root, case):
        _validate_order(check, check.call(topological_sort, root, case=case), root, case)

    cases.compare_programs(
        check, Value, cases.ALL, 8, seed=None, learner_backward=True, validate=validate
    )
    check.passed()
