"""Graphs for the capstone's 8.3 check: random expressions of the derived operations (numbers on
both sides), a shared node and a deep chain, on hidden random inputs.

Values are compared with micrograd's; gradients (the chain rule over the learner's stored local
derivatives, walked here: the learner's backward() comes in 8.5) with central differences of the
learner's own values, computed here from `.data`.
"""

import sys

from micrograd.engine import Value as Reference

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import capstone_structure as structure
from micrograd_checks.core import Hint

NAMES = "abcdefghijklmnopqrstuvwxyz"
H = 1e-6
TOL = 1e-5

# how it reads, how to apply it to (x, y, a plain number c), when it is safe
OPS = [
    ("{x} + {y}", lambda x, y, c: x + y, None),
    ("{x} * {y}", lambda x, y, c: x * y, None),
    ("-{x}", lambda x, y, c: -x, None),
    ("{x} - {y}", lambda x, y, c: x - y, None),
    ("{x} - {c}", lambda x, y, c: x - c, None),
    ("{c} - {x}", lambda x, y, c: c - x, None),
    ("{x} / {y}", lambda x, y, c: x / y, lambda x, y: abs(y) > 0.3),
    ("{x} / {c}", lambda x, y, c: x / c, None),
    ("{c} / {x}", lambda x, y, c: c / x, lambda x, y: abs(x) > 0.3),
    ("{c} + {x}", lambda x, y, c: c + x, None),
    ("{c} * {x}", lambda x, y, c: c * x, None),
    ("{x} ** 2", lambda x, y, c: x**2, None),
]
CONSTANTS = [3, -3, 4, 0.5, 1.5, -2.5, 2.0]


def _programs(rng, count):
    out = []
    while len(out) < count:
        inputs = [rng.choice([-1, 1]) * round(rng.uniform(0.4, 2.0), 2) for _ in range(3)]
        values, steps = list(inputs), []
        for _ in range(rng.randint(5, 9)):
            k = rng.randrange(len(OPS))
            i, j = rng.randrange(len(values)), rng.randrange(len(values))
            c = rng.choice(CONSTANTS)
            _, apply, safe = OPS[k]
            if safe and not safe(values[i], values[j]):
                continue
            result = apply(values[i], values[j], c)
            if abs(result) > 50:
                continue
            values.append(result)
            steps.append((k, i, j, c))
        if len(steps) >= 4:
            out.append((inputs, steps))
    return out


def _describe(inputs, steps):
    lines = [f"{NAMES[k]} = {x:g}" for k, x in enumerate(inputs)]
    for k, (op, i, j, c) in enumerate(steps, start=len(inputs)):
        lines.append(f"{NAMES[k]} = {OPS[op][0].format(x=NAMES[i], y=NAMES[j], c=c)}")
    return "; ".join(lines)


def _program(steps):
    def build(*leaves):
        nodes = list(leaves)
        for op, i, j, c in steps:
            nodes.append(OPS[op][1](nodes[i], nodes[j], c))
        return nodes

    return build


def _shared(a, b, c):
    """A node used five times: t = a / b - c."""
    t = a / b - c
    return [a, b, c, t, (t - 2 * t * t) / (3 + t * t) + (1 - t) / (4 + c * c)]


def _chain(steps):
    def build(a, b):
        x, nodes = a, [a, b]
        for k in range(steps):
            if k % 3 == 0:
                x = -(x - b) / 2
            elif k % 3 == 1:
                x = 1 / (3 + x * x)
            else:
                x = 2 * x - a
        return nodes + [x]

    return build


_VALUE = Hint(
    "Each operation alone gave the right value, but not inside this expression: does one of "
    "them change a Value it was given, or give a different answer the second time it runs?",
    key="8.3 expression value",
)
_GRAD = Hint(
    "Every value is right but a gradient is not: one of the nodes in this expression does not "
    "pass on the gradient its value depends on.",
    "Test each operation alone: nudge one input by a tiny h and see how much the output moves; "
    "that ratio is what the chain rule over your local derivatives must give.",
    key="8.3 gradient",
)


def gradients_match(check, Value, build, inputs, extra, names, case, what="{name}"):
    """Gradients by the chain rule over the learner's local derivatives = central differences of
    the learner's own values, for each input named in `names`."""

    def root(values):
        leaves = [Value(v) for v in values]
        out = build(*leaves, extra) if extra is not None else build(*leaves)
        return leaves, out[-1] if isinstance(out, list) else out

    leaves, out = check.call(root, list(inputs), case=case)
    grads = check.call(adapter.own_backward, out, case=case)
    for k, name in enumerate(names):
        nudged = [list(inputs), list(inputs)]
        nudged[0][k] += H
        nudged[1][k] -= H
        up, down = (check.call(root, v, case=case)[1].data for v in nudged)
        expected = (up - down) / (2 * H)
        got = grads.get(id(leaves[k]), 0.0)
        check.close(
            got,
            expected,
            case,
            what=f"gradient of {what.format(name=name)}",
            tol=TOL,
            hint=_GRAD,
        )


