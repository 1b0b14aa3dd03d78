"""A tiny scalar autograd engine.

Every `Value` remembers the values it was computed from (its *children*) and,
for each child, the **local derivative** d(output)/d(child), worked out at the
moment the output is computed. `backward()` then applies the chain rule through
the graph in reverse topological order:

    child.grad += local_derivative * node.grad
"""

import math
from numbers import Real

from micrograd._engine_errors import (
    _check_node,
    _checked_pass,
    _cycle,
    _graph_errors,
    _needs_a_value,
    _ordered,
)


class Value:
    """A number that remembers how it was computed, to compute gradients."""

    __slots__ = (
        "data",
        "grad",
        "label",
        "_op",
        "_children",
        "_local_grads",
        "__weakref__",
    )

    def __init__(self, data, _children=(), _op="", label="", *, local_grads=()):
        if type(data) is not float:
            data = _to_float(data)
        self.data = data
        self.grad = 0.0  # d(output of the last backward())/d(this value)
        self.label = label
        self._op = _op
        self._children = _children
        self._local_grads = local_grads  # d(self)/d(child), one per child

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data}, grad={self.grad}{label})"

    @property
    def _prev(self):
        """The children as a set: the lecture's name for them (read-only)."""
        return set(self._children)

    # ----- arithmetic: each op computes its output and its local derivatives

    def __add__(self, other):
        other = _as_value(other)
        out = self.data + other.data
        return Value(out, (self, other), "+", local_grads=(1.0, 1.0))

    def __mul__(self, other):
        other = _as_value(other)
        out = self.data * other.data
        return Value(
            out, (self, other), "*", local_grads=(other.data, self.data)
        )

    def __sub__(self, other):
        other = _as_value(other)
        out = self.data - other.data
        return Value(out, (self, other), "-", local_grads=(1.0, -1.0))

    def __truediv__(self, other):
        other = _as_value(other)
        a, b = self.data, other.data
        if b == 0:
            raise ZeroDivisionError(f"division by zero: {a} / {b}")
        out = a / b
        # d/da = 1/b; d/db = -a/b^2, computed as -out/b so that b*b
        # cannot underflow to 0 when b is tiny
        return Value(out, (self, other), "/", local_grads=(1.0 / b, -out / b))

    def __neg__(self):
        return Value(-self.data, (self,), "neg", local_grads=(-1.0,))

    def __pow__(self, n):
        """self ** n. Local derivative: the power rule, n * x^(n-1)."""
        if isinstance(n, Value):
            return self._pow_value(n)
        x, n = self.data, _exponent(n)
        out = _power(x, n)
        slope = _power_rule(x, n)
        return Value(out, (self,), f"**{n:g}", local_grads=(slope,))

    def _pow_value(self, exponent):
        """a ** b with b a Value: b is a child too, with d(a^b)/db = a^b ln(a)."""
        a, b = self.data, exponent.data
        out = _power(a, b)
        if a > 0:
            d_exponent = out * math.log(a)
        else:  # ln(a) is undefined; at a == 0 the limit of a^b ln(a) is 0
            d_exponent = 0.0 if a == 0 else math.nan
        d_base = _power_rule(a, b)
        return Value(
            out, (self, exponent), "**", local_grads=(d_base, d_exponent)
        )

    # ----- reflected ops: 2 + v, 2 - v, 2 * v, 2 / v, 2 ** v

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return _as_value(other) - self

    def __rtruediv__(self, other):
        return _as_value(other) / self

    def __rpow__(self, other):
        return _as_value(other) ** self

    # ----- functions of one value

    def exp(self):
        x = self.data
        try:
            e = math.exp(x)
        except OverflowError:
            raise OverflowError(
                f"exp({x}) is too large for a float "
                "(inputs above ~709.78 overflow). "
                "Scale the input down, or use a numerically stable formula "
                "(for softmax: subtract the largest logit first)."
            ) from None
        return Value(e, (self,), "exp", local_grads=(e,))

    def log(self):
        x = self.data
        if x <= 0:
            raise ValueError(
                f"log is only defined for positive numbers, got log({x})"
            )
        return Value(math.log(x), (self,), "log", local_grads=(1.0 / x,))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), "tanh", local_grads=(1.0 - t * t,))

    def relu(self):
        x = self.data
        if x > 0 or math.isnan(x):  # NaN passes through: it must not hide
            return Value(x, (self,), "relu", local_grads=(1.0,))
        return Value(0.0, (self,), "relu", local_grads=(0.0,))

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1.0 / (1.0 + math.exp(-x))
        else:  # the same number, written so exp() cannot overflow
            e = math.exp(x)
            s = e / (1.0 + e)
        return Value(s, (self,), "sigmoid", local_grads=(s * (1.0 - s),))

    # ----- a fused op: a whole weighted sum as one node

    @staticmethod
    def dot(weights, inputs, bias=0.0):
        """bias + sum(w * x) as one node: d/dw_i = x_i, d/dx_i = w_i, d/dbias = 1.

        Same value and gradients as building it from `*` and `+`, with one node
        instead of 2n + 1, which makes neurons several times faster.
        """
        ws, xs = _as_values(weights, "weights"), _as_values(inputs, "inputs")
        if len(ws) != len(xs):
            raise ValueError(
                f"dot() needs as many inputs as weights: "
                f"got {len(xs)} inputs for {len(ws)} weights"
            )
        bias = _as_value(bias)
        total = bias.data
        for w, x in zip(ws, xs):
            total += w.data * x.data
        local_grads = [x.data for x in xs] + [w.data for w in ws] + [1.0]
        return Value(
            total, (*ws, *xs, bias), "dot", local_grads=tuple(local_grads)
        )

    # ----- backpropagation

    def _backward(self):
        """One step of the chain rule: pass this node's gradient to its children.

        Each child gets local_derivative * self.grad added to its own
        gradient: the step the lecture's `_backward` closures perform.
        """
        if self._children:  # nodes built by hand: one number per child
            _check_node(self)
        for child, local_grad in zip(self._children, self._local_grads):
            child.grad += local_grad * self.grad

    def backward(self):
        """Set every node's .grad to d(self)/d(node), using the chain rule.

        Leaves (values you made yourself, such as weights) *accumulate*: calling
        backward() twice adds the gradients up, as in PyTorch. Reset them with
        `model.zero_grad()` or `v.grad = 0.0` before the next backward pass.
        """
        order = topological_order(self)
        with _checked_pass(order):  # nodes built by hand: errors that say why
            for node in order:  # intermediate results start each pass from 0
                if node._children:
                    node.grad = 0.0
            self.grad += 1.0  # d(self)/d(self)
            for node in reversed(order):  # node._backward(), written out
                for child, local_grad in zip(node._children, node._local_grads):
                    child.grad += local_grad * node.grad


