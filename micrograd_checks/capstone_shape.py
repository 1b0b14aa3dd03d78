"""Part 8.6's checks of what the MLP computes, beyond its gradients (see capstone_nn; Neuron and
Layer are checked in capstone_layers): hidden layers with an activation and a linear last layer."""

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


def check_activations(check, MLP, rng):
    """The last layer is linear (outputs can be negative); the hidden ones are not (not affine)."""
    negative = bent = False
    for _ in range(30):
        model = check.call(MLP, 2, [4, 4, 1], case="MLP(2, [4, 4, 1])")
        a = [rng.uniform(-2, 2), rng.uniform(-2, 2)]
        b = [rng.uniform(-2, 2), rng.uniform(-2, 2)]
        points = [a, b, [a[0] + b[0], a[1] + b[1]], [0.0, 0.0]]
        out = [number(_score(check.call(model, p, case="MLP(2, [4, 4, 1])"))) for p in points]
        negative = negative or any(o < 0 for o in out)
        bent = bent or abs(out[0] + out[1] - out[2] - out[3]) > 1e-6
        if negative and bent:
            check.ok()
            return
    if not negative:
        raise check.fail(
            "the network's output is never negative",
            case="30 random MLP(2, [4, 4, 1]) on random points",
            hint=Hint(
                "A relu on the output can only give numbers ≥ 0, so the scores of one class could "
                "never be negative.",
                "Make the last layer linear: nonlin=False for it, relu for the others.",
                key="linear last",
            ),
        )
    raise check.fail(
        "the network is a straight-line (affine) function of its inputs",
        case="30 random MLP(2, [4, 4, 1]) on random points",
        hint=Hint(
            "Without an activation in the hidden layers, layers of sums are one big sum: the "
            "network cannot bend its boundary around the moons.",
            "Use relu in every layer but the last.",
            key="hidden nonlin",
        ),
    )


def check_shape(check, Value, Neuron, Layer, MLP):
    rng = hidden_rng("8.6")
    check_activations(check, MLP, rng)
