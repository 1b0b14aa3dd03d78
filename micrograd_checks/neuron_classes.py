"""Self-checks for exercises 5.3 and 5.4: a neuron, a layer and an MLP as classes (see micrograd_checks).

Expected values come from micrograd itself (`Value.dot`, `Value.tanh`), computed before the
learner's code runs, on copies of the learner's parameters; the learner's code gets fresh lists.
Every diagnosis names the part it is about (MyNeuron, MyLayer or MyMLP).
"""

import math

from micrograd.engine import Value

from micrograd_checks import own_code
from micrograd_checks.core import Hint, expect_value, hidden_rng, is_close, number
from micrograd_checks.neuron_cases import _call, _grads, _value_inputs, _wrong_length
from micrograd_checks.neurons import _neuron_hint
from micrograd_checks.nn_parameters import check_parameters
from micrograd_checks.wrapper import checker, klass

_ORDINAL = ("first", "second", "third", "fourth", "fifth")


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
    # the starter's names, if the learner kept them: then parameters() must list those very Values
    if isinstance(getattr(n, "w", None), list) and isinstance(getattr(n, "b", None), Value):
        own = [*n.w, n.b]
    else:
        own = check.sequence(check.call(n.parameters, case=case), 4, case, what="parameters()")
    params = check_parameters(check, "MyNeuron", n.parameters, [("the neuron", own)], case, None)
    params[-1].data = 0.4  # a bias that matters
    rng, earlier = hidden_rng(), None
    for x in ([1.0, -2.0, 0.5], [0.0, 0.3, -0.7], [round(rng.uniform(-2, 2), 3) for _ in range(3)]):
        case = f"MyNeuron(3) on x = {x}"
        ref, ref_params = _reference_neuron(n, x)
        before = [p.data for p in params]
        out = expect_value(check, _call(check, "MyNeuron", n, x, case), case)
        if earlier and out.data == earlier[0] and not is_close(ref.data, earlier[0], 1e-9):
            raise check.fail(
                f"MyNeuron gave the same answer for a different input (x = {earlier[1]} before)",
                case=case,
                expected=ref.data,
                got=out.data,
                hint=Hint(
                    "Does it keep something from an earlier call? Each call must compute its output "
                    "afresh from the x it is given.",
                    "Keep the output in a local variable of __call__ (total = self.b, ...), never in "
                    "an attribute of self that a later call reuses.",
                    key="kept from an earlier call",
                ),
            )
        earlier = (out.data, x)
        check.close(
            out.data,
            ref.data,
            case,
            what="output",
            hint=_neuron_hint(params[:-1], x, params[-1]),
        )
        if [p.data for p in params] != before:
            raise check.fail(
                "MyNeuron's __call__ changed the neuron's own parameters",
                case=case,
                hint="Computing the output must leave the weights and the bias as they are: "
                "add into a new variable (total = self.b, then total = total + ...).",
            )
        for p in params:
            p.grad = 0.0
        check.call(out.backward, case=case)
        ref.backward()
        _grads(check, "MyNeuron", zip(params, ref_params, strict=False), case, "self.w and self.b")
    _value_inputs(check, n, params, [round(rng.uniform(-2, 2), 3) for _ in range(3)])
    _wrong_length(check, n)
    check.passed()


def _layer_call(check, layer, x):
    case = f"MyLayer(3, 2) on x = {x}"
    refs = [_reference_neuron(neuron, x) for neuron in layer.neurons]
    got = _call(check, "MyLayer", layer, x, case)
    if not isinstance(got, (list, tuple)):
        raise check.fail(
            "MyLayer's __call__ should return a list, one output per neuron",
            case=case,
            got=got,
            hint="A layer has several neurons, and each gives one output: return them all, in a "
            "list (a generator or a single Value is not that).",
        )
    if len(got) != len(refs):
        only = len(got) == 1 and is_close(number(got[0]) or math.nan, refs[0][0].data, 1e-9)
        raise check.fail(
            "MyLayer's __call__ uses only its first neuron"
            if only
            else f"MyLayer's __call__ should return {len(refs)} outputs, one per neuron",
            case=case,
            got=got,
            hint="Every neuron of the layer reads the same inputs x: return the output of each.",
        )
    for i, (out, (ref, _)) in enumerate(zip(got, refs, strict=False)):

        def hint(value, want=ref.data):
            if is_close(value, math.tanh(want), 1e-9):
                return "MyLayer squashes the neurons' outputs a second time: each neuron already applies tanh."
            return "Output i is neuron i applied to the inputs."

        check.close(out, ref.data, case, what=f"output {i}", hint=hint)
    return got, refs, case


