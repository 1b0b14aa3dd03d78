"""Self-check for exercise 2.4: backpropagation over a tape (expected gradients from micrograd)."""

from micrograd.engine import Value

from micrograd_checks.core import Hint, is_close, number
from micrograd_checks.watch import Watch
from micrograd_checks.wrapper import checker, function

_BY_HAND = (
    "This exercise asks for your own walk over the tape: micrograd's Value and backward() do the "
    "backward pass for you, so the check cannot see yours."
)

_TAPES = [
    (
        "L = (x*y + z) * w from exercise 2.1",
        [
            ("e", "*", ("x", "y")),
            ("d", "+", ("e", "z")),
            ("L", "*", ("d", "w")),
        ],
        {"x": 3.0, "y": -2.0, "z": 5.0, "w": -4.0},
    ),
    (
        "s = x*x, L = s + x (x used three times)",
        [("s", "*", ("x", "x")), ("L", "+", ("s", "x"))],
        {"x": 1.5},
    ),
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
        "u = x*y, t = tanh(u), L = t*x + u (tanh inside, its input u used twice)",
        [
            ("u", "*", ("x", "y")),
            ("t", "tanh", ("u",)),
            ("v", "*", ("t", "x")),
            ("L", "+", ("v", "u")),
        ],
        {"x": 0.8, "y": -0.6},
    ),
    (
        "d = x + x, L = d * y (x is both inputs of one sum)",
        [("d", "+", ("x", "x")), ("L", "*", ("d", "y"))],
        {"x": 0.7, "y": -1.3},
    ),
    (
        "q = a*b, r = q + a, L = q*r from exercise 2.2",
        [
            ("q", "*", ("a", "b")),
            ("r", "+", ("q", "a")),
            ("L", "*", ("q", "r")),
        ],
        {"a": 2.0, "b": 3.0},
    ),
]

_TAPE_OPS = {
    "+": lambda a, b: a + b,
    "*": lambda a, b: a * b,
    "tanh": lambda a: a.tanh(),
}


def _tape_variant(tape, values, mistake):
    """The gradients a tape_backward() with `mistake` gives (to name that mistake)."""
    grads = {name: 0.0 for name in values}
    grads[tape[-1][0]] = 1.0
    for out, op, args in tape if mistake == "forwards" else reversed(tape):
        g = grads[out]
        if op == "+":
            for name in set(args) if mistake == "once per step" else args:
                grads[name] += 1.0 if mistake == "sum ones" else g
        elif op == "*":
            first, second = args
            own_first = mistake in ("own factor", "own first")
            own_second = mistake in ("own factor", "own second")
            grads[first] += values[first if own_first else second] * g
            grads[second] += values[second if own_second else first] * g
        elif mistake != "no tanh":
            grads[args[0]] += (1 - values[out] ** 2) * g
    return grads


_OWN_FACTOR = "For out = a * b, the local derivative for a is the *other* input's value, b (and for b it is a)."
_TAPE_HINTS = {
    "forwards": "Walk the tape backwards: a step can only pass on its gradient once it has "
    "received all of it, from the steps that come after it.",
    "own factor": _OWN_FACTOR,
    "own first": _OWN_FACTOR,
    "own second": _OWN_FACTOR,
    "sum ones": "A sum passes on the gradient it received, grads[out], not the number 1: "
    "its local derivatives are 1, and they multiply grads[out].",
    "once per step": "A name that is both inputs of one step (as in x + x) gets a contribution "
    "from each of the two: add both (+=), without skipping the repeat or overwriting.",
    "no tanh": "The tanh step passed nothing on to its input: handle the operation 'tanh' too.",
}


@checker("2.4", "tape_backward()", function("tape_backward"))
def check_tape_backward(check, tape_backward):
    """Exercise 2.4: backpropagation over a tape of (output, op, inputs) steps."""
    for case, tape, inputs in _TAPES:
        inputs = {  # fresh numbers near the ones shown, so answers cannot be typed in
            name: round(x + check.random.uniform(-0.2, 0.2), 2) or 0.1 for name, x in inputs.items()
        }
        nodes = {name: Value(x) for name, x in inputs.items()}
        for out, op, args in tape:
            nodes[out] = _TAPE_OPS[op](*(nodes[a] for a in args))
        nodes[tape[-1][0]].backward()
        values = {name: node.data for name, node in nodes.items()}
        given = [(out, op, tuple(args)) for out, op, args in tape]  # the learner's own copy
        given_values = dict(values)
        grads = check.call(
            tape_backward, given, given_values, case=case, watch=Watch("all", _BY_HAND)
        )
        if given != tape:
            raise check.fail(
                "tape_backward() changed the tape it was given",
                case=case,
                hint=Hint(
                    "Read the tape without changing it: the caller still needs it (to run "
                    "tape_backward() again).",
                    "Walk a reversed view instead, e.g. `for out, op, args in reversed(tape):`, "
                    "and keep the gradients in their own dict.",
                    key="changed",
                ),
            )
        if given_values != values:
            raise check.fail(
                "tape_backward() changed the dict of values it was given",
                case=case,
                hint=Hint(
                    "Read the values without changing them: they are the forward pass's results, "
                    "and the caller still needs them (to read them, or to run tape_backward() "
                    "again).",
                    "Only read values[name]; keep anything you work out (such as 1 − t² for a "
                    "tanh) in a variable of your own, e.g. `slope = 1 - values[out] ** 2`, and "
                    "write only to grads.",
                    key="changed values",
                ),
            )
        if not isinstance(grads, dict):
            raise check.fail(
                "tape_backward() should return a dict of gradients",
                case=case,
                got=grads,
            )
        uses = {}
        for _, _, args in tape:
            for a in args:
                uses[a] = uses.get(a, 0) + 1
        variant = next(
            (
                m
                for m in _TAPE_HINTS
                if (wrong := _tape_variant(tape, values, m)) != _tape_variant(tape, values, "")
                and all(is_close(number(grads.get(n)) or 0.0, w, 1e-9) for n, w in wrong.items())
            ),
            None,
        )
        for name in [out for out, _, _ in reversed(tape)] + list(inputs):
            if name not in grads:
                raise check.fail(f"no gradient for {name!r}", case=case, got=grads)
            if variant:
                hint = _TAPE_HINTS[variant]
            elif uses.get(name, 0) > 1:
                hint = (
                    f"{name!r} is used {uses[name]} times on the tape: each use adds its own contribution, "
                    "so accumulate with += instead of overwriting."
                )
            elif any(op == "tanh" for _, op, args in tape if name in args):
                hint = "tanh's local derivative is 1 − tanh(u)², and tanh(u) is that step's output value."
            else:
                hint = (
                    "Go through the steps from the last to the first. For out = a + b both inputs "
                    "get grads[out]; for out = a * b, "
                    "a gets (value of b) · grads[out] and b gets (value of a) · grads[out]."
                )
            check.close(
                grads[name],
                nodes[name].grad,
                case,
                what=f"gradient of {name!r}",
                tol=1e-7,
                hint=hint,
            )
    check.passed()
