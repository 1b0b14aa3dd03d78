"""Neurons, layers and multi-layer perceptrons built on `Value`.

Drop-in compatible with karpathy/micrograd's `nn` module: `MLP(2, [16, 16, 1])`
has 337 parameters, neurons are ReLU by default and the last layer is linear.
"""

import random

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
        if activation not in ACTIVATIONS:
            raise ValueError(
                f"activation must be one of {ACTIVATIONS}, got {activation!r}"
            )
        rng = _make_rng(rng, seed)
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)
        self.activation = activation if nonlin else None
        self.fused = (
            fused  # one `dot` node, or the same sum built from `*` and `+`
        )

    @property
    def nonlin(self):
        return self.activation is not None

    def __call__(self, x):
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
        if nout < 1:
            raise ValueError(
                f"a layer needs at least one neuron, got nout={nout}"
            )
        rng = _make_rng(rng, seed)
        self.neurons = [Neuron(nin, rng=rng, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        x = [
            xi if isinstance(xi, Value) else Value(xi) for xi in x
        ]  # wrap plain numbers once, not once per neuron
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
        if not nouts:
            raise ValueError(
                "nouts lists the size of each layer, e.g. [16, 16, 1]: "
                "it must not be empty"
            )
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
        for layer in self.layers:
            x = layer(x if isinstance(x, (list, tuple)) else [x])
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
        return random.Random(seed)
    return rng if rng is not None else random
