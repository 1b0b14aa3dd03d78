"""Bad calls to micrograd.viz: each row's error names the argument and what it should be."""

import itertools
import math

import matplotlib
import numpy as np
import pytest
from bad_input_harness import bad, check, ids, ok

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from micrograd import MLP, Value  # noqa: E402
from micrograd.data import make_moons  # noqa: E402
from micrograd.losses import hinge_loss  # noqa: E402
from micrograd.viz import draw_dot, plot_decision_boundary, plot_history  # noqa: E402

X, Y = [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]], [0, 1, 1]


def graph(label="a"):
    return Value(1.5, label=label) * 2.0


def model():
    return MLP(2, [3, 1], seed=0)


def _svg_of(label):
    svg = draw_dot(graph(label)).pipe(format="svg").decode()
    plt.close("all")
    return svg


def _plot(*args, **kwargs):
    try:
        return plot_decision_boundary(*args, **kwargs)
    finally:
        plt.close("all")


def _history(*args):
    try:
        return plot_history(*args)
    finally:
        plt.close("all")


def big_loss():
    """The graph learners draw after the lecture: an MLP's loss over 100 points (7,640 values)."""
    Xs, ys = make_moons(100, seed=0)
    m = MLP(2, [16, 16, 1], seed=0)
    return hinge_loss([m(x) for x in Xs], [2 * t - 1 for t in ys])


def chain(n):
    """n steps that all reuse x: long edges, the hardest kind of graph for dot."""
    x = y = Value(0.5)
    for _ in range(n):
        y = (y * x + 1.0).tanh() - x
    return y


def _cyclic():
    a = Value(1.0, label="a")
    b = a * 2.0
    a._children, a._local_grads = (b,), (1.0,)
    return b


def _part_svg():
    svg = draw_dot(big_loss(), max_nodes=30).pipe(format="svg").decode()
    return svg.count('<g id="node'), "more" in svg


