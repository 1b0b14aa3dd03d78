"""Self-checks for the exercises of chapter 3, your own `Scalar`, a mini `Value` (see micrograd_checks).

The same expression is built with your Scalar and with micrograd's Value, and their values and
gradients are compared.
"""

from numbers import Real

from micrograd.engine import Value

from micrograd_checks.core import Hint
from micrograd_checks.watch import Watch
from micrograd_checks.wrapper import checker, function, klass

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
    for name, leaf, r in zip("abc", leaves, ref_leaves, strict=False):
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


@checker("3.1", "Scalar.__neg__ and Scalar.__sub__", klass("Scalar"))
def check_scalar_sub(check, Scalar):
    """Exercise 3.1: -a and a - b."""
    _own_class(check, Scalar)
    neg_hint = Hint(
        "−a has one child, a. When a grows by a tiny amount, which way does −a move, and how far?",
        "Its local derivative is −1: a new Scalar with data −a.data, child a, local derivative −1.",
        key="neg",
    )
    _run_cases(
        check,
        Scalar,
        [("-a", lambda a: -a, [4.0]), ("-(a * 2)", lambda a: -(a * 2), [-1.5])],
        neg_hint,
    )
    sub_hint = Hint(
        "a − b has two children. Making b bigger makes a − b smaller: what does that say about the "
        "local derivative for b?",
        "a − b has data a.data − b.data and local derivatives 1 (for a) and −1 (for b).",
        key="sub",
    )
    cases = [
        ("a - b", lambda a, b: a - b, [5.0, 3.0]),
        ("a - 2.5 (a plain number on the right)", lambda a: a - 2.5, [1.0]),
        ("a - a", lambda a: a - a, [3.0]),
        ("(a - b) * (a - b)", lambda a, b: (a - b) * (a - b), [1.5, -2.0]),
    ]
    _run_cases(check, Scalar, cases, sub_hint)
    check.passed()


@checker("3.2", "Scalar.__truediv__", klass("Scalar"))
def check_scalar_div(check, Scalar):
    """Exercise 3.2: a / b."""
    _own_class(check, Scalar)
    hint = Hint(
        "Work out each local derivative on paper first: for a, a / b is a times the number 1/b; "
        "for b, write a / b as a · b⁻¹ and use the power rule on b⁻¹.",
        "The local derivatives are 1/b (for a) and −a/b² (for b), computed from the plain numbers.",
        key="div",
    )
    cases = [
        ("a / b", lambda a, b: a / b, [6.0, 3.0]),
        ("a / b", lambda a, b: a / b, [-2.0, 0.5]),
        ("a / 4 (a plain number on the right)", lambda a: a / 4, [3.0]),
        ("(a / b) / a", lambda a, b: (a / b) / a, [2.0, -5.0]),
    ]
    _run_cases(check, Scalar, cases, hint)
    check.passed()


@checker("3.3", "Scalar.exp and Scalar.log", klass("Scalar"))
def check_scalar_exp_log(check, Scalar):
    """Exercise 3.3: a.exp() and a.log()."""
    _own_class(check, Scalar)
    exp_hint = Hint(
        "What is the slope of eˣ? Look at how the curve's steepness compares with its height.",
        "The slope of eˣ is eˣ itself: exp's local derivative is its own output value.",
        key="exp",
    )
    _run_cases(
        check,
        Scalar,
        [("exp(a)", lambda a: a.exp(), [x]) for x in (0.0, 1.5, -2.0)],
        exp_hint,
        value_hint=Hint(
            "The value of exp(a) is wrong: compute it from the plain number a.data.",
            "exp(a) has data math.exp(a.data).",
            key="exp value",
        ),
    )
    log_hint = Hint(
        "Which function of x is the slope of the natural logarithm log(x)?",
        "The slope of log(x) (the natural logarithm) is 1/x.",
        key="log",
    )
    cases = [("log(a)", lambda a: a.log(), [x]) for x in (0.5, 3.0)]
    cases += [
        ("log(exp(a))", lambda a: a.exp().log(), [0.7]),
        ("log(a * b)", lambda a, b: (a * b).log(), [2.0, 5.0]),
    ]
    _run_cases(
        check,
        Scalar,
        cases,
        log_hint,
        value_hint=Hint(
            "The value of log(a) is wrong: it is the natural logarithm of the plain number a.data.",
            "log(a) is the natural logarithm: math.log(a.data).",
            key="log value",
        ),
    )
    check.passed()


