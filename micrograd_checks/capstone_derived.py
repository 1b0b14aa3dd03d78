"""Self-checks for the capstone, "Build micrograd yourself", part 8.3: subtraction, division,
negation and the reflected operations of your own `Value` class, built from +, * and **.

Your class is read by duck typing (see `capstone_adapter`). Expected values and gradients come
from micrograd's `Value` and from finite differences.
"""

from micrograd.engine import Value as Reference

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import capstone_cases as cases
from micrograd_checks import own_code
from micrograd_checks.core import Hint
from micrograd_checks.wrapper import checker, klass

_OWN = "your own Value class"

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
    own_code.refuse_classes(check, [Value], what=_OWN)
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
    cases.compare_programs(check, Value, cases.DERIVED, 8, seed=None)
    check.passed()
