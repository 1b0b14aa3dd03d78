"""The executed pages' outputs (book/_ext/book_outputs.py): palette PNGs that look the same,
and no memory addresses in the text fallbacks of rich outputs. The built site is checked in
test_book_html.py."""

import base64
import io

import book_outputs  # noqa: E402
import nbformat
from PIL import Image, ImageChops, ImageStat


def png(picture):
    out = io.BytesIO()
    picture.save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def decode(data):
    return Image.open(io.BytesIO(base64.b64decode(data)))


def figure_png():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2), dpi=80)
    ax.plot([0, 1, 2, 3], [0, 1, 0.5, 2], label="a line")
    ax.fill_between([0, 3], [0, 0], [1, 1], alpha=0.3)
    ax.scatter([0.5, 1.5, 2.5], [1, 0.2, 1.5], c=["red", "green", "blue"])
    ax.legend()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return base64.b64encode(out.getvalue()).decode()


def test_a_figure_gets_a_palette_looks_the_same_and_is_smaller():
    original = figure_png()
    reduced = book_outputs.smaller_png(original)
    before, after = decode(original), decode(reduced)
    assert after.mode == "P" and after.size == before.size
    assert len(base64.b64decode(reduced)) < 0.6 * len(base64.b64decode(original))
    difference = ImageChops.difference(before.convert("RGB"), after.convert("RGB"))
    assert max(ImageStat.Stat(difference).mean) < 1.0  # of 255, per channel
    assert book_outputs.smaller_png(original) == reduced  # deterministic


def test_few_colours_are_kept_exactly_and_transparency_too():
    picture = Image.new("RGBA", (60, 40), (255, 255, 255, 0))
    for x in range(60):
        picture.putpixel((x, x % 40), (200, 30, 30, 255))
    reduced = decode(book_outputs.smaller_png(png(picture)))
    assert reduced.convert("RGBA").tobytes() == picture.tobytes()


def test_a_palette_picture_or_one_that_would_grow_is_left_alone():
    palette = png(Image.new("RGB", (8, 8), (1, 2, 3)).quantize(4))
    assert book_outputs.smaller_png(palette) == palette
    tiny = png(Image.new("RGB", (1, 1), (9, 9, 9)))  # a palette would only add bytes
    assert book_outputs.smaller_png(tiny) == tiny


def notebook(*outputs):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("x", outputs=list(outputs)))
    return nb


def test_addresses_leave_the_fallbacks_of_rich_outputs_only():
    graph = nbformat.v4.new_output(
        "display_data",
        data={
            "image/svg+xml": "<svg/>",
            "text/plain": "<graphviz.graphs.Digraph at 0x7f0fed9834d0>",
        },
    )
    plain = nbformat.v4.new_output(
        "execute_result", data={"text/plain": "<function f at 0x7f0fed9834d0>"}, execution_count=1
    )
    thing = nbformat.v4.new_output(
        "display_data",
        data={"text/html": "<b>x</b>", "text/plain": "<__main__.Thing object at 0xABCDEF12>"},
    )
    nb = notebook(graph, plain, thing)
    book_outputs.settle_outputs(nb)
    graph, plain, thing = nb.cells[0].outputs
    assert graph.data["text/plain"] == "<graphviz.graphs.Digraph>"
    assert graph.data["image/svg+xml"] == "<svg/>"
    assert thing.data["text/plain"] == "<__main__.Thing>"
    # shown as it is on the page when it is the only output: a reader may want to see it
    assert plain.data["text/plain"] == "<function f at 0x7f0fed9834d0>"


def test_settle_outputs_shrinks_the_pngs_in_place():
    original = figure_png()
    figure = nbformat.v4.new_output(
        "display_data", data={"image/png": original, "text/plain": "<Figure size 240x160>"}
    )
    nb = notebook(figure)
    book_outputs.settle_outputs(nb)
    assert nb.cells[0].outputs[0].data["image/png"] == book_outputs.smaller_png(original)
    assert nb.cells[0].outputs[0].data["text/plain"] == "<Figure size 240x160>"
