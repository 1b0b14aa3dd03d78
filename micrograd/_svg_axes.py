"""One plot area of `micrograd._svg`: it records what is drawn on it and renders it as SVG."""

import math

CYCLE = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
]
NAMED = {
    "tab:blue": "#1f77b4", "tab:orange": "#ff7f0e", "tab:green": "#2ca02c", "tab:red": "#d62728",
    "tab:purple": "#9467bd", "tab:brown": "#8c564b", "tab:pink": "#e377c2", "tab:gray": "#7f7f7f",
    "tab:grey": "#7f7f7f", "k": "black", "b": "#1f77b4", "r": "#d62728", "g": "#2ca02c",
    "w": "white", "gray": "gray", "grey": "gray",
}  # fmt: skip
SPECTRAL = [(0.0, (158, 1, 66)), (0.25, (244, 109, 67)), (0.5, (255, 255, 191)),
            (0.75, (102, 194, 165)), (1.0, (94, 79, 162))]  # fmt: skip
MARKERS = "o.s^vx+*d_"
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 26, 40


class Unsupported(AttributeError):
    """A part of matplotlib this SVG stand-in does not draw (`package` names what it needs)."""

    package = "matplotlib"

    def __init__(self, name):
        super().__init__(
            f"{name} needs matplotlib, which is not installed here"
        )


def to_color(value, default="#1f77b4"):
    if value is None:
        return default
    if isinstance(value, (tuple, list)) and len(value) in (3, 4):
        return "#" + "".join(f"{round(255 * float(v)):02x}" for v in value[:3])
    return NAMED.get(str(value), str(value))


def colormap(t):
    """Matplotlib's "Spectral" at t in [0, 1] (the only map the book uses)."""
    t = min(1.0, max(0.0, t))
    for (t0, c0), (t1, c1) in zip(SPECTRAL, SPECTRAL[1:]):
        if t <= t1:
            f = (t - t0) / (t1 - t0)
            return "#" + "".join(
                f"{round(a + f * (b - a)):02x}" for a, b in zip(c0, c1)
            )
    return "#5e4fa2"


def _numbers(values):
    return [float(v) for v in values]


def _fmt(fmt):
    marker = next((m for m in fmt if m in MARKERS), None)
    style = (
        "--"
        if "--" in fmt
        else ":"
        if ":" in fmt
        else "-"
        if "-" in fmt
        else None
    )
    if marker is None and style is None:
        style = "-"
    shade = next((NAMED[c] for c in fmt if c in "kbrgw"), None)
    return marker, style, shade


def nice_ticks(lo, hi, count=5):
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks, k = [], 0
    while first + k * step <= hi + 1e-9 * span:
        ticks.append(first + k * step)
        k += 1
    return ticks


def tick_label(value, ticks):
    """`value` with as few decimals as every tick of `ticks` needs (0.25 -> 2, 0.5 -> 1)."""
    scale = max(abs(t) for t in ticks) or 1
    digits = next(
        (
            d
            for d in range(5)
            if all(abs(round(t, d) - t) <= 1e-9 * scale for t in ticks)
        ),
        4,
    )
    return f"{value:.{digits}f}".replace("-", "−")


