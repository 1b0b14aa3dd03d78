"""Self-checks for the capstone, "Build micrograd yourself", parts 8.1 and 8.2: your own `Value` class
(8.3 is in `capstone_derived`).

Your class is read by duck typing (see `capstone_adapter`): any names for the children, local
derivatives stored or in `_backward` closures, methods in the class or attached afterwards.
Expected values and gradients come from micrograd's `Value` and from finite differences.
"""

import inspect
import math

from micrograd.engine import Value as Reference

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import capstone_arith, capstone_value, own_code
from micrograd_checks import capstone_cases as cases
from micrograd_checks import capstone_props as props
from micrograd_checks.core import Hint
from micrograd_checks.wrapper import checker, klass

_PACKAGE = {own_code.ENGINE, own_code.NN}
_OWN = "your own Value class"
_WRAP = Hint(
    "Your method was given a plain number as `other` and treated it like a Value.",
    "Turn it into one first: `other = other if isinstance(other, Value) else Value(other)`.",
    key="wrap numbers",
)


def _node(check, Value, out, case, operands, op):
    """`out` if it is a node of the learner's class whose children include `operands`."""
    if out is None:
        raise check.fail(
            f"{op} gave None: the method has no `return`",
            case=case,
            hint="A method that ends without `return` gives None: return the new "
            f"{Value.__name__} you made.",
        )
    if not isinstance(out, Value):
        raise check.fail(
            f"{op} should give a new {Value.__name__}",
            case=case,
            got=out,
            hint=f"Return a new {Value.__name__} built from the inputs' data, so it can remember them.",
        )
    kids = adapter.children(out, Value)
    if not all(any(k is o for k in kids) for o in operands):
        _plain_child(check, Value, out, case, op)
        for name, value in adapter.attributes(out).items():
            if isinstance(value, dict) and any(isinstance(k, Value) for k in value):
                raise check.fail(
                    f"the result of {op} keeps its children in a dict (`{name}`)",
                    case=case,
                    hint=Hint(
                        "A dict keeps each key once: in a + a the child a is one key, but it "
                        "needs two contributions, and the order of the children is lost.",
                        "Keep the children in a tuple and their local derivatives in a tuple of "
                        "numbers next to it, one per child.",
                        key="dict children",
                    ),
                )
        raise check.fail(
            f"the result of {op} does not remember the values it was computed from",
            case=case,
            hint="Pass the inputs to the new Value as its children, so backward() can reach them.",
        )
    return out


def _plain_child(check, Value, out, case, op):
    """Fail if a collection of `out` mixes Values with plain numbers (an unwrapped number)."""
    for value in adapter.attributes(out).values():
        if isinstance(value, (tuple, list)) and any(isinstance(v, Value) for v in value):
            numbers = [v for v in value if not isinstance(v, Value)]
            if numbers:
                raise check.fail(
                    f"the result of {op} keeps a plain number ({numbers[0]!r}) among its children",
                    case=case,
                    hint=Hint(
                        "Every child must be a Value, so that the backward pass can give it a "
                        "grad: a plain number has no grad to receive.",
                        "Turn the number into a Value first and use that Value as the child.",
                        key="number child",
                    ),
                )


def _unit(check, Value, case, build, inputs, expected, op, hints, derivative_of=None):
    """One operation on fresh leaves: its value, its children and its local derivatives."""
    with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
        leaves = [Value(x) for x in inputs]
        before = props.snapshot(leaves)
        crashes = {props.NotATuple: props.comma_hint(op), AttributeError: _WRAP, TypeError: _WRAP}
        out = check.call(props.tuples(build), *leaves, case=case, hints=crashes)
    own_code.refuse_delegation(check, seen, _PACKAGE, case, _OWN)
    props.untouched(check, Value, leaves, before, op, case)
    out = _node(check, Value, out, case, [leaf for leaf in leaves if leaf is not None], op)
    check.close(out, expected.data, case, what="value", hint=hints.get("value"))
    local = dict((id(k), d) for k, d in check.call(adapter.local_derivatives, out, case=case))
    _same_in_backward(check, out, local, case)
    ref = dict((id(k), 0.0) for k in expected._children)
    for kid, d in zip(expected._children, expected._local_grads):
        ref[id(kid)] += d
    ref_leaves = derivative_of or list(expected._children)
    pairs = [
        (local.get(id(leaf), 0.0), ref.get(id(ref_leaf), 0.0), leaf.data)
        for leaf, ref_leaf in zip(leaves, ref_leaves)
    ]
    for leaf, (got, want, _), name in zip(leaves, pairs, "ab"):
        hint = hints.get("derivative")
        if callable(hint) and not isinstance(hint, Hint):
            hint = hint(got, want, leaf.data, pairs)
        check.close(got, want, case, what=f"local derivative with respect to {name}", hint=hint)


def _same_in_backward(check, out, local, case):
    """A node with stored local derivatives and a `_backward` must pass on the same ones."""
    closure = check.call(adapter.closure_derivatives, out, case=case)
    if closure is None or not any(d for _, d in closure):
        return
    for kid, d in closure:
        if not adapter.close(d, local.get(id(kid), 0.0)):
            raise check.fail(
                "your `_backward` passes on other local derivatives than the ones you stored",
                case=case,
                expected=local.get(id(kid), 0.0),
                got=d,
                hint="backward() will use what `_backward` does: make it add stored local "
                "derivative × out.grad to each child's grad, or drop one of the two.",
            )
    check.ok()


def _sum_hint(got, want, x, pairs=()):
    if math.isclose(got * 2, want, rel_tol=1e-9) and want:
        return Hint(
            "In a + a the same Value is the child twice, so it gets two contributions (1 + 1), "
            "and your node passes on only one.",
            "In `_backward`, add to the child's grad (`+=`) instead of overwriting it (`=`).",
            key="a+a",
        )
    return Hint(
        "If you nudge b by a tiny amount, how much does a + b move?",
        "Both local derivatives of a + b are 1.",
        key="sum",
    )


def _accumulate_hint(got, want, x, pairs=()):
    if math.isclose(got * 2, want, rel_tol=1e-9) and want:
        return Hint(
            "In a * a the same Value is both children, so it gets two contributions, "
            "and your node keeps only one.",
            "In `_backward`, add to the child's grad (`+=`) instead of overwriting it (`=`).",
            key="a*a",
        )
    if math.isclose(got, 1.0) and not math.isclose(want, 1.0):
        return Hint(
            "Your a * b records a local derivative of 1, as for a sum: does a product move as "
            "much as a sum when you nudge one factor by a tiny amount?",
            "Nudging a moves a * b by b times the nudge, so the local derivative for a is b.",
            key="product as sum",
        )
    own = [math.isclose(g, v) and not math.isclose(w, v) for g, w, v in pairs]
    if len(own) == 2 and all(own):
        return Hint(
            "Your a * b's two local derivatives look swapped: which factor does each belong to?",
            "The local derivative for a is b, and the one for b is a.",
            key="product swapped",
        )
    if math.isclose(got, x) and not math.isclose(want, x):
        return Hint(
            "Your local derivative for this factor is the factor's own value. If you nudge it "
            "by a tiny amount, which number does the change get multiplied by?",
            "For a product, the local derivative with respect to one factor is the other factor.",
            key="product own factor",
        )
    return Hint(
        "If you nudge one factor of a * b by a tiny amount, how much does the product move?",
        "For a product, the local derivative with respect to one factor is the other factor.",
        key="product",
    )


def _stores_local_grads(check, Value):
    """A constructor that takes the local derivatives (the starter's design) must keep them."""
    try:
        names = list(inspect.signature(Value).parameters)
    except (TypeError, ValueError):
        return
    if len(names) < 3 or not any(w in names[2].lower() for w in ("grad", "deriv", "local")):
        return  # the lecture's design: Value(data, _children, _op), derivatives come later
    case = f"Value(3.0, (a, b), (0.5, 2.0)), {names[2]} given"
    a, b = Value(1.0), Value(2.0)
    v = check.call(Value, 3.0, (a, b), (0.5, 2.0), case=case)
    kids = adapter.children(v, Value)
    kept = [
        value
        for value in adapter.attributes(v).values()
        if isinstance(value, (tuple, list)) and list(value) == [0.5, 2.0]
    ]
    if [id(k) for k in kids] != [id(a), id(b)] or not kept:
        raise check.fail(
            "a new Value does not keep its children and local derivatives",
            case=case,
            hint=Hint(
                "Store both collections the constructor is given, in the order given.",
                f"self._children = tuple(children) and self._local_grads = tuple({names[2]}).",
                key="keep both",
            ),
        )
    check.ok()


@checker("8.1", "your Value class", klass("Value"))
def check_own_value(check, Value):
    """Exercise 8.1: an empty Value class: data, grad, children, __repr__."""
    own_code.refuse_classes(check, [Value], what=_OWN)
    v = check.call(Value, 2.0, case="Value(2.0)")
    check.close(v.data, 2.0, "Value(2.0).data", what="data", hint="Keep the number in `self.data`.")
    check.close(
        v.grad, 0.0, "Value(2.0).grad", what="grad", hint="A new Value starts with `grad = 0.0`."
    )
    if adapter.leaf_children_attribute(v) is None:
        hint = (
            "Give every Value an attribute for the Values it was computed from, e.g. `self._prev` or "
            "`self._children`: an empty tuple (or set) for a number you create yourself."
        )
        raise check.fail(
            "a new Value has no (empty) children attribute", case="Value(2.0)", hint=hint
        )
    check.ok()
    with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
        _stores_local_grads(check, Value)
        capstone_value.check_leaf(check, Value)
        capstone_value.check_repr(check, Value)
    own_code.refuse_delegation(check, seen, _PACKAGE, "Value(...) and repr()", _OWN)
    check.passed()


