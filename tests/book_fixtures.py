"""Helpers shared by the tests of the built book, the launch files and the generated notebooks.

Plain functions (not pytest fixtures) so that any test module can import them
without a conftest: `from book_fixtures import ROOT, toc_docnames, ...`. The facts themselves
(pages, chapters, repository) come from `scripts.book_config`, which reads _toc.yml and _config.yml.
"""

import pytest

from scripts import book_config

ROOT = book_config.ROOT
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
BOOTSTRAP_TAG = "bootstrap"
CHAPTER = book_config.CHAPTER


def config():
    return book_config.config()


def repository():
    """(url without trailing slash, "owner/name", branch) from _config.yml."""
    return tuple(book_config.repository())


def toc_docnames():
    """Every page of the book, in _toc.yml order (root first), e.g. "book/03_value"."""
    return book_config.pages()


def chapter_docnames():
    """The numbered chapters (book/NN_*) listed in the toc."""
    return book_config.chapters()


def exercise_docnames():
    return book_config.exercise_pages()


def source_of(docname):
    """The source file of a toc page (.md or .ipynb), or None."""
    try:
        return book_config.source(docname)
    except FileNotFoundError:
        return None


def require_html():
    """The built site's folder; fails (never skips) with a clear message if it was not built."""
    if not (HTML / "index.html").exists():
        pytest.fail(
            f"{HTML.relative_to(ROOT)} is missing: run `make book` first (make test builds it before pytest)."
        )
    return HTML


def page(docname):
    """The built HTML file of a toc page; fails if the page was not built."""
    path = require_html() / f"{docname}.html"
    if not path.exists():
        pytest.fail(
            f"{docname} is in _toc.yml but {path.relative_to(ROOT)} was not built (run `make book`)."
        )
    return path


def is_bootstrap(cell):
    return cell.get("cell_type") == "code" and BOOTSTRAP_TAG in cell.get("metadata", {}).get(
        "tags", []
    )


def launch_targets():
    """(notebook path relative to the repo, kind) for every notebook a reader can launch."""
    out = [(p, "twin") for p in sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))]
    out += [(p, "solution") for p in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))]
    out += [(p, "exercise") for p in sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))]
    return out
