"""Self-checks for the exercises of chapters 1 (derivatives) and 2 (the chain rule).

Expected values come from complex-step differentiation (exact to rounding, and nothing like
the finite differences you write) or from micrograd's own `backward()`.
"""

import cmath
import math

from micrograd.checks_core import Check, is_close
from micrograd.engine import Value, topological_order


def _sin(x):
    return cmath.sin(x) if isinstance(x, complex) else math.sin(x)


def _cos(x):
    return cmath.cos(x) if isinstance(x, complex) else math.cos(x)


def _exp(x):
    return cmath.exp(x) if isinstance(x, complex) else math.exp(x)


def _f(a, b, c):
    """The notebook's f(a, b, c) = -a^3 + sin(3b) - 1/c + b^2.5 - a^0.5 (also for complex inputs)."""
    return -(a**3) + _sin(3 * b) - 1 / c + b**2.5 - a**0.5


def _exact_partial(f, point, i):
    """df/dx_i by the complex step Im f(x + i*h*e_i) / h: no subtraction, so no rounding error."""
    h = 1e-30
    z = [complex(x) for x in point]
    z[i] += 1j * h
    return f(*z).imag / h


# ----- chapter 1 ---------------------------------------------------------------------------------

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
            return f"Your answer is h times too small: divide the change in f by the step. {formula}"
        if is_close(got, f(x), 1e-9):
            return f"That is f(x) itself, not its slope. {formula}"
        return formula

    return hint


def check_derivative(derivative):
    """Exercise 1.1: derivative(f, x, h=1e-6), a forward difference."""
    check = Check("1.1", "derivative()")
    formula = "The forward difference is (f(x + h) − f(x)) / h: the change in f per unit change in x."
    for case, f, x in _ONE_INPUT:
        got = check.call(derivative, f, x, case=case)
        check.close(got, _exact_partial(f, [x], 0), case, what="slope", tol=1e-4, hint=_slope_hint(f, x, 1e-6, formula))
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


def check_central_difference(central_difference):
    """Exercise 1.2: central_difference(f, x, h=1e-5)."""
    check = Check("1.2", "central_difference()")
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


def check_partials(partials):
    """Exercise 1.3: partials(f, point, h=1e-5), one central difference per input."""
    check = Check("1.3", "partials()")
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

            check.close(g, e, case, what=f"partial derivative for input {i}", tol=1e-5, hint=hint)
    check.passed()


_EXACT_HINTS = [
    "∂f/∂a: only −a³ and −a^0.5 involve a. Use the power rule d(xⁿ)/dx = n·xⁿ⁻¹ on each, keeping the minus signs.",
    "∂f/∂b: only sin(3b) and b^2.5 involve b. sin(3b) changes 3 times as fast as sin(b) would (its inside, 3b, "
    "moves 3 times as fast as b); b^2.5 follows the power rule.",
    "∂f/∂c: only −1/c involves c. Write it as −c⁻¹, use the power rule, and mind both minus signs.",
]


def check_exact_partials(f_partials_exact):
    """Exercise 1.4: the partial derivatives of f(a, b, c), worked out by hand."""
    check = Check("1.4", "f_partials_exact()")
    for point in [(2.0, 3.0, 4.0), (0.5, 1.2, -3.0), (3.7, 0.25, 0.8), (1.0, 1.0, 1.0)]:
        case = f"(a, b, c) = {point}"
        got = check.sequence(check.call(f_partials_exact, *point, case=case), 3, case, what="[df/da, df/db, df/dc]")
        for i, name in enumerate("abc"):
            expected = _exact_partial(_f, point, i)
            check.close(got[i], expected, case, what=f"∂f/∂{name}", tol=1e-7, hint=_EXACT_HINTS[i])
    check.passed()


# ----- chapter 2 ---------------------------------------------------------------------------------


def _labelled(**values):
    return {name: Value(v, label=name) for name, v in values.items()}


def _expected_grads(root):
    root.backward()
    return {node.label: node.grad for node in topological_order(root)}


def _compare_grads(check, grads, order, expected, case, hints):
    if not isinstance(grads, dict):
        raise check.fail("`grads` should be a dict", case=case, got=grads, hint="e.g. {'L': 1.0, ...}")
    for name in order:
        if name not in grads:
            raise check.fail(f"`grads` has no entry for {name!r}", case=case, got=grads)

        def hint(got, name=name):
            flipped = "The sign is flipped. " if is_close(got, -expected[name], 1e-6) and expected[name] else ""
            return flipped + hints[name]

        check.close(grads[name], expected[name], case, what=f"dL/d{name}", tol=1e-6, hint=hint)


def check_backprop_by_hand(get_grads):
    """Exercise 2.1: the gradients of L = (x*y + z) * w, worked out node by node."""
    check = Check("2.1", "backprop by hand")
    v = _labelled(x=3.0, y=-2.0, z=5.0, w=-4.0)
    e = v["x"] * v["y"]
    e.label = "e"
    d = e + v["z"]
    d.label = "d"
    L = d * v["w"]
    L.label = "L"
    expected = _expected_grads(L)
    product = "For a product, the local derivative with respect to one factor is the other factor."
    hints = {
        "L": "dL/dL is 1: nudging L by some amount changes L by the same amount.",
        "d": f"L = d · w. {product}",
        "w": f"L = d · w. {product}",
        "e": "d = e + z: a sum passes the gradient through unchanged (its local derivatives are 1).",
        "z": "d = e + z: a sum passes the gradient through unchanged (its local derivatives are 1).",
        "x": f"Chain rule: dL/dx = (de/dx) · (dL/de), with e = x · y. {product}",
        "y": f"Chain rule: dL/dy = (de/dy) · (dL/de), with e = x · y. {product}",
    }
    grads = check.call(get_grads, case="the graph above")
    _compare_grads(check, grads, list(hints), expected, "the graph above", hints)
    check.passed()


