"""Code from the lecture and from karpathy/micrograd runs against this package.

Our own copies of the cells that matter (not the notebooks themselves):
the lecture's graph-drawing code that walks `v._prev`, its manual
`o._backward()` node by node, its `Value(data, _children, _op, label)`
constructor, its hand-written MLP; karpathy/micrograd's test/test_engine.py
checks, trace_graph.ipynb's graph walk and demo.ipynb's training loop.
"""

import math
import random

import numpy as np
import pytest

from micrograd import Value, nn, topological_order
from micrograd.data import make_moons

# ----- the lecture's graph drawing: trace() walks v._prev -----


def trace(root):
    nodes, edges = set(), set()

    def build(v):
        if v not in nodes:
            nodes.add(v)
            for child in v._prev:
                edges.add((child, v))
                build(child)

    build(root)
    return nodes, edges


def lecture_draw_dot(root):
    from graphviz import Digraph

    dot = Digraph(format="svg", graph_attr={"rankdir": "LR"})
    nodes, edges = trace(root)
    for n in nodes:
        uid = str(id(n))
        dot.node(
            name=uid,
            label="{ %s | data %.4f | grad %.4f }" % (n.label, n.data, n.grad),  # noqa: UP031
            shape="record",
        )
        if n._op:
            dot.node(name=uid + n._op, label=n._op)
            dot.edge(uid + n._op, uid)
    for n1, n2 in edges:
        dot.edge(str(id(n1)), str(id(n2)) + n2._op)
    return dot


def lecture_neuron():
    x1 = Value(2.0, label="x1")
    x2 = Value(0.0, label="x2")
    w1 = Value(-3.0, label="w1")
    w2 = Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    x1w1x2w2 = x1w1 + x2w2
    x1w1x2w2.label = "x1*w1 + x2*w2"
    n = x1w1x2w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o, dict(x1=x1, x2=x2, w1=w1, w2=w2, b=b, x1w1=x1w1, x2w2=x2w2, s=x1w1x2w2, n=n)


