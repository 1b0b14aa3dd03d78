"""The graphs the checks of chapter 4 sort and differentiate (see micrograd_checks.topological_sort).

Each maker returns (description, root) of a fresh graph of micrograd Values, every node labelled.
"""

from micrograd.engine import Value


def _name(node):
    if node.label:
        return f"node {node.label!r}"
    kind = f"the {node._op!r} node" if node._op else "the leaf"
    return f"{kind} with data {node.data:g}"


def _label(value, label):
    value.label = label
    return value


def _diamond():
    a = Value(2.0, label="a")
    b = _label(a * 3, "b")
    c = _label(a + 1, "c")
    return "a diamond: b = a*3, c = a+1, d = b*c", _label(b * c, "d")


def _chain(n=12):
    x = Value(0.5, label="x0")
    for i in range(1, n + 1):
        x = _label(x * 0.9 + 0.1, f"x{i}")
    return f"a chain of {n} steps x = x*0.9 + 0.1", x


def _neuron():
    w1, x1, w2, x2, b = (
        Value(v, label=n)
        for v, n in [
            (-0.5, "w1"),
            (2.0, "x1"),
            (1.5, "w2"),
            (-1.0, "x2"),
            (0.3, "b"),
        ]
    )
    n = _label(w1 * x1 + w2 * x2 + b, "n")
    return "a neuron: o = tanh(w1*x1 + w2*x2 + b)", _label(n.tanh(), "o")


def _square():
    a = Value(3.0, label="a")
    s = _label(a * a, "s")
    return "s = a*a, t = s + a (a is used three times)", _label(s + a, "t")


def _skip():
    y = Value(1.5, label="y")
    x = _label(y * 2, "x")
    return "x = y*2, root = y + x (y is a child of the root and of x)", _label(y + x, "root")


def _twice_late():
    a = Value(1.5, label="a")
    s = _label(a * a, "s")
    u2 = _label(a + 1, "u2")
    u = _label(u2 * 3, "u")
    return "s = a*a, u2 = a+1, u = u2*3, root = s + u (a is used twice by s)", _label(s + u, "root")


def _twice_deep():
    x = Value(-0.5, label="x")
    p = _label(x * x, "p")
    q = _label(x + 2, "q")
    r = _label(q * q, "r")
    t = _label(r + x, "t")
    return "p = x*x, q = x+2, r = q*q, t = r + x, root = p * t", _label(p * t, "root")


def _single():
    return "a graph of one node", Value(7.0, label="v")


def _doubling(n=40):
    x = Value(1.0, label="x0")
    for i in range(1, n + 1):
        x = _label(x * x, f"x{i}")
    return f"x = x * x, {n} times (each node uses the one below it twice)", x


_GRAPHS = [_diamond, _chain, _neuron, _square, _skip, _single]


def _dismantle(root):
    """Unlink the graph node by node, so freeing a deep one never recurses (in-page Python has a
    small C stack)."""
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node._children)
        node._children = node._local_grads = ()
