"""Optimisers: turn gradients into parameter updates."""

import math
from numbers import Real

from micrograd._validate import is_bool, number, sequence
from micrograd.engine import Value


class Optimizer:
    """The settings are checked when the optimiser is made and again at each
    step(), so a setting changed in between (opt.lr = -0.1) is caught too.
    """

    def __init__(self, parameters, lr):
        self.parameters = _parameters(parameters)
        self.lr = lr
        self._check()

    def zero_grad(self):
        for p in self.parameters:
            p.grad = 0.0

    def _check(self):
        """Validate the settings and the parameters' numbers; called by step()."""
        self.lr = number(
            self.lr, "lr (the learning rate)", low=0, low_open=True
        )
        for i, p in enumerate(self.parameters):
            for what in ("data", "grad"):
                x = getattr(p, what)
                if type(x) is not float and (
                    is_bool(x) or not isinstance(x, Real)
                ):
                    raise TypeError(
                        f"parameter #{i} has {what}={type(x).__name__} {x!r:.40}: "
                        f"the optimiser can only update numbers (is .{what} a "
                        "Value? use .data)"
                    )


class SGD(Optimizer):
    """Stochastic gradient descent: p -= lr * grad, optionally with momentum (as in PyTorch).

    With momentum, a running velocity v = momentum * v + grad replaces the raw gradient.
    """

    def __init__(self, parameters, lr=0.1, momentum=0.0):
        self.momentum = momentum
        super().__init__(parameters, lr)
        self.velocity = [None] * len(self.parameters)

    def _check(self):
        super()._check()
        self.momentum = number(
            self.momentum, "momentum", low=0, high=1, high_open=True
        )
        _same_length(self, self.__dict__.get("velocity"), "velocity")

    def step(self):
        self._check()
        for i, p in enumerate(self.parameters):
            g = p.grad
            if self.momentum:
                v = self.velocity[i]
                g = self.velocity[i] = g if v is None else self.momentum * v + g
            p.data -= self.lr * g


class AdamW(Optimizer):
    """Adam with decoupled weight decay, following PyTorch's `torch.optim.AdamW` update rule."""

    def __init__(
        self,
        parameters,
        lr=1e-3,
        betas=(0.9, 0.999),
        eps=1e-8,
        weight_decay=1e-2,
    ):
        self.beta1, self.beta2 = _betas(betas)
        self.eps, self.weight_decay = eps, weight_decay
        super().__init__(parameters, lr)
        self.m = [0.0] * len(self.parameters)  # running mean of gradients
        # running mean of squared gradients
        self.v = [0.0] * len(self.parameters)
        self.t = 0

    def _check(self):
        super()._check()
        self.beta1, self.beta2 = _betas((self.beta1, self.beta2))
        self.eps = number(self.eps, "eps", low=0, low_open=True)
        self.weight_decay = number(self.weight_decay, "weight_decay", low=0)
        _same_length(self, self.__dict__.get("m"), "m")
        _same_length(self, self.__dict__.get("v"), "v")

    def step(self):
        self._check()
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        correction1 = 1 - b1**self.t
        correction2 = 1 - b2**self.t
        for i, p in enumerate(self.parameters):
            g = p.grad
            p.data *= 1 - self.lr * self.weight_decay
            self.m[i] = b1 * self.m[i] + (1 - b1) * g
            self.v[i] = b2 * self.v[i] + (1 - b2) * g * g
            # p -= lr * m_hat / (sqrt(v_hat) + eps), in the order PyTorch computes it
            denom = math.sqrt(self.v[i]) / math.sqrt(correction2) + self.eps
            p.data -= (self.lr / correction1) * (self.m[i] / denom)


def _parameters(parameters):
    parameters = sequence(parameters, "parameters", "Values")
    if not parameters:
        raise ValueError(
            "the optimiser got no parameters: pass model.parameters()"
        )
    seen = set()
    for p in parameters:
        if not isinstance(p, Value):
            raise TypeError(
                "parameters must be a list of Values, e.g. model.parameters(); "
                f"got a {type(p).__name__} {p!r:.40} in it"
            )
        if id(p) in seen:
            raise ValueError(
                f"parameters lists {p!r} twice: it would be updated twice "
                "per step"
            )
        seen.add(id(p))
    return parameters


def _same_length(opt, state, name):
    """opt.parameters replaced by a list of another length: its state no longer fits."""
    if state is not None and len(state) != len(opt.parameters):
        raise ValueError(
            f"the optimiser has {len(opt.parameters)} parameters but its "
            f"state {name} is for {len(state)}: make a new optimiser instead "
            "of changing opt.parameters"
        )


def _betas(betas):
    from collections.abc import Mapping, Set

    if (
        isinstance(betas, (str, bytes, Set, Mapping))
        or not hasattr(betas, "__len__")
        or (len(betas) != 2)
    ):
        raise TypeError(
            f"betas must be a pair (beta1, beta2) such as (0.9, 0.999), "
            f"got {betas!r:.40}"
        )
    return tuple(
        number(b, name, low=0, high=1, high_open=True)
        for b, name in zip(betas, ("betas[0] (beta1)", "betas[1] (beta2)"))
    )
