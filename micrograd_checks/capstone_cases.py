"""Hidden cases for the capstone checks: random seeded expressions, built with the learner's class
and with micrograd's `Value`, compared node by node (values) and leaf by leaf (gradients)."""

from micrograd.engine import Value as Reference

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import core
from micrograd_checks.core import Hint, hidden_rng

NAMES = "abcdefghijklmnopqrstuvwxyz"

# op -> (how it reads, how to apply it to (x, y, constant), when it is safe for reference values)
OPS = {
    "add": ("{x} + {y}", lambda x, y, c: x + y, None),
    "mul": ("{x} * {y}", lambda x, y, c: x * y, None),
    "add_number": ("{x} + {c}", lambda x, y, c: x + c, None),
    "mul_number": ("{x} * {c}", lambda x, y, c: x * c, None),
    "square": ("{x} ** 2", lambda x, y, c: x**2, None),
    "cube": ("{x} ** 3", lambda x, y, c: x**3, None),
    "inverse": ("{x} ** -1", lambda x, y, c: x**-1, lambda x, y: abs(x) > 0.3),
    "neg": ("-{x}", lambda x, y, c: -x, None),
    "sub": ("{x} - {y}", lambda x, y, c: x - y, None),
    "div": ("{x} / {y}", lambda x, y, c: x / y, lambda x, y: abs(y) > 0.3),
    "radd": ("{c} + {x}", lambda x, y, c: c + x, None),
    "rmul": ("{c} * {x}", lambda x, y, c: c * x, None),
    "rsub": ("{c} - {x}", lambda x, y, c: c - x, None),
    "rdiv": ("{c} / {x}", lambda x, y, c: c / x, lambda x, y: abs(x) > 0.3),
    "tanh": ("{x}.tanh()", lambda x, y, c: x.tanh(), None),
    "relu": ("{x}.relu()", lambda x, y, c: x.relu(), None),
    "exp": ("{x}.exp()", lambda x, y, c: x.exp(), lambda x, y: x < 4),
}
BASIC = ["add", "mul", "add_number", "mul_number", "square", "cube", "inverse"]
DERIVED = BASIC + ["neg", "sub", "div", "radd", "rmul", "rsub", "rdiv"]
ALL = DERIVED + ["tanh", "relu", "exp"]


def programs(ops, count, seed):
    """`count` random expressions over three inputs: [(inputs, [(op, i, j, constant)])]."""
    rng = core.rng(seed) if seed is not None else hidden_rng(f"{ops}:{count}")
    out = []
    while len(out) < count:
        inputs = [rng.choice([-1, 1]) * round(rng.uniform(0.4, 2.0), 2) for _ in range(3)]
        ref, steps = [Reference(x) for x in inputs], []
        for _ in range(rng.randint(4, 8)):
            op = rng.choice(ops)
            i, j = rng.randrange(len(ref)), rng.randrange(len(ref))
            c = rng.choice([2, 3, -1, 0.5, 1.5, -2])
            _, apply, safe = OPS[op]
            if safe and not safe(ref[i].data, ref[j].data):
                continue
            node = apply(ref[i], ref[j], c)
            if abs(node.data) > 50 or (op == "relu" and abs(ref[i].data) < 1e-3):
                continue
            ref.append(node)
            steps.append((op, i, j, c))
        if len(steps) >= 3:
            out.append((inputs, steps))
    return out


def describe(inputs, steps):
    lines = [f"{NAMES[k]} = {x:g}" for k, x in enumerate(inputs)]
    for k, (op, i, j, c) in enumerate(steps, start=len(inputs)):
        text = OPS[op][0].format(x=NAMES[i], y=NAMES[j], c=c)
        lines.append(f"{NAMES[k]} = {text}")
    return "; ".join(lines)


def build(make_leaf, inputs, steps, call=lambda f: f()):
    """The nodes of the program, built from leaves made by `make_leaf` (the learner's or micrograd's)."""
    nodes = [make_leaf(x) for x in inputs]
    for op, i, j, c in steps:
        apply = OPS[op][1]
        nodes.append(call(lambda apply=apply, i=i, j=j, c=c: apply(nodes[i], nodes[j], c)))
    return nodes


def compare_programs(check, Value, ops, count, seed, *, learner_backward=False, validate=None):
    """Build each random program with `Value` and with micrograd; compare values, then gradients."""
    grad_hint = Hint(
        "A value is right but a gradient is not: one of the local derivatives in this expression is wrong.",
        "Test each operation alone: nudge one input by a tiny h and see how much the output moves; "
        "that ratio is the local derivative your node must record.",
        key="random gradient",
    )
    counted = check.count
    for inputs, steps in programs(ops, count, seed):
        case = describe(inputs, steps)
        mine = build(Value, inputs, steps, call=lambda f, case=case: check.call(f, case=case))
        ref = build(Reference, inputs, steps)
        for k, (m, r) in enumerate(zip(mine, ref)):
            check.close(m, r.data, case, what=f"value of {NAMES[k]}")
        root = mine[-1]
        if validate:
            validate(root, case)
        if learner_backward:
            check.call(root.backward, case=case)
            grads = {id(n): n.grad for n in mine}
        else:
            grads = check.call(adapter.own_backward, root, case=case)
        ref[-1].backward()
        for k in range(len(inputs)):
            got = grads.get(id(mine[k]), 0.0)
            check.close(got, ref[k].grad, case, what=f"gradient of {NAMES[k]}", hint=grad_hint)
    check.count = counted + count  # one per program: the same count whatever programs were drawn
