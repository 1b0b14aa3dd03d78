"""Plots as SVG in pure Python: what `micrograd.viz` draws with when matplotlib is missing.

Where matplotlib is installed (the book's build, Jupyter, Colab) it draws every figure; in the
book's pages, whose in-page Python has no matplotlib (nor numpy), this module stands in for
`matplotlib.pyplot` with the small part of it the book uses: `subplots`, and on an Axes `plot`,
`scatter`, `bar`, `contourf`, `text`, `annotate`, `axhline`, `set(...)`, titles, labels, limits,
ticks, `grid`, `legend`, `axis("off")`, `clear`. A `Figure` shows itself in Jupyter-like front
ends through `_repr_svg_`; `show()` displays and closes the open figures. Standard library only.
"""

import html
import itertools
import math

from micrograd._svg_axes import Axes, Unsupported

PX = 80  # pixels per inch of figsize
_open = []
_serial = itertools.count(
    1
)  # ids inside a figure's SVG are unique on a page of many figures


class Figure:
    """A grid of Axes that renders to one SVG picture."""

    def __init__(self, nrows=1, ncols=1, figsize=(6.4, 4.8)):
        self.width, self.height = (
            float(figsize[0]) * PX,
            float(figsize[1]) * PX,
        )
        self.nrows, self.ncols = nrows, ncols
        self.axes = [
            Axes(self, r, c) for r in range(nrows) for c in range(ncols)
        ]
        self.suptitle_text = ""
        self.serial = next(_serial)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise Unsupported(f"Figure.{name}")

    def subplots_adjust(self, **kwargs):
        return None

    def colorbar(self, *args, **kwargs):
        return None  # the shading's colours are explained by the caption and the legend

    def tight_layout(self, **kwargs):
        return None

    def suptitle(self, text, **kwargs):
        self.suptitle_text = str(text)

    def gca(self):
        return self.axes[0]

    def _repr_svg_(self):
        return self.to_svg()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/svg+xml": self.to_svg(), "text/plain": repr(self)}

    def __repr__(self):
        return f"<Figure size {self.width:.0f}x{self.height:.0f} with {len(self.axes)} Axes>"

    def to_svg(self):
        w, h = self.width, self.height
        top = 22 if self.suptitle_text else 0
        cell_w, cell_h = w / self.ncols, (h - top) / self.nrows
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" '
            f'viewBox="0 0 {w:.0f} {h:.0f}" font-family="sans-serif" font-size="11">',
            f'<rect width="{w:.0f}" height="{h:.0f}" fill="white"/>',
        ]
        if self.suptitle_text:
            parts.append(
                _text(w / 2, 15, self.suptitle_text, size=13, anchor="middle")
            )
        for ax in self.axes:
            x0, y0 = ax.col * cell_w, top + ax.row * cell_h
            parts.append(
                ax.render(
                    x0, y0, cell_w, cell_h, f"mg{self.serial}-{ax.row}-{ax.col}"
                )
            )
        parts.append("</svg>")
        return "\n".join(parts)


def _text(x, y, text, size=11, anchor="start", rotate=None, weight=None):
    extra = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate else ""
    extra += f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{html.escape(plain(text))}</text>"
    )


def plain(text):
    """A matplotlib label as plain text: "$x_1$" -> "x₁", "$-\\ln p$" -> "-ln p"."""
    text = str(text)
    if "$" not in text:
        return text
    subs = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    out = []
    for i, part in enumerate(text.split("$")):
        if i % 2:
            part = part.replace("\\", "").replace("{", "").replace("}", "")
            while "_" in part:
                head, _, tail = part.partition("_")
                digits = len(tail) - len(tail.lstrip("0123456789"))
                part = head + tail[:digits].translate(subs) + tail[digits:]
                if not digits:
                    part = head + tail
        out.append(part)
    return "".join(out)


# --- the pyplot-like functions -----------------------------------------------------------


def figure(figsize=(6.4, 4.8), **kwargs):
    fig = Figure(figsize=figsize)
    _open.append(fig)
    return fig


def subplots(nrows=1, ncols=1, figsize=None, squeeze=True, **kwargs):
    """(figure, axes) like matplotlib: one Axes, a list of them, or a list of rows."""
    if figsize is None:
        figsize = (6.4 * ncols / max(ncols, 1), 4.8)
    fig = Figure(nrows, ncols, figsize)
    _open.append(fig)
    rows = [fig.axes[r * ncols : (r + 1) * ncols] for r in range(nrows)]
    if not squeeze:
        return fig, rows
    if nrows == ncols == 1:
        return fig, fig.axes[0]
    return fig, (fig.axes if nrows == 1 or ncols == 1 else rows)


def gcf():
    return _open[-1] if _open else figure()


def gca():
    return gcf().gca()


def title(text, **kwargs):
    gca().set_title(text)


def xlabel(text, **kwargs):
    gca().set_xlabel(text)


def ylabel(text, **kwargs):
    gca().set_ylabel(text)


def plot(*args, **kwargs):
    return gca().plot(*args, **kwargs)


def scatter(*args, **kwargs):
    return gca().scatter(*args, **kwargs)


def tight_layout(**kwargs):
    return None


def open_figures():
    return list(_open)


def close(fig=None):
    """Forget a figure (the current one, a given one, or "all"): it will not be shown."""
    if fig == "all":
        _open.clear()
    elif fig is None:
        if _open:
            _open.pop()
    elif fig in _open:
        _open.remove(fig)


def show(**kwargs):
    """Display every open figure (in a notebook or the book's pages), then close them."""
    try:
        from IPython.display import display
    except ImportError:
        display = None
    figures = list(_open)
    _open.clear()
    for fig in figures:
        if display is not None:
            display(fig)


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    raise Unsupported(f"pyplot.{name}")


def is_number(value):
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )
