"""Self-checks for the capstone, "Build micrograd yourself", parts 8.1-8.5: your own `Value` class.

Your class is read by duck typing (see `capstone_adapter`): any names for the children, local
derivatives stored or in `_backward` closures, methods in the class or attached afterwards.
Expected values and gradients come from micrograd's `Value` and from finite differences.
"""

import math

from micrograd.checks import capstone_adapter as adapter
from micrograd.checks import capstone_cases as cases
from micrograd.checks.core import Hint, checker, function, klass
from micrograd.engine import Value as Reference

_WRAP = Hint(
    "Your method was given a plain number as `other` and treated it like a Value.",
    "Turn it into one first: `other = other if isinstance(other, Value) else Value(other)`.",
    key="wrap numbers",
)


def _node(check, Value, out, case, operands, op):
    """`out` if it is a node of the learner's class whose children include `operands`."""
    if not isinstance(out, Value):
        raise check.fail(
            f"{op} should give a new {Value.__name__}",
            case=case,
            got=out,
            hint=f"Return a new {Value.__name__} built from the inputs' data, so it can remember them.",
        )
    kids = adapter.children(out, Value)
    if not all(any(k is o for k in kids) for o in operands):
        raise check.fail(
            f"the result of {op} does not remember the values it was computed from",
            case=case,
            hint="Pass the inputs to the new Value as its children, so backward() can reach them.",
        )
    return out


def _unit(check, Value, case, build, inputs, expected, op, hints, derivative_of=None):
    """One operation on fresh leaves: its value, its children and its local derivatives."""
    leaves = [Value(x) for x in inputs]
    out = check.call(build, *leaves, case=case, hints={AttributeError: _WRAP, TypeError: _WRAP})
    out = _node(check, Value, out, case, [leaf for leaf in leaves if leaf is not None], op)
    check.close(out, expected.data, case, what="value", hint=hints.get("value"))
    local = dict((id(k), d) for k, d in check.call(adapter.local_derivatives, out, case=case))
    ref = dict((id(k), 0.0) for k in expected._children)
    for kid, d in zip(expected._children, expected._local_grads):
        ref[id(kid)] += d
    ref_leaves = derivative_of or list(expected._children)
    for leaf, ref_leaf, name in zip(leaves, ref_leaves, "ab"):
        want = ref.get(id(ref_leaf), 0.0)
        got = local.get(id(leaf), 0.0)
        hint = hints.get("derivative")
        if callable(hint) and not isinstance(hint, Hint):
            hint = hint(got, want, leaf.data)
        check.close(got, want, case, what=f"local derivative with respect to {name}", hint=hint)


def _accumulate_hint(got, want, x):
    if math.isclose(got * 2, want, rel_tol=1e-9) and want:
        return Hint(
            "In a * a the same Value is both children, so it gets two contributions, "
            "and your node keeps only one.",
            "In `_backward`, add to the child's grad (`+=`) instead of overwriting it (`=`).",
            key="a*a",
        )
    return Hint(
        "For a product, the local derivative with respect to one factor is the other factor.",
        key="product",
    )


@checker("8.1", "your Value class", klass("Value"))
def check_own_value(check, Value):
    """Exercise 8.1: an empty Value class: data, grad, children, __repr__."""
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
    text = check.call(repr, Value(-1.5), case="repr(Value(-1.5))")
    if "-1.5" not in text or " at 0x" in text:
        hint = "Write `__repr__` so that printing a Value shows its data, e.g. `Value(data=-1.5)`."
        raise check.fail(
            "repr() does not show the data", case="repr(Value(-1.5))", got=text, hint=hint
        )
    check.ok()
    check.passed()


