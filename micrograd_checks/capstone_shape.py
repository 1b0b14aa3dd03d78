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
    check_activations(check, MLP, rng)
