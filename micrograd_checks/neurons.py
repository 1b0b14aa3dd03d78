"""Self-checks for the exercises of chapter 5, neurons (see micrograd_checks).

Expected values come from micrograd itself: `Value.dot`, `Value.tanh` and `Value.sigmoid`.
"""

import math

from micrograd.engine import Value

from micrograd_checks import own_code
from micrograd_checks.core import Hint, expect_value, hidden_rng, is_close, number
from micrograd_checks.wrapper import checker, function, klass


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
        with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
            out = check.call(neuron, list(w), list(xs), b, case=case)
        _refuse_package(check, seen, case, "the weighted sum")
        out = expect_value(check, out, case)
        check.close(
            out.data,
            ref.data,
            case,
            what="output",
            hint=_neuron_hint(ws, xs, bias),
        )
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
    hidden = (round(rng.uniform(-6, -0.1), 3), round(rng.uniform(0.1, 6), 3))
    for x in (2.0, -3.0, 0.0, 10.0, -1000.0, 1000.0, *hidden):
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
        if len(out._children) != 1 or out._children[0] is not v:
            hint = Hint(
                "Your sigmoid is a chain of several nodes: make it one node, with v as its only child.",
                "Create the output node directly, with the local derivative next to it: "
                "Value(s, (v,), 'sigmoid', local_grads=(local derivative,)).",
                key="one node",
            )
            raise check.fail(
                "the result should be one new node whose only child is v",
                case=case,
                hint=hint,
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
    check.passed()


def _reference_neuron(neuron, x):
    """(tanh(w · x + b) built from copies of the neuron's parameters, those copies).

    The parameters come from `neuron.parameters()` (weights, then the bias), so any names work.
    """
    params = [Value(p.data) for p in neuron.parameters()]
    return Value.dot(params[:-1], x, params[-1]).tanh(), params


@checker("5.3", "MyNeuron", klass("MyNeuron"))
def check_my_neuron(check, MyNeuron):
    """Exercise 5.3: a MyNeuron class with __call__ and parameters()."""
    own_code.refuse_classes(check, [MyNeuron], modules=(own_code.NN,), what="your own neuron")
    n = check.call(MyNeuron, 3, seed=5, case="MyNeuron(3, seed=5)")
    case = "MyNeuron(3).parameters()"
    hint = "The bias is a parameter too: training must update it, just like the weights."
    params = check.sequence(
        check.call(n.parameters, case=case),
        4,
        case,
        what="parameters()",
        hint=hint,
    )
    # the starter's names, if the learner kept them: then parameters() must list those very Values
    own = [*n.w, n.b] if hasattr(n, "w") and hasattr(n, "b") else params
    if not all(isinstance(p, Value) for p in params) or not all(
        p is q for p, q in zip(params, own, strict=False)
    ):
        hint = "Return the neuron's own Value objects, the weights and then the bias, not copies or numbers."
        raise check.fail(
            "parameters() should return [w1, w2, w3, b], the neuron's own Values",
            case=case,
            hint=hint,
        )
    check.ok()
    params[-1].data = 0.4  # a bias that matters
    rng = hidden_rng()
    for x in ([1.0, -2.0, 0.5], [0.0, 0.3, -0.7], [round(rng.uniform(-2, 2), 3) for _ in range(3)]):
        case = f"MyNeuron(3) on x = {x}"
        ref, ref_params = _reference_neuron(n, x)
        with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
            out = check.call(n, list(x), case=case)
        _refuse_package(check, seen, case, "the neuron")
        out = expect_value(check, out, case)
        check.close(
            out.data,
            ref.data,
            case,
            what="output",
            hint=_neuron_hint(params[:-1], x, params[-1]),
        )
        for p in params:
            p.grad = 0.0
        check.call(out.backward, case=case)
        ref.backward()
        for i, (p, r) in enumerate(zip(params, ref_params, strict=False)):
            check.close(
                p.grad,
                r.grad,
                case,
                what=f"gradient of parameter {i}",
                hint="Build the output from self.w and self.b.",
            )
    check.passed()


@checker("5.4", "MyLayer and MyMLP", klass("MyLayer"), klass("MyMLP"))
def check_my_mlp(check, MyLayer, MyMLP):
    """Exercise 5.4: MyLayer and MyMLP built from MyNeuron."""
    own_code.refuse_classes(
        check, [MyLayer, MyMLP], modules=(own_code.NN,), what="your own layer and network"
    )
    layer = check.call(MyLayer, 3, 2, seed=1, case="MyLayer(3, 2)")
    x = [1.0, -0.5, 2.0]
    case = f"MyLayer(3, 2) on x = {x}"
    want = [_reference_neuron(neuron, x)[0].data for neuron in layer.neurons]
    with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
        got = check.call(layer, list(x), case=case)
    _refuse_package(check, seen, case, "the layer")
    outs = check.sequence(got, 2, case, what="the layer's outputs")
    for i, (out, expected) in enumerate(zip(outs, want, strict=False)):
        check.close(
            out,
            expected,
            case,
            what=f"output {i}",
            hint="Output i is neuron i applied to the inputs.",
        )
    case = "MyLayer(3, 2).parameters()"
    params = check.sequence(check.call(layer.parameters, case=case), 8, case, what="parameters()")
    own = [p for neuron in layer.neurons for p in neuron.parameters()]
    if not all(p is q for p, q in zip(params, own, strict=False)):
        raise check.fail(
            "parameters() should list every neuron's parameters, neuron by neuron",
            case=case,
        )
    check.ok()

    mlp = check.call(MyMLP, 3, [4, 4, 1], seed=2, case="MyMLP(3, [4, 4, 1])")
    case = "MyMLP(3, [4, 4, 1]).parameters()"
    count_hint = (
        "Each neuron has one weight per input plus a bias: 4·(3 + 1) + 4·(4 + 1) + 1·(4 + 1) = 41."
    )
    params = check.call(mlp.parameters, case=case)
    check.sequence(params, 41, case, what="parameters()")
    if len({id(p) for p in params}) != 41:
        raise check.fail("parameters() lists some Values twice", case=case, hint=count_hint)
    check.ok()
    for sizes, x in (
        ([4, 4, 1], [1.0, -0.5, 2.0]),
        ([3, 2], [0.5, 0.25, -1.0]),
    ):
        model = (
            mlp
            if sizes == [4, 4, 1]
            else check.call(MyMLP, 3, sizes, seed=3, case=f"MyMLP(3, {sizes})")
        )
        case = f"MyMLP(3, {sizes}) on x = {x}"
        expected = x
        for lay in model.layers:
            expected = [_reference_neuron(neuron, expected)[0] for neuron in lay.neurons]
        with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
            got = check.call(model, list(x), case=case)
        _refuse_package(check, seen, case, "the network")
        hint = "Each layer's outputs are the next layer's inputs: x = layer(x), one layer after the other."
        if len(expected) == 1:
            if isinstance(got, (list, tuple)):
                hint = "When the last layer has a single neuron, return that Value itself, not a list of one."
                raise check.fail(
                    "the output should be a single Value",
                    case=case,
                    got=got,
                    hint=hint,
                )
            check.close(got, expected[0].data, case, what="output", hint=hint)
        else:
            got = check.sequence(got, len(expected), case, what="the outputs")
            for i, (g, e) in enumerate(zip(got, expected, strict=False)):
                check.close(g, e.data, case, what=f"output {i}", hint=hint)
    check.passed()