@checker("8.2", "__add__, __mul__ and __pow__", klass("Value"))
def check_own_add_mul_pow(check, Value):
    """Exercise 8.2: __add__ and __mul__ with their local derivatives, then __pow__ (number exponent)."""
    add = {
        "value": "a + b should hold the sum of the two numbers.",
        "derivative": Hint(
            "If you nudge b by a tiny amount, how much does a + b move?",
            "Both local derivatives of a + b are 1.",
            key="sum",
        ),
    }
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
    _unit(
        check,
        Value,
        "a + 2.5 (a plain number)",
        lambda a: a + 2.5,
        [1.5],
        a + 2.5,
        "a + 2.5",
        add,
        [a],
    )
    _unit(check, Value, "a * 3 (a plain number)", lambda a: a * 3, [1.5], a * 3, "a * 3", mul, [a])
    _unit(check, Value, "a + a with a = 1.5", lambda a: a + a, [1.5], a + a, "a + a", add, [a])
    _unit(check, Value, "a * a with a = 1.5", lambda a: a * a, [1.5], a * a, "a * a", mul, [a])
    for x, n in [(3.0, 2), (-2.0, 3), (2.0, -1), (4.0, 0.5)]:
        a = Reference(x)
        case = f"a ** {n:g} with a = {x:g}"
        _unit(check, Value, case, lambda v, n=n: v**n, [x], a**n, f"a ** {n:g}", power, [a])
    cases.compare_programs(check, Value, cases.BASIC, 6, seed=82)
    check.passed()


_DERIVED = [
    ("-a", lambda a, b: -a, "Negation: −a is a times −1."),
    ("a - b", lambda a, b: a - b, "a − b is a + (−b): making b bigger makes a − b smaller."),
    ("a / b", lambda a, b: a / b, "a / b is a · b⁻¹: use your __mul__ and __pow__."),
    ("a - 2 (a plain number)", lambda a, b: a - 2, "a − 2 is a + (−2)."),
    ("a / 4 (a plain number)", lambda a, b: a / 4, "a / 4 is a · 4⁻¹."),
    ("2 + a", lambda a, b: 2 + a, "Python runs 2 + a as a.__radd__(2): write __radd__."),
    ("3 * a", lambda a, b: 3 * a, "Python runs 3 * a as a.__rmul__(3): write __rmul__."),
    (
        "1 - a",
        lambda a, b: 1 - a,
        "Python runs 1 − a as a.__rsub__(1): self is the Value on the right, so compute other − self.",
    ),
    (
        "2 / a",
        lambda a, b: 2 / a,
        "Python runs 2 / a as a.__rtruediv__(2): self is the Value on the right, so compute other / self.",
    ),
    (
        "sum([a, b, a])",
        lambda a, b: sum([a, b, a]),
        "sum() starts from 0, so it needs 0 + a (__radd__).",
    ),
]


@checker("8.3", "operations built from +, * and **", klass("Value"))
def check_own_derived_ops(check, Value):
    """Exercise 8.3: __neg__, __sub__, __truediv__ and the reflected __radd__, __rmul__, __rsub__, __rtruediv__."""
    for x, y in [(3.0, -2.0), (0.5, 1.25)]:
        for text, build, hint in _DERIVED:
            case = f"{text} with a = {x:g}, b = {y:g}"
            unsupported = Hint(f"{hint}", key=text)
            mine = [Value(x), Value(y)]
            out = check.call(build, *mine, case=case, hints={TypeError: unsupported})
            ref = [Reference(x), Reference(y)]
            expected = build(*ref)
            if not isinstance(out, Value):
                raise check.fail(
                    f"{text} should give a {Value.__name__}", case=case, got=out, hint=hint
                )
            check.close(out, expected.data, case, what="value", hint=Hint(hint, key=text))
            grads = check.call(adapter.own_backward, out, case=case)
            expected.backward()
            for leaf, r, name in zip(mine, ref, "ab"):
                check.close(
                    grads.get(id(leaf), 0.0),
                    r.grad,
                    case,
                    what=f"gradient of {name}",
                    hint=Hint(hint, key=text),
                )
    cases.compare_programs(check, Value, cases.DERIVED, 8, seed=83)
    check.passed()


_ACTIVATIONS = {
    "tanh": (math.tanh, "tanh's slope is 1 − t², where t = tanh(x) is the node's output."),
    "relu": (
        lambda x: max(x, 0.0),
        "relu is flat (slope 0) where x < 0 and has slope 1 where x > 0.",
    ),
    "exp": (math.exp, "The slope of eˣ is eˣ itself: exp's local derivative is its own output."),
}


