"""Rendering of one `micrograd._svg_axes.Axes` as SVG elements (frame, ticks, items, legend)."""

import html
import math

from micrograd._svg_axes import (
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    colormap,
    nice_ticks,
    tick_label,
)

DASH = {"--": ' stroke-dasharray="6 3"', ":": ' stroke-dasharray="1.5 2.5"'}


def _label(text):
    from micrograd._svg import plain

    return html.escape(plain(text))


def _text(x, y, text, size=10, anchor="start", extra=""):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{_label(text)}</text>"
    )


def _line(x1, y1, x2, y2, stroke="#333", width=1):
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{stroke}" stroke-width="{width}"/>'
    )


def _marker(kind, x, y, r, fill, edge="none", alpha=1):
    common = f'fill="{fill}" stroke="{edge}" fill-opacity="{alpha}"'
    if kind in ("s", "d"):
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {common}/>'
    if kind == "_":
        return f'<line x1="{x - r:.1f}" y1="{y:.1f}" x2="{x + r:.1f}" y2="{y:.1f}" stroke="{fill}" stroke-width="2"/>'
    if kind == "^":
        return f'<path d="M{x:.1f},{y - r:.1f}L{x + r:.1f},{y + r:.1f}L{x - r:.1f},{y + r:.1f}Z" {common}/>'
    if kind == ".":
        r = max(1.5, r / 2)
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}/>'


def _log(v):
    return math.log10(v) if v > 0 else -300.0


def _log_ticks(lo, hi):
    return [
        10.0**k for k in range(math.ceil(lo - 1e-9), math.floor(hi + 1e-9) + 1)
    ]


def _power(value):
    k = round(math.log10(value))
    return "10" + str(k).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def render_axes(ax, x0, y0, width, height, key):
    logx, logy = ax.scale["x"] == "log", ax.scale["y"] == "log"
    (xlo, xhi), (ylo, yhi) = ax._limits(logx, logy)
    left, top = x0 + LEFT, y0 + TOP
    w, h = max(10.0, width - LEFT - RIGHT), max(10.0, height - TOP - BOTTOM)

    def px(x):
        x = _log(x) if logx else x
        f = (x - xlo) / (xhi - xlo)
        return left + (1 - f if ax.inverted else f) * w

    def py(y):
        y = _log(y) if logy else y
        return top + h - (y - ylo) / (yhi - ylo) * h

    clip = f"clip-{key}"
    out = [
        f'<g><clipPath id="{clip}"><rect x="{left:.1f}" y="{top:.1f}" width="{w:.1f}" height="{h:.1f}"/></clipPath>'
    ]
    xticks = ax.xticks if ax.xticks is not None else nice_ticks(xlo, xhi)
    yticks = ax.yticks if ax.yticks is not None else nice_ticks(ylo, yhi)
    xticks = _log_ticks(xlo, xhi) if logx else xticks
    yticks = _log_ticks(ylo, yhi) if logy else yticks
    if ax.categories:
        xticks = list(range(len(ax.categories)))
    xticks = [
        t
        for t in xticks
        if xlo - 1e-9 <= (_log(t) if logx else t) <= xhi + 1e-9
    ]
    yticks = [
        t
        for t in yticks
        if ylo - 1e-9 <= (_log(t) if logy else t) <= yhi + 1e-9
    ]
    if not ax.off and ax.grid_axis:
        for t in xticks if ax.grid_axis in ("both", "x") else []:
            out.append(_line(px(t), top, px(t), top + h, "#ccc"))
        for t in yticks if ax.grid_axis in ("both", "y") else []:
            out.append(_line(left, py(t), left + w, py(t), "#ccc"))
    out.append(f'<g clip-path="url(#{clip})">')
    legend = []
    for _, _, kind, d in sorted(ax.items, key=lambda item: item[:2]):
        out.extend(_item(kind, d, px, py))
        if d.get("label"):
            legend.append((kind, d))
    out.append("</g>")
    for _, _, kind, d in ax.items:  # texts are not clipped
        if kind == "text":
            anchor = {"center": "middle", "right": "end"}.get(d["ha"], "start")
            out.append(_text(px(d["x"]), py(d["y"]), d["s"], d["size"], anchor))
    if not ax.off:
        out.append(
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{w:.1f}" height="{h:.1f}" fill="none" stroke="#333"/>'
        )
        for t in xticks:
            label = (
                ax.categories[int(t)]
                if ax.categories
                else tick_label(t, xticks)
            )
            out.append(_line(px(t), top + h, px(t), top + h + 4))
            out.append(_text(px(t), top + h + 15, label, 10, "middle"))
        for t in yticks:
            out.append(_line(left - 4, py(t), left, py(t)))
            out.append(
                _text(left - 6, py(t) + 3.5, tick_label(t, yticks), 10, "end")
            )
        if ax.xlabel:
            out.append(
                _text(left + w / 2, top + h + 32, ax.xlabel, 11, "middle")
            )
        if ax.ylabel:
            x, y = x0 + 12, top + h / 2
            out.append(
                _text(
                    x,
                    y,
                    ax.ylabel,
                    11,
                    "middle",
                    f' transform="rotate(-90 {x:.1f} {y:.1f})"',
                )
            )
    if ax.title:
        out.append(_text(left + w / 2, top - 8, ax.title, 12, "middle"))
    if ax.legend_loc is not None and legend:
        out.extend(_legend(legend, ax.legend_loc, left, top, w, h))
    out.append("</g>")
    return "\n".join(out)