class Axes:
    def __init__(self, figure, row=0, col=0):
        self.figure, self.row, self.col = figure, row, col
        self.clear()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise Unsupported(f"Axes.{name}")

    def clear(self):
        self.scale = {"x": "linear", "y": "linear"}
        self.inverted = False
        self.items, self.title, self.xlabel, self.ylabel = [], "", "", ""
        self.xlim = self.ylim = self.xticks = self.yticks = None
        self.categories, self.grid_axis, self.legend_loc, self.off = (
            None,
            None,
            None,
            False,
        )
        self._cycle = 0

    cla = clear

    def _next_color(self):
        shade = CYCLE[self._cycle % len(CYCLE)]
        self._cycle += 1
        return shade

    def _add(self, kind, zorder, **data):
        self.items.append((zorder, len(self.items), kind, data))

    def plot(
        self,
        *args,
        color=None,
        label=None,
        marker=None,
        linestyle=None,
        **kwargs,
    ):
        args, fmt = list(args), ""
        if args and isinstance(args[-1], str):
            fmt = args.pop()
        ys = (
            list(args[-1])
            if args and hasattr(args[-1], "__iter__")
            else [args[-1]]
        )
        xs = (
            list(args[0])
            if len(args) == 2 and hasattr(args[0], "__iter__")
            else None
        )
        if len(args) == 2 and xs is None:
            xs = [args[0]]
        xs = list(range(len(ys))) if xs is None else xs
        mark, style, shade = _fmt(fmt)
        width = kwargs.get("lw", kwargs.get("linewidth", 1.5))
        self._add("line", kwargs.get("zorder", 2), xs=_numbers(xs), ys=_numbers(ys),
                  color=to_color(color or shade) if color or shade else self._next_color(),
                  width=width, style=linestyle or style, marker=marker or mark,
                  size=kwargs.get("markersize", kwargs.get("ms", 6)), label=label,
                  alpha=kwargs.get("alpha", 1))  # fmt: skip
        return []

    def scatter(
        self,
        x,
        y,
        s=36,
        c=None,
        color=None,
        cmap=None,
        label=None,
        marker="o",
        **kw,
    ):
        xs, ys = _numbers(x), _numbers(y)
        if c is not None and not isinstance(c, str):
            values = _numbers(c)
            lo, hi = min(values), max(values)
            shades = [
                colormap((v - lo) / (hi - lo) if hi > lo else 0.5)
                for v in values
            ]
        else:
            shades = [to_color(c or color, None) or self._next_color()] * len(
                xs
            )
        sizes = list(s) if hasattr(s, "__iter__") else [s] * len(xs)
        edge = kw.get("edgecolors", kw.get("edgecolor"))
        self._add("scatter", kw.get("zorder", 1.5), xs=xs, ys=ys, colors=shades,
                  radii=[math.sqrt(float(v)) / 2 for v in sizes], marker=marker, label=label,
                  edge=to_color(edge, "none") if edge is not None else "none",
                  alpha=kw.get("alpha", 1))  # fmt: skip

    def bar(self, x, height, color=None, width=0.8, label=None, **kwargs):
        x = list(x)
        if x and isinstance(x[0], str):
            self.categories = x
            x = list(range(len(x)))
        self._add("bar", kwargs.get("zorder", 1), xs=_numbers(x), hs=_numbers(height),
                  color=to_color(color, None) or self._next_color(), width=width, label=label)  # fmt: skip

    def contourf(self, gx, gy, zz, cmap=None, alpha=1, **kwargs):
        flat = [float(v) for row in zz for v in row]
        self._add("contour", kwargs.get("zorder", 0.5), gx=_numbers(gx), gy=_numbers(gy),
                  zz=[_numbers(r) for r in zz], lo=min(flat), hi=max(flat), alpha=alpha)  # fmt: skip

    def loglog(self, *args, **kwargs):
        self.scale = {"x": "log", "y": "log"}
        return self.plot(*args, **kwargs)

    def set_xscale(self, value, **kwargs):
        self.scale["x"] = value

    def set_yscale(self, value, **kwargs):
        self.scale["y"] = value

    def invert_xaxis(self):
        self.inverted = True

    def set_aspect(self, *args, **kwargs):
        return None

    def axvline(self, x=0, color="black", linewidth=1, **kwargs):
        self._add("vline", kwargs.get("zorder", 2), x=float(x), color=to_color(color),
                  width=kwargs.get("lw", linewidth))  # fmt: skip

    def axhline(self, y=0, color="black", linewidth=1, **kwargs):
        self._add("hline", kwargs.get("zorder", 2), y=float(y), color=to_color(color),
                  width=kwargs.get("lw", linewidth))  # fmt: skip

    def text(self, x, y, s, ha="left", va="baseline", fontsize=10, **kwargs):
        self._add(
            "text",
            3,
            x=float(x),
            y=float(y),
            s=str(s),
            ha=ha,
            va=va,
            size=fontsize,
        )

    def annotate(self, text, xy, xytext=None, arrowprops=None, **kwargs):
        at = xytext if xytext is not None else xy
        if arrowprops is not None and xytext is not None:
            self._add("arrow", 2.5, a=tuple(map(float, xytext)), b=tuple(map(float, xy)),
                      color=to_color(arrowprops.get("color", "black")))  # fmt: skip
        if text:
            self._add("text", 3, x=float(at[0]), y=float(at[1]), s=str(text), ha="left",
                      va="baseline", size=kwargs.get("fontsize", 10))  # fmt: skip

    def set(self, **kwargs):
        for key, value in kwargs.items():
            getattr(self, f"set_{key}")(value)

    def set_title(self, text, **kwargs):
        self.title = str(text)

    def set_xlabel(self, text, **kwargs):
        self.xlabel = str(text)

    def set_ylabel(self, text, **kwargs):
        self.ylabel = str(text)

    def set_xlim(self, lo=None, hi=None):
        self.xlim = (
            tuple(lo) if hi is None and hasattr(lo, "__len__") else (lo, hi)
        )

    def set_ylim(self, lo=None, hi=None):
        self.ylim = (
            tuple(lo) if hi is None and hasattr(lo, "__len__") else (lo, hi)
        )

    def set_xticks(self, ticks, labels=None):
        self.xticks = _numbers(ticks)

    def set_yticks(self, ticks, labels=None):
        self.yticks = _numbers(ticks)

    def grid(self, visible=True, alpha=0.3, axis="both", **kwargs):
        self.grid_axis = axis if visible else None

    def legend(self, loc="best", **kwargs):
        self.legend_loc = loc

    def axis(self, option=None):
        self.off = option == "off"

    def _limits(self, logx=False, logy=False):
        xs, ys, exact = [], [], False
        for _, _, kind, d in self.items:
            if kind in ("line", "scatter"):
                xs += d["xs"]
                ys += d["ys"]
            elif kind == "bar":
                xs += [v + s * d["width"] / 2 for v in d["xs"] for s in (-1, 1)]
                ys += d["hs"] + [0.0]
            elif kind == "contour":
                xs += [min(d["gx"]), max(d["gx"])]
                ys += [min(d["gy"]), max(d["gy"])]
                exact = True
            elif kind == "hline":
                ys.append(d["y"])
            elif kind == "vline":
                xs.append(d["x"])
            elif kind in ("text", "arrow"):
                pts = [(d["x"], d["y"])] if kind == "text" else [d["a"], d["b"]]
                xs += [p[0] for p in pts]
                ys += [p[1] for p in pts]
        return _span(xs, self.xlim, exact, logx), _span(
            ys, self.ylim, exact, logy
        )

    def render(self, x0, y0, width, height, key="ax"):
        from micrograd._svg_draw import render_axes

        return render_axes(self, x0, y0, width, height, key)


def _span(values, fixed, exact, log=False):
    """(low, high) of an axis: the data's range, padded 5 %, or the limits set (log: in
    powers of ten)."""
    if log:
        values = [math.log10(v) for v in values if math.isfinite(v) and v > 0]
        fixed = fixed and tuple(
            None if f is None else math.log10(f) for f in fixed
        )
    values = [v for v in values if math.isfinite(v)] or [0.0, 1.0]
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 0.5, hi + 0.5
    if not exact:
        pad = 0.05 * (hi - lo)
        lo, hi = lo - pad, hi + pad
    if fixed is not None:
        lo = lo if fixed[0] is None else float(fixed[0])
        hi = hi if fixed[1] is None else float(fixed[1])
    return lo, hi
