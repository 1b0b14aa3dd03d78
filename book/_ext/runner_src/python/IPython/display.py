"""`IPython.display` as far as the book uses it: `display`, `HTML`, `SVG`, `Markdown`."""

from _book_runner import display

__all__ = ["HTML", "SVG", "Markdown", "display"]


class _Shown:
    mime = "text/plain"

    def __init__(self, data=None):
        self.data = data.decode() if isinstance(data, bytes) else str(data or "")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {self.mime: self.data}

    def __repr__(self):
        return f"<IPython.core.display.{type(self).__name__} object>"


class HTML(_Shown):
    mime = "text/html"


class SVG(_Shown):
    mime = "image/svg+xml"


class Markdown(_Shown):
    mime = "text/plain"  # shown as its text: the page has no Markdown renderer
