"""Two more correct designs of the capstone's own micrograd, unlike the notebook's solution.

- `closure_design()`: the lecture's style. Children in a *set* `_prev`, an `_op`, and each
  operation's local derivatives inside a `_backward` closure that adds into the children's grads;
  every method written inside the class; backward() with its own iterative topological sort.
- `dispatch_design()`: children in a *list* named `inputs`, `__slots__`, no stored derivatives and
  no closures: one `_backward(self)` method in the class that works them out from `op`.

The solution notebook (`solutions/08_capstone.md`) is a third: a tuple `_children` with the local
derivatives stored next to it in `_local_grads`, methods attached after the class.
"""

import math
import random


def _nn(Value, activation):
    """Neuron, Layer and MLP on any Value class (the same for every design)."""

    class Neuron:
        def __init__(self, nin, nonlin=True):
            self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
            self.b = Value(0.0)
            self.nonlin = nonlin

        def __call__(self, x):
            act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
            return getattr(act, activation)() if self.nonlin else act

        def parameters(self):
            return self.w + [self.b]

    class Layer:
        def __init__(self, nin, nout, nonlin=True):
            self.neurons = [Neuron(nin, nonlin) for _ in range(nout)]

        def __call__(self, x):
            out = [n(x) for n in self.neurons]
            return out[0] if len(out) == 1 else out

        def parameters(self):
            return [p for n in self.neurons for p in n.parameters()]

    class MLP:
        def __init__(self, nin, nouts):
            sizes = [nin] + list(nouts)
            self.layers = [
                Layer(sizes[i], sizes[i + 1], nonlin=i != len(nouts) - 1) for i in range(len(nouts))
            ]

        def __call__(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

        def parameters(self):
            return [p for layer in self.layers for p in layer.parameters()]

        def zero_grad(self):
            for p in self.parameters():
                p.grad = 0.0

    return Neuron, Layer, MLP


def _iterative_order(root, kids):
    order, visited, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            stack.extend((c, False) for c in kids(node) if c not in visited)
    return order


def closure_design(activation="relu"):
    class Value:
        def __init__(self, data, _children=(), _op=""):
            self.data = data
            self.grad = 0
            self._backward = lambda: None
            self._prev = set(_children)
            self._op = _op

        def __repr__(self):
            return f"Value(data={self.data})"

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data + other.data, (self, other), "+")

            def _backward():
                self.grad += out.grad
                other.grad += out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data * other.data, (self, other), "*")

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad

            out._backward = _backward
            return out

        def __pow__(self, n):
            out = Value(self.data**n, (self,), f"**{n}")

            def _backward():
                self.grad += n * self.data ** (n - 1) * out.grad

            out._backward = _backward
            return out

        def _unary(self, data, slope, op):
            out = Value(data, (self,), op)

            def _backward():
                self.grad += slope * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            return self._unary(t, 1 - t**2, "tanh")

        def relu(self):
            return self._unary(max(self.data, 0), 1 if self.data > 0 else 0, "relu")

        def exp(self):
            e = math.exp(self.data)
            return self._unary(e, e, "exp")

        def __neg__(self):
            return self * -1

        def __sub__(self, other):
            return self + (-other)

        def __truediv__(self, other):
            return self * other**-1

        def __radd__(self, other):
            return self + other

        def __rmul__(self, other):
            return self * other

        def __rsub__(self, other):
            return (-self) + other

        def __rtruediv__(self, other):
            return self**-1 * other

        def backward(self):
            order = topological_sort(self)
            for node in order:
                if node._prev:  # results start from zero, leaves accumulate
                    node.grad = 0
            self.grad = 1
            for node in reversed(order):
                node._backward()

    def topological_sort(root):
        return _iterative_order(root, lambda node: node._prev)

    return {"Value": Value, "topological_sort": topological_sort, **_named(_nn(Value, activation))}


def dispatch_design(activation="tanh"):
    class Value:
        __slots__ = ("data", "grad", "inputs", "op", "power")

        def __init__(self, data, inputs=(), op="", power=None):
            self.data, self.grad = float(data), 0.0
            self.inputs, self.op, self.power = list(inputs), op, power

        def __repr__(self):
            return f"<{self.op or 'leaf'} {self.data:g}>"

        @staticmethod
        def lift(x):
            return x if isinstance(x, Value) else Value(x)

        def __add__(self, other):
            return Value(self.data + Value.lift(other).data, (self, Value.lift(other)), "+")

        def __mul__(self, other):
            other = Value.lift(other)
            return Value(self.data * other.data, (self, other), "*")

        def __pow__(self, n):
            return Value(self.data**n, (self,), "**", power=n)

        def tanh(self):
            return Value(math.tanh(self.data), (self,), "tanh")

        def relu(self):
            return Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def exp(self):
            return Value(math.exp(self.data), (self,), "exp")

        __radd__ = __add__
        __rmul__ = __mul__

        def __neg__(self):
            return self * -1.0

        def __sub__(self, other):
            return self + -Value.lift(other)

        def __rsub__(self, other):
            return Value.lift(other) + -self

        def __truediv__(self, other):
            return self * Value.lift(other) ** -1

        def __rtruediv__(self, other):
            return Value.lift(other) * self**-1

        def _backward(self):
            a = self.inputs[0] if self.inputs else None
            if self.op == "+":
                for child in self.inputs:
                    child.grad += self.grad
            elif self.op == "*":
                b = self.inputs[1]
                a.grad += b.data * self.grad
                b.grad += a.data * self.grad
            elif self.op == "**":
                a.grad += self.power * a.data ** (self.power - 1) * self.grad
            elif self.op == "tanh":
                a.grad += (1 - self.data**2) * self.grad
            elif self.op == "relu":
                a.grad += (a.data > 0) * self.grad
            elif self.op == "exp":
                a.grad += self.data * self.grad

        def backward(self):
            order = topological_sort(self)
            for node in order:
                node.grad = 0.0 if node.inputs else node.grad
            self.grad = 1.0
            for node in reversed(order):
                node._backward()

    def topological_sort(root):
        return _iterative_order(root, lambda node: node.inputs)

    return {"Value": Value, "topological_sort": topological_sort, **_named(_nn(Value, activation))}


def _named(classes):
    return dict(zip(("Neuron", "Layer", "MLP"), classes))


def train_fn(model, X, y, steps):
    """A correct training loop on the hinge loss (8.7), for any design's MLP."""
    labels = [2 * t - 1 for t in y]
    losses = []
    for k in range(steps):
        scores = [model(x) for x in X]
        loss = sum((1 - t * s).relu() for t, s in zip(labels, scores)) * (1.0 / len(X))
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= (1.0 - 0.9 * k / steps) * p.grad
        losses.append(loss.data)
    return losses


def train(ns, steps=40, seed=1):
    """Train ns["MLP"](2, [8, 8, 1]) on the capstone's moons with the hinge loss; (model, losses)."""
    from micrograd_checks.capstone_training import moons

    X, y = moons()
    random.seed(seed)
    model = ns["MLP"](2, [8, 8, 1])
    return model, train_fn(model, X, y, steps)
