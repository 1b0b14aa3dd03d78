"""Property checks shared by the capstone's parts 8.2 and 8.4: the learner's own forward pass and
the gradients through it, on inputs drawn fresh each run.

- `untouched`: an operation leaves its inputs alone (data, grad and children);
- `gradients`: random expressions built only from the part's operations (a node used several
  times included), whose gradients, by the chain rule over the learner's own local derivatives,
  must match central finite differences of the learner's own forward pass (`.data` of fresh
  Values); a wrong one names the operation whose gradient is wrong;
- `deep_chain`: the same on a chain of a few thousand operations.

Until part 8.5 the learner has no backward() of their own, so the checker walks the graph
(`capstone_adapter.own_backward`) and applies the learner's stored local derivatives (or runs
their `_backward` closures): nothing of micrograd's own computes a gradient here.
"""

import math

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import own_code
from micrograd_checks.core import Hint

_H = 1e-6


def snapshot(leaves):
    """What an operation must not change about its inputs: data, grad and children."""
    return [(leaf.data, leaf.grad, [id(k) for k in adapter.children(leaf)]) for leaf in leaves]


def untouched(check, Value, leaves, before, op, case):
    """Fail if the operation `op` changed one of its inputs (`before` is their snapshot)."""
    for leaf, name, (data, grad, kids) in zip(leaves, "abc", before):
        now = (leaf.data, leaf.grad, [id(k) for k in adapter.children(leaf)])
        if now != (data, grad, kids):
            what = "data" if leaf.data != data else "grad" if leaf.grad != grad else "children"
            raise check.fail(
                f"{op} changed its input {name} ({name}.{what})",
                case=case,
                expected=data if what == "data" else grad if what == "grad" else "no children",
                got=leaf.data if what == "data" else leaf.grad if what == "grad" else "children",
                hint=Hint(
                    f"After {op}, {name} must be exactly what it was: an operation reads its inputs "
                    f"and puts its result in a new {Value.__name__}.",
                    f"Compute the result into a local variable and pass it to a new "
                    f"{Value.__name__}(...), without assigning to {name}.{what}.",
                    key=f"{op} mutates",
                ),
            )
    check.ok()


def through(root, inputs):
    """{id(input): d root / d input} by the chain rule over the learner's local derivatives,
    inputs treated as leaves (so a composite operation, e.g. a power as a chain of products,
    counts as one step)."""
    stop = {id(x) for x in inputs}
    grads = {id(root): 1.0}
    for node in reversed(_topo(root, stop)):
        if id(node) in stop and node is not root:
            continue
        g = grads.get(id(node), 0.0)
        for kid, d in adapter.local_derivatives(node):
            grads[id(kid)] = grads.get(id(kid), 0.0) + d * g
    return {id(x): grads.get(id(x), 0.0) for x in inputs}


def every_step_on_both_signs(check, Value, ops, hints, lo=0.4, hi=2.0):
    """Each operation of `ops` alone, on a negative and on a positive first input (random sizes):
    a slope wrong for one sign only must not depend on the random expressions meeting it."""
    for text, apply, safe in ops:
        for sign in (-1, 1):
            x = sign * round(check.random.uniform(lo, hi), 2)
            y = -sign * round(check.random.uniform(lo, hi), 2)
            if safe and not safe(x, y):
                continue
            what = "one operation, on a " + ("negative" if sign < 0 else "positive") + " x"
            program(check, Value, [x, y], [(text, apply, 0, 1)], what, hints)


