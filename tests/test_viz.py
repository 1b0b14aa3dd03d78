"""draw_dot's Graphviz source and SVG, and the matplotlib helpers (Agg backend)."""

import re

import matplotlib
import pytest
from ops import OPS

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from micrograd import MLP, Value, topological_order  # noqa: E402
from micrograd.viz import (  # noqa: E402
    HIGHLIGHT_COLOR,
    LEAF_COLOR,
    NODE_COLOR,
    draw_dot,
    plot_decision_boundary,
    plot_history,
)

BOX = re.compile(r"^\s*(v\d+) \[label=<.*shape=plaintext\]$")
ELLIPSE = re.compile(
    r'^\s*(v\d+)_op \[label=(?:"([^"]*)"|(\S+)) .*shape=ellipse'
)  # quoted when needed
EDGE = re.compile(r"^\s*(v\d+(?:_op)?) -> (v\d+(?:_op)?)$")


def example():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    e = a * b
    d = e + a  # a is used twice
    out = (d * d).tanh()
    out.label = "out"
    return out, a, b


def parse(dot):
    lines = dot.source.splitlines()
    boxes = [m.group(1) for m in map(BOX.match, lines) if m]
    ops = {m.group(1): m.group(2) or m.group(3) for m in map(ELLIPSE.match, lines) if m}
    edges = [(m.group(1), m.group(2)) for m in map(EDGE.match, lines) if m]
    return boxes, ops, edges


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_one_box_per_value_one_ellipse_per_operation_and_the_edges():
    out, a, b = example()
    order = topological_order(out)
    boxes, ops, edges = parse(draw_dot(out))
    assert boxes == [f"v{i}" for i in range(len(order))]
    computed = [i for i, node in enumerate(order) if node._children]
    assert sorted(ops) == sorted(f"v{i}" for i in computed)
    assert [ops[f"v{i}"] for i in computed] == [order[i]._op for i in computed]
    assert len(edges) == sum(1 + len(order[i]._children) for i in computed)
    index = {id(node): i for i, node in enumerate(order)}
    expected = []
    for i in computed:
        expected.append((f"v{i}_op", f"v{i}"))
        expected += [(f"v{index[id(child)]}", f"v{i}_op") for child in order[i]._children]
    assert sorted(edges) == sorted(expected)


@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_every_operation_draws_its_node_and_an_edge_per_input(op):
    """Every operation in tests/ops.py: one ellipse named after it, one edge in from each input."""
    inputs = [Value(x, label=f"in{i}") for i, x in enumerate(op.points()[0])]
    out = op.apply(*inputs)
    boxes, ops, edges = parse(draw_dot(out))
    order = topological_order(out)
    assert len(boxes) == len(order)
    name = f"v{len(order) - 1}"
    assert ops[name] == out._op and (f"{name}_op", name) in edges
    into = [src for src, dst in edges if dst == f"{name}_op"]
    assert len(into) == len(out._children)
    source = draw_dot(out).source
    assert all(f">in{i}<" in source for i in range(len(inputs)))  # each input, with its label


def test_a_leaf_alone_is_one_box():
    boxes, ops, edges = parse(draw_dot(Value(1.0)))
    assert (boxes, ops, edges) == (["v0"], {}, [])


def test_labels_data_and_grad_are_shown():
    out, a, b = example()
    out.backward()
    source = draw_dot(out).source
    assert ">a<" in source and ">out<" in source
    assert f"data {a.data:.4f}" in source and f"grad {a.grad:.4f}" in source
    assert f"data {out.data:.2f}" in draw_dot(out, precision=2).source


def test_show_grad_false_hides_gradients():
    out, _, _ = example()
    assert "grad" in draw_dot(out).source
    assert "grad" not in draw_dot(out, show_grad=False).source


def test_highlight_colours_only_the_chosen_nodes():
    out, a, b = example()
    source = draw_dot(out, highlight=[a, out]).source
    highlighted = [
        m.group(1)
        for line in source.splitlines()
        if HIGHLIGHT_COLOR in line
        for m in [BOX.match(line)]
    ]
    assert highlighted == ["v0", f"v{len(topological_order(out)) - 1}"]  # a is first, out is last
    assert HIGHLIGHT_COLOR not in draw_dot(out).source


def test_number_shows_the_topological_position():
    out, _, _ = example()
    n = len(topological_order(out))
    source = draw_dot(out, number=True).source
    assert all(f">#{k}<" in source for k in range(1, n + 1)) and f">#{n + 1}<" not in source
    assert ">#1<" not in draw_dot(out).source


def test_rankdir():
    out, _, _ = example()
    assert "rankdir=TB" in draw_dot(out, rankdir="TB").source
    with pytest.raises(ValueError, match="rankdir"):
        draw_dot(out, rankdir="sideways")


