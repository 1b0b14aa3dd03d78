"""Self-checks for the capstone, "Build micrograd yourself", part 8.3: subtraction, division,
negation and the reflected operations of your own `Value` class, built from +, * and **.

Your class is read by duck typing (see `capstone_adapter`). Each operation runs alone on fresh
random inputs (its value, that it leaves its inputs alone, that its result is connected to them
and made of your +, * and ** nodes only), then inside random expressions, a shared node and a
chain of a few thousand operations, whose gradients (the chain rule over your stored local
derivatives) are compared with central differences of your own values.
"""

from numbers import Real

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import capstone_derived_cases as graphs
from micrograd_checks import capstone_structure as structure
from micrograd_checks import own_code
from micrograd_checks.capstone_derived_run import run
from micrograd_checks.core import Hint
from micrograd_checks.wrapper import checker, klass

_OWN = "your own Value class"
# the plain numbers: whole ones in the first round, fractions in the second (never 1 or 2, which
# a node made by hand could match: see capstone_structure)
NUMBERS = [3, -3, 4, 0.5, 1.5, -2.5]


def _near(got, want):
    return adapter.close(got, want, 1e-9)


def _why_value(label, got, a, b, n):
    """The hint for a wrong value `got` of `label`: the mistake it gives away, else a nudge."""
    swapped = Hint(
        f"In `{label}` the order matters: self is the Value on the left of the operator, other "
        "the one on the right.",
        key=f"{label} order",
    )
    table = {
        "-a": [
            (a, Hint("Negation: −a is a times −1.", key="-a")),
            (1 / a, Hint("`-a` came out as 1 / a: a ** −1 is one over a.", key="-a inverse")),
        ],
        "a - b": [
            (a + b, Hint("a − b is a + (−b): making b bigger makes a − b smaller.", key="a - b")),
            (b - a, Hint(f"You computed b − a. {swapped.nudge}", key="a - b order")),
        ],
        "a - n": [(a + n, Hint("a − n is a + (−n).", key="a - n"))],
        "a / b": [
            (
                a * b,
                Hint(
                    "`a / b` came out as a × b: dividing by b is multiplying by b to the power −1.",
                    key="a / b power",
                ),
            ),
            (b / a, Hint(f"`a / b` came out as b / a. {swapped.nudge}", key="a / b order")),
            (1.0, Hint("`a / b` came out as a / a = 1: the power −1 belongs to b.", key="a / a")),
        ],
        "a / n": [(a * n, Hint("a / n is a · n⁻¹, not a · n.", key="a / n"))],
        "n - a": [
            (
                -a - n,
                Hint(
                    "`n - a` came out as −a − n: the minus sign belongs to a alone.",
                    key="n - a both",
                ),
            ),
            (
                a - n,
                Hint(
                    "Python runs n − a as a.__rsub__(n): self is the Value on the right, so "
                    "compute other − self.",
                    key="n - a",
                ),
            ),
        ],
        "n / a": [
            (
                a / n,
                Hint(
                    "Python runs n / a as a.__rtruediv__(n): self is the Value on the right, so "
                    "compute other / self.",
                    key="n / a",
                ),
            ),
            (
                n * a,
                Hint(
                    "`n / a` came out as n × a: dividing by a is multiplying by a to the power −1.",
                    key="n / a power",
                ),
            ),
        ],
    }
    for wrong, hint in table.get(label, []):
        if _near(got, wrong):
            return hint
    same = {"n + a": "a + n", "n * a": "a × n", "sum([a, b, a])": "0 + a + b + a"}
    return Hint(
        f"`{label}` gives the wrong number"
        + (f": it is the same as {same[label]}." if label in same else "."),
        key=f"{label} value",
    )


def _snapshot(leaves):
    return [(v.data, v.grad, [id(k) for k in adapter.children(v)]) for v in leaves]


def _change(old, new):
    """What an operation changed in its input, e.g. "its data was 2, now -2"."""
    for what, a, b in zip(("data", "grad"), old, new):
        if a != b:
            return f"its {what} was {a:g}, now {b:g}"
    return "it has children now"


