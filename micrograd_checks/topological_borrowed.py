"""Exercises 4.1-4.4 ask for the learner's own sort: a watch that sees the standard library's
graphlib, and which orders the learner's own sorts of 4.1-4.2 returned (a Kahn's order of 4.4 that
is only one of those reversed is refused by `topological_sort._check_sort`)."""

from micrograd_checks.core import Hint
from micrograd_checks.watch import _CHECKS, Watch


def _graphlib_file():
    try:
        import graphlib
    except ImportError:  # pragma: no cover - a Python without it
        return None
    return graphlib.__file__


_GRAPHLIB = _graphlib_file()


class _SortWatch(Watch):
    """A Watch that also refuses the standard library's `graphlib`, and notes the orders that
    `banned` functions (the learner's own sorts of exercises 4.1-4.2, by name) return: a Kahn's
    order that is only one of those reversed is refused (`_check_sort`)."""

    banned = ()
    borrowed = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.returned = []  # (name, ids of the nodes of the list it returned)

    def _profile(self, frame, event, arg):
        super()._profile(frame, event, arg)
        code = frame.f_code
        if event == "call" and _GRAPHLIB and code.co_filename == _GRAPHLIB:
            self.borrowed = "the standard library's graphlib"
        elif (
            event == "return"
            and code.co_name in self.banned
            and not code.co_filename.startswith(_CHECKS)
            and isinstance(arg, list)
        ):
            self.returned.append((code.co_name, [id(n) for n in arg]))

    def reversed_from(self, order):
        """The name of the banned function whose order, reversed, `order` is (or None)."""
        if not isinstance(order, (list, tuple)):
            return None
        ids = [id(n) for n in order]
        return next((name for name, got in self.returned if got[::-1] == ids), None)

    def verdict(self, check, case):
        super().verdict(check, case)
        if self.borrowed:
            raise check.fail(
                f"your code calls {self.borrowed} to do the sort",
                case=case,
                hint=self.borrowed_hint,
            )

    borrowed_hint = (
        "The exercise asks for your own walk over the graph: use node._children, not a "
        "library's sort, which already does it."
    )


_KAHN = Hint(
    "This exercise asks for Kahn's algorithm: count parents, start from the node that has none "
    "(the root), and take a node only once all of its parents are taken.",
    "Count each node's parents in a dict (walk the graph once, adding 1 per edge), then, from a "
    "queue that starts with the root: take a node, append it to the order, and lower each "
    "child's count; a child whose count reaches 0 joins the queue.",
    key="kahn own",
)