def _values_and_structure(check, Value, run, build, inputs, reference, case, names=NAMES):
    """Build with the learner's class under watch; compare every node's value; structure."""
    counted = check.count
    leaves = [Value(x) for x in inputs]
    mine = run(check, lambda: build(*leaves), case, "this expression")
    for k, (m, r) in enumerate(zip(mine, reference)):
        name = names[k] if k < len(names) else "the result"
        check.close(m, r.data, case, what=f"value of {name}", hint=_VALUE)
    for leaf, x in zip(leaves, inputs):
        if leaf.data != x:
            raise check.fail(
                "an operation in this expression changed one of its inputs",
                case=case,
                hint="An operation must return a new Value and leave self and other as they were.",
            )
    made = check.call(structure.hand_made, mine[-1], Value, leaves, check.constants, case=case)
    if made is not None:
        raise check.fail(
            f"this expression has a node of its own ({made!r}), not one of your +, * and ** nodes",
            case=case,
            hint="Build every operation of 8.3 from your +, * and ** only.",
        )
    check.count = counted + 1  # one per graph, whatever its size


def check_graphs(check, Value, run):
    """Random expressions, a shared node and a deep chain: values, structure, gradients."""
    for inputs, steps in _programs(check.random, 6):
        case = _describe(inputs, steps)
        build = _program(steps)
        reference = build(*[Reference(x) for x in inputs])
        _values_and_structure(check, Value, run, build, inputs, reference, case)
        gradients_match(check, Value, build, inputs, None, NAMES[:3], case)
    inputs = [check.random.choice([-1, 1]) * check.uniform(0.5, 2.0) for _ in range(3)]
    case = "t = a / b - c, used five times: " + ", ".join(
        f"{n} = {x:g}" for n, x in zip("abc", inputs)
    )
    reference = _shared(*[Reference(x) for x in inputs])
    _values_and_structure(check, Value, run, _shared, inputs, reference, case, "abct")
    gradients_match(check, Value, _shared, inputs, None, "abc", case)
    # The in-page Python (Pyodide, sys.platform "emscripten") has a small C stack: a shorter chain
    steps = 1000 if sys.platform != "emscripten" else 150
    inputs = [check.random.choice([-1, 1]) * check.uniform(0.5, 2.0) for _ in range(2)]
    case = (
        f"a chain of {steps} steps x = -(x - b) / 2, x = 1 / (3 + x * x), x = 2 * x - a "
        f"from x = a, with a = {inputs[0]:g}, b = {inputs[1]:g}"
    )
    build = _chain(steps)
    reference = build(*[Reference(x) for x in inputs])
    _values_and_structure(check, Value, run, build, inputs, reference, case, "ab")
    gradients_match(check, Value, build, inputs, None, "ab", case)


def base_operations(check, Value):
    """The 8.2 nodes this exercise builds on must be right, or every 8.3 result looks wrong.
    Sets `check.constants`: the operations that keep a plain number out of the children."""
    check.constants = set()
    for text, build in [
        ("a + b", lambda a, b: a + b),
        ("a * b", lambda a, b: a * b),
        ("a + 3", lambda a, b: a + 3),
        ("a * 3", lambda a, b: a * 3),
        ("a ** -1", lambda a, b: a**-1),
        ("a ** 3", lambda a, b: a**3),
    ]:
        x = [check.random.choice([-1, 1]) * check.uniform(0.5, 2.0) for _ in range(2)]
        case = f"{text} with a = {x[0]:g}, b = {x[1]:g}"
        leaves = [Value(x[0]), Value(x[1])]
        out = check.call(build, *leaves, case=case)
        want = build(Reference(x[0]), Reference(x[1]))
        op = text.split()[1]
        kind = isinstance(out, Value) and check.call(structure.kind, out, Value, case=case)
        if kind != op and "3" in text and isinstance(out, Value):
            if check.call(structure.kind, out, Value, {op}, case=case) == op:
                kind = op
                check.constants.add(op)
        if kind != op and op == "**" and isinstance(out, Value):  # a ** 3 as a * a * a
            made = check.call(structure.hand_made, out, Value, leaves, case=case)
            kind = op if made is None and kind else kind
        if kind != op or not adapter.close(out.data, want.data):
            raise check.fail(
                f"your `{text}` from exercise 8.2 is not right yet, and 8.3 is built on it",
                case=case,
                hint="Make check_own_add_mul_pow(Value) pass first, then come back to 8.3.",
            )
    check.ok()