LECTURE_GRADS = {"x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5, "n": 0.5}


def test_prev_is_the_set_of_children_and_read_only():
    a, b = Value(2.0), Value(-3.0)
    d = a * b
    assert d._prev == {a, b} and isinstance(d._prev, set) and a._prev == set()
    d._prev.clear()  # a copy: changing it leaves the graph alone
    assert d._prev == {a, b}
    with pytest.raises(AttributeError):
        d._prev = set()
    assert (a * a)._prev == {a}  # one child used twice is one element


def test_lecture_draw_dot_walks_prev_and_renders():
    o, nodes = lecture_neuron()
    o.backward()
    traced, edges = trace(o)
    assert traced == set(topological_order(o))
    assert len(edges) == sum(len(set(v._children)) for v in traced)
    svg = lecture_draw_dot(o).pipe(format="svg").decode()
    for label in ("x1", "w2", "x1*w1 + x2*w2", "o"):
        assert f">{label}</text>" in svg.replace("&#160;", " ").replace(" </text>", "</text>")
    assert svg.count(">tanh</text>") == 1 and svg.count(">+</text>") == 2
    assert "grad 0.5000" in svg and "data 0.7071" in svg


def test_manual_backward_node_by_node_as_in_the_lecture():
    o, v = lecture_neuron()
    o.grad = 1.0
    o._backward()
    assert v["n"].grad == pytest.approx(0.5)
    v["n"]._backward()
    v["b"]._backward()  # a leaf: nothing to pass on
    v["s"]._backward()
    v["x2w2"]._backward()
    v["x1w1"]._backward()
    grads = {k: v[k].grad for k in LECTURE_GRADS}
    assert grads == pytest.approx(LECTURE_GRADS)
    o2, v2 = lecture_neuron()  # and backward() does the same steps in topological order
    o2.backward()
    assert {k: v2[k].grad for k in LECTURE_GRADS} == pytest.approx(grads, rel=1e-15)


def test_the_lecture_build_topo_over_prev_gives_a_valid_order():
    o, _ = lecture_neuron()
    topo, visited = [], set()

    def build_topo(v):
        if v not in visited:
            visited.add(v)
            for child in v._prev:
                build_topo(child)
            topo.append(v)

    build_topo(o)
    position = {id(n): i for i, n in enumerate(topo)}
    assert all(position[id(c)] < position[id(n)] for n in topo for c in n._prev)
    assert set(topo) == set(topological_order(o))
    o.grad = 1.0
    for node in reversed(topo):  # the lecture's backward() loop
        node._backward()
    assert {n.label: n.grad for n in topo if n.label in LECTURE_GRADS} == pytest.approx(
        LECTURE_GRADS
    )


def test_the_lecture_constructor_order():
    a = Value(2.0, label="a")
    out = Value(math.tanh(a.data), (a,), "tanh")  # Value(data, _children, _op)
    assert (out._prev, out._op, out.label) == ({a}, "tanh", "")
    named = Value(1.0, (a,), "tanh", "t")  # ... and label, by position
    assert named.label == "t" and named._op == "tanh"
    svg = lecture_draw_dot(out).pipe(format="svg").decode()  # it draws
    assert ">tanh</text>" in svg
    with pytest.raises(ValueError, match="no local derivatives"):
        out.backward()  # ... but without a local derivative it cannot backpropagate


def test_a_lecture_style_op_with_its_local_derivative():
    def tanh(self):  # the lecture's tanh, with the derivative stored instead of a closure
        x = self.data
        t = (math.exp(2 * x) - 1) / (math.exp(2 * x) + 1)
        return Value(t, (self,), "tanh", local_grads=(1 - t**2,))

    n = Value(0.8813735870195432, label="n")
    o = tanh(n)
    o.backward()
    assert (o.data, n.grad) == (pytest.approx(math.sqrt(0.5)), pytest.approx(0.5))


def test_tanh_from_exp_as_in_the_lecture_second_half():
    o1, v1 = lecture_neuron()
    _, v2 = lecture_neuron()
    e = (2 * v2["n"]).exp()
    o2 = (e - 1) / (e + 1)
    o1.backward()
    o2.backward()
    assert o2.data == pytest.approx(o1.data, rel=1e-12)
    assert {k: v2[k].grad for k in LECTURE_GRADS} == pytest.approx(
        {k: v1[k].grad for k in LECTURE_GRADS}, abs=1e-12
    )


def test_the_lectures_hand_written_mlp_trains_on_our_value():
    class Neuron:
        def __init__(self, nin):
            self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
            self.b = Value(random.uniform(-1, 1))

        def __call__(self, x):
            act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
            return act.tanh()

        def parameters(self):
            return self.w + [self.b]

    class Layer:
        def __init__(self, nin, nout):
            self.neurons = [Neuron(nin) for _ in range(nout)]

        def __call__(self, x):
            outs = [n(x) for n in self.neurons]
            return outs[0] if len(outs) == 1 else outs

        def parameters(self):
            return [p for neuron in self.neurons for p in neuron.parameters()]

    class MLP:
        def __init__(self, nin, nouts):
            sz = [nin] + nouts
            self.layers = [Layer(sz[i], sz[i + 1]) for i in range(len(nouts))]

        def __call__(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

        def parameters(self):
            return [p for layer in self.layers for p in layer.parameters()]

    random.seed(42)
    n = MLP(3, [4, 4, 1])
    xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
    ys = [1.0, -1.0, -1.0, 1.0]
    losses = []
    for _ in range(20):
        ypred = [n(x) for x in xs]
        loss = sum((yout - ygt) ** 2 for ygt, yout in zip(ys, ypred))
        for p in n.parameters():
            p.grad = 0.0
        loss.backward()
        for p in n.parameters():
            p.data += -0.1 * p.grad
        losses.append(loss.data)
    assert losses[-1] < 0.2 * losses[0]
    assert [math.copysign(1, y.data) for y in ypred] == ys


# ----- karpathy/micrograd: test/test_engine.py, trace_graph.ipynb, demo.ipynb -----


@pytest.fixture
def torch():
    return pytest.importorskip(
        "torch", reason="PyTorch is not installed: pip install torch==2.13.0"
    )


def test_karpathy_sanity_check(torch):
    x = Value(-4.0)
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    xmg, ymg = x, y

    x = torch.Tensor([-4.0]).double()
    x.requires_grad = True
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    assert ymg.data == y.data.item()
    assert xmg.grad == x.grad.item()


def test_karpathy_more_ops(torch):
    def run(a, b):
        c = a + b
        d = a * b + b**3
        c += c + 1
        c += 1 + c + (-a)
        d += d * 2 + (b + a).relu()
        d += 3 * d + (b - a).relu()
        e = c - d
        f = e**2
        g = f / 2.0
        g += 10.0 / f
        g.backward()
        return g

    a, b = Value(-4.0), Value(2.0)
    g = run(a, b)
    at, bt = (torch.tensor([v], dtype=torch.float64, requires_grad=True) for v in (-4.0, 2.0))
    gt = run(at, bt)
    tol = 1e-6
    assert abs(g.data - gt.item()) < tol
    assert abs(a.grad - at.grad.item()) < tol and abs(b.grad - bt.grad.item()) < tol
    assert g.data == pytest.approx(24.70408163265306, rel=1e-12)  # the values in karpathy's README
    assert (a.grad, b.grad) == (pytest.approx(138.83381924198252), pytest.approx(645.5772594752186))


def test_trace_graph_notebook():
    x = Value(1.0)
    y = (x * 2 + 1).relu()
    y.backward()
    nodes, edges = trace(y)
    assert len(nodes) == 6 and len(edges) == 5 and x.grad == 2.0  # 2 and 1 are leaves too

    def draw_dot(root, format="svg", rankdir="LR"):  # trace_graph.ipynb's version
        from graphviz import Digraph

        assert rankdir in ["LR", "TB"]
        nodes, edges = trace(root)
        dot = Digraph(format=format, graph_attr={"rankdir": rankdir})
        for n in nodes:
            dot.node(
                name=str(id(n)),
                label="{ data %.4f | grad %.4f }" % (n.data, n.grad),  # noqa: UP031
                shape="record",
            )
            if n._op:
                dot.node(name=str(id(n)) + n._op, label=n._op)
                dot.edge(str(id(n)) + n._op, str(id(n)))
        for n1, n2 in edges:
            dot.edge(str(id(n1)), str(id(n2)) + n2._op)
        return dot

    assert "<svg" in draw_dot(y).pipe().decode()
    random.seed(1337)
    n = nn.Neuron(2)
    x = [Value(1.0), Value(-2.0)]
    y = n(x)
    y.backward()
    svg = draw_dot(y).pipe().decode()
    assert svg.count("data ") == len(trace(y)[0]) and ">relu</text>" in svg
    assert [xi.grad for xi in x] == ([w.data for w in n.w] if y.data > 0 else [0.0, 0.0])


def test_demo_notebook_training():
    np.random.seed(1337)
    random.seed(1337)
    X, y = (np.array(a) for a in make_moons(n_samples=100, noise=0.1, seed=1337))
    y = y * 2 - 1
    model = nn.MLP(2, [16, 16, 1])
    assert len(model.parameters()) == 337

    def loss(batch_size=None):
        if batch_size is None:
            Xb, yb = X, y
        else:
            ri = np.random.permutation(X.shape[0])[:batch_size]
            Xb, yb = X[ri], y[ri]
        inputs = [list(map(Value, xrow)) for xrow in Xb]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(yb, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        alpha = 1e-4
        reg_loss = alpha * sum(p * p for p in model.parameters())
        total_loss = data_loss + reg_loss
        accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(yb, scores)]
        return total_loss, sum(accuracy) / len(accuracy)

    first, _ = loss()
    for k in range(12):
        total_loss, acc = loss(batch_size=50 if k % 2 else None)
        model.zero_grad()
        total_loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
    total_loss, acc = loss()
    assert total_loss.data < 0.5 * first.data and acc >= 0.85

    h = 0.25  # the decision-boundary cell
    x_min, x_max = X[:, 0].min() - 1, X[:, 0].max() + 1
    y_min, y_max = X[:, 1].min() - 1, X[:, 1].max() + 1
    xx, yy = np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))
    Xmesh = np.c_[xx.ravel(), yy.ravel()]
    scores = list(map(model, [list(map(Value, xrow)) for xrow in Xmesh]))
    Z = np.array([s.data > 0 for s in scores]).reshape(xx.shape)
    assert Z.any() and not Z.all()
