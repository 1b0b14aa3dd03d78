"""Pictures of computation graphs (Graphviz) and of training (matplotlib)."""

import html
import re
from numbers import Real

from micrograd._validate import callable_, is_bool, sequence, whole_number
from micrograd._viz_limits import (
    MAX_PRECISION,
    _check_draw_args,
    _more,
    _part,
)
from micrograd.engine import Value, topological_order

LEAF_COLOR = "#dbeafe"  # values you made yourself: inputs, weights
NODE_COLOR = "#ffffff"  # values computed by an operation
HIGHLIGHT_COLOR = "#fde68a"
OP_COLOR = "#f3f4f6"


def draw_dot(
    root,
    rankdir="LR",
    show_grad=True,
    highlight=(),
    number=False,
    fmt="svg",
    precision=4,
    max_nodes=None,
):
    """Draw the graph that produced `root` and return a `graphviz.Digraph`.

    One box per value (label | data | grad), one ellipse per operation. Leaves
    (inputs and parameters) are blue, nodes in `highlight` are yellow, and with
    `number=True` each box shows its position in topological order. The same
    graph always gives the same picture.

    A graph too large to lay out in a few seconds is refused; `max_nodes=n`
    draws the n values nearest to `root` instead, with a "... more" box where
    the graph goes on.
    """
    import graphviz

    _check_draw_args(root, rankdir, show_grad, number, fmt)
    precision = whole_number(
        precision, "precision (digits shown)", minimum=0, maximum=MAX_PRECISION
    )
    highlight = _highlight(highlight)
    order = topological_order(root)
    name = {id(node): f"v{i}" for i, node in enumerate(order)}
    order, drawn, more = _part(root, order, max_nodes)

    dot = graphviz.Digraph(
        format=fmt, graph_attr={"rankdir": rankdir, "bgcolor": "white"}
    )
    dot.attr("node", fontname="Helvetica", fontsize="12")
    for node in order:
        i = int(name[id(node)][1:])
        color = (
            HIGHLIGHT_COLOR
            if id(node) in highlight
            else NODE_COLOR
            if node._children
            else LEAF_COLOR
        )
        cells = [_text(node.label)] if node.label else []
        if number:
            cells.insert(0, f"#{i + 1}")
        cells.append(f"data {node.data:.{precision}f}")
        if show_grad:
            cells.append(f"grad {node.grad:.{precision}f}")
        row = "".join(f'<td bgcolor="{color}">{cell}</td>' for cell in cells)
        table = f'<table border="0" cellborder="1" cellspacing="0" cellpadding="4"><tr>{row}</tr></table>'
        dot.node(name[id(node)], label=f"<{table}>", shape="plaintext")
        if node._children:
            op = name[id(node)] + "_op"
            dot.node(
                op,
                label=_text(node._op),
                shape="ellipse",
                style="filled",
                fillcolor=OP_COLOR,
            )
            dot.edge(op, name[id(node)])
            for child in node._children:
                if id(child) in drawn:
                    dot.edge(name[id(child)], op)
            if id(node) in more:  # children left out by max_nodes
                _more(dot, op, more[id(node)])
    return dot


def plot_decision_boundary(model, X, y, ax=None, steps=60, margin=0.5):
    """Shade the plane by the model's prediction and scatter the labelled points on top.

    A one-output model is read by the sign of its score; a many-output model by
    its largest output.
    """
    import matplotlib.pyplot as plt

    model = callable_(model, "model")
    X, y = _points(X, y)
    steps = whole_number(steps, "steps (grid points per side)", 2, MAX_STEPS)
    if is_bool(margin) or not isinstance(margin, Real) or not 0 <= margin < 1e6:
        raise ValueError(f"margin must be a number >= 0, got {margin!r:.40}")
    ax = ax if ax is not None else plt.subplots(figsize=(5, 4.5))[1]
    xs = [p[0] for p in X]
    ys = [p[1] for p in X]
    x_lo, x_hi = min(xs) - margin, max(xs) + margin
    y_lo, y_hi = min(ys) - margin, max(ys) + margin
    grid_x = [x_lo + (x_hi - x_lo) * i / (steps - 1) for i in range(steps)]
    grid_y = [y_lo + (y_hi - y_lo) * j / (steps - 1) for j in range(steps)]
    zz = [[_predict_class(model([gx, gy])) for gx in grid_x] for gy in grid_y]
    ax.contourf(grid_x, grid_y, zz, cmap="Spectral", alpha=0.6)
    ax.scatter(
        xs, ys, c=y, s=25, cmap="Spectral", edgecolors="k", linewidths=0.5
    )
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def plot_history(losses, accuracies=None, axes=None):
    """Loss per step (and accuracy per step, if given) side by side."""
    import matplotlib.pyplot as plt

    losses = _series(losses, "losses", "loss.data")
    if accuracies is not None:
        accuracies = _series(accuracies, "accuracies", "acc")
        if not all(0 <= a <= 1 for a in accuracies):
            raise ValueError(
                "accuracies must be fractions between 0 and 1 "
                "(they are shown as percentages)"
            )
    ncols = 1 if accuracies is None else 2
    if axes is None:
        axes = plt.subplots(
            1, ncols, figsize=(4.5 * ncols, 3.2), squeeze=False
        )[1][0]
    axes[0].plot(losses, color="tab:red")
    axes[0].set(xlabel="step", ylabel="loss", title="Loss")
    if accuracies is not None:
        axes[1].plot([100 * a for a in accuracies], color="tab:blue")
        axes[1].set(
            xlabel="step",
            ylabel="accuracy (%)",
            title="Training accuracy",
            ylim=(0, 105),
        )
    for ax in axes:
        ax.grid(alpha=0.3)
    return axes


# steps**2 model calls: 200 is 40,000 calls, several seconds for an MLP.
MAX_STEPS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _text(label):
    """A label as HTML text: escaped, control characters shown as \\n etc."""
    text = html.escape(str(label))
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _highlight(nodes):
    nodes = sequence(nodes, "highlight", "Values", ordered=False)
    for node in nodes:
        if not hasattr(node, "_children"):
            raise TypeError(
                f"highlight must be a list of Values from the graph, got "
                f"{type(node).__name__} {node!r:.40} in it"
            )
    return {id(node) for node in nodes}


def _points(X, y):
    X, y = sequence(X, "X", "points"), sequence(y, "y", "labels")
    if not X or len(X) != len(y):
        raise ValueError(
            f"X and y must be non-empty and match one to one, got {len(X)} "
            f"points and {len(y)} labels"
        )
    for p in X:
        if not (hasattr(p, "__len__") and len(p) == 2):
            raise ValueError(
                f"each point in X must be a pair [x1, x2], got {p!r:.40}"
            )
    return X, y


def _series(values, name, hint):
    values = sequence(values, name)
    for v in values:
        if isinstance(v, Value):
            raise TypeError(
                f"{name} must be plain numbers, got a Value: record {hint} "
                "instead of the Value itself"
            )
        if isinstance(v, bool) or not isinstance(v, Real):
            raise TypeError(
                f"{name} must be numbers, got {type(v).__name__} {v!r:.40}"
            )
    return values


def _predict_class(output):
    if isinstance(output, list):
        scores = [o.data for o in output]
        return scores.index(max(scores))
    return 1 if output.data > 0 else 0
