"""Self-checks for the exercises of chapter 3, your own `Scalar`, a mini `Value` (see micrograd_checks).

The same expression is built with your Scalar and with micrograd's Value, and their values and
gradients are compared.
"""

from micrograd_checks.core import Hint
from micrograd_checks.scalar_graph import _compare_expression, _own_class, _run_cases
from micrograd_checks.value_ops import check_pow_and_tanh as check_pow_and_tanh
from micrograd_checks.value_ops import check_reflected as check_reflected
from micrograd_checks.wrapper import checker, klass


@checker("3.1", "Scalar.__neg__ and Scalar.__sub__", klass("Scalar"))
def check_scalar_sub(check, Scalar):
    """Exercise 3.1: -a and a - b."""
    _own_class(check, Scalar)
    u = check.uniform  # hidden inputs, fresh each run
    neg_hint = Hint(
        "−a has one child, a. When a grows by a tiny amount, which way does −a move, and how far?",
        "Its local derivative is −1: a new Scalar with data −a.data, child a, local derivative −1.",
        key="neg",
    )
    _run_cases(
        check,
        Scalar,
        [
            ("-a", lambda a: -a, [u(1, 5)]),
            ("-(a * 2)", lambda a: -(a * 2), [u(-3, -0.5)]),
        ],
        neg_hint,
    )
    sub_hint = Hint(
        "a − b has two children. Making b bigger makes a − b smaller: what does that say about the "
        "local derivative for b?",
        "a − b has data a.data − b.data and local derivatives 1 (for a) and −1 (for b).",
        key="sub",
    )
    cases = [
        ("a - b", lambda a, b: a - b, [u(3, 6), u(0.5, 2.5)]),
        ("a - 2.5 (a plain number on the right)", lambda a: a - 2.5, [u(-1, 2)]),
        ("a - a", lambda a: a - a, [u(1, 4)]),
        ("(a - b) * (a - b)", lambda a, b: (a - b) * (a - b), [u(1, 2), u(-3, -1)]),
    ]
    _run_cases(check, Scalar, cases, sub_hint)
    check.passed()


@checker("3.2", "Scalar.__truediv__", klass("Scalar"))
def check_scalar_div(check, Scalar):
    """Exercise 3.2: a / b."""
    _own_class(check, Scalar)
    u = check.uniform  # hidden inputs, fresh each run
    hint = Hint(
        "Work out each local derivative on paper first: for a, a / b is a times the number 1/b; "
        "for b, write a / b as a · b⁻¹ and use the power rule on b⁻¹.",
        "The local derivatives are 1/b (for a) and −a/b² (for b), computed from the plain numbers.",
        key="div",
    )
    cases = [
        ("a / b", lambda a, b: a / b, [u(4, 7), u(1.5, 3)]),
        ("a / b", lambda a, b: a / b, [u(-3, -1), u(0.3, 0.8)]),
        ("a / 4 (a plain number on the right)", lambda a: a / 4, [u(2, 5)]),
        ("(a / b) / a", lambda a, b: (a / b) / a, [u(1.5, 3), u(-6, -4)]),
    ]
    _run_cases(check, Scalar, cases, hint)
    check.passed()


@checker("3.3", "Scalar.exp and Scalar.log", klass("Scalar"))
def check_scalar_exp_log(check, Scalar):
    """Exercise 3.3: a.exp() and a.log(), also near the ends of the floats (e^700, log(1e-200))."""
    _own_class(check, Scalar)
    u = check.uniform  # hidden inputs, fresh each run
    exp_hint = Hint(
        "What is the slope of eˣ? Look at how the curve's steepness compares with its height.",
        "The slope of eˣ is eˣ itself: exp's local derivative is its own output value.",
        key="exp",
    )
    exp_value = Hint(
        "The value of exp(a) is wrong: compute it from the plain number a.data.",
        "exp(a) has data math.exp(a.data).",
        key="exp value",
    )
    overflow = (
        "e^a is below 10^307 here, which still fits in a float (the largest is about 1.8 · 10^308), "
        "but a number on your way to it did not: compute e^a in one step from a.data."
    )
    for x in (0.0, u(0.5, 2), u(-3, -1), u(600, 705)):
        _compare_expression(
            check,
            Scalar,
            f"exp(a) with a = {x:g}",
            lambda a: a.exp(),
            [x],
            exp_hint,
            value_hint=exp_value,
            label="exp(a)",
            crash_hints={OverflowError: overflow},
        )
    log_hint = Hint(
        "Which function of x is the slope of the natural logarithm log(x)?",
        "The slope of log(x) (the natural logarithm) is 1/x.",
        key="log",
    )
    cases = [("log(a)", lambda a: a.log(), [x]) for x in (u(0.2, 0.9), u(1.5, 4))]
    cases += [
        ("log(exp(a))", lambda a: a.exp().log(), [u(0.3, 1.2)]),
        ("log(a * b)", lambda a, b: (a * b).log(), [u(1.5, 3), u(4, 6)]),
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
    small = Hint(
        "log(a) is right for larger a but not for this small one: did you add a little to a, or "
        "keep it away from 0? The exercise only asks for a > 0, and log must be exact for every "
        "positive a, however small.",
        "Compute math.log(self.data) and the local derivative 1 / self.data from a.data as it is.",
        key="log small",
    )
    tiny = 10.0 ** -u(150, 250, 0)
    _compare_expression(
        check,
        Scalar,
        f"log(a) with a = {tiny:g} (a small positive number)",
        lambda a: a.log(),
        [tiny],
        small,
        value_hint=small,
        label="log(a)",
    )
    check.passed()