def topological_order(root):
    """All nodes of root's graph, every node after all of its children.

    A depth-first search that adds a node once its children are done
    (post-order). It keeps its own stack instead of recursing, so graphs of
    any depth work without hitting Python's recursion limit. A node that is
    its own ancestor (a cycle, which only editing `_children` can make) is
    an error: no order puts it after itself.
    """
    if not hasattr(root, "_children"):  # a Value, or a class like it
        _needs_a_value("topological_order", root)
    # three colours: not seen yet, on the path being explored, done
    order, on_path, done, stack = [], {root}, set(), []
    with _graph_errors(root, stack):  # children that are not Values: an error
        stack.append((root, iter(root._children)))
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in done:
                    if child in on_path:  # its own ancestor: a cycle
                        _cycle(stack, child)
                    on_path.add(child)
                    stack.append((child, iter(child._children)))
                    break
            else:  # every child is done: the node comes next
                stack.pop()
                on_path.remove(node)
                done.add(node)
                order.append(node)
    return order


def _power_rule(x, n):
    """d(x^n)/dx = n * x^(n-1), with its limits where x == 0."""
    if x == 0 and n < 1:
        return 0.0 if n == 0 else math.inf
    return n * _power(x, n - 1)


# ----- checks: turn bad input into an error that says what to do


def _power(a, b):
    """a ** b as a float, or an error that says why there is none."""
    if a == 0 and b < 0:
        raise ZeroDivisionError(
            f"({a}) ** {b} divides by zero: 0 has no negative powers"
        )
    try:
        out = a**b
    except OverflowError:
        raise OverflowError(
            f"({a}) ** {b} is too large for a float; scale the input down"
        ) from None
    if isinstance(out, complex):
        raise ValueError(
            f"({a}) ** {b} is not a real number: "
            "a negative base needs a whole-number exponent"
        )
    return out


def _exponent(n):
    if isinstance(n, Real) and not isinstance(n, bool):
        return _to_float(n)
    raise TypeError(
        f"the exponent of ** must be a number or a Value, "
        f"got {type(n).__name__} {n!r:.40}"
    )


def _to_float(x):
    if isinstance(x, Real) and not isinstance(x, bool):
        return float(x)  # an int too large for a float: an OverflowError
    raise TypeError(
        f"Value needs a number (int or float), "
        f"got {type(x).__name__} {x!r:.40}. "
        "Convert it first, e.g. Value(float(x))."
    )


def _as_value(x):
    if isinstance(x, Value):
        return x
    if isinstance(x, Real) and not isinstance(x, bool):
        return Value(float(x))
    raise TypeError(
        f"can't combine a Value with {type(x).__name__} {x!r:.40}: "
        "use an int, a float or a Value"
    )


def _as_values(xs, name):
    if type(xs) is not list:  # sets, dicts and endless generators: an error
        xs = _ordered(xs, name)
    return [_as_value(x) for x in xs]