@pytest.mark.parametrize(
    "label", ["x < y", "a | b", "{curly}", "Tom & Jerry", 'say "hi"', "<b>not bold</b>", "ünï"]
)
def test_awkward_labels_render_to_svg(label):
    x = Value(1.5, label=label)
    out = x * 2.0
    out.label = label
    svg = draw_dot(out).pipe(format="svg").decode()
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
    escaped = (
        label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
    assert svg.count(escaped) >= 2


def test_same_graph_gives_identical_svg_independent_of_object_ids():
    first_out = example()[0]
    first = draw_dot(first_out)
    second_out = example()[0]  # built while the first is alive: every node has a new id
    second = draw_dot(second_out)
    assert first.source == second.source
    assert first.pipe(format="svg") == second.pipe(format="svg")
    boxes, _, _ = parse(first)
    assert boxes == [f"v{i}" for i in range(len(topological_order(first_out)))]
    nodes = topological_order(first_out) + topological_order(second_out)
    assert not any(str(id(node)) in first.source + second.source for node in nodes)


def test_mlp_graph_renders():
    model = MLP(2, [3, 1], seed=0)
    out = model([1.0, -1.0])
    out.backward()
    boxes, ops, edges = parse(draw_dot(out))
    assert len(boxes) == len(topological_order(out))
    assert set(ops.values()) == {"dot", "relu"}
    assert draw_dot(out, fmt="png").pipe()[:8] == b"\x89PNG\r\n\x1a\n"


def _shaded(model, X, y, steps):
    """Plot, and return (grid_x, grid_y, class per grid point) as passed to contourf."""
    _, ax = plt.subplots()
    calls = []
    contourf = ax.contourf
    ax.contourf = lambda *args, **kwargs: calls.append(args) or contourf(*args, **kwargs)
    assert plot_decision_boundary(model, X, y, ax=ax, steps=steps) is ax
    (grid_x, grid_y, zz) = calls[0][:3]
    return grid_x, grid_y, zz


def test_plot_decision_boundary_returns_axes():
    from micrograd.data import make_moons

    X, y = make_moons(20, seed=0)
    model = MLP(2, [4, 1], seed=0)
    ax = plot_decision_boundary(model, X, y, steps=8)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_xlabel() == "$x_1$" and len(ax.collections) >= 2
    _, given = plt.subplots()
    assert plot_decision_boundary(model, X, y, ax=given, steps=5) is given


def test_plot_decision_boundary_shades_by_the_sign_of_one_output():
    X, y = [[-1.0, -1.0], [1.0, 1.0], [1.0, -1.0]], [0, 1, 1]
    grid_x, grid_y, zz = _shaded(lambda p: Value(p[0] - p[1]), X, y, steps=7)
    assert len(grid_x) == len(grid_y) == 7
    assert grid_x[0] == pytest.approx(-1.5) and grid_x[-1] == pytest.approx(1.5)  # margin 0.5
    assert zz == [[1 if gx - gy > 0 else 0 for gx in grid_x] for gy in grid_y]
    assert {0, 1} == {c for row in zz for c in row}


def test_plot_decision_boundary_with_several_outputs_picks_the_largest():
    from micrograd.data import make_blobs

    X, y = make_blobs(30, centers=3, seed=0)
    ax = plot_decision_boundary(MLP(2, [4, 3], seed=0), X, y, steps=6)
    assert isinstance(ax, matplotlib.axes.Axes)

    def three_scores(p):  # class 0 left, 1 right, 2 above
        return [Value(-p[0]), Value(p[0]), Value(2 * p[1] - 3)]

    grid_x, grid_y, zz = _shaded(three_scores, [[-2.0, -2.0], [2.0, 3.0]], [0, 2], steps=9)
    expected = [
        [max(range(3), key=lambda k: [-gx, gx, 2 * gy - 3][k]) for gx in grid_x] for gy in grid_y
    ]
    assert zz == expected and {c for row in zz for c in row} == {0, 1, 2}


def test_plot_history_returns_axes():
    losses, accuracies = [1.0, 0.5, 0.25], [0.5, 0.75, 1.0]
    axes = plot_history(losses)
    assert len(axes) == 1 and list(axes[0].lines[0].get_ydata()) == losses
    axes = plot_history(losses, accuracies)
    assert len(axes) == 2 and list(axes[1].lines[0].get_ydata()) == [50.0, 75.0, 100.0]
    _, given = plt.subplots(1, 2)
    assert list(plot_history(losses, accuracies, axes=given)) == list(given)


def test_a_non_string_label_is_drawn_as_text():
    out = Value(1.0, label=3) * 2.0
    assert ">3<" in draw_dot(out).source


def test_leaves_and_computed_values_have_their_own_colours():
    out, a, b = example()
    order = topological_order(out)
    lines = {
        m.group(1): line for line in draw_dot(out).source.splitlines() if (m := BOX.match(line))
    }
    for i, node in enumerate(order):
        colour = NODE_COLOR if node._children else LEAF_COLOR
        other = LEAF_COLOR if node._children else NODE_COLOR
        assert colour in lines[f"v{i}"] and other not in lines[f"v{i}"]
    assert any(not n._children for n in order) and any(n._children for n in order)
