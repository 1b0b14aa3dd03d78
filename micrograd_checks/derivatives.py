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


# (description, f, domain of x): the hidden x is drawn from the domain on each run
_ONE_INPUT = [
    ("x**2", lambda x: x**2, (1.0, 4.0)),
    ("x**3", lambda x: x**3, (-3.0, -0.5)),
    ("sin(x)", _sin, (0.2, 2.5)),
    ("exp(x)", _exp, (-1.0, 1.0)),
    ("1/x", lambda x: 1 / x, (0.5, 3.0)),
    ("the constant function 7", lambda x: 7.0, (-2.0, 2.0)),
]


def _forward(f, x, h):
    return (f(x + h) - f(x)) / h


def _central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


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
        if expected and is_close(got, 2 * expected, 1e-2):
            return (
                "Twice the slope: (f(x + h) − f(x − h)) spans two steps, 2h, not h. This exercise "
                f"steps forward only, from x to x + h. {formula}"
            )
        if is_close(got, expected, 1e-2):
            return f"Close, but not the forward difference with the step h you are given. {formula}"
        return formula

    return hint


_CENTRAL_NOT_FORWARD = (
    "That is the central difference (exercise 1.2): this one asks for the forward difference, "
    "from x to x + h."
)
_BACKWARD_NOT_FORWARD = "That steps backward, from x − h to x: step forward, from x to x + h."


@checker("1.1", "derivative()", function("derivative"))
def check_derivative(check, derivative):
    """Exercise 1.1: derivative(f, x, h=1e-6), a forward difference."""
    formula = (
        "The forward difference is (f(x + h) − f(x)) / h: the change in f per unit change in x."
    )
    for name, f, (low, high) in _ONE_INPUT:
        x = check.uniform(low, high)
        case = f"{name} at x = {x:g}"
        got = check.call(derivative, f, x, case=case)
        check.close(
            got,
            _exact_partial(f, [x], 0),
            case,
            what="slope",
            tol=1e-4,
            hint=_slope_hint(f, x, 1e-6, formula),
        )
    x = check.uniform(0.0, 0.1)
    case = f"exp(40x) at x = {x:g} with the default h (steep: the default step shows)"
    steep = lambda x: _exp(40 * x)  # noqa: E731
    got = check.call(derivative, steep, x, case=case)

    def default_hint(value):
        if is_close(value, _central(steep, x, 1e-6), 1e-8):
            return _CENTRAL_NOT_FORWARD
        if is_close(value, _forward(steep, x, -1e-6), 1e-8):
            return _BACKWARD_NOT_FORWARD
        if any(is_close(value, _forward(steep, x, 10.0**-k), 1e-8) for k in (3, 4, 5, 7, 8)):
            return (
                "Keep the default step the exercise gives, h=1e-6, in your function's first "
                f"line. {formula}"
            )
        return _slope_hint(steep, x, 1e-6, formula)(value)

    check.close(got, _forward(steep, x, 1e-6), case, what="slope", tol=1e-8, hint=default_hint)
    x, h = check.uniform(0.5, 2.0), check.random.choice([0.5, 0.25, 0.2])
    case = f"x**2 at x = {x:g} with h = {h:g} (a big step, so the estimate is visibly off)"
    got = check.call(derivative, lambda x: x**2, x, h=h, case=case)
    square = lambda x: x**2  # noqa: E731
    recipe = (
        f"With h = {h:g} the forward difference is ((x + h)² − x²) / h = 2x + h. Use the `h` you "
        "are given, and step forward only (the central difference comes in exercise 1.2)."
    )

    def big_step_hint(value):
        if is_close(value, _central(square, x, h), 1e-9):
            return _CENTRAL_NOT_FORWARD
        if is_close(value, _forward(square, x, -h), 1e-9):
            return _BACKWARD_NOT_FORWARD
        return recipe

    check.close(got, _forward(square, x, h), case, what="slope", tol=1e-9, hint=big_step_hint)
    check.passed()


