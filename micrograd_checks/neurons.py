"""Self-checks for exercises 5.1 and 5.2, one neuron and a sigmoid node (see micrograd_checks; 5.3
and 5.4 are in neuron_classes).

Expected values come from micrograd itself: `Value.dot`, `Value.tanh` and `Value.sigmoid`.
"""

import math

from micrograd.engine import Value

from micrograd_checks import own_code
from micrograd_checks.core import Hint, expect_value, hidden_rng, is_close, number
from micrograd_checks.value_structure import require_value_ops
from micrograd_checks.wrapper import checker, function


def _neuron_hint(w, x, b):
    plain = [number(v) for v in w], [number(v) for v in x], number(b)

    def hint(got):
        ws, xs, bias = plain
        total = sum(wi * xi for wi, xi in zip(ws, xs, strict=False))
        if is_close(got, math.tanh(total), 1e-9) and bias:
            return Hint(
                "Your output leaves something out of the sum.",
                "Add the bias b to the weighted sum before squashing it.",
                key="bias",
            )
        if len(ws) > 1 and is_close(got, math.tanh(ws[0] * xs[0] + bias), 1e-9):
            return Hint(
                "Your output uses only the first input: the sum must have one term per input.",
                "Loop over the weights and the inputs together and add every product w_i · x_i.",
                key="first input",
            )
        if is_close(got, math.tanh(math.tanh(total + bias)), 1e-9):
            return (
                "Your output is squashed twice: apply tanh once, to the weighted sum plus the bias."
            )
        if is_close(got, total + bias, 1e-9):
            return Hint(
                "Your output is the plain weighted sum plus the bias: it is not squashed yet.",
                "Squash it with tanh: call .tanh() on the sum.",
                key="squash",
            )
        return Hint(
            "Compare your output with the neuron's formula, one term at a time.",
            "A neuron computes tanh(w1·x1 + w2·x2 + ... + wn·xn + b).",
            key="formula",
        )

    return hint


def _reaches(node, target):
    """True if `target` is `node` or one of its descendants."""
    seen, stack = set(), [node]
    while stack:
        n = stack.pop()
        if n is target:
            return True
        if id(n) not in seen:
            seen.add(id(n))
            stack.extend(getattr(n, "_children", ()))
    return False


def _refuse_package(check, seen, case, what, names=("dot",)):
    """Fail if the learner's code let micrograd (`Value.dot`, `micrograd.nn`, ...) do the work."""
    done_by = [n for m, n in seen.called if m == own_code.NN or n.rsplit(".", 1)[-1] in names]
    if done_by:
        raise check.fail(
            f"your code calls micrograd's {done_by[0]}() to do the work",
            case=case,
            hint=f"This exercise asks you to write {what} yourself, from Value's +, * and the "
            "operations the exercise names: the check tests your code, not the package's.",
        )


@checker("5.1", "neuron()", function("neuron"))
def check_neuron_forward(check, neuron):
    """Exercise 5.1: neuron(w, x, b) = tanh(w · x + b) as a Value."""
    rng = hidden_rng()
    n = 3  # random values, a fixed size: the number of hidden checks stays the same
    cases = [
        ([0.5, -1.0], [2.0, 1.0], 0.3),
        ([1.0, 2.0, 3.0], [-1.0, 0.5, 0.25], -0.2),
        ([0.8], [-2.5], 1.0),
        tuple([round(rng.uniform(-1, 1), 3) for _ in range(n)] for _ in range(2))
        + (round(rng.uniform(-1, 1), 3),),
    ]
    for ws, xs, bias in cases:
        case = f"w = {ws}, x = {xs}, b = {bias}"
        ref_w, ref_b = [Value(v) for v in ws], Value(bias)
        ref = Value.dot(ref_w, xs, ref_b).tanh()
        w, b = [Value(v) for v in ws], Value(bias)
        given_w, given_x = list(w), list(xs)
        with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
            out = check.call(neuron, given_w, given_x, b, case=case)
        _refuse_package(check, seen, case, "the weighted sum")
        for name, given, mine in (("w", given_w, w), ("x", given_x, xs)):
            if len(given) != len(mine) or any(g is not m for g, m in zip(given, mine)):
                raise check.fail(
                    f"neuron() changed the list {name} it was given",
                    case=case,
                    got=given,
                    hint="The caller still needs its lists as they were (the same weights serve "
                    "every input): read w and x, never change them; the bias is added on its own.",
                )
        out = expect_value(check, out, case)
        check.close(
            out.data,
            ref.data,
            case,
            what="output",
            hint=_neuron_hint(ws, xs, bias),
        )
        require_value_ops(check, out, [*w, b], case, "neuron()", "*, +, tanh")
        check.call(out.backward, case=case)
        ref.backward()
        grad_hint = "Use only Value operations on w and b (no .data), so every weight and the bias are in the graph."
        for i, (got, want) in enumerate(zip(w, ref_w, strict=False)):
            check.close(
                got.grad,
                want.grad,
                case,
                what=f"gradient of w[{i}]",
                hint=grad_hint,
            )
        check.close(b.grad, ref_b.grad, case, what="gradient of b", hint=grad_hint)
    check.passed()


