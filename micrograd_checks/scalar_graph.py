"""The machinery of chapter 3's checks: build an expression from the learner's Scalar and from
micrograd's Value, check the learner's graph (its own class, tuples of children, numbers for local
derivatives, no calls into micrograd), and compare values and gradients.
"""

from numbers import Real

from micrograd.engine import Value

from micrograd_checks.watch import Watch

_VALUE_HINT = (
    "The result's data is wrong: compute the new Scalar's data from self.data (and other.data)."
)
_OWN = (
    "This chapter asks for your own Scalar: compute with plain numbers (math.exp, math.log...) "
    "and build Scalars, without micrograd's Value."
)


def _own_class(check, Scalar):
    """Refuse micrograd's Value (itself or a subclass) where the learner's Scalar is asked for."""
    if Scalar is Value or issubclass(Scalar, Value):
        what = "is micrograd's Value" if Scalar is Value else "is built on micrograd's Value"
        raise check.fail(f"the class you passed {what}", hint=_OWN)


def _watch():
    return Watch("all", _OWN)


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


def _check_structure(check, out, case):
    """Each node keeps a tuple of children and a local derivative (a number) for each of them."""
    for node in _nodes(out):
        children = getattr(node, "children", ())
        grads = getattr(node, "local_grads", ())
        for name, kept in (("children", children), ("local derivatives", grads)):
            if isinstance(kept, (set, frozenset, dict)):
                raise check.fail(
                    f"a Scalar keeps its {name} in a {type(kept).__name__}",
                    case=case,
                    hint=f"Keep them in a tuple, one entry per operand, in the same order: a "
                    f"{type(kept).__name__} keeps only one entry for a used twice in `a + a` "
                    "(and loses the order that pairs each child with its local derivative).",
                )
        for child in children if isinstance(children, (tuple, list)) else ():
            if not isinstance(child, type(out)):
                raise check.fail(
                    f"a child is a {type(child).__name__}, not a Scalar",
                    case=case,
                    hint="Keep the Scalars themselves as children (make a plain number a Scalar "
                    "first): backward() walks through them and sets their .grad.",
                )
        if (
            isinstance(children, (tuple, list))
            and isinstance(grads, (tuple, list))
            and len(children) != len(grads)
        ):
            raise check.fail(
                f"a Scalar has {len(children)} child{'ren' * (len(children) != 1)} but {len(grads)} local derivatives",
                case=case,
                hint="Store one local derivative per child, in the same order as the children.",
            )
        for g in grads if isinstance(grads, (tuple, list)) else ():
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


def _compare_expression(check, Scalar, case, build, inputs, hint, reference=None, value_hint=None):
    """Build the expression from Scalars and from Values; compare the value and every input's gradient."""
    leaves = [Scalar(x) for x in inputs]
    out = check.call(build, *leaves, case=case, hints={TypeError: hint}, watch=_watch())
    if not isinstance(out, Scalar):
        raise check.fail(
            "the result should be a Scalar",
            case=case,
            got=out,
            hint="Return a new Scalar built from self (and other).",
        )
    _check_structure(check, out, case)
    check.call(out.backward, case=case, watch=_watch())
    ref_leaves = [Value(x) for x in inputs]
    ref = (reference or build)(*ref_leaves)
    ref.backward()
    check.close(out.data, ref.data, case, what="value", hint=value_hint or _VALUE_HINT)
    reached = {id(node) for node in _nodes(out)}
    for name, leaf, r in zip("abc", leaves, ref_leaves, strict=False):
        if id(leaf) not in reached and r.grad:
            raise check.fail(
                f"backward() never reached {name}: it is not in the result's graph",
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


def _run_cases(check, Scalar, cases, hint, value_hint=None):
    for expression, build, inputs in cases:
        names = ", ".join(f"{n} = {x:g}" for n, x in zip("abc", inputs, strict=False))
        case = f"{expression} with {names}"
        _compare_expression(check, Scalar, case, build, inputs, hint, value_hint=value_hint)
