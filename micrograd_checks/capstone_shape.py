"""Part 8.6's checks of what the MLP computes, beyond its gradients (see capstone_nn; Neuron and
Layer are checked in capstone_layers): hidden layers with an activation and a linear last layer."""

import itertools
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


def _forward(values, sizes, point, pattern):
    """The MLP's output computed from its parameters' values (each neuron's weights, then its
    bias, layer after layer), with relu on the layers where `pattern` says so."""
    x, k = list(point), 0
    for nin, nout, relu in zip(sizes, sizes[1:], pattern):
        out = []
        for _ in range(nout):
            s = sum(w * xi for w, xi in zip(values[k : k + nin], x)) + values[k + nin]
            k += nin + 1
            out.append(max(s, 0.0) if relu else s)
        x = out
    return x[0]


def check_every_hidden_layer(check, MLP, rng):
    """In a deeper MLP every hidden layer has relu and only the last is linear (a condition such
    as `nonlin=i == 0` passes with two hidden layers)."""
    nouts = [rng.randint(3, 4) for _ in range(rng.randint(3, 4))] + [1]
    sizes = [2, *nouts]
    right = tuple(k != len(nouts) - 1 for k in range(len(nouts)))
    case = f"MLP(2, {nouts})"
    for _ in range(3):
        model = check.call(MLP, 2, list(nouts), case=case)
        params = check.call(model.parameters, case=case)
        values = [number(getattr(p, "data", None)) for p in params]
        if None in values or len(values) != sum((a + 1) * b for a, b in zip(sizes, sizes[1:])):
            return  # the other checks diagnose that
        points = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(12)]
        got = [number(_score(check.call(model, list(p), case=case))) for p in points]
        if None in got:
            return
        matches = [
            pattern
            for pattern in itertools.product((True, False), repeat=len(nouts))
            if all(abs(_forward(values, sizes, p, pattern) - g) < 1e-6 for p, g in zip(points, got))
        ]
        if not matches or right in matches:
            continue
        linear = [k + 1 for k, relu in enumerate(matches[0][:-1]) if not relu]
        if not linear:
            continue
        raise check.fail(
            f"MLP.__init__ left hidden layer{'s' * (len(linear) > 1)} "
            f"{', '.join(map(str, linear))} (of {len(nouts) - 1}) without an activation: every "
            "hidden layer needs one",
            case=f"{case} on random points",
            hint=Hint(
                f"With {len(nouts) - 1} hidden layers, each of them should use relu and only the "
                "last layer of all should be linear. Which layers does your condition for nonlin "
                "pick?",
                "nonlin=True for every layer i except the last one: nonlin=(i != len(nouts) - 1).",
                key="every hidden layer",
            ),
        )
    check.ok()


def check_shape(check, Value, Neuron, Layer, MLP):
    rng = hidden_rng("8.6")
    check_activations(check, MLP, rng)
    check_every_hidden_layer(check, MLP, rng)