@checker("1.2", "central_difference()", function("central_difference"))
def check_central_difference(check, central_difference):
    """Exercise 1.2: central_difference(f, x, h=1e-5)."""
    formula = "The central difference is (f(x + h) − f(x − h)) / (2h)."
    cases = [
        ("x**3", lambda x: x**3, check.uniform(1.0, 3.0), 1e-3),
        ("sin(x)", _sin, check.uniform(0.2, 1.2), 1e-2),
        ("1/x", lambda x: 1 / x, check.uniform(-1.0, -0.3), 1e-4),
        ("exp(x)", _exp, check.uniform(0.5, 1.5), None),
        ("x**4", lambda x: x**4, check.uniform(1.0, 2.0), 0.1),
        # steep: the default step's own error is visible (so a default other than 1e-5 is too)
        ("exp(40x)", lambda x: _exp(40 * x), check.uniform(0.0, 0.1), None),
    ]
    for name, f, x, h in cases:
        case = f"{name} at x = {x:g} " + ("with the default h" if h is None else f"with h = {h:g}")
        exact = _exact_partial(f, [x], 0)
        step = 1e-5 if h is None else h

        def hint(got, exact=exact, f=f, x=x, step=step, h=h):
            if is_close(got, -exact, 1e-3):
                return f"The sign is flipped. {formula}"
            if is_close(got, 2 * exact, 1e-3):
                return f"Twice too big: the two points x − h and x + h are 2h apart. {formula}"
            if is_close(got, _forward(f, x, step), 1e-9) or is_close(
                got, _forward(f, x, -step), 1e-9
            ):
                return (
                    "That is a one-sided difference: not as accurate as a central difference (its "
                    "error shrinks like h², a one-sided difference's only like h). Step both ways. "
                    f"{formula}"
                )
            if h is not None and is_close(got, _central(f, x, 1e-5), 1e-9):
                return f"Use the `h` you are given, not a step of your own. {formula}"
            if h is None and any(
                is_close(got, _central(f, x, 10.0**-k), 1e-9) for k in (2, 3, 4, 6, 7, 8)
            ):
                return (
                    "Keep the default step the exercise gives, h=1e-5, in your function's first "
                    f"line. {formula}"
                )
            if is_close(got, _central(f, x, step) * step * step, 1e-6):
                return f"Mind the brackets: a / 2 * h is (a / 2) · h. {formula}"
            if is_close(got, exact, 0.05):
                return f"Close, but not the central difference with the step h you were given. {formula}"
            central = _central(f, x, step)
            if (
                central
                and got / central > 2.5
                and is_close(got / central, round(got / central), 1e-6)
            ):
                return (
                    f"{round(got / central)} times too big: divide by 2h, with the h you were "
                    f"given, not by a step of your own. {formula}"
                )
            return formula

        kwargs = {} if h is None else {"h": h}
        got = check.call(central_difference, f, x, case=case, **kwargs)
        check.close(got, _central(f, x, step), case, what="slope", tol=1e-9, hint=hint)
    check.passed()


@checker("1.3", "partials()", function("partials"))
def check_partials(check, partials):
    """Exercise 1.3: partials(f, point, h=1e-5), one central difference per input."""
    u = check.uniform
    cases = [
        ("f(a, b, c)", _f, [u(1.5, 2.5), u(2.5, 3.5), u(3.0, 5.0)], None),
        ("f(a, b, c)", _f, [u(0.3, 0.8), u(1.0, 1.5), u(-4.0, -2.0)], 1e-3),
        ("x * y", lambda x, y: x * y, [u(1.0, 4.0), u(-3.0, -1.0)], None),
        ("exp(x), a function of one input", _exp, [u(0.1, 0.6)], 0.01),
        (
            "x*y + z*w, a function of four inputs",
            lambda x, y, z, w: x * y + z * w,
            [u(0.5, 1.5), u(1.5, 2.5), u(2.5, 3.5), u(3.5, 4.5)],
            None,
        ),
        ("x**3 * y**2", lambda x, y: x**3 * y**2, [u(1.0, 2.0), u(0.5, 1.5)], 0.05),
    ]
    for name, f, point, h in cases:
        step, n = (1e-5 if h is None else h), len(point)
        at = ", ".join(f"{p:g}" for p in point)
        case = f"{name} at ({at}) " + ("with the default h" if h is None else f"with h = {h:g}")
        given = list(point)
        kwargs = {} if h is None else {"h": h}
        got = check.call(partials, f, given, case=case, **kwargs)
        if given != point:
            raise check.fail(
                "it changed the list `point` it was given",
                case=case,
                expected=point,
                got=given,
                hint="Nudge a copy (e.g. `up = list(point)`), so the caller's point stays as it was.",
            )
        got = check.sequence(got, len(point), case, what="the list of partial derivatives")
        for i, g in enumerate(got):
            up, down = list(point), list(point)
            up[i] += step
            down[i] -= step
            central = (f(*up) - f(*down)) / (2 * step)
            forward = (f(*up) - f(*point)) / step
            everything = [p + step for p in point], [p - step for p in point]
            together = (f(*everything[0]) - f(*everything[1])) / (2 * step)

            up[i] = point[i] + 1e-5
            down[i] = point[i] - 1e-5
            own_step = (f(*up) - f(*down)) / 2e-5
            # one copy for all inputs: the earlier inputs' nudges are still in it
            ups = [p + step if j <= i else p for j, p in enumerate(point)]
            downs = [p - step if j <= i else p for j, p in enumerate(point)]
            kept = (f(*ups) - f(*downs)) / (2 * step)

            def hint(
                value,
                n=n,
                i=i,
                together=together,
                forward=forward,
                central=central,
                own=own_step,
                h=h,
                kept=kept,
            ):
                if is_close(value, 2 * central, 1e-6):
                    return (
                        "Twice too big: the two points x − h and x + h are 2h apart, divide by 2h."
                    )
                if h is not None and is_close(value, own, 1e-9):
                    return "Use the `h` you are given (it is an argument), not a step of your own."
                if i > 0 and is_close(value, kept, 1e-9):
                    return Hint(
                        "The nudges of the earlier inputs are still in your copy of the point: "
                        "each input needs a fresh copy, nudged in that input only.",
                        "Make the copies inside the loop, `up, down = list(point), list(point)`, "
                        "so that only input i differs from point.",
                        key="fresh copy",
                    )
                if n > 1 and is_close(value, together, 1e-6):
                    return "It looks like you nudged every input at once: move only input i, keep the others fixed."
                if is_close(value, forward, 1e-9):
                    return (
                        "That is a one-sided difference: step input i both ways, up by h and down "
                        "by h, and divide by 2h (a central difference)."
                    )
                return "For input i, nudge only that input up and down by h (a central difference), others fixed."

            check.close(
                g, central, case, what=f"partial derivative for input {i}", tol=1e-9, hint=hint
            )
    check.passed()
