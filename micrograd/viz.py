"""Pictures of computation graphs (Graphviz) and of training (matplotlib)."""

import html

from micrograd.engine import topological_order

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
):
    """Draw the graph that produced `root` and return a `graphviz.Digraph`.

    One box per value (label | data | grad), one ellipse per operation. Leaves
    (inputs and parameters) are blue, nodes in `highlight` are yellow, and with
    `number=True` each box shows its position in topological order. The same
    graph always gives the same picture.
    """
    import graphviz

    if rankdir not in ("LR", "TB", "RL", "BT"):
        raise ValueError(
            f"rankdir must be 'LR', 'TB', 'RL' or 'BT', got {rankdir!r}"
        )
    order = topological_order(root)
    name = {id(node): f"v{i}" for i, node in enumerate(order)}
    highlight = {id(node) for node in highlight}

    dot = graphviz.Digraph(
        format=fmt, graph_attr={"rankdir": rankdir, "bgcolor": "white"}
    )
    dot.attr("node", fontname="Helvetica", fontsize="12")
    for i, node in enumerate(order):
        color = (
            HIGHLIGHT_COLOR
            if id(node) in highlight
            else NODE_COLOR
            if node._children
            else LEAF_COLOR
        )
        cells = [html.escape(str(node.label))] if node.label else []
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
                label=html.escape(node._op),
                shape="ellipse",
                style="filled",
                fillcolor=OP_COLOR,
            )
            dot.edge(op, name[id(node)])
            for child in node._children:
                dot.edge(name[id(child)], op)
    return dot


def plot_decision_boundary(model, X, y, ax=None, steps=60, margin=0.5):
    """Shade the plane by the model's prediction and scatter the labelled points on top.

    A one-output model is read by the sign of its score; a many-output model by
    its largest output.
    """
    import matplotlib.pyplot as plt

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


def _predict_class(output):
    if isinstance(output, list):
        scores = [o.data for o in output]
        return scores.index(max(scores))
    return 1 if output.data > 0 else 0
