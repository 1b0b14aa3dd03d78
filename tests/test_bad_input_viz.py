"""Bad calls to micrograd.viz: each row's error names the argument and what it should be."""

import matplotlib
import pytest
from bad_input_harness import bad, check, ids, ok

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from micrograd import MLP, Value  # noqa: E402
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


NEEDS = ("draw_dot needs the Value whose graph to draw",)
CASES = [
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
