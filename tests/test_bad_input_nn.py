"""Bad calls to micrograd.nn: each row's error names the argument and what it should be."""

import itertools
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


SET = ("in order", "set")
TOO_BIG = ("would not finish",)
CASES = [
    # Issue 20: sets and dicts where order matters, numpy scalars, bools, huge sizes
    bad("MLP(2, {16, 16, 1})", lambda: MLP(2, {16, 16, 1}), TypeError, "nouts", *SET),  # noqa: B033
    bad("MLP(2, {16: 1})", lambda: MLP(2, {16: 1}), TypeError, "nouts", "in order", "dict"),
    bad("MLP(2, frozenset)", lambda: MLP(2, frozenset([3, 1])), TypeError, "nouts", *SET),
    bad(
        "MLP(2, [True, 1])", lambda: MLP(2, [True, 1]), TypeError, "each layer size", WHOLE, "bool"
    ),
    bad("MLP(2, True)", lambda: MLP(2, True), TypeError, "nouts", "bool"),
    bad("MLP(2, np.int64(16))", lambda: MLP(2, np.int64(16)), TypeError, "nouts", "write [16]"),
    bad(
        "MLP(2, [np.float64(3)])",
        lambda: MLP(2, [np.float64(3.0)]),
        TypeError,
        "each layer size",
        WHOLE,
    ),
    bad("Neuron(np.True_)", lambda: Neuron(np.True_), TypeError, *NIN, WHOLE, "bool"),
    ok(
        "MLP(np.int64(2), [np.int64(3), 1])",
        lambda: len(MLP(np.int64(2), [np.int64(3), 1]).parameters()),
        lambda r: r == 13,
    ),
    ok(
        "Layer(np.int64(2), np.uint8(3))",
        lambda: len(Layer(np.int64(2), np.uint8(3)).parameters()),
        lambda r: r == 9,
    ),
    ok(
        "Neuron(2, seed=np.int64(1))",
        lambda: Neuron(2, seed=np.int64(1)).w[0].data == Neuron(2, seed=1).w[0].data,
        lambda r: r is True,
    ),
    ok(
        "Neuron(2, nonlin=np.False_)",
        lambda: Neuron(2, nonlin=np.False_).activation,
        lambda r: r is None,
    ),
    bad("seed=True", lambda: Neuron(2, seed=True), TypeError, "seed", WHOLE, "bool"),
    bad("Neuron(10**9)", lambda: Neuron(10**9), ValueError, *NIN, "at most", *TOO_BIG),
    bad("Layer(2, 10**9)", lambda: Layer(2, 10**9), ValueError, *NOUT, "at most"),
    bad("Layer(10**5, 10**5)", lambda: Layer(10**5, 10**5), ValueError, "parameters", *TOO_BIG),
    bad(
        "MLP(2, [10**5, 10**5])",
        lambda: MLP(2, [10**5, 10**5]),
        ValueError,
        "10,000,400,000 parameters",
    ),
    bad("MLP(10**6, [2])", lambda: MLP(10**6, [2]), ValueError, "parameters", *TOO_BIG),
    bad("MLP(2, [16] * 10**5)", lambda: MLP(2, [16] * 10**5), ValueError, "parameters", *TOO_BIG),
    bad("MLP(2, [10**100])", lambda: MLP(2, [10**100]), ValueError, "each layer size", "at most"),
    bad("neuron({1.0, 2.0})", lambda: Neuron(2, seed=0)({1.0, 2.0}), TypeError, "input", *SET),
    bad("layer({1.0, 2.0})", lambda: Layer(2, 3, seed=0)({1.0, 2.0}), TypeError, "input", *SET),
    bad("mlp({1.0, 2.0})", lambda: MLP(2, [3, 1], seed=0)({1.0, 2.0}), TypeError, "input", *SET),
    bad(
        "mlp({'x': 1.0, 'y': 2.0})",
        lambda: MLP(2, [3, 1], seed=0)({"x": 1.0, "y": 2.0}),
        TypeError,
        "input",
        "dict",
    ),
    bad(
        "mlp(count())",
        lambda: MLP(2, [3, 1], seed=0)(itertools.count()),
        ValueError,
        "input",
        "endless",
    ),
    bad("mlp([True, False])", lambda: MLP(2, [3, 1], seed=0)([True, False]), TypeError, "bool"),
    bad("neuron([True, 1.0])", lambda: Neuron(2, seed=0)([True, 1.0]), TypeError, "bool"),
    bad(
        "mlp([[1, 2]]) nested",
        lambda: MLP(2, [3, 1], seed=0)([[1.0, 2.0]]),
        TypeError,
        "input must be a list of numbers",
        "one point at a time",
    ),
    bad(
        "mlp([[1], [2]]) nested", lambda: MLP(2, [3, 1], seed=0)([[1.0], [2.0]]), TypeError, "list"
    ),
    ok(
        "mlp(np.float64(0.5)) one input",
        lambda: _same_as_list(MLP(1, [3, 1], seed=0), [np.float64(0.5)]),
        lambda r: r is True,
    ),
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