NEEDS = ("draw_dot needs the Value whose graph to draw",)
LIMIT = ("too many to lay out in a few seconds", "max_nodes=")
CASES = [
    # Issue 20: graphs too large to lay out, precision, numpy and bools, sets, cycles
    bad(
        "draw_dot(MLP loss over 100 points)",
        lambda: draw_dot(big_loss()),
        ValueError,
        "7,640 values",
        *LIMIT,
    ),
    bad("draw_dot(chain of 100 reused x)", lambda: draw_dot(chain(100)), ValueError, *LIMIT),
    ok(
        "draw_dot(chain of 15) still draws",
        lambda: draw_dot(chain(15)).source.count("->"),
        lambda r: r > 80,
    ),
    ok("draw_dot(big, max_nodes=30) draws a part", _part_svg, lambda r: 30 <= r[0] <= 90 and r[1]),
    bad(
        "max_nodes=0",
        lambda: draw_dot(graph(), max_nodes=0),
        ValueError,
        "max_nodes must be at least 1",
    ),
    bad(
        'max_nodes="50"',
        lambda: draw_dot(graph(), max_nodes="50"),
        TypeError,
        "max_nodes must be a whole number",
    ),
    bad(
        "max_nodes=True",
        lambda: draw_dot(graph(), max_nodes=True),
        TypeError,
        "max_nodes must be a whole number",
    ),
    bad(
        "chain, max_nodes=10**6",
        lambda: draw_dot(chain(100), max_nodes=10**6),
        ValueError,
        "max_nodes=1000000 still gives",
        "smaller max_nodes",
    ),
    bad(
        "precision=10**9",
        lambda: draw_dot(graph(), precision=10**9),
        ValueError,
        "precision",
        "at most 17",
    ),
    bad(
        "precision=True",
        lambda: draw_dot(graph(), precision=True),
        TypeError,
        "precision",
        "whole number",
    ),
    ok(
        "precision=np.int64(2)",
        lambda: "1.50" in draw_dot(graph(), precision=np.int64(2)).source,
        lambda r: r,
    ),
    ok("number=np.True_", lambda: "#1" in draw_dot(graph(), number=np.True_).source, lambda r: r),
    bad(
        "show_grad=np.float64(1)",
        lambda: draw_dot(graph(), show_grad=np.float64(1.0)),
        TypeError,
        "show_grad",
        "True or False",
    ),
    bad('fmt="svgz!"', lambda: draw_dot(graph(), fmt="svgz!"), ValueError, "fmt must be one of"),
    bad("fmt=None", lambda: draw_dot(graph(), fmt=None), ValueError, "fmt must be one of"),
    bad("rankdir=['LR']", lambda: draw_dot(graph(), rankdir=["LR"]), ValueError, "rankdir must be"),
    ok(
        "highlight={v} (a set: order does not matter)",
        lambda: draw_dot(v := graph(), highlight={v}).source.count("#fde68a"),
        lambda r: r > 0,
    ),
    bad("draw_dot(cycle)", lambda: draw_dot(_cyclic()), ValueError, "cycle", "labelled 'a'"),
    bad(
        "plot steps=10**6",
        lambda: _plot(model(), X, Y, steps=10**6),
        ValueError,
        "steps",
        "at most 200",
    ),
    bad(
        "plot steps=True",
        lambda: _plot(model(), X, Y, steps=True),
        TypeError,
        "steps",
        "whole number",
    ),
    bad(
        "plot margin=inf",
        lambda: _plot(model(), X, Y, margin=math.inf),
        ValueError,
        "margin must be a number",
    ),
    bad(
        "plot margin=nan",
        lambda: _plot(model(), X, Y, margin=math.nan),
        ValueError,
        "margin must be a number",
    ),
    bad(
        "plot X a set",
        lambda: _plot(model(), {(0.0, 1.0), (1.0, 0.0)}, [0, 1]),
        TypeError,
        "X",
        "in order",
        "set",
    ),
    bad("plot y a set", lambda: _plot(model(), X[:2], {0, 1}), TypeError, "y", "in order", "set"),
    bad("plot_history(set)", lambda: _history({1.0, 0.5}), TypeError, "losses", "in order", "set"),
    bad(
        "plot_history([True])",
        lambda: _history([True]),
        TypeError,
        "losses must be numbers",
        "bool",
    ),
    bad(
        "plot_history(count())",
        lambda: _history(itertools.count()),
        ValueError,
        "losses",
        "endless",
    ),
    bad("draw_dot(None)", lambda: draw_dot(None), TypeError, *NEEDS, "NoneType"),
    bad("draw_dot(3.0)", lambda: draw_dot(3.0), TypeError, *NEEDS, "float"),
    bad("draw_dot([v])", lambda: draw_dot([graph()]), TypeError, *NEEDS, "list"),
    bad("draw_dot(model)", lambda: draw_dot(model()), TypeError, *NEEDS, "MLP"),
    bad(
        'rankdir="sideways"',
        lambda: draw_dot(graph(), rankdir="sideways"),
        ValueError,
        "rankdir must be",
    ),
    bad("rankdir=None", lambda: draw_dot(graph(), rankdir=None), ValueError, "rankdir must be"),
    bad(
        "precision=-1",
        lambda: draw_dot(graph(), precision=-1),
        ValueError,
        "precision",
        "at least 0",
    ),
    bad(
        'precision="4"',
        lambda: draw_dot(graph(), precision="4"),
        TypeError,
        "precision",
        "whole number",
    ),
    bad(
        "precision=2.5",
        lambda: draw_dot(graph(), precision=2.5),
        TypeError,
        "precision",
        "whole number",
    ),
    bad(
        'show_grad="no"',
        lambda: draw_dot(graph(), show_grad="no"),
        TypeError,
        "show_grad",
        "True or False",
    ),
    bad("number=1", lambda: draw_dot(graph(), number=1), TypeError, "number must be True or False"),
    bad(
        "highlight=v",
        lambda: draw_dot(graph(), highlight=graph()),
        TypeError,
        "highlight must be a list",
        "[v]",
    ),
    bad(
        'highlight=["a"]',
        lambda: draw_dot(graph(), highlight=["a"]),
        TypeError,
        "highlight must be a list of Values",
    ),
    bad(
        "highlight=5", lambda: draw_dot(graph(), highlight=5), TypeError, "highlight must be a list"
    ),
    ok("label with a newline renders", lambda: _svg_of("a\nb"), lambda svg: "a\\nb" in svg),
    ok("label with a NUL renders", lambda: _svg_of("x\x00y"), lambda svg: "x\\x00y" in svg),
    ok("label with a tab renders", lambda: _svg_of("w\tb"), lambda svg: "w\\tb" in svg),
    bad("plot model=None", lambda: _plot(None, X, Y), TypeError, "model must be a function"),
    bad("plot X=[]", lambda: _plot(model(), [], []), ValueError, "X and y must be non-empty"),
    bad(
        "plot lengths",
        lambda: _plot(model(), X, [0, 1]),
        ValueError,
        "match one to one",
        "3 points and 2 labels",
    ),
    bad("plot 3-D points", lambda: _plot(model(), [[1, 2, 3]], [0]), ValueError, "pair [x1, x2]"),
    bad("plot X=5", lambda: _plot(model(), 5, Y), TypeError, "X must be a list"),
    bad("plot steps=1", lambda: _plot(model(), X, Y, steps=1), ValueError, "steps", "at least 2"),
    bad(
        'plot steps="60"',
        lambda: _plot(model(), X, Y, steps="60"),
        TypeError,
        "steps",
        "whole number",
    ),
    bad(
        "plot margin=-1",
        lambda: _plot(model(), X, Y, margin=-1),
        ValueError,
        "margin must be a number >= 0",
    ),
    bad(
        "plot_history([Value])",
        lambda: _history([Value(1.0)]),
        TypeError,
        "losses must be plain numbers",
        "loss.data",
    ),
    bad('plot_history(["a"])', lambda: _history(["a"]), TypeError, "losses must be numbers"),
    bad("plot_history(5)", lambda: _history(5), TypeError, "losses must be a list"),
    bad(
        "plot_history accuracies in %",
        lambda: _history([1.0], [50.0]),
        ValueError,
        "accuracies must be fractions between 0 and 1",
    ),
    bad(
        "plot_history([1], [Value])",
        lambda: _history([1.0], [Value(0.5)]),
        TypeError,
        "accuracies must be plain numbers",
    ),
]


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