@checker("3.4", "reflected operators", klass("Scalar"))
def check_reflected(check, Scalar):
    """Exercise 3.4: 2 + a, 3 * a, 2 - a, 1 / a and sum([...])."""
    _own_class(check, Scalar)
    rsub_hint = Hint(
        "Python evaluates `2 - a` as a.__rsub__(2): which of self and other is the 2, and which "
        "comes first in the subtraction?",
        "self is the Scalar on the right, other the number on the left: compute other − self "
        "(make other a Scalar first).",
        key="rsub",
    )
    rdiv_hint = Hint(
        "Python evaluates `1 / a` as a.__rtruediv__(1): which of self and other is the 1, and which "
        "is divided by which?",
        "self is the Scalar on the right, other the number on the left: compute other / self "
        "(make other a Scalar first).",
        key="rdiv",
    )
    order_hint = "Mind the order in both __rsub__ and __rtruediv__: the number comes first."
    cases = [
        (
            "2 + a",
            lambda a: 2 + a,
            [3.0],
            "2 + a is a.__radd__(2): addition does not care about order.",
        ),
        (
            "3 * a",
            lambda a: 3 * a,
            [1.5],
            "3 * a is a.__rmul__(3): multiplication does not care about order.",
        ),
        ("2 - a", lambda a: 2 - a, [5.0], rsub_hint),
        ("1 / a", lambda a: 1 / a, [4.0], rdiv_hint),
        ("2 - 3 / a", lambda a: 2 - 3 / a, [0.5], order_hint),
        (
            "sum([a, b, c])",
            lambda a, b, c: sum([a, b, c]),
            [1.0, 2.0, -3.5],
            "sum() starts from 0, so it needs 0 + a.",
        ),
    ]
    for expression, build, inputs, hint in cases:
        names = ", ".join(f"{n} = {x:g}" for n, x in zip("abc", inputs, strict=False))
        case = f"{expression} with {names}"
        _compare_expression(check, Scalar, case, build, inputs, hint, value_hint=hint)
    check.passed()


@checker("3.5", "Scalar.__pow__ and tanh_from_ops()", klass("Scalar"), function("tanh_from_ops"))
def check_pow_and_tanh(check, Scalar, tanh_from_ops):
    """Exercise 3.5: a ** n for a plain number n, and tanh built from your own operations."""
    _own_class(check, Scalar)
    pow_hint = Hint(
        "Work out the local derivative of aⁿ with the power rule, for any plain number n "
        "(0.5 and −1 too: repeated multiplication only makes whole positive powers).",
        "The local derivative of aⁿ is n · aⁿ⁻¹, computed from the plain number a.data.",
        key="pow",
    )
    cases = [
        ("a ** 2", lambda a: a**2, [3.0]),
        ("a ** 3", lambda a: a**3, [-2.0]),
        ("a ** 0.5", lambda a: a**0.5, [4.0]),
        ("a ** -1", lambda a: a**-1, [2.0]),
    ]
    _run_cases(check, Scalar, cases, pow_hint, value_hint="a ** n has data a.data ** n.")
    tanh_value_hint = Hint(
        "The value of tanh is wrong: compare your expression with the exercise's formula, piece by "
        "piece (which exponent, which signs?).",
        "tanh(a) = (e^(2a) − 1) / (e^(2a) + 1): ((a * 2).exp() − 1) / ((a * 2).exp() + 1).",
        key="tanh value",
    )
    tanh_hint = (
        "The value is right but the gradient is not: build tanh from your Scalar operations (*, exp, −, +, /) "
        "so that backward() can send the gradient back through each of them."
    )
    for x in (-1.0, 0.3, 2.0):
        case = f"tanh_from_ops(a) with a = {x:g}"
        _compare_expression(
            check,
            Scalar,
            case,
            tanh_from_ops,
            [x],
            tanh_hint,
            reference=lambda a: a.tanh(),
            value_hint=tanh_value_hint,
        )
        _tanh_structure(check, Scalar, tanh_from_ops, x, case)
    check.passed()


def _tanh_structure(check, Scalar, tanh_from_ops, x, case):
    """tanh_from_ops must build a graph of the other operations, not one node with tanh' typed in."""
    leaf = Scalar(x)
    out = check.call(tanh_from_ops, leaf, case=case, watch=_watch())
    nodes = _nodes(out)
    if len(nodes) < 4 or leaf in getattr(out, "children", ()):
        raise check.fail(
            f"the result is one node over x (its graph has {len(nodes)} nodes), not built from "
            "your operations",
            case=case,
            hint="The point of this exercise is that you never write tanh's derivative down: build "
            "tanh from Scalar operations (*, exp, −, +, /), each making its own node, and let "
            "backward() chain their local derivatives.",
        )
