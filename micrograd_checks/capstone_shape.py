"""Part 8.6's checks of what the network computes, beyond its gradients (see capstone_nn):
the neuron's formula, random starting weights in (-1, 1), a layer of one neuron giving its Value,
hidden layers with an activation and a linear last layer."""

import math

from micrograd_checks.core import Hint, hidden_rng, number

_ACTIVATIONS = {
    "none": lambda s: s,
    "relu": lambda s: max(s, 0.0),
    "tanh": math.tanh,
    "sigmoid": lambda s: 1 / (1 + math.exp(-s)) if s > -700 else 0.0,
}


def _score(out):
    return out[0] if isinstance(out, (list, tuple)) and len(out) == 1 else out


def check_neuron_formula(check, Neuron, rng):
    """A neuron's output is an activation of w · x + b (its parameters: weights, then the bias)."""
    for _ in range(3):
        neuron = check.call(Neuron, 3, case="Neuron(3)")
        params = list(check.call(neuron.parameters, case="Neuron(3).parameters()"))
        x = [round(rng.uniform(-2, 2), 2) for _ in range(3)]
        case = f"Neuron(3) on {x}"
        total = sum(number(w.data) * xi for w, xi in zip(params[:-1], x)) + number(params[-1].data)
        got = number(_score(check.call(neuron, list(x), case=case)))
        if got is None or not any(
            math.isclose(got, f(total), rel_tol=1e-9, abs_tol=1e-12) for f in _ACTIVATIONS.values()
        ):
            raise check.fail(
                "the neuron's output is not an activation of w · x + b",
                case=case,
                expected=f"an activation of {total:.6g}",
                got=got,
                hint=Hint(
                    "Compare your neuron's sum with the formula, term by term.",
                    "Multiply each weight by its input, add the products and the bias, then apply "
                    "the activation.",
                    key="neuron formula",
                ),
            )
    check.ok()


def check_weights(check, Neuron):
    """Fresh weights are random in (-1, 1), spread over the whole interval."""
    neuron = check.call(Neuron, 400, case="Neuron(400)")
    weights = [number(p.data) for p in check.call(neuron.parameters, case="Neuron(400)")[:-1]]
    if not all(-1 <= w <= 1 for w in weights) or min(weights) > -0.8 or max(weights) < 0.8:
        raise check.fail(
            "the starting weights are not spread over (-1, 1)",
            case="the 400 weights of Neuron(400)",
            got=[min(weights), max(weights)],
            hint="Start every weight at random.uniform(-1, 1).",
        )
    check.ok()


def check_layer_of_one(check, Value, Layer):
    layer = check.call(Layer, 3, 1, case="Layer(3, 1)")
    out = check.call(layer, [1.0, -1.0, 0.5], case="Layer(3, 1) on [1, -1, 0.5]")
    if not isinstance(out, Value):
        raise check.fail(
            "a layer of one neuron should give that neuron's Value itself",
            case="Layer(3, 1) on [1, -1, 0.5]",
            got=out,
            hint="Return out[0] when the layer has a single neuron, the list otherwise.",
        )
    check.ok()


def check_activations(check, MLP, rng):
    """The last layer is linear (outputs can be negative); the hidden ones are not (not affine)."""
    negative = bent = bent_positive = False
    for _ in range(60):
        model = check.call(MLP, 2, [4, 4, 1], case="MLP(2, [4, 4, 1])")
        a = [rng.uniform(-2, 2), rng.uniform(-2, 2)]
        b = [rng.uniform(-2, 2), rng.uniform(-2, 2)]
        points = [a, b, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]]
        out = [number(_score(check.call(model, p, case="MLP(2, [4, 4, 1])"))) for p in points]
        negative = negative or any(o < 0 for o in out)
        kink = abs(out[0] + out[1] - 2 * out[2]) > 1e-6  # an affine f has f(a) + f(b) = 2 f(mid)
        bent = bent or kink
        bent_positive = bent_positive or (kink and all(o > 1e-9 for o in out))
        if negative and bent:
            check.ok()
            return
    case = "60 random MLP(2, [4, 4, 1]) on random points"
    if not negative and not bent_positive:
        raise check.fail(
            "MLP.__init__ has the activations the other way round: a relu on the last layer, "
            "none on the hidden ones",
            case=case,
            hint=Hint(
                "The output is never negative, and where it is positive it is a straight-line "
                "function of the inputs.",
                "nonlin=True (relu) for every layer but the last, nonlin=False for the last.",
                key="nonlin reversed",
            ),
        )
    if not negative:
        raise check.fail(
            "the MLP's output is never negative: MLP.__init__ made the last layer nonlinear",
            case=case,
            hint=Hint(
                "A relu on the output can only give numbers ≥ 0, so the scores of one class could "
                "never be negative.",
                "Make the last layer linear: nonlin=False for it, relu for the others.",
                key="linear last",
            ),
        )
    raise check.fail(
        "the MLP is a straight-line (affine) function of its inputs: MLP.__init__ made the "
        "hidden layers linear",
        case=case,
        hint=Hint(
            "Without an activation in the hidden layers, layers of sums are one big sum: the "
            "network cannot bend its boundary around the moons.",
            "Use relu in every layer but the last.",
            key="hidden nonlin",
        ),
    )


def check_shape(check, Value, Neuron, Layer, MLP):
    rng = hidden_rng("8.6")
    check_neuron_formula(check, Neuron, rng)
    check_weights(check, Neuron)
    check_layer_of_one(check, Value, Layer)
    check_activations(check, MLP, rng)