@checker("8.4", "tanh(), relu() and exp()", klass("Value"))
def check_own_activations(check, Value):
    """Exercise 8.4: tanh(), relu() and exp() as single nodes with their own local derivatives."""
    for name, (f, recipe) in _ACTIVATIONS.items():
        for x in (-1.3, -0.2, 0.4, 2.0):
            case = f"a.{name}() with a = {x:g}"
            a = Value(x)
            out = check.call(lambda a=a, name=name: getattr(a, name)(), case=case)
            if not isinstance(out, Value):
                raise check.fail(
                    f"{name}() should give a {Value.__name__}",
                    case=case,
                    got=out,
                    hint=f"Return a new {Value.__name__} with the input as its only child.",
                )
            kids = adapter.children(out, Value)
            if len(kids) != 1 or kids[0] is not a:
                hint = (
                    f"Make {name}() one new node whose only child is a, with its own local derivative, "
                    "rather than a chain of other operations."
                )
                raise check.fail(f"{name}() should be a single node", case=case, hint=hint)
            check.close(out, f(x), case, what="value", hint=f"{name}({x:g}) is {f(x):.6g}.")
            ((_, got),) = check.call(adapter.local_derivatives, out, case=case)
            slope = adapter.finite_difference(f, x)
            check.close(
                got,
                slope,
                case,
                what="local derivative",
                tol=1e-5,
                hint=Hint(
                    f"Check the slope of {name} at {x:g} with a tiny nudge.", recipe, key=name
                ),
            )
    cases.compare_programs(check, Value, cases.ALL, 8, seed=84)
    check.passed()


def _validate_order(check, order, root, case):
    everything = adapter.nodes(root)
    if not isinstance(order, (list, tuple)):
        raise check.fail("topological_sort() should return a list of nodes", case=case, got=order)
    seen, position = set(), {}
    for k, node in enumerate(order):
        if id(node) in seen:
            hint = "Keep a set of the nodes you have visited and skip a node that is already in it."
            raise check.fail(f"a node appears more than once ({node!r})", case=case, hint=hint)
        seen.add(id(node))
        position[id(node)] = k
    if len(seen) != len(everything) or any(id(n) not in seen for n in everything):
        hint = "Visit every child of every node, starting from the root."
        raise check.fail(
            f"the order should hold all {len(everything)} nodes, it holds {len(order)}",
            case=case,
            hint=hint,
        )
    for node in everything:
        for kid in adapter.children(node):
            if position[id(kid)] > position[id(node)]:
                hint = (
                    "Append a node only after all of its children: children first, the root last."
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


def _reference_graphs():
    a, b = Reference(2.0), Reference(-3.0)
    s = a * b
    yield (s + a) * s, [a, b]
    x = Reference(0.5)
    yield ((x * 2.0) * 3.0) + 1.0, [x]
    c = Reference(1.5)
    yield c * c + c, [c]


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


_RECURSION = {
    RecursionError: Hint(
        "Your code calls itself once per node, and a 10,000-deep graph runs Python out of stack.",
        "Keep your own stack (a list) of the nodes still to visit instead of recursing.",
        key="recursion",
    )
}


def _deep_chain(Value, n=10_000):
    x = Value(0.25)
    root = x
    for _ in range(n):
        root = root * 1.0 + 0.5
    return x, root


@checker("8.5", "topological_sort() and backward()", klass("Value"), function("topological_sort"))
def check_own_backward(check, Value, topological_sort):
    """Exercise 8.5: topological_sort(root) and an iterative backward() that works 10,000 nodes deep."""
    for (case, root, leaves), (ref_root, ref_leaves) in zip(_graphs(Value), _reference_graphs()):
        _validate_order(check, check.call(topological_sort, root, case=case), root, case)
        root.grad = 0.0
        check.call(root.backward, case=case)
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
    case = "a chain 10,000 operations deep: x = x * 1.0 + 0.5, ten thousand times"
    x, root = _deep_chain(Value)
    order = check.call(topological_sort, root, case=case, hints=_RECURSION)
    total = len(adapter.nodes(root))
    if not isinstance(order, (list, tuple)) or len(order) != total:
        raise check.fail(
            f"topological_sort() should return all {total:,} nodes",
            case=case,
            got=len(order) if isinstance(order, (list, tuple)) else order,
        )
    check.ok()
    check.call(root.backward, case=case, hints=_RECURSION)
    check.close(
        x.grad, 1.0, case, what="gradient of x", hint="Every step passes the gradient on unchanged."
    )
    cases.compare_programs(check, Value, cases.ALL, 8, seed=85, learner_backward=True)
    check.passed()
