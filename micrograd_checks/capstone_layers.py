"""Part 8.6's checks of a Layer, and the entry point for Neuron and Layer (see capstone_neuron;
capstone_nn checks the MLP). The check sets the parameters to hidden values of its own."""

from micrograd_checks.capstone_neuron import _flat_parameters, _same, _set, check_neuron
from micrograd_checks.core import Hint, hidden_rng, number


def _layer_outputs(check, Value, layer, x, what):
    given = list(x)
    out = check.call(layer, given, case=f"{what} on {x}")
    if len(given) != len(x) or any(g is not xi for g, xi in zip(given, x)):
        raise check.fail(
            f"{what} wrote into the caller's list of inputs",
            case=f"{what} on {x}",
            expected=x,
            got=given,
            hint=Hint(
                "The caller's list belongs to the caller: the next layer, or the next training "
                "step, may read it again. Read x; do not write into it.",
                "If you need the inputs as Values, make a new list: xs = [xi if isinstance(xi, "
                "Value) else Value(xi) for xi in x] (the neurons can also take plain numbers).",
                key="layer changes inputs",
            ),
        )
    if out is not None and not isinstance(out, (list, tuple, Value)) and hasattr(out, "__iter__"):
        raise check.fail(
            f"{what} gave a {type(out).__name__}, not a list of its outputs",
            case=f"{what} on {x}",
            hint=Hint(
                "A generator can be walked only once: a layer's outputs should be a list.",
                "Return a list: [n(x) for n in self.neurons].",
                key="layer generator",
            ),
        )
    return out


def _layer_size(check, Layer, nin, nout):
    layer = check.call(Layer, nin, nout, case=f"Layer({nin}, {nout})")
    got = check.call(layer.parameters, case=f"Layer({nin}, {nout}).parameters()")
    return len(got) if isinstance(got, (list, tuple)) else None


