"""matplotlib in the page: `matplotlib.pyplot` is `micrograd._svg` (the same calls, drawn as SVG
in pure Python), `matplotlib.animation.FuncAnimation` draws its frames with it. Other parts of
matplotlib (colors, cm, ...) and numpy stay unavailable (see `standins`)."""

import sys
import types

from micrograd import _svg

FRAMES_CSS = (
    "@keyframes runner-flip {{ 0% {{ visibility: visible; }} {share:.4f}% {{ visibility: hidden; }}"
    " 100% {{ visibility: hidden; }} }}"
    ".runner-anim {{ display: grid; }} .runner-anim > div {{ grid-area: 1 / 1; visibility: hidden;"
    " animation: runner-flip {total}ms steps(1, end) infinite; }}"
    " .runner-anim > div:last-child {{ visibility: visible; }}"
    "@media (prefers-reduced-motion: reduce) {{ .runner-anim > div {{ animation: none; }} }}"
)


class FuncAnimation:
    """matplotlib's FuncAnimation, for `to_jshtml()`: every frame drawn with `micrograd._svg`,
    shown as a flip-book that plays with CSS alone (the last frame when motion is reduced)."""

    def __init__(self, fig, func, frames=None, interval=200, **kwargs):
        self.fig, self.func, self.interval = fig, func, max(int(interval), 20)
        self.frames = list(range(frames)) if isinstance(frames, int) else list(frames or [])

    def to_jshtml(self, **kwargs):
        pictures = []
        for frame in self.frames:
            self.func(frame)
            pictures.append(self.fig.to_svg())
        count = max(len(pictures), 1)
        total = count * self.interval
        css = FRAMES_CSS.format(share=100 / count, total=total)
        frames = "".join(
            f'<div style="animation-delay: {i * self.interval - total}ms">{svg}</div>'
            for i, svg in enumerate(pictures)
        )
        return f'<style>{css}</style><div class="runner-anim">{frames}</div>'

    to_html5_video = to_jshtml

    def _repr_html_(self):
        return self.to_jshtml()


def install(missing_module):
    """Put the stand-ins in sys.modules; `missing_module(name)` makes an unavailable module."""
    top = missing_module("matplotlib")
    top.pyplot = _svg
    animation = types.ModuleType("matplotlib.animation")
    animation.FuncAnimation = FuncAnimation
    top.animation = animation
    sys.modules.update(
        {"matplotlib": top, "matplotlib.pyplot": _svg, "matplotlib.animation": animation}
    )


def flush(display):
    """Show the figures a cell left open (like Jupyter's inline backend), then forget them."""
    for fig in _svg.open_figures():
        display(fig)
    _svg.close("all")
