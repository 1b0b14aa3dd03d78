"""micrograd.viz's plots without matplotlib (the book's in-page Python): the SVG path.

matplotlib is hidden from the import system here, so `plot_decision_boundary` and `plot_history`
take the pure-Python path (`micrograd._svg`), as they do in the page. The pictures must show what
the model and the numbers say, not just be SVG: the shading follows the model's prediction, the
loss curve has one point per step, in order, and bad input is refused as with matplotlib.
"""

import importlib.abc
import re
import sys
import xml.dom.minidom

import pytest

from micrograd import _svg
from micrograd.viz import plot_decision_boundary, plot_history

RECT = re.compile(
    r'<rect x="([-\d.]+)" y="([-\d.]+)" width="([-\d.]+)" height="([-\d.]+)" fill="(#\w+)"/>'
)
RED, BLUE = "#9e0142", "#5e4fa2"  # the ends of the "Spectral" colour map


class _NoMatplotlib(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "matplotlib":
            raise ImportError(f"No module named {name!r} (hidden by the test)")


@pytest.fixture(autouse=True)
def no_matplotlib(monkeypatch):
    for name in [n for n in sys.modules if n.split(".")[0] == "matplotlib"]:
        monkeypatch.delitem(sys.modules, name)
    finder = _NoMatplotlib()
    sys.meta_path.insert(0, finder)
    yield
    sys.meta_path.remove(finder)
    _svg.close("all")


def left_half_positive(point):
    class Score:
        data = 1.0 if point[0] < 0 else -1.0

    return Score()


def test_decision_boundary_shades_by_the_models_prediction():
    X = [[-1.0, 0.0], [1.0, 0.0], [-1.0, 1.0], [1.0, 1.0]]
    y = [1, -1, 1, -1]
    ax = plot_decision_boundary(left_half_positive, X, y, steps=20)
    assert isinstance(ax, _svg.Axes)
    svg = _svg.gcf().to_svg()
    xml.dom.minidom.parseString(svg)  # well-formed
    cells = [(float(x), float(w), fill) for x, _, w, _, fill in RECT.findall(svg)]
    mid = (min(x for x, _, _ in cells) + max(x + w for x, w, _ in cells)) / 2
    left = {fill for x, w, fill in cells if x + w / 2 < mid - 1}
    right = {fill for x, w, fill in cells if x + w / 2 > mid + 1}
    # class 1 (score > 0) on the left, class 0 on the right: two different colours, one each side
    assert len(left) == len(right) == 1 and left != right, (left, right)
    # the points are drawn in the labels' colours, red for -1 and blue for +1
    assert svg.count(f'fill="{RED}"') >= 2 and svg.count(f'fill="{BLUE}"') >= 2


def test_history_draws_one_point_per_step_in_order():
    losses = [4.0, 2.0, 3.0, 0.5]
    axes = plot_history(losses, [0.25, 0.5, 0.75, 1.0])
    assert len(axes) == 2
    svg = _svg.gcf().to_svg()
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(lines) == 2
    points = [tuple(map(float, p.split(","))) for p in lines[0].split()]
    assert len(points) == len(losses)
    xs, ys = zip(*points)
    assert list(xs) == sorted(xs)
    # SVG's y grows downwards: the higher the loss, the smaller y
    assert sorted(range(4), key=lambda i: ys[i]) == sorted(range(4), key=lambda i: -losses[i])
    for text in ("Loss", "Training accuracy", "step", "accuracy (%)"):
        assert f">{text}</text>" in svg


def test_plots_go_on_given_axes_and_figures_display_as_svg():
    fig, (left, right) = _svg.subplots(1, 2, figsize=(10, 4))
    plot_history([1.0, 0.5], axes=[left])
    plot_decision_boundary(left_half_positive, [[0, 0], [1, 1]], [1, -1], ax=right, steps=5)
    right.set_title("Your network's decision regions")
    bundle = fig._repr_mimebundle_()
    assert bundle["image/svg+xml"] == fig._repr_svg_()
    assert "Your network&#x27;s decision regions" in bundle["image/svg+xml"]
    assert _svg.open_figures() == [fig]
    _svg.close(fig)
    assert _svg.open_figures() == []


def test_bad_input_is_refused_as_with_matplotlib():
    with pytest.raises(TypeError, match="record loss.data"):
        from micrograd import Value

        plot_history([Value(1.0)])
    with pytest.raises(ValueError, match="non-empty and match"):
        plot_decision_boundary(left_half_positive, [[0, 0]], [1, -1])


def test_maths_labels_are_plain_text():
    assert _svg.plain("$x_1$") == "x₁"
    assert _svg.plain("cross-entropy $-\\ln p$") == "cross-entropy -ln p"
    assert _svg.plain("no maths") == "no maths"
