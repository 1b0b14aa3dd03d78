"""Self-checks for the exercises of chapter 2, the chain rule (see micrograd_checks).

Expected gradients come from micrograd's own `backward()` on the same graphs.
"""

import math

from micrograd.engine import Value, topological_order

from micrograd_checks.core import Hint, is_close, number
from micrograd_checks.watch import Watch
from micrograd_checks.wrapper import checker, function

_BY_HAND = (
    "This exercise asks for the backward pass written out by you, step by step: micrograd's Value "
    "and backward() do it for you, so the check cannot see yours."
)
_OWN_GRADIENTS = (
    "Take the gradients from your own f_and_grads() (exercise 2.3), not from micrograd's Value and "
    "backward()."
)
_ESTIMATE = (
    "Very close, but not exact: that looks like an estimate (a finite difference). Work backwards "
    "through the steps with the chain rule: it gives exact gradients."
)


class _Exact(Watch):
    """Refuse micrograd, and count the learner's calls of math.tanh: an estimate needs several."""

    def __init__(self):
        super().__init__("all", _BY_HAND)
        self.tanh = 0

    def _profile(self, frame, event, arg):
        if event == "c_call" and arg is math.tanh:
            self.tanh += 1
        return super()._profile(frame, event, arg)

    def verdict(self, check, case):
        super().verdict(check, case)
        if self.tanh > 3:
            raise check.fail(
                f"your code computed tanh {self.tanh} times: the gradients come out of an estimate",
                case=case,
                hint=_ESTIMATE,
            )


def _labelled(**values):
    return {name: Value(v, label=name) for name, v in values.items()}


def _expected_grads(root):
    root.backward()
    return {node.label: node.grad for node in topological_order(root)}


def _compare_grads(check, grads, order, expected, case, hints):
    if not isinstance(grads, dict):
        raise check.fail(
            "`grads` should be a dict",
            case=case,
            got=grads,
            hint="e.g. {'L': 1.0, ...}",
        )
    for name in order:
        if name not in grads:
            raise check.fail(f"`grads` has no entry for {name!r}", case=case, got=grads)

        def hint(got, name=name):
            if is_close(got, -expected[name], 1e-6) and expected[name]:
                return (
                    f"The sign is flipped: the size of dL/d{name} is right. Check the sign of each "
                    "local derivative on its path."
                )
            return hints[name]

        check.close(
            grads[name],
            expected[name],
            case,
            what=f"dL/d{name}",
            tol=1e-6,
            hint=hint,
        )


@checker("2.1", "backprop by hand", function("get_grads", "lambda: chain_grads"))
def check_backprop_by_hand(check, get_grads):
    """Exercise 2.1: the gradients of L = (x*y + z) * w, worked out node by node."""
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


@checker("2.2", "a value used twice", function("get_grads", "lambda: shared_grads"))
def check_shared_node(check, get_grads):
    """Exercise 2.2: q = a*b, r = q + a, L = q*r; a and q each reach L along two paths."""
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


def _f_variants(x, y):
    """(df/dx, df/dy) for f = (x + y) tanh(xy) as written, and as mistakes would write them."""
    u = x * y
    t, s = math.tanh(u), x + y
    dt = 1 - t * t
    return {
        "right": (t + y * dt * s, t + x * dt * s),
        "one path": (y * dt * s, x * dt * s),
        "only the sum": (t, t),
        "no tanh slope": (t + y * s, t + x * s),
        "tanh of u": (t + y * (1 - u * u) * s, t + x * (1 - u * u) * s),
        "tanh unsquared": (t + y * (1 - t) * s, t + x * (1 - t) * s),
        "same factor": (t + x * dt * s, t + y * dt * s),
        "tanh slope sign": (t - y * dt * s, t - x * dt * s),
        "s and t swapped": (s + y * dt * t, s + x * dt * t),
    }


_F_HINTS = {
    "one path": "x reaches f along two paths, through s = x + y and through u = x · y: add the contributions "
    "of both.",
    "only the sum": "x reaches f along two paths, through s = x + y and through u = x · y: add the "
    "contributions of both.",
    "no tanh slope": "On the path through t = tanh(u), remember tanh's local derivative, 1 − tanh(u)².",
    "tanh of u": "The slope of tanh at u is 1 − t², with t = tanh(u): square t, not u.",
    "tanh unsquared": "The slope of tanh at u is 1 − t², with t = tanh(u) squared.",
    "same factor": "u = x · y: the local derivative of a product with respect to one factor is the *other* "
    "factor. (Or are df/dx and df/dy returned the other way round?)",
    "tanh slope sign": "The slope of tanh is positive everywhere: 1 − tanh(u)², not tanh(u)² − 1.",
    "s and t swapped": "out = s · t: for s the local derivative is the other factor, t (and for t it is s).",
}