@checker("5.2", "sigmoid()", function("sigmoid"))
def check_sigmoid(check, sigmoid):
    """Exercise 5.2: sigmoid(v) as one new node with local derivative s(1 - s)."""
    overflow = {
        OverflowError: "e^(−x) overflows for very negative x. For x < 0 use the equal e^x / (1 + e^x), "
        "which cannot overflow."
    }
    rng = hidden_rng()
    hidden = (
        round(rng.uniform(-6, -0.1), 3),
        round(rng.uniform(0.1, 6), 3),
        round(rng.uniform(-60, -25), 3),  # tiny outputs: only a relative comparison sees them
    )
    for x in (2.0, -3.0, 0.0, 10.0, -1000.0, 1000.0, -40.0, *hidden):
        case = f"sigmoid(Value({x:g}))"
        expected = Value(x).sigmoid()
        v = Value(x)
        with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
            out = check.call(sigmoid, v, case=case, hints=overflow)
        _refuse_package(check, seen, case, "the sigmoid node", names=("sigmoid",))
        out = expect_value(check, out, case)
        check.close(
            out.data,
            expected.data,
            case,
            what="output",
            hint="sigmoid(x) = 1 / (1 + e^(−x)).",
        )
        if x < 0:
            _relative(check, out.data, expected.data, case, "output", _clamped_hint(x))
        if v.data != x:
            raise check.fail(
                "sigmoid() changed the data of v",
                case=case,
                got=v.data,
                hint="v belongs to the caller (it may feed other nodes too): read v.data, never "
                "assign to it; the result goes into the new node.",
            )
        children = list(out._children)
        if len(children) != 1 or children[0] is not v:
            recipe = (
                "Create the output node directly, with the local derivative next to it: "
                "Value(s, (v,), 'sigmoid', local_grads=(local derivative,))."
            )
            if not children:
                nudge = "Your node has no children, so backward() stops there and never reaches v."
            elif any(c is v for c in children):
                nudge = f"Your node has {len(children)} children: the sigmoid has one input, v."
            elif any(_reaches(c, v) for c in children):
                nudge = "Your sigmoid is a chain of several nodes: make it one node, with v as its only child."
            else:
                nudge = (
                    "Your node's child is a new Value, not v itself, so backward() never reaches v."
                )
            raise check.fail(
                "the result should be one new node whose only child is v",
                case=case,
                hint=Hint(nudge, recipe, key="one node"),
            )
        check.call(out.backward, case=case)

        def hint(got, s=expected.data):
            if s * (1 - s) and is_close(got, s, 1e-9) and not is_close(s, 0.5, 1e-9):
                return Hint(
                    "That is s itself, the node's output, not its slope.",
                    "The slope of the sigmoid is s · (1 − s), where s is its output.",
                    key="slope is s",
                )
            return Hint(
                "The local derivative you stored is not the sigmoid's slope.",
                "The slope of the sigmoid is s · (1 − s), where s is its output.",
                key="slope",
            )

        check.close(
            v.grad,
            expected.data * (1 - expected.data),
            case,
            what="gradient of v",
            tol=1e-9,
            hint=hint,
        )
        if x < 0:  # there 1 − s has no cancellation: the exact slope is known to the last digits
            _relative(
                check,
                v.grad,
                expected.data * (1 - expected.data),
                case,
                "gradient of v",
                _estimate_hint,
            )
    check.passed()


def _relative(check, got, want, case, what, hint):
    """Fail unless `got` equals `want` to 1e-12 relative (outputs and slopes far below 1 included)."""
    if got == want or abs(got - want) <= 1e-12 * abs(want):
        check.ok()
        return
    raise check.fail(f"wrong {what}", case=case, expected=want, got=got, hint=hint(got, want))


def _clamped_hint(x):
    def hint(got, want):
        if abs(got - want) < 1e-9:
            return Hint(
                f"Right to many decimal places, but wrong as a number: at x = {x:g} the sigmoid is "
                f"{want:.3g}, yours is {got:.3g}. Do you clamp (limit) the input, or round?",
                "Use the input as it is: for x < 0 compute e^x / (1 + e^x), which cannot overflow "
                "and stays exact for very negative x.",
                key="clamped",
            )
        return "sigmoid(x) = 1 / (1 + e^(−x)); for x < 0 the equal e^x / (1 + e^x)."

    return hint


def _estimate_hint(got, want):
    if abs(got - want) <= 1e-4 * abs(want):
        return Hint(
            "Close, but not exact: is your local derivative an estimate (a finite difference, "
            "nudging x)? The node should store the exact slope.",
            "The slope of the sigmoid is s · (1 − s), where s is its output.",
            key="an estimate",
        )
    return Hint(
        "The local derivative you stored is not the sigmoid's slope.",
        "The slope of the sigmoid is s · (1 − s), where s is its output.",
        key="slope",
    )
