"""The machinery of chapter 3's checks: build an expression from the learner's Scalar and from
micrograd's Value, check the learner's graph (its own class, tuples of children, numbers for local
derivatives, no calls into micrograd, operands left unchanged), and compare values and gradients.
"""

from numbers import Real

from micrograd.engine import Value

from micrograd_checks.core import Hint, LearnerError, is_close
from micrograd_checks.scalar_errors import provided_or_recursion
from micrograd_checks.watch import Watch

_VALUE_HINT = (
    "The result's data is wrong: compute the new Scalar's data from self.data (and other.data)."
)
_OWN = (
    "This chapter asks for your own Scalar: compute with plain numbers (math.exp, math.log...) "
    "and build Scalars, without micrograd's Value."
)
_TUPLE_HINT = Hint(
    "Give Scalar(...) the children as one tuple (or list) and the local derivatives as another, "
    "even when there is only one child: look closely at how Python writes a tuple of one item.",
    "(self) is only self in brackets; a tuple of one needs a comma: (self,) and (-1.0,).",
    key="tuple of one",
)


def _own_class(check, Scalar):
    """Refuse micrograd's Value (itself or a subclass) where the learner's Scalar is asked for."""
    if Scalar is Value or issubclass(Scalar, Value):
        what = "is micrograd's Value" if Scalar is Value else "is built on micrograd's Value"
        raise check.fail(f"the class you passed {what}", hint=_OWN)


def _watch():
    return Watch("all", _OWN)


def _call(check, Scalar, fn, *args, case, label, hints=None):
    """check.call under watch; an error in the given Scalar code or an endless recursion is named."""
    try:
        return check.call(fn, *args, case=case, hints=hints, watch=_watch())
    except LearnerError as failure:
        better = provided_or_recursion(check, Scalar, failure.__context__, case, label)
        if better is None:
            raise
        raise better from None


def _nodes(out):
    """Every Scalar of out's graph (through `children`), out first; stops at odd containers."""
    seen, stack, nodes = set(), [out], []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        nodes.append(node)
        children = getattr(node, "children", ())
        if isinstance(children, (tuple, list)):
            stack.extend(children)
    return nodes


def _check_containers(check, node, case):
    """children and local_grads are tuples or lists (not a set, a dict, one Scalar, one number)."""
    for name, kept in (("children", node.children), ("local derivatives", node.local_grads)):
        kind = type(kept).__name__
        if isinstance(kept, (set, frozenset, dict)):
            raise check.fail(
                f"a Scalar keeps its {name} in a {kind}",
                case=case,
                hint=f"Keep them in a tuple, one entry per operand, in the same order: a {kind} "
                "keeps only one entry for a used twice in `a + a` (and loses the order that pairs "
                "each child with its local derivative).",
            )
        if callable(kept) and not isinstance(kept, type(node)):
            raise check.fail(
                f"a Scalar's {name} are a function, not a tuple",
                case=case,
                hint="Store them as a tuple of values worked out now, from the plain numbers: "
                "backward() pairs each child with a number and multiplies it by a gradient.",
            )
        if not isinstance(kept, (tuple, list)):
            raise check.fail(
                f"a Scalar's {name} are one {kind}, not a tuple of them",
                case=case,
                hint=_TUPLE_HINT,
            )


def _check_structure(check, out, case):
    """Each node keeps a tuple of children and a local derivative (a number) for each of them."""
    for node in _nodes(out):
        if not hasattr(node, "children") or not hasattr(node, "local_grads"):
            continue  # the given class was changed: the comparison of values and gradients judges
        _check_containers(check, node, case)
        children, grads = node.children, node.local_grads
        for child in children:
            if not isinstance(child, type(out)):
                raise check.fail(
                    f"a child is a {type(child).__name__}, not a Scalar",
                    case=case,
                    hint="Keep the Scalars themselves as children (make a plain number a Scalar "
                    "first): backward() walks through them and sets their .grad.",
                )
        if len(children) != len(grads):
            raise check.fail(
                f"a Scalar has {len(children)} child{'ren' * (len(children) != 1)} but "
                f"{len(grads)} local derivatives",
                case=case,
                hint="Store one local derivative per child, in the same order as the children.",
            )
        for g in grads:
            if callable(g):
                raise check.fail(
                    "a local derivative is a function, not a number",
                    case=case,
                    hint="Store each local derivative as a number: its value at this point, worked "
                    "out from the plain numbers (backward() multiplies it by a gradient).",
                )
            if not isinstance(g, Real) or isinstance(g, bool):
                raise check.fail(
                    f"a local derivative is a {type(g).__name__}, not a number",
                    case=case,
                    hint="Store each local derivative as a plain number (use .data of a Scalar).",
                )


