"""Neuron, Layer and MLP: shapes, defaults, initialisation, fused vs unfused, errors."""

import math
import random

import pytest

from micrograd import MLP, Layer, Module, Neuron, Value, topological_order


def _data(values):
    return [v.data for v in values]


def test_reference_mlp_has_337_parameters():
    model = MLP(2, [16, 16, 1], seed=0)
    params = model.parameters()
    assert len(params) == 337 == (2 * 16 + 16) + (16 * 16 + 16) + (16 * 1 + 1)
    assert all(isinstance(p, Value) for p in params)
    assert len({id(p) for p in params}) == 337


def test_neuron_is_relu_by_default():
    n = Neuron(2, seed=0)
    assert n.activation == "relu" and n.nonlin and repr(n) == "ReLUNeuron(2)"
    n.w[0].data, n.w[1].data = 1.0, 1.0
    assert n([-1.0, -2.0]).data == 0.0
    assert n([1.0, 2.0]).data == 3.0


def test_neuron_computes_activation_of_weighted_sum_plus_bias():
    n = Neuron(3, activation="tanh", seed=1)
    n.b.data = 0.25
    x = [0.5, -1.0, 2.0]
    expected = math.tanh(0.25 + sum(w.data * xi for w, xi in zip(n.w, x, strict=True)))
    assert n(x).data == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    "activation, f",
    [
        ("relu", lambda z: max(z, 0.0)),
        ("tanh", math.tanh),
        ("sigmoid", lambda z: 1 / (1 + math.exp(-z))),
        (None, lambda z: z),
    ],
)
def test_activation_choices(activation, f):
    n = Neuron(2, activation=activation, seed=2)
    for x in ([0.3, -0.8], [-1.5, 0.2], [2.0, 1.0]):
        z = n.b.data + n.w[0].data * x[0] + n.w[1].data * x[1]
        assert n(x).data == pytest.approx(f(z), rel=1e-14, abs=1e-15)


def test_nonlin_false_is_linear_like_karpathys_api():
    n = Neuron(2, False, seed=0)
    assert n.activation is None and not n.nonlin and repr(n) == "LinearNeuron(2)"
    assert repr(Neuron(2, activation="tanh", seed=0)) == "TanhNeuron(2)"


def test_mlp_hidden_layers_use_activation_and_last_layer_is_linear():
    model = MLP(2, [4, 3, 1], seed=0)
    acts = [[n.activation for n in layer.neurons] for layer in model.layers]
    assert acts == [["relu"] * 4, ["relu"] * 3, [None]]
    model = MLP(2, [4, 2], activation="tanh", output_activation="tanh", seed=0)
    assert [[n.activation for n in layer.neurons] for layer in model.layers] == [
        ["tanh"] * 4,
        ["tanh"] * 2,
    ]
    assert (
        repr(MLP(1, [2, 1], seed=0))
        == "MLP of [Layer of [ReLUNeuron(1), ReLUNeuron(1)], Layer of [LinearNeuron(2)]]"
    )


def test_single_output_returns_a_value_and_several_outputs_a_list():
    assert isinstance(Layer(2, 1, seed=0)([1.0, 2.0]), Value)
    out = Layer(2, 3, seed=0)([1.0, 2.0])
    assert isinstance(out, list) and len(out) == 3 and all(isinstance(o, Value) for o in out)
    assert isinstance(MLP(2, [3, 1], seed=0)([1.0, 2.0]), Value)
    assert len(MLP(2, [3, 2], seed=0)([1.0, 2.0])) == 2


def test_mlp_forward_matches_a_by_hand_computation():
    model = MLP(2, [3, 1], seed=5)
    x = [0.7, -0.4]
    hidden = [
        max(0.0, n.b.data + sum(w.data * xi for w, xi in zip(n.w, x, strict=True)))
        for n in model.layers[0].neurons
    ]
    out = model.layers[1].neurons[0]
    expected = out.b.data + sum(w.data * h for w, h in zip(out.w, hidden, strict=True))
    assert model(x).data == pytest.approx(expected, rel=1e-14)


def test_mlp_accepts_a_single_number_for_one_input():
    model = MLP(1, [3, 1], seed=0)
    assert model(0.5).data == model([0.5]).data


def test_seed_makes_models_reproducible():
    a, b, c = MLP(2, [4, 1], seed=7), MLP(2, [4, 1], seed=7), MLP(2, [4, 1], seed=8)
    assert _data(a.parameters()) == _data(b.parameters())
    assert _data(a.parameters()) != _data(c.parameters())
    d = MLP(2, [4, 1], rng=random.Random(7))
    assert _data(d.parameters()) == _data(a.parameters())


