"""Optimisers: turn gradients into parameter updates."""

import math


class Optimizer:
    def __init__(self, parameters, lr):
        self.parameters = list(parameters)
        if not self.parameters:
            raise ValueError(
                "the optimiser got no parameters: pass model.parameters()"
            )
        self.lr = lr

    def zero_grad(self):
        for p in self.parameters:
            p.grad = 0.0


class SGD(Optimizer):
    """Stochastic gradient descent: p -= lr * grad, optionally with momentum (as in PyTorch).

    With momentum, a running velocity v = momentum * v + grad replaces the raw gradient.
    """

    def __init__(self, parameters, lr=0.1, momentum=0.0):
        super().__init__(parameters, lr)
        self.momentum = momentum
        self.velocity = [None] * len(self.parameters)

    def step(self):
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
        super().__init__(parameters, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.weight_decay = weight_decay
        self.m = [0.0] * len(self.parameters)  # running mean of gradients
        self.v = [0.0] * len(
            self.parameters
        )  # running mean of squared gradients
        self.t = 0

    def step(self):
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
