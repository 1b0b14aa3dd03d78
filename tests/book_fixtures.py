"""Helpers shared by the tests of the built book, the launch files and the generated notebooks.

Plain functions (not pytest fixtures) so that any test module can import them
without a conftest: `from book_fixtures import ROOT, toc_docnames, ...`.
"""

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
BOOTSTRAP_TAG = "bootstrap"
CHAPTER = re.compile(r"^book/\d\d_[a-z0-9_]+$")


@cache
def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def repository():
    """(url without trailing slash, "owner/name", branch) from _config.yml."""
    repo = config()["repository"]
    url = repo["url"].rstrip("/")
    return url, url.split("github.com/", 1)[-1], repo.get("branch", "main")


@cache
def toc_docnames():
    """Every page of the book, in _toc.yml order (root first), e.g. "book/03_value"."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    names = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                names.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in toc.items() if k != "root"})
    return tuple(dict.fromkeys(name.removesuffix(".md").removesuffix(".ipynb") for name in names))


def chapter_docnames():
    """The numbered chapters (book/NN_*) listed in the toc."""
    return tuple(name for name in toc_docnames() if CHAPTER.match(name))


def exercise_docnames():
    return tuple(name for name in toc_docnames() if name.startswith("solutions/"))


def source_of(docname):
    """The source file of a toc page (.md or .ipynb)."""
    for suffix in (".md", ".ipynb"):
        path = ROOT / f"{docname}{suffix}"
        if path.exists():
            return path
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
