"""Self-checks for the exercises of chapter 1, derivatives (see micrograd_checks).

Expected values come from complex-step differentiation: exact to rounding, and nothing like the
finite differences the exercises ask for.
"""

import cmath
import math

from micrograd_checks.core import Hint, is_close
from micrograd_checks.wrapper import checker, function


def _sin(x):
    return cmath.sin(x) if isinstance(x, complex) else math.sin(x)


def _exp(x):
    return cmath.exp(x) if isinstance(x, complex) else math.exp(x)


def _f(a, b, c):
    """The notebook's f(a, b, c) = -a^3 + 5b^2 - 1/c + b^2.5 - a^0.5 (also for complex inputs)."""
    return -(a**3) + 5 * b**2 - 1 / c + b**2.5 - a**0.5


def _exact_partial(f, point, i):
    """df/dx_i by the complex step Im f(x + i*h*e_i) / h: no subtraction, so no rounding error."""
    h = 1e-30
    z = [complex(x) for x in point]
    z[i] += 1j * h
    return f(*z).imag / h


_ONE_INPUT = [
    ("x**2 at x = 3", lambda x: x**2, 3.0),
    ("x**3 at x = -2", lambda x: x**3, -2.0),
    ("sin(x) at x = 1", _sin, 1.0),
    ("exp(x) at x = 0.5", _exp, 0.5),
    ("1/x at x = 2", lambda x: 1 / x, 2.0),
    ("the constant function 7 at x = 1", lambda x: 7.0, 1.0),
]


def _slope_hint(f, x, h, formula):
    def hint(got):
        expected = _exact_partial(f, [x], 0)
        if expected and is_close(got, -expected, 1e-2):
            return f"The sign is flipped. {formula}"
        if expected and is_close(got / h, expected, 1e-2):
            return (
                f"Your answer is h times too small: divide the change in f by the step. {formula}"
            )
        if is_close(got, f(x), 1e-9):
            return f"That is f(x) itself, not its slope. {formula}"
        return formula

    return hint


@checker("1.1", "derivative()", function("derivative"))
def check_derivative(check, derivative):
    """Exercise 1.1: derivative(f, x, h=1e-6), a forward difference."""
    formula = (
        "The forward difference is (f(x + h) − f(x)) / h: the change in f per unit change in x."
    )
    for case, f, x in _ONE_INPUT:
        got = check.call(derivative, f, x, case=case)
        check.close(
            got,
            _exact_partial(f, [x], 0),
            case,
            what="slope",
            tol=1e-4,
            hint=_slope_hint(f, x, 1e-6, formula),
        )
    case = "x**2 at x = 1 with h = 0.5 (a big step, so the estimate is visibly off)"
    got = check.call(derivative, lambda x: x**2, 1.0, h=0.5, case=case)
    check.close(
        got,
        2.5,
        case,
        what="slope",
        tol=1e-9,
        hint="With h = 0.5 the forward difference is (1.5² − 1²) / 0.5 = 2.5. Use the `h` you are given, "
        "and step forward only (the central difference comes in exercise 1.2).",
    )
    check.passed()


@checker("1.2", "central_difference()", function("central_difference"))
def check_central_difference(check, central_difference):
    """Exercise 1.2: central_difference(f, x, h=1e-5)."""
    formula = "The central difference is (f(x + h) − f(x − h)) / (2h)."
    cases = [
        ("x**3 at x = 2 with h = 0.001", lambda x: x**3, 2.0, 1e-3),
        ("sin(x) at x = 0.5 with h = 0.001", _sin, 0.5, 1e-3),
        ("1/x at x = -0.5 with h = 0.0001", lambda x: 1 / x, -0.5, 1e-4),
        ("exp(x) at x = 1 with the default h", _exp, 1.0, None),
    ]
    for case, f, x, h in cases:
        expected = _exact_partial(f, [x], 0)

        def hint(got, expected=expected):
            if is_close(got, -expected, 1e-3):
                return f"The sign is flipped. {formula}"
            if is_close(got, 2 * expected, 1e-3):
                return f"Twice too big: the two points x − h and x + h are 2h apart. {formula}"
            if is_close(got, expected, 0.05):
                return (
                    "Close, but not as accurate as a central difference (its error shrinks like h², a one-sided "
                    f"difference's only like h). Step both ways. {formula}"
                )
            return formula

        step = {} if h is None else {"h": h}
        got = check.call(central_difference, f, x, case=case, **step)
        check.close(got, expected, case, what="slope", tol=1e-5, hint=hint)
    check.passed()


