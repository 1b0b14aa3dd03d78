"""draw_dot's argument checks and its size limit, kept out of the drawing code.

Graphviz's `dot` lays a graph out in levels (ranks); an edge that crosses k
levels costs about as much as k edges. Measured on a shared 2-core machine
(chains that reuse one input, MLP losses over a few points): a graph of
about 4,000 such edge segments takes 1-2 s, twice that 2-8 s, and the
7,640-value loss of an MLP(2, [16, 16, 1]) over 100 points (60,000 segments)
did not finish in 300 s. Larger graphs are refused, with the way to draw a
part of them.
"""

from collections import deque

from micrograd._validate import flag, whole_number

MAX_SEGMENTS = 4000  # edge segments dot lays out in a few seconds
MAX_PRECISION = 17  # digits after the point: more than a float holds
FORMATS = (
    "svg",
    "png",
    "pdf",
    "jpg",
    "jpeg",
    "gif",
    "dot",
    "json",
    "ps",
    "eps",
)


def _check_draw_args(root, rankdir, show_grad, number, fmt):
    if not hasattr(root, "_children"):  # a Value, or a class like it
        raise TypeError(
            "draw_dot needs the Value whose graph to draw, "
            f"got {type(root).__name__} {root!r:.40}"
        )
    if not isinstance(rankdir, str) or rankdir not in ("LR", "TB", "RL", "BT"):
        raise ValueError(
            f"rankdir must be 'LR', 'TB', 'RL' or 'BT', got {rankdir!r:.40}"
        )
    flag(show_grad, "show_grad")
    flag(number, "number")
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise ValueError(
            f"fmt must be one of {', '.join(FORMATS)}, got {fmt!r:.40}"
        )


def _part(root, order, max_nodes):
    """(values to draw in topological order, their ids, {id: children left out}).

    Without max_nodes: the whole graph, if dot can lay it out in a few
    seconds. With it: the max_nodes values nearest to root (breadth-first).
    """
    if max_nodes is None:
        drawn = {id(node) for node in order}
        _check_size(order, drawn, len(order), None)
        return order, drawn, {}
    max_nodes = whole_number(max_nodes, "max_nodes", minimum=1)
    drawn, queue = {id(root)}, deque([root])
    while queue and len(drawn) < max_nodes:
        for child in queue.popleft()._children:
            if id(child) not in drawn and len(drawn) < max_nodes:
                drawn.add(id(child))
                queue.append(child)
    part = [node for node in order if id(node) in drawn]
    more = {}
    for node in part:
        left_out = {id(c) for c in node._children if id(c) not in drawn}
        if left_out:
            more[id(node)] = len(left_out)
    _check_size(part, drawn, len(order), max_nodes)
    return part, drawn, more


def _check_size(part, drawn, total, max_nodes):
    """Refuse a picture that would take dot more than a few seconds."""
    segments = _segments(part, drawn)
    if segments <= MAX_SEGMENTS:
        return
    if max_nodes is None:
        raise ValueError(
            f"draw_dot: this graph has {total:,} values, too many to lay out "
            f"in a few seconds ({segments:,} edge segments; up to "
            f"{MAX_SEGMENTS:,} take a few seconds). Draw a part of it: "
            "draw_dot(root, max_nodes=50) draws the 50 values nearest to "
            "root, or draw one sub-expression (e.g. one neuron's output on "
            "one input)"
        )
    raise ValueError(
        f"draw_dot: max_nodes={max_nodes} still gives {segments:,} edge "
        f"segments to lay out (up to {MAX_SEGMENTS:,} take a few seconds): "
        "use a smaller max_nodes"
    )


def _segments(part, drawn):
    """Edge segments dot lays out: an edge crossing k levels counts k.

    Leaves sit on level 0; a value sits two levels above its highest child
    (one level for its operation's ellipse).
    """
    level, segments = {}, 0
    for node in part:
        children = [c for c in node._children if id(c) in drawn]
        if len(children) < len(node._children):  # the "... more" box
            children.append(None)
        if not node._children:
            level[id(node)] = 0
            continue
        op = 1 + max((level[id(c)] if c is not None else 0) for c in children)
        level[id(node)] = op + 1
        segments += 1 + sum(
            op - (level[id(c)] if c is not None else op - 1) for c in children
        )
    return segments


def _more(dot, op, count):
    """A box for the children max_nodes left out, with an edge to their operation."""
    box = f"{op}_more"
    dot.node(
        box,
        label=f"... {count} more",
        shape="box",
        style="dashed",
        fontcolor="#555555",
    )
    dot.edge(box, op, style="dashed")
