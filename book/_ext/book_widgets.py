"""The book's two interactive figures, as HTML for a chapter's output cell.

- `step_widget` (chapter 4): the frames of a backward pass as inline SVG, one at a
  time, with Prev/Next buttons and a slider.
- `animation_html` (chapter 6): matplotlib's `to_jshtml` player, made to work
  offline, to build identically every time and to be accessible.

Both work with the keyboard (native buttons and a range input: Tab, Enter or Space,
arrow keys), have accessible names, and print statically: the step widget prints every
frame, the player prints its first and last frame (rules in static/book_extras.css).

This is site tooling, not part of the `micrograd` package: the chapters import it in
hidden build cells (the book extension puts this folder on the kernels' PYTHONPATH)
and fall back to plain output when it is not there (Colab, Jupyter).
"""

import base64
import html
import io
import re

from IPython.display import HTML

_ID = re.compile(r"[A-Za-z][\w-]*")
_TAG = re.compile(r"<[^>]+>")

# matplotlib's player draws its buttons with a web font from a CDN; plain symbols instead
_PLAYER_SYMBOLS = {
    "minus": "\u2212",
    "fast-backward": "|\u25c0\u25c0",
    "step-backward": "|\u25c0",
    "play fa-flip-horizontal": "\u25c0",
    "pause": "\u275a\u275a",
    "play": "\u25b6",
    "step-forward": "\u25b6|",
    "fast-forward": "\u25b6\u25b6|",
    "plus": "+",
}


def _check_id(widget_id, argument):
    if not isinstance(widget_id, str) or not _ID.fullmatch(widget_id):
        raise ValueError(
            f"{argument} must be a letter followed by letters, digits, _ or - "
            f"(it becomes an HTML id), got {widget_id!r}"
        )


def plain_text(markup):
    """The text of an HTML fragment (tags dropped, entities decoded), on one line."""
    return " ".join(html.unescape(_TAG.sub("", markup)).split())


def svg_markup(dot, prefix, label):
    """One Graphviz graph as inline SVG: no prolog or comments, unique ids, an accessible name."""
    svg = dot.pipe(format="svg").decode()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\s*|<title>.*?</title>\s*", "", svg, flags=re.S)
    svg = svg.replace(' id="', f' id="{prefix}-')
    opening = svg.index(">", svg.index("<svg")) + 1
    title = f'<title id="{prefix}-title">{html.escape(label)}</title>'
    svg = svg[:opening] + title + svg[opening:]
    attributes = f'class="bp-svg" role="img" aria-labelledby="{prefix}-title" '
    return svg.replace("<svg ", f"<svg {attributes}", 1)


_STEP_SCRIPT = """
(function () {
  var root = document.getElementById("%s");
  if (!root || root.getAttribute("data-ready")) return;
  root.setAttribute("data-ready", "1");
  var frames = root.querySelectorAll(".bp-frame");
  var controls = root.querySelector(".bp-controls");
  var slider = controls.querySelector("input");
  var prev = controls.querySelector(".bp-prev");
  var next = controls.querySelector(".bp-next");
  var counter = controls.querySelector(".bp-counter");
  function show(k) {
    k = Math.max(1, Math.min(frames.length, k));
    for (var i = 0; i < frames.length; i++) frames[i].hidden = (i !== k - 1);
    slider.value = k;
    slider.setAttribute("aria-valuetext", "Step " + k + " of " + frames.length);
    prev.disabled = (k === 1);
    next.disabled = (k === frames.length);
    counter.textContent = "Step " + k + " of " + frames.length;
  }
  prev.addEventListener("click", function () { show(+slider.value - 1); });
  next.addEventListener("click", function () { show(+slider.value + 1); });
  slider.addEventListener("input", function () { show(+slider.value); });
  controls.hidden = false;
  root.classList.add("bp-live");
  show(1);
})();"""


