"""Self-checks for exercises 3.4 (numbers on the left) and 3.5 (powers, and tanh from parts)."""

import math

from micrograd_checks.core import Hint, is_close
from micrograd_checks.scalar_graph import _call, _compare_expression, _nodes, _own_class
from micrograd_checks.tanh_parts import tanh_structure
from micrograd_checks.watch import Watch
from micrograd_checks.wrapper import checker, function, klass

# The operations a reflected operation may reuse (those the Scalar has).
_OPERATIONS = ("__add__", "__sub__", "__mul__", "__truediv__", "__neg__", "__pow__")

# expression, the reflected method Python calls, how the learner's Scalar builds it, the range of
# the hidden input (away from where a mistake gives the right number: 3 + a = 3a at a = 1.5),
# the operand on the left, the value with the order reversed (None: order does not matter), and
# what the method returns in the reference solution.
_REFLECTED = [
    ("2 + a", "__radd__", lambda a: 2 + a, (2.5, 4), 2, None, "self + other"),
    ("3 * a", "__rmul__", lambda a: 3 * a, (2, 3), 3, None, "self * other"),
    ("2 - a", "__rsub__", lambda a: 2 - a, (3.5, 6), 2, lambda x: x - 2, "Scalar(other) - self"),
    ("3 / a", "__rtruediv__", lambda a: 3 / a, (4, 6), 3, lambda x: x / 3, "Scalar(other) / self"),
]


@checker("3.4", "reflected operators", klass("Scalar"))
def check_reflected(check, Scalar):
    """Exercise 3.4: 2 + a, 3 * a, 2 - a, 3 / a, 2 - 3 / a and sum([...])."""
    _own_class(check, Scalar)
    for expression, method, build, (low, high), n, swapped, recipe in _REFLECTED:
        x = check.uniform(low, high)
        _reflected(check, Scalar, expression, method, build, x, n, swapped, recipe)
        _reuses(check, Scalar, expression, method, build, x, recipe)
    cases = [
        (
            "2 - 3 / a",
            lambda a: 2 - 3 / a,
            [check.uniform(0.3, 0.8)],
            "Mind the order: the number comes first.",
        ),
        (
            "sum([a, b, c])",
            lambda a, b, c: sum([a, b, c]),
            [check.uniform(-2, 2) for _ in "abc"],
            "sum() starts from 0.",
        ),
    ]
    for expression, build, inputs, hint in cases:
        names = ", ".join(f"{n} = {x:g}" for n, x in zip("abc", inputs, strict=False))
        case = f"{expression} with {names}"
        _compare_expression(check, Scalar, case, build, inputs, hint, value_hint=hint)
    check.passed()


class _Codes(Watch):
    """A watch that also notes the code object of every Python function that runs."""

    def __init__(self):
        super().__init__()
        self.codes = set()

    def _profile(self, frame, event, arg):
        super()._profile(frame, event, arg)
        if event == "call":
            self.codes.add(frame.f_code)


def _operation_codes(Scalar):
    """Code objects of the Scalar's operations (and helpers only they call, e.g. a shared
    `_binary`), none of those that merely making a Scalar runs."""
    codes = {getattr(getattr(Scalar, name, None), "__code__", None) for name in _OPERATIONS} - {
        None
    }
    with _Codes() as made:
        Scalar(2.0)
    runs = (
        lambda: Scalar(2.0) + Scalar(3.0),
        lambda: Scalar(2.0) - Scalar(3.0),
        lambda: Scalar(2.0) * Scalar(3.0),
        lambda: Scalar(2.0) / Scalar(3.0),
        lambda: -Scalar(2.0),
    )
    with _Codes() as used:
        for run in runs:
            try:
                run()
            except Exception:  # noqa: BLE001, S112 - an operation the class lacks: skip it
                continue
    return codes | (used.codes - made.codes - {run.__code__ for run in runs})


def _reuses(check, Scalar, expression, method, build, x, recipe):
    """The reflected operation must reuse the Scalar's operations, not make a node by hand."""
    own = getattr(getattr(Scalar, method, None), "__code__", None)
    try:
        operations = _operation_codes(Scalar)
    except Exception:  # noqa: BLE001 - the other checks have reported on a class that crashes
        return
    operations.discard(own)
    if own is None or not operations:
        return
    if any(getattr(getattr(Scalar, n, None), "__code__", None) is own for n in _OPERATIONS):
        return  # the reflected operation is one of them (__radd__ = __add__)
    case = f"{expression} with a = {x:g}"
    ran = _Codes()
    check.call(build, Scalar(x), case=case, watch=ran)
    if ran.codes & operations:
        return
    raise check.fail(
        f"{expression} made a new node of its own: reuse your operations",
        case=case,
        hint=Hint(
            f"The exercise asks you to write {method} by reusing the operations you already "
            "have: which of them gives the same result?",
            f"Return {recipe}: your operations already know their local derivatives.",
            key=f"{method} reuse",
        ),
    )


