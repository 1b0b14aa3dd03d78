"""Self-checks for the capstone, part 8.5: topological sort and an iterative backward()
(see micrograd_checks.capstone for how your class is read)."""

from micrograd.engine import Value as Reference

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import capstone_cases as cases
from micrograd_checks import own_code
from micrograd_checks.core import Hint
from micrograd_checks.wrapper import checker, function, klass


def _validate_order(check, order, root, case):
    everything = adapter.nodes(root)
    if not isinstance(order, (list, tuple)):
        raise check.fail("topological_sort() should return a list of nodes", case=case, got=order)
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
    for node in everything:
        for kid in adapter.children(node):
            if position[id(kid)] > position[id(node)]:
                hint = Hint(
                    "A node came before one of its children.",
                    "Append a node only after all of its children: children first, the root last.",
                    key="order",
                )
                raise check.fail(f"{node!r} comes before its child {kid!r}", case=case, hint=hint)
    check.ok()


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


def _backward_hint(root, got, reference):
    if root.grad == 0:
        return Hint(
            "Every gradient is 0, your root's too. What is the derivative of the root with respect to itself?",
            "Set the root's grad to 1 before walking the nodes.",
            key="seed",
        )
    if any(g == 0 for g in got) and all(r != 0 for r in reference):
        return Hint(
            "Some gradients stayed 0: a node passed its gradient on before it had received it.",
            "Walk the nodes from the root back to the leaves: reversed(topological_sort(root)).",
            key="reversed",
        )
    return Hint(
        "A node that feeds several others gets a contribution from each of them.",
        "Add to a child's grad (`child.grad += ...`) instead of overwriting it.",
        key="accumulate",
    )


def _twice(check, root, leaves, once, case):
    """A second backward() on the same graph doubles the leaves' gradients (leaves accumulate)."""
    case += ", backward() called a second time"
    check.call(root.backward, case=case)
    got = [leaf.grad for leaf in leaves]
    for k, (g, w) in enumerate(zip(got, once)):
        if all(adapter.close(a, b, 1e-9) for a, b in zip(got, once)) and any(once):
            hint = Hint(
                "Your backward() reset the leaves' gradients. Leaves accumulate: a second "
                "backward() adds to them, and resetting them is the training loop's job "
                "(zero_grad()).",
                "Set only the nodes with children to 0 at the start of backward(), not the leaves.",
                key="reset leaves",
            )
            problem = "the second backward() did not add to the leaves' gradients"
        else:
            hint = Hint(
                "The nodes computed from others kept the gradients of the first pass, so the "
                "second pass passed old gradients on to the leaves.",
                "At the start of backward(), set the grad of every node with children to 0 "
                "(leave the leaves alone), then set the root's to 1.",
                key="stale results",
            )
            problem = f"wrong gradient of leaf {k}"
        if not adapter.close(g, 2 * w, 1e-9):
            raise check.fail(problem, case=case, expected=2 * w, got=g, hint=hint)
        check.ok()


_RECURSION = {
    RecursionError: Hint(
        "Your code calls itself once per node, and a 10,000-deep graph runs Python out of stack.",
        "Keep your own stack (a list) of the nodes still to visit instead of recursing.",
        key="recursion",
    )
}


def _unlink(nodes):
    """Drop every link between the nodes, so that freeing a 10,000-deep graph never recurses
    (the in-page Python has a small C stack). Works for any design: attributes or slots."""
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
        _validate_order(check, check.call(topological_sort, root, case=case), root, case)
        root.grad = 0.0
        with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
            check.call(topological_sort, root, case=case)
            check.call(root.backward, case=case)
        own_code.refuse_delegation(
            check, seen, {own_code.ENGINE, own_code.NN}, case, "your own backward()"
        )
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
                g, w, case, what=f"gradient of leaf {k}", hint=_backward_hint(root, got, want)
            )
        _twice(check, root, leaves, want, case)
    case = "a chain 10,000 operations deep: x = x * 1.0 + 0.5, ten thousand times"
    x, root = _deep_chain(Value)
    graph = adapter.nodes(root)
    try:
        order = check.call(topological_sort, root, case=case, hints=_RECURSION)
        total = len(graph)
        if not isinstance(order, (list, tuple)) or len(order) != total:
            raise check.fail(
                f"topological_sort() should return all {total:,} nodes",
                case=case,
                got=len(order) if isinstance(order, (list, tuple)) else order,
            )
        check.ok()
        check.call(root.backward, case=case, hints=_RECURSION)
        check.close(
            x.grad,
            1.0,
            case,
            what="gradient of x",
            hint="Every step passes the gradient on unchanged.",
        )
    finally:
        _unlink(graph)

    def validate(root, case):
        _validate_order(check, check.call(topological_sort, root, case=case), root, case)

    cases.compare_programs(
        check, Value, cases.ALL, 8, seed=None, learner_backward=True, validate=validate
    )
    check.passed()