def _check_result(check, Scalar, out, label, case):
    if not isinstance(out, Scalar):
        if out is None:
            hint = "Your function returned None: did you forget the `return` statement?"
        else:
            hint = (
                "Return a new Scalar built from self (and other), not a plain number: backward() "
                "needs the node, with its children and local derivatives, to pass gradients back."
            )
        raise check.fail(
            f"{label} returned a {type(out).__name__}, not a Scalar", case=case, got=out, hint=hint
        )


def _check_unchanged(check, leaves, inputs, label, case):
    for name, leaf, x in zip("abc", leaves, inputs, strict=False):
        grown = getattr(leaf, "children", ()) or getattr(leaf, "local_grads", ())
        if leaf.data != x or grown:
            what = (
                "got children" if leaf.data == x else f"its data went from {x:g} to {leaf.data:g}"
            )
            raise check.fail(
                f"{label} changed {name}: {what}",
                case=case,
                hint="An operation must leave its operands as they were (they may be used "
                "elsewhere in the expression): put the result in a new Scalar instead of changing "
                "self or other.",
            )


def _check_swapped(check, out, leaves, ref_leaves, label, case):
    """Two inputs whose gradients came out in each other's place because the result lists its
    children as (b, a) with the local derivatives of (a, b). (With the children in order, the
    same numbers can mean both local derivatives wrong, as with (−1, 1) for a − b.)"""
    if len(leaves) != 2 or leaves[0] is leaves[1]:
        return
    (a, b), (ra, rb) = leaves, ref_leaves
    children = getattr(out, "children", ())
    if len(children) != 2 or children[0] is not b or children[1] is not a:
        return
    grads = [getattr(a, "grad", None), getattr(b, "grad", None)]
    if not all(isinstance(g, Real) for g in grads) or is_close(ra.grad, rb.grad, 1e-6):
        return
    if is_close(grads[0], rb.grad, 1e-9) and is_close(grads[1], ra.grad, 1e-9):
        raise check.fail(
            f"{label}: the gradients of a and b came out in each other's place",
            case=case,
            expected=[ra.grad, rb.grad],
            got=grads,
            hint="backward() pairs the first child with the first local derivative, the second "
            "with the second: keep each local derivative at the same place as its child.",
        )


def _compare_expression(
    check,
    Scalar,
    case,
    build,
    inputs,
    hint,
    reference=None,
    value_hint=None,
    label=None,
    crash_hints=None,
    **special,
):
    """Build the expression from Scalars and from Values; compare the value and every input's
    gradient. `special` may give a hint for `itself` (the result is an operand) and `value` (a
    function of the learner's value that returns a failure, or None, before the comparison)."""
    label = label or case.split(" with ")[0]
    leaves = [Scalar(x) for x in inputs]
    hints = {TypeError: hint, **(crash_hints or {})}
    out = _call(check, Scalar, build, *leaves, case=case, label=label, hints=hints)
    _check_result(check, Scalar, out, label, case)
    _check_unchanged(check, leaves, inputs, label, case)
    _check_structure(check, out, case)
    _call(check, Scalar, out.backward, case=case, label=label)
    ref_leaves = [Value(x) for x in inputs]
    ref = (reference or build)(*ref_leaves)
    ref.backward()
    for name, leaf in zip("abc", leaves, strict=False):
        if out is leaf and not is_close(out.data, ref.data, 1e-9):
            raise check.fail(
                f"{label} returned {name} itself, not a new Scalar",
                case=case,
                expected=ref.data,
                got=out.data,
                hint=special.get("itself")
                or "Return a new Scalar for the result, with the operand as its child: self is "
                "the number you started from.",
            )
    if special.get("value") and isinstance(out.data, Real):
        failure = special["value"](out)
        if failure is not None:
            raise failure
    check.close(out.data, ref.data, case, what=f"value of {label}", hint=value_hint or _VALUE_HINT)
    _check_swapped(check, out, leaves, ref_leaves, label, case)
    reached = {id(node) for node in _nodes(out)}
    for name, leaf, r in zip("abc", leaves, ref_leaves, strict=False):
        if id(leaf) not in reached and r.grad:
            raise check.fail(
                f"{label}: backward() never reached {name}: it is not in the result's graph",
                case=case,
                expected=r.grad,
                got=leaf.grad,
                hint=f"Keep {name} itself (the Scalar) as a child of the result, with its local "
                "derivative: a new Scalar made from plain numbers has no children to pass the "
                "gradient to.",
            )
        check.close(
            leaf.grad,
            r.grad,
            case,
            what=f"gradient of {name} after backward()",
            hint=hint,
        )
    return out


def _run_cases(check, Scalar, cases, hint, value_hint=None):
    for expression, build, inputs in cases:
        names = ", ".join(f"{n} = {x:g}" for n, x in zip("abc", inputs, strict=False))
        case = f"{expression} with {names}"
        _compare_expression(
            check, Scalar, case, build, inputs, hint, value_hint=value_hint, label=expression
        )