def _power(check, Value, x, n, power, chained):
    """a ** n. For a whole n ≥ 1, a chain of products with the right gradient is accepted too;
    every other n needs the power rule (8.3's division uses a ** -1). True if a chain was seen."""
    a, case, op = Reference(x), f"a ** {n:g} with a = {x:g}", f"a ** {n:g}"
    whole = float(n).is_integer() and n >= 1
    crashes = {props.NotATuple: props.comma_hint(op), TypeError: power["value"]}
    crashes.update(power.get("crashes", {}))
    with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
        mine = Value(x)
        out = check.call(props.tuples(lambda: mine**n), case=case, hints=crashes)
    own_code.refuse_delegation(check, seen, _PACKAGE, case, _OWN)
    if n == 1 and out is mine:  # a ** 1 as a itself: a chain of no products
        return chained
    kids = adapter.children(out, Value) if isinstance(out, Value) else []
    if whole and kids and [id(k) for k in kids] != [id(mine)]:
        check.close(out, x**n, case, what="value", hint=power["value"])
        got = check.call(props.through, out, [mine], case=case)[id(mine)]
        check.close(got, n * x ** (n - 1), case, what="gradient of a", hint=power["derivative"])
        return True
    if chained and not whole:
        hint = Hint(
            "Your power multiplies a by itself, which gives a ** n for a whole n ≥ 1 only, and "
            "a ** n must work for any number n (part 8.3 divides with a ** -1).",
            "Make a ** n one node: child a, value a.data ** n, local derivative n · a.data ** (n − 1).",
            key="power chain",
        )
        out = check.call(lambda: Value(x) ** n, case=case, hints={Exception: hint})
        if not isinstance(out, Value) or not adapter.close(out.data, x**n):
            raise check.fail(
                f"{op} is wrong: repeated multiplication works for whole powers only",
                case=case,
                expected=x**n,
                got=getattr(out, "data", out),
                hint=hint,
            )
    _unit(check, Value, case, lambda v: v**n, [x], a**n, op, power, [a])
    return chained


_AT_ZERO = {
    "value": "a ** n should hold a.data ** n, at a = 0 too.",
    "derivative": Hint(
        "At a = 0 your a ** n gets the slope wrong: does your code treat 0 as a special case? "
        "Nudge a away from 0 by a tiny amount: how much does a ** 1 move?",
        "The power rule n · aⁿ⁻¹ holds at a = 0 too (a ** 1 has slope 1 there): no special case.",
        key="power at zero",
    ),
    "crashes": {
        ZeroDivisionError: Hint(
            "Your a ** n divides by a.data, so it fails at a = 0, where a ** n is fine: "
            "compute its local derivative without dividing.",
            "Use the power rule as it stands: n * a.data ** (n - 1).",
            key="power divides",
        )
    },
}


@checker("8.2", "__add__, __mul__ and __pow__", klass("Value"))
def check_own_add_mul_pow(check, Value):
    """Exercise 8.2: __add__ and __mul__ with their local derivatives, then __pow__ (number exponent)."""
    own_code.refuse_classes(check, [Value], what=_OWN)
    add = {"value": "a + b should hold the sum of the two numbers.", "derivative": _sum_hint}
    mul = {"value": "a * b should hold the product.", "derivative": _accumulate_hint}
    power = {
        "value": "a ** n should hold a.data ** n.",
        "derivative": Hint("Use the power rule.", "d(aⁿ)/da = n · aⁿ⁻¹.", key="power"),
    }
    for x, y in [(2.0, -3.0), (0.5, 4.0)]:
        a, b = Reference(x), Reference(y)
        case = f"a + b with a = {x:g}, b = {y:g}"
        _unit(check, Value, case, lambda a, b: a + b, [x, y], a + b, "a + b", add, [a, b])
        case = f"a * b with a = {x:g}, b = {y:g}"
        _unit(check, Value, case, lambda a, b: a * b, [x, y], a * b, "a * b", mul, [a, b])
    a = Reference(1.5)
    for c in (2.5, 2, -0.5, 3):  # plain numbers, floats and ints
        for sign, make in (("+", lambda v, c=c: v + c), ("*", lambda v, c=c: v * c)):
            op = f"a {sign} {c}"
            hints = add if sign == "+" else mul
            _unit(check, Value, f"{op} (a plain number)", make, [1.5], make(a), op, hints, [a])
    _unit(check, Value, "a + a with a = 1.5", lambda a: a + a, [1.5], a + a, "a + a", add, [a])
    _unit(check, Value, "a * a with a = 1.5", lambda a: a * a, [1.5], a * a, "a * a", mul, [a])
    chained = False
    hidden = [(check.uniform(0.5, 3), check.random.choice([2, 3, 4])), (check.uniform(0.5, 3), 1.5)]
    for x, n in [(3.0, 2), (-2.0, 3), *hidden[:1], (2.0, -1), (4.0, 0.5), *hidden[1:]]:
        chained = _power(check, Value, x, n, power, chained)
    for n in (1, 2, 3):  # the power rule holds at 0 too: no division, no special case
        chained = _power(check, Value, 0.0, n, _AT_ZERO, chained)
    capstone_arith.gradients(check, Value)
    cases.compare_programs(check, Value, cases.BASIC, 6, seed=None)
    check.passed()