@checker("2.3", "f_and_grads()", function("f_and_grads"))
def check_f_and_grads(check, f_and_grads):
    """Exercise 2.3: f = (x + y) * tanh(x * y) and its two partial derivatives."""
    u = check.uniform
    for x, y in [
        (u(0.3, 0.7), u(-1.5, -1.0)),
        (u(0.8, 1.2), u(1.5, 2.5)),
        (u(-0.5, -0.2), u(0.3, 0.6)),
    ]:
        case = f"x = {x}, y = {y}"
        X, Y = Value(x), Value(y)
        out = (X + Y) * (X * Y).tanh()
        out.backward()
        got = check.sequence(
            check.call(f_and_grads, x, y, case=case, watch=_Exact()),
            3,
            case,
            what="(f, df_dx, df_dy)",
        )
        check.close(
            got[0],
            out.data,
            case,
            what="f",
            tol=1e-7,
            hint="The forward pass is given: return (out, df_dx, df_dy), in that order.",
        )
        variants = _f_variants(x, y)
        for k, (g, e, what) in enumerate(zip(got[1:], [X.grad, Y.grad], ["df/dx", "df/dy"])):

            def hint(value, k=k, variants=variants, e=e):
                if is_close(value, e, 1e-6):
                    return _ESTIMATE
                for name, text in _F_HINTS.items():
                    if is_close(value, variants[name][k], 1e-7):
                        return text
                return "Work backwards one step at a time: out = s · t, t = tanh(u), s = x + y, u = x · y."

            check.close(g, e, case, what=what, tol=1e-12, hint=hint)
    check.passed()


def _f_and_grads(x, y):
    X, Y = Value(x), Value(y)
    out = (X + Y) * (X * Y).tanh()
    out.backward()
    return out.data, X.grad, Y.grad


@checker("2.5", "gradient_step()", function("gradient_step"))
def check_gradient_step(check, gradient_step):
    """Exercise 2.5: one step of gradient descent on f(x, y), and its predicted change."""
    u = check.uniform
    for x, y, eta in [
        (u(0.3, 0.7), u(-1.7, -1.2), 0.1),
        (u(0.8, 1.2), u(1.5, 2.5), 0.01),
        (u(-0.5, -0.2), u(0.3, 0.6), 0.5),
    ]:
        case = f"x = {x}, y = {y}, eta = {eta}"
        got = check.sequence(
            check.call(gradient_step, x, y, eta, case=case, watch=Watch("all", _OWN_GRADIENTS)),
            3,
            case,
            what="(new_x, new_y, predicted)",
        )
        _, gx, gy = _f_and_grads(x, y)
        want = [x - eta * gx, y - eta * gy, -eta * (gx * gx + gy * gy)]
        ascent = [x + eta * gx, y + eta * gy]
        for k, (g, w, what) in enumerate(zip(got, want, ["new x", "new y", "predicted change"])):
            if k < 2 and is_close((number(g) or 0.0), ascent[k], 1e-9) and gx:
                hint = "That step goes uphill: to make f smaller, step against the gradient (subtract)."
            elif k == 1 and is_close(
                (number(g) or 0.0), y - eta * _f_and_grads(want[0], y)[2], 1e-9
            ):
                hint = Hint(
                    "Your new y uses a gradient taken after x had already moved.",
                    "Compute both gradients at the old point first, then move x and y together.",
                    key="sequential",
                )
            elif k == 2 and is_close((number(g) or 0.0), -w, 1e-9):
                hint = (
                    "The sign is flipped: a step against the gradient makes f smaller, "
                    "so the predicted change is negative."
                )
            elif k == 2 and is_close((number(g) or 0.0), w / eta, 1e-9):
                hint = "The predicted change is missing the step size: each input moves by eta · gradient."
            elif k == 2 and any(
                is_close((number(g) or 0.0), -eta * part * part, 1e-9) for part in (gx, gy)
            ):
                hint = (
                    "Your prediction counts only one input's move: add the contributions of both, "
                    "each gradient times how far that input moved."
                )
            elif k == 1 and is_close((number(g) or 0.0), y - eta * gx, 1e-9):
                hint = "y moved by x's gradient: each input moves against its own gradient."
            elif k == 2 and is_close(
                (number(g) or 0.0), _f_and_grads(want[0], want[1])[0] - _f_and_grads(x, y)[0], 1e-9
            ):
                hint = (
                    "That is the actual change of f, measured after the step. The prediction "
                    "comes from the gradients alone: for each input, its gradient times how far it "
                    "moved, added up."
                )
            elif is_close((number(g) or 0.0), w, 1e-6):
                hint = (
                    "Very close, but not exact: were the gradients estimated? Take them from your "
                    "f_and_grads() (exercise 2.3), at the point you start from."
                )
            else:
                hint = Hint(
                    "Each input moves against its own gradient, by eta times that gradient.",
                    "Predicted change of f: the sum over inputs of gradient × (its move), i.e. −eta·(df_dx² + df_dy²).",
                    key="step",
                )
            check.close(g, w, case, what=what, tol=1e-12, hint=hint)
    check.passed()
