"""A tiny stand-in for IPython in the book's in-page runner (IPython itself is not shipped)."""

from IPython.display import display

__all__ = ["display"]