def check_shared_node(get_grads):
    """Exercise 2.2: q = a*b, r = q + a, L = q*r; a and q each reach L along two paths."""
    check = Check("2.2", "a value used twice")
    v = _labelled(a=2.0, b=3.0)
    q = v["a"] * v["b"]
    q.label = "q"
    r = q + v["a"]
    r.label = "r"
    L = q * r
    L.label = "L"
    expected = _expected_grads(L)
    hints = {
        "L": "dL/dL is 1.",
        "r": "L = q · r, so dL/dr is the other factor, q.",
        "q": "q reaches L along two paths: directly (L = q · r) and through r = q + a. "
        "Add the two contributions: gradients accumulate (+=).",
        "a": "a reaches L along two paths: through q = a · b and through r = q + a. Add both contributions.",
        "b": "b reaches L only through q = a · b: dL/db = (dq/db) · (dL/dq), where dL/dq is the total over both paths.",
    }
    grads = check.call(get_grads, case="the graph above")
    _compare_grads(check, grads, list(hints), expected, "the graph above", hints)
    check.passed()


def check_f_and_grads(f_and_grads):
    """Exercise 2.3: f = (x + y) * tanh(x * y) and its two partial derivatives."""
    check = Check("2.3", "f_and_grads()")
    hints = [
        "The forward pass is given: return (out, df_dx, df_dy), in that order.",
        "x reaches f along two paths, through s = x + y and through u = x · y; add the contributions of both. "
        "On the u path, remember tanh's local derivative, 1 − tanh(u)².",
        "y reaches f along two paths, through s = x + y and through u = x · y; add the contributions of both. "
        "On the u path, remember tanh's local derivative, 1 − tanh(u)².",
    ]
    for x, y in [(0.5, -1.2), (1.0, 2.0), (-0.3, 0.4), (2.0, 0.1)]:
        case = f"x = {x}, y = {y}"
        X, Y = Value(x), Value(y)
        out = (X + Y) * (X * Y).tanh()
        out.backward()
        got = check.sequence(check.call(f_and_grads, x, y, case=case), 3, case, what="(f, df_dx, df_dy)")
        for g, e, what, hint in zip(got, [out.data, X.grad, Y.grad], ["f", "df/dx", "df/dy"], hints, strict=False):
            check.close(g, e, case, what=what, tol=1e-7, hint=hint)
    check.passed()


_TAPES = [
    (
        "L = (x*y + z) * w from exercise 2.1",
        [("e", "*", ("x", "y")), ("d", "+", ("e", "z")), ("L", "*", ("d", "w"))],
        {"x": 3.0, "y": -2.0, "z": 5.0, "w": -4.0},
    ),
    ("s = x*x, L = s + x (x used three times)", [("s", "*", ("x", "x")), ("L", "+", ("s", "x"))], {"x": 1.5}),
    (
        "a tanh neuron: o = tanh(w1*x1 + w2*x2 + b)",
        [
            ("p", "*", ("w1", "x1")),
            ("q", "*", ("w2", "x2")),
            ("n", "+", ("p", "q")),
            ("m", "+", ("n", "b")),
            ("o", "tanh", ("m",)),
        ],
        {"w1": -0.5, "x1": 2.0, "w2": 1.5, "x2": -1.0, "b": 0.25},
    ),
    (
        "q = a*b, r = q + a, L = q*r from exercise 2.2",
        [("q", "*", ("a", "b")), ("r", "+", ("q", "a")), ("L", "*", ("q", "r"))],
        {"a": 2.0, "b": 3.0},
    ),
]

_TAPE_OPS = {"+": lambda a, b: a + b, "*": lambda a, b: a * b, "tanh": lambda a: a.tanh()}


def check_tape_backward(tape_backward):
    """Exercise 2.4: backpropagation over a tape of (output, op, inputs) steps."""
    check = Check("2.4", "tape_backward()")
    for case, tape, inputs in _TAPES:
        nodes = {name: Value(x) for name, x in inputs.items()}
        for out, op, args in tape:
            nodes[out] = _TAPE_OPS[op](*(nodes[a] for a in args))
        nodes[tape[-1][0]].backward()
        values = {name: node.data for name, node in nodes.items()}
        grads = check.call(tape_backward, tape, dict(values), case=case)
        if not isinstance(grads, dict):
            raise check.fail("tape_backward() should return a dict of gradients", case=case, got=grads)
        uses = {}
        for _, _, args in tape:
            for a in args:
                uses[a] = uses.get(a, 0) + 1
        for name in [out for out, _, _ in reversed(tape)] + list(inputs):
            if name not in grads:
                raise check.fail(f"no gradient for {name!r}", case=case, got=grads)
            if uses.get(name, 0) > 1:
                hint = (
                    f"{name!r} is used {uses[name]} times on the tape: each use adds its own contribution, "
                    "so accumulate with += instead of overwriting."
                )
            elif any(op == "tanh" for _, op, args in tape if name in args):
                hint = "tanh's local derivative is 1 − tanh(u)², and tanh(u) is that step's output value."
            else:
                hint = (
                    "Walk the tape backwards. For out = a + b both inputs get grads[out]; for out = a * b, "
                    "a gets (value of b) · grads[out] and b gets (value of a) · grads[out]."
                )
            check.close(grads[name], nodes[name].grad, case, what=f"gradient of {name!r}", tol=1e-7, hint=hint)
    check.passed()