def test_seed_does_not_touch_the_global_random_state():
    random.seed(123)
    expected = random.random()
    random.seed(123)
    MLP(2, [4, 1], seed=1)
    assert random.random() == expected


def test_rng_and_seed_together_are_rejected():
    with pytest.raises(ValueError, match="either rng= or seed="):
        MLP(2, [1], rng=random.Random(0), seed=0)


def test_same_initialisation_as_karpathys_reference():
    """karpathy/micrograd draws random.uniform(-1, 1) for every weight in order, and each bias is 0."""
    random.seed(1337)
    model = MLP(2, [16, 16, 1])
    after_model = random.random()
    random.seed(1337)
    expected = []
    for nin, nout in [(2, 16), (16, 16), (16, 1)]:
        for _ in range(nout):
            expected += [random.uniform(-1, 1) for _ in range(nin)] + [0.0]
    assert _data(model.parameters()) == expected
    assert random.random() == after_model  # and it used exactly as many random numbers


def test_fused_and_unfused_neuron_are_bitwise_equal():
    for activation in ("relu", "tanh", "sigmoid", None):
        fused, unfused = (
            Neuron(5, activation=activation, seed=3),
            Neuron(5, activation=activation, fused=False, seed=3),
        )
        x1 = [Value(v) for v in (0.3, -1.2, 2.5, 0.01, -0.7)]
        x2 = [Value(v.data) for v in x1]
        out1, out2 = fused(x1), unfused(x2)
        out1.backward()
        out2.backward()
        assert out1.data == out2.data
        assert _data(fused.parameters()) == _data(unfused.parameters())
        assert [p.grad for p in fused.parameters()] == [p.grad for p in unfused.parameters()]
        assert [x.grad for x in x1] == [x.grad for x in x2]


def test_fused_and_unfused_mlp_agree():
    kwargs = dict(activation="tanh", seed=11)
    fused, unfused = MLP(3, [8, 8, 2], **kwargs), MLP(3, [8, 8, 2], fused=False, **kwargs)
    x = [0.5, -1.5, 0.25]
    out1, out2 = fused(x), unfused(x)
    (out1[0] * out1[1]).backward()
    (out2[0] * out2[1]).backward()
    assert _data(out1) == pytest.approx(_data(out2), rel=1e-13)
    g1, g2 = [p.grad for p in fused.parameters()], [p.grad for p in unfused.parameters()]
    assert g1 == pytest.approx(g2, rel=1e-12, abs=1e-15)
    assert _count_ops(out2[0]) > 3 * _count_ops(out1[0])  # fused: one node per weighted sum


def _count_ops(root):
    return sum(1 for node in topological_order(root) if node._children)


@pytest.mark.parametrize("bad", ["gelu", "ReLU", 1, True])
def test_unknown_activation_is_a_clear_error(bad):
    for make in (lambda: Neuron(2, activation=bad), lambda: MLP(2, [2, 1], activation=bad)):
        with pytest.raises(ValueError, match="activation must be one of"):
            make()
    with pytest.raises(ValueError, match="activation must be one of"):
        MLP(2, [2, 1], output_activation=bad)


@pytest.mark.parametrize("x", [[1.0], [1.0, 2.0, 3.0], []])
def test_wrong_input_length_is_a_clear_error(x):
    with pytest.raises(ValueError, match=f"takes 2 inputs, got {len(x)}"):
        MLP(2, [3, 1], seed=0)(x)


def test_module_base_class_and_zero_grad():
    assert Module().parameters() == []
    model = MLP(2, [2, 1], seed=0)
    out = model([1.0, 1.0]) * 3.0
    out.backward()
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_a_few_steps_of_gradient_descent_reduce_the_loss():
    model = MLP(2, [8, 1], activation="tanh", seed=0)
    xs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    ys = [-1.0, 1.0, 1.0, -1.0]  # XOR
    losses = []
    for _ in range(30):
        loss = sum(((model(x) - y) ** 2 for x, y in zip(xs, ys, strict=True)), Value(0.0))
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 0.05 * p.grad
        losses.append(loss.data)
    assert losses[-1] < 0.5 * losses[0]


def test_layer_wraps_plain_number_inputs_once_for_all_its_neurons():
    layer = Layer(2, 16, seed=0)
    out = layer([0.5, -1.5])
    inputs = {id(c) for n in out for c in n._children[0]._children if not c._children}
    params = {id(p) for p in layer.parameters()}
    assert len(inputs - params) == 2  # the two inputs, shared by all 16 neurons


def test_empty_layer_sizes_are_clear_errors():
    with pytest.raises(ValueError, match="must not be empty"):
        MLP(2, [])
    with pytest.raises(ValueError, match=r"nout \(the number of neurons\) must be at least 1"):
        Layer(2, 0)