def step_widget(frames, widget_id, label="Step of the backward pass"):
    """A step-through figure: `frames` is a list of (graphviz.Digraph, caption HTML).

    With JavaScript, one frame shows at a time and Prev/Next buttons and a slider
    (labelled `label`) move between them; without it, and in print, every frame is
    shown, one below the other.
    """
    _check_id(widget_id, "widget_id")
    frames = list(frames)
    if not frames:
        raise ValueError("frames must hold at least one (graph, caption) pair, got none")
    n = len(frames)
    figures = []
    for i, (dot, caption) in enumerate(frames, start=1):
        prefix = f"{widget_id}-{i}"
        name = f"Step {i} of {n}: {plain_text(caption)}"
        figures.append(
            f'<figure class="bp-frame" data-step="{i}">'
            f'<figcaption id="{prefix}-caption"><strong>Step {i} of {n}.</strong> '
            f"{caption}</figcaption>{svg_markup(dot, prefix, name)}</figure>"
        )
    controls = (
        '<div class="bp-controls" hidden>'
        '<button type="button" class="bp-prev"><span aria-hidden="true">&#9664;</span> '
        "Previous</button>"
        f'<input type="range" min="1" max="{n}" value="1" step="1" '
        f'aria-label="{html.escape(label)}">'
        '<button type="button" class="bp-next">Next <span aria-hidden="true">&#9654;</span>'
        "</button>"
        '<span class="bp-counter" aria-live="polite"></span></div>'
    )
    script = _STEP_SCRIPT % widget_id
    return HTML(
        f'<div class="bp-steps" id="{widget_id}">{controls}\n'
        + "\n".join(figures)
        + f"\n<script>{script}</script></div>"
    )


def _frames_of(player):
    """The data: URIs of the frames embedded in a `to_jshtml` player, in order."""
    found = re.findall(r'frames\[(\d+)\] = "(data:image/[^"]+)"', player)
    return [uri.replace("\\\n", "") for _, uri in sorted(found, key=lambda m: int(m[0]))]


def _fewer_colours(player, colours=64):
    """The player with each PNG frame reduced to a palette of `colours` colours: a frame of
    shaded regions and dots looks the same and takes a quarter of the bytes (the player is
    stored in the page and in its notebook download)."""
    from PIL import Image

    def smaller(match):
        png = base64.b64decode(match.group(2).replace("\\\n", ""))
        frame = Image.open(io.BytesIO(png)).convert("RGB").quantize(colours)
        out = io.BytesIO()
        frame.save(out, "PNG", optimize=True)
        data = base64.b64encode(out.getvalue()).decode()
        return f'{match.group(1)}"data:image/png;base64,{data}"'

    return re.sub(r'(frames\[\d+\] = )"data:image/png;base64,([^"]+)"', smaller, player)


def animation_html(anim, name, alt, default_mode="once"):
    """A matplotlib animation as a self-contained, accessible HTML player for a static page.

    matplotlib's `to_jshtml` player loads its button icons from a web font on the
    internet, gets a random id on every run, and its picture and slider have no
    accessible name. This one needs no network (plain-text symbols), uses `name` as
    its id (rebuilding a page gives the same HTML), gives the frame the text `alt`
    and the slider a label, and adds the first and last frame for print.
    """
    if not isinstance(name, str) or not re.fullmatch(r"\w+", name):
        raise ValueError(f"name must be letters, digits or _ (it becomes an HTML id), got {name!r}")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"alt must be a non-empty text describing the animation, got {alt!r}")
    player = _fewer_colours(anim.to_jshtml(default_mode=default_mode))
    player = re.sub(r'<link rel="stylesheet"\s+href="https?://[^"]*">', "", player)
    player = re.sub(
        r'<i class="fa fa-([\w -]+)"></i>',
        lambda m: f'<span aria-hidden="true">{_PLAYER_SYMBOLS[m.group(1)]}</span>',
        player,
    )
    found = re.search(r'id="_anim_img(\w+)"', player)
    if found is None:
        raise ValueError("anim.to_jshtml() returned no player (is anim a matplotlib Animation?)")
    player = player.replace(found.group(1), name)
    text = html.escape(alt.strip())
    player = player.replace(
        f'<img id="_anim_img{name}">', f'<img id="_anim_img{name}" alt="{text}">', 1
    )
    player = player.replace(
        f'<input id="_anim_slider{name}"',
        f'<input id="_anim_slider{name}" aria-label="Frame of the animation"',
        1,
    )
    frames = _frames_of(player)
    printed = "".join(
        f'<img src="{uri}" alt="{text} ({which} frame)">'
        for uri, which in ((frames[0], "first"), (frames[-1], "last"))
        if frames
    )
    return f'<div class="anim-player">{player}<div class="anim-print">{printed}</div></div>'