def _unit(check, Value, part, label, build, want, names, x, n):
    """One operation on fresh leaves named `names`: everything but gradients through graphs."""
    data = {"a": x[0], "b": x[1]}
    leaves = {name: Value(data[name]) for name in names}
    case = f"{label} with " + ", ".join(f"{k} = Value({data[k]:g})" for k in names)
    case += f", n = {n} (a plain number)" if "n" in label else ""
    if not hasattr(Value, part):
        raise check.fail(
            f"your Value has no `{part}`, so `{label}` fails",
            case=case,
            hint=f"Python runs `{label}` with {part}: write {part}.",
        )
    expected = want(x[0], x[1], n)
    before = _snapshot(leaves.values())
    crash = Hint(
        f"Python runs `{label}` with {part}(self, other): self is a Value, other "
        + ("a plain number" if "n" in label else "a Value")
        + ". Did your code treat one as the other?",
        key=f"{label} crash",
    )
    out = run(
        check,
        lambda: build(leaves.get("a"), leaves.get("b"), n),
        case,
        label,
        hints={TypeError: crash, AttributeError: crash},
    )
    for (name, leaf), old in zip(leaves.items(), before):
        if _snapshot([leaf])[0] != old:
            raise check.fail(
                f"`{label}` changed its input {name} ({_change(old, _snapshot([leaf])[0])})",
                case=case,
                hint=Hint(
                    f"An operation must leave its inputs as they were: other expressions use {name} "
                    "too. Return a new Value made by your operations instead of changing self.",
                    key=f"{label} changed",
                ),
            )
    if not isinstance(out, Value):
        what = "plain number" if isinstance(out, Real) else type(out).__name__
        why = (
            "did you forget `return`?"
            if out is None
            else f"a {what} forgets where it came from, so backward() cannot reach "
            f"{' and '.join(names)}."
        )
        raise check.fail(
            f"`{label}` gave {'None' if out is None else 'a ' + what}, not a {Value.__name__}",
            case=case,
            got=out,
            hint=Hint(
                f"{why[0].upper()}{why[1:]} Return the {Value.__name__} your operations make.",
                key=f"{label} type",
            ),
        )
    check.close(
        out,
        expected,
        case,
        what=f"value of `{label}`",
        hint=lambda got: _why_value(label, got, *x, n),
    )
    for name, leaf in leaves.items():
        if not structure.reaches(out, leaf, Value):
            raise check.fail(
                f"`{label}` is not connected to {name}: backward() could never reach it",
                case=case,
                hint=Hint(
                    "A new Value made from `.data` has no children. Build the result with your "
                    "+, * and ** on the Values themselves, so it remembers them.",
                    key=f"{label} detached",
                ),
            )
    made = check.call(
        structure.hand_made, out, Value, list(leaves.values()), check.constants, case=case
    )
    if made is not None:
        raise check.fail(
            f"`{label}` makes a node of its own ({made!r}), not one of your +, * and ** nodes",
            case=case,
            hint=Hint(
                f"This exercise builds `{label}` from the operations you already have, so that "
                "no new local derivative is typed in: each one comes from +, * and **.",
                "−a is a · (−1), a − b is a + (−b), a / b is a · b⁻¹; for the reflected ones turn "
                "the plain number into a Value (or reuse +, *) in the right order.",
                key=f"{label} own node",
            ),
        )
    check.ok()
    graphs.gradients_match(check, Value, build, [x[0], x[1]], n, names, case)


def _inputs(check, signs):
    """Two hidden numbers of the given signs, far enough apart (and from ±1) that no wrong answer
    gives the right value by chance: a / b = b / a needs |a| = |b|, a · b = a / b needs |b| = 1."""
    while True:
        x = [sign * check.uniform(0.5, 2.5) for sign in signs]
        if abs(abs(x[0]) - abs(x[1])) > 0.2 and all(abs(abs(v) - 1) > 0.1 for v in x):
            return x


UNITS = [  # (method, how it reads, build with the learner's Values, the value, inputs used)
    ("__radd__", "n + a", lambda a, b, n: n + a, lambda a, b, n: n + a, "a"),
    ("__rmul__", "n * a", lambda a, b, n: n * a, lambda a, b, n: n * a, "a"),
    ("__neg__", "-a", lambda a, b, n: -a, lambda a, b, n: -a, "a"),
    ("__sub__", "a - b", lambda a, b, n: a - b, lambda a, b, n: a - b, "ab"),
    ("__sub__", "a - n", lambda a, b, n: a - n, lambda a, b, n: a - n, "a"),
    ("__truediv__", "a / b", lambda a, b, n: a / b, lambda a, b, n: a / b, "ab"),
    ("__truediv__", "a / n", lambda a, b, n: a / n, lambda a, b, n: a / n, "a"),
    ("__rsub__", "n - a", lambda a, b, n: n - a, lambda a, b, n: n - a, "a"),
    ("__rtruediv__", "n / a", lambda a, b, n: n / a, lambda a, b, n: n / a, "a"),
    ("__radd__", "sum([a, b, a])", lambda a, b, n: sum([a, b, a]), lambda a, b, n: 2 * a + b, "ab"),
]


@checker("8.3", "operations built from +, * and **", klass("Value"))
def check_own_derived_ops(check, Value):
    """Exercise 8.3: __neg__, __sub__, __truediv__ and the reflected __radd__, __rmul__, __rsub__, __rtruediv__."""
    own_code.refuse_classes(check, [Value], what=_OWN)
    graphs.base_operations(check, Value)
    for signs, numbers in [((1, -1), NUMBERS[:3]), ((-1, 1), NUMBERS[3:])]:
        for part, label, build, want, names in UNITS:
            x = _inputs(check, signs)
            _unit(check, Value, part, label, build, want, names, x, check.random.choice(numbers))
    graphs.check_graphs(check, Value, run)
    check.passed()