def random_program(rng, ops, lo=0.4, hi=2.0):
    """Three inputs (random sign and size) and 4-8 steps (text, apply, i, j) drawn from `ops`
    [(text, apply, safe or None)], keeping every intermediate value moderate and away from
    relu's kink (so finite differences are accurate)."""
    from micrograd.engine import Value as Reference  # only to choose safe steps

    while True:
        inputs = [rng.choice([-1, 1]) * round(rng.uniform(lo, hi), 2) for _ in range(3)]
        ref, steps = [Reference(x) for x in inputs], []
        for _ in range(rng.randint(4, 8)):
            text, apply, safe = rng.choice(ops)
            i, j = rng.randrange(len(ref)), rng.randrange(len(ref))
            if safe and not safe(ref[i].data, ref[j].data):
                continue
            if "relu" in text and abs(ref[i].data) < 1e-3:
                continue
            node = apply(ref[i], ref[j])
            if abs(node.data) > 50:
                continue
            ref.append(node)
            steps.append((text, apply, i, j))
        if len(steps) >= 3:
            return inputs, steps


def _topo(root, stop):
    order, visited, stack = [], {id(root)}, [(root, iter(_kids(root, root, stop)))]
    while stack:
        node, kids = stack[-1]
        for kid in kids:
            if id(kid) not in visited:
                visited.add(id(kid))
                stack.append((kid, iter(_kids(kid, root, stop))))
                break
        else:
            stack.pop()
            order.append(node)
    return order


def _kids(node, root, stop):
    return [] if id(node) in stop and node is not root else adapter.children(node)


def _slope(f, xs, k):
    """Central difference of f (a function of the input numbers) in its k-th input."""
    h = _H * max(1.0, abs(xs[k]))
    up, down = list(xs), list(xs)
    up[k] += h
    down[k] -= h
    return (f(up) - f(down)) / (2 * h)


def _close(got, want, tol=1e-4):
    return (
        isinstance(got, (int, float))
        and math.isfinite(got)
        and abs(got - want) <= tol * max(1.0, abs(want))
    )


def _build(Value, inputs, steps):
    nodes = [Value(x) for x in inputs]
    for _, apply, i, j in steps:
        nodes.append(apply(nodes[i], nodes[j]))
    return nodes


def _describe(inputs, steps, names):
    lines = [f"{names[k]} = {x:g}" for k, x in enumerate(inputs)]
    for k, (text, _, i, j) in enumerate(steps, start=len(inputs)):
        lines.append(f"{names[k]} = {text.format(x=names[i], y=names[j])}")
    if len(lines) > 12:
        lines = lines[:6] + [f"… {len(lines) - 9} more steps …"] + lines[-3:]
    return "; ".join(lines)


def _names(count):
    return [f"v{k}" for k in range(count)] if count > 26 else list("abcdefghijklmnopqrstuvwxyz")


def program(check, Value, inputs, steps, what, hints):
    """Build the program with the learner's class; its gradients must match finite differences.

    `steps` are (text with {x} and {y}, apply(x_node, y_node), i, j); `hints` maps the text of
    an operation (e.g. "{x} * {y}") to the hint for a wrong gradient through it.
    """
    names = _names(len(inputs) + len(steps))
    case = f"{what}: {_describe(inputs, steps, names)}"
    with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
        nodes = check.call(_build, Value, inputs, steps, case=case)
    own_code.refuse_delegation(
        check, seen, {own_code.ENGINE, own_code.NN}, case, "your own Value class"
    )
    _values(check, nodes, inputs, steps, names, case)
    root = nodes[-1]

    def forward(xs):
        built = _build(Value, xs, steps)
        try:
            return float(built[-1].data)
        finally:
            adapter.unlink(built)

    try:
        grads = check.call(adapter.own_backward, root, case=case)
        bad = None
        for k in range(len(inputs)):
            want = check.call(_slope, forward, inputs, k, case=case)
            if not _close(grads.get(id(nodes[k]), 0.0), want):
                bad = (k, grads.get(id(nodes[k]), 0.0), want)
                break
        if bad is None:
            check.ok()
            return
        _blame(check, Value, nodes, inputs, steps, names, case, hints)
        k, got, want = bad
        raise check.fail(
            f"wrong gradient of {names[k]}, although every operation's own local derivatives "
            "are right",
            case=case,
            expected=want,
            got=got,
            hint=Hint(
                "The values are right and each operation alone passes its gradient on "
                "correctly, so a node does not remember all the Values it was computed from.",
                "Every result must keep each input it was computed from as a child, once per use.",
                key=f"{what} structure",
            ),
        )
    finally:
        adapter.unlink(nodes)


