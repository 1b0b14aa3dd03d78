"""Neurons, layers and multi-layer perceptrons built on `Value`.

Drop-in compatible with karpathy/micrograd's `nn` module: `MLP(2, [16, 16, 1])`
has 337 parameters, neurons are ReLU by default and the last layer is linear.
"""

import random
from numbers import Real

from micrograd._validate import TOO_SLOW, flag, is_bool, sequence, whole_number
from micrograd.engine import Value

ACTIVATIONS = ("relu", "tanh", "sigmoid", None)
_NAMES = {"relu": "ReLU", "tanh": "Tanh", "sigmoid": "Sigmoid", None: "Linear"}


class Module:
    """Anything with parameters: it can list them and reset their gradients."""

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0.0

    def parameters(self):
        return []


class Neuron(Module):
    """activation(w · x + b): a weighted sum plus a bias, squashed."""

    def __init__(
        self,
        nin,
        nonlin=True,
        activation="relu",
        *,
        fused=True,
        rng=None,
        seed=None,
    ):
        nin = _size(nin, "nin (the number of inputs)")
        flag(nonlin, "nonlin")
        flag(fused, "fused")
        _check_activation(activation, "activation")
        rng = _make_rng(rng, seed)
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)
        self.activation = activation if nonlin else None
        # one `dot` node, or the same sum built from `*` and `+`
        self.fused = fused

    @property
    def nonlin(self):
        return self.activation is not None

    def __call__(self, x):
        if type(x) is not list:
            x = _inputs(x)
        if len(x) != len(self.w):
            raise ValueError(
                f"this neuron takes {len(self.w)} inputs, got {len(x)}"
            )
        if self.fused:
            act = Value.dot(self.w, x, self.b)
        else:
            act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return getattr(act, self.activation)() if self.activation else act

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        return f"{_NAMES[self.activation]}Neuron({len(self.w)})"


class Layer(Module):
    """nout neurons that all read the same inputs."""

    def __init__(self, nin, nout, *, rng=None, seed=None, **kwargs):
        nout = _size(nout, "nout (the number of neurons)")
        _parameter_count(_size(nin, "nin (the number of inputs)"), [nout])
        rng = _make_rng(rng, seed)
        self.neurons = [Neuron(nin, rng=rng, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        # wrap plain numbers once, not once per neuron
        x = [xi if isinstance(xi, Value) else Value(xi) for xi in _inputs(x)]
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


class MLP(Module):
    """Layers in a row: each layer's outputs are the next layer's inputs.

    Hidden layers use `activation`; the last layer uses `output_activation`
    (linear by default, as in karpathy/micrograd; the lecture uses "tanh").
    """

    def __init__(
        self,
        nin,
        nouts,
        *,
        activation="relu",
        output_activation=None,
        fused=True,
        rng=None,
        seed=None,
    ):
        nouts = _layer_sizes(nouts)
        nin = _size(nin, "nin (the number of inputs)")
        _parameter_count(nin, nouts)
        _check_activation(activation, "activation")
        _check_activation(output_activation, "output_activation")
        rng = _make_rng(rng, seed)
        sizes = [nin] + list(nouts)
        last = len(nouts) - 1
        self.layers = [
            Layer(
                sizes[i],
                sizes[i + 1],
                activation=output_activation if i == last else activation,
                fused=fused,
                rng=rng,
            )
            for i in range(len(nouts))
        ]

    def __call__(self, x):
        if isinstance(x, (Real, Value)):  # one number for a one-input model
            x = [x]
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"


def _make_rng(rng, seed):
    """The random source for initial weights: `rng`, a new Random(seed), or the `random` module."""
    if rng is not None and seed is not None:
        raise ValueError("pass either rng= or seed=, not both")
    if seed is not None:
        return random.Random(whole_number(seed, "seed"))
    if rng is not None and not callable(getattr(rng, "uniform", None)):
        raise TypeError(
            f"rng must be a random.Random, got {type(rng).__name__} "
            f"{rng!r:.40} (for a number, use seed=)"
        )
    return rng if rng is not None else random


def _check_activation(activation, name):
    if not isinstance(activation, (str, type(None))) or (
        activation not in ACTIVATIONS
    ):
        raise ValueError(
            f"{name} must be one of {ACTIVATIONS}, got {activation!r}"
        )


# Models up to this many parameters build in about a second.
MAX_PARAMETERS = 10**6


def _size(n, name):
    return whole_number(n, name, 1, MAX_PARAMETERS, TOO_SLOW)


def _parameter_count(nin, nouts):
    """Refuse, before building anything, a model too big to build in a second or two."""
    count, sizes = 0, [nin] + list(nouts)
    for a, b in zip(sizes, sizes[1:]):
        count += (a + 1) * b
    if count > MAX_PARAMETERS:
        raise ValueError(
            f"this model would have {count:,} parameters, more than "
            f"{MAX_PARAMETERS:,}{TOO_SLOW}"
        )


def _layer_sizes(nouts):
    if isinstance(nouts, Real) and not is_bool(nouts):
        raise TypeError(
            f"nouts lists the size of each layer, e.g. [16, 16, 1], got "
            f"the number {nouts}: for one layer of {nouts} write [{nouts}]"
        )
    nouts = sequence(nouts, "nouts (the size of each layer)", "layer sizes")
    if not nouts:
        raise ValueError(
            "nouts lists the size of each layer, e.g. [16, 16, 1]: "
            "it must not be empty"
        )
    return [_size(n, "each layer size in nouts") for n in nouts]


_PLAIN = {float, int, Value}  # inputs checked without isinstance (faster)


def _inputs(x):
    if isinstance(x, (Real, Value)):
        raise TypeError(
            f"a neuron or layer takes a list of inputs, got {type(x).__name__} "
            f"{x!r:.40}: write [x] for one input"
        )
    x = sequence(x, "the input", "numbers or Values")
    for xi in x:
        if type(xi) not in _PLAIN and not isinstance(xi, (Value, Real)):
            hint = ""
            if hasattr(xi, "__len__"):
                hint = ": one point at a time, e.g. [model(x) for x in X]"
            raise TypeError(
                "the input must be a list of numbers or Values, got "
                f"{type(xi).__name__} {xi!r:.40} in it{hint}"
            )
    return x