@checker("5.4", "MyLayer and MyMLP", klass("MyLayer"), klass("MyMLP"))
def check_my_mlp(check, MyLayer, MyMLP):
    """Exercise 5.4: MyLayer and MyMLP built from MyNeuron."""
    own_code.refuse_classes(
        check, [MyLayer, MyMLP], modules=(own_code.NN,), what="your own layer and network"
    )
    layer = check.call(MyLayer, 3, 2, seed=1, case="MyLayer(3, 2)")
    outs, refs, case = _layer_call(check, layer, [1.0, -0.5, 2.0])
    groups = [(f"neuron {i}", n.parameters()) for i, n in enumerate(layer.neurons)]
    params = check_parameters(
        check, "MyLayer", layer.parameters, groups, "MyLayer(3, 2).parameters()", "neurons"
    )
    for p in params:
        p.grad = 0.0
    outs = [expect_value(check, out, case) for out in outs]
    check.call((outs[0] * 1.5 - outs[1] * 0.5).backward, case=case)
    (refs[0][0] * 1.5 - refs[1][0] * 0.5).backward()
    _grads(check, "MyLayer", zip(params, [p for _, ps in refs for p in ps], strict=False), case)

    mlp = check.call(MyMLP, 3, [4, 4, 1], seed=2, case="MyMLP(3, [4, 4, 1])")
    groups = [(f"the {_ORDINAL[i]} layer", lay.parameters()) for i, lay in enumerate(mlp.layers)]
    case = "MyMLP(3, [4, 4, 1]).parameters()"
    check_parameters(check, "MyMLP", mlp.parameters, groups, case, "layers")
    rng = hidden_rng()
    hidden = [round(rng.uniform(-2, 2), 3) for _ in range(3)]
    for sizes, x in (
        ([4, 4, 1], [1.0, -0.5, 2.0]),
        ([3, 2], [0.5, 0.25, -1.0]),
        ([4, 4, 1], hidden),
    ):
        model = (
            mlp
            if sizes == [4, 4, 1]
            else check.call(MyMLP, 3, sizes, seed=3, case=f"MyMLP(3, {sizes})")
        )
        _mlp_call(check, model, sizes, x)
    check.passed()


def _mlp_call(check, model, sizes, x):
    case = f"MyMLP(3, {sizes}) on x = {x}"
    layers, pairs, expected = [], [], x
    for lay in model.layers:
        refs = [_reference_neuron(neuron, expected) for neuron in lay.neurons]
        pairs += [
            pair
            for neuron, (_, ps) in zip(lay.neurons, refs)
            for pair in zip(neuron.parameters(), ps)
        ]
        expected = [r for r, _ in refs]
        layers.append(expected)
    hint = (
        "Each layer's outputs are the next layer's inputs: x = layer(x), one layer after the other."
    )
    wiring = {ValueError: "A neuron got the wrong number of inputs. " + hint}
    got = _call(check, "MyMLP", model, x, case, hints=wiring)
    final = layers[-1]
    if isinstance(got, (list, tuple)) and len(got) != len(final):
        datas = [number(g) for g in got]
        stop = next(
            (
                k
                for k, outs in enumerate(layers[:-1])
                if len(outs) == len(got)
                and all(d is not None and is_close(d, o.data, 1e-9) for d, o in zip(datas, outs))
            ),
            None,
        )
        if len(got) == 1 and len(final) == 1:
            pass  # handled below: a list of one
        else:
            raise check.fail(
                f"MyMLP stops after its {_ORDINAL[stop]} layer"
                if stop is not None
                else f"MyMLP returns {len(got)} outputs, but its last layer has {len(final)} neurons",
                case=case,
                got=got,
                hint="Feed every layer, the last one included, the previous layer's outputs."
                if stop is not None
                else hint,
            )
    if len(final) > 1:
        if (
            not isinstance(got, (list, tuple))
            and number(got) is not None
            and is_close(number(got), final[0].data, 1e-9)
        ):
            raise check.fail(
                f"MyMLP returns only the first of the last layer's {len(final)} outputs",
                case=case,
                got=got,
                hint="Return a single Value only when the last layer has one neuron; otherwise return the whole list.",
            )
        got = check.sequence(got, len(final), case, what="the outputs")
        for i, (g, e) in enumerate(zip(got, final, strict=False)):
            check.close(g, e.data, case, what=f"output {i}", hint=hint)
        return
    if isinstance(got, (list, tuple)):
        raise check.fail(
            "the output should be a single Value",
            case=case,
            got=got,
            hint="When the last layer has a single neuron, return that Value itself, not a list of one.",
        )

    def value_hint(value, want=final[0].data):
        if is_close(value, math.tanh(want), 1e-9):
            return "MyMLP squashes the output a second time: the last layer's neuron already applies tanh."
        return hint

    check.close(got, final[0].data, case, what="output", hint=value_hint)
    got = expect_value(check, got, case)
    for p, _ in pairs:
        p.grad = 0.0
    check.call(got.backward, case=case)
    final[0].backward()
    _grads(check, "MyMLP", pairs, case)