def _item(kind, d, px, py):
    if kind == "line":
        points = " ".join(
            f"{px(x):.1f},{py(y):.1f}" for x, y in zip(d["xs"], d["ys"])
        )
        out = []
        if d["style"]:
            out.append(
                f'<polyline points="{points}" fill="none" stroke="{d["color"]}" '
                f'stroke-width="{d["width"]}" stroke-opacity="{d["alpha"]}"{DASH.get(d["style"], "")}/>'
            )
        if d["marker"]:
            out += [
                _marker(d["marker"], px(x), py(y), d["size"] / 2, d["color"])
                for x, y in zip(d["xs"], d["ys"])
            ]
        return out
    if kind == "scatter":
        return [
            _marker(d["marker"], px(x), py(y), r, c, d["edge"], d["alpha"])
            for x, y, r, c in zip(d["xs"], d["ys"], d["radii"], d["colors"])
        ]
    if kind == "bar":
        return [
            f'<rect x="{px(x - d["width"] / 2):.1f}" y="{min(py(v), py(0)):.1f}" '
            f'width="{px(x + d["width"] / 2) - px(x - d["width"] / 2):.1f}" '
            f'height="{abs(py(v) - py(0)):.1f}" fill="{d["color"]}"/>'
            for x, v in zip(d["xs"], d["hs"])
        ]
    if kind == "vline":
        return [_line(px(d["x"]), 0, px(d["x"]), 10000, d["color"], d["width"])]
    if kind == "hline":
        return [_line(0, py(d["y"]), 10000, py(d["y"]), d["color"], d["width"])]
    if kind == "arrow":
        (ax_, ay), (bx, by) = (
            (px(d["a"][0]), py(d["a"][1])),
            (px(d["b"][0]), py(d["b"][1])),
        )
        return [_line(ax_, ay, bx, by, d["color"], 1.2)]
    if kind == "contour":
        return _contour(d, px, py)
    return []


def _contour(d, px, py):
    """The grid of values as cells, one rectangle per run of equal values along a row."""
    gx, gy, zz = d["gx"], d["gy"], d["zz"]
    span = d["hi"] - d["lo"]

    def edges(grid):
        mids = [(a + b) / 2 for a, b in zip(grid, grid[1:])]
        return [grid[0]] + mids + [grid[-1]]

    ex, ey = edges(gx), edges(gy)
    out = [f'<g opacity="{d["alpha"]}" shape-rendering="crispEdges">']
    for j, row in enumerate(zz):
        i = 0
        while i < len(row):
            k = i
            while k + 1 < len(row) and row[k + 1] == row[i]:
                k += 1
            fill = colormap((row[i] - d["lo"]) / span if span else 0.5)
            x, y = px(ex[i]), py(ey[j + 1])
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{px(ex[k + 1]) - x + 0.5:.1f}" '
                f'height="{py(ey[j]) - y + 0.5:.1f}" fill="{fill}"/>'
            )
            i = k + 1
    out.append("</g>")
    return out


def _legend(entries, loc, left, top, w, h):
    rows = 16
    width = 24 + 6.5 * max(len(str(d["label"])) for _, d in entries)
    height = rows * len(entries) + 6
    x = left + 6 if "left" in str(loc) else left + w - width - 6
    y = top + h - height - 6 if "lower" in str(loc) else top + 6
    out = [
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        'fill="white" fill-opacity="0.85" stroke="#bbb"/>'
    ]
    for n, (kind, d) in enumerate(entries):
        cy = y + 11 + n * rows
        shade = d.get("color") or d.get("colors", ["#333"])[0]
        if kind == "line" and d["style"]:
            out.append(_line(x + 4, cy, x + 18, cy, shade, 2))
        else:
            out.append(_marker(d.get("marker") or "s", x + 11, cy, 4, shade))
        out.append(_text(x + 22, cy + 3.5, str(d["label"]), 10))
    return out