def _reflected(check, Scalar, expression, method, build, x, n, swapped, recipe):
    case = f"{expression} with a = {x:g}"
    if not callable(getattr(Scalar, method, None)):
        raise check.fail(
            f"Scalar has no {method} yet",
            case=case,
            hint=f"Python evaluates `{expression}` as a.{method}({n}): attach your function to "
            f"the class, as the cell's last lines do (Scalar.{method} = ...), and run the cell.",
        )
    where = f"Python evaluates `{expression}` as a.{method}({n}), with self = a and other = {n}"
    value_hint = Hint(
        f"{where}: which of your operations gives {expression}?",
        f"Return {recipe}.",
        key=f"{method} value",
    )
    number, op, _ = expression.split()
    reverse = f"a {op} {number}"

    def order(out):
        if swapped and is_close(out.data, swapped(x), 1e-9):
            return check.fail(
                f"{expression} came out as {reverse}",
                case=case,
                expected=build(x),
                got=out.data,
                hint=Hint(
                    f"{where}: which of self and other comes first?",
                    f"The number comes first: return {recipe} (make other a Scalar first).",
                    key=f"{method} order",
                ),
            )
        return None

    gradient_hint = Hint(
        f"{expression} has the right value but backward() gives a the wrong gradient: build it "
        "from your operations (they know their local derivatives).",
        f"Return {recipe}.",
        key=f"{method} gradient",
    )
    _compare_expression(
        check,
        Scalar,
        case,
        build,
        [x],
        gradient_hint,
        value_hint=value_hint,
        label=expression,
        value=order,
    )


def _power_value(check, a, n, case, label):
    """The diagnosis of a wrong value of a ** n that is a whole power of a (repeated *)."""

    def judge(out):
        if is_close(out.data, a**n, 1e-9):
            return None
        nodes = len(_nodes(out))
        if n == int(n) and n >= 0 or not (nodes > 2 or not out.children):
            return None
        if not any(is_close(out.data, a**k, 1e-9) for k in range(0, 4)):
            return None
        return check.fail(
            f"{label} came out as a whole power of a, from repeated multiplication",
            case=case,
            expected=a**n,
            got=out.data,
            hint=Hint(
                f"{n:g} is not a whole positive number, so multiplying a by itself cannot make "
                f"a ** {n:g}. Which rule gives aⁿ, and its slope, for any plain number n?",
                "Compute self.data ** n, and the local derivative n · aⁿ⁻¹ (the power rule).",
                key="not whole",
            ),
        )

    return judge


@checker("3.5", "Scalar.__pow__ and tanh_from_ops()", klass("Scalar"), function("tanh_from_ops"))
def check_pow_and_tanh(check, Scalar, tanh_from_ops):
    """Exercise 3.5: a ** n for a plain number n, and tanh built from your own operations."""
    _own_class(check, Scalar)
    # the nudge for a wrong slope, by the kind of n (a rule right for n = 2 can fail at 0 or −1)
    extra = {
        0: "a ** 0 is 1 for every a, a constant: how fast does it change when a moves?",
        -1: "a ** −1 is 1/a, and its slope is negative where a > 0 (compare exercise 3.2): does "
        "your local derivative hold for a negative n?",
        0.5: "a ** 0.5 is √a: the power rule holds for any plain number n, not only whole ones.",
        1.5: "The power rule holds for any plain number n, not only whole ones.",
    }
    value_hint = Hint(
        "The value of a ** n is wrong: compute it from the plain number a.data.",
        "a ** n has data a.data ** n.",
        key="pow value",
    )
    ranges = ((2, 2.5, 3.5), (3, -3, -1.5), (0.5, 2, 5), (-1, 1.5, 3), (0, 2, 4), (1.5, 1.5, 3))
    for n, low, high in ranges:
        a = check.uniform(low, high)
        label = f"a ** {n:g}"
        pow_hint = Hint(
            extra.get(n)
            or "Work out the local derivative of aⁿ with the power rule, for any plain number n "
            "(0.5 and −1 too).",
            "The local derivative of aⁿ is n · aⁿ⁻¹, computed from the plain number a.data.",
            key="pow",
        )
        case = f"{label} with a = {a:g}"
        _compare_expression(
            check,
            Scalar,
            case,
            lambda v, n=n: v**n,
            [a],
            pow_hint,
            value_hint=value_hint,
            label=label,
            value=_power_value(check, a, n, case, label),
            crash_hints={
                ValueError: "a ** n must work for a negative a too when n is a whole number "
                "(a ** 3 with a < 0), but a logarithm or a root of a negative number is not "
                "defined: compute the power in a way that works for negative numbers too."
            },
            itself="a ** 0 is 1 whatever a is (and a ** 1 is a): count how many times your code "
            "multiplies, and start from a new Scalar.",
        )
    _check_tanh(check, Scalar, tanh_from_ops)
    check.passed()


def _check_tanh(check, Scalar, tanh_from_ops):
    tanh_value_hint = Hint(
        "The value of tanh is wrong: compare your expression with the exercise's formula, piece by "
        "piece (which exponent, which signs?).",
        "tanh(a) = (e^(2a) − 1) / (e^(2a) + 1): ((a * 2).exp() − 1) / ((a * 2).exp() + 1).",
        key="tanh value",
    )
    tanh_hint = (
        "The value is right but the gradient is not: build tanh from your Scalar operations "
        "(*, exp, −, +, /) so that backward() can send the gradient back through each of them."
    )
    half = Hint(
        "The formula has e^(2x): look at what exp() is applied to.",
        "Multiply x by 2 before exp().",
        key="tanh half",
    )
    for x in (check.uniform(-1.5, -0.5), check.uniform(0.2, 0.6), check.uniform(1.5, 2.5)):
        case = f"tanh_from_ops(a) with a = {x:g}"

        def tanh_value(value, x=x):
            return half if is_close(value, math.tanh(x / 2), 1e-9) else tanh_value_hint

        _compare_expression(
            check,
            Scalar,
            case,
            tanh_from_ops,
            [x],
            tanh_hint,
            reference=lambda a: a.tanh(),
            value_hint=tanh_value,
            label="tanh_from_ops(a)",
        )
        tanh_structure(check, Scalar, tanh_from_ops, x, case, _call)