@checker("1.3", "partials()", function("partials"))
def check_partials(check, partials):
    """Exercise 1.3: partials(f, point, h=1e-5), one central difference per input."""
    cases = [
        ("f(a, b, c) at (2, 3, 4)", _f, [2.0, 3.0, 4.0]),
        ("f(a, b, c) at (0.5, 1.2, -3)", _f, [0.5, 1.2, -3.0]),
        ("x * y at (3, -2)", lambda x, y: x * y, [3.0, -2.0]),
        ("exp(x) at (0.3,), a function of one input", _exp, [0.3]),
        (
            "x*y + z*w at (1, 2, 3, 4), a function of four inputs",
            lambda x, y, z, w: x * y + z * w,
            [1.0, 2.0, 3.0, 4.0],
        ),
    ]
    for case, f, point in cases:
        given = list(point)
        got = check.call(partials, f, given, case=case)
        if given != point:
            raise check.fail(
                "it changed the list `point` it was given",
                case=case,
                expected=point,
                got=given,
                hint="Nudge a copy (e.g. `up = list(point)`), so the caller's point stays as it was.",
            )
        got = check.sequence(got, len(point), case, what="the list of partial derivatives")
        exact = [_exact_partial(f, point, i) for i in range(len(point))]
        n, total = len(point), sum(exact)
        for i, (g, e) in enumerate(zip(got, exact, strict=False)):

            def hint(value, n=n, total=total):
                if n > 1 and is_close(value, total, 1e-4):
                    return "It looks like you nudged every input at once: move only input i, keep the others fixed."
                return "For input i, nudge only that input up and down by h (a central difference), others fixed."

            check.close(
                g,
                e,
                case,
                what=f"partial derivative for input {i}",
                tol=1e-5,
                hint=hint,
            )
    check.passed()


_EXACT_HINTS = [
    "∂f/∂a: only −a³ and −a^0.5 involve a. Use the power rule d(xⁿ)/dx = n·xⁿ⁻¹ on each, keeping the minus signs.",
    "∂f/∂b: only 5b² and b^2.5 involve b. Use the power rule on each; a constant factor such as the 5 "
    "stays in front.",
    "∂f/∂c: only −1/c involves c. Write it as −c⁻¹, use the power rule, and mind both minus signs.",
]


@checker("1.4", "f_partials_exact()", function("f_partials_exact"))
def check_exact_partials(check, f_partials_exact):
    """Exercise 1.4: the partial derivatives of f(a, b, c), worked out by hand."""
    for point in [
        (2.0, 3.0, 4.0),
        (0.5, 1.2, -3.0),
        (3.7, 0.25, 0.8),
        (1.0, 1.0, 1.0),
    ]:
        case = f"(a, b, c) = {point}"
        got = check.sequence(
            check.call(f_partials_exact, *point, case=case),
            3,
            case,
            what="[df/da, df/db, df/dc]",
        )
        for i, name in enumerate("abc"):
            expected = _exact_partial(_f, point, i)
            check.close(
                got[i],
                expected,
                case,
                what=f"∂f/∂{name}",
                tol=1e-7,
                hint=_EXACT_HINTS[i],
            )
    check.passed()


STEPS = [10.0**-k for k in range(1, 16)]


def _central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


@checker("1.5", "best_step()", function("best_step"))
def check_best_step(check, best_step):
    """Exercise 1.5: best_step(f, x, exact), the step h in STEPS with the smallest error."""
    cases = [
        ("x**3 at x = 2 (exact slope 12)", lambda x: x**3, 2.0, 12.0),
        ("exp(x) at x = 1 (exact slope e)", _exp, 1.0, math.e),
        ("1/x at x = 0.5 (exact slope -4)", lambda x: 1 / x, 0.5, -4.0),
        ("x**2 at x = 1000 (exact slope 2000)", lambda x: x**2, 1000.0, 2000.0),
    ]
    results = []
    for case, f, x, exact in cases:
        got = check.call(best_step, f, x, exact, case=case)
        errors = {h: abs(_central(f, x, h) - exact) for h in STEPS}
        best = min(errors, key=errors.get)
        if not isinstance(got, float) or got not in errors:
            hint = (
                "Return the step h itself (one of STEPS), not its error."
                if isinstance(got, float) and 0 <= got < 1e-1 and got not in errors
                else "Return one of the numbers in STEPS: the step with the smallest error."
            )
            raise check.fail(
                "the result should be one of the steps in STEPS", case=case, got=got, hint=hint
            )
        patterns = {
            "worst": max(errors, key=errors.get),
            "signed": min(STEPS, key=lambda h, f=f, x=x, exact=exact: _central(f, x, h) - exact),
            "tiniest": STEPS[-1],
        }
        wrong = errors[got] > 1.5 * errors[best] + 1e-15
        results.append((case, got, best, wrong, patterns))
    failures = [r for r in results if r[3]]
    if failures:
        case, got, best, _, _ = failures[0]
        # the mistake is the pattern the answers follow on every case
        kind = next(
            (k for k in ("worst", "tiniest", "signed") if all(r[1] == r[4][k] for r in results)),
            None,
        )
        hints = {
            "worst": "That step has the largest error of all: you want the smallest.",
            "tiniest": Hint(
                "The tiniest step is not the best: below some size, rounding error grows.",
                "Measure the error abs(estimate − exact) for every h and keep the h where it is smallest.",
                key="tiniest",
            ),
            "signed": Hint(
                "Compare the size of each error, whatever its sign: a big negative error is still big.",
                "Use abs(central_difference(f, x, h) − exact) and keep the h where it is smallest.",
                key="abs",
            ),
            None: Hint(
                "Measure every step's error the same way, and keep the step where it is smallest.",
                "Use abs(central_difference(f, x, h) − exact) for each h in STEPS.",
                key="best",
            ),
        }
        raise check.fail(
            "that is not the step with the smallest error",
            case=case,
            expected=best,
            got=got,
            hint=hints[kind],
        )
    check.count += len(results)
    check.passed()
