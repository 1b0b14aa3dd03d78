"""Self-checks for the exercises of chapter 4, topological sort and backward() (see micrograd_checks).

Orders are checked for the property they must have (every node once, children after or before
their parents), not against one particular order; gradients against micrograd's `backward()`.
"""

from micrograd.engine import Value, topological_order

from micrograd_checks.core import CheckFailed, Hint
from micrograd_checks.topological_borrowed import _KAHN, _SortWatch
from micrograd_checks.topological_graphs import (
    _GRAPHS,
    _chain,
    _diamond,
    _dismantle,
    _doubling,
    _name,
    _neuron,
    _single,
    _skip,
    _square,
    _twice_deep,
    _twice_late,
)
from micrograd_checks.watch import Watch
from micrograd_checks.wrapper import checker, function

# micrograd's own graph walks: the exercises of this chapter ask you to write them
_PACKAGE_WALKS = {"topological_order", "backward", "_backward"}
_OWN_WALK = (
    "The exercise asks for your own walk over the graph: use node._children, not micrograd's "
    "topological_order() or backward(), which already do it."
)


def _watch(recursion=True, recursion_hint=None, kind=Watch, **options):
    return kind(
        _PACKAGE_WALKS,
        _OWN_WALK,
        recursion=recursion,
        recursion_hint=recursion_hint
        or "A deep graph runs a recursive function out of stack (raising the recursion "
        "limit only moves the crash): keep your own stack, a list of the nodes still to visit, "
        "instead of calling a function from itself.",
        **options,
    )


_POST_ORDER_HINT = (
    "Append a node only after all of its children (and theirs) are in the list: children first."
)


def _validate_order(check, order, root, case, root_first=False, earlier=()):
    """Fail unless `order` holds every node of root's graph once, children after (or before) parents."""
    if not isinstance(order, (list, tuple)):
        raise check.fail("it should return a list of nodes", case=case, got=order)
    nodes = topological_order(root)
    known = {id(n) for n in nodes}
    seen = set()
    for item in order:
        if id(item) not in known:
            raise check.fail(
                f"the list holds {item!r}, which is not a node of this graph",
                case=case,
                hint=_STATE
                if any(id(i) in earlier for i in order)
                else "Return the graph's own nodes, once each. Is a list from an earlier call "
                "still around (a default argument, or a list made outside the function)?",
            )
        if id(item) in seen:
            hint = "Keep a set of the nodes you have visited and skip any node already in it."
            raise check.fail(f"{_name(item)} appears more than once", case=case, hint=hint)
        seen.add(id(item))
    missing = [n for n in nodes if id(n) not in seen]
    if missing and root_first:
        hint = Hint(
            "Those nodes never became ready: their count of parents never came down to 0.",
            "Count one parent per edge, scanning each node's children once, take one off per "
            "edge as you emit, and a child is ready when its count is exactly 0.",
            key="kahn missing",
        )
        raise check.fail(
            f"{len(missing)} of the {len(nodes)} nodes are missing, e.g. {_name(missing[0])}",
            case=case,
            hint=hint,
        )
    if missing:
        hint = "Visit every child of every node, starting from the root."
        raise check.fail(
            f"{len(missing)} of the {len(nodes)} nodes are missing, e.g. {_name(missing[0])}",
            case=case,
            hint=hint,
        )
    position = {id(n): i for i, n in enumerate(order)}
    wrong_way = [
        node
        for node in order
        for child in node._children
        if (position[id(child)] < position[id(node)]) == root_first
        and position[id(child)] != position[id(node)]
    ]
    if wrong_way and len(wrong_way) == sum(len(n._children) for n in order if n._children):
        raise check.fail(
            "the order is reversed: "
            + ("children come first" if root_first else "the root comes first"),
            case=case,
            hint="Kahn's order starts at the root: every node before its children."
            if root_first
            else "A topological order for backward() lists every node after its children (the root "
            "last): append a node once all of its children are in the list.",
        )
    for node in order:
        for child in node._children:
            if root_first and position[id(child)] < position[id(node)]:
                doubled = any(
                    list(n._children).count(child) > 1 for n in nodes if child in n._children
                )
                if doubled:
                    hint = Hint(
                        f"{_name(child)} is used twice by the same parent (as in a * a), and your count "
                        "of its parents reached 0 too early.",
                        "Count one parent per edge: `for child in node._children: count[child] += 1`, "
                        "without set(), since the emitting loop also takes one off per edge.",
                        key="kahn twice",
                    )
                else:
                    hint = Hint(
                        "Emit a node only once all of its parents have been emitted.",
                        "Count each node's parents first, and emit a child when its count drops to zero.",
                        key="kahn order",
                    )
                raise check.fail(
                    f"{_name(child)} comes before its parent, {_name(node)}",
                    case=case,
                    hint=hint,
                )
            if not root_first and position[id(child)] > position[id(node)]:
                raise check.fail(
                    f"{_name(node)} comes before its child, {_name(child)}",
                    case=case,
                    hint=_POST_ORDER_HINT,
                )
    check.ok()


_STATE = Hint(
    "Your function kept something from an earlier call: a list or set made once, as a default "
    "argument (visited=set()) or outside the function.",
    "Make every list, set and dict it uses inside the function, so that each call starts afresh.",
    key="state",
)


