"""The book's interactive figures (book/_ext/book_widgets.py): offline, reproducible,
accessible HTML, and clear errors for bad arguments."""

import book_widgets  # noqa: E402
import pytest

from micrograd import Value  # noqa: E402
from micrograd.viz import draw_dot  # noqa: E402


def player(name="demo", alt="A line that rises"):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import animation

    fig, ax = plt.subplots(figsize=(2, 2), dpi=30)
    (line,) = ax.plot([0, 1], [0, 0])
    anim = animation.FuncAnimation(fig, lambda i: line.set_ydata([0, i]), 3)
    try:
        return book_widgets.animation_html(anim, name, alt=alt)
    finally:
        plt.close(fig)


def test_animation_html_is_offline_reproducible_and_labelled():
    first, second = player(), player()
    assert "https://" not in first and "fa fa-" not in first
    assert '<img id="_anim_imgdemo" alt="A line that rises">' in first
    assert '<input id="_anim_sliderdemo" aria-label="Frame of the animation"' in first
    assert first == second
    frames = book_widgets._frames_of(first)
    assert len(frames) == 3 and all(f.startswith("data:image/png;base64,") for f in frames)
    printed = first.split('<div class="anim-print">', 1)[1]
    assert printed.count("<img ") == 2
    assert f'src="{frames[0]}"' in printed and f'src="{frames[-1]}"' in printed


def test_animation_frames_are_small_palette_pictures_of_the_same_frame():
    import base64
    import io

    from PIL import Image

    plain = '<script>frames[0] = "data:image/png;base64,{}";</script>'
    picture = Image.new("RGB", (40, 30), (200, 60, 80))
    for x in range(0, 40, 3):
        picture.putpixel((x, x % 30), (40, 90, 200))
    out = io.BytesIO()
    picture.save(out, "PNG")
    wrapped = base64.b64encode(out.getvalue()).decode()
    wrapped = "\\\n".join(wrapped[i : i + 76] for i in range(0, len(wrapped), 76))
    player = book_widgets._fewer_colours(plain.format(wrapped))
    (uri,) = book_widgets._frames_of(player)
    frame = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert frame.mode == "P" and frame.size == picture.size
    assert frame.convert("RGB").tobytes() == picture.tobytes()


@pytest.mark.filterwarnings("ignore:Animation was deleted without rendering")
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"name": "not an id"}, "HTML id"), ({"alt": " "}, "alt must be")],
)
def test_animation_html_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        player(**kwargs)


def frames():
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    out = a * b
    out.label = "out"
    return [(draw_dot(out), "Before <code>out</code>"), (draw_dot(out), "After & done")]


def test_step_widget_svgs_have_names_and_controls_labels():
    markup = book_widgets.step_widget(frames(), "w1").data
    assert markup.count('role="img" aria-labelledby="w1-') == 2
    assert '<title id="w1-1-title">Step 1 of 2: Before out</title>' in markup
    assert '<title id="w1-2-title">Step 2 of 2: After &amp; done</title>' in markup
    assert 'aria-label="Step of the backward pass"' in markup
    assert markup.count("<!--") == 0 and 'id="node' not in markup


@pytest.mark.parametrize(
    ("args", "match"), [((frames(), "1bad"), "widget_id"), (([], "ok"), "at least one")]
)
def test_step_widget_rejects_bad_arguments(args, match):
    with pytest.raises(ValueError, match=match):
        book_widgets.step_widget(*args)