def check_layer(check, Value, Layer, f):
    """A Layer: nout neurons of nin inputs each, their outputs (the Value itself for one neuron),
    their parameters, and nonlin passed on. `f` is the activation the neurons use."""
    rng = hidden_rng("8.6 layer")
    what = "Layer(3, 2)"
    layer = check.call(Layer, 3, 2, case=what)
    params = _flat_parameters(check, Value, layer, "Layer", what)
    again = check.call(layer.parameters, case=f"{what}.parameters() a second time")
    if not isinstance(again, (list, tuple)) or len(again) != len(params):
        raise check.fail(
            f"{what}.parameters() gave {len(params)} items, then something else on a second call",
            case=f"{what}.parameters() called twice",
            got=again,
            hint=Hint(
                "Are the neurons in a generator? Its neurons are used up after one pass.",
                "Keep them in a list: [Neuron(nin, nonlin) for _ in range(nout)].",
                key="neurons generator",
            ),
        )
    x = [round(rng.uniform(-2, 2), 3) for _ in range(3)]
    outs = _layer_outputs(check, Value, layer, x, what)
    n_out = len(outs) if isinstance(outs, (list, tuple)) else 1
    if len(params) != 8 or n_out != 2:
        sizes = (len(params), _layer_size(check, Layer, 5, 2))
        problem, *hint = {
            (9, 15): (
                "Layer(3, 2) made 3 neurons of 2 inputs each: nin and nout swapped",
                "A layer has nout neurons, each with nin weights.",
                "Make nout neurons, each with Neuron(nin, nonlin).",
            ),
            (6, 6): (
                "each neuron of Layer(3, 2) should have 3 weights, one per input",
                "Every neuron of the layer reads all nin inputs.",
                "Make each neuron with Neuron(nin, nonlin).",
            ),
            (6, 10): (
                "Layer(3, 2).parameters() leaves out the biases",
                "A layer's parameters are all of its neurons' parameters, biases too.",
                "Take each neuron's n.parameters(), not only its weights.",
            ),
        }.get(sizes, (None, None, None))
        if problem is None and n_out == 1 and sizes == (4, 6):
            problem, *hint = (
                "Layer(3, 2) has 1 neuron, it should have 2 neurons",
                "Count the neurons your layer makes.",
                "Make nout neurons: range(nout) counts 0, 1, ..., nout - 1.",
            )
        elif problem is None and sizes == (4, 6):
            problem, *hint = (
                "Layer(3, 2).parameters() holds only one neuron's parameters",
                "A layer's parameters are those of every one of its neurons.",
                "Take the parameters of every neuron of the layer, not only the first.",
            )
        if problem is not None:
            hint = Hint(*hint, key=problem)
            raise check.fail(problem, case="Layer(3, 2) and Layer(5, 2)", got=sizes, hint=hint)
    if len(params) != 8:
        raise check.fail(
            f"{what}.parameters() should have 8 items, not {len(params)}",
            case=f"{what}.parameters()",
            hint="Two neurons of three weights and a bias each.",
        )
    if not all(isinstance(p, Value) for p in params):
        raise check.fail(
            f"every parameter of {what} should be a {Value.__name__}",
            case=f"{what}.parameters()",
            got=next(p for p in params if not isinstance(p, Value)),
        )
    if len({id(p) for p in params}) != len(params):
        raise check.fail(
            f"the neurons of {what} are one and the same Neuron",
            case=f"{what}.parameters()",
            hint=Hint(
                "[Neuron(nin)] * nout repeats one neuron: all the outputs would be equal.",
                "Make a new neuron for each output: [Neuron(nin, nonlin) for _ in range(nout)].",
                key="one neuron",
            ),
        )
    values = [round(rng.uniform(-1, 1), 3) for _ in params]
    _set(params, values)
    sums = [sum(w * xi for w, xi in zip(values[k : k + 3], x)) + values[k + 3] for k in (0, 4)]
    want = [f(s) for s in sums]
    outs = _layer_outputs(check, Value, layer, x, what)
    case = f"{what} with its parameters set to {values}, on {x}"
    if not isinstance(outs, (list, tuple)):
        got = number(outs)
        if _same(got, want[0] + want[1]):
            problem = f"{what} adds its neurons' outputs up"
        elif _same(got, want[0]) or _same(got, want[1]):
            problem = f"{what} gives only its first neuron's output"
        else:
            problem = f"{what} should give a list of its 2 neurons' outputs"
        raise check.fail(
            problem,
            case=case,
            got=outs,
            hint="A layer gives one output per neuron, in a list (the Value itself only when "
            "there is a single neuron).",
        )
    if len(outs) == 2 and all(number(o) is not None and not isinstance(o, Value) for o in outs):
        raise check.fail(
            f"{what} gave plain numbers, not {Value.__name__}s",
            case=case,
            got=outs,
            hint="Return the neurons' outputs themselves (no .data), so that backward() can "
            "reach the weights.",
        )
    got = [number(o) for o in outs]
    if (
        len(got) == 2
        and not _same(want[0], want[1])
        and all(_same(g, w) for g, w in zip(got, want[::-1]))
    ):
        raise check.fail(
            f"{what}.parameters() lists them in a different order from the outputs: the last "
            "neuron's parameters first",
            case=case,
            expected=want,
            got=got,
            hint="Your layer's outputs are those of its neurons in reverse: the check set the "
            "parameters in the order parameters() gave them. The outputs and the parameters "
            "should both follow the neurons in order, the first neuron first.",
        )
    if len(got) != 2 or not all(_same(g, w) for g, w in zip(got, want)):
        raise check.fail(
            f"{what}'s outputs are not its neurons' outputs on the inputs",
            case=case,
            expected=want,
            got=got,
            hint=Hint(
                "Every neuron of a layer reads the whole input list.",
                "Call every neuron on all of x: [n(x) for n in self.neurons].",
                key="layer inputs",
            ),
        )
    again = _layer_outputs(check, Value, layer, x, what)
    if not isinstance(again, (list, tuple)) or [number(o) for o in again] != got:
        raise check.fail(
            f"{what} gave something else on a second call",
            case=case,
            got=again,
            hint="Keep the neurons in a list (not a generator, which is used up after one pass).",
        )
    check.ok()
    linear = check.call(Layer, 3, 2, nonlin=False, case="Layer(3, 2, nonlin=False)")
    lparams = _flat_parameters(check, Value, linear, "Layer", "Layer(3, 2, nonlin=False)")
    lvalues = [round(rng.uniform(-1, 1), 3) for _ in lparams]
    lsums = [-round(rng.uniform(0.3, 1.5), 3) for _ in range(2)]
    for k, s in zip((0, 4), lsums):  # negative sums: any activation would change them
        lvalues[k + 3] = s - sum(w * xi for w, xi in zip(lvalues[k : k + 3], x))
    _set(lparams, lvalues)
    lout = _layer_outputs(check, Value, linear, x, "Layer(3, 2, nonlin=False)")
    lgot = [number(o) for o in lout] if isinstance(lout, (list, tuple)) else []
    if len(lgot) != 2 or not all(_same(g, s) for g, s in zip(lgot, lsums)):
        raise check.fail(
            "Layer(3, 2, nonlin=False) gave activated outputs",
            case=f"Layer(3, 2, nonlin=False) on {x}",
            expected=lsums,
            got=lgot,
            hint=Hint(
                "A layer made with nonlin=False should pass nonlin on to its neurons.",
                "Make each neuron with Neuron(nin, nonlin).",
                key="layer nonlin",
            ),
        )
    check.ok()
    check_layer_of_one(check, Value, Layer)


def check_layer_of_one(check, Value, Layer):
    layer = check.call(Layer, 3, 1, case="Layer(3, 1)")
    out = check.call(layer, [1.0, -1.0, 0.5], case="Layer(3, 1) on [1, -1, 0.5]")
    if not isinstance(out, Value):
        raise check.fail(
            "a layer of one neuron should give that neuron's Value itself",
            case="Layer(3, 1) on [1, -1, 0.5]",
            got=out,
            hint=Hint(
                "A layer of one neuron gives that neuron's output itself, not a list of one.",
                "Return out[0] when the layer has a single neuron, the list otherwise.",
                key="layer of one",
            ),
        )
    check.ok()


def check_neuron_and_layer(check, Value, Neuron, Layer):
    f = check_neuron(check, Value, Neuron)
    check_layer(check, Value, Layer, f)
