"""Bad calls to micrograd.nn: each row's error names the argument and what it should be."""

import random

import numpy as np
import pytest
from bad_input_harness import bad, check, ids, ok

from micrograd import MLP, Layer, Neuron

NIN = ("nin (the number of inputs)",)
NOUT = ("nout (the number of neurons)",)
WHOLE = "must be a whole number"


def _same_as_list(model, array):
    return model(array).data == model([float(x) for x in array]).data


CASES = [
    bad('Neuron("3")', lambda: Neuron("3"), TypeError, *NIN, WHOLE, "str"),
    bad("Neuron(2.5)", lambda: Neuron(2.5), TypeError, *NIN, WHOLE),
    bad("Neuron(None)", lambda: Neuron(None), TypeError, *NIN, WHOLE),
    bad("Neuron(True)", lambda: Neuron(True), TypeError, *NIN, WHOLE),
    bad("Neuron(0)", lambda: Neuron(0), ValueError, *NIN, "at least 1"),
    bad("Neuron(-2)", lambda: Neuron(-2), ValueError, *NIN, "at least 1"),
    bad(
        'activation="gelu"',
        lambda: Neuron(2, activation="gelu"),
        ValueError,
        "activation must be one of",
    ),
    bad(
        'activation="ReLU"',
        lambda: Neuron(2, activation="ReLU"),
        ValueError,
        "activation must be one of",
    ),
    bad("activation=1", lambda: Neuron(2, activation=1), ValueError, "activation must be one of"),
    bad(
        'activation=["relu"]',
        lambda: Neuron(2, activation=["relu"]),
        ValueError,
        "activation must be one of",
    ),
    bad('nonlin="no"', lambda: Neuron(2, nonlin="no"), TypeError, "nonlin", "True or False"),
    bad("nonlin=None", lambda: Neuron(2, nonlin=None), TypeError, "nonlin", "True or False"),
    bad("fused=1", lambda: Neuron(2, fused=1), TypeError, "fused", "True or False"),
    bad('seed="a"', lambda: Neuron(2, seed="a"), TypeError, "seed", WHOLE),
    bad("seed=1.5", lambda: Neuron(2, seed=1.5), TypeError, "seed", WHOLE),
    bad("rng=42", lambda: Neuron(2, rng=42), TypeError, "rng must be a random.Random", "seed="),
    bad(
        "rng and seed",
        lambda: Neuron(2, rng=random.Random(0), seed=1),
        ValueError,
        "either rng= or seed=",
    ),
    bad("neuron([1.0])", lambda: Neuron(2, seed=0)([1.0]), ValueError, "takes 2 inputs, got 1"),
    bad("neuron(1.0)", lambda: Neuron(2, seed=0)(1.0), TypeError, "list of inputs", "[x]"),
    bad("neuron(None)", lambda: Neuron(2, seed=0)(None), TypeError, "input must be a list"),
    bad('neuron("ab")', lambda: Neuron(2, seed=0)("ab"), TypeError, "input must be a list"),
    bad(
        'neuron(["a", "b"])',
        lambda: Neuron(2, seed=0)(["a", "b"]),
        TypeError,
        "can't combine a Value with str",
    ),
    bad("Layer(2, 0)", lambda: Layer(2, 0), ValueError, *NOUT, "at least 1"),
    bad("Layer(2, -1)", lambda: Layer(2, -1), ValueError, *NOUT, "at least 1"),
    bad('Layer(2, "3")', lambda: Layer(2, "3"), TypeError, *NOUT, WHOLE),
    bad('Layer("2", 3)', lambda: Layer("2", 3), TypeError, *NIN, WHOLE),
    bad("layer([1.0])", lambda: Layer(2, 3, seed=0)([1.0]), ValueError, "takes 2 inputs, got 1"),
    bad("layer(5)", lambda: Layer(2, 3, seed=0)(5), TypeError, "list of inputs", "[x]"),
    bad("MLP(2, 16)", lambda: MLP(2, 16), TypeError, "nouts", "[16, 16, 1]", "[16]"),
    bad("MLP(2, [])", lambda: MLP(2, []), ValueError, "nouts", "must not be empty"),
    bad('MLP(2, "16")', lambda: MLP(2, "16"), TypeError, "nouts", "list of layer sizes"),
    bad("MLP(2, None)", lambda: MLP(2, None), TypeError, "nouts", "list of layer sizes"),
    bad(
        "MLP(2, [16, 0, 1])",
        lambda: MLP(2, [16, 0, 1]),
        ValueError,
        "each layer size",
        "at least 1",
    ),
    bad('MLP(2, [16, "1"])', lambda: MLP(2, [16, "1"]), TypeError, "each layer size", WHOLE),
    bad("MLP(2, [2.5])", lambda: MLP(2, [2.5]), TypeError, "each layer size", WHOLE),
    bad("MLP(0, [1])", lambda: MLP(0, [1]), ValueError, *NIN, "at least 1"),
    bad('MLP("2", [1])', lambda: MLP("2", [1]), TypeError, *NIN, WHOLE),
    bad(
        'MLP activation="gelu"',
        lambda: MLP(2, [2, 1], activation="gelu"),
        ValueError,
        "activation must be one of",
    ),
    bad(
        'output_activation="softmax"',
        lambda: MLP(2, [2, 1], output_activation="softmax"),
        ValueError,
        "output_activation must be one of",
    ),
    bad(
        'MLP fused="yes"', lambda: MLP(2, [2, 1], fused="yes"), TypeError, "fused", "True or False"
    ),
    bad("mlp([1.0])", lambda: MLP(2, [3, 1], seed=0)([1.0]), ValueError, "takes 2 inputs, got 1"),
    bad("mlp(None)", lambda: MLP(2, [3, 1], seed=0)(None), TypeError, "input must be a list"),
    bad('mlp("ab")', lambda: MLP(2, [3, 1], seed=0)("ab"), TypeError, "input must be a list"),
    bad(
        "mlp(array of 3)",
        lambda: MLP(2, [3, 1], seed=0)(np.array([1.0, 2.0, 3.0])),
        ValueError,
        "takes 2 inputs, got 3",
    ),
    ok(
        "mlp(np.array) is its numbers",
        lambda: _same_as_list(MLP(2, [3, 1], seed=0), np.array([0.5, -1.0])),
        lambda r: r is True,
    ),
    ok(
        "1-input mlp(np.array([x]))",
        lambda: _same_as_list(MLP(1, [3, 1], seed=0), np.array([0.5])),
        lambda r: r is True,
    ),
    ok(
        "mlp(tuple)",
        lambda: _same_as_list(MLP(2, [3, 1], seed=0), (0.5, -1.0)),
        lambda r: r is True,
    ),
]


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