def _values(check, nodes, inputs, steps, names, case):
    """Each node's value against micrograd's on the same program (the expected values)."""
    from micrograd.engine import Value as Reference

    ref = _build(Reference, inputs, steps)
    try:
        for k, (mine, want) in enumerate(zip(nodes, ref)):
            got = getattr(mine, "data", None)
            if not _close(got, want.data, 1e-9):
                where = names[k]
                if k >= len(inputs):
                    text, _, i, j = steps[k - len(inputs)]
                    where += " = " + text.format(x=names[i], y=names[j])
                raise check.fail(f"wrong value of {where}", case=case, expected=want.data, got=got)
    finally:
        adapter.unlink(ref)
    check.ok()


def _blame(check, Value, nodes, inputs, steps, names, case, hints):
    """Fail naming the first operation whose gradient (output w.r.t. its inputs) is wrong."""
    offset = len(inputs)
    for k, (text, apply, i, j) in enumerate(steps):
        node, x, y = nodes[offset + k], nodes[i], nodes[j]
        xs = [x.data, y.data]

        def alone(vs, apply=apply, same=i == j):
            a = Value(vs[0])
            return float(apply(a, a if same else Value(vs[1])).data)

        got = check.call(through, node, [x, y], case=case)
        parts = [(x, 0, names[i])] if i == j else [(x, 0, names[i]), (y, 1, names[j])]
        for inp, index, name in parts:
            if i == j:
                want = check.call(_slope, lambda v, f=alone: f([v[0], v[0]]), xs, 0, case=case)
            else:
                want = check.call(_slope, alone, xs, index, case=case)
            if "{y}" not in text and index == 1:
                continue
            if not _close(got[id(inp)], want):
                op = text.format(x=names[i], y=names[j])
                where = f"{names[offset + k]} = {op}"
                if _right_alone(check, Value, apply, xs, i == j, index, want, case):
                    raise check.fail(
                        f"the gradient through {where} is right when that node is just made, "
                        "but wrong once later operations were made",
                        case=case,
                        expected=want,
                        got=got[id(inp)],
                        hint=Hint(
                            "What your node passes on is read when the gradient flows, and by "
                            "then a later operation has changed it: a global variable, a class "
                            "attribute or a variable shared between calls.",
                            "Keep everything a node needs on the node itself, or in variables "
                            "local to the call that made it.",
                            key="state across calls",
                        ),
                    )
                raise check.fail(
                    f"the gradient through {where} is wrong (d{names[offset + k]}/d{name})",
                    case=case,
                    expected=want,
                    got=got[id(inp)],
                    hint=hints.get(text),
                )


def _right_alone(check, Value, apply, xs, same, index, want, case):
    """Whether the operation, made alone on fresh Values, passes on the right gradient."""
    a = Value(xs[0])
    b = a if same else Value(xs[1])
    out = check.call(apply, a, b, case=case)
    got = check.call(through, out, [a, b], case=case)
    return _close(got[id(a if index == 0 else b)], want)


class NotATuple(TypeError):
    """The learner's constructor was given one number where it iterates a collection."""


def tuples(build):
    """`build`, with a "... is not iterable" TypeError turned into `NotATuple` (for its hint)."""

    def run(*args):
        try:
            return build(*args)
        except TypeError as error:
            if "not iterable" not in str(error):
                raise
            raise NotATuple(str(error)).with_traceback(error.__traceback__) from None

    return run


def comma_hint(op):
    return Hint(
        f"In {op}, a collection of one item was written without its comma: (x) is just the "
        "number x, while (x,) is a tuple holding x.",
        "Write the one child as (self,) and its one local derivative as (d,), with the comma.",
        key=f"{op} comma",
    )


NotATuple.__name__ = NotATuple.__qualname__ = "TypeError"  # what the learner's code raised