class _Budget(_SortWatch):
    """A Watch with a small step budget, for a graph a sort without a visited set takes forever on."""

    def verdict(self, check, case):
        if self.endless:
            raise check.fail(
                "your code was still running long after every node had been seen",
                case=case,
                hint=Hint(
                    "It reaches a shared node again along every path, and the paths double at "
                    "each level: remember which nodes you have visited.",
                    "Keep a set of visited nodes and skip a node that is already in it.",
                    key="exponential",
                ),
            )
        super().verdict(check, case)


def _unchanged(check, before, case):
    """Fail if the learner's code changed the graph it was given (children, data or grad)."""
    for node, children, data, grad in before:
        if tuple(node._children) != children:
            raise check.fail(
                f"your code changed the graph: {_name(node)} has other children now",
                case=case,
                hint="Read node._children without changing it (the graph is still needed after "
                "the sort, by backward()): keep what is left to do in a list of your own.",
            )
        for what, was, now in (("data", data, node.data), ("grad", grad, node.grad)):
            if now != was:
                raise check.fail(
                    f"your code changed the graph it was given: the {what} of {_name(node)} "
                    f"was {was!r}, now {now!r}",
                    case=case,
                    hint=Hint(
                        "A sort only reads the graph: the nodes' data and grad belong to the "
                        "forward and backward passes. Keep your own counts and marks.",
                        "Keep what you count per node in a dict of your own, e.g. "
                        "parents = {root: 0}, not in node.grad or node.data.",
                        key="graph changed",
                    ),
                )


def _check_sort(
    check, sort, graphs, root_first=False, hints=None, recursion=True, deep=(), banned=(), why=None
):
    earlier, alive = (
        set(),
        [],
    )  # the nodes of the graphs sorted before (kept alive: ids stay theirs)
    reversals = []  # per first call: whose order, reversed, it returned (None: its own)
    for make in [*graphs, _doubling, *deep]:
        case, root = make()
        try:
            # a second call on the same graph shows state kept between calls (small graphs do)
            for attempt in ("",) if make in deep else ("", ", sorted a second time"):
                watch = (
                    _watch(recursion, kind=_Budget, steps=300_000)
                    if make is _doubling
                    else _watch(recursion, kind=_SortWatch)
                )
                watch.banned = banned
                watch.borrowed_hint = why or _OWN_WALK
                nodes = topological_order(root)
                for k, node in enumerate(nodes):  # grads the sort must leave alone
                    node.grad = 0.25 + 0.5 * k
                before = [(n, tuple(n._children), n.data, n.grad) for n in nodes]
                order = check.call(sort, root, case=case + attempt, hints=hints, watch=watch)
                _unchanged(check, before, case + attempt)
                if banned and not attempt:
                    reversals.append(watch.reversed_from(order))
                try:
                    _validate_order(check, order, root, case + attempt, root_first, earlier)
                except CheckFailed as failure:
                    if not attempt:
                        raise
                    count = len(order) if isinstance(order, (list, tuple)) else "?"
                    raise check.fail(
                        "a second call on the same graph gives a wrong order (its list holds "
                        f"{count} items, the graph {len(topological_order(root))} nodes)",
                        case=case + attempt,
                        hint=_STATE,
                    ) from failure
            nodes = topological_order(root)
            earlier.update(id(n) for n in nodes)
            alive.extend(nodes)
        finally:
            _dismantle(root)
    if reversals and all(reversals):
        raise check.fail(
            f"your code returns your {reversals[0]}()'s order reversed, on every graph",
            case="every graph above",
            hint=why or _OWN_WALK,
        )


@checker("4.1", "topo_sort()", function("topo_sort"))
def check_topo_sort(check, topo_sort):
    """Exercise 4.1: a recursive topological sort, children before parents."""
    _check_sort(check, topo_sort, _GRAPHS)
    check.passed()


def _deep_chain(n=20_000):
    x = Value(0.0, label="x0")
    for _ in range(n):
        x = x + 1.0
    return f"a chain {n:,} additions deep", x


@checker("4.2", "topo_sort_iterative()", function("topo_sort_iterative"))
def check_topo_sort_iterative(check, topo_sort_iterative):
    """Exercise 4.2: the same order without recursion (works on graphs of any depth)."""
    hints = {
        RecursionError: "Your function still recurses, and a deep graph runs it out of stack: keep your own "
        "stack (a list) of the nodes still to visit instead of calling a function from itself."
    }
    _check_sort(
        check, topo_sort_iterative, _GRAPHS, hints=hints, recursion=False, deep=[_deep_chain]
    )
    check.passed()


@checker("4.4", "kahn_order()", function("kahn_order"))
def check_kahn_order(check, kahn_order):
    """Exercise 4.4: Kahn's algorithm, the root first and every node before its children."""
    _check_sort(
        check,
        kahn_order,
        [_skip, _square, _twice_late, _twice_deep, _diamond, _neuron, _chain, _single],
        root_first=True,
        banned=("topo_sort", "topo_sort_iterative"),
        why=_KAHN,
    )
    check.passed()
