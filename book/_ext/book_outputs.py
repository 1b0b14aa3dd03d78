"""The outputs of the executed notebook pages, made small and the same on every build.

Both changes are made once, where myst-nb hands the executed notebook to the page, so the page,
its notebook download (`_sources/*.ipynb`) and the PDF all get them:

- Pictures: each PNG gets a palette of 256 colours. A matplotlib figure (lines, shaded regions,
  dots, text on white) has far fewer distinct colours than its RGBA pixels allow, and looks the
  same at about a third of the bytes. The reduction is deterministic.
- Memory addresses: a rich output (a graph drawn as SVG) also carries a plain-text fallback
  such as `<graphviz.graphs.Digraph at 0x7f0fed9834d0>`, which the page does not show but the
  download does; its address changes on every run, so builds would never agree. It is dropped
  from such fallbacks (`<graphviz.graphs.Digraph>`).
"""

import base64
import io
import re

from myst_nb.core.execute.cache import NotebookClientCache
from PIL import Image

COLOURS = 256
ADDRESS = re.compile(r" (?:object )?at 0x[0-9a-fA-F]+(?=>)")
_start_client = NotebookClientCache.start_client


def smaller_png(data):
    """`data`, a base64 PNG, with at most COLOURS colours; unchanged if that is not smaller."""
    png = base64.b64decode(data)
    picture = Image.open(io.BytesIO(png))
    if picture.mode == "P":
        return data
    picture = picture.convert("RGBA")
    if picture.getchannel("A").getextrema() == (255, 255):  # opaque: the finer median cut
        reduced = picture.convert("RGB").quantize(COLOURS)
    else:
        reduced = picture.quantize(COLOURS, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    reduced.save(out, "PNG", optimize=True)
    return base64.b64encode(out.getvalue()).decode() if out.tell() < len(png) else data


def settle_outputs(notebook):
    """Smaller PNGs, and no memory addresses in the text fallbacks of rich outputs, in place."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                data["image/png"] = smaller_png("".join(data["image/png"]))
            if len(data) > 1 and "text/plain" in data:
                data["text/plain"] = ADDRESS.sub("", "".join(data["text/plain"]))


def _start_client_with_settled_outputs(self):
    _start_client(self)
    settle_outputs(self._notebook)


def setup(app):
    if NotebookClientCache.start_client is _start_client:
        NotebookClientCache.start_client = _start_client_with_settled_outputs
    return {"parallel_read_safe": True, "parallel_write_safe": True}
